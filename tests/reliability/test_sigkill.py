"""SIGKILL at seeded random points of a crawl and of an export, each followed by a rerun:
the database and the posts end exactly as after an uninterrupted run, with no temporary
files left and no crawl left ``running``."""

from __future__ import annotations

import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, newsbot

from newsbot.store import Store

SOURCE = "good-120"
POINTS = 10  # kills: even points during a crawl, odd ones during an export
SEED = 20261203
POST_NAME = r"^\d{4}-\d{2}-\d{2}-.+\.md$"


def crawl_args(server: str, out: Path) -> list[str]:
    return [
        "crawl", SOURCE, "--sources", str(FIXTURES / "sources"), "--base-url", server,
        "--db", str(out / "newsbot.db"), "--posts", str(out / "_posts"),
        "-s", "AUTOTHROTTLE_ENABLED=False",
    ]  # fmt: skip


def export_args(out: Path) -> list[str]:
    return [
        "export", "--sources", str(FIXTURES / "sources"),
        "--db", str(out / "newsbot.db"), "--posts", str(out / "_posts"),
    ]  # fmt: skip


def timed(args: list[str]) -> float:
    started = time.monotonic()
    result = newsbot(*args)
    assert result.returncode == 0, result.stderr[-2000:]
    return time.monotonic() - started


def kill_after(args: list[str], delay: float) -> bool:
    """Start ``newsbot ARGS``, SIGKILL it after ``delay`` seconds; False if it had ended."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsbot.cli", *args],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        proc.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        return True


def fresh(out: Path, db: Path | None) -> None:
    """Empty ``out``, then give it a copy of the database ``db`` (and its WAL) if any."""
    for path in out.iterdir():
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    if db is not None:
        for part in db.parent.glob(db.name + "*"):
            shutil.copy(part, out / part.name)


def snapshot(out: Path) -> dict:
    with Store(out / "newsbot.db") as store:
        rows = {row["id"]: row["content_hash"] for row in store.articles()}
        running = [c["id"] for c in store.crawls() if c["status"] == "running"]
    posts = {p.name: p.read_bytes() for p in sorted((out / "_posts").iterdir())}
    return {"rows": rows, "posts": posts, "running": running}


def temporary_files(out: Path) -> list[str]:
    names = [p.name for p in (out / "_posts").iterdir() if not re.match(POST_NAME, p.name)]
    names += [p.name for p in out.rglob("*") if "tmp" in p.name.lower()]
    return names


@pytest.fixture(scope="module")
def reference(fault_server: str, tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("uninterrupted")
    crawl_seconds = timed(crawl_args(fault_server, out))
    again = tmp_path_factory.mktemp("export-only")
    fresh(again, out / "newsbot.db")
    export_seconds = timed(export_args(again))
    reference = snapshot(out)
    assert len(reference["rows"]) == 120 and len(reference["posts"]) == 120
    assert snapshot(again)["posts"] == reference["posts"]  # export alone writes the same
    return {**reference, "db": out / "newsbot.db", "crawl": crawl_seconds, "export": export_seconds}


def test_sigkill_at_seeded_points_then_rerun_ends_as_an_uninterrupted_run(
    fault_server: str, reference: dict, tmp_path_factory: pytest.TempPathFactory
) -> None:
    rng = random.Random(SEED)
    for point in range(POINTS):
        out = tmp_path_factory.mktemp(f"killed-{point}")
        during_crawl = point % 2 == 0
        args = crawl_args(fault_server, out) if during_crawl else export_args(out)
        delay = rng.uniform(0.15, 0.95) * reference["crawl" if during_crawl else "export"]
        while True:
            fresh(out, None if during_crawl else reference["db"])
            if kill_after(args, delay):
                break
            delay /= 2  # it ended before its kill: again, killed sooner
        print(f"point {point}: SIGKILL {'crawl' if during_crawl else 'export'} after {delay:.2f} s")
        timed(args)
        after = snapshot(out)
        assert after["rows"] == reference["rows"], point
        assert after["posts"] == reference["posts"], point
        assert after["running"] == [], point
        assert temporary_files(out) == [], point
