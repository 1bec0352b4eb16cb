"""The ``api`` kind: JSON list endpoints whose items point to JSON detail endpoints."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from newsbot.config import ApiSettings, Source
from newsbot.items import Article

__all__ = [
    "FeedError",
    "article_from_entry",
    "body_from_detail",
    "dig",
    "entry_lastmod",
    "list_entries",
]

MISSING = object()


class FeedError(ValueError):
    """A JSON document without the shape the source configuration promises.

    ``reason`` is a short machine-readable word used in stats keys.
    """

    def __init__(self, reason: str, message: str) -> None:
        self.reason = reason
        super().__init__(message)


def dig(data: Any, path: str, default: Any = MISSING) -> Any:
    """The value at a dotted ``path`` (``data.list``, ``records.0.title``) of parsed JSON."""
    node = data
    for part in path.split("."):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            if default is MISSING:
                raise FeedError("missing_field", f"no {path!r} in the document")
            return default
    return node


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def list_entries(data: Any, api: ApiSettings) -> Iterator[dict[str, Any]]:
    """The article entries of a parsed list document."""
    entries = dig(data, api.items)
    if not isinstance(entries, list):
        raise FeedError("bad_list", f"{api.items!r} is not an array")
    for entry in entries:
        if isinstance(entry, dict):
            yield entry


def article_from_entry(entry: dict[str, Any], source: Source, fetched_at: datetime) -> Article:
    """An Article with the raw fields a list entry carries (body only where the list has it)."""
    api = source.api
    assert api is not None
    fields = api.fields
    article_id = _text(dig(entry, fields.id, None)).strip()
    if not article_id:
        raise FeedError("missing_id", f"entry without {fields.id!r}")

    def field(path: str | None) -> str:
        return _text(dig(entry, path, None)).strip() if path else ""

    url = field(fields.url) or (api.article_url or "").format(id=article_id)
    authors = dig(entry, fields.authors, None) if fields.authors else None
    if isinstance(authors, str):
        authors = [a.strip() for a in authors.replace("，", ",").split(",") if a.strip()]
    return Article(
        id=article_id,
        source=source.key,
        url=url,
        title=field(fields.title),
        published_raw=field(fields.published) or None,
        published_source="list",
        media=field(fields.media) or source.media,
        authors=[_text(a) for a in authors or []],
        summary=field(fields.summary),
        body_html=_text(dig(entry, fields.body, "")) if fields.body else "",
        lang=source.lang,
        fetched_at=fetched_at,
    )


def entry_lastmod(entry: dict[str, Any], source: Source) -> str | None:
    """The list entry's last-modified time (``api.fields.updated``), raw."""
    api = source.api
    assert api is not None
    if not api.fields.updated:
        return None
    return _text(dig(entry, api.fields.updated, None)).strip() or None


def detail_url(article: Article, source: Source) -> str | None:
    api = source.api
    assert api is not None
    if api.detail_url is None:
        return None
    return source.absolute(api.detail_url.format(id=article.id))


def body_from_detail(data: Any, source: Source) -> str:
    """The body HTML of a parsed detail document."""
    api = source.api
    assert api is not None
    body = dig(data, api.detail_body)
    if not isinstance(body, str):
        raise FeedError("bad_body", f"{api.detail_body!r} is not a string")
    return body
