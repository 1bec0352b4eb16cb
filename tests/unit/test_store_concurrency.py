"""Writers that meet: a locked database delays articles instead of dropping them, and two
crawls upserting the same articles at once count each article new exactly once."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
from collections import Counter
from pathlib import Path

import pytest
from test_store import article

from newsbot.store import Store

IDS = 150


def _upsert_all(path: str, barrier: multiprocessing.synchronize.Barrier, queue) -> None:
    outcomes: Counter[str] = Counter()
    try:
        with Store(path) as store:
            barrier.wait(timeout=30)
            for n in range(IDS):
                outcomes[
                    store.upsert_article(article(id=f"A{n}", url=f"http://n.example/{n}"))
                ] += 1
        queue.put(dict(outcomes))
    except Exception as exc:  # reported to the test, which fails on it
        queue.put(repr(exc))


def test_two_processes_upserting_the_same_ids_do_not_race(tmp_path: Path) -> None:
    path = str(tmp_path / "n.db")
    Store(path).close()  # migrated once, so both writers start at the upserts
    ctx = multiprocessing.get_context("fork")
    barrier, queue = ctx.Barrier(2), ctx.Queue()
    workers = [ctx.Process(target=_upsert_all, args=(path, barrier, queue)) for _ in range(2)]
    for worker in workers:
        worker.start()
    results = [queue.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
    assert all(isinstance(r, dict) for r in results), results
    total = Counter()
    for result in results:
        total.update(result)
    assert total == {"new": IDS, "unchanged": IDS}
    with Store(path) as store:
        assert store.count_articles() == IDS


def _hold_write_lock(path: Path, seconds: float) -> threading.Thread:
    locker = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    locker.execute("BEGIN IMMEDIATE")
    locker.execute("UPDATE crawls SET status = status")

    def release() -> None:
        threading.Event().wait(seconds)
        locker.execute("COMMIT")
        locker.close()

    thread = threading.Thread(target=release)
    thread.start()
    return thread


def test_a_write_locked_database_delays_the_article_instead_of_dropping_it(
    tmp_path: Path,
) -> None:
    with Store(tmp_path / "n.db", busy_timeout=0.05, write_timeout=10) as store:
        holder = _hold_write_lock(tmp_path / "n.db", 0.6)
        assert store.upsert_article(article()) == "new"
        holder.join()
        assert store.get_article("A1") is not None


def test_waiting_for_the_lock_is_bounded(tmp_path: Path) -> None:
    with Store(tmp_path / "n.db", busy_timeout=0.05, write_timeout=0.3) as store:
        holder = _hold_write_lock(tmp_path / "n.db", 1.5)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            store.upsert_article(article())
        holder.join()
        assert store.upsert_article(article()) == "new"


def test_a_busy_or_locked_error_without_its_code_is_known_by_its_message() -> None:
    from newsbot.store import _is_busy

    # Raised by hand (or by a wrapper) these carry no sqlite_errorcode.
    assert _is_busy(sqlite3.OperationalError("database is locked"))
    assert _is_busy(sqlite3.OperationalError("database table is busy"))
    assert not _is_busy(sqlite3.OperationalError("no such table: articles"))
