"""The seen-URL ledger: what was fetched, when, and with which validators, so a scheduled
crawl asks only for what is new, changed or due for a re-check. Pure: no Scrapy.

- :func:`canonical_url` is the ledger's key for a URL (the rule is in README.md, "Ledger").
- :func:`is_due` decides whether a known article is requested again.
- :class:`Ledger` is one source's view of the ledger during a crawl: it reads the rows once,
  answers "due?" and "which validators?", and records what each fetch answered.
- :class:`UnitTracker` knows when every request of a backfill unit (a day, a sitemap) is done.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from w3lib.url import canonicalize_url, url_query_cleaner

from newsbot.dates import parse_date

if TYPE_CHECKING:
    from newsbot.config import Source
    from newsbot.store import Store
    from newsbot.writer import Writer

__all__ = [
    "Ledger",
    "LedgerEntry",
    "UnitTracker",
    "canonical_url",
    "is_due",
    "normalise_lastmod",
]

# Query parameters that only say where a click came from; ``utm_*`` is matched by prefix.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid",
        "mc_cid", "mc_eid", "_hsenc", "_hsmi", "spm",
    }
)  # fmt: skip
TRACKING_PREFIXES = ("utm_",)
# Host prefixes that name the same site: ``www.example.com``, ``m.example.com``.
HOST_PREFIX_RE = re.compile(r"^(?:www|m)\.(?=[^.]+\.)")
DEFAULT_PORTS = {"http": "80", "https": "443"}
# HTTP statuses that say an article is gone for good.
GONE = frozenset({404, 410})


def _tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """The ledger's key for ``url``: the same article reached through ``http`` or ``https``,
    ``www.`` or ``m.``, with tracking parameters, a fragment or a trailing slash, has one key.

    ``HTTP://WWW.Example.com:80/a/b/?utm_source=x&b=2&a=1#top`` -> ``https://example.com/a/b?a=1&b=2``
    """
    names = [name for name, _ in parse_qsl(urlsplit(url).query, keep_blank_values=True)]
    tracking = [name for name in names if _tracking(name)]
    if tracking:
        url = url_query_cleaner(url, tracking, remove=True, unique=False, keep_fragments=True)
    parts = urlsplit(canonicalize_url(url, keep_fragments=False))
    scheme = "https" if parts.scheme in ("http", "https") else parts.scheme
    host = (parts.hostname or "").rstrip(".")
    host = HOST_PREFIX_RE.sub("", host)
    port = parts.port
    if port is not None and str(port) != DEFAULT_PORTS.get(parts.scheme):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((scheme, host, path, parts.query, ""))


def normalise_lastmod(raw: str | None, timezone: str = "UTC") -> str | None:
    """A listing's ``lastmod`` / ``updated`` as ISO 8601 in UTC (kept raw if unparseable)."""
    if not raw or not raw.strip():
        return None
    when = parse_date(raw, timezone=timezone, now=datetime.now(UTC) + timedelta(days=2))
    return when.astimezone(UTC).isoformat() if when else raw.strip()


def _newer(listed: str, fetched_for: str | None) -> bool:
    if fetched_for is None:
        return True
    try:
        return datetime.fromisoformat(listed) > datetime.fromisoformat(fetched_for)
    except ValueError:  # one of them was not a date: any difference is a change
        return listed != fetched_for


@dataclass(frozen=True)
class LedgerEntry:
    """One row of ``seen_urls`` (see README.md, "Database")."""

    canonical: str
    url: str
    source: str
    kind: str  # "article" or "list"
    article_id: str | None = None
    published_utc: str | None = None  # of the stored article
    first_fetched: str | None = None
    last_fetched: str | None = None
    last_status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    lastmod: str | None = None
    retracted: bool = False

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> LedgerEntry:
        names = cls.__dataclass_fields__
        return cls(**{k: v for k, v in row.items() if k in names})


def is_due(
    entry: LedgerEntry | None,
    *,
    now: datetime,
    recheck_age: timedelta,
    recheck_every: timedelta,
    lastmod: str | None = None,
    published: datetime | None = None,
) -> bool:
    """Whether an article is requested: it is unknown, its last fetch failed, its listing
    shows a newer ``lastmod``, or it is younger than ``recheck_age`` and was last fetched
    ``recheck_every`` ago or more. A retracted article comes back only with a newer lastmod."""
    if entry is None or entry.last_fetched is None:
        return True
    if lastmod is not None and _newer(lastmod, entry.lastmod):
        return True
    if entry.retracted or entry.last_status in GONE:
        return False
    if _failed(entry.last_status):
        return True
    if entry.published_utc:
        published = datetime.fromisoformat(entry.published_utc)
    if published is None or now - published >= recheck_age:
        return False
    return now - datetime.fromisoformat(entry.last_fetched) >= recheck_every


def _failed(status: int | None) -> bool:
    return status is not None and not 200 <= status < 400 and status not in GONE


def http_date(value: str | None) -> str | None:
    """An ISO 8601 time as an HTTP date (``Wed, 18 May 2022 00:32:24 GMT``)."""
    if not value:
        return None
    try:
        return format_datetime(datetime.fromisoformat(value).astimezone(UTC), usegmt=True)
    except ValueError:
        return None


def iso_from_http_date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).astimezone(UTC).isoformat()
    except (TypeError, ValueError):
        return None


@dataclass
class Ledger:
    """One source's ledger during one crawl. Rows are read once; each fetch is written at once
    (so a killed crawl keeps what it fetched), except the validators of list pages, which are
    kept until :meth:`commit_lists`: a crawl that did not finish cleanly must not answer 304
    for a list whose articles it never fetched."""

    store: Store
    source: Source
    now: datetime
    # The rows read at the start; a URL first fetched by this crawl is read back from the
    # database when asked for, so memory does not grow with what those rows would hold.
    entries: dict[str, LedgerEntry] = field(default_factory=dict)
    # The hashes of the keys this crawl recorded: a key not known at the start and not
    # among these is in no row, and needs no read.
    fetched: set[int] = field(default_factory=set)
    # Writes fetches in order, off the crawl's thread (see newsbot.writer); None: at once.
    writer: Writer | None = None
    pending_lists: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Articles first fetched by this crawl whose fetch failed (list_headers asks).
    failed_new: set[str] = field(default_factory=set)
    # Whether a list page whose articles are all known ends the paging: only when the
    # source's previous crawl finished. A killed crawl may have stored the articles of the
    # first pages and never fetched those of the next ones.
    may_stop_paging: bool = True

    @classmethod
    def open(cls, store: Store, source: Source, now: datetime | None = None) -> Ledger:
        rows = store.ledger_entries(source.key)
        entries = {row["canonical"]: LedgerEntry.from_row(row) for row in rows}
        ledger = cls(store, source, now or datetime.now(UTC), entries)
        ledger.may_stop_paging = store.previous_crawl_finished(source.key)
        return ledger

    def key(self, url: str) -> str:
        """The canonical URL of ``url`` as it is on the source's own host (not a mirror)."""
        return canonical_url(self.source.canonical_url(url))

    def entry(self, url: str) -> LedgerEntry | None:
        return self._entry(self.key(url))

    def _entry(self, key: str) -> LedgerEntry | None:
        entry = self.entries.get(key)
        if entry is None and hash(key) in self.fetched:  # not known at the start: read back
            row = self.store.ledger_entry(self.source.key, key)
            entry = LedgerEntry.from_row(row) if row is not None else None
        return entry

    def due(self, url: str, lastmod: str | None = None, published: datetime | None = None) -> bool:
        schedule = self.source.schedule
        return is_due(
            self.entry(url),
            now=self.now,
            recheck_age=schedule.recheck_age,
            recheck_every=schedule.recheck_every,
            lastmod=lastmod,
            published=published,
        )

    def conditional_headers(self, url: str) -> dict[str, str]:
        """``If-None-Match`` / ``If-Modified-Since`` from what ``url`` answered last time."""
        entry = self.entry(url)
        if entry is None or entry.last_status not in (200, 304):
            return {}
        headers = {}
        if entry.etag:
            headers["If-None-Match"] = entry.etag
        since = http_date(entry.last_modified)
        if since:
            headers["If-Modified-Since"] = since
        return headers

    def list_headers(self, url: str) -> dict[str, str]:
        """Conditional headers of a list page, feed or sitemap; none while an article of
        the source is known to have failed (its list must be read again to retry it)."""
        if self.failed_new or any(
            e.kind == "article" and _failed(e.last_status) for e in self.entries.values()
        ):
            return {}
        return self.conditional_headers(url)

    def _row(
        self,
        url: str,
        kind: str,
        status: int,
        etag: str | None,
        last_modified: str | None,
        lastmod: str | None,
        old: LedgerEntry | None = None,
    ) -> dict[str, Any]:
        key = self.key(url)
        old = old or self.entries.get(key)
        if status == 304 and old is not None:  # validators stay those of the 200
            etag = etag or old.etag
            last_modified = last_modified or old.last_modified
        return {
            "canonical": key,
            "url": self.source.canonical_url(url),
            "source": self.source.key,
            "kind": kind,
            "last_status": status,
            "etag": etag,
            "last_modified": iso_from_http_date(last_modified) or last_modified,
            "lastmod": lastmod if lastmod is not None else (old.lastmod if old else None),
        }

    def fetched_list(
        self, url: str, status: int, etag: str | None = None, last_modified: str | None = None
    ) -> None:
        self.pending_lists[self.key(url)] = self._row(
            url, "list", status, etag, last_modified, None
        )

    def commit_lists(self) -> None:
        """Save the validators of the list pages read by a crawl that finished cleanly."""
        rows = list(self.pending_lists.values())
        self.pending_lists.clear()
        self._record(rows)

    def _record(self, rows: list[dict[str, Any]]) -> None:
        if self.writer is None:
            self.store.record_fetches(rows, datetime.now(UTC))
        else:
            self.writer.post(self.store.record_fetches, rows, datetime.now(UTC))
        self.fetched.update(hash(row["canonical"]) for row in rows)

    def fetched_article(
        self,
        url: str,
        status: int,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        lastmod: str | None = None,
        article_id: str | None = None,
    ) -> None:
        """Record what an article request answered (an error status included)."""
        key = self.key(url)
        old = self._entry(key)
        row = self._row(url, "article", status, etag, last_modified, lastmod, old)
        row["article_id"] = article_id or (old.article_id if old else None)
        stamp = datetime.now(UTC).isoformat()
        self._record([row])
        if key in self.entries:  # known at the start: kept up to date here
            self.entries[key] = LedgerEntry(**{**old.__dict__, **row, "last_fetched": stamp})
        elif _failed(status):  # the others are in the database alone
            self.failed_new.add(key)
        else:
            self.failed_new.discard(key)

    def rechecks(self) -> list[str]:
        """URLs of known articles due by age alone (young, re-check interval passed), to be
        requested even when their list page answers 304."""
        return [e.url for e in self.entries.values() if e.kind == "article" and self._by_age(e)]

    def _by_age(self, entry: LedgerEntry) -> bool:
        if entry.retracted or entry.last_status in GONE or not entry.published_utc:
            return False
        return self.due(entry.url)


@dataclass
class UnitTracker:
    """Counts the open requests of each backfill unit (a day, a dated sitemap). A unit is
    complete when its last request is answered and none of them failed."""

    open: dict[str, int] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)
    found: dict[str, int] = field(default_factory=dict)

    def add(self, unit: str, requests: int = 1) -> None:
        self.open[unit] = self.open.get(unit, 0) + requests

    def article(self, unit: str, count: int = 1) -> None:
        self.found[unit] = self.found.get(unit, 0) + count

    def finish(self, unit: str, failed: bool = False) -> bool:
        """One request of ``unit`` is answered; True when that completes the unit."""
        if failed:
            self.failed.add(unit)
        self.open[unit] -= 1
        return self.open[unit] == 0 and unit not in self.failed


def days_between(since: date, until: date) -> list[date]:
    """Every day from ``until`` back to ``since``, newest first."""
    return [until - timedelta(days=n) for n in range((until - since).days + 1)]
