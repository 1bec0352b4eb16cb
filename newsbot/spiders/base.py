"""What every spider kind shares: its source, politeness settings, failure accounting."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, ClassVar

import scrapy
from scrapy import signals
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
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
from newsbot.export import PostsDir
from newsbot.failures import failure_recorded
from newsbot.ledger import GONE, Ledger, UnitTracker
from newsbot.pipelines import writer_of
from newsbot.politeness import DAILY_CAP_REACHED
from newsbot.spiders.middlewares import RedirectLoop, RefusedRequest
from newsbot.store import Store

# Statuses an article or list request hands to its callback instead of failing.
LIST_STATUSES = [304]
ARTICLE_STATUSES = [304, *sorted(GONE)]


def failure_reason(failure: Failure) -> str:
    """A short reason for a failed request, used in stats keys and logs."""
    if failure.check(RefusedRequest):
        return failure.value.reason
    if failure.check(RedirectLoop):
        return "redirect_loop"
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
    if failure.check(IgnoreRequest) and "max redirections" in str(failure.value):
        return "too_many_redirects"
    if failure.check(ResponseDataLossError):
        return "short_body"  # the connection closed before Content-Length bytes came
    if failure.check(DownloadFailedError):
        return "download_failed"
    return type(failure.value).__name__.lower()


# Requests refused on purpose, by their message: Scrapy's RobotsTxtMiddleware for a
# disallowed URL, and the daily request cap. Counted under the given stats key.
NOT_FAILURES = {"Forbidden by robots.txt": "robots_forbidden", DAILY_CAP_REACHED: "daily_cap"}


class SourceSpider(scrapy.Spider):
    """Base of the spider kinds; ``source`` is set on each generated subclass."""

    source: ClassVar[Source]
    # Set by ``newsbot backfill`` (spider arguments): walk history between these days.
    since: date | None = None
    until: date | None = None

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> SourceSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.units = UnitTracker()
        crawler.signals.connect(spider._item_done, signal=signals.item_scraped)
        crawler.signals.connect(spider._item_done, signal=signals.item_dropped)
        crawler.signals.connect(spider._close_ledger, signal=signals.spider_closed)
        return spider

    @property
    def backfilling(self) -> bool:
        return self.since is not None

    @property
    def ledger(self) -> Ledger:
        """This source's ledger, read on first use (see :mod:`newsbot.ledger`)."""
        if getattr(self, "_ledger", None) is None:
            store = Store(self.settings.get("NEWSBOT_DB"))
            self._ledger = Ledger.open(store, self.source, self.now())
            self._ledger.writer = writer_of(self.crawler)
        return self._ledger

    def list_request(self, url: str, callback: Callable[..., Any], **kwargs: Any) -> scrapy.Request:
        """A request of a list page, feed, sitemap or list endpoint: always made, conditionally;
        counted, so a crawl whose lists all fail, or hold no article link, is reported as
        failed."""
        self.count("lists/requested")
        meta = {
            "handle_httpstatus_list": LIST_STATUSES,
            **kwargs.pop("meta", {}),
            "newsbot_list": True,
        }
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.on_error,
            # A backfill reads every list in full: a 304 would hide history it has not seen.
            headers={} if self.backfilling else self.ledger.list_headers(url),
            meta=meta,
            **kwargs,
        )

    def listed(self, response: Any) -> bool:
        """Record a list answer; False when it was 304 (nothing further to do)."""
        self.ledger.fetched_list(response.url, response.status, *_validators(response))
        if response.status == 304:
            self.count("ledger/not_modified")
            return False
        return True

    def article_request(
        self,
        url: str,
        callback: Callable[..., Any],
        *,
        lastmod: str | None = None,
        published: datetime | None = None,
        **kwargs: Any,
    ) -> scrapy.Request | None:
        """A request for an article page, or None when it is known and not due."""
        if not self.ledger.due(url, lastmod, published):
            self.count("ledger/skipped")
            return None
        meta = {"handle_httpstatus_list": ARTICLE_STATUSES, "ledger_lastmod": lastmod}
        self.count("requests/article")
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.on_error,
            headers=self.ledger.conditional_headers(url),
            meta={**meta, **kwargs.pop("meta", {})},
            dont_filter=self.backfilling,
            **kwargs,
        )

    def answered(self, response: Any) -> bool:
        """False for an article answering 304 (unchanged) or 404/410 (retracted when known,
        a failure otherwise), each recorded; True for a page to read."""
        if response.status == 200:
            return True
        entry = self.ledger.entry(response.url)
        if response.status in GONE and (entry is None or entry.article_id is None):
            self.record_failure(
                f"http_{response.status}", response.url, http_status=response.status
            )
        elif response.status in GONE:
            self.retract(entry.article_id)
        else:
            self.count("ledger/article_not_modified")
        self.ledger.fetched_article(
            response.url,
            response.status,
            etag=_validators(response)[0],
            last_modified=_validators(response)[1],
            lastmod=response.meta.get("ledger_lastmod"),
        )
        self.unit_done(response.meta)
        return False

    def retract(self, article_id: str) -> None:
        """An article whose page is gone: marked retracted, its post removed."""
        if self.ledger.store.retract_article(article_id):
            PostsDir(Path(self.settings.get("NEWSBOT_POSTS_DIR"))).remove(article_id)
            self.count("ledger/retracted")
            self.logger.warning("retracted %s", article_id)

    def _item_done(self, item: Any, response: Any, **kwargs: Any) -> None:
        """After the pipelines stored (or dropped) an article: record its fetch in the
        ledger, then count it against its backfill unit. Recording only now means a crawl
        killed before the article was stored fetches it again."""
        if response is None or "ledger_lastmod" not in response.meta:
            return
        etag, last_modified = _validators(response)
        self.ledger.fetched_article(
            response.url,
            response.status,
            etag=etag,
            last_modified=last_modified,
            lastmod=response.meta.get("ledger_lastmod"),
            article_id=getattr(item, "id", None),
        )
        if "unit" in response.meta and "exception" not in kwargs:
            self.units.article(response.meta["unit"])
        self.unit_done(response.meta)

    def in_unit(self, meta: dict[str, Any], requests: list[Any]) -> list[Any]:
        """``requests`` made while reading a request of a backfill unit belong to that unit."""
        unit = meta.get("unit")
        if unit is not None:
            for request in requests:
                request.meta["unit"] = unit
                request.meta["unit_day"] = meta.get("unit_day")
            self.units.add(unit, len(requests))
        return requests

    def in_range(self, links: list[Any]) -> list[Any]:
        """Backfill: the links not dated outside ``--since`` / ``--until``."""
        if not self.backfilling:
            return links
        return [link for link in links if link.date is None or self._day_in_range(link.date)]

    def _day_in_range(self, when: datetime) -> bool:
        assert self.since is not None and self.until is not None
        return self.since <= when.date() <= self.until

    def before_range(self, links: list[Any]) -> bool:
        """Backfill of a paginated list: every link here is dated before ``--since``."""
        dated = [link.date for link in links if link.date is not None]
        return self.backfilling and bool(dated) and all(d.date() < self.since for d in dated)

    def unit_done(self, meta: dict[str, Any], failed: bool = False) -> None:
        """One request of a backfill unit is answered; checkpoint the unit when complete."""
        unit = meta.get("unit")
        if unit is None or not self.units.finish(unit, failed):
            return
        found = self.units.found.get(unit, 0)
        self.ledger.store.complete_unit(self.source.key, unit, meta.get("unit_day"), found)
        self.count("backfill/units_done")

    def _close_ledger(self, spider: Any, reason: str) -> None:
        ledger = getattr(self, "_ledger", None)
        if ledger is None:
            return
        if reason == "finished" and not self.crawler.stats.get_value("newsbot/articles/failed"):
            ledger.commit_lists()
        if ledger.writer is not None:
            ledger.writer.drain()
        ledger.store.close()
        self._ledger = None

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
        if "ledger_lastmod" in request.meta:
            self.ledger.fetched_article(url, status or 0)
        self.unit_done(request.meta, failed=True)


def _validators(response: Any) -> tuple[str | None, str | None]:
    """The ``ETag`` and ``Last-Modified`` headers of a response."""
    values = []
    for name in (b"ETag", b"Last-Modified"):
        value = response.headers.get(name)
        values.append(value.decode("latin-1") if value else None)
    return values[0], values[1]
