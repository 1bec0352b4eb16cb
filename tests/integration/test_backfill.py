"""A backfill of a 2,040-article, 60-day dated archive, killed with SIGKILL halfway and
started again, ends with exactly the rows of an uninterrupted run and asks for no completed
day twice. Both runs go in parallel against two sample servers serving the same archive."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, served

from newsbot.sampleserver import serve_subprocess

ARTICLES, DAYS = 2040, 60
END = (datetime.now(timezone(timedelta(hours=8))) - timedelta(minutes=5)).replace(
    second=0, microsecond=0
)
SINCE = (END - timedelta(days=DAYS + 1)).date()  # one day before the archive starts: empty
UNTIL = END.date()


@pytest.fixture
def servers() -> Iterator[tuple[str, str]]:
    started = [serve_subprocess(archive_articles=ARTICLES, archive_days=DAYS, archive_end=END)
               for _ in range(2)]  # fmt: skip
    try:
        yield started[0][1], started[1][1]
    finally:
        for proc, _ in started:
            proc.terminate()
            proc.wait(timeout=10)


def backfill(server: str, out: Path) -> list[str]:
    return [
        sys.executable, "-m", "newsbot.cli", "backfill", "archive-html",
        "--since", SINCE.isoformat(), "--until", UNTIL.isoformat(),
        "--sources", str(FIXTURES / "archive"), "--base-url", server,
        "--db", str(out / "newsbot.db"), "--posts", str(out / "_posts"),
        "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
    ]  # fmt: skip


def query(db: Path, sql: str) -> list[tuple]:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute(sql).fetchall()
    except sqlite3.OperationalError:  # not created yet
        return []


def completed_days(db: Path) -> set[str]:
    return {day for (day,) in query(db, "SELECT unit FROM backfill_units")}


def day_page(day: str) -> str:
    return f"/archive/paper/{day[:4]}{day[5:7]}/{day[8:]}/index.html"


def test_killed_backfill_resumes_to_the_rows_of_an_uninterrupted_run(
    servers: tuple[str, str], tmp_path: Path
) -> None:
    reference, interrupted = tmp_path / "reference", tmp_path / "interrupted"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    whole = subprocess.Popen(backfill(servers[0], reference), cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    victim = subprocess.Popen(backfill(servers[1], interrupted), cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    db = interrupted / "newsbot.db"
    deadline = time.monotonic() + 300
    while len(completed_days(db)) < (DAYS + 2) // 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    victim.send_signal(signal.SIGKILL)
    assert victim.wait(timeout=10) == -signal.SIGKILL
    done = completed_days(db)
    stored_at_kill = query(db, "SELECT count(*) FROM articles")[0][0]
    assert 0 < len(done) < DAYS + 2 and 0 < stored_at_kill < ARTICLES  # halfway

    before = served(servers[1])[0]
    resumed = subprocess.run(backfill(servers[1], interrupted), cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=300)  # fmt: skip
    assert resumed.returncode == 0, resumed.stderr
    again = served(servers[1])[0] - before
    assert [day for day in done if day_page(day) in again] == []  # no completed day twice
    for day in done:  # nor any article of one
        prefix = f"/archive/{day[:4]}{day[5:7]}/{day[8:]}/a"
        assert not [path for path in again if path.startswith(prefix)]

    out, err = whole.communicate(timeout=300)
    assert whole.returncode == 0, err
    sql = "SELECT id, content_hash FROM articles ORDER BY id"
    rows = query(db, sql)
    assert len(rows) == ARTICLES and len({id_ for id_, _ in rows}) == ARTICLES
    assert rows == query(reference / "newsbot.db", sql)  # same ids, same content hashes
    posts = sorted(p.name for p in (interrupted / "_posts").glob("*.md"))
    assert posts == sorted(p.name for p in (reference / "_posts").glob("*.md"))
    assert len(completed_days(db)) == DAYS + 2  # every day of the range, the empty one too

    # The per-day table flags the day before the archive began.
    assert re.search(rf"^{SINCE.isoformat()} +0 +done +<- no articles$", out, re.M)
    # ...and perhaps the archive's first day, when its first article fell after midnight.
    assert 1 <= out.count("<- no articles") <= 2
    assert "backfill archive-html: " in err  # progress lines, not a terminal
