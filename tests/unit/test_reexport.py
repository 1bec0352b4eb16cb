"""`newsbot export` skips a post that is as it left it, without rendering or reading it, and
writes again a post whose file was deleted or edited since, or whose article changed."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsbot.cli import main
from newsbot.items import Article
from newsbot.store import Store


def stored(store: Store, n: int, body: str = "乡村治理") -> None:
    store.upsert_article(
        Article(
            id=f"G{n}", source="eastmoney-regional", url=f"http://n.example/{n}",
            title="西林全力构建乡村治理新格局", published=datetime(2022, 5, 18, tzinfo=UTC),
            body_html=f"<p>{body}</p>", body_text=body,
        )
    )  # fmt: skip


def export(db: Path, posts: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["export", "--db", str(db), "--posts", str(posts)]) == 0
    return capsys.readouterr().out.splitlines()[-1]


def test_reexport_skips_unchanged_posts_and_rewrites_deleted_or_edited_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, posts = tmp_path / "n.db", tmp_path / "_posts"
    with Store(db) as store:
        for n in range(5):
            stored(store, n)
    assert export(db, posts, capsys).startswith("posts written: 5, unchanged: 0,")
    files = [posts / f"2022-05-18-G{n}.md" for n in range(5)]
    original = [path.read_bytes() for path in files]

    # Skipped without being read: an edit keeping the size and the mtime goes unnoticed
    # (the documented limit), which shows the file was not read.
    stat = files[0].stat()
    files[0].write_bytes(original[0].replace("治理".encode(), "治里".encode()))
    os.utime(files[0], ns=(stat.st_atime_ns, stat.st_mtime_ns))
    files[1].unlink()  # deleted
    with files[2].open("ab") as fh:  # edited
        fh.write(b"\ntampered")
    files[3].touch()  # touched: read and compared, found equal, not rewritten
    with Store(db) as store:
        stored(store, 4, body="乡村治理，新的一段")  # the article changed
    assert export(db, posts, capsys).startswith("posts written: 3, unchanged: 2,")
    assert files[0].read_bytes() != original[0]
    assert [path.read_bytes() for path in files[1:4]] == original[1:4]
    assert "新的一段".encode() in files[4].read_bytes()

    assert export(db, posts, capsys).startswith("posts written: 0, unchanged: 5,")


def test_reexport_of_unchanged_posts_does_not_load_pypinyin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The site pages name each category; its pinyin slug is made only when a template asks
    # for it (this source's links do not), so re-exporting unchanged posts loads no pypinyin.
    import json
    import subprocess
    import sys

    db, posts = tmp_path / "n.db", tmp_path / "_posts"
    with Store(db) as store:
        store.upsert_article(
            Article(
                id="G1", source="eastmoney-regional", url="http://n.example/1", title="标题",
                published=datetime(2022, 5, 18, tzinfo=UTC), media="右江日报",
                category="youjiangribao", body_html="<p>正文</p>", body_text="正文",
            )
        )  # fmt: skip
    assert export(db, posts, capsys).startswith("posts written: 1,")
    probe = (
        "import json, sys\nfrom newsbot.cli import main\ncode = main(sys.argv[1:])\n"
        "print(json.dumps([code, 'pypinyin' in sys.modules]))"
    )
    args = ["export", "--db", str(db), "--posts", str(posts)]
    run = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "posts written: 0, unchanged: 1," in run.stdout
    assert json.loads(run.stdout.strip().splitlines()[-1]) == [0, False]
