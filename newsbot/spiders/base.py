"""What every spider kind shares: its source, politeness settings, failure accounting."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

import scrapy
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure

from newsbot.config import Source
from newsbot.failures import failure_recorded
from newsbot.politeness import DAILY_CAP_REACHED
from newsbot.spiders.middlewares import RefusedRequest


def failure_reason(failure: Failure) -> str:
    """A short reason for a failed request, used in stats keys and logs."""
    if failure.check(RefusedRequest):
        return failure.value.reason
    if failure.check(HttpError):
        return f"http_{failure.value.response.status}"
    if failure.check(DownloadTimeoutError, TimeoutError, TCPTimedOutError):
        return "timeout"
    if failure.check(CannotResolveHostError, DNSLookupError):
        return "dns"
    if failure.check(DownloadConnectionRefusedError, ConnectionRefusedError):
        return "connection_refused"
    if failure.check(DownloadCancelledError) or (
        failure.check(IgnoreRequest) and "DOWNLOAD_MAXSIZE" in str(failure.value)
    ):
        return "too_large"  # over DOWNLOAD_MAXSIZE: announced, received or decompressed
    if failure.check(DownloadFailedError):
        return "download_failed"
    return type(failure.value).__name__.lower()


# Requests refused on purpose, by their message: Scrapy's RobotsTxtMiddleware for a
# disallowed URL, and the daily request cap. Counted under the given stats key.
NOT_FAILURES = {"Forbidden by robots.txt": "robots_forbidden", DAILY_CAP_REACHED: "daily_cap"}


class SourceSpider(scrapy.Spider):
    """Base of the spider kinds; ``source`` is set on each generated subclass."""

    source: ClassVar[Source]

    @staticmethod
    def settings_for(source: Source) -> dict[str, Any]:
        crawl = source.crawl
        return {
            "DOWNLOAD_DELAY": crawl.download_delay,
            "CONCURRENT_REQUESTS_PER_DOMAIN": crawl.concurrent_requests,
            "DOWNLOAD_TIMEOUT": crawl.timeout,
            "RETRY_TIMES": crawl.retries,
            "DOWNLOAD_MAXSIZE": crawl.max_size,
            "DOWNLOAD_WARNSIZE": crawl.warn_size,
        }

    def now(self) -> datetime:
        return datetime.now(UTC)

    def count(self, key: str, value: int = 1) -> None:
        self.crawler.stats.inc_value(f"newsbot/{key}", value)

    def record_failure(
        self,
        reason: str,
        url: str,
        message: str = "",
        *,
        http_status: int | None = None,
        article_id: str | None = None,
    ) -> None:
        """A document that could not be fetched or read: the one place spider failures go.

        Counted (``newsbot/failed/<reason>``), logged in one line and recorded in the
        ``failures`` table by :class:`newsbot.failures.RecordFailuresExtension`.
        """
        self.crawler.signals.send_catch_log(
            signal=failure_recorded,
            reason=reason,
            url=url,
            message=message,
            http_status=http_status,
            article_id=article_id,
        )

    def retry_plan(self) -> Any:
        """With ``NEWSBOT_RETRY_FAILED`` (``crawl --retry-failed``): the recorded failures of
        this source due again (a :class:`newsbot.retrying.RetryPlan`); else None."""
        if not self.settings.getbool("NEWSBOT_RETRY_FAILED"):
            return None
        from newsbot.retrying import plan_from_settings
        from newsbot.store import Store

        with Store(self.settings.get("NEWSBOT_DB")) as store:
            plan = plan_from_settings(store, self.source.key, self.settings)
        self.count("retry/due", len(plan.urls))
        self.count("retry/waiting", plan.waiting)
        self.count("retry/given_up", plan.given_up)
        return plan

    def list_request(self, url: str, callback: Any, **kwargs: Any) -> scrapy.Request:
        """A request of a list page, feed, sitemap or list endpoint: counted, so a crawl
        whose lists all fail, or hold no article link, is reported as failed."""
        self.count("lists/requested")
        meta = {**kwargs.pop("meta", {}), "newsbot_list": True}
        return scrapy.Request(url, callback=callback, errback=self.on_error, meta=meta, **kwargs)

    def count_list_failure(self, reason: str) -> None:
        """A list page, feed, sitemap or list endpoint that failed (it is also recorded)."""
        self.count("lists/failed")
        self.count(f"lists/failed/{reason}")

    def list_failed(self, reason: str, url: str, message: str = "") -> None:
        self.count_list_failure(reason)
        self.record_failure(reason, url, message)

    def on_error(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        message = str(failure.value)
        redirects = request.meta.get("redirect_urls")
        if redirects:  # the document asked for, not where it was sent
            message = f"redirected to {request.url}: {message}"
        url = redirects[0] if redirects else request.url
        status = failure.value.response.status if failure.check(HttpError) else None
        article = request.cb_kwargs.get("article")
        if failure.check(IgnoreRequest) and str(failure.value) in NOT_FAILURES:
            # The site's wish, or the day's cap: not a failure of the request, not recorded.
            skipped = NOT_FAILURES[str(failure.value)]
            self.count(skipped)
            if request.meta.get("newsbot_list"):
                self.count_list_failure(skipped)
            self.logger.info("skipped %s: %s", url, failure.value)
            return
        if request.meta.get("newsbot_list"):
            self.count_list_failure(failure_reason(failure))
        self.record_failure(
            failure_reason(failure),
            url,
            message,
            http_status=status,
            article_id=getattr(article, "id", None),
        )
