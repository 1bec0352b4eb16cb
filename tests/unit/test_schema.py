"""The database contract: a database made by an older schema upgrades, keeps every row and
then matches the documented schema; a broken one is reported."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import FIXTURES, newsbot

from newsbot.schema import check_database, expected_schema, schema_sql
from newsbot.store import Store, migrations

# Made by the schema of 2026-12-03 (migrations m001, m002), with three articles and a crawl.
OLD_DB = FIXTURES / "db" / "schema-2026-12-03.db"


def rows(path: Path, table: str, columns: list[str]) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        names = ", ".join(f"[{c}]" for c in columns)
        return conn.execute(f"SELECT {names} FROM [{table}] ORDER BY rowid").fetchall()


def old_columns(table: str) -> list[str]:
    with sqlite3.connect(OLD_DB) as conn:
        return [row[1] for row in conn.execute(f"PRAGMA table_info([{table}])")]


@pytest.fixture
def upgraded(tmp_path: Path) -> Path:
    path = tmp_path / "old.db"
    shutil.copy(OLD_DB, path)
    Store(path).close()
    return path


def test_old_database_needs_the_new_migrations(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copy(OLD_DB, path)
    problems = check_database(path)
    assert "migration m003_sync_index: not recorded in _sqlite_migrations" in problems
    assert path.read_bytes() == OLD_DB.read_bytes()  # the check never writes


def test_upgrade_keeps_every_row_and_records_the_migrations(upgraded: Path) -> None:
    for table in ("articles", "crawls"):
        columns = old_columns(table)
        assert rows(upgraded, table, columns) == rows(OLD_DB, table, columns)
        assert len(rows(upgraded, table, ["rowid"])) > 0
    recorded = [name for (name,) in rows(upgraded, "_sqlite_migrations", ["name"])]
    assert recorded == [m.name for m in migrations._migrations]
    with Store(upgraded) as store:
        assert store.search("乡村治理")[0]["id"] == "NW202205182382767663"
    assert check_database(upgraded) == []


def test_a_hand_broken_database_fails_the_check(upgraded: Path) -> None:
    with sqlite3.connect(upgraded) as conn:
        conn.execute("DROP INDEX idx_articles_updated_at")
        conn.execute("ALTER TABLE articles DROP COLUMN summary")
    problems = check_database(upgraded)
    assert "column articles.summary: missing" in problems
    assert "index idx_articles_updated_at on articles(updated_at): missing" in problems


def test_schema_command_prints_and_checks(upgraded: Path, tmp_path: Path) -> None:
    printed = newsbot("schema")
    assert printed.returncode == 0
    assert printed.stdout.strip() == schema_sql()
    assert 'CREATE TABLE "articles"' in printed.stdout
    good = newsbot("schema", "--check", "--db", str(upgraded))
    assert (good.returncode, good.stdout.strip()) == (0, f"{upgraded}: matches the schema")
    broken = tmp_path / "broken.db"
    shutil.copy(OLD_DB, broken)
    bad = newsbot("schema", "--check", "--db", str(broken))
    assert bad.returncode == 1
    assert "m003_sync_index: not recorded" in bad.stdout
    assert newsbot("schema", "--migrate", "--db", str(broken)).returncode == 0
    assert newsbot("schema", "--check", "--db", str(broken)).returncode == 0


def test_sync_query_uses_the_updated_at_index(upgraded: Path) -> None:
    with sqlite3.connect(upgraded) as conn:
        plan = conn.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM articles WHERE updated_at > ? ORDER BY updated_at",
            ["2026-01-01"],
        ).fetchall()
    assert "idx_articles_updated_at" in str(plan)
    assert "articles" in expected_schema().tables
