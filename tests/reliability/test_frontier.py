"""The sitemap kind keeps its frontier out of Scrapy's scheduler: however many articles a
sitemap lists, the engine holds only the few requests its downloader can take, and every
link is still requested in the end (memory does not grow with the size of the site)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, fault_requests

LINKS = 3000

SOURCE = """kind = "sitemap"
name = "Many"
base_url = "http://fault.example"
timezone = "UTC"

[crawl]
download_delay = 0
concurrent_requests = 8

[sitemap]
urls = ["/sitemap-many/{links}"]
article_links = ['/forbidden/']
"""


def test_the_scheduler_never_holds_the_whole_sitemap(fault_server: str, tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "many.toml").write_text(SOURCE.format(links=LINKS), "utf-8")
    probe = tmp_path / "most-pending"
    before = fault_requests(fault_server)["paths"]
    result = subprocess.run(
        [
            sys.executable, "-m", "newsbot.cli", "crawl", "many", "-v",
            "--sources", str(tmp_path / "sources"), "--base-url", fault_server,
            "--db", str(tmp_path / "n.db"), "--posts", str(tmp_path / "_posts"),
            "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "SCHEDULER=probes.MaxPendingScheduler",
        ],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={
            **os.environ,
            "PYTHONPATH": str(Path(__file__).parent),
            "NEWSBOT_PROBE_FILE": str(probe),
        },
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    # Every link became a request (each refused by robots.txt, so none is downloaded) ...
    skipped = re.findall(r" skipped (\S+): Forbidden by robots\.txt", result.stderr)
    assert len(set(skipped)) == len(skipped) == LINKS, result.stderr[-3000:]
    paths = fault_requests(fault_server)["paths"]
    assert [p for p in paths if p.startswith("/forbidden/")] == []
    assert paths[f"/sitemap-many/{LINKS}"] - before.get(f"/sitemap-many/{LINKS}", 0) == 1
    # ... but the scheduler never held more than a handful at once.
    assert 1 <= int(probe.read_text()) <= 20
