"""Running crawls of sources through Scrapy's engine, and reading back what they did."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from unicodedata import east_asian_width

from newsbot.clean import printable
from newsbot.config import Source
from newsbot.store import CRAWL_COUNTS

__all__ = ["CrawlReport", "format_reports", "run_crawls"]

# Stats under ``newsbot/<key>/`` that the summary lists below each source.
SUMMARY_KEYS = ("failed", "dropped", "date", "charset", "ledger", "requests")


@dataclass
class CrawlReport:
    """What one crawl of one source did, from its stats."""

    source: str
    finish_reason: str
    counts: dict[str, int]
    media: dict[str, dict[str, int]] = field(default_factory=dict)
    reasons: dict[str, int] = field(default_factory=dict)
    # Why a crawl that ran to its end got nothing (see crawl_problem), or None.
    problem: str | None = None

    @property
    def finished(self) -> bool:
        return self.finish_reason == "finished"

    @property
    def ok(self) -> bool:
        """Finished with nothing failed (what exit status 0 means)."""
        return self.finished and not self.counts.get("failed") and self.problem is None

    @classmethod
    def from_stats(cls, source: str, stats: Mapping[str, Any]) -> CrawlReport:
        counts = {name: int(stats.get(f"newsbot/articles/{name}", 0)) for name in CRAWL_COUNTS}
        media: dict[str, dict[str, int]] = defaultdict(dict)
        reasons: dict[str, int] = {}
        for key, value in stats.items():
            parts = key.split("/")
            # newsbot/media/<name>/<count>: the name itself may contain '/'.
            if parts[:2] == ["newsbot", "media"] and len(parts) >= 4 and parts[-1] in CRAWL_COUNTS:
                media["/".join(parts[2:-1])][parts[-1]] = int(value)
            elif parts[0] == "newsbot" and parts[1:2] and parts[1] in SUMMARY_KEYS:
                reasons["/".join(parts[1:])] = int(value)
        finish_reason = str(stats.get("finish_reason", "unknown"))
        return cls(source, finish_reason, counts, dict(media), reasons, crawl_problem(stats))


def crawl_problem(stats: Mapping[str, Any]) -> str | None:
    """Why a crawl that ran to its end still failed, or None: every list page, feed or
    sitemap failed, or together they held no article link."""
    requested = int(stats.get("newsbot/lists/requested", 0))
    if not requested:
        return None
    failed = int(stats.get("newsbot/lists/failed", 0))
    plural = "s" if requested > 1 else ""
    if failed >= requested:
        prefix = "newsbot/lists/failed/"
        reasons = sorted(key[len(prefix) :] for key in stats if key.startswith(prefix))
        return f"all {requested} list page{plural} failed ({', '.join(reasons)})"
    # A list that answered 304 holds nothing new: it has no links to read, and is no failure.
    read = requested - failed - int(stats.get("newsbot/ledger/not_modified", 0))
    if read > 0 and not any(int(v) for k, v in stats.items() if k.startswith("newsbot/links/")):
        return f"no article links on {read} list page{'s' if read > 1 else ''}"
    return None


def scrapy_settings(overrides: Mapping[str, Any]) -> Any:
    from scrapy.settings import SETTINGS_PRIORITIES, Settings

    from newsbot.settings import user_agent

    settings = Settings()
    settings.setmodule("newsbot.settings", priority="project")
    settings.update(dict(overrides), priority="cmdline")
    if settings.getpriority("USER_AGENT") == SETTINGS_PRIORITIES["project"]:
        settings.set("USER_AGENT", user_agent(settings.get("NEWSBOT_CONTACT")), "project")
    return settings


# Seconds that downloads in flight may still finish after SIGTERM or SIGINT.
SHUTDOWN_GRACE = 2.0


def abort_downloads_on_shutdown(grace: float) -> None:
    """Make SIGTERM and SIGINT end a crawl within seconds. Scrapy's handlers (installed when
    the reactor starts) stop gracefully, which waits for every download in flight, up to
    its timeout; chained onto them, this aborts the connections still open ``grace``
    seconds after the signal. Those requests fail (and are fetched again next run), the
    crawl closes as usual. A second signal still kills at once."""
    import signal

    from twisted.internet import reactor, tcp

    def abort() -> None:
        for descriptor in {*reactor.getReaders(), *reactor.getWriters()}:
            if isinstance(descriptor, tcp.Client):
                descriptor.abortConnection()

    for signum in (signal.SIGTERM, signal.SIGINT):
        previous = signal.getsignal(signum)

        def handler(number: int, frame: Any, previous: Any = previous) -> None:
            if callable(previous):
                previous(number, frame)
            reactor.callFromThread(reactor.callLater, grace, abort)

        signal.signal(signum, handler)


def run_crawls(sources: Sequence[Source], overrides: Mapping[str, Any]) -> list[CrawlReport]:
    """Crawl ``sources`` together in one Scrapy process; blocks until all are done."""
    from scrapy.crawler import CrawlerProcess

    from newsbot.logs import quiet_logging
    from newsbot.spiders import spider_class

    settings = scrapy_settings(overrides)
    verbose = settings.get("LOG_LEVEL") in ("DEBUG", "INFO")
    settings.set("LOG_INSTALL_ROOT_HANDLER", verbose, "cmdline")
    process = CrawlerProcess(settings)
    # Scrapy sets its loggers to DEBUG: each request and item would make a record that the
    # handler then drops. At the crawl's level, quieter messages cost nothing.
    logging.getLogger("scrapy").setLevel(settings.get("LOG_LEVEL"))
    if not verbose:
        quiet_logging(settings.get("LOG_LEVEL"))
    crawlers = []
    for source in sources:
        crawler = process.create_crawler(spider_class(source))
        process.crawl(crawler)
        crawlers.append((source.key, crawler))
    from twisted.internet import reactor

    # After the startup triggers, among them the one installing Scrapy's handlers.
    reactor.callWhenRunning(reactor.callLater, 0, abort_downloads_on_shutdown, SHUTDOWN_GRACE)
    process.start()
    return [CrawlReport.from_stats(key, crawler.stats.get_stats()) for key, crawler in crawlers]


def format_reports(reports: Sequence[CrawlReport]) -> str:
    """A short table: one line per source, one per media below it, then failure reasons."""
    header = f"{'source / media':<28}" + "".join(f"{name:>10}" for name in CRAWL_COUNTS)
    lines = [header, "-" * len(header)]
    totals = dict.fromkeys(CRAWL_COUNTS, 0)
    for report in reports:
        reason = report.problem or ("" if report.finished else report.finish_reason)
        status = f"  ({reason})" if reason else ""
        lines.append(
            f"{report.source:<28}"
            + "".join(f"{report.counts[name]:>10}" for name in CRAWL_COUNTS)
            + status
        )
        for media, counts in sorted(report.media.items()):
            label = "  " + printable(media, 25)
            # Wide (CJK) characters take two terminal columns.
            pad = 28 - sum(2 if east_asian_width(ch) in "WF" else 1 for ch in label)
            lines.append(
                label
                + " " * max(pad, 1)
                + "".join(f"{counts.get(name, 0):>10}" for name in CRAWL_COUNTS)
            )
        for reason, count in sorted(report.reasons.items()):
            lines.append(f"  {printable(reason)}: {count}")
        for name in CRAWL_COUNTS:
            totals[name] += report.counts[name]
    lines.append("-" * len(header))
    lines.append(f"{'total':<28}" + "".join(f"{totals[name]:>10}" for name in CRAWL_COUNTS))
    return "\n".join(lines)
