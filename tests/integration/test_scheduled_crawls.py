"""Scheduled crawls fetch only what is new, changed or due, through Scrapy's engine, against
the sample server's generated archive (ETag / Last-Modified / 304, edits, retractions)."""

from __future__ import annotations

import json
import re
import shutil
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURES, crawl, served

from newsbot.sampleserver import serve_subprocess
from newsbot.store import Store

ARCHIVE_SOURCES = FIXTURES / "archive"
ARTICLE_PATH = re.compile(r"^/archive/\d{6}/\d{2}/a(\d+)\.html$")


@pytest.fixture
def archive() -> Iterator[str]:
    """A sample server of its own: these tests change its archive (120 articles, 10 days)."""
    proc, url = serve_subprocess(archive_articles=120, archive_days=10)
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.load(response)


def article_numbers(paths: Counter[str]) -> set[int]:
    return {int(m.group(1)) for path in paths if (m := ARTICLE_PATH.match(path))}


def list_pages(paths: Counter[str]) -> int:
    return sum(n for path, n in paths.items() if re.match(r"^/archive/(list_\d+\.html)?$", path))


def summary_count(stdout: str, key: str) -> int:
    match = re.search(rf"^  {re.escape(key)}: (\d+)$", stdout, re.M)
    return int(match.group(1)) if match else 0


def sources_dir(tmp_path: Path, **schedule: str) -> Path:
    """A copy of the archive sources, with ``[schedule]`` settings when given."""
    folder = tmp_path / "sources"
    shutil.copytree(ARCHIVE_SOURCES, folder, dirs_exist_ok=True)
    if schedule:
        for path in folder.glob("*.toml"):
            lines = "".join(f'{key} = "{value}"\n' for key, value in schedule.items())
            path.write_text(path.read_text("utf-8") + f"\n[schedule]\n{lines}", "utf-8")
    return folder


def run(server: str, out: Path, sources: Path, source: str) -> tuple[str, Counter, Counter]:
    """Crawl ``source``; returns its summary and what the server served during the crawl."""
    paths_before, statuses_before = served(server)
    result = crawl(server, out, source, "--sources", str(sources))
    paths_after, statuses_after = served(server)
    return result.stdout, paths_after - paths_before, statuses_after - statuses_before


@pytest.mark.parametrize("source", ["archive-sitemap", "archive-html", "archive-api"])
def test_second_crawl_of_an_unchanged_site_requests_no_article(
    archive: str, tmp_path: Path, source: str
) -> None:
    sources = sources_dir(tmp_path)
    first, paths, _ = run(archive, tmp_path, sources, source)
    assert summary_count(first, "requests/article") >= 50
    second, paths, statuses = run(archive, tmp_path, sources, source)
    assert summary_count(second, "requests/article") == 0  # Scrapy's stats
    assert article_numbers(paths) == set()  # the server's counter
    assert "/archive/api/text" not in "".join(paths)
    assert summary_count(second, "ledger/not_modified") == 1
    assert statuses["304"] == 1 and statuses["200"] == 0  # the list (or index) answered 304
    with Store(tmp_path / "newsbot.db") as store:
        assert store.db["seen_urls"].count >= 51


def test_new_changed_and_retracted_articles(archive: str, tmp_path: Path) -> None:
    sources = sources_dir(tmp_path)
    run(archive, tmp_path, sources, "archive-sitemap")
    posts = tmp_path / "_posts"
    assert len(list(posts.glob("*.md"))) == 120

    (new,) = get(f"{archive}/_archive/publish?count=1")["numbers"]
    get(f"{archive}/_archive/edit?n=30")
    stdout, paths, statuses = run(archive, tmp_path, sources, "archive-sitemap")
    assert article_numbers(paths) == {new, 30}  # the new one, and the one whose lastmod moved
    assert summary_count(stdout, "requests/article") == 2
    assert statuses["304"] >= 8  # unchanged day sitemaps
    with Store(tmp_path / "newsbot.db") as store:
        edited = next(r for r in store.articles() if r["title"].startswith("Story 30:"))
        assert "Correction 1" in edited["body_text"]
        (version,) = store.versions(edited["id"])
        assert "Correction" not in version["body_html"]
        assert version["content_hash"] != edited["content_hash"]
    (post,) = posts.glob(f"*-{edited['id']}.md")
    assert "Correction 1" in post.read_text("utf-8")
    assert len(list(posts.glob("*.md"))) == 121

    # The newest article is retracted; young articles are re-checked once their interval
    # has passed (here at once): it answers 404, the others 304.
    get(f"{archive}/_archive/retract?n={new}")
    sources = sources_dir(tmp_path, recheck_every="0s")
    stdout, paths, statuses = run(archive, tmp_path, sources, "archive-sitemap")
    assert new in article_numbers(paths)
    assert statuses["404"] >= 1 and statuses["304"] >= 2
    assert summary_count(stdout, "ledger/retracted") == 1
    with Store(tmp_path / "newsbot.db") as store:
        gone = next(r for r in store.articles() if r["title"].startswith(f"Story {new}:"))
        assert gone["retracted"] == 1 and gone["retracted_at"]
    assert not list(posts.glob(f"*-{gone['id']}.md"))
    assert len(list(posts.glob("*.md"))) == 120


def test_paging_stops_at_the_first_page_of_known_articles(archive: str, tmp_path: Path) -> None:
    sources = sources_dir(tmp_path)
    _, paths, _ = run(archive, tmp_path, sources, "archive-html")
    assert list_pages(paths) == 3  # 120 articles, 50 a page
    (new,) = get(f"{archive}/_archive/publish?count=1")["numbers"]
    stdout, paths, _ = run(archive, tmp_path, sources, "archive-html")
    assert article_numbers(paths) == {new}
    # Page 1 has the new article; page 2 holds only known ones, so page 3 is not asked for.
    assert list_pages(paths) == 2
    assert summary_count(stdout, "ledger/paging_stopped") == 1
    assert "/archive/list_3.html" not in paths
