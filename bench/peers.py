"""newsbot and the peer extractors behind one call: ``TOOLS[name](html, text, url) -> Pred``.

``html`` is the page's bytes, ``text`` the same page decoded once by newsbot's decoder (the
peers get text: several of them mis-detect GB pages from bytes). Each peer is called the way
``../shared/corpus/score_fundus.py`` calls it, default settings otherwise, so the figures of
every set mean the same. ``FIELDS[name]`` says which fields a tool produces.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["FIELDS", "TOOLS", "Pred", "newsbot"]

# Keeps time and offset; naive when none was found (as score_fundus.py asks the peers).
DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"


@dataclass
class Pred:
    title: str | None = None
    published: Any = None  # datetime, date, string or None
    authors: list[str] = field(default_factory=list)
    media: str | None = None
    body: str = ""


def _split(value: Any, seps: str = r"[;；,，、/|]") -> list[str]:
    if not value:
        return []
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    return [a.strip() for a in re.split(seps, str(value)) if a.strip()]


def newsbot(html: bytes, text: str, url: str, options: Any = None, **kwargs: Any) -> Pred:
    from newsbot.extract import extract_article

    if options is not None:
        kwargs["options"] = options
    art = extract_article(html, url, timezone="UTC", **kwargs)
    return Pred(art.title, art.published, list(art.authors), art.media, art.body_text)


def trafilatura(html: bytes, text: str, url: str) -> Pred:
    import trafilatura as tf
    from trafilatura.settings import set_date_params

    params = set_date_params(True)
    params["outputformat"] = DATE_FORMAT
    doc = tf.bare_extraction(
        text, url=url or None, with_metadata=True, date_extraction_params=params
    )
    if doc is None:
        return Pred()
    return Pred(doc.title, doc.date, _split(doc.author, r"[;；]"), doc.sitename, doc.text or "")


def readability(html: bytes, text: str, url: str) -> Pred:
    import lxml.html
    from readability import Document

    summary = Document(text).summary()
    body = lxml.html.fromstring(summary).text_content() if summary.strip() else ""
    return Pred(body=body)


def htmldate(html: bytes, text: str, url: str) -> Pred:
    from htmldate import find_date

    found = find_date(
        text, url=url or None, extensive_search=True, original_date=True, outputformat=DATE_FORMAT
    )
    return Pred(published=found)


def newspaper4k(html: bytes, text: str, url: str) -> Pred:
    import newspaper

    art = newspaper.Article(url or "http://example.invalid/")
    art.download(input_html=text)
    # An optional per-language tokenizer may be missing: keep the metadata parsed.
    with contextlib.suppress(ImportError):
        art.parse()
    return Pred(
        art.title, art.publish_date, list(art.authors or []), art.meta_site_name, art.text or ""
    )


_GNE: list[Any] = []


def gne(html: bytes, text: str, url: str) -> Pred:
    if not _GNE:
        from gne import GeneralNewsExtractor

        _GNE.append(GeneralNewsExtractor())
    out = _GNE[0].extract(text)
    return Pred(
        out.get("title"),
        out.get("publish_time"),
        _split(out.get("author")),
        None,
        out.get("content") or "",
    )


TOOLS: dict[str, Callable[..., Pred]] = {
    "newsbot": newsbot,
    "trafilatura": trafilatura,
    "readability": readability,
    "htmldate": htmldate,
    "newspaper4k": newspaper4k,
    "gne": gne,
}
ALL = frozenset({"title", "day", "minute", "authors", "media", "body"})
FIELDS: dict[str, frozenset[str]] = {
    "newsbot": ALL,
    "trafilatura": ALL,
    "readability": frozenset({"body"}),
    "htmldate": frozenset({"day", "minute"}),
    "newspaper4k": ALL,
    "gne": frozenset({"title", "day", "minute", "authors", "body"}),
}
