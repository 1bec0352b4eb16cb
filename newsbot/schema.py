"""The database contract: the schema that the migrations build, printed and checked.

The documented schema is never a hand-written copy: it is what :data:`newsbot.store.migrations`
build in a fresh in-memory database, so it is right whatever migrations have been added.
A database is checked against it read-only: every table, column (type, NOT NULL, primary
key), index and trigger of the fresh schema must be there, and every migration recorded.
Extra tables or columns are allowed: a newer newsbot only ever adds.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

__all__ = ["Schema", "SchemaError", "check_database", "expected_schema", "schema_sql"]

# Tables FTS5 creates for its own use behind a virtual table; they follow from the virtual table.
FTS_SHADOW_SUFFIXES = ("_data", "_idx", "_docsize", "_config", "_content")


class SchemaError(Exception):
    """The database cannot be read as a newsbot database at all."""


@dataclass
class Schema:
    """What a database holds: tables with their columns, indexes, triggers, migrations."""

    # table -> column -> (declared type, not null, primary key position)
    tables: dict[str, dict[str, tuple[str, bool, int]]] = field(default_factory=dict)
    virtual: set[str] = field(default_factory=set)
    # index name -> (table, columns, unique)
    indexes: dict[str, tuple[str, tuple[str, ...], bool]] = field(default_factory=dict)
    triggers: set[str] = field(default_factory=set)
    migrations: list[str] = field(default_factory=list)
    sql: list[str] = field(default_factory=list)


def _is_shadow(name: str, virtual: set[str]) -> bool:
    return any(name == v + suffix for v in virtual for suffix in FTS_SHADOW_SUFFIXES)


def read_schema(conn: sqlite3.Connection) -> Schema:
    """The schema of an open connection (read only)."""
    schema = Schema()
    objects = conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master"
        " WHERE name NOT LIKE 'sqlite_%' ORDER BY rowid"
    ).fetchall()
    schema.virtual = {
        name for kind, name, _, sql in objects if kind == "table" and "VIRTUAL TABLE" in sql.upper()
    }
    for kind, name, table, sql in objects:
        if _is_shadow(name, schema.virtual) or _is_shadow(table, schema.virtual):
            continue
        if sql:
            schema.sql.append(sql.strip() + ";")
        if kind == "table":
            schema.tables[name] = {
                row[1]: (row[2].upper(), bool(row[3]), int(row[5]))
                for row in conn.execute(f"PRAGMA table_xinfo([{name}])")
                if row[6] in (0, 2, 3)  # ordinary or generated columns, not FTS hidden ones
            }
        elif kind == "index":
            columns = tuple(row[2] for row in conn.execute(f"PRAGMA index_info([{name}])"))
            unique = any(
                row[1] == name and row[2] for row in conn.execute(f"PRAGMA index_list([{table}])")
            )
            schema.indexes[name] = (table, columns, unique)
        elif kind == "trigger":
            schema.triggers.add(name)
    if "_sqlite_migrations" in schema.tables:
        schema.migrations = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = 'newsbot' ORDER BY id"
            )
        ]
    return schema


def expected_schema() -> Schema:
    """The schema the migrations build in a fresh database: the documented contract."""
    from newsbot.store import migrate

    db = sqlite_utils.Database(memory=True)
    try:
        migrate(db)
        return read_schema(db.conn)
    finally:
        db.close()


def schema_sql() -> str:
    """The SQL of the documented schema (tables, indexes, triggers), in creation order."""
    return "\n\n".join(expected_schema().sql)


def compare(actual: Schema, expected: Schema) -> list[str]:
    """Where ``actual`` falls short of ``expected``, one line per problem; empty if it holds."""
    problems: list[str] = []
    for table, columns in expected.tables.items():
        if table not in actual.tables:
            problems.append(f"table {table}: missing")
            continue
        have = actual.tables[table]
        for column, (ctype, notnull, pk) in columns.items():
            if column not in have:
                problems.append(f"column {table}.{column}: missing")
                continue
            got = have[column]
            if got[0] != ctype:
                problems.append(f"column {table}.{column}: type {got[0]!r}, expected {ctype!r}")
            if got[1] != notnull:
                problems.append(
                    f"column {table}.{column}: {'NOT NULL' if got[1] else 'nullable'},"
                    f" expected {'NOT NULL' if notnull else 'nullable'}"
                )
            if bool(got[2]) != bool(pk):
                problems.append(f"column {table}.{column}: primary key differs")
    for name, (table, columns, unique) in expected.indexes.items():
        if name not in actual.indexes:
            problems.append(f"index {name} on {table}({', '.join(columns)}): missing")
        elif actual.indexes[name] != (table, columns, unique):
            problems.append(f"index {name}: {actual.indexes[name]}, expected {(table, columns)}")
    problems += [f"trigger {name}: missing" for name in sorted(expected.triggers - actual.triggers)]
    problems += [
        f"migration {name}: not recorded in _sqlite_migrations"
        for name in expected.migrations
        if name not in actual.migrations
    ]
    return problems


def check_database(path: Path | str) -> list[str]:
    """Check the database at ``path`` against the documented schema without changing it."""
    path = Path(path)
    if not path.is_file():
        raise SchemaError(f"{path}: no such database")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise SchemaError(f"{path}: {exc}") from exc
    try:
        actual = read_schema(conn)
    except sqlite3.DatabaseError as exc:
        raise SchemaError(f"{path}: {exc}") from exc
    finally:
        conn.close()
    return compare(actual, expected_schema())
