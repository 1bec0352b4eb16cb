"""The page spider kinds, ``html``, ``feed`` and ``sitemap``: thin Scrapy glue over
:mod:`newsbot.kinds.pages` and :func:`newsbot.extract.extract_article`."""

from __future__ import annotations

import pickle
from collections import deque
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred

from newsbot.extract.page import parse_page
from newsbot.items import Article
from newsbot.kinds.pages import (
    Link,
    SitemapEntry,
    feed_links,
    listing_links,
    next_pages,
    not_a_page,
    parse_sitemap,
    sitemap_day,
    sitemap_links,
)
from newsbot.kinds.urls import url_problem
from newsbot.ledger import canonical_url, days_between, normalise_lastmod
from newsbot.pool import (
    ExtractPool,
    WorkerDied,
    acquire_pool,
    extract_article,
    extract_pickled,
    release_pool,
)
from newsbot.spiders.base import SourceSpider


def content_type(response: Response) -> str | None:
    """The Content-Type header, whose charset decides how the page is decoded."""
    return response.headers.get("Content-Type", b"").decode("latin-1") or None


class PageSpider(SourceSpider):
    """Fetches article pages and extracts them, in the worker processes of an
    :class:`~newsbot.pool.ExtractPool` (``NEWSBOT_EXTRACT_WORKERS``; with 0, in the crawl's
    own thread); subclasses find the links."""

    extract_pool: ExtractPool | None = None

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> PageSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        workers = crawler.settings.getint("NEWSBOT_EXTRACT_WORKERS")
        if workers > 0:
            spider.extract_pool = acquire_pool(workers)
            spider._pickled_source = pickle.dumps(spider.source)
            crawler.signals.connect(spider._release_pool, signal=signals.spider_closed)
        return spider

    def _release_pool(self, spider: Any, reason: str) -> None:
        if self.extract_pool is not None:
            release_pool(self.extract_pool)
            self.extract_pool = None

    def start_urls_of(self) -> list[str]:
        raise NotImplementedError

    def first_callback(self) -> Any:
        raise NotImplementedError

    async def start(self) -> AsyncIterator[Any]:
        plan = self.retry_plan()
        if plan is not None:
            for request in self.retry_requests(plan.urls):
                yield request
            return
        seen: set[str] = set()
        for url in self.start_urls_of():
            start = self.source.absolute(url)
            if start not in seen:
                seen.add(start)
                yield self.list_request(start, self.first_callback(), **self.list_kwargs(start))
        for request in self.recheck_requests():
            yield request

    def recheck_requests(self) -> Iterator[scrapy.Request]:
        """Young known articles due for a re-check, even when their list answers 304."""
        if self.backfilling:
            return
        for url in self.ledger.rechecks():
            request = self.article_request(self.source.fetch_url(url), self.parse_article)
            if request is not None:
                yield request

    def retry_requests(self, urls: Iterable[str]) -> Iterator[scrapy.Request]:
        """Requests of failed URLs only: a configured list, feed or sitemap URL is read as
        such (its articles followed), any other URL as an article page."""
        lists = {self.source.absolute(url) for url in self.start_urls_of()}
        for url in sorted(urls):
            if url in lists:
                yield self.list_request(url, self.first_callback(), **self.list_kwargs(url))
            else:
                yield from self.follow_articles([Link(url)])

    def list_kwargs(self, url: str) -> dict[str, Any]:
        return {}

    def parseable(self, response: Response) -> bool:
        """Whether a page or feed is small enough to parse: a larger one would hold the
        crawl (parsing blocks every download) and is recorded as a failure instead."""
        limit = self.source.crawl.max_parse_size
        if len(response.body) <= limit:
            return True
        self.record_failure(
            "too_large_to_parse",
            response.url,
            f"{len(response.body)} bytes, more than crawl.max_parse_size ({limit})",
        )
        return False

    def article_request(self, url: str, callback: Any, **kwargs: Any) -> scrapy.Request | None:
        # Marked for ExtractBacklogMiddleware: it waits while the workers are busy enough.
        meta = {"newsbot_extract": True, **kwargs.pop("meta", {})}
        return super().article_request(url, callback, meta=meta, **kwargs)

    def follow_articles(self, links: Iterable[Link]) -> Iterator[scrapy.Request]:
        """Requests for the links that are new or due; known ones are skipped."""
        for link in links:
            request = self.article_request(
                link.url,
                self.parse_article,
                lastmod=normalise_lastmod(link.lastmod, self.source.timezone),
                published=link.date,
                cb_kwargs={"hints": link.hints()},
            )
            if request is not None:
                yield request

    async def parse_article(
        self, response: Response, hints: dict[str, Any] | None = None
    ) -> AsyncIterator[Article]:
        if not self.answered(response):
            return
        refusal = not_a_page(response.body, content_type(response))
        if refusal is not None or not self.parseable(response):
            if refusal is not None:  # an empty answer, a PDF: no article, and not dropped
                reason, message = refusal
                self.record_failure(reason, response.url, message, http_status=response.status)
            self.unit_done(response.meta, failed=True)
            return
        now = self.now()
        url = self.source.canonical_url(response.url)
        job = (response.body, url, now, content_type(response), hints or None)
        try:
            if self.extract_pool is None:
                article, mismatch = extract_article(self.source, *job)
            else:
                answer = self.extract_pool.submit(extract_pickled, self._pickled_source, *job)
                article, mismatch = await maybe_deferred_to_future(answer)
        except WorkerDied as exc:  # recorded, so the page is fetched again next run
            self.record_failure("extract_worker_died", response.url, str(exc))
            self.unit_done(response.meta, failed=True)
            return
        except Exception as exc:  # one broken page must not stop the crawl; it is recorded
            self.record_failure("extract_error", response.url, repr(exc))
            self.unit_done(response.meta, failed=True)
            return
        if mismatch:  # stored as the bytes are; the page's declaration is counted
            self.count("charset/mismatch")
            self.logger.info("charset of %s: %s", response.url, mismatch)
        # Counted here; logged by StoreArticlePipeline, only when first recorded.
        self.count("date/conflict", len(article.date_conflicts))
        yield article


class HtmlSpider(PageSpider):
    """List pages with article links, followed through pagination: at most ``max_pages``
    list pages are requested from each start URL, however many next links a page has."""

    def start_urls_of(self) -> list[str]:
        assert self.source.html is not None
        return self.source.html.start_urls

    def first_callback(self) -> Any:
        return self.parse_list

    def list_kwargs(self, url: str) -> dict[str, Any]:
        self.lists_seen.add(url)
        self.list_pages[url] = 1
        return {"cb_kwargs": {"start": url}}

    async def start(self) -> AsyncIterator[Any]:
        self.list_pages: dict[str, int] = {}  # list pages requested, per start URL
        self.lists_seen: set[str] = set()
        settings = self.source.html
        assert settings is not None
        if self.backfilling and settings.archive_url:
            for request in self.archive_requests(settings.archive_url):
                yield request
            return
        async for request in super().start():
            yield request

    def archive_requests(self, template: str) -> Iterator[scrapy.Request]:
        """Backfill: one dated archive page per day, newest first; each day is a unit."""
        done = self.ledger.store.completed_units(self.source.key)
        assert self.since is not None and self.until is not None
        for number, day in enumerate(days_between(self.since, self.until)):
            unit = day.isoformat()
            if unit in done:  # a completed day is never requested again
                self.count("backfill/units_skipped")
                continue
            self.units.add(unit)
            url = self.source.absolute(template.format(date=day))
            self.lists_seen.add(url)
            self.list_pages[url] = 1
            meta = {"unit": unit, "unit_day": unit}
            yield self.list_request(
                url, self.parse_list, meta=meta, cb_kwargs={"start": url}, priority=-number
            )

    def parse_list(self, response: Response, start: str) -> Iterator[scrapy.Request]:
        settings = self.source.html
        assert settings is not None
        if not self.listed(response):
            self.unit_done(response.meta)
            return
        if not self.parseable(response):
            self.unit_done(response.meta, failed=True)
            return
        page = parse_page(response.body, response.url, content_type=content_type(response))
        links = listing_links(
            page, settings.article_links, timezone=self.source.timezone, now=self.now()
        )
        self.count("links/listing", len(links))
        requests = list(self.follow_articles(self.in_range(links)))
        if links and not requests and not self.backfilling and self.ledger.may_stop_paging:
            self.count("ledger/paging_stopped")  # every article here is known and not due
        elif not self.before_range(links):
            for url in next_pages(page, settings.pagination):
                if url in self.lists_seen:
                    continue
                # A backfill follows a paginated list as far back as --since.
                if self.list_pages[start] >= settings.max_pages and not self.backfilling:
                    self.count("limit/max_pages")
                    break
                self.lists_seen.add(url)
                self.list_pages[start] += 1
                requests.append(self.list_request(url, self.parse_list, cb_kwargs={"start": start}))
        yield from self.in_unit(response.meta, requests)
        self.unit_done(response.meta)


class FeedSpider(PageSpider):
    """RSS or Atom feeds; each entry's date is a hint cross-checked with the page's."""

    def start_urls_of(self) -> list[str]:
        assert self.source.feed is not None
        return self.source.feed.urls

    def first_callback(self) -> Any:
        return self.parse_feed

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        assert self.source.feed is not None
        if not self.listed(response):
            return
        if not self.parseable(response):
            return
        try:
            links = feed_links(
                response.body,
                response.url,
                self.source.feed.article_links,
                timezone=self.source.timezone,
                now=self.now(),
            )
        except ValueError as exc:
            self.list_failed("bad_feed", response.url, str(exc))
            return
        self.count("links/feed", len(links))
        yield from self.follow_articles(links)


# Seconds between two looks at whether the engine can take another article request.
FRONTIER_POLL = 0.05
# Article requests handed to the engine at once when it went idle with links waiting.
FRONTIER_BATCH = 16


class SitemapSpider(PageSpider):
    """Sitemap indexes and URL sets; news sitemaps' publication dates become date hints.

    A sitemap's links wait in the spider's frontier (compact links, not requests); the
    engine is handed an article request only when its downloader can take one, so memory
    does not grow with the size of the site. ``start()`` feeds them while the crawl runs;
    the crawl ends when the frontier is empty and nothing else is under way."""

    frontier: deque[tuple[Link, dict[str, Any], str]]
    _waiter: Deferred[None] | None

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> SitemapSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.frontier = deque()
        spider._waiter = None
        crawler.signals.connect(spider._feed_when_idle, signal=signals.spider_idle)
        crawler.signals.connect(spider._wake, signal=signals.request_left_downloader)
        return spider  # type: ignore[return-value]

    def start_urls_of(self) -> list[str]:
        assert self.source.sitemap is not None
        return self.source.sitemap.urls

    def first_callback(self) -> Any:
        return self.parse_sitemap

    async def start(self) -> AsyncIterator[Any]:
        self.sitemaps_seen: set[str] = set()
        self.sitemaps_from_indexes = 0  # bounded by max_sitemaps
        async for request in super().start():
            self.sitemaps_seen.add(request.url)
            yield request
        async for request in self.frontier_requests():
            yield request

    async def frontier_requests(self) -> AsyncIterator[scrapy.Request]:
        """Article requests from the frontier, one whenever the engine can take one; ends
        when the frontier is empty and nothing is downloading or being parsed (twice in a
        row, a poll apart). Links a sitemap adds later are fed by :meth:`_feed_when_idle`."""
        from twisted.internet import reactor

        engine = self.crawler.engine
        idle = 0
        while True:
            if self.frontier and not engine.needs_backout():
                idle = 0
                request = self.frontier_request()
                if request is not None:
                    yield request
                continue
            busy = engine.downloader.active or not engine.scraper.slot.is_idle()
            idle = 0 if self.frontier or busy else idle + 1
            if idle >= 2:
                return
            # Until a request leaves the downloader, or a poll's time at most.
            self._waiter = waiter = Deferred()
            timer = reactor.callLater(FRONTIER_POLL, self._wake)
            await maybe_deferred_to_future(waiter)
            if timer.active():
                timer.cancel()

    def _wake(self) -> None:
        waiter, self._waiter = self._waiter, None
        if waiter is not None and not waiter.called:
            waiter.callback(None)

    def frontier_request(self) -> scrapy.Request | None:
        """The request of the frontier's next link; None when it is not due, or no URL
        (recorded as ``bad_url`` with the sitemap that listed it)."""
        link, meta, sitemap = self.frontier.popleft()
        problem = url_problem(link.url)
        request = None
        if problem is None:
            try:
                request = next(self.follow_articles([link]), None)
            except ValueError as exc:  # a URL Scrapy cannot request
                problem = str(exc)
        if problem is not None:
            self.record_failure("bad_url", link.url, f"{problem} (in {sitemap})")
        if request is None:
            self.unit_done(meta, failed=problem is not None)
        elif "unit" in meta:  # counted in its unit when the sitemap was read
            request.meta["unit"] = meta["unit"]
            request.meta["unit_day"] = meta.get("unit_day")
        return request

    def _feed_when_idle(self) -> None:
        """The engine went idle with links waiting (they came after ``start()`` ended)."""
        if not self.frontier:
            return
        fed = 0
        while self.frontier and fed < FRONTIER_BATCH:
            request = self.frontier_request()
            if request is not None:
                self.crawler.engine.crawl(request)
                fed += 1
        raise DontCloseSpider

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        settings = self.source.sitemap
        assert settings is not None
        if not self.listed(response):
            self.unit_done(response.meta)
            return
        try:
            sitemap = parse_sitemap(response.body)
        except (ValueError, SyntaxError) as exc:
            self.list_failed("bad_sitemap", response.url, str(exc))
            self.unit_done(response.meta, failed=True)
            return
        if sitemap.is_index and self.backfilling:
            yield from self.sitemap_units(sitemap.entries)
            return
        if sitemap.is_index:
            for entry in sitemap.entries:
                if entry.loc in self.sitemaps_seen:
                    continue
                if self.sitemaps_from_indexes >= settings.max_sitemaps:
                    self.count("limit/max_sitemaps")
                    break
                self.sitemaps_seen.add(entry.loc)
                self.sitemaps_from_indexes += 1
                yield self.list_request(entry.loc, self.parse_sitemap)
            return
        links = self.in_range(
            sitemap_links(
                sitemap,
                settings.article_links,
                timezone=self.source.timezone,
                now=self.now(),
                since=self.since or settings.since,
            )
        )
        self.count("links/sitemap", len(links))
        unit = response.meta.get("unit")
        meta = {"unit": unit, "unit_day": response.meta.get("unit_day")} if unit else {}
        if unit is not None:
            self.units.add(unit, len(links))
        self.frontier.extend((link, meta, response.url) for link in links)
        self.unit_done(response.meta)

    def sitemap_units(self, entries: list[SitemapEntry]) -> Iterator[scrapy.Request]:
        """Backfill: each sitemap of an index dated (by its URL, else its lastmod) within the
        range is a unit; completed ones are not requested again."""
        done = self.ledger.store.completed_units(self.source.key)
        assert self.since is not None and self.until is not None
        for number, entry in enumerate(entries):
            day = sitemap_day(entry)
            if entry.loc in self.sitemaps_seen:
                continue
            if day is not None and not self.since <= day <= self.until:
                continue
            unit = canonical_url(self.source.canonical_url(entry.loc))
            if unit in done:
                self.count("backfill/units_skipped")
                continue
            self.sitemaps_seen.add(entry.loc)
            self.units.add(unit)
            meta = {"unit": unit, "unit_day": day.isoformat() if day else None}
            yield self.list_request(entry.loc, self.parse_sitemap, meta=meta, priority=-number)
