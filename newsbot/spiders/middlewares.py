"""Downloader middleware that keeps every request of a source on what it may fetch."""

from __future__ import annotations

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest

from newsbot.kinds.urls import fetch_refusal

__all__ = ["FetchPolicyMiddleware", "RefusedRequest"]


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
