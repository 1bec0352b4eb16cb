"""The one record shape that flows from spiders through pipelines into the store."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class Article:
    """One news article.

    Spiders fill the raw fields; pipelines derive the normalised ones.

    - ``id``: stable key. The source's own id where it has one (``NW202205182382767663``),
      else :func:`id_from_url` of the canonical URL.
    - ``source``: key of the source configuration (its file name without ``.toml``).
    - ``url``: the original article URL that posts link to.
    - ``published_raw``: the publication time exactly as found.
    - ``published``: timezone-aware datetime derived from ``published_raw``; None until
      normalised or when it could not be.
    - ``published_source``: where the date came from (``list`` for an api list entry;
      ``json-ld``, ``meta``, ``time``, ``url``, ``text``, ``rule``, ``feed``, ``sitemap``,
      ``listing`` for pages).
    - ``date_conflicts``: notes where date signals disagreed by more than a day.
    - ``media``: the outlet's name as published (``右江日报``).
    - ``authors``, ``tags``: lists of plain strings.
    - ``category``: slug used by the site (``youjiangribao``).
    - ``summary``: the digest as published, plain text.
    - ``body_html``: the body as fetched until the cleaning pipeline makes it safe markup.
    - ``body_text``: plain text derived from the cleaned body.
    - ``lang``: BCP 47 language tag (``zh``, ``en``).
    - ``fetched_at``: aware UTC datetime of the fetch.
    - ``prepared``: what the store derives from the texts, made with the extraction
      (:class:`newsbot.store.Prepared`), or None; not part of the article's content.
    """

    id: str
    source: str
    url: str
    title: str = ""
    published_raw: str | None = None
    published: datetime | None = None
    published_source: str = ""
    date_conflicts: list[str] = field(default_factory=list)
    media: str = ""
    authors: list[str] = field(default_factory=list)
    category: str = ""
    tags: list[str] = field(default_factory=list)
    summary: str = ""
    body_html: str = ""
    body_text: str = ""
    lang: str = ""
    fetched_at: datetime | None = None
    prepared: Any = field(default=None, compare=False, repr=False)


def id_from_url(url: str) -> str:
    """Stable id for an article without one of its own: 16 hex digits of SHA-256 of the URL."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
