"""The read API: Datasette on the database, read-only, with named queries for sites.

Needs the optional extra ``newsbot[serve]``. The database is served as ``newsbot`` whatever
its file is called, so ``/newsbot/search.json?q=治理`` works for every deployment. Datasette
reads through ``mode=ro`` connections, and no canned query writes.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import Any

from datasette import hookimpl

from newsbot.search import SEARCH_SQL, register_functions

__all__ = ["QUERIES", "make_datasette", "metadata", "serve"]

DATABASE = "newsbot"

QUERIES: dict[str, dict[str, str]] = {
    "search": {
        "title": "Full-text search",
        "description": "Articles matching q (words, phrases, AND/OR/NOT), best first, with a "
        "snippet; optional limit (default 20).",
        "sql": SEARCH_SQL,
    },
    "latest": {
        "title": "Latest per category",
        "description": "The most recently published article of every category.",
        "sql": """
SELECT category, id, title, published, media, url FROM (
  SELECT *, row_number() OVER (PARTITION BY category ORDER BY published_utc DESC, id) AS n
  FROM articles
) WHERE n = 1 ORDER BY published_utc DESC
""".strip(),
    },
    "day": {
        "title": "Articles of one day",
        "description": "Articles published on date (YYYY-MM-DD, in the time zone the date "
        "was published in), oldest first.",
        "sql": """
SELECT id, title, published, media, category, url FROM articles
WHERE published >= :date AND published < :date || 'T99'
ORDER BY published_utc, id
""".strip(),
    },
    "reprints": {
        "title": "A story and its reprints",
        "description": "The canonical article of the story that article id belongs to, "
        "then every copy (canonical_of set), oldest first.",
        "sql": """
WITH story AS (SELECT coalesce(canonical_of, id) AS root FROM articles WHERE id = :id)
SELECT id, title, media, source, published, url, canonical_of FROM articles
WHERE id = (SELECT root FROM story) OR canonical_of = (SELECT root FROM story)
ORDER BY canonical_of IS NOT NULL, published_utc, id
""".strip(),
    },
}

TABLES: dict[str, dict[str, Any]] = {
    "articles": {
        "description": "One row per article (see the README, 'Database').",
        "columns": {
            "id": "the source's own id, or 16 hex digits of SHA-256 of the URL",
            "source": "source key",
            "url": "original article URL",
            "title": "headline",
            "published": "ISO 8601 with the offset found or implied",
            "published_utc": "the same instant in UTC",
            "body_html": "cleaned body markup",
            "body_text": "body as plain text",
            "category": "category slug",
            "updated_at": "UTC time of the last content change: sync by updated_at > ?",
            "canonical_of": "set on a reprint: the id of the story's earliest copy",
        },
    },
    "articles_fts": {"description": "Trigram full-text index of title and body_text."},
    "articles_cjk": {"description": "CJK bigram full-text index (one- and two-character words)."},
    "crawls": {"description": "One row per crawl of a source, with its counts and status."},
    "article_fingerprints": {"description": "MinHash of each article's normalised body."},
    "article_bands": {"description": "LSH band keys of the fingerprints: reprint candidates."},
}


def metadata() -> dict[str, Any]:
    """Datasette metadata: table descriptions and the canned queries."""
    return {
        "title": "newsbot",
        "description": "News articles collected by newsbot.",
        "databases": {DATABASE: {"tables": TABLES, "queries": QUERIES}},
    }


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    """Datasette hook: newsbot's SQL functions (search) on every connection."""
    register_functions(conn)


def make_datasette(path: Path | str) -> Any:
    """A Datasette instance serving the database at ``path`` read-only as ``newsbot``."""
    from datasette.app import Datasette
    from datasette.database import Database
    from datasette.plugins import pm

    if pm.get_plugin("newsbot") is None:
        pm.register(sys.modules[__name__], name="newsbot")
    ds = Datasette(metadata=metadata(), settings={"default_page_size": 50})
    ds.add_database(Database(ds, path=str(path), is_mutable=True), name=DATABASE)
    return ds


def serve(path: Path | str, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Serve until interrupted."""
    import uvicorn

    ds = make_datasette(path)
    print(f"serving {path} on http://{host}:{port}/{DATABASE}", file=sys.stderr, flush=True)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")
