"""Batched writes (Store.batch): articles, their ledger entries and the failures they resolve
are committed together, every few articles and when the batch ends. A process killed in a
batch leaves exactly what was committed: never an entry claiming an uncommitted article."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from test_store import article

from newsbot.store import Store

KILLED_IN_A_BATCH = """
import os, signal, sys
sys.path.insert(0, sys.argv[2])
from test_store import article
from newsbot.store import Store

store = Store(sys.argv[1])
with store.batch(max_articles=5, max_seconds=3600):
    for n in range(13):
        store.upsert_article(article(id=f"A{n}", url=f"http://n.example/{n}"))
        # What the crawl records once an article went through: its ledger entry.
        store.record_fetches([{"canonical": f"https://n.example/{n}", "url": f"http://n.example/{n}",
                               "source": "s", "kind": "article", "article_id": f"A{n}",
                               "last_status": 200}])
    os.kill(os.getpid(), signal.SIGKILL)
"""


def rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_a_process_killed_in_a_batch_keeps_exactly_the_committed_articles(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    Store(db).close()
    tests = Path(__file__).resolve().parent
    proc = subprocess.run(
        [sys.executable, "-c", KILLED_IN_A_BATCH, str(db), str(tests)], timeout=60
    )
    assert proc.returncode == -9
    ids = sorted(r[0] for r in rows(db, "SELECT id FROM articles"))
    # Articles 0-9 were committed in two batches of five; 10-12 were lost with the process.
    assert ids == sorted(f"A{n}" for n in range(10))
    # Each entry is written after its article, so it is committed with it or later: never
    # an entry for an article that was not committed (the rerun fetches A9 once more).
    ledger = sorted(r[0] for r in rows(db, "SELECT article_id FROM seen_urls"))
    assert ledger == sorted(f"A{n}" for n in range(9))
    indexed = rows(db, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH '乡村治理'")
    assert indexed == [(10,)]


def test_a_batch_commits_every_n_articles_and_at_its_end(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    with Store(db) as store:
        with store.batch(max_articles=3, max_seconds=3600):
            for n in range(4):
                store.upsert_article(article(id=f"A{n}", url=f"http://n.example/{n}"))
                committed = rows(db, "SELECT count(*) FROM articles")[0][0]
                assert committed == (3 if n >= 2 else 0), n
            assert store.count_articles() == 4  # the batch's own connection sees them all
        assert rows(db, "SELECT count(*) FROM articles")[0][0] == 4


def test_a_batch_older_than_its_seconds_is_committed(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    with Store(db) as store, store.batch(max_articles=1000, max_seconds=0.0):
        store.upsert_article(article())
        assert rows(db, "SELECT id FROM articles") == [("A1",)]


def test_every_store_of_a_database_in_a_process_writes_in_the_batch(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    with Store(db) as crawl, crawl.batch(max_articles=1000, max_seconds=3600):
        crawl.upsert_article(article())
        with Store(db) as export:  # another part of the crawl, e.g. the posts pipeline
            assert export.get_article("A1") is not None
            export.record_failure("s", "http://n.example/x", "http_500")
        assert rows(db, "SELECT count(*) FROM articles") == [(0,)]
        assert rows(db, "SELECT count(*) FROM failures") == [(0,)]
    assert rows(db, "SELECT count(*) FROM articles") == [(1,)]
    assert rows(db, "SELECT count(*) FROM failures") == [(1,)]


def test_a_failed_write_in_a_batch_is_undone_alone(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    with Store(db) as store, store.batch(max_articles=1000, max_seconds=3600):
        store.upsert_article(article())
        with pytest.raises(sqlite3.IntegrityError):  # seen_urls.url may not be NULL
            store.record_fetches(
                [{"canonical": "https://n.example/a1", "source": "s", "kind": "article"}]
            )
        store.upsert_article(article(id="A2", url="http://n.example/a2"))
    assert sorted(rows(db, "SELECT id FROM articles")) == [("A1",), ("A2",)]
    assert rows(db, "SELECT count(*) FROM seen_urls") == [(0,)]
