"""Failures are data: every request, page or item that fails is counted with its reason,
logged in one line and recorded in the ``failures`` table, and the crawl goes on.

Spiders report their failures through :meth:`newsbot.spiders.base.SourceSpider.record_failure`,
which sends :data:`failure_recorded`; an exception raised by any item pipeline reaches
Scrapy's ``item_error`` signal. :class:`RecordFailuresExtension` handles both the same way:

- stats ``newsbot/articles/failed`` and ``newsbot/failed/<reason>`` (and per outlet for items);
- one warning line ``failed <url> (<reason>): <message>`` (the traceback only at ``-v``);
- a ``failures`` row per (source, URL), its attempts counted across runs.

A failure recorded by an earlier run is marked resolved at the end of a run that got its article
through every pipeline, or answered its URL with a 2xx response, and recorded no new failure
for that URL.
"""

from __future__ import annotations

import logging
from pathlib import Path
from types import TracebackType
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.logformatter import LogFormatter

from newsbot.clean import printable
from newsbot.items import Article
from newsbot.store import Store

__all__ = [
    "QuietLogFormatter",
    "RecordFailuresExtension",
    "failure_recorded",
    "reason_of_pipeline_error",
]

logger = logging.getLogger(__name__)

# Signal sent by SourceSpider.record_failure(reason=, url=, message=, http_status=, article_id=).
failure_recorded = object()

MESSAGE_CHARS = 300


def _pipeline_of(tb: TracebackType | None) -> str | None:
    # The innermost frame of a pipeline's method names the stage that failed.
    name = None
    while tb is not None:
        owner = tb.tb_frame.f_locals.get("self")
        if owner is not None and hasattr(owner, "process_item"):
            name = type(owner).__name__
        tb = tb.tb_next
    return name


def reason_of_pipeline_error(exc: BaseException) -> str:
    """``pipeline_<stage>`` for an exception raised in an item pipeline, from the name of the
    pipeline class (``CleanHtmlPipeline`` -> ``pipeline_cleanhtml``)."""
    name = _pipeline_of(exc.__traceback__)
    if name is None:
        return "pipeline_error"
    return "pipeline_" + name.removesuffix("Pipeline").lower()


class RecordFailuresExtension:
    """Counts, logs and stores every failure of a source's crawl (see the module docstring)."""

    def __init__(self, crawler: Any, db_path: Path, source_key: str) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.db_path = db_path
        self.source_key = source_key
        self.store: Store | None = None
        self.open_urls: set[str] = set()
        self.open_ids: set[str] = set()
        self.answered: set[str] = set()  # open URLs answered 2xx, or of articles scraped
        self.scraped_ids: set[str] = set()  # open article ids that went through
        self.failed: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Any) -> RecordFailuresExtension:
        source = getattr(crawler.spidercls, "source", None)
        if source is None:
            raise NotConfigured("not a newsbot source spider")
        ext = cls(crawler, Path(crawler.settings.get("NEWSBOT_DB")), source.key)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.response_received, signal=signals.response_received)
        crawler.signals.connect(ext.item_error, signal=signals.item_error)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        # The signal's arguments are those of record() (reason, url, message, http_status,
        # article_id): it is the handler.
        crawler.signals.connect(ext.record, signal=failure_recorded)
        return ext

    def spider_opened(self, spider: Any) -> None:
        self.store = Store(self.db_path)
        self.open_urls, self.open_ids = self.store.open_failures(self.source_key)

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.store is None:
            return
        self.store.resolve_failures(
            self.source_key, sorted(self.answered - self.failed), sorted(self.scraped_ids)
        )
        self.store.close()
        self.store = None

    def response_received(self, response: Any, request: Any, spider: Any) -> None:
        if 200 <= response.status < 300:
            for url in (request.url, response.url):
                if url in self.open_urls:
                    self.answered.add(url)

    def item_scraped(self, item: Any, response: Any, spider: Any) -> None:
        # Through every pipeline: the article's earlier failures are over.
        if getattr(item, "url", None) in self.open_urls:
            self.answered.add(item.url)
        if getattr(item, "id", None) in self.open_ids:
            self.scraped_ids.add(item.id)

    def record(
        self,
        reason: str,
        url: str,
        message: str = "",
        http_status: int | None = None,
        article_id: str | None = None,
        media: str | None = None,
    ) -> None:
        """Count, log and store one failure. No keyword-only parameters: Scrapy's signals
        pass a handler only the arguments its signature names positionally."""
        self.stats.inc_value("newsbot/articles/failed")
        self.stats.inc_value(f"newsbot/failed/{reason}")
        if media is not None:
            self.stats.inc_value(f"newsbot/media/{media or '?'}/failed")
        line = printable(message, MESSAGE_CHARS)
        logger.warning("failed %s (%s)%s", printable(url), reason, f": {line}" if line else "")
        self.failed.add(url)
        if article_id is not None:
            self.scraped_ids.discard(article_id)
        if self.store is not None:
            self.store.record_failure(
                self.source_key,
                url,
                reason,
                http_status=http_status,
                message=message[:2000],
                article_id=article_id,
            )

    # signal handlers ---------------------------------------------------------------------

    def item_error(self, item: Any, response: Any, spider: Any, failure: Any) -> None:
        exc = failure.value
        url = getattr(item, "url", "") or (response.url if response is not None else "")
        self.record(
            reason_of_pipeline_error(exc),
            url,
            f"{type(exc).__name__}: {exc}",
            article_id=getattr(item, "id", None),
            media=item.media if isinstance(item, Article) else None,
        )


def _item_label(item: Any) -> str:
    if isinstance(item, Article):
        return f"article {printable(item.id, 80)} ({printable(item.url)})"
    return type(item).__name__


class QuietLogFormatter(LogFormatter):
    """One line per dropped item (not the whole item); the traceback of an item error only
    with ``-v`` (its one-line summary is logged by :class:`RecordFailuresExtension`)."""

    def dropped(self, item: Any, exception: BaseException, response: Any, spider: Any) -> Any:
        logkws = super().dropped(item, exception, response, spider)
        if logkws is not None:
            logkws["msg"] = "Dropped: %(exception)s"
        return logkws

    def item_error(self, item: Any, exception: BaseException, response: Any, spider: Any) -> Any:
        return {
            "level": logging.INFO,
            "msg": "Error processing %(item)s",
            "args": {"item": _item_label(item)},
        }
