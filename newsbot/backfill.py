"""``newsbot backfill``: walk a source's history between two days through Scrapy's engine,
checkpointing each completed day (or dated sitemap) in the database so that a run killed at
any moment, SIGKILL included, continues where it stopped. See README.md, "Backfills"."""

from __future__ import annotations

import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, TextIO

from newsbot.config import Source
from newsbot.crawl import CrawlReport, scrapy_settings
from newsbot.ledger import days_between
from newsbot.store import Store

__all__ = ["BackfillProgress", "DayRow", "day_table", "format_days", "run_backfill"]


class BackfillProgress:
    """Counts requests and articles as the crawl goes: a bar with counts and rate on a
    terminal, one log line every ``interval`` seconds otherwise."""

    def __init__(
        self, source: str, units: int | None, out: TextIO = sys.stderr, interval: float = 10
    ) -> None:
        self.source = source
        self.out = out
        self.interval = interval
        self.requests = self.articles = self.units = 0
        self.started = self.last = time.monotonic()
        self.bar: Any = None
        if out.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=units, unit="day", desc=source, file=out, dynamic_ncols=True)

    def connect(self, crawler: Any) -> None:
        from scrapy import signals

        crawler.signals.connect(self.on_response, signal=signals.response_received)
        crawler.signals.connect(self.on_item, signal=signals.item_scraped)
        crawler.signals.connect(self.on_stats, signal=signals.response_downloaded)
        self.crawler = crawler

    def on_response(self, **kwargs: Any) -> None:
        self.requests += 1
        self.update()

    def on_item(self, **kwargs: Any) -> None:
        self.articles += 1
        self.update()

    def on_stats(self, **kwargs: Any) -> None:
        done = int(self.crawler.stats.get_value("newsbot/backfill/units_done", 0))
        if self.bar is not None and done > self.units:
            self.bar.update(done - self.units)
        self.units = done

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        return (
            f"backfill {self.source}: {self.units} days done, {self.articles} articles, "
            f"{self.requests} requests, {self.articles / elapsed:.1f} articles/s"
        )

    def update(self) -> None:
        now = time.monotonic()
        if self.bar is not None:
            self.bar.set_postfix(articles=self.articles, requests=self.requests, refresh=False)
        elif now - self.last >= self.interval:
            print(self.line(), file=self.out, flush=True)
            self.last = now

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        else:
            print(self.line(), file=self.out, flush=True)


@dataclass(frozen=True)
class DayRow:
    day: date
    articles: int
    done: bool


def day_table(store: Store, source: str, since: date, until: date) -> list[DayRow]:
    """Per day of the range, newest first: stored articles and whether the day is complete."""
    counts = store.articles_per_day(source, since.isoformat(), until.isoformat())
    done = {row["day"] for row in store.db.query(
        "SELECT day FROM backfill_units WHERE source = ? AND day IS NOT NULL", [source]
    )}  # fmt: skip
    return [
        DayRow(day, counts.get(day.isoformat(), 0), day.isoformat() in done)
        for day in days_between(since, until)
    ]


def format_days(rows: list[DayRow]) -> str:
    """The per-day table; days without articles are flagged."""
    lines = [f"{'day':<12}{'articles':>10}  {'checkpoint':<10}", "-" * 34]
    for row in rows:
        flag = "  <- no articles" if row.articles == 0 else ""
        lines.append(
            f"{row.day.isoformat():<12}{row.articles:>10}  {'done' if row.done else '-':<10}{flag}"
        )
    empty = sum(1 for row in rows if row.articles == 0)
    lines.append("-" * 34)
    lines.append(f"{sum(r.articles for r in rows)} articles over {len(rows)} days; {empty} empty")
    return "\n".join(lines)


def run_backfill(
    source: Source, overrides: Mapping[str, Any], since: date, until: date
) -> CrawlReport:
    """Backfill ``source`` from ``until`` back to ``since``; blocks until done or stopped."""
    from scrapy.crawler import CrawlerProcess

    from newsbot.spiders import spider_class

    units = None
    if source.html is not None and source.html.archive_url:
        with Store(overrides["NEWSBOT_DB"]) as store:
            done = store.completed_units(source.key)
        units = sum(1 for day in days_between(since, until) if day.isoformat() not in done)
    process = CrawlerProcess(scrapy_settings(overrides))
    crawler = process.create_crawler(spider_class(source))
    progress = BackfillProgress(source.key, units)
    progress.connect(crawler)
    process.crawl(crawler, since=since, until=until)
    process.start()
    progress.close()
    return CrawlReport.from_stats(source.key, crawler.stats.get_stats())
