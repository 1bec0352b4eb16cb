"""What a reader gets back from the store, also from a database that an older schema made."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from newsbot.store import Store, migrations


def test_an_article_stored_before_date_provenance_reads_with_no_date_conflicts(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    migrations.apply(db, stop_before="m002_date_provenance")
    db["articles"].insert(
        {
            "id": "A1",
            "source": "s",
            "url": "http://n.example/a1",
            "title": "西林全力构建乡村治理新格局",
            "published": "2022-05-18T08:32:24+08:00",
            "published_utc": "2022-05-18T00:32:24+00:00",
            "authors": '["韦素雪"]',
            "tags": "",
            "body_text": "乡村治理",
            "content_hash": "h",
        }
    )
    db.close()
    with Store(path) as store:  # upgrades: the new column is NULL for the old row
        row = store.get_article("A1")
        assert row is not None
        assert (row["authors"], row["tags"], row["date_conflicts"]) == (["韦素雪"], [], [])
        assert [a["id"] for a in store.articles()] == ["A1"]


def test_batching_writes_on_a_read_only_store_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    Store(path).close()
    reader = Store.open_readonly(path)
    try:
        with pytest.raises(sqlite3.OperationalError, match=r"n\.db is open for reading only"):
            reader.begin_batch()
    finally:
        reader.close()
