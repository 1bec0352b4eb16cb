"""README.md documents every source key, CLI command and column, so it cannot rot."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from newsbot.cli import build_parser
from newsbot.config import Source
from newsbot.schema import expected_schema

README = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")


def keys(model: type[BaseModel], prefix: str = "") -> list[str]:
    found = []
    for name, info in model.model_fields.items():
        if name in ("key", "path", "mirror_of"):
            continue
        annotation = info.annotation
        inner = [a for a in getattr(annotation, "__args__", (annotation,)) if a is not None]
        nested = [a for a in inner if isinstance(a, type) and issubclass(a, BaseModel)]
        if nested and name != "links":
            found.extend(keys(nested[0], f"{prefix}{name}."))
        else:
            found.append(f"{prefix}{name}")
    return found


def test_every_source_key_is_documented() -> None:
    missing = [key for key in keys(Source) if f"`{key}`" not in README]
    assert missing == []


def test_every_command_is_documented() -> None:
    commands = build_parser()._subparsers._group_actions[0].choices  # argparse keeps them here
    assert [name for name in commands if f"`newsbot {name}" not in README] == []


def test_every_table_and_column_is_documented() -> None:
    schema = expected_schema()
    missing = [table for table in schema.tables if f"`{table}`" not in README]
    missing += [
        f"{table}.{column}"
        for table, columns in schema.tables.items()
        for column in columns
        if f"`{column}`" not in README
    ]
    assert missing == []
