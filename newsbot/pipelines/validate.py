from __future__ import annotations

from typing import Any

from scrapy.exceptions import DropItem

from newsbot.items import Article

REQUIRED = ("id", "url", "title", "published", "body_text")


def missing_fields(item: Article) -> list[str]:
    """Required fields that are empty (``body_text`` empty means the body had no text)."""
    return [name for name in REQUIRED if not getattr(item, name)]


class ValidateArticlePipeline:
    """Drops an article missing a required field; the reason becomes a stats counter."""

    def __init__(self, stats: Any) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> ValidateArticlePipeline:
        return cls(crawler.stats)

    def process_item(self, item: Article) -> Article:
        missing = missing_fields(item)
        if missing:
            for name in missing:
                self.stats.inc_value(f"newsbot/dropped/missing_{name}")
            self.stats.inc_value("newsbot/articles/dropped")
            raise DropItem(f"article {item.id!r} ({item.url}) lacks {', '.join(missing)}")
        return item
