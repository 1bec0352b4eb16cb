"""Item pipelines, one per module, each a thin adapter over one pure function.

Order (``ITEM_PIPELINES`` in :mod:`newsbot.settings`):

1. ``NormaliseDatePipeline`` (200): ``published_raw`` -> aware ``published``.
2. ``CleanHtmlPipeline`` (300): safe ``body_html`` and ``body_text`` from one parse.
3. ``DeriveCategoryPipeline`` (400): ``category`` and ``tags`` from the source's template.
4. ``ValidateArticlePipeline`` (500): drops articles missing a required field, counted.
5. ``StoreArticlePipeline`` (600): upsert into SQLite; counts new / updated / unchanged.
6. ``ExportPostPipeline`` (700): writes the post, rendered from the stored row.
"""

from __future__ import annotations

from typing import Any

from newsbot.config import Source


def source_of(crawler: Any) -> Source:
    """The source a crawler crawls (every newsbot spider class carries its own)."""
    source = getattr(crawler.spidercls, "source", None)
    if not isinstance(source, Source):
        raise TypeError(f"{crawler.spidercls.__name__} is not a newsbot source spider")
    return source
