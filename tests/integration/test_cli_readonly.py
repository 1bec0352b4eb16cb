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
