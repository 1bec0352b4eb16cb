"""The SQLite store: the record that downstream sites read. The only module that knows SQL.

Tables (see README.md, "Database"):

- ``articles``: one row per article id; ``content_hash`` decides new / updated / unchanged.
- ``articles_fts``: FTS5 index (trigram tokenizer, so Chinese words match) on title and text.
- ``crawls``: one row per crawl of a source, with its counts and status.

The database runs in WAL mode so readers never block the crawl.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

import sqlite_utils
from sqlite_utils import Migrations

from newsbot.items import Article

__all__ = ["CRAWL_COUNTS", "Outcome", "Store", "article_row", "content_hash", "migrate"]

Outcome = Literal["new", "updated", "unchanged"]
# What a crawl counts, in the order the ``crawls`` table and the crawl summary show them.
CRAWL_COUNTS = ("new", "updated", "unchanged", "failed", "dropped")

# Fields whose change makes an article "updated"; timestamps and derived text are not content.
CONTENT_FIELDS = (
    "url",
    "title",
    "published",
    "media",
    "authors",
    "category",
    "tags",
    "summary",
    "body_html",
    "lang",
)

migrations = Migrations("newsbot")


@migrations()
def m001_articles_and_crawls(db: sqlite_utils.Database) -> None:
    db["articles"].create(
        {
            "id": str,
            "source": str,
            "url": str,
            "title": str,
            "published": str,
            "published_utc": str,
            "published_raw": str,
            "media": str,
            "authors": str,
            "category": str,
            "tags": str,
            "summary": str,
            "body_html": str,
            "body_text": str,
            "lang": str,
            "fetched_at": str,
            "content_hash": str,
            "first_seen": str,
            "last_seen": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"source", "url", "title", "published", "published_utc", "content_hash"},
    )
    db["articles"].create_index(["source", "published_utc"])
    db["articles"].create_index(["published_utc"])
    db["articles"].enable_fts(["title", "body_text"], tokenize="trigram")
    # Our own triggers: re-index only when indexed columns change, not on every last_seen bump.
    db.executescript(
        """
        CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
          INSERT INTO articles_fts (rowid, title, body_text)
          VALUES (new.rowid, new.title, new.body_text);
        END;
        CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
          INSERT INTO articles_fts (articles_fts, rowid, title, body_text)
          VALUES ('delete', old.rowid, old.title, old.body_text);
        END;
        CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, body_text ON articles BEGIN
          INSERT INTO articles_fts (articles_fts, rowid, title, body_text)
          VALUES ('delete', old.rowid, old.title, old.body_text);
          INSERT INTO articles_fts (rowid, title, body_text)
          VALUES (new.rowid, new.title, new.body_text);
        END;
        """
    )
    db["crawls"].create(
        {
            "id": int,
            "source": str,
            "started_at": str,
            "finished_at": str,
            "status": str,
            "new": int,
            "updated": int,
            "unchanged": int,
            "failed": int,
            "dropped": int,
        },
        pk="id",
        not_null={"source", "started_at", "status"},
        defaults={"new": 0, "updated": 0, "unchanged": 0, "failed": 0, "dropped": 0},
    )


@migrations()
def m002_date_provenance(db: sqlite_utils.Database) -> None:
    # Where each date came from, and disagreements between a page and its feed or listing.
    db["articles"].add_column("published_source", str)
    db["articles"].add_column("date_conflicts", str)


@migrations()
def m003_sync_index(db: sqlite_utils.Database) -> None:
    # Downstream readers fetch what changed: WHERE updated_at > ? ORDER BY updated_at.
    db["articles"].create_index(["updated_at"])


def migrate(db: sqlite_utils.Database) -> None:
    """Bring ``db`` to the current schema: apply (and record) every pending migration."""
    migrations.apply(db)


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def article_row(article: Article) -> dict[str, Any]:
    """The ``articles`` columns for an article (without the bookkeeping timestamps)."""
    if article.published is None or article.published.tzinfo is None:
        raise ValueError(f"article {article.id!r} has no timezone-aware publication time")
    row: dict[str, Any] = {
        "id": article.id,
        "source": article.source,
        "url": article.url,
        "title": article.title,
        "published": article.published.isoformat(),
        "published_utc": article.published.astimezone(UTC).isoformat(),
        "published_raw": article.published_raw,
        "published_source": article.published_source,
        "date_conflicts": json.dumps(article.date_conflicts, ensure_ascii=False),
        "media": article.media,
        "authors": json.dumps(article.authors, ensure_ascii=False),
        "category": article.category,
        "tags": json.dumps(article.tags, ensure_ascii=False),
        "summary": article.summary,
        "body_html": article.body_html,
        "body_text": article.body_text,
        "lang": article.lang,
        "fetched_at": _iso(article.fetched_at),
    }
    row["content_hash"] = content_hash(row)
    return row


def content_hash(row: dict[str, Any]) -> str:
    """SHA-256 over the content fields of an ``articles`` row."""
    payload = json.dumps([row.get(name) for name in CONTENT_FIELDS], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def first_seen_conflict(published: datetime | None, first_seen: datetime) -> str | None:
    """A note when an article claims a publication time over a day after we first saw it."""
    if published is not None and published - first_seen > timedelta(days=1):
        return f"published {published.date()} vs first_seen {first_seen.date()}"
    return None


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    row = dict(row)
    for name in ("authors", "tags", "date_conflicts"):
        row[name] = json.loads(row[name]) if row.get(name) else []
    return row


class Store:
    """An open newsbot database. Create with a path; the schema is migrated on open."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite_utils.Database(self.path)
        self.db.execute("PRAGMA busy_timeout = 10000")
        self.db.enable_wal()
        migrate(self.db)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # articles -------------------------------------------------------------------------------

    def upsert_article(self, article: Article, now: datetime | None = None) -> Outcome:
        """Insert or update one article; an unchanged one only gets its ``last_seen`` bumped."""
        row = article_row(article)
        stamp = (now or datetime.now(UTC)).isoformat()
        with self.db.conn:
            existing = self.db.execute(
                "SELECT content_hash, first_seen FROM articles WHERE id = ?", [article.id]
            ).fetchone()
            if existing is None:
                self.db["articles"].insert(
                    {**row, "first_seen": stamp, "last_seen": stamp, "updated_at": stamp}
                )
                return "new"
            if existing[0] == row["content_hash"]:
                self.db.execute(
                    "UPDATE articles SET last_seen = ? WHERE id = ?", [stamp, article.id]
                )
                return "unchanged"
            note = first_seen_conflict(article.published, datetime.fromisoformat(existing[1]))
            if note:
                row["date_conflicts"] = json.dumps(
                    [*article.date_conflicts, note], ensure_ascii=False
                )
            self.db["articles"].update(article.id, {**row, "last_seen": stamp, "updated_at": stamp})
            return "updated"

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        """One article as a dict (``authors`` and ``tags`` as lists), or None."""
        for row in self.db.query("SELECT * FROM articles WHERE id = ?", [article_id]):
            return _decode(row)
        return None

    def articles(self, source: str | None = None) -> Iterator[dict[str, Any]]:
        """Every article, oldest first, optionally of one source."""
        sql = "SELECT * FROM articles"
        params: list[Any] = []
        if source is not None:
            sql += " WHERE source = ?"
            params.append(source)
        for row in self.db.query(sql + " ORDER BY published_utc, id", params):
            yield _decode(row)

    def count_articles(self) -> int:
        return self.db["articles"].count

    def search(self, text: str, limit: int = 20) -> list[dict[str, Any]]:
        """Articles whose title or text contain ``text`` (any language), best match first.

        The trigram index needs three characters; shorter queries fall back to a scan.
        """
        text = text.strip()
        if not text:
            return []
        if len(text) >= 3:
            phrase = '"' + text.replace('"', '""') + '"'
            sql = (
                "SELECT articles.* FROM articles_fts JOIN articles"
                " ON articles.rowid = articles_fts.rowid"
                " WHERE articles_fts MATCH ? ORDER BY articles_fts.rank LIMIT ?"
            )
            params: list[Any] = [phrase, limit]
        else:
            pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            pattern += "%"
            sql = (
                "SELECT * FROM articles WHERE title LIKE ? ESCAPE '\\'"
                " OR body_text LIKE ? ESCAPE '\\' ORDER BY published_utc DESC LIMIT ?"
            )
            params = [pattern, pattern, limit]
        return [_decode(row) for row in self.db.query(sql, params)]

    # crawls ---------------------------------------------------------------------------------

    def start_crawl(self, source: str, now: datetime | None = None) -> int:
        """Record the start of a crawl of ``source``; returns the crawl id."""
        stamp = (now or datetime.now(UTC)).isoformat()
        with self.db.conn:
            table = self.db["crawls"].insert(
                {"source": source, "started_at": stamp, "status": "running"}
            )
        return int(table.last_pk)

    def finish_crawl(
        self, crawl_id: int, counts: dict[str, int], status: str, now: datetime | None = None
    ) -> None:
        """Record the end of a crawl with its counts (new, updated, unchanged, failed, dropped)."""
        stamp = (now or datetime.now(UTC)).isoformat()
        known = {k: int(v) for k, v in counts.items() if k in CRAWL_COUNTS}
        with self.db.conn:
            self.db["crawls"].update(crawl_id, {**known, "finished_at": stamp, "status": status})

    def crawls(self) -> list[dict[str, Any]]:
        return list(self.db.query("SELECT * FROM crawls ORDER BY id"))
