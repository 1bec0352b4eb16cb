from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from newsbot.dates import parse_date
from newsbot.items import Article
from newsbot.pipelines import source_of


class NormaliseDatePipeline:
    """Sets ``published`` from ``published_raw`` in the source's time zone."""

    def __init__(self, timezone: str, stats: Any) -> None:
        self.timezone = timezone
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> NormaliseDatePipeline:
        return cls(source_of(crawler).timezone, crawler.stats)

    def process_item(self, item: Article) -> Article:
        if item.published is None and item.published_raw:
            item.published = parse_date(
                item.published_raw, timezone=self.timezone, now=datetime.now(UTC)
            )
            if item.published is None:
                self.stats.inc_value("newsbot/date/unparsed")
        return item
