"""The ``failures`` table: one row per (source, URL), attempts counted, resolved by success."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from test_store import article

from newsbot.store import Store

T0 = datetime(2024, 3, 10, 8, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "n.db") as s:
        yield s


def test_a_repeated_failure_counts_attempts_in_one_row(store: Store) -> None:
    assert store.record_failure("s", "http://x/1", "timeout", now=T0) == 1
    later = T0 + timedelta(hours=1)
    attempts = store.record_failure(
        "s", "http://x/1", "http_503", http_status=503, message="Service Unavailable", now=later
    )
    assert attempts == 2
    (row,) = store.failures()
    assert row["reason"] == "http_503"
    assert row["http_status"] == 503
    assert row["message"] == "Service Unavailable"
    assert (row["first_seen"], row["last_seen"]) == (T0.isoformat(), later.isoformat())
    assert row["resolved_at"] is None and row["given_up_at"] is None


def test_the_same_url_of_another_source_is_another_row(store: Store) -> None:
    store.record_failure("s", "http://x/1", "timeout")
    store.record_failure("t", "http://x/1", "timeout")
    assert [(r["source"], r["attempts"]) for r in store.failures()] == [("s", 1), ("t", 1)]


def test_resolved_failures_leave_the_open_list_and_start_over(store: Store) -> None:
    store.record_failure("s", "http://x/1", "timeout", now=T0)
    store.record_failure("s", "http://x/1", "timeout", now=T0)
    store.record_failure("s", "http://x/2", "timeout", now=T0)
    assert store.resolve_failures("s", ["http://x/1", "http://x/9"], now=T0) == 1
    assert store.open_failures("s") == ({"http://x/2"}, set())
    assert [r["url"] for r in store.failures(open_only=True)] == ["http://x/2"]
    later = T0 + timedelta(days=1)
    assert store.record_failure("s", "http://x/1", "http_500", now=later) == 1
    row = next(r for r in store.failures() if r["url"] == "http://x/1")
    assert (row["first_seen"], row["resolved_at"]) == (later.isoformat(), None)


def test_failures_are_resolved_by_url_or_article_id(store: Store) -> None:
    a = article()
    store.record_failure(a.source, a.url, "pipeline_cleanhtml", article_id=a.id, now=T0)
    store.record_failure(a.source, "http://api/detail?id=A1", "bad_json", article_id=a.id, now=T0)
    store.record_failure(a.source, "http://x/other", "timeout", article_id="B", now=T0)
    store.record_failure("t", "http://api/detail?id=A1", "bad_json", article_id=a.id, now=T0)
    assert store.open_failures(a.source) == (
        {a.url, "http://api/detail?id=A1", "http://x/other"},
        {a.id, "B"},
    )
    later = T0 + timedelta(hours=1)
    assert store.resolve_failures(a.source, article_ids=[a.id], now=later) == 2
    assert store.open_failures(a.source) == ({"http://x/other"}, {"B"})
    assert store.open_failures("t")[1] == {a.id}  # another source's row stays open
    resolved = [r for r in store.failures() if r["resolved_at"]]
    assert {r["resolved_at"] for r in resolved} == {later.isoformat()}


def test_a_given_up_failure_stays_given_up_and_keeps_counting(store: Store) -> None:
    store.record_failure("s", "http://x/1", "timeout", now=T0)
    store.db.execute("UPDATE failures SET given_up_at = ?", [T0.isoformat()])
    store.db.conn.commit()
    assert store.open_failures("s") == (set(), set())
    assert store.record_failure("s", "http://x/1", "timeout", now=T0 + timedelta(days=1)) == 2
    (row,) = store.failures()
    assert (row["given_up_at"], row["first_seen"]) == (T0.isoformat(), T0.isoformat())
