"""`newsbot demo` (what `make demo` runs) twice: the second run changes nothing at all."""

from __future__ import annotations

import pytest
from conftest import REFERENCE_POST, newsbot

from newsbot.store import Store


@pytest.fixture(scope="module")
def two_demos(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("demo")
    args = ("demo", "--db", str(out / "newsbot.db"), "--posts", str(out / "_posts"))
    first = newsbot(*args)
    assert first.returncode == 0, first.stderr
    snapshot = {p.name: p.stat().st_mtime_ns for p in (out / "_posts").iterdir()}
    second = newsbot(*args)  # a new sample server, on another port
    assert second.returncode == 0, second.stderr
    return {"out": out, "first": first, "second": second, "snapshot": snapshot}


def totals(stdout: str) -> list[str]:
    (line,) = [line for line in stdout.splitlines() if line.startswith("total ")]
    return line.split()[1:]


def test_first_demo_stores_every_sample_article(two_demos: dict) -> None:
    new, updated, unchanged, failed, dropped = totals(two_demos["first"].stdout)
    assert (new, updated, unchanged, failed, dropped) == ("55", "0", "0", "0", "0")
    post = two_demos["out"] / "_posts" / "2022-05-18-NW202205182382767663.md"
    assert post.read_bytes() == REFERENCE_POST.read_bytes()


def test_second_demo_requests_no_article_and_rewrites_nothing(two_demos: dict) -> None:
    assert totals(two_demos["second"].stdout) == ["0", "0", "0", "0", "0"]
    assert "requests/article" not in two_demos["second"].stdout
    posts = two_demos["out"] / "_posts"
    assert {p.name: p.stat().st_mtime_ns for p in posts.iterdir()} == two_demos["snapshot"]
    with Store(two_demos["out"] / "newsbot.db") as store:
        assert store.count_articles() == 55
        urls = [row["url"] for row in store.articles("yjrb")]
    assert all(url.startswith("http://yjrb.example/yjrb/content/") for url in urls)
