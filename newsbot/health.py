"""The operator's view: how each source is doing, and which one fell below its own record.

:func:`source_health` reads the ``articles``, ``crawls`` and (when present) ``failures``
tables. A source is flagged when its latest crawl falls well below its own recent runs:

- no article in the latest run while earlier runs had some (and, when the run met no
  article at all, not even a failed or dropped one: its list pages yielded no links);
- a share of failed or dropped articles at least :data:`SHARE_DROP` above the earlier runs';
- field coverage (a date, an author, a body over 200 characters) of the articles the latest
  run stored or changed at least :data:`SHARE_DROP` below that of the source's other
  articles.

That is the usual sign that a site changed its layout.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from newsbot.store import Store

__all__ = ["SHARE_DROP", "SourceHealth", "format_health", "latest_failures", "source_health"]

SHARE_DROP = 0.3
RECENT_RUNS = 5
BODY_CHARS = 200
COVERAGE = ("date", "author", "body")

COVERAGE_SQL = f"""
SELECT count(*) AS n,
       avg(coalesce(published_source, '') != '') AS date,
       avg(coalesce(authors, '[]') NOT IN ('', '[]')) AS author,
       avg(length(coalesce(body_text, '')) > {BODY_CHARS}) AS body
FROM articles WHERE source = ? AND {{where}}
"""


@dataclass
class SourceHealth:
    """One source's figures; shares are 0..1, None when there is nothing to measure."""

    source: str
    total: int = 0
    last_24h: int = 0
    last_success: str | None = None
    failure_rate: float | None = None
    coverage: dict[str, float | None] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def _seen(run: dict[str, Any]) -> int:
    return int(run["new"] or 0) + int(run["updated"] or 0) + int(run["unchanged"] or 0)


def _problems(run: dict[str, Any]) -> int:
    return int(run["failed"] or 0) + int(run["dropped"] or 0)


def _problem_share(run: dict[str, Any]) -> float | None:
    met = _seen(run) + _problems(run)
    return _problems(run) / met if met else None


def _coverage(store: Store, source: str, where: str, params: list[Any]) -> dict[str, Any]:
    sql = COVERAGE_SQL.format(where=where)
    return dict(next(iter(store.db.query(sql, [source, *params]))))


def _lists_not_modified(store: Store, source: str, run: dict[str, Any]) -> bool:
    """Whether the run's lists answered 304 (nothing new: no links to read, no problem)."""
    sql = (
        "SELECT count(*) AS n FROM seen_urls WHERE source = ? AND kind = 'list'"
        " AND last_status = 304 AND last_fetched >= ?"
    )
    return any(row["n"] for row in store.db.query(sql, [source, run["started_at"]]))


def _run_warnings(store: Store, source: str, runs: list[dict[str, Any]]) -> list[str]:
    latest, earlier = runs[-1], runs[-1 - RECENT_RUNS : -1]
    if not earlier:
        return []
    warnings = []
    before = statistics.median(_seen(run) for run in earlier)
    if _seen(latest) == 0 and before > 0:
        if _problems(latest) == 0:
            if not _lists_not_modified(store, source, latest):
                warnings.append(f"list pages yielded no article links (earlier runs: {before:g})")
        else:
            warnings.append(f"no article stored in the latest run (earlier runs: {before:g})")
    shares = [s for s in map(_problem_share, earlier) if s is not None]
    share = _problem_share(latest)
    if share is not None and shares and share - statistics.median(shares) >= SHARE_DROP:
        warnings.append(
            f"{share:.0%} of articles failed or dropped (earlier runs:"
            f" {statistics.median(shares):.0%})"
        )
    window = [latest["started_at"], latest["finished_at"] or "9999"]
    now = _coverage(store, source, "updated_at BETWEEN ? AND ?", window)
    old = _coverage(store, source, "NOT (updated_at BETWEEN ? AND ?)", window)
    if now["n"] and old["n"]:
        for name in COVERAGE:
            if old[name] - now[name] >= SHARE_DROP:
                label = "body > 200 chars" if name == "body" else name
                warnings.append(
                    f"{label} coverage down to {now[name]:.0%} in the latest run"
                    f" (other articles: {old[name]:.0%})"
                )
    return warnings


def source_health(
    store: Store, sources: list[str] = (), now: datetime | None = None
) -> list[SourceHealth]:
    """The health of every source that has articles or crawls (and of ``sources``)."""
    now = now or datetime.now(UTC)
    since = (now - timedelta(hours=24)).isoformat()
    names = set(sources)
    names.update(row[0] for row in store.db.execute("SELECT DISTINCT source FROM articles"))
    names.update(row[0] for row in store.db.execute("SELECT DISTINCT source FROM crawls"))
    report = []
    for source in sorted(names):
        health = SourceHealth(source)
        health.total, health.last_24h = store.db.execute(
            "SELECT count(*), coalesce(sum(first_seen >= ?), 0) FROM articles WHERE source = ?",
            [since, source],
        ).fetchone()
        runs = list(
            store.db.query(
                "SELECT * FROM crawls WHERE source = ? AND finished_at IS NOT NULL ORDER BY id",
                [source],
            )
        )
        finished = [run["finished_at"] for run in runs if run["status"] == "finished"]
        health.last_success = max(finished) if finished else None
        recent = runs[-RECENT_RUNS:]
        met = sum(_seen(run) + _problems(run) for run in recent)
        health.failure_rate = sum(_problems(run) for run in recent) / met if met else None
        cover = _coverage(store, source, "1", [])
        health.coverage = {name: cover[name] for name in COVERAGE}
        if runs:
            health.warnings = _run_warnings(store, source, runs)
        report.append(health)
    return report


def latest_failures(store: Store, limit: int = 20) -> list[dict[str, Any]]:
    """The most recent unresolved failures (empty when the database has no failures table)."""
    if not store.has_table("failures"):
        return []
    sql = (
        "SELECT source, url, reason, message, attempts, last_seen FROM failures"
        " WHERE resolved_at IS NULL ORDER BY last_seen DESC LIMIT ?"
    )
    return list(store.db.query(sql, [limit]))


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def format_health(report: list[SourceHealth]) -> str:
    """The stats table, then one ``warning:`` line per problem."""
    header = ("source", "total", "24h", "last success", "fail", "date", "author", "body>200")
    rows = [header]
    for h in report:
        success = (h.last_success or "-")[:19].replace("T", " ")
        rows.append(
            (
                h.source,
                str(h.total),
                str(h.last_24h),
                success,
                _pct(h.failure_rate),
                *(_pct(h.coverage.get(name)) for name in COVERAGE),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines += [f"warning: {h.source}: {w}" for h in report for w in h.warnings]
    return "\n".join(line.rstrip() for line in lines)
