"""Commands that only read the database never create one."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import newsbot

from newsbot.items import Article
from newsbot.store import Store, StoreNotFoundError


def article() -> Article:
    return Article(
        id="A1",
        source="s",
        url="http://n.example/a1",
        title="西林全力构建乡村治理新格局",
        published=datetime(2022, 5, 18, tzinfo=UTC),
        body_html="<p>乡村治理</p>",
        body_text="乡村治理",
    )


@pytest.mark.parametrize("command", [["search", "乡村"], ["export"]])
def test_a_missing_database_is_reported_and_not_created(tmp_path: Path, command: list[str]) -> None:
    db = tmp_path / "sub" / "missing.db"
    result = newsbot(*command, "--db", str(db), "--posts", str(tmp_path / "posts"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: no database at {db}"
    assert list(tmp_path.iterdir()) == []


def test_search_reads_an_existing_database(tmp_path: Path) -> None:
    with Store(tmp_path / "n.db") as store:
        store.upsert_article(article())
    result = newsbot("search", "乡村治理", "--db", str(tmp_path / "n.db"))
    assert result.returncode == 0, result.stderr
    assert "A1" in result.stdout


def test_a_read_only_store_cannot_write(tmp_path: Path) -> None:
    with pytest.raises(StoreNotFoundError):
        Store.open_readonly(tmp_path / "n.db")
    assert not (tmp_path / "n.db").exists()
    Store(tmp_path / "n.db").close()
    with Store.open_readonly(tmp_path / "n.db") as store:
        assert store.count_articles() == 0
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.upsert_article(article())


def test_export_reports_a_bad_row_and_writes_every_other_post(tmp_path: Path) -> None:
    db, posts = tmp_path / "n.db", tmp_path / "posts"
    with Store(db) as store:
        for n in range(3):
            good = article()
            good.id, good.url, good.source = f"G{n}", f"http://n.example/{n}", "eastmoney-regional"
            store.upsert_article(good)
        bad = article()
        bad.id, bad.source = "BAD\x1b[31m", "eastmoney-regional"
        store.upsert_article(bad)
        bad_json = article()
        bad_json.id, bad_json.url, bad_json.source = "BADJSON", "http://x/j", "eastmoney-regional"
        store.upsert_article(bad_json)
        store.db.execute("UPDATE articles SET published = 'not a date' WHERE id = ?", [bad.id])
        store.db.execute("UPDATE articles SET authors = '[broken' WHERE id = 'BADJSON'")
        store.db.conn.commit()
    posts.mkdir()
    (posts / ".tmp-999999999-left.md").write_text("half a post", "utf-8")
    result = newsbot("export", "--db", str(db), "--posts", str(posts))
    assert result.returncode == 1
    errors = sorted(result.stderr.strip().splitlines())
    assert len(errors) == 2
    assert errors[0].startswith("error: article BAD: ValueError: Invalid isoformat")  # no ANSI
    assert errors[1].startswith("error: article BADJSON: JSONDecodeError")
    assert "failed: 2" in result.stdout
    assert sorted(p.name for p in posts.iterdir()) == [f"2022-05-18-G{n}.md" for n in range(3)]
