"""Title, media (publisher), authors and language of a parsed page."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from newsbot.extract.page import Page
from newsbot.extract.rules import select_all

__all__ = ["detect_lang", "extract_authors", "extract_media", "extract_title", "split_title"]

SPACE_RE = re.compile(r"\s+")
INLINE_SPACE_RE = re.compile(r"[^\S\n]+")
# Separators between a headline and the site name. "-" only with spaces around ("COVID-19");
# "_" is the Chinese CMS habit (标题_右江日报) and needs no spaces.
TITLE_SEP_RE = re.compile(r"\s+[-|–—:·•»]\s+|\s*[_｜|]+\s*|\s+-{2,}\s+|\s*——\s*")
ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "blogposting",
        "webpage",
        "report",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "liveblogposting",
        "socialmediaposting",
        "techarticle",
        "scholarlyarticle",
    }
)
SOURCE_RE = re.compile(r"(?:来源|稿源|出处)\s*[：:]\s*([^\s　|/，,。<>]{2,24})")
CN_AUTHOR_RE = re.compile(
    r"(?:作者|撰文|撰稿)\s*[：:/]\s*([\u4e00-\u9fff·]{2,8}(?:[ 　、,，][\u4e00-\u9fff·]{2,4}){0,3})"
)
CN_REPORTER_RE = re.compile(
    # A byline starts a line or puts a space/colon after 记者; "向南都记者介绍" is a clause.
    r"(?:(?:^|(?<=[\s（(【\[，,]))(?:本报|实习|特约)?记者\s*[：:]?\s*|记者(?:\s+|\s*[：:]\s*))"
    r"([\u4e00-\u9fff]{2,4}(?:[ 　、][\u4e00-\u9fff]{2,4}){0,3})",
    re.MULTILINE,
)
BY_RE = re.compile(r"^\s*(?:by|written by|posted by|words by|von|par|por)\s+(.+)$", re.IGNORECASE)
EN_NAME_RE = re.compile(r"^[A-Z][\w'’.\-]+(?:\s+(?:de|van|von|da|del|la|le|[A-Z][\w'’.\-]*)){1,4}$")
AUTHOR_SPLIT_RE = re.compile(r"\s*(?:,|，|、|;|\band\b|&|\|)\s*")
CN_SPLIT_RE = re.compile(r"[\s　、,，]+")
CN_ROLE_RE = re.compile(r"^(?:本报|实习|特约)?(?:记者|通讯员|编辑)")
AUTHOR_NOISE_RE = re.compile(
    r"\s*(?:[-–—|,]\s*)?(?:\d{1,2}/\d{1,2}/\d{2,4}.*|updated.*|published.*|staff writer.*|"
    r"reporter$|correspondent$|contributor$|\bat\b.*|\bfor\b.*)$",
    re.IGNORECASE,
)
URLISH_RE = re.compile(r"^(?:https?:|www\.|/)|\.\w{2,4}/|@", re.IGNORECASE)
CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
WORD_RE = re.compile(r"\w")
META_AUTHOR = (
    "author",
    "article:author",
    "dc.creator",
    "dc.creator.author",
    "byl",
    "parsely-author",
    "sailthru.author",
    "twitter:creator",
)
# Most precise first: explicit author markup, then byline containers.
BYLINE_XPATHS = (
    etree.XPath("//*[@rel='author' or @itemprop='author']"),
    etree.XPath(
        "//*[contains(@class,'author-name') or contains(@class,'authorName') or "
        "contains(@class,'article-author') or @class='author']"
    ),
    etree.XPath("//*[contains(@class,'byline') or contains(@id,'byline')]"),
)
HEADING_XPATH = etree.XPath("//h1")
TEXT_XPATH = etree.XPath(
    "//text()[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::title)]"
)
BY_TEXT_RE = re.compile(r"\bBy +([A-Z][\w'’.\-]+(?: +[A-Z][\w'’.\-]+){1,3})")


def _norm(text: Any) -> str:
    return SPACE_RE.sub(" ", str(text or "")).strip()


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _types(obj: dict[str, Any]) -> set[str]:
    return {str(t).lower() for t in _as_list(obj.get("@type"))}


def _article_objects(page: Page) -> Iterator[dict[str, Any]]:
    """JSON-LD objects describing the article (typed ones first)."""
    typed = [o for o in page.jsonld if _types(o) & ARTICLE_TYPES]
    yield from typed
    yield from (o for o in page.jsonld if o not in typed and "headline" in o)


def _names(value: Any) -> Iterator[str]:
    for item in _as_list(value):
        if isinstance(item, dict):
            name = item.get("name")
            if isinstance(name, str):
                yield _norm(name)
            elif isinstance(name, list):
                yield from (_norm(n) for n in name if isinstance(n, str))
        elif isinstance(item, str):
            yield _norm(item)


def split_title(text: str, site_names: Iterable[str] = ()) -> tuple[str, str | None]:
    """Split ``Headline - Site`` / ``Site | Headline`` / ``标题_栏目_网站`` into
    ``(headline, site)``. Text without a recognisable site part is returned whole."""
    text = _norm(text)
    if not text:
        return "", None
    known = {_norm(n).lower() for n in site_names if n}
    parts = [p for p in TITLE_SEP_RE.split(text) if p.strip()]
    if len(parts) < 2:
        return text, None
    # A part equal to the known site name settles it.
    for i in (len(parts) - 1, 0):
        if parts[i].lower() in known:
            rest = parts[:i] + parts[i + 1 :]
            head = max(rest, key=len) if len(rest) > 1 else rest[0]
            return head, parts[i]
    # Otherwise the headline is the longest part; the site is the shorter part at an end
    # (suffix preferred: most sites put their name last).
    longest = max(range(len(parts)), key=lambda i: len(parts[i]))
    head = parts[longest]
    if len(head) < 4:
        return text, None
    site = parts[-1] if longest < len(parts) - 1 else parts[0]
    return head, site


def _title_tag(page: Page) -> str:
    el = page.tree.find(".//title")
    return _norm(el.text_content()) if el is not None else ""


def _h1s(page: Page) -> list[str]:
    found = []
    for el in HEADING_XPATH(page.tree)[:5]:
        text = _norm(el.text_content())
        if 4 <= len(text) <= 300:
            found.append(text)
    return found


def _site_names(page: Page) -> list[str]:
    names = [page.meta_first("og:site_name", "application-name", "twitter:site") or ""]
    for obj in page.jsonld:
        names.extend(_names(obj.get("publisher")))
        if _types(obj) & {"website", "organization", "newsmediaorganization"}:
            names.extend(_names(obj))
    return [n.lstrip("@") for n in names if n]


def _same(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a == b or (len(a) >= 6 and len(b) >= 6 and (a in b or b in a))


def extract_title(page: Page, selectors: Sequence[str] | None = None) -> str:
    """The headline, without the site name around it."""
    if selectors:
        for item in select_all(page.tree, selectors):
            text = _norm(item.text_content() if isinstance(item, HtmlElement) else item)
            if text:
                return text
    sites = _site_names(page)
    title_tag = _title_tag(page)
    headline = next(
        (
            _norm(o["headline"])
            for o in _article_objects(page)
            if isinstance(o.get("headline"), str)
        ),
        "",
    )
    og = page.meta_first("og:title", "twitter:title") or ""
    structured = [t for t in (headline, og) if t]
    # An <h1> that agrees with another title source is the cleanest headline there is.
    for h1 in _h1s(page):
        for other in (*structured, title_tag):
            if other and _same(h1, other):
                return h1
    for text in structured:
        head, _ = split_title(text, sites)
        if head:
            return head
    if title_tag:
        return split_title(title_tag, sites)[0]
    h1s = _h1s(page)
    return h1s[0] if h1s else ""


def extract_media(page: Page, title: str = "", selectors: Sequence[str] | None = None) -> str:
    """The publishing outlet: rule, og:site_name, JSON-LD publisher, a ``来源：`` line, else
    the site part of the ``<title>``."""
    if selectors:
        for item in select_all(page.tree, selectors):
            text = _norm(item.text_content() if isinstance(item, HtmlElement) else item)
            if text:
                return SOURCE_RE.sub(r"\1", text)
    site = page.meta_first("og:site_name")
    if site:
        return _norm(site)
    for obj in _article_objects(page):
        for name in _names(obj.get("publisher")):
            if name:
                return name
    source = _source_line(page, title)
    if source:
        return source
    title_tag = _title_tag(page)
    _, suffix = split_title(title_tag, _site_names(page))
    return suffix or ""


def _page_text(page: Page) -> str:
    # One line per text node, so patterns never run from a byline into the next block.
    lines = (INLINE_SPACE_RE.sub(" ", t).strip() for t in TEXT_XPATH(page.tree))
    return "\n".join(line for line in lines if line)


def _near_title(page: Page, title: str) -> str:
    """Page text from the headline on (the dateline sits right under it)."""
    text = _page_text(page)
    at = text.find(title[:20]) if title else -1
    return text[at : at + 2000] if at >= 0 else text[:6000]


def _source_line(page: Page, title: str) -> str:
    match = SOURCE_RE.search(_near_title(page, title))
    return match.group(1) if match else ""


def _clean_author(name: str) -> str:
    name = _norm(name)
    match = BY_RE.match(name)
    if match:
        name = match.group(1)
    name = AUTHOR_NOISE_RE.sub("", name).strip(" ,;:-–—|")
    return name


def _valid_author(name: str) -> bool:
    return (
        1 < len(name) <= 60
        and not URLISH_RE.search(name)
        and bool(WORD_RE.search(name))
        and not name.isdigit()
    )


def _split_authors(text: str) -> list[str]:
    names = []
    for part in AUTHOR_SPLIT_RE.split(text):
        name = _clean_author(part)
        if _valid_author(name):
            names.append(name)
    return names


def extract_authors(
    page: Page, title: str = "", selectors: Sequence[str] | None = None
) -> list[str]:
    """Author names: rule, JSON-LD, meta tags, byline elements, then 作者/记者/By lines."""
    found: list[str] = []

    def add(values: Iterable[str]) -> None:
        for value in values:
            for name in _split_authors(value):
                if name.lower() not in (f.lower() for f in found):
                    found.append(name)

    if selectors:
        items = select_all(page.tree, selectors)
        add(_norm(i.text_content() if isinstance(i, HtmlElement) else i) for i in items)
        if found:
            return found
    publishers = {n.lower() for o in page.jsonld for n in _names(o.get("publisher"))}
    for obj in _article_objects(page):
        add(n for n in _names(obj.get("author")) if n.lower() not in publishers)
    if found:
        return found
    for name in META_AUTHOR:
        add(v for v in page.meta.get(name, ()) if not v.startswith("@"))
    if found:
        return found
    for xpath in BYLINE_XPATHS:
        for el in xpath(page.tree)[:4]:
            # The innermost text piece: nested byline markup would join names and roles.
            text = _norm(el.text_content())
            if text and len(text) <= 120 and len(el) <= 3:
                add([text])
        if found:
            return found
    near = _near_title(page, title)
    for pattern in (CN_AUTHOR_RE, CN_REPORTER_RE):
        match = pattern.search(near)
        if match:
            names = [CN_ROLE_RE.sub("", n) for n in CN_SPLIT_RE.split(match.group(1))]
            add(n for n in names if len(n) >= 2)
            return found
    match = BY_TEXT_RE.search(near[:1000])
    if match and EN_NAME_RE.match(match.group(1)):
        add([match.group(1)])
    return found


def detect_lang(page: Page, text: str = "") -> str:
    """The page's declared language, else ``zh`` for mostly-CJK text, else ``en``."""
    if page.lang:
        return page.lang
    sample = (text or _page_text(page))[:5000]
    letters = len(WORD_RE.findall(sample))
    if not letters:
        return ""
    return "zh" if len(CJK_RE.findall(sample)) > letters * 0.3 else "en"
