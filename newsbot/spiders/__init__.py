"""Spider kinds. Each source file becomes one spider class of its kind (see ``spider_class``)."""

from __future__ import annotations

from typing import Any

from newsbot.config import Source
from newsbot.spiders.api import ApiSpider
from newsbot.spiders.base import SourceSpider
from newsbot.spiders.pages import FeedSpider, HtmlSpider, SitemapSpider

__all__ = ["KINDS", "SourceSpider", "spider_class"]

KINDS: dict[str, type[SourceSpider]] = {
    "api": ApiSpider,
    "html": HtmlSpider,
    "feed": FeedSpider,
    "sitemap": SitemapSpider,
}


def spider_class(source: Source) -> type[SourceSpider]:
    """A spider class named after the source, of the source's kind."""
    base = KINDS[source.kind]
    attrs: dict[str, Any] = {
        "name": source.key,
        "source": source,
        "allowed_domains": source.fetch_hosts,
        "custom_settings": base.settings_for(source),
        "__module__": __name__,
    }
    return type(f"{base.__name__}_{source.key.replace('-', '_')}", (base,), attrs)
