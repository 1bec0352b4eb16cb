"""Politeness by default, measured on the server's request log: robots.txt Disallow and
Crawl-delay, and Retry-After on 429."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path

from conftest import newsbot
from opsserver import OpsServer
from test_locks import html_source

from newsbot.store import Store

ROBOTS = "User-agent: *\nCrawl-delay: 1\nDisallow: /private/\n"


def polite_crawl(out: Path, key: str) -> object:
    """A crawl without the test suite's usual "no delay" settings: the defaults apply."""
    return newsbot("crawl", key, "--sources", str(out / "sources"), "--db", str(out / "n.db"),
                   "--posts", str(out / "_posts"))  # fmt: skip


def test_robots_disallow_and_crawl_delay_are_obeyed(tmp_path: Path) -> None:
    with OpsServer(robots=ROBOTS, articles=3) as server:
        # The source asks for no delay at all: Crawl-delay must win over it and AutoThrottle.
        extra = "\n[crawl]\ndownload_delay = 0\nconcurrent_requests = 4\n"
        html_source(tmp_path / "sources", "polite", server.url, "/news/list.html", extra)
        source = tmp_path / "sources" / "polite.toml"
        text = source.read_text("utf-8")
        source.write_text(text.replace('["/news/list.html"]', '["/news/list.html", '
                                       '"/private/list.html"]'), "utf-8")  # fmt: skip
        result = polite_crawl(tmp_path, "polite")
        hits = server.hits()
    assert result.returncode == 0, result.stderr
    assert not [hit for hit in hits if hit.path.startswith("/private/")]
    assert [hit.path for hit in hits][:2] == ["/robots.txt", "/news/list.html"]
    assert len(hits) == 5  # robots.txt, the list, three articles
    gaps = [later.at - earlier.at for earlier, later in pairwise(hits)]
    assert min(gaps) >= 1.0, gaps
    with Store(tmp_path / "n.db") as store:
        assert store.count_articles() == 3


def test_429_with_retry_after_is_retried_after_the_wait(tmp_path: Path) -> None:
    with OpsServer(articles=2) as server:
        html_source(tmp_path / "sources", "busy", server.url, "/busy/list.html")
        result = newsbot(
            "crawl", "busy", "--sources", str(tmp_path / "sources"), "--db",
            str(tmp_path / "n.db"), "--posts", str(tmp_path / "_posts"),
            "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
        )  # fmt: skip
        busy = server.hits("/busy/")
    assert result.returncode == 0, result.stderr
    assert len(busy) == 2  # the 429, then the retry that succeeded
    assert busy[1].at - busy[0].at >= 2.0
    with Store(tmp_path / "n.db") as store:
        assert store.count_articles() == 2


def test_user_agent_names_newsbot_and_the_contact(tmp_path: Path) -> None:
    from newsbot.crawl import scrapy_settings

    settings = scrapy_settings({"NEWSBOT_CONTACT": "mailto:ops@example.org"})
    assert settings.get("USER_AGENT") == "newsbot/0.1 (+mailto:ops@example.org)"
    assert scrapy_settings({"USER_AGENT": "x"}).get("USER_AGENT") == "x"


def test_daily_request_cap_per_host_stops_the_crawl(tmp_path: Path) -> None:
    with OpsServer(articles=3) as server:
        html_source(tmp_path / "sources", "capped", server.url, "/news/list.html",
                    "\n[schedule]\ndaily_requests = 3\n")  # fmt: skip
        args = ["crawl", "capped", "--sources", str(tmp_path / "sources"), "--db",
                str(tmp_path / "n.db"), "--posts", str(tmp_path / "_posts"),
                "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
                "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1"]  # fmt: skip
        first = newsbot(*args)
        after_first = len(server.hits())
        second = newsbot(*args)
        after_second = len(server.hits())
    assert first.returncode == 1
    assert "daily_request_cap" in first.stdout
    assert after_first == 3  # robots.txt, the list, one article
    assert second.returncode == 1 and after_second == after_first  # nothing more today
    with Store(tmp_path / "n.db") as store:
        (counted,) = store.requests_on(datetime.now(UTC).date().isoformat()).values()
    assert counted == 3
