"""newsbot: news scraper and ingestion pipeline.

The library's public surface; none of it imports Scrapy (spiders and pipelines are thin
adapters in :mod:`newsbot.spiders` and :mod:`newsbot.pipelines`). Names are imported on
first use, so a command that needs little (a crawl that finds its source locked) starts fast.
"""

from __future__ import annotations

from importlib import import_module

TYPE_CHECKING = False  # typing itself is not imported: every command would pay for it
if TYPE_CHECKING:
    from typing import Any

_HOMES = {
    "Article": "newsbot.items",
    "ExtractedArticle": "newsbot.extract",
    "Source": "newsbot.config",
    "SourceError": "newsbot.config",
    "Store": "newsbot.store",
    "clean_html": "newsbot.clean",
    "extract_article": "newsbot.extract",
    "html_to_text": "newsbot.clean",
    "load_source": "newsbot.config",
    "load_sources": "newsbot.config",
    "parse_date": "newsbot.dates",
}

__all__ = sorted(_HOMES)
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'newsbot' has no attribute {name!r}")
    return getattr(import_module(home), name)
