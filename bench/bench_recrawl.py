"""Benchmark a scheduled re-crawl against a first full crawl of the same site.

Run: .venv/bin/python bench/bench_recrawl.py [--articles 2000] [--new 20]

Starts the sample server with a generated archive of ``--articles`` articles over 60 days,
crawls it in full through ``newsbot crawl`` (the ``archive-html`` source of
tests/fixtures/archive: a paginated list, 50 articles a page), publishes ``--new`` articles,
and crawls again with the same database. Requests are counted by the server (robots.txt
included); wall time is the whole command. Exits 1 if the re-crawl makes 2% or more of the
first crawl's requests, or fetches anything but the new articles and their list pages.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from newsbot.sampleserver import serve_subprocess

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "tests" / "fixtures" / "archive"
MAX_RATIO = 0.02


def get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def crawl(server: str, out: Path) -> tuple[int, float]:
    """Requests served and seconds taken by one ``newsbot crawl archive-html``."""
    before = get(f"{server}/_requests")["requests"]
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "newsbot.cli", "crawl", "archive-html",
         "--sources", str(SOURCES), "--base-url", server,
         "--db", str(out / "newsbot.db"), "--posts", str(out / "_posts"),
         "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"crawl failed:\n{result.stdout}\n{result.stderr}")
    return get(f"{server}/_requests")["requests"] - before, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--new", type=int, default=20)
    args = parser.parse_args()
    proc, server = serve_subprocess(archive_articles=args.articles, archive_days=60)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp)
            first_requests, first_seconds = crawl(server, out)
            get(f"{server}/_archive/publish?count={args.new}")
            again_requests, again_seconds = crawl(server, out)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    ratio = again_requests / first_requests
    print(f"{'crawl':<34}{'requests':>10}{'wall s':>10}")
    print(f"{f'first, {args.articles} articles':<34}{first_requests:>10}{first_seconds:>10.1f}")
    print(f"{f're-crawl, {args.new} new':<34}{again_requests:>10}{again_seconds:>10.1f}")
    print(f"re-crawl / first: requests {ratio:.2%}, wall time {again_seconds / first_seconds:.2%}")
    # The new articles, the list pages that hold them and one more, robots.txt.
    expected = args.new + args.new // 50 + 2 + 1
    if ratio >= MAX_RATIO or again_requests > expected:
        print(f"FAIL: re-crawl requests must stay under {MAX_RATIO:.0%} (and <= {expected})")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
