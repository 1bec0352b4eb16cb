"""Politeness that Scrapy leaves out: robots.txt ``Crawl-delay`` applied, and retries that
wait (``Retry-After`` on 429 and 503, growing pauses otherwise).

Scrapy parses ``Crawl-delay`` but never applies it. :class:`CrawlDelayExtension` reads it
when a host's robots.txt is parsed and makes it the floor of that host's download delay,
after every adjustment AutoThrottle makes, so it wins over a shorter delay of the source or
of AutoThrottle (a longer one stays). :class:`PoliteRetryMiddleware` is Scrapy's retry
middleware with a wait before each retry.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy import signals
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.response import response_status_message

from newsbot.store import Store

# The message of a request refused because its host's daily request cap is reached.
DAILY_CAP_REACHED = "Daily request cap reached"

__all__ = [
    "DAILY_CAP_REACHED",
    "CrawlDelayExtension",
    "DailyRequestCapMiddleware",
    "PoliteRetryMiddleware",
    "backoff_seconds",
    "retry_after_seconds",
]


def retry_after_seconds(value: str | bytes | None, now: datetime | None = None) -> float | None:
    """The wait a ``Retry-After`` header asks for: delta-seconds or an HTTP date; None when
    absent or unreadable. A date in the past means no wait."""
    if value is None:
        return None
    text = (value.decode("latin-1") if isinstance(value, bytes) else value).strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def backoff_seconds(retry: int, base: float, cap: float) -> float:
    """Pause before retry number ``retry`` (1, 2, ...): ``base``, doubled each time, at most
    ``cap``."""
    return min(cap, base * 2 ** max(retry - 1, 0))


class PoliteRetryMiddleware(RetryMiddleware):
    """Retries as Scrapy does, after a wait: what ``Retry-After`` says on 429 and 503, else
    ``NEWSBOT_RETRY_BACKOFF`` seconds doubled each retry (at most ``NEWSBOT_RETRY_BACKOFF_MAX``).
    A ``Retry-After`` longer than ``NEWSBOT_RETRY_AFTER_MAX`` is not waited for: the
    request fails now (recorded, tried again on a later run)."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.backoff = settings.getfloat("NEWSBOT_RETRY_BACKOFF", 1.0)
        self.backoff_max = settings.getfloat("NEWSBOT_RETRY_BACKOFF_MAX", 60.0)
        self.retry_after_max = settings.getfloat("NEWSBOT_RETRY_AFTER_MAX", 300.0)

    def _wait(self, request: Request, response: Response | None = None) -> float | None:
        if response is not None and response.status in (429, 503):
            asked = retry_after_seconds(response.headers.get(b"Retry-After"))
            if asked is not None:
                return asked if asked <= self.retry_after_max else None
        retry = int(request.meta.get("retry_times", 0)) + 1
        return backoff_seconds(retry, self.backoff, self.backoff_max)

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response, spider: Any = None
    ) -> Request | Response:
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        wait = self._wait(request, response)
        if wait is None:
            self.crawler.stats.inc_value("newsbot/retry_after/too_long")
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        if response.status in (429, 503) and b"Retry-After" in response.headers:
            self.crawler.stats.inc_value("newsbot/retry_after/waited")
        await asyncio.sleep(wait)
        return retry

    async def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception, spider: Any = None
    ) -> Request | Response | None:
        if not isinstance(exception, self.exceptions_to_retry) or request.meta.get(
            "dont_retry", False
        ):
            return None
        retry = self._retry(request, exception)
        if retry is not None:
            await asyncio.sleep(self._wait(request) or 0.0)
        return retry


CRAWL_DELAY_MARGIN = 0.1  # seconds


class CrawlDelayExtension:
    """Applies robots.txt ``Crawl-delay`` as the floor of each host's download delay."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.user_agent = settings.get("ROBOTSTXT_USER_AGENT") or settings.get("USER_AGENT")
        self.floors: dict[str, float] = {}
        crawler.signals.connect(self.robots_parsed, signal=signals.robots_parsed)
        crawler.signals.connect(self.response_downloaded, signal=signals.response_downloaded)

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlDelayExtension:
        return cls(crawler)

    def robots_parsed(self, robotparser: Any, request: Request) -> None:
        try:
            delay = robotparser.crawl_delay(self.user_agent)
        except (AttributeError, NotImplementedError):
            return
        if not delay or delay <= 0:
            return
        # A little to spare: a request can leave its slot on time and reach the host late,
        # and the next one must still arrive a full Crawl-delay after it.
        delay = float(delay) + CRAWL_DELAY_MARGIN
        downloader = self.crawler.engine.downloader
        key = downloader.get_slot_key(request)
        host = urlparse_cached(request).hostname or key
        self.floors[key] = float(delay)
        self.crawler.stats.set_value(f"newsbot/crawl_delay/{host}", float(delay))
        # Slots made later (after an idle slot is dropped) start from the floor too.
        slot_settings = downloader.per_slot_settings.setdefault(key, {})
        slot_settings["delay"] = max(float(slot_settings.get("delay", 0.0)), float(delay))
        slot_settings["jitter"] = 0.0
        self._apply(key)

    def response_downloaded(self, response: Response, request: Request, spider: Any) -> None:
        key = request.meta.get("download_slot")
        if key in self.floors:
            self._apply(key)  # after AutoThrottle, which is connected first

    def _apply(self, key: str) -> None:
        slot = self.crawler.engine.downloader.slots.get(key)
        if slot is None:
            return
        floor = self.floors[key]
        if slot.delay < floor:
            slot.delay = floor
        slot.jitter = 0.0  # a random share below the floor would break it


class DailyRequestCapMiddleware:
    """Counts requests per host and UTC day in the database (``request_counts``) and, when
    the source's ``schedule.daily_requests`` is set, stops the crawl once its host has had
    that many today (by every source that asks it). The crawl ends with the reason
    ``daily_request_cap``; ``newsbot run`` waits for the next day."""

    def __init__(self, crawler: Any, db_path: str, cap: int | None) -> None:
        self.crawler = crawler
        self.db_path = db_path
        self.cap = cap
        self.day = ""
        self.before: dict[str, int] = {}
        self.made: dict[str, int] = {}
        self.closing = False
        self._closing: Any = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> DailyRequestCapMiddleware:
        source = getattr(crawler.spidercls, "source", None)
        cap = source.schedule.daily_requests if source is not None else None
        return cls(crawler, crawler.settings.get("NEWSBOT_DB"), cap)

    def spider_opened(self, spider: Any) -> None:
        self.day = datetime.now(UTC).date().isoformat()
        if self.cap is not None:
            with Store(self.db_path) as store:
                self.before = store.requests_on(self.day)

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.made:
            with Store(self.db_path) as store:
                store.add_requests(self.day, self.made)

    def process_request(self, request: Request, spider: Any = None) -> None:
        host = urlparse_cached(request).hostname or ""
        made = self.made.get(host, 0)
        if self.cap is not None and self.before.get(host, 0) + made >= self.cap:
            self.crawler.stats.inc_value("newsbot/daily_cap/refused")
            if not self.closing:
                self.closing = True
                self.crawler.stats.set_value("newsbot/daily_cap/host", host)
                self._closing = asyncio.ensure_future(
                    self.crawler.engine.close_spider_async(reason="daily_request_cap")
                )
            raise IgnoreRequest(DAILY_CAP_REACHED)
        self.made[host] = made + 1
