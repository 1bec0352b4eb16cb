"""Honest outcomes and paths: a crawl that got nothing fails with one line of reason, and
commands find the project's database from any working directory."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from opsserver import OpsServer
from test_locks import crawl_args, html_source

from newsbot.store import Store


@pytest.fixture(scope="module")
def server() -> Iterator[OpsServer]:
    with OpsServer() as running:
        yield running


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsbot.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_a_host_that_refuses_connections_is_a_failed_crawl(tmp_path: Path) -> None:
    extra = "\n[crawl]\nretries = 1\ntimeout = 5\n"
    html_source(tmp_path / "sources", "down", f"http://127.0.0.1:{closed_port()}", "/", extra)
    result = run(*crawl_args(tmp_path, "down"), cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr
    # One line per problem: not Scrapy's robots.txt error beside the list page's failure.
    assert len(lines) == 2, result.stderr
    assert lines[0].startswith("WARNING: failed http://127.0.0.1:")
    assert lines[0].endswith(
        "/ (connection_refused): Connection was refused by other side: 111: Connection refused."
    )
    assert lines[-1] == "error: down: crawl failed: all 1 list page failed (connection_refused)"
    # No site scaffold around an empty database (its _config.yml would name no host).
    assert "site: wrote" not in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["n.db", "sources"]
    with Store(tmp_path / "n.db") as store:
        (crawl,) = store.crawls()
    assert crawl["status"] == "failed: all 1 list page failed (connection_refused)"


def test_tracebacks_only_with_verbose(tmp_path: Path) -> None:
    html_source(tmp_path / "sources", "down", f"http://127.0.0.1:{closed_port()}", "/")
    result = run(*crawl_args(tmp_path, "down"), "-s", "RETRY_TIMES=0", "-v", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" in result.stderr


def test_a_list_without_article_links_is_a_failed_crawl(tmp_path: Path, server: OpsServer) -> None:
    html_source(tmp_path / "sources", "empty", server.url, "/news/list.html")
    source = tmp_path / "sources" / "empty.toml"
    source.write_text(source.read_text("utf-8").replace("['/news/", "['/nothing/"), "utf-8")
    result = run(*crawl_args(tmp_path, "empty"), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == "error: empty: crawl failed: no article links on 1 list page"
    with Store(tmp_path / "n.db") as store:
        assert store.crawls()[0]["status"] == "failed: no article links on 1 list page"


def project(tmp_path: Path, server: OpsServer) -> Path:
    root = tmp_path / "project"
    html_source(root / "feeds", "ops", server.url, "/news/list.html")
    (root / "newsbot.toml").write_text(
        'db = "state/news.db"\nposts = "site/_posts"\nsources = ["feeds"]\n', "utf-8"
    )
    return root


def test_paths_come_from_the_project_not_the_working_directory(
    tmp_path: Path, server: OpsServer
) -> None:
    root = project(tmp_path, server)
    deeper = root / "a" / "b"
    deeper.mkdir(parents=True)
    fast = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"]
    result = run("crawl", "ops", *fast, cwd=deeper)
    assert result.returncode == 0, result.stderr
    db = root / "state" / "news.db"
    assert f"database: {db}" in result.stdout
    assert len(list((root / "site" / "_posts").glob("*.md"))) == 3
    assert not (deeper / "data").exists()

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    again = run("crawl", "ops", *fast, cwd=elsewhere, env={"NEWSBOT_HOME": str(root)})
    assert again.returncode == 0, again.stderr
    assert f"database: {db}" in again.stdout
    with Store(db) as store:
        # The second crawl knew the three articles (the ledger skips them): same database.
        assert [c["new"] for c in store.crawls()] == [3, 0]
    assert list(elsewhere.iterdir()) == []


def test_db_option_and_setting_agree(tmp_path: Path, server: OpsServer) -> None:
    root = project(tmp_path, server)
    fast = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"]
    result = run("crawl", "ops", *fast, "-s", "NEWSBOT_DB=other.db", cwd=root)
    assert result.returncode == 0, result.stderr
    assert f"database: {root / 'other.db'}" in result.stdout
    assert (root / "other.db").is_file()
    both = run("crawl", "ops", "--db", "one.db", "-s", "NEWSBOT_DB=two.db", cwd=root)
    assert both.returncode == 2
    assert "NEWSBOT_DB" in both.stderr and "disagrees with --db" in both.stderr


def test_sources_folders_given_once_are_remembered_for_export(
    tmp_path: Path, server: OpsServer
) -> None:
    html_source(tmp_path / "sources", "ops", server.url, "/news/list.html")
    assert run(*crawl_args(tmp_path, "ops"), cwd=tmp_path).returncode == 0
    for post in (tmp_path / "_posts").glob("*.md"):
        post.unlink()
    result = run("export", "--db", str(tmp_path / "n.db"), "--posts",
                 str(tmp_path / "_posts"), cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "posts written: 3, unchanged: 0, skipped (unknown source): 0" in result.stdout
    assert len(list((tmp_path / "_posts").glob("*.md"))) == 3


def test_posts_past_keep_days_move_to_old_post_and_export_keeps_them_there(
    tmp_path: Path, server: OpsServer
) -> None:
    html_source(tmp_path / "sources", "ops", server.url, "/news/list.html")
    assert run(*crawl_args(tmp_path, "ops"), cwd=tmp_path).returncode == 0
    assert len(list((tmp_path / "_posts").glob("*.md"))) == 3  # articles of May 2022
    source = tmp_path / "sources" / "ops.toml"
    source.write_text(source.read_text("utf-8") + "\n[post]\nkeep_days = 3\n", "utf-8")
    assert run(*crawl_args(tmp_path, "ops"), cwd=tmp_path).returncode == 0
    archived = sorted(p.name for p in (tmp_path / "old_post").glob("*.md"))
    assert len(archived) == 3
    assert list((tmp_path / "_posts").glob("*.md")) == []
    result = run("export", "--db", str(tmp_path / "n.db"), "--posts",
                 str(tmp_path / "_posts"), cwd=tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "old_post").glob("*.md")) == archived
    assert list((tmp_path / "_posts").glob("*.md")) == []


def test_a_date_conflict_is_printed_when_first_recorded_only(
    tmp_path: Path, sample_server: str
) -> None:
    from conftest import ROOT, crawl

    first = crawl(sample_server, tmp_path, "world", "--sources", str(ROOT / "data" / "samples"))
    second = crawl(sample_server, tmp_path, "world", "--sources", str(ROOT / "data" / "samples"))
    assert first.stderr.count("date conflict on") == 1, first.stderr
    assert "date conflict" not in second.stderr
