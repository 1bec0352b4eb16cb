"""Item pipelines, one per module, each a thin adapter over one pure function.

Order (``ITEM_PIPELINES`` in :mod:`newsbot.settings`):

1. ``NormaliseDatePipeline`` (200): ``published_raw`` -> aware ``published``.
2. ``CleanHtmlPipeline`` (300): safe ``body_html`` and ``body_text`` from one parse.
3. ``DeriveCategoryPipeline`` (400): ``category`` and ``tags`` from the source's template.
4. ``ValidateArticlePipeline`` (500): drops articles missing a required field, counted.
5. ``StoreArticlePipeline`` (600): upsert into SQLite; counts new / updated / unchanged.
6. ``ExportPostPipeline`` (700): writes the post, rendered from the stored row.

The last two do their writes through the crawl's :class:`~newsbot.writer.Writer`
(:func:`writer_of`), in its thread while extraction runs in worker processes.
"""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any, TypeVar

from newsbot.config import Source
from newsbot.writer import Writer

T = TypeVar("T")

# Scrapy's default reactor, which runs on asyncio's loop (TWISTED_REACTOR).
ASYNCIO_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"


def source_of(crawler: Any) -> Source:
    """The source a crawler crawls (every newsbot spider class carries its own)."""
    source = getattr(crawler.spidercls, "source", None)
    if not isinstance(source, Source):
        raise TypeError(f"{crawler.spidercls.__name__} is not a newsbot source spider")
    return source


def writer_of(crawler: Any) -> Writer:
    """The crawl's writer, one per crawler, shared by the pipelines and the spider's ledger:
    threaded when pages are extracted in worker processes (``NEWSBOT_EXTRACT_WORKERS`` > 0),
    so that the crawl's thread and the writes each have a core; else it writes at once in
    the crawl's thread. The crawl awaits a thread's answers in asyncio's loop (Scrapy's
    default reactor runs on it); under another reactor it writes at once too. Closed when
    the engine stops."""
    writer: Writer | None = getattr(crawler, "newsbot_writer", None)
    if writer is None:
        from scrapy import signals

        threaded = crawler.settings.getint("NEWSBOT_EXTRACT_WORKERS") > 0
        threaded = threaded and crawler.settings.get("TWISTED_REACTOR") == ASYNCIO_REACTOR
        backlog = max(1, crawler.settings.getint("NEWSBOT_WRITE_BACKLOG"))
        writer = crawler.newsbot_writer = Writer(threaded=threaded, backlog=backlog)
        crawler.signals.connect(writer.close, signal=signals.engine_stopped)
    return writer


async def result_of(future: Future[T]) -> T:
    """The result of a writer's job, awaited in the crawl's thread (at once when done)."""
    if future.done():
        return future.result()
    import asyncio

    return await asyncio.wrap_future(future)
