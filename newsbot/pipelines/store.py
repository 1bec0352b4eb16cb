from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from scrapy import signals
from twisted.internet import task

from newsbot.crawl import crawl_problem
from newsbot.items import Article
from newsbot.pipelines import result_of, source_of, writer_of
from newsbot.store import BATCH_SECONDS, CRAWL_COUNTS, Store
from newsbot.writer import Writer

logger = logging.getLogger(__name__)


class StoreArticlePipeline:
    """Upserts articles into the SQLite store and records the crawl in ``crawls``."""

    def __init__(self, db_path: Path, source_key: str, stats: Any, writer: Writer) -> None:
        self.db_path = db_path
        self.source_key = source_key
        self.stats = stats
        self.writer = writer
        self.store: Store | None = None
        self.crawl_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> StoreArticlePipeline:
        pipeline = cls(
            Path(crawler.settings.get("NEWSBOT_DB")),
            source_of(crawler).key,
            crawler.stats,
            writer_of(crawler),
        )
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self) -> None:
        self.store = Store(self.db_path)
        self.crawl_id = self.store.start_crawl(self.source_key)
        # Articles, with their ledger entries and failures, are committed in batches (see
        # newsbot.store); the timer commits a batch that a quiet spell would leave open. It
        # goes through the writer: the crawl's thread never waits for the database.
        self.store.begin_batch()
        self.flusher = task.LoopingCall(self.writer.post, self.store.flush_if_due)
        self.flusher.start(BATCH_SECONDS / 4, now=False)

    def close_spider(self) -> None:
        self.writer.drain()
        self._end_batch()

    def _end_batch(self) -> None:
        flusher, self.flusher = getattr(self, "flusher", None), None
        if flusher is not None and self.store is not None:
            if flusher.running:
                flusher.stop()
            self.store.end_batch()

    async def process_item(self, item: Article) -> Article:
        outcome, known = await result_of(self.writer.submit(self._upsert, item))
        for conflict in item.date_conflicts:
            if conflict not in known:  # a warning when first recorded, not on every rerun
                logger.warning("date conflict on %s: %s", item.url, conflict)
        self.stats.inc_value(f"newsbot/articles/{outcome}")
        self.stats.inc_value(f"newsbot/media/{item.media or '?'}/{outcome}")
        return item

    def _upsert(self, item: Article) -> tuple[str, list[str]]:
        """In the writer: the article's outcome, with the date conflicts stored before."""
        assert self.store is not None
        known = self.store.date_conflicts_of(item.id) if item.date_conflicts else []
        return self.store.upsert_article(item), known

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.store is None or self.crawl_id is None:
            return
        self.writer.drain()
        self._end_batch()
        counts = {
            name: self.stats.get_value(f"newsbot/articles/{name}", 0) for name in CRAWL_COUNTS
        }
        problem = crawl_problem(self.stats.get_stats())
        if problem:
            status = f"failed: {problem}"
        else:
            status = "finished" if reason == "finished" else f"stopped: {reason}"
        self.store.finish_crawl(self.crawl_id, counts, status)
        self.store.close()
        self.store = None
