"""Automatic article extraction from one HTML page (pure: no Scrapy).

:func:`extract_article` parses the page once (:func:`~newsbot.extract.page.parse_page`) and
hands the same :class:`~newsbot.extract.page.Page` to every field extractor.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from newsbot.extract.body import extract_body
from newsbot.extract.metadata import detect_lang, extract_authors, extract_media, extract_title
from newsbot.extract.options import DEFAULT_OPTIONS, ExtractOptions
from newsbot.extract.page import Page, parse_page
from newsbot.extract.pubdate import find_published

__all__ = [
    "ExtractOptions",
    "ExtractedArticle",
    "Page",
    "extract_article",
    "extract_page",
    "parse_page",
]


@dataclass(frozen=True)
class ExtractedArticle:
    url: str
    title: str
    published: datetime | None
    published_raw: str | None
    published_source: str | None  # json-ld, meta, time, url, text, script, feed, listing, rule
    media: str
    authors: list[str]
    body_html: str
    body_text: str
    lang: str
    encoding: str
    date_conflicts: list[str] = field(default_factory=list)
    body_source: str = ""  # rule, dom, json-ld ("" when no body was found)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values (dates as ISO 8601)."""
        return {
            "url": self.url,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "published_raw": self.published_raw,
            "published_source": self.published_source,
            "media": self.media,
            "authors": list(self.authors),
            "body_html": self.body_html,
            "body_text": self.body_text,
            "lang": self.lang,
            "encoding": self.encoding,
            "date_conflicts": list(self.date_conflicts),
            "body_source": self.body_source,
        }


def extract_article(
    html: str | bytes,
    url: str,
    *,
    timezone: str = "Asia/Shanghai",
    now: datetime | None = None,
    content_type: str | None = None,
    rules: Mapping[str, Sequence[str]] | None = None,
    hints: Mapping[str, datetime] | None = None,
    options: ExtractOptions = DEFAULT_OPTIONS,
) -> ExtractedArticle:
    """Extract title, date, media, authors, language and clean body from one page.

    ``rules`` holds optional per-source selectors (keys ``title``, ``body``, ``authors``,
    ``media``, ``published``, ``remove``; XPath when starting with ``/`` or ``(``, else CSS).
    A rule overrides only its own field and falls back to automatic extraction when it
    matches nothing. ``hints`` are dates known from elsewhere (feed, listing page).
    ``options`` are the tunable thresholds and weights (:class:`ExtractOptions`).
    """
    page = parse_page(html or b"", url, content_type=content_type)
    return extract_page(page, timezone=timezone, now=now, rules=rules, hints=hints, options=options)


def extract_page(
    page: Page,
    *,
    timezone: str = "Asia/Shanghai",
    now: datetime | None = None,
    rules: Mapping[str, Sequence[str]] | None = None,
    hints: Mapping[str, datetime] | None = None,
    options: ExtractOptions = DEFAULT_OPTIONS,
) -> ExtractedArticle:
    """:func:`extract_article` on an already parsed page (never mutated), so a caller can
    extract one parse with several rule sets."""
    rules = rules or {}
    title = extract_title(page, rules.get("title"))
    body = extract_body(
        page,
        selectors=rules.get("body"),
        remove=rules.get("remove"),
        title=title,
        options=options,
    )
    found = find_published(
        page, timezone=timezone, now=now, selectors=rules.get("published"), hints=hints
    )
    return ExtractedArticle(
        url=page.url,
        title=title,
        published=found.published,
        published_raw=found.raw,
        published_source=found.source,
        media=extract_media(page, title, rules.get("media")),
        authors=extract_authors(page, title, rules.get("authors")),
        body_html=body.html,
        body_text=body.text,
        lang=detect_lang(page, body.text),
        encoding=page.encoding,
        date_conflicts=list(found.conflicts or ()),
        body_source=body.source,
    )
