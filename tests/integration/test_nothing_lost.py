"""Crawls of the fault server's api lists: ids that collide as file names, control characters,
Liquid, unclosed <embed>/<object>, odd outlet names. Every article is stored with its own post."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, ROOT, crawl
from faultserver import API_BODIES, COLLIDING_IDS

from newsbot.store import Store


@pytest.fixture(scope="module")
def bodies(fault_server: str, tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("bodies")
    result = crawl(fault_server, out, "fault-api-bodies", "--sources", str(FIXTURES / "sources"))
    with Store(out / "newsbot.db") as store:
        rows = {row["id"]: row for row in store.articles()}
        failures = store.failures()
    return {"rows": rows, "posts": out / "_posts", "result": result, "failures": failures}


def test_every_article_is_stored_with_its_own_post(bodies: dict) -> None:
    assert set(bodies["rows"]) == set(API_BODIES)
    posts = sorted(bodies["posts"].iterdir())
    assert len(posts) == len(API_BODIES)
    assert all(p.suffix == ".md" and not p.name.startswith(".") for p in posts)
    assert all(len(p.name.encode()) <= 255 for p in posts)
    assert bodies["failures"] == []
    # Each colliding id's post is its own: its title is in it.
    texts = [p.read_text("utf-8") for p in posts]
    for article_id in COLLIDING_IDS:
        assert sum(f'title: "冲突的编号 {article_id}"' in t for t in texts) == 1, article_id


def test_control_characters_are_cleaned_not_fatal(bodies: dict) -> None:
    row = bodies["rows"]["ctrl"]
    assert row["title"] == "标题 带 控制字符"
    assert row["body_html"] == "<p>正文 第一段 。</p><p>第二段。</p>"
    assert row["body_text"] == "正文 第一段 。\n\n第二段。"


def test_liquid_in_a_body_is_raw_in_the_post(bodies: dict) -> None:
    (post,) = [p for p in bodies["posts"].iterdir() if "-liquid" in p.name]
    body = post.read_text("utf-8").split("\n---\n", 1)[1]
    assert body.startswith("{% raw %}<p>Costs {{ site.time }} {% include nonexistent.html %}")
    assert body.endswith("{% endraw %}")


def test_unclosed_embedded_elements_keep_the_rest_of_the_body(bodies: dict) -> None:
    for article_id in ("embed", "object"):
        assert "第二段不能丢" in bodies["rows"][article_id]["body_text"]


def test_outlet_names_are_printed_safely_and_keep_their_lines(
    fault_server: str, tmp_path: Path
) -> None:
    result = crawl(
        fault_server, tmp_path, "fault-api-media", "--sources", str(FIXTURES / "sources")
    )
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    lines = result.stdout.splitlines()
    assert any(line.startswith("  新闻/晚报 ") and line.split()[1] == "1" for line in lines)
    assert any(line.startswith("  Red News ") for line in lines)


def test_a_killed_crawl_is_marked_abandoned_by_the_next(fault_server: str, tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "stuck.toml").write_text(
        'kind = "html"\nbase_url = "http://fault.example"\n[crawl]\ntimeout = 60\n'
        '[html]\nstart_urls = ["/delay/60.html"]\narticle_links = ["x"]\n',
        "utf-8",
    )
    db = tmp_path / "newsbot.db"
    args = ["--sources", str(sources), "--db", str(db), "--posts", str(tmp_path / "_posts")]
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsbot.cli", "crawl", "stuck", "--base-url", fault_server, *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if db.exists():
                with Store.open_readonly(db) as store:
                    if "crawls" in store.db.table_names() and store.crawls():
                        break
            time.sleep(0.2)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    with Store(db) as store:
        assert [r["status"] for r in store.crawls()] == ["running"]
    crawl(fault_server, tmp_path, "fault-api-media", "--sources", str(FIXTURES / "sources"))
    with Store(db) as store:
        (killed, after) = store.crawls()
    assert (killed["source"], killed["status"], killed["pid"]) == ("stuck", "abandoned", proc.pid)
    assert killed["finished_at"] is not None
    assert (after["source"], after["status"]) == ("fault-api-media", "finished")


def test_pages_with_control_characters_and_escaped_markup_in_titles(
    fault_server: str, tmp_path: Path
) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "titles.toml").write_text(
        'kind = "html"\nbase_url = "http://fault.example"\ntimezone = "UTC"\nlang = "en"\n'
        '[html]\nstart_urls = ["/faults/index.html"]\n'
        "article_links = ['/(control-chars|title-script)/1\\.html$']\n",
        "utf-8",
    )
    crawl(fault_server, tmp_path, "titles", "--sources", str(sources))
    with Store(tmp_path / "newsbot.db") as store:
        titles = {row["url"].rsplit("/", 2)[1]: row for row in store.articles()}
    assert titles["control-chars"]["title"] == "Pasted from Word"
    assert not any(ch in titles["control-chars"]["body_text"] for ch in "\x0b\x0c")
    escaped = "<script>alert(1)</script> Escaped markup in a title"
    assert titles["title-script"]["title"] == escaped  # plain text, as the page shows it
    (post,) = [p for p in (tmp_path / "_posts").iterdir() if "Escaped" in p.read_text("utf-8")]
    front, body = post.read_text("utf-8").split("\n---\n", 1)
    assert yaml.safe_load(front.removeprefix("---\n"))["title"] == escaped
    assert "<script" not in body
