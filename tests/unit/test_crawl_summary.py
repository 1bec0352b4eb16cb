"""The crawl summary: outlet names are printed safely and keep their per-outlet lines."""

from __future__ import annotations

from newsbot.crawl import CrawlReport, format_reports


def test_outlet_names_with_slashes_keep_their_lines_and_escapes_are_not_printed() -> None:
    stats = {
        "finish_reason": "finished",
        "newsbot/articles/new": 3,
        "newsbot/media/新闻/晚报/new": 2,
        "newsbot/media/a/b/c/failed": 1,
        "newsbot/media/\x1b[2J\x1b]0;title\x07Evil\u202e/new": 1,
    }
    report = CrawlReport.from_stats("s", stats)
    assert report.media == {
        "新闻/晚报": {"new": 2},
        "a/b/c": {"failed": 1},
        "\x1b[2J\x1b]0;title\x07Evil\u202e": {"new": 1},
    }
    text = format_reports([report])
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    lines = text.splitlines()
    assert any(
        line.startswith("  新闻/晚报 ") and line.split()[1:3] == ["2", "0"] for line in lines
    )
    assert any(line.startswith("  a/b/c ") for line in lines)
    assert any(line.startswith("  Evil\\u202e ") for line in lines)


def test_a_crawl_with_failures_is_not_ok() -> None:
    finished = {"finish_reason": "finished"}
    assert CrawlReport.from_stats("s", finished).ok
    assert not CrawlReport.from_stats("s", {**finished, "newsbot/articles/failed": 1}).ok
    assert not CrawlReport.from_stats("s", {"finish_reason": "shutdown"}).ok
