"""``newsbot crawl --retry-failed`` fetches only recorded failures that are due, waits
longer after each attempt, and gives a failure up after the configured attempts."""

from __future__ import annotations

from pathlib import Path

from conftest import newsbot
from opsserver import OpsServer
from test_locks import crawl_args, html_source

from newsbot.store import Store


def test_retry_failed_fetches_only_due_failures_and_gives_up(tmp_path: Path) -> None:
    with OpsServer(articles=3) as server:
        server.broken = {"/news/1.html"}
        html_source(tmp_path / "sources", "ops", server.url, "/news/list.html")
        base = [*crawl_args(tmp_path, "ops"), "-s", "RETRY_TIMES=0"]
        first = newsbot(*base)
        assert first.returncode == 1
        failed_url = f"{server.url}/news/1.html"

        def row() -> dict:
            with Store(tmp_path / "n.db") as store:
                (failure,) = store.failures("ops")
            return failure

        assert (row()["url"], row()["attempts"]) == (failed_url, 1)

        before = len(server.hits())
        waiting = newsbot(*base, "--retry-failed")  # due an hour after the failure
        assert waiting.returncode == 0, waiting.stderr
        assert len(server.hits()) == before

        due = newsbot(*base, "--retry-failed", "-s", "NEWSBOT_FAILURE_RETRY_BASE=0")
        assert due.returncode == 1
        assert [hit.path for hit in server.hits()[before:]] == ["/robots.txt", "/news/1.html"]
        assert row()["attempts"] == 2

        before = len(server.hits())
        last = newsbot(*base, "--retry-failed", "-s", "NEWSBOT_FAILURE_RETRY_BASE=0",
                       "-s", "NEWSBOT_FAILURE_MAX_ATTEMPTS=2")  # fmt: skip
        assert last.returncode == 0, last.stderr
        assert len(server.hits()) == before
        assert row()["given_up_at"]


def test_retry_waits_double_up_to_a_cap() -> None:
    from datetime import timedelta

    from newsbot.retrying import retry_wait

    hour = timedelta(hours=1)
    waits = [retry_wait(n, hour, 5 * hour) for n in (1, 2, 3, 4)]
    assert waits == [hour, 2 * hour, 4 * hour, 5 * hour]


def test_retry_failed_of_an_html_list_page_crawls_its_articles(tmp_path: Path) -> None:
    """A list page that failed is fetched again as a list: its article links are followed
    and stored, and the failure is resolved."""
    with OpsServer(articles=2) as server:
        server.broken = {"/news/list.html"}
        html_source(tmp_path / "sources", "ops", server.url, "/news/list.html")
        base = [*crawl_args(tmp_path, "ops"), "-s", "RETRY_TIMES=0"]
        assert newsbot(*base).returncode == 1
        with Store(tmp_path / "n.db") as store:
            (failure,) = store.failures("ops")
            assert failure["url"] == f"{server.url}/news/list.html"
            assert store.db["articles"].count == 0

        server.broken = set()
        before = len(server.hits())
        retry = newsbot(*base, "--retry-failed", "-s", "NEWSBOT_FAILURE_RETRY_BASE=0")
        assert retry.returncode == 0, retry.stderr
        paths = [hit.path for hit in server.hits()[before:]]
        assert paths[:2] == ["/robots.txt", "/news/list.html"]
        assert sorted(paths[2:]) == ["/news/0.html", "/news/1.html"]
        with Store(tmp_path / "n.db") as store:
            assert store.db["articles"].count == 2
            assert store.failures("ops", open_only=True) == []
            (failure,) = store.failures("ops")
            assert failure["resolved_at"]
