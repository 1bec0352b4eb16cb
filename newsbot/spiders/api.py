"""The ``api`` spider kind: thin Scrapy glue over :mod:`newsbot.kinds.api`."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

from scrapy.http import TextResponse

from newsbot.dates import parse_date
from newsbot.items import Article
from newsbot.kinds.api import (
    FeedError,
    article_from_entry,
    body_from_detail,
    detail_url,
    entry_lastmod,
    list_entries,
)
from newsbot.ledger import normalise_lastmod
from newsbot.spiders.base import SourceSpider


class ApiSpider(SourceSpider):
    async def start(self) -> AsyncIterator[Any]:
        assert self.source.api is not None
        # --retry-failed: the lists are read again; only failed articles are followed.
        plan = self.retry_plan()
        self.retry_ids: set[str] | None = None if plan is None else plan.article_ids
        for url in self.source.api.list_urls:
            yield self.list_request(self.source.absolute(url), self.parse_list)

    def _json(self, response: TextResponse) -> Any:
        try:
            return json.loads(response.text)
        except (ValueError, AttributeError) as exc:
            raise FeedError("bad_json", f"not JSON: {exc}") from None

    def parse_list(self, response: TextResponse) -> Iterator[Any]:
        assert self.source.api is not None
        if not self.listed(response):
            return
        try:
            entries = list(list_entries(self._json(response), self.source.api))
        except FeedError as exc:
            self.list_failed(f"list_{exc.reason}", response.url, str(exc))
            return
        self.count("links/api", len(entries))
        now = self.now()
        for entry in entries:
            try:
                article = article_from_entry(entry, self.source, now)
            except FeedError as exc:
                self.count(f"dropped/{exc.reason}")
                self.count("articles/dropped")
                continue
            if self.retry_ids is not None and article.id not in self.retry_ids:
                continue
            if not article.published_raw:  # no date in the list: not worth a detail request
                self.count("dropped/missing_published")
                self.count("articles/dropped")
                continue
            url = detail_url(article, self.source)
            if url is None:
                yield article
                continue
            published = parse_date(article.published_raw, timezone=self.source.timezone, now=now)
            if self.backfilling and published and not self._day_in_range(published):
                continue
            request = self.article_request(
                url,
                self.parse_detail,
                lastmod=normalise_lastmod(entry_lastmod(entry, self.source), self.source.timezone),
                published=published,
                cb_kwargs={"article": article},
            )
            if request is not None:
                yield request

    def parse_detail(self, response: TextResponse, article: Article) -> Iterator[Article]:
        if not self.answered(response):
            return
        try:
            article.body_html = body_from_detail(self._json(response), self.source)
        except FeedError as exc:
            self.record_failure(exc.reason, response.url, str(exc))
            self.ledger.fetched_article(response.url, 0)  # a bad answer: due next time
            return
        article.fetched_at = self.now()
        yield article
