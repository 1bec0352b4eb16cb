"""Middlewares of the spider kinds: what a source may fetch, and failures of callbacks."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

from lxml import etree
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.defer import maybe_deferred_to_future

from newsbot.kinds.urls import fetch_refusal

__all__ = [
    "ExtractBacklogMiddleware",
    "FetchPolicyMiddleware",
    "RecordCallbackErrorsMiddleware",
    "RedirectLoopMiddleware",
    "RefusedRequest",
]


class RefusedRequest(IgnoreRequest):
    """A request the source may not make; ``reason`` is ``refused_scheme`` or ``refused_host``."""

    def __init__(self, reason: str, url: str) -> None:
        self.reason = reason
        super().__init__(f"{reason.removeprefix('refused_')} not allowed: {url}")


class FetchPolicyMiddleware:
    """Refuses, before anything is sent, every request (start URLs, links, redirects) whose
    scheme is not http(s) or whose host is not in the spider's ``allowed_domains``.

    It takes the place of Scrapy's ``OffsiteMiddleware``, which drops offsite requests when
    they are scheduled without calling their errback; here the refusal reaches the
    request's errback, so the spider records it as a failure with its reason. Redirected
    requests pass through again, so a redirect to another host is refused too.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FetchPolicyMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        spider = self.crawler.spider
        reason = fetch_refusal(request.url, getattr(spider, "allowed_domains", None) or [])
        if reason is not None:
            self.crawler.stats.inc_value(f"newsbot/{reason}")
            raise RefusedRequest(reason, request.url)


class ExtractBacklogMiddleware:
    """An article request (``meta["newsbot_extract"]``) waits before it is sent while the
    spider's extraction workers hold their backlog of pages (:meth:`ExtractPool.room
    <newsbot.pool.ExtractPool.room>`), and while the crawl's writer thread holds its backlog
    of writes (:meth:`Writer.room <newsbot.writer.Writer.room>`): pages are fetched no
    faster than they are extracted and stored, so articles never pile up in memory, and a
    stopped crawl has little left to finish. The request's timeout starts when it is
    sent."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractBacklogMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        if not request.meta.get("newsbot_extract"):
            return
        pool = getattr(self.crawler.spider, "extract_pool", None)
        if pool is not None:
            await maybe_deferred_to_future(pool.room())
        writer = getattr(self.crawler, "newsbot_writer", None)
        while writer is not None and (write := writer.room()) is not None:
            # Threaded writers run under asyncio's loop only (newsbot.pipelines.writer_of).
            await asyncio.wait([asyncio.wrap_future(write)])


class RedirectLoop(IgnoreRequest):
    """A redirect back to a URL of the request's own redirect chain."""


class RedirectLoopMiddleware(RedirectMiddleware):
    """Scrapy's redirects, except that a redirect back into its own chain (``a`` -> ``b`` ->
    ``a``) fails the request, so its errback records it: Scrapy would hand it to the
    duplicate filter, which drops it without a word."""

    def process_response(self, request: Request, response: Response) -> Request | Response:
        result = super().process_response(request, response)
        if isinstance(result, Request):
            chain = [*request.meta.get("redirect_urls", []), request.url]
            if result.url in chain:
                raise RedirectLoop(f"redirect loop: {' -> '.join([*chain, result.url])}")
        return result


class RecordCallbackErrorsMiddleware:
    """Spider middleware: an exception raised by a spider callback (a list page, feed or
    sitemap that cannot be read, or any bug) costs only that response. It is recorded
    through the spider's ``record_failure`` with the reason ``parse_error`` (the parser
    refused the document) or ``spider_error``, and the crawl goes on. What the callback
    yielded before it raised is kept."""

    PARSE_ERRORS = (etree.LxmlError, UnicodeError, RecursionError)

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RecordCallbackErrorsMiddleware:
        return cls(crawler)

    def process_spider_exception(
        self, response: Response, exception: Exception
    ) -> Iterable[Any] | None:
        if isinstance(exception, HttpError):  # Scrapy's HttpErrorMiddleware deals with it
            return None
        reason = "parse_error" if isinstance(exception, self.PARSE_ERRORS) else "spider_error"
        message = f"{type(exception).__name__}: {exception}"
        self.crawler.spider.record_failure(reason, response.url, message)  # type: ignore[union-attr]
        return []
