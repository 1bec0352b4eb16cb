"""SIGTERM ends a crawl within seconds, even while responses take half a minute to come."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT, fault_log

SLOW = """kind = "html"
base_url = "http://fault.example"
timezone = "UTC"
[crawl]
download_delay = 0
timeout = 60
retries = 0
[html]
start_urls = ["/links/delay+trickle"]
article_links = ['\\.html$']
"""


def test_sigterm_ends_a_crawl_within_seconds(fault_server: str, tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "slow.toml").write_text(SLOW, "utf-8")
    before = len(fault_log(fault_server))
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "newsbot.cli", "crawl", "slow",
            "--sources", str(tmp_path / "sources"), "--base-url", fault_server,
            "--db", str(tmp_path / "n.db"), "--posts", str(tmp_path / "posts"),
            "-s", "AUTOTHROTTLE_ENABLED=False",
        ],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    try:
        # Wait until both slow pages (30 s each: a body after 30 s, a byte a second) are asked for.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            log = fault_log(fault_server)[before:]
            if any("/delay/30" in url for url in log) and any("/trickle/30" in url for url in log):
                break
            time.sleep(0.2)
        else:
            raise AssertionError(f"the slow pages were never requested: {log}")
        sent = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        stdout, stderr = proc.communicate(timeout=25)
        took = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert took < 15, f"took {took:.1f} s after SIGTERM"
    assert proc.returncode in (0, 1), stderr  # ended by itself, not by the signal
    assert "(shutdown)" in stdout  # and printed its summary
