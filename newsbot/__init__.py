"""newsbot: news scraper and ingestion pipeline.

The library's public surface; none of it imports Scrapy (spiders and pipelines are thin
adapters in :mod:`newsbot.spiders` and :mod:`newsbot.pipelines`).
"""

from newsbot.clean import clean_html, html_to_text
from newsbot.config import Source, SourceError, load_source, load_sources
from newsbot.dates import parse_date
from newsbot.extract import ExtractedArticle, extract_article
from newsbot.items import Article
from newsbot.store import Store

__all__ = [
    "Article",
    "ExtractedArticle",
    "Source",
    "SourceError",
    "Store",
    "clean_html",
    "extract_article",
    "html_to_text",
    "load_source",
    "load_sources",
    "parse_date",
]
__version__ = "0.1.0"
