"""The reading commands start fast: `newsbot search`, `stats` and `check --file` never load
what only crawling, dedup or posts need (Scrapy, numpy, datasketch, pypinyin, dateparser,
pydantic, sqlite-utils). Checked on the modules the real command leaves loaded, in a fresh
interpreter; the time itself is measured by `make bench`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_store import article

from newsbot.store import Store

HEAVY = (
    "scrapy",
    "twisted",
    "numpy",
    "datasketch",
    "pypinyin",
    "dateparser",
    "pydantic",
    "sqlite_utils",
)
PAGE = """<html><head><meta charset="utf-8"><title>西林全力构建乡村治理新格局</title>
<meta name="publishdate" content="2022-05-18 08:32:24"></head><body><div class="content">
<p>乡村治理是国家治理的基石。西林县全力构建乡村治理新格局，推动基层治理体系现代化。</p>
</div></body></html>"""

RUN = """
import json, sys
from newsbot.cli import main
code = main(sys.argv[1:])
wanted = set(json.loads(sys.stdin.read()))
heavy = sorted(({name.split(".")[0] for name in sys.modules} | set(sys.modules)) & wanted)
print(json.dumps({"code": code, "heavy": heavy}))
"""


def loaded_after(*args: str, cwd: Path, heavy: tuple[str, ...] = HEAVY) -> dict:
    """Run ``newsbot ARGS`` in a fresh interpreter; its exit code and which of the modules
    ``heavy`` (packages, or modules by their full name) it loaded."""
    result = subprocess.run(
        [sys.executable, "-c", RUN, *args],
        input=json.dumps(heavy), capture_output=True, text=True, cwd=cwd, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "n.db"
    with Store(path) as store:
        store.upsert_article(article())
    return path


@pytest.mark.parametrize(
    "command",
    [["search", "乡村治理"], ["stats"], ["check", "--file", "PAGE", "--url", "http://n.example/a"]],
    ids=["search", "stats", "check --file"],
)
def test_reading_commands_load_nothing_heavy(command: list[str], db: Path, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    args = [str(page) if part == "PAGE" else part for part in command]
    outcome = loaded_after(*args, "--db", str(db), cwd=tmp_path)
    assert outcome["code"] in (0, 1)  # stats exits 1 when it warns
    assert outcome["heavy"] == []


def test_the_check_sees_heavy_modules(db: Path, tmp_path: Path) -> None:
    # The same probe on a command that needs them: the check is able to fail.
    outcome = loaded_after("export", "--db", str(db), "--posts", str(tmp_path / "p"), cwd=tmp_path)
    assert "pydantic" in outcome["heavy"]


def test_search_reads_through_sqlite3_alone(db: Path, tmp_path: Path) -> None:
    # Not even the store module, nor typing: search runs SEARCH_SQL on a plain connection.
    outcome = loaded_after(
        "search", "乡村治理", "--db", str(db), cwd=tmp_path, heavy=("newsbot.store", "typing")
    )
    assert outcome == {"code": 0, "heavy": []}
    # The probe sees both where they are loaded.
    outcome = loaded_after("stats", "--db", str(db), cwd=tmp_path, heavy=("newsbot.store",))
    assert outcome["heavy"] == ["newsbot.store"]


def test_naming_a_command_builds_its_parser_alone() -> None:
    from newsbot.cli import COMMANDS, build_parser

    def commands(parser: object) -> set[str]:
        return set(parser._subparsers._group_actions[0].choices)  # type: ignore[attr-defined]

    assert commands(build_parser()) == COMMANDS
    assert commands(build_parser("search")) == {"search"}
    assert commands(build_parser("nonsense")) == COMMANDS  # the error lists them all
    args = build_parser("search").parse_args(["search", "治理", "--limit", "3"])
    assert (args.query, args.limit, args.db) == ("治理", 3, None)
