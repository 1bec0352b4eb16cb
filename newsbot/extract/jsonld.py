"""The page's JSON-LD objects that describe the article itself.

Pages carry several objects: the site (``WebSite``, ``Organization``), breadcrumbs, the page
(``WebPage``, often with the article nested as its ``mainEntity``) and, on many sites, teasers
of related articles with their own dates and headlines. The article is the article-typed
object that names the page's own URL; without such a URL, the first article-typed object.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from newsbot.extract.page import Page

__all__ = [
    "ARTICLE_TYPE_RE",
    "SITE_TYPES",
    "article_objects",
    "as_list",
    "is_article",
    "objects",
    "resolved",
    "types",
]

# NewsArticle, BlogPosting, ReportageNewsArticle, LiveBlogPosting, VideoObject, Review, ...
ARTICLE_TYPE_RE = re.compile(r"article|posting|report|news|blog|video|episode|review", re.I)
SITE_TYPES = frozenset(
    {"website", "organization", "newsmediaorganization", "corporation", "person", "brand"}
)
# Keys under which an object nests the thing it is about.
_NESTED_KEYS = ("mainEntity",)


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def types(obj: dict[str, Any]) -> set[str]:
    return {str(t).lower() for t in as_list(obj.get("@type"))}


def is_article(obj: dict[str, Any]) -> bool:
    kinds = types(obj)
    if kinds & SITE_TYPES or any(t.endswith("organization") for t in kinds):
        return False  # NewsMediaOrganization is the site, not its news
    return any(ARTICLE_TYPE_RE.search(t) for t in kinds)


def objects(page: Page) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object, objects nested as ``mainEntity`` right after their parent."""
    for obj in page.jsonld:
        yield obj
        stack = [obj]
        while stack:
            parent = stack.pop()
            for key in _NESTED_KEYS:
                for child in as_list(parent.get(key)):
                    if isinstance(child, dict):
                        yield child
                        stack.append(child)


def resolved(page: Page, value: Any) -> list[Any]:
    """``value`` as a list, each reference to another node of the page's graph (``{"@id":
    "…#/schema/person/1"}`` without a name, as SEO plugins write an article's author and
    publisher) replaced by that node."""

    def by_id() -> dict[str, dict[str, Any]]:
        index: dict[str, dict[str, Any]] = {}
        for obj in page.jsonld:
            node_id = obj.get("@id")
            if isinstance(node_id, str) and node_id:
                index.setdefault(node_id, obj)
        return index

    out = []
    for item in as_list(value):
        if isinstance(item, dict) and "name" not in item and isinstance(item.get("@id"), str):
            item = page.derived("jsonld.by_id", by_id).get(item["@id"], item)
        out.append(item)
    return out


def _url_key(url: Any) -> str:
    if isinstance(url, dict):
        url = url.get("@id") or url.get("url")
    if not isinstance(url, str) or not url.strip():
        return ""
    parts = urlsplit(url.strip())
    return (parts.netloc.lower().removeprefix("www.") + parts.path.rstrip("/")).lower()


def _page_keys(page: Page) -> frozenset[str]:
    def keys() -> frozenset[str]:
        canonical = page.tree.xpath("//link[@rel='canonical']/@href")
        urls = [page.url, page.meta_first("og:url"), *(str(u) for u in canonical[:1])]
        return frozenset(k for k in map(_url_key, urls) if k)

    return page.derived("jsonld.page_keys", keys)


def _names_page(obj: dict[str, Any], keys: frozenset[str]) -> bool:
    for key in ("url", "@id", "mainEntityOfPage"):
        for value in as_list(obj.get(key)):
            if _url_key(value) in keys:
                return True
    return False


def article_objects(page: Page) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """``(own, others)``: the article's own object(s) and the other article-typed objects
    (related items, teasers), each in document order."""
    articles = [o for o in objects(page) if is_article(o)]
    keys = _page_keys(page)
    own = [o for o in articles if _names_page(o, keys)]
    if not own:
        own = articles[:1]
    return own, [o for o in articles if not any(o is x for x in own)]
