"""Pure parts of the page kinds (``html``, ``feed``, ``sitemap``): finding article links in
list pages, feeds and sitemaps, and turning a fetched article page into an Article."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING
from urllib.parse import urldefrag, urljoin

from lxml import etree

from newsbot.dates import parse_date
from newsbot.extract import ExtractedArticle, extract_page
from newsbot.extract.page import Page, parse_page
from newsbot.extract.rules import select_elements
from newsbot.items import Article, id_from_url
from newsbot.kinds.urls import path_matches, url_problem

if TYPE_CHECKING:  # `newsbot check` reads a page without loading pydantic
    from newsbot.config import Source

__all__ = [
    "Link",
    "Sitemap",
    "SitemapEntry",
    "article_from_extracted",
    "article_id",
    "extract_checked",
    "extract_for_source",
    "feed_links",
    "listing_links",
    "next_pages",
    "not_a_page",
    "parse_sitemap",
    "sitemap_day",
    "sitemap_links",
]

# Elements around a list link that usually carry its date (``<li><a/> <span>date</span></li>``).
LISTING_ROWS = frozenset({"li", "tr", "dd", "dt", "p", "div", "article", "section"})
# Text of a next-page link when a source names no pagination selector.
NEXT_TEXT_RE = re.compile(r"^(下一页|下页|下一頁|next( page)?|older( posts)?|›|»|>)$", re.I)
MAX_SITEMAP_BYTES = 50 * 1024 * 1024
# Media types a page may come as; any other (a PDF, an image, a file to download) is not one.
PAGE_TYPES = frozenset({"application/xhtml+xml", "application/xml", "application/html"})
# Types that say nothing of the content; the bytes are looked at instead.
VAGUE_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})
# The first bytes of documents that are no page (PDF, ZIP/Office, images, gzip, Word 97).
BINARY_MAGIC = (b"%PDF-", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b",
                b"\xd0\xcf\x11\xe0")  # fmt: skip
XML_PARSER_OPTIONS = {"recover": True, "resolve_entities": False, "no_network": True}


@dataclass(frozen=True, slots=True)
class Link:
    """An article URL found on a list page, in a feed or in a sitemap, with the date found
    beside it (``date_source``: ``listing``, ``feed`` or ``sitemap``)."""

    url: str
    date: datetime | None = None
    date_source: str | None = None
    title: str = ""
    lastmod: str | None = None  # a sitemap's ``lastmod``, a feed entry's ``updated``

    def hints(self) -> dict[str, datetime]:
        return {self.date_source: self.date} if self.date and self.date_source else {}


def _compiled(patterns: Iterable[str]) -> list[re.Pattern[str]]:
    return [re.compile(p) for p in patterns]


def listing_links(
    page: Page, patterns: Sequence[str], *, timezone: str, now: datetime
) -> list[Link]:
    """Article links of a list page (absolute, de-duplicated, in page order) whose path
    matches one of ``patterns``, each with the date printed beside it when there is one."""
    regexes = _compiled(patterns)
    seen: set[str] = set()
    links: list[Link] = []
    for anchor in page.tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "mailto:", "#")):
            continue
        url = _absolute(page.url, href)
        if not url or url in seen or not path_matches(url, regexes):
            continue
        seen.add(url)
        title = anchor.text_content()
        when = _listing_date(anchor, title, timezone, now)
        links.append(Link(url, when, "listing" if when else None, title))
    return links


def _absolute(base: str, href: str) -> str:
    """``href`` made absolute against ``base``, without fragment; "" when it is no URL
    (``http://[::1``), so one broken link does not cost the rest of the page."""
    try:
        return urldefrag(urljoin(base, href.strip()))[0]
    except ValueError:
        return ""


def _listing_date(
    anchor: etree._Element, title: str, timezone: str, now: datetime
) -> datetime | None:
    """The date in the list row around a link (its text without the link's own title)."""
    row = anchor.getparent()
    while row is not None and row.tag not in LISTING_ROWS:
        row = row.getparent()
    if row is None:
        return None
    text = row.text_content().replace(title, " ", 1).strip()
    if not text or len(text) > 200:  # a whole block of links, not one row
        return None
    return parse_date(text, timezone=timezone, now=now)


def not_a_page(body: bytes, content_type: str | None) -> tuple[str, str] | None:
    """Why an answer to an article URL is no page to read, as ``(reason, message)``:
    ``empty_body`` when it has no content, ``not_html`` when it is a PDF, an image or another
    document (by its Content-Type, else by its first bytes); None when it is a page."""
    if not body.strip():
        return "empty_body", f"{len(body)} bytes, no content"
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    if mime in VAGUE_TYPES:
        if body.lstrip()[:8].startswith(BINARY_MAGIC):
            return "not_html", f"{mime or 'no Content-Type'}, content is a document: {body[:8]!r}"
        return None
    if mime.startswith("text/") or mime in PAGE_TYPES:
        return None
    return "not_html", f"Content-Type {mime}, not a page"


def next_pages(page: Page, selectors: Sequence[str]) -> list[str]:
    """Absolute URLs of the next list pages: links matched by ``selectors`` (CSS or XPath;
    an element without ``href`` stands for the first link inside it) or, with no selectors,
    links whose text says next page (``下一页``, ``Next``)."""
    if selectors:
        elements = select_elements(page.tree, selectors)
    else:
        elements = [
            a for a in page.tree.iter("a") if NEXT_TEXT_RE.match(a.text_content().strip() or "")
        ]
    urls = []
    for el in elements:
        href = el.get("href")  # an <a>, a <link rel="next">; else the first link inside
        if href is None:
            inner = next(el.iter("a"), None)
            href = inner.get("href") if inner is not None else None
        if href and not href.startswith("javascript:"):
            urls.append(_absolute(page.url, href))
    return [url for url in dict.fromkeys(urls) if url]


def feed_links(
    data: bytes, url: str, patterns: Sequence[str], *, timezone: str, now: datetime
) -> list[Link]:
    """Entries of an RSS or Atom feed as links dated by the entry (published, else updated)."""
    import feedparser

    parsed = feedparser.parse(data, response_headers={"content-location": url})
    if parsed.bozo and not parsed.entries:
        raise ValueError(f"not a feed: {parsed.get('bozo_exception')}")
    regexes = _compiled(patterns)
    links = []
    for entry in parsed.entries:
        href = entry.get("link") or entry.get("id")
        if not href:
            continue
        link_url = _absolute(url, href)
        if not link_url or not path_matches(link_url, regexes):
            continue
        raw = entry.get("published") or entry.get("updated")
        when = parse_date(raw, timezone=timezone, now=now) if raw else None
        # Only a real <updated>: feedparser's own get() falls back to the publication date.
        updated = dict.get(entry, "updated")
        title = entry.get("title", "")
        links.append(Link(link_url, when, "feed" if when else None, title, updated))
    return links


@dataclass(frozen=True)
class SitemapEntry:
    loc: str
    lastmod: str | None = None
    news_date: str | None = None
    news_title: str | None = None


@dataclass(frozen=True)
class Sitemap:
    """A parsed sitemap: an index (``entries`` are sitemaps) or a URL set (articles)."""

    is_index: bool
    entries: list[SitemapEntry] = field(default_factory=list)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _gunzip(data: bytes) -> bytes:
    if data[:2] != b"\x1f\x8b":
        return data
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = decompressor.decompress(data, MAX_SITEMAP_BYTES)
    if decompressor.unconsumed_tail:
        raise ValueError(f"sitemap larger than {MAX_SITEMAP_BYTES} bytes uncompressed")
    return out


def parse_sitemap(data: bytes) -> Sitemap:
    """Parse a sitemap or sitemap index (gzipped or not), keeping ``lastmod`` and the news
    sitemap's ``news:publication_date`` and ``news:title``. Entities are never resolved."""
    data = _gunzip(data)
    root = etree.fromstring(data, etree.XMLParser(**XML_PARSER_OPTIONS))
    if root is None:
        raise ValueError("empty sitemap")
    is_index = _local(root.tag) == "sitemapindex"
    entries = []
    for node in root:
        if _local(node.tag) not in ("url", "sitemap"):
            continue
        values: dict[str, str] = {}
        for child in node.iter():
            name = _local(child.tag)
            if name in ("loc", "lastmod", "publication_date", "title") and child.text:
                values.setdefault(name, child.text.strip())
        if values.get("loc"):
            entries.append(
                SitemapEntry(
                    values["loc"],
                    values.get("lastmod"),
                    values.get("publication_date"),
                    values.get("title"),
                )
            )
    return Sitemap(is_index, entries)


def sitemap_links(
    sitemap: Sitemap,
    patterns: Sequence[str],
    *,
    timezone: str,
    now: datetime,
    since: date | None = None,
) -> list[Link]:
    """Article links of a URL-set sitemap, dated by the news publication date, else by
    ``lastmod``; entries dated before ``since`` are left out. A ``loc`` that is no absolute
    URL is kept (undated), so that requesting it records it instead of losing it."""
    regexes = _compiled(patterns)
    links = []
    for entry in sitemap.entries:
        if url_problem(entry.loc) is not None:  # kept, so it is recorded when requested
            links.append(Link(entry.loc))
            continue
        if not path_matches(entry.loc, regexes):
            continue
        raw = entry.news_date or entry.lastmod
        when = parse_date(raw, timezone=timezone, now=now) if raw else None
        if since is not None and when is not None and when.date() < since:
            continue
        title = entry.news_title or ""
        links.append(Link(entry.loc, when, "sitemap" if when else None, title, entry.lastmod))
    return links


SITEMAP_DAY_RE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")


def sitemap_day(entry: SitemapEntry) -> date | None:
    """The day a sitemap of a date-bucketed index covers: a date in its URL
    (``sitemap-2022-05-18.xml``), else the day of its ``lastmod``."""
    for text in (entry.loc.rsplit("/", 1)[-1], entry.lastmod or ""):
        match = SITEMAP_DAY_RE.search(text)
        if match:
            try:
                return date(*(int(part) for part in match.groups()))
            except ValueError:
                continue
    return None


def article_id(url: str) -> str:
    """Stable id of a page article: a hash of its canonical URL (query sorted, no fragment)."""
    from w3lib.url import canonicalize_url  # it loads urllib.request: only when needed

    return id_from_url(canonicalize_url(url))


def extract_for_source(
    body: bytes | str,
    url: str,
    source: Source | None,
    *,
    now: datetime,
    content_type: str | None = None,
    hints: Mapping[str, datetime] | None = None,
) -> ExtractedArticle:
    """Extract a page with the source's rules and time zone (automatic without a source).

    Rules are chosen by the date known before fetching (a hint); without one, by the
    page's own date, so a backfill of pages from before a redesign uses the old rules.
    The page is parsed once whichever rules apply.
    """
    return extract_checked(body, url, source, now=now, content_type=content_type, hints=hints)[0]


def extract_checked(
    body: bytes | str,
    url: str,
    source: Source | None,
    *,
    now: datetime,
    content_type: str | None = None,
    hints: Mapping[str, datetime] | None = None,
) -> tuple[ExtractedArticle, str]:
    """:func:`extract_for_source`, and the charset declaration that the page's bytes
    contradicted (``"declared gb18030, bytes are utf-8"``; "" when none), to be counted."""
    page = parse_page(body, url, content_type=content_type)
    return _extract_parsed(page, source, now=now, hints=hints), page.charset_mismatch


def _extract_parsed(
    page: Page,
    source: Source | None,
    *,
    now: datetime,
    hints: Mapping[str, datetime] | None = None,
) -> ExtractedArticle:
    if source is None:
        return extract_page(page, now=now, hints=hints)
    day = next(iter(hints.values())).date() if hints else None
    rules = source.rules_for(day)
    result = extract_page(page, timezone=source.timezone, now=now, rules=rules, hints=hints)
    if source.rules and day is None and result.published is not None:
        dated = source.rules_for(result.published.date())
        if dated != rules:
            result = extract_page(page, timezone=source.timezone, now=now, rules=dated, hints=hints)
    return result


def article_from_extracted(result: ExtractedArticle, source: Source, now: datetime) -> Article:
    """The Article stored for an extracted page; the source's ``media`` wins when set."""
    return Article(
        id=article_id(result.url),
        source=source.key,
        url=result.url,
        title=result.title or "",
        published_raw=result.published_raw,
        published=result.published,
        published_source=result.published_source or "",
        date_conflicts=list(result.date_conflicts),
        media=source.media or result.media or "",
        authors=list(result.authors),
        body_html=result.body_html,
        body_text=result.body_text,
        lang=result.lang or source.lang,
        fetched_at=now,
    )
