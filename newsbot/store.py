"""The SQLite store: the record that downstream sites read. The only module that knows SQL.

Tables (see README.md, "Database"):

- ``articles``: one row per article id; ``content_hash`` decides new / updated / unchanged.
- ``articles_fts``: FTS5 index (trigram tokenizer, so Chinese words match) on title and text.
- ``articles_cjk``: FTS5 index of CJK bigrams for one- and two-character words.
- ``crawls``: one row per crawl of a source, with its counts and status.
- ``failures``: one row per (source, URL) that failed, with its reason and attempts.
- ``seen_urls``: the ledger of fetched URLs (see :mod:`newsbot.ledger`).
- ``article_versions``: earlier contents of changed articles.
- ``backfill_units``: the days (or dated sitemaps) a backfill has completed.

The database runs in WAL mode so readers never block the crawl. Writes take the write lock
first (``BEGIN IMMEDIATE``) and wait for another writer up to ``write_timeout`` seconds.

Every :class:`Store` of one database in one thread of a process shares one connection, so a
crawl's pipelines, ledger and failure records write through one transaction. A Store may be
used from other threads too (a crawl writes its articles from a writer thread, see
:mod:`newsbot.writer`): its methods take the connection's lock, so one runs at a time and a
commit never falls between the statements of one write. The iterators (``post_keys``,
``articles``, ``changed_since``) are for the thread alone that opened the Store. In a batch
(:meth:`Store.batch`), writes are committed together every :data:`BATCH_ARTICLES` articles
or :data:`BATCH_SECONDS` seconds (whichever comes first) and when the batch ends; a write
that fails is undone alone (a savepoint), the batch goes on. A killed process loses the
writes since the last commit, all of them together: an article's row, its ledger entry
and the failures it resolves are committed at once or not at all.
"""

from __future__ import annotations

import functools
import inspect
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from newsbot.errors import StoreNotFoundError
from newsbot.search import connect_readonly, register_functions, search

if TYPE_CHECKING:
    import sqlite_utils

    from newsbot.items import Article

__all__ = [
    "CRAWL_COUNTS",
    "Outcome",
    "Prepared",
    "Store",
    "StoreNotFoundError",
    "article_row",
    "content_hash",
    "decode_article",
    "migrate",
    "prepare_article",
]

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

# Columns of ``seen_urls`` that a fetch writes (the timestamps are the store's).
SEEN_COLUMNS = (
    "canonical",
    "url",
    "source",
    "kind",
    "article_id",
    "last_status",
    "etag",
    "last_modified",
    "lastmod",
)


class _Migrations:
    """sqlite-utils' ``Migrations``, made on first use: importing sqlite-utils (and numpy,
    which it loads when installed) would cost every command, readers included, a quarter
    of a second. Register with ``@migrations()`` as with sqlite-utils."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._registered: list[tuple[Callable[..., Any], dict[str, Any]]] = []
        self._real: Any = None

    def __call__(self, **options: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def register(fn: Callable[..., Any]) -> Callable[..., Any]:
            self._registered.append((fn, options))
            self._real = None
            return fn

        return register

    def __getattr__(self, name: str) -> Any:
        if self._real is None:
            from sqlite_utils import Migrations

            self._real = Migrations(self.name)
            for fn, options in self._registered:
                self._real(**options)(fn)
        return getattr(self._real, name)


migrations = _Migrations("newsbot")


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


@migrations()
def m004_failures(db: sqlite_utils.Database) -> None:
    # What could not be fetched or processed, one row per (source, URL): the next run (and
    # ``--retry-failed``) reads it back. ``resolved_at`` is set by a later success,
    # ``given_up_at`` when retrying stops; a resolved URL that fails again starts over.
    db["failures"].create(
        {
            "source": str,
            "url": str,
            "reason": str,
            "http_status": int,
            "message": str,
            "article_id": str,
            "attempts": int,
            "first_seen": str,
            "last_seen": str,
            "resolved_at": str,
            "given_up_at": str,
        },
        pk=("source", "url"),
        not_null={"source", "url", "reason", "attempts", "first_seen", "last_seen"},
        defaults={"attempts": 1},
    )
    db["failures"].create_index(["source", "resolved_at"])
    db["failures"].create_index(["article_id"])


@migrations()
def m005_operations(db: sqlite_utils.Database) -> None:
    # One row per source being crawled: who holds it (see newsbot.lock).
    db["locks"].create(
        {"source": str, "pid": int, "host": str, "proc_start": str, "acquired_at": str},
        pk="source",
        not_null={"pid", "host", "acquired_at"},
    )
    # Extra source directories named once with --sources, remembered for later commands.
    db["source_dirs"].create({"path": str, "added_at": str}, pk="path")


@migrations()
def m006_cjk_bigram_index(db: sqlite_utils.Database) -> None:
    # One- and two-character Chinese words, which the trigram index cannot serve: FTS5 over
    # CJK bigrams (newsbot.search.bigram_text), contentless; the triggers compute the text.
    db.executescript(
        """
        CREATE VIRTUAL TABLE articles_cjk USING fts5(title, body, content='', tokenize='unicode61');
        CREATE TRIGGER articles_cjk_ai AFTER INSERT ON articles BEGIN
          INSERT INTO articles_cjk (rowid, title, body)
          VALUES (new.rowid, newsbot_bigrams(new.title), newsbot_bigrams(new.body_text));
        END;
        CREATE TRIGGER articles_cjk_ad AFTER DELETE ON articles BEGIN
          INSERT INTO articles_cjk (articles_cjk, rowid, title, body) VALUES
          ('delete', old.rowid, newsbot_bigrams(old.title), newsbot_bigrams(old.body_text));
        END;
        CREATE TRIGGER articles_cjk_au AFTER UPDATE OF title, body_text ON articles BEGIN
          INSERT INTO articles_cjk (articles_cjk, rowid, title, body) VALUES
          ('delete', old.rowid, newsbot_bigrams(old.title), newsbot_bigrams(old.body_text));
          INSERT INTO articles_cjk (rowid, title, body)
          VALUES (new.rowid, newsbot_bigrams(new.title), newsbot_bigrams(new.body_text));
        END;
        INSERT INTO articles_cjk (rowid, title, body)
          SELECT rowid, newsbot_bigrams(title), newsbot_bigrams(body_text) FROM articles;
        """
    )


@migrations()
def m007_crawl_owner(db: sqlite_utils.Database) -> None:
    # The process that runs a crawl, so a later crawl can tell a crawl still running from one
    # whose process was killed (marked "abandoned").
    db["crawls"].add_column("pid", int)
    db["crawls"].add_column("host", str)
    db["crawls"].add_column("proc_start", str)


@migrations()
def m008_request_counts(db: sqlite_utils.Database) -> None:
    # Requests made to each host per UTC day, for the daily request cap of [schedule].
    db["request_counts"].create(
        {"domain": str, "day": str, "requests": int}, pk=("domain", "day"), defaults={"requests": 0}
    )


@migrations()
def m009_reprints(db: sqlite_utils.Database) -> None:
    # One story once (newsbot.dedup): a copy names its canonical article; fingerprints and
    # their LSH band keys find the candidates.
    db["articles"].add_column("canonical_of", str)
    db["articles"].create_index(["canonical_of"])
    db["article_fingerprints"].create(
        {"article_id": str, "content_hash": str, "minhash": bytes}, pk="article_id"
    )
    db["article_bands"].create({"key": int, "article_id": str})
    db["article_bands"].create_index(["key"])
    db["article_bands"].create_index(["article_id"])


@migrations()
def m010_ledger(db: sqlite_utils.Database) -> None:
    # What each URL answered when last fetched, so scheduled crawls ask only for what is due.
    db["seen_urls"].create(
        {
            "canonical": str,
            "url": str,
            "source": str,
            "kind": str,
            "article_id": str,
            "first_fetched": str,
            "last_fetched": str,
            "last_status": int,
            "etag": str,
            "last_modified": str,
            "lastmod": str,
        },
        pk="canonical",
        not_null={"url", "source", "kind"},
    )
    db["seen_urls"].create_index(["source", "kind"])
    versions: dict[str, Any] = {"version_id": int, "article_id": str}
    versions.update(dict.fromkeys([*CONTENT_FIELDS, "body_text", "fetched_at"], str))
    versions.update({"content_hash": str, "replaced_at": str})
    db["article_versions"].create(versions, pk="version_id", not_null={"article_id"})
    db["article_versions"].create_index(["article_id"])
    db["articles"].add_column("retracted", int, not_null_default=0)
    db["articles"].add_column("retracted_at", str)
    db["backfill_units"].create(
        {"source": str, "unit": str, "day": str, "articles": int, "finished_at": str},
        pk=("source", "unit"),
    )


@migrations()
def m011_post_files(db: sqlite_utils.Database) -> None:
    # What each post file was rendered from, and its size and mtime when written, so that
    # `newsbot export` skips a post that is as it left it without rendering or reading it.
    db["post_files"].create(
        {"article_id": str, "path": str, "render_key": str, "size": int, "mtime_ns": int},
        pk="article_id",
        not_null={"path", "render_key", "size", "mtime_ns"},
    )


@migrations()
def m012_fingerprint_hashes(db: sqlite_utils.Database) -> None:
    # Shingles are hashed another way (newsbot.dedup.shingle_hashes, all of a body at once):
    # fingerprints of the old hashes cannot be compared with new ones, so they are dropped,
    # and the next link_reprints fingerprints every article again. Links already made stay.
    db.execute("DELETE FROM article_bands")
    db.execute("DELETE FROM article_fingerprints")


@migrations()
def m013_post_keys_index(db: sqlite_utils.Database) -> None:
    # What `newsbot export` reads of every article, oldest first, in one index: reading it
    # from the rows would step over their bodies (overflow pages) on every export.
    db["articles"].create_index(
        ["published_utc", "id", "source", "published", "content_hash", "retracted"],
        index_name="idx_articles_post_keys",
    )


@migrations()
def m014_fingerprint_queue(db: sqlite_utils.Database) -> None:
    # Fingerprints made where an article was extracted (a worker process), written with the
    # article; link_reprints uses the one whose content_hash is still the article's instead
    # of making it again in the crawl's thread, and removes it once linked.
    db["fingerprint_queue"].create(
        {"article_id": str, "content_hash": str, "minhash": bytes}, pk="article_id"
    )


def migrate(db: sqlite_utils.Database) -> None:
    """Bring ``db`` to the current schema: apply (and record) every pending migration.

    Also installs the SQL functions the search index triggers call (on this connection)."""
    register_functions(db.conn)
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
    import hashlib  # here, not at the top: the reading commands never hash

    payload = json.dumps([row.get(name) for name in CONTENT_FIELDS], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def first_seen_conflict(published: datetime | None, first_seen: datetime) -> str | None:
    """A note when an article claims a publication time over a day after we first saw it."""
    if published is not None and published - first_seen > timedelta(days=1):
        return f"published {published.date()} vs first_seen {first_seen.date()}"
    return None


@dataclass
class Prepared:
    """What the store derives from an article's texts, made where the article is extracted
    (an extraction worker: :func:`prepare_article`), so that the crawl's one thread only
    writes it: the bigram text of its title and body (``articles_cjk``), and the MinHash
    of its body (see :mod:`newsbot.dedup`; None when too short), with the body made of.
    The store uses each only for the very text it was made of."""

    bigrams: dict[str, str]
    body_text: str
    minhash: bytes | None


def prepare_article(article: Article) -> Prepared:
    """The :class:`Prepared` texts of an article as it stands."""
    from newsbot.dedup import fingerprint_values
    from newsbot.search import bigram_text

    values = fingerprint_values(article.body_text)
    return Prepared(
        {text: bigram_text(text) for text in (article.title, article.body_text) if text},
        article.body_text,
        None if values is None else values.tobytes(),
    )


T = TypeVar("T")
StoreT = TypeVar("StoreT")

# Columns an upsert writes, in order (``first_seen`` only on insert).
ARTICLE_COLUMNS = (
    "id", "source", "url", "title", "published", "published_utc", "published_raw",
    "published_source", "date_conflicts", "media", "authors", "category", "tags", "summary",
    "body_html", "body_text", "lang", "fetched_at", "content_hash",
)  # fmt: skip


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "locked" in str(exc) or "busy" in str(exc)


def decode_article(row: dict[str, Any]) -> dict[str, Any]:
    """An ``articles`` row with its JSON columns (authors, tags, date conflicts) as lists."""
    row = dict(row)
    for name in ("authors", "tags", "date_conflicts"):
        row[name] = json.loads(row[name]) if row.get(name) else []
    return row


class ReadOnlyDatabase:
    """What readers use of sqlite-utils' ``Database`` (``conn``, ``execute``, ``query``,
    ``table_names``), over a read-only connection, so reading commands never import
    sqlite-utils."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Iterable[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)  # type: ignore[arg-type]

    def query(
        self, sql: str, params: Iterable[Any] | dict[str, Any] = ()
    ) -> Iterator[dict[str, Any]]:
        cursor = self.execute(sql, params)
        names = [d[0] for d in cursor.description]
        for row in cursor:
            yield dict(zip(names, row, strict=True))

    def table_names(self) -> list[str]:
        sql = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        return [row[0] for row in self.conn.execute(sql)]

    def close(self) -> None:
        self.conn.close()


# A batch commits after this many articles, or this many seconds after its first write.
BATCH_ARTICLES = 200
BATCH_SECONDS = 1.0


class _Connection:
    """One connection to a database, shared by the Stores of one thread of one process."""

    def __init__(self, db: sqlite_utils.Database, key: tuple[int, int, str]) -> None:
        self.db = db
        self.key = key
        self.users = 0
        self.batches = 0  # batch() scopes open
        self.max_articles = BATCH_ARTICLES
        self.max_seconds = BATCH_SECONDS
        self.open = False  # a batch transaction is open
        self.articles = 0  # articles written in it
        self.opened_at = 0.0
        # Bigram texts made ahead (Prepared.bigrams) for the write under way, by text.
        self.bigrams: dict[str, str] = {}
        # Held by each method of a Store using this connection (see _one_at_a_time).
        self.lock = threading.RLock()


_CONNECTIONS: dict[tuple[int, int, str], _Connection] = {}


def _use_prepared_bigrams(shared: _Connection) -> None:
    """``newsbot_bigrams`` on a writing connection: the text made ahead for the write under
    way when there is one (the same text gives the same bigrams), else made now."""
    from newsbot.search import bigram_text

    def bigrams(text: str | None) -> str:
        made = shared.bigrams.get(text) if text else None
        return bigram_text(text) if made is None else made

    shared.db.conn.create_function("newsbot_bigrams", 1, bigrams, deterministic=True)


def _one_at_a_time(cls: type[StoreT]) -> type[StoreT]:
    """Wrap each public method of ``cls`` that is not an iterator in the lock of the Store's
    shared connection (none for a read-only Store, which has its own)."""
    for name, method in list(vars(cls).items()):
        if name.startswith("_") or not inspect.isfunction(method) or name == "batch":
            continue
        if inspect.isgeneratorfunction(method):
            continue
        setattr(cls, name, _locked(method))
    return cls


def _locked(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def run(self: Store, *args: Any, **kwargs: Any) -> Any:
        # None also while __init__ has not set it: nobody else can hold the Store yet.
        shared = getattr(self, "_shared", None)
        if shared is None:
            return method(self, *args, **kwargs)
        with shared.lock:
            return method(self, *args, **kwargs)

    return run


@_one_at_a_time
class Store:
    """An open newsbot database. Create with a path; the schema is migrated on open.

    ``busy_timeout`` (seconds) is how long one statement waits for a lock; a write that still
    finds the database locked is retried until ``write_timeout`` seconds have passed, so a
    reader or another crawl holding the lock delays articles instead of dropping them.
    """

    def __init__(
        self, path: Path | str, *, busy_timeout: float = 5.0, write_timeout: float = 60.0
    ) -> None:
        self.path = Path(path)
        self.write_timeout = write_timeout
        self.path.parent.mkdir(parents=True, exist_ok=True)
        key = (os.getpid(), threading.get_ident(), str(self.path.resolve()))
        shared = _CONNECTIONS.get(key)
        fresh = shared is None
        if shared is None:
            import sqlite_utils

            conn = sqlite3.connect(self.path, check_same_thread=False)
            shared = _CONNECTIONS[key] = _Connection(sqlite_utils.Database(conn), key)
        shared.users += 1
        self._closed = False
        self._shared: _Connection | None = shared
        self.db = shared.db
        # Under the connection's lock, as every method: another thread may be writing
        # through it (SQLite would take this statement between two of that write's, and a
        # thread holding the GIL while it waits for SQLite stalls a trigger's Python call).
        with shared.lock:
            self.db.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        if fresh:
            self.db.execute("PRAGMA synchronous = NORMAL")
            try:
                self._write(self._migrate)
            except BaseException:
                self.close()
                raise
            _use_prepared_bigrams(shared)  # after migrate, which installs the plain one

    def _migrate(self) -> None:
        self.db.enable_wal()
        migrate(self.db)

    @classmethod
    def open_readonly(cls, path: Path | str, *, busy_timeout: float = 5.0) -> Store:
        """Open an existing database for reading only (``mode=ro``); never creates one.

        Raises :class:`StoreNotFoundError` when ``path`` does not exist.
        """
        conn = connect_readonly(path, busy_timeout=busy_timeout)
        store = cls.__new__(cls)
        store.path = Path(path)
        store.write_timeout = 0.0
        store._shared, store._closed = None, False
        store.db = ReadOnlyDatabase(conn)  # type: ignore[assignment]
        return store

    def has_table(self, name: str) -> bool:
        """Whether the database has the table ``name`` (a reader may open an old one)."""
        sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
        return self.db.execute(sql, [name]).fetchone() is not None

    def _write(self, work: Any) -> Any:
        """Run ``work()`` (one transaction), retried while the database is locked."""
        deadline = time.monotonic() + self.write_timeout
        pause = 0.05
        while True:
            try:
                return work()
            except sqlite3.OperationalError as exc:
                if self.db.conn.in_transaction:
                    self.db.conn.rollback()
                if not _is_busy(exc) or time.monotonic() + pause > deadline:
                    raise
                time.sleep(pause)
                pause = min(pause * 2, 1.0)

    def _transaction(self, work: Any, article: bool = False) -> Any:
        """``work()`` inside ``BEGIN IMMEDIATE`` ... ``COMMIT``: the write lock is taken
        before anything is read, so no other writer can change what ``work`` read. In a
        batch, ``work()`` joins the batch's transaction (``article``: it counts as one
        article of the batch)."""
        shared = self._shared
        if shared is not None and shared.batches:
            return self._in_batch(shared, work, article)

        def run() -> Any:
            conn = self.db.conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = work()
            except BaseException:
                conn.rollback()
                raise
            conn.commit()
            return result

        return self._write(run)

    def _in_batch(self, shared: _Connection, work: Any, article: bool) -> Any:
        conn = self.db.conn
        if not (shared.open and conn.in_transaction):
            if conn.in_transaction:  # a transaction begun outside the batch: end it first
                conn.commit()
            self._write(lambda: conn.execute("BEGIN IMMEDIATE"))
            shared.open, shared.articles, shared.opened_at = True, 0, time.monotonic()
        conn.execute("SAVEPOINT newsbot_write")
        try:
            result = work()
        except BaseException:
            conn.execute("ROLLBACK TO newsbot_write")
            conn.execute("RELEASE newsbot_write")
            raise
        conn.execute("RELEASE newsbot_write")
        shared.articles += article
        self.flush_if_due()
        return result

    @contextmanager
    def batch(
        self, max_articles: int = BATCH_ARTICLES, max_seconds: float = BATCH_SECONDS
    ) -> Iterator[Store]:
        """Commit the writes of the block together: every ``max_articles`` articles, at the
        first write ``max_seconds`` after the batch's first (see also :meth:`flush_if_due`),
        and at the end of the block (see the module's documentation)."""
        self.begin_batch(max_articles, max_seconds)
        try:
            yield self
        finally:
            self.end_batch()

    def begin_batch(
        self, max_articles: int = BATCH_ARTICLES, max_seconds: float = BATCH_SECONDS
    ) -> None:
        """Start batching writes (until :meth:`end_batch`); :meth:`batch` as two calls."""
        shared = self._writable()
        shared.batches += 1
        shared.max_articles, shared.max_seconds = max_articles, max_seconds

    def end_batch(self) -> None:
        """Commit what the batch holds; writes commit one by one again once every batch of
        this connection has ended."""
        shared = self._writable()
        shared.batches = max(0, shared.batches - 1)
        self.flush()

    def flush(self) -> None:
        """Commit the open batch now (nothing to do outside a batch)."""
        shared = self._shared
        if shared is None or not shared.open:
            return
        shared.open = False
        if self.db.conn.in_transaction:
            self.db.conn.commit()

    def flush_if_due(self) -> None:
        """Commit the open batch if it holds enough articles or is old enough: a crawl
        calls this on a timer too, so a quiet spell never keeps the write lock."""
        shared = self._shared
        if shared is None or not shared.open:
            return
        if (
            shared.articles >= shared.max_articles
            or time.monotonic() - shared.opened_at >= shared.max_seconds
        ):
            self.flush()

    def _writable(self) -> _Connection:
        if self._shared is None:
            raise sqlite3.OperationalError(f"{self.path} is open for reading only")
        return self._shared

    def close(self) -> None:
        """Close this Store; the connection closes with the last Store sharing it, after
        committing the batch it holds."""
        if self._closed:
            return
        self._closed = True
        shared, self._shared = self._shared, None
        if shared is None:  # read-only: its own connection
            self.db.close()
            return
        shared.users -= 1
        if shared.users > 0:
            return
        try:
            if shared.open and self.db.conn.in_transaction:
                self.db.conn.commit()
        finally:
            _CONNECTIONS.pop(shared.key, None)
            self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # articles -------------------------------------------------------------------------------

    def upsert_article(self, article: Article, now: datetime | None = None) -> Outcome:
        """Insert or update one article; an unchanged one only gets its ``last_seen`` bumped.

        One transaction holding the write lock throughout, so concurrent crawls of the same
        articles cannot race between reading the stored hash and writing. What the article's
        ``prepared`` holds (see :class:`Prepared`) is written, not made again.
        """
        row = article_row(article)
        stamp = (now or datetime.now(UTC)).isoformat()
        prepared: Prepared | None = article.prepared

        def queue_fingerprint() -> None:
            if prepared is not None and prepared.body_text == article.body_text:
                self.db.conn.execute(
                    "INSERT OR REPLACE INTO fingerprint_queue (article_id, content_hash, minhash)"
                    " VALUES (?, ?, ?)",
                    [article.id, row["content_hash"], prepared.minhash],
                )

        def work() -> Outcome:
            existing = self.db.conn.execute(
                "SELECT content_hash, first_seen FROM articles WHERE id = ?", [article.id]
            ).fetchone()
            if existing is None:
                columns = [*ARTICLE_COLUMNS, "first_seen", "last_seen", "updated_at"]
                self.db.conn.execute(
                    f"INSERT INTO articles ({', '.join(columns)})"
                    f" VALUES ({', '.join('?' * len(columns))})",
                    [*(row[name] for name in ARTICLE_COLUMNS), stamp, stamp, stamp],
                )
                queue_fingerprint()
                return "new"
            if existing[0] == row["content_hash"]:
                self.db.conn.execute(
                    # A retracted article that is back counts as a change for readers.
                    "UPDATE articles SET last_seen = ?, retracted = 0, retracted_at = NULL,"
                    " updated_at = CASE WHEN retracted THEN ? ELSE updated_at END WHERE id = ?",
                    [stamp, stamp, article.id],
                )
                return "unchanged"
            self._keep_version(article.id, stamp)
            note = first_seen_conflict(article.published, datetime.fromisoformat(existing[1]))
            if note:
                row["date_conflicts"] = json.dumps(
                    [*article.date_conflicts, note], ensure_ascii=False
                )
            columns = [name for name in ARTICLE_COLUMNS if name != "id"]
            self.db.conn.execute(
                f"UPDATE articles SET {', '.join(f'{name} = ?' for name in columns)},"
                " last_seen = ?, updated_at = ?, retracted = 0, retracted_at = NULL WHERE id = ?",
                [*(row[name] for name in columns), stamp, stamp, article.id],
            )
            queue_fingerprint()
            return "updated"

        shared = self._shared
        if prepared is not None and shared is not None:
            shared.bigrams = prepared.bigrams
        try:
            return self._transaction(work, article=True)  # type: ignore[no-any-return]
        finally:
            if shared is not None:
                shared.bigrams = {}

    def post_keys(self) -> Iterator[tuple[dict[str, Any], tuple[str, str, int, int] | None]]:
        """What deciding whether a post is current needs of every article, oldest first: its
        ``id``, ``source``, ``published``, ``content_hash`` and ``retracted``, with its
        ``post_files`` record (path, render key, size, mtime_ns) or None."""
        names = ("id", "source", "published", "content_hash", "retracted")
        cursor = self.db.execute(
            f"SELECT {', '.join('a.' + name for name in names)}, p.path, p.render_key, p.size,"
            " p.mtime_ns FROM articles AS a LEFT JOIN post_files AS p ON p.article_id = a.id"
            " ORDER BY a.published_utc, a.id"
        )
        for row in cursor:
            record = None if row[5] is None else row[5:]
            yield dict(zip(names, row[:5], strict=True)), record

    def post_records(self) -> dict[str, tuple[str, str, int, int]]:
        """``post_files`` by article id: path, render key, size, mtime_ns (none in a
        database not migrated yet)."""
        if not self.has_table("post_files"):
            return {}
        sql = "SELECT article_id, path, render_key, size, mtime_ns FROM post_files"
        return {row[0]: row[1:] for row in self.db.execute(sql)}

    def record_post(self, record: dict[str, Any]) -> None:
        """Record the post file of an article (see :func:`newsbot.export.post_record`)."""
        names = ("article_id", "path", "render_key", "size", "mtime_ns")
        self._transaction(
            lambda: self.db.conn.execute(
                f"INSERT OR REPLACE INTO post_files ({', '.join(names)})"
                f" VALUES ({', '.join('?' for _ in names)})",
                [record[name] for name in names],
            ),
            article=True,
        )

    def date_conflicts_of(self, article_id: str) -> list[str]:
        """The date conflicts stored for an article (none if it is not stored)."""
        row = self.db.execute(
            "SELECT date_conflicts FROM articles WHERE id = ?", [article_id]
        ).fetchone()
        return json.loads(row[0]) if row and row[0] else []

    def _keep_version(self, article_id: str, stamp: str) -> None:
        """Copy the current content of an article into ``article_versions`` before it changes."""
        columns = ", ".join([*CONTENT_FIELDS, "body_text", "fetched_at", "content_hash"])
        self.db.conn.execute(
            f"INSERT INTO article_versions (article_id, {columns}, replaced_at)"
            f" SELECT id, {columns}, ? FROM articles WHERE id = ?",
            [stamp, article_id],
        )

    def versions(self, article_id: str) -> list[dict[str, Any]]:
        """Earlier contents of an article, oldest first."""
        sql = "SELECT * FROM article_versions WHERE article_id = ? ORDER BY version_id"
        return list(self.db.query(sql, [article_id]))

    def retract_article(self, article_id: str, now: datetime | None = None) -> bool:
        """Mark an article retracted (its URL answers 404 or 410); the row stays. True when
        it was not retracted before."""
        stamp = (now or datetime.now(UTC)).isoformat()

        def work() -> bool:
            cursor = self.db.conn.execute(
                "UPDATE articles SET retracted = 1, retracted_at = ?, updated_at = ?"
                " WHERE id = ? AND retracted = 0",
                [stamp, stamp, article_id],
            )
            return cursor.rowcount > 0

        return bool(self._transaction(work))

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        """One article as a dict (``authors`` and ``tags`` as lists), or None."""
        for row in self.db.query("SELECT * FROM articles WHERE id = ?", [article_id]):
            return decode_article(row)
        return None

    def articles(
        self, source: str | None = None, *, decode: bool = True
    ) -> Iterator[dict[str, Any]]:
        """Every article, oldest first, optionally of one source; ``decode=False`` leaves
        the JSON columns as stored (see :func:`decode_article`)."""
        sql = "SELECT * FROM articles"
        params: list[Any] = []
        if source is not None:
            sql += " WHERE source = ?"
            params.append(source)
        for row in self.db.query(sql + " ORDER BY published_utc, id", params):
            yield decode_article(row) if decode else row

    def changed_since(self, since: str | None = None) -> Iterator[dict[str, Any]]:
        """Articles whose ``updated_at`` is after ``since`` (all if None), oldest change first."""
        sql = "SELECT * FROM articles WHERE updated_at > ? ORDER BY updated_at, id"
        for row in self.db.query(sql, [since or ""]):
            yield decode_article(row)

    def post_groups(self) -> list[dict[str, Any]]:
        """One row per distinct ``source``, ``media``, ``category``: what site pages list."""
        sql = "SELECT DISTINCT source, media, category FROM articles ORDER BY source, category"
        return list(self.db.query(sql))

    def count_articles(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def search(self, text: str, limit: int = 20) -> list[dict[str, Any]]:
        """Articles matching the query ``text``, best first (see :mod:`newsbot.search`)."""
        return search(self.db.conn, text, limit)

    # ledger ---------------------------------------------------------------------------------

    LEDGER_SQL = (
        "SELECT seen_urls.*, articles.published_utc,"
        " coalesce(articles.retracted, 0) AS retracted FROM seen_urls"
        " LEFT JOIN articles ON articles.id = seen_urls.article_id"
        " WHERE seen_urls.source = ?"
    )

    def ledger_entries(self, source: str) -> list[dict[str, Any]]:
        """Every ``seen_urls`` row of a source, with its article's date and retraction."""
        return list(self.db.query(self.LEDGER_SQL, [source]))

    def ledger_entry(self, source: str, canonical: str) -> dict[str, Any] | None:
        """The ``seen_urls`` row of one canonical URL of a source, as :meth:`ledger_entries`
        gives it, or None."""
        # Asked once or twice per article a crawl fetches: a plain execute (``query`` wraps
        # each statement in a savepoint).
        sql = self.LEDGER_SQL + " AND seen_urls.canonical = ?"
        cursor = self.db.conn.execute(sql, [source, canonical])
        row = cursor.fetchone()
        names = [d[0] for d in cursor.description]
        return None if row is None else dict(zip(names, row, strict=True))

    def record_fetches(self, rows: list[dict[str, Any]], now: datetime | None = None) -> None:
        """Upsert ``seen_urls`` rows: ``first_fetched`` is kept, ``last_fetched`` is now, and
        a known article id or publication time is not forgotten."""
        if not rows:
            return
        stamp = (now or datetime.now(UTC)).isoformat()
        names = list(SEEN_COLUMNS)
        sql = (
            f"INSERT INTO seen_urls ({', '.join(names)}, first_fetched, last_fetched)"
            f" VALUES ({', '.join('?' for _ in names)}, ?, ?)"
            " ON CONFLICT(canonical) DO UPDATE SET url = excluded.url, kind = excluded.kind,"
            " last_fetched = excluded.last_fetched, last_status = excluded.last_status,"
            " etag = excluded.etag, last_modified = excluded.last_modified,"
            " lastmod = coalesce(excluded.lastmod, seen_urls.lastmod),"
            " article_id = coalesce(excluded.article_id, seen_urls.article_id)"
        )
        values = [[row.get(name) for name in names] + [stamp, stamp] for row in rows]
        self._transaction(lambda: self.db.conn.executemany(sql, values))

    def complete_unit(
        self, source: str, unit: str, day: str | None, articles: int, now: datetime | None = None
    ) -> None:
        """Checkpoint one backfill unit (a day, a dated sitemap) as done."""
        stamp = (now or datetime.now(UTC)).isoformat()
        self._transaction(
            lambda: self.db.conn.execute(
                "INSERT OR REPLACE INTO backfill_units (source, unit, day, articles, finished_at)"
                " VALUES (?, ?, ?, ?, ?)",
                [source, unit, day, articles, stamp],
            )
        )

    def completed_units(self, source: str) -> set[str]:
        sql = "SELECT unit FROM backfill_units WHERE source = ?"
        return {row["unit"] for row in self.db.query(sql, [source])}

    def articles_per_day(self, source: str, since: str, until: str) -> dict[str, int]:
        """Stored (not retracted) articles of a source per local publication day."""
        sql = (
            "SELECT substr(published, 1, 10) AS day, count(*) AS n FROM articles"
            " WHERE source = ? AND retracted = 0 AND substr(published, 1, 10) BETWEEN ? AND ?"
            " GROUP BY day"
        )
        return {row["day"]: row["n"] for row in self.db.query(sql, [source, since, until])}

    # crawls ---------------------------------------------------------------------------------

    def start_crawl(self, source: str, now: datetime | None = None) -> int:
        """Record the start of a crawl of ``source`` by this process; returns the crawl id.

        Crawls left ``running`` by a process that no longer exists (killed) are marked
        ``abandoned`` first (see :meth:`abandon_dead_crawls`).
        """
        import socket

        from newsbot.lock import process_start

        stamp = (now or datetime.now(UTC)).isoformat()
        self.abandon_dead_crawls(now)

        def work() -> int:
            cursor = self.db.conn.execute(
                "INSERT INTO crawls (source, started_at, status, pid, host, proc_start)"
                " VALUES (?, ?, 'running', ?, ?, ?)",
                [source, stamp, os.getpid(), socket.gethostname(), process_start(os.getpid())],
            )
            return int(cursor.lastrowid or 0)

        return int(self._transaction(work))

    def abandon_dead_crawls(self, now: datetime | None = None) -> list[int]:
        """Mark ``abandoned`` (with the time) every ``running`` crawl whose process is gone:
        recorded on this host by a process that no longer exists (its PID dead, or reused
        by another process), or recorded before crawls carried their PID. A crawl of
        another host is left alone: its PID means nothing here. Returns the ids marked."""
        from newsbot.lock import holder_is_stale

        stamp = (now or datetime.now(UTC)).isoformat()

        def work() -> list[int]:
            rows = self.db.conn.execute(
                "SELECT id, pid, host, proc_start FROM crawls WHERE status = 'running'"
            ).fetchall()
            dead = [
                crawl_id
                for crawl_id, pid, host, proc_start in rows
                if pid is None
                or holder_is_stale({"pid": pid, "host": host, "proc_start": proc_start})
            ]
            self.db.conn.executemany(
                "UPDATE crawls SET status = 'abandoned', finished_at = ? WHERE id = ?",
                [(stamp, crawl_id) for crawl_id in dead],
            )
            return dead

        return list(self._transaction(work))

    def finish_crawl(
        self, crawl_id: int, counts: dict[str, int], status: str, now: datetime | None = None
    ) -> None:
        """Record the end of a crawl with its counts (new, updated, unchanged, failed, dropped)."""
        stamp = (now or datetime.now(UTC)).isoformat()
        known = {k: int(v) for k, v in counts.items() if k in CRAWL_COUNTS}
        values = {**known, "finished_at": stamp, "status": status}
        self._transaction(
            lambda: self.db.conn.execute(
                f"UPDATE crawls SET {', '.join(f'{name} = ?' for name in values)} WHERE id = ?",
                [*values.values(), crawl_id],
            )
        )

    def previous_crawl_finished(self, source: str) -> bool:
        """Whether the latest crawl of ``source`` not run by this process finished (none
        yet counts as finished); one killed, stopped or failed did not."""
        row = self.db.execute(
            "SELECT status FROM crawls WHERE source = ? AND NOT (status = 'running' AND pid = ?)"
            " ORDER BY id DESC LIMIT 1",
            [source, os.getpid()],
        ).fetchone()
        return row is None or row[0] == "finished"

    def crawls(self) -> list[dict[str, Any]]:
        return list(self.db.query("SELECT * FROM crawls ORDER BY id"))

    # failures -------------------------------------------------------------------------------

    def record_failure(
        self,
        source: str,
        url: str,
        reason: str,
        *,
        http_status: int | None = None,
        message: str = "",
        article_id: str | None = None,
        now: datetime | None = None,
    ) -> int:
        """Record that ``url`` of ``source`` failed; returns its attempts so far.

        A URL that failed before counts one more attempt (a given-up one stays given up); one
        that had been resolved starts over at one.
        """
        stamp = (now or datetime.now(UTC)).isoformat()

        def work() -> int:
            cursor = self.db.conn.execute(
                """
                INSERT INTO failures (source, url, reason, http_status, message, article_id,
                                      attempts, first_seen, last_seen)
                VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)
                ON CONFLICT (source, url) DO UPDATE SET
                  reason = excluded.reason,
                  http_status = excluded.http_status,
                  message = excluded.message,
                  article_id = coalesce(excluded.article_id, failures.article_id),
                  attempts = CASE WHEN failures.resolved_at IS NULL
                             THEN failures.attempts + 1 ELSE 1 END,
                  first_seen = CASE WHEN failures.resolved_at IS NULL
                               THEN failures.first_seen ELSE excluded.first_seen END,
                  last_seen = excluded.last_seen,
                  resolved_at = NULL,
                  given_up_at = CASE WHEN failures.resolved_at IS NULL
                                THEN failures.given_up_at END
                RETURNING attempts
                """,
                [source, url, reason, http_status, message, article_id, stamp, stamp],
            )
            return int(cursor.fetchone()[0])

        return int(self._transaction(work))

    def resolve_failures(
        self,
        source: str,
        urls: Iterable[str] = (),
        article_ids: Iterable[str] = (),
        now: datetime | None = None,
    ) -> int:
        """Mark resolved the open failures of ``source`` of these URLs, or of these articles
        (they succeeded since); returns how many."""
        stamp = (now or datetime.now(UTC)).isoformat()
        keys = [("url", url) for url in urls] + [("article_id", i) for i in article_ids]

        def work() -> int:
            resolved = 0
            for column, value in keys:
                cursor = self.db.conn.execute(
                    f"UPDATE failures SET resolved_at = ?"
                    f" WHERE source = ? AND {column} = ? AND resolved_at IS NULL",
                    [stamp, source, value],
                )
                resolved += cursor.rowcount
            return resolved

        return int(self._transaction(work)) if keys else 0

    def give_up_failures(
        self, source: str, urls: Iterable[str], now: datetime | None = None
    ) -> int:
        """Mark the open failures of these URLs given up; returns how many."""
        stamp = (now or datetime.now(UTC)).isoformat()

        def work() -> int:
            given_up = 0
            for url in urls:
                cursor = self.db.conn.execute(
                    "UPDATE failures SET given_up_at = ? WHERE source = ? AND url = ?"
                    " AND resolved_at IS NULL AND given_up_at IS NULL",
                    [stamp, source, url],
                )
                given_up += cursor.rowcount
            return given_up

        return int(self._transaction(work))

    def open_failures(self, source: str) -> tuple[set[str], set[str]]:
        """URLs and article ids of ``source`` whose failure is neither resolved nor given up."""
        rows = self.db.execute(
            "SELECT url, article_id FROM failures WHERE source = ? AND resolved_at IS NULL"
            " AND given_up_at IS NULL",
            [source],
        ).fetchall()
        return {url for url, _ in rows}, {i for _, i in rows if i is not None}

    def open_failure_urls(self, source: str) -> set[str]:
        """URLs of ``source`` whose failure is neither resolved nor given up."""
        return self.open_failures(source)[0]

    def failures(
        self, source: str | None = None, *, open_only: bool = False
    ) -> list[dict[str, Any]]:
        """Failure rows, oldest first; ``open_only`` leaves out resolved and given-up ones."""
        sql = "SELECT * FROM failures WHERE 1"
        params: list[Any] = []
        if source is not None:
            sql += " AND source = ?"
            params.append(source)
        if open_only:
            sql += " AND resolved_at IS NULL AND given_up_at IS NULL"
        return list(self.db.query(sql + " ORDER BY first_seen, source, url", params))

    # locks ----------------------------------------------------------------------------------

    def acquire_lock(
        self, holder: dict[str, Any], is_stale: Callable[[dict[str, Any]], bool]
    ) -> dict[str, Any] | None:
        """Take the lock of ``holder["source"]``; returns the other holder when it is held.

        A holder for which ``is_stale`` says yes (its process is gone) is replaced. The
        check and the take happen in one write transaction, so two runs cannot both win.
        """

        def work() -> dict[str, Any] | None:
            conn = self.db.conn
            cursor = conn.execute("SELECT * FROM locks WHERE source = ?", [holder["source"]])
            names = [d[0] for d in cursor.description]
            row = cursor.fetchone()
            current = dict(zip(names, row, strict=True)) if row else None
            if current is not None and not is_stale(current):
                return current
            conn.execute(
                "INSERT OR REPLACE INTO locks (source, pid, host, proc_start, acquired_at)"
                " VALUES (:source, :pid, :host, :proc_start, :acquired_at)",
                holder,
            )
            return None

        return self._transaction(work)  # type: ignore[no-any-return]

    def release_lock(self, source: str, pid: int, host: str) -> None:
        with self.db.conn:
            self.db.execute(
                "DELETE FROM locks WHERE source = ? AND pid = ? AND host = ?", [source, pid, host]
            )

    # remembered source directories ----------------------------------------------------------

    def remember_source_dirs(self, paths: Iterable[Path | str]) -> None:
        stamp = datetime.now(UTC).isoformat()
        with self.db.conn:
            for path in paths:
                self.db.execute(
                    "INSERT OR IGNORE INTO source_dirs (path, added_at) VALUES (?, ?)",
                    [str(path), stamp],
                )

    def source_dirs(self) -> list[Path]:
        if not self.has_table("source_dirs"):  # a database not migrated yet (read-only)
            return []
        rows = self.db.execute("SELECT path FROM source_dirs ORDER BY added_at, path")
        return [Path(row[0]) for row in rows.fetchall()]

    def article_ids(self, source: str) -> list[str]:
        """The ids of every article of ``source``."""
        rows = self.db.execute("SELECT id FROM articles WHERE source = ?", [source])
        return [row[0] for row in rows.fetchall()]

    def last_crawl(self, source: str) -> dict[str, Any] | None:
        """The latest ``crawls`` row of ``source``, or None."""
        for row in self.db.query(
            "SELECT * FROM crawls WHERE source = ? ORDER BY id DESC LIMIT 1", [source]
        ):
            return dict(row)
        return None

    # daily request counts -------------------------------------------------------------------

    def add_requests(self, day: str, counts: dict[str, int]) -> None:
        """Add requests made on ``day`` (UTC, ``YYYY-MM-DD``) per host."""

        def work() -> None:
            for domain, requests in counts.items():
                self.db.conn.execute(
                    "INSERT INTO request_counts (domain, day, requests) VALUES (?, ?, ?)"
                    " ON CONFLICT (domain, day) DO UPDATE SET requests = requests + ?",
                    [domain, day, requests, requests],
                )

        self._transaction(work)

    def requests_on(self, day: str) -> dict[str, int]:
        """Requests made on ``day`` per host (empty for a database not migrated yet)."""
        if not self.has_table("request_counts"):
            return {}
        rows = self.db.execute("SELECT domain, requests FROM request_counts WHERE day = ?", [day])
        return {domain: int(requests) for domain, requests in rows.fetchall()}
