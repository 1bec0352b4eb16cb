"""``newsbot run``: two sources at different intervals run on time, cycle after cycle, and
SIGTERM stops the scheduler cleanly within seconds."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from itertools import pairwise
from pathlib import Path

from conftest import ROOT
from opsserver import OpsServer
from test_locks import html_source

from newsbot.store import Store

RUN_LINE = re.compile(
    r"^(?P<started>\S+) (?P<source>[\w-]+): exit (?P<code>\d+) in (?P<took>[\d.]+)s "
    r"\(due (?P<due>\S+), (?P<late>[-+][\d.]+)s\)"
)
EVERY = {"often": 4.0, "seldom": 6.0}
SLACK = timedelta(seconds=0.5)  # a run's end is seen at the scheduler's next poll


def test_two_sources_run_on_their_intervals_and_sigterm_stops_cleanly(tmp_path: Path) -> None:
    with OpsServer(articles=1) as server:
        for key, every in EVERY.items():
            html_source(tmp_path / "sources", key, server.url, "/news/list.html",
                        f'\n[schedule]\nevery = "{every:g}s"\n')  # fmt: skip
        proc = subprocess.Popen(
            [sys.executable, "-m", "newsbot.cli", "run", *EVERY, "--sources",
             str(tmp_path / "sources"), "--db", str(tmp_path / "n.db"), "--posts",
             str(tmp_path / "_posts"), "-s", "DOWNLOAD_DELAY=0",
             "-s", "AUTOTHROTTLE_ENABLED=False"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        runs: dict[str, list[re.Match[str]]] = {key: [] for key in EVERY}
        lines = []
        try:
            assert proc.stdout is not None
            deadline = time.monotonic() + 90
            while len(runs["often"]) < 3 or len(runs["seldom"]) < 2:
                assert time.monotonic() < deadline, lines
                line = proc.stdout.readline()
                assert line, (lines, proc.stderr.read() if proc.stderr else "")
                lines.append(line)
                if match := RUN_LINE.match(line):
                    runs[match["source"]].append(match)
            proc.send_signal(signal.SIGTERM)
            sent = time.monotonic()
            rest, errors = proc.communicate(timeout=30)
            stopped_in = time.monotonic() - sent
        finally:
            if proc.poll() is None:
                proc.kill()
    assert proc.returncode == 0, errors
    assert stopped_in < 5, f"stopped {stopped_in:.1f} s after SIGTERM"
    assert "scheduler stopped after" in rest
    for key, every in EVERY.items():
        matches = runs[key]
        assert all(m["code"] == "0" for m in matches), lines
        # Each run started when it was due, and was due one interval after the last start
        # (or, when that run took longer than the interval, as soon as it ended: runs of a
        # source never overlap).
        assert all(float(m["late"]) <= 0.5 for m in matches), lines
        for previous, run in pairwise(matches):
            started = datetime.fromisoformat(previous["started"])
            on_time = started + timedelta(seconds=every)
            ended = started + timedelta(seconds=float(previous["took"]))
            due = datetime.fromisoformat(run["due"])
            assert due == on_time or (ended > on_time and abs(due - ended) < SLACK), lines
    with Store(tmp_path / "n.db") as store:
        crawls = store.crawls()
    assert {c["source"] for c in crawls} == set(EVERY)
    for key in EVERY:
        statuses = [c["status"] for c in crawls if c["source"] == key]
        # Every run reported before the SIGTERM finished. A run in flight when it came (only
        # the last of its source, and only on a slow machine) was stopped by it, not abandoned.
        assert statuses[: len(runs[key])] == ["finished"] * len(runs[key]), crawls
        *earlier, last = statuses
        assert all(status == "finished" for status in earlier), crawls
        assert last in ("finished", "stopped: shutdown"), crawls
