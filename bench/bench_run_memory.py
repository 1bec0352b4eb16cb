"""Memory of ``newsbot run`` over many runs: one subprocess per crawl (what the scheduler
does) against successive crawls in one process on Scrapy's reactor (the alternative).

Run: .venv/bin/python bench/bench_run_memory.py [--runs 100]

Both crawl the bundled ``eastmoney-emnews`` source from the sample server into a fresh
database, ``--runs`` times. Reported: the resident memory (RSS) of the scheduling process
after the first run and after the last, and for subprocesses the peak RSS of one crawl.
Exits 1 if the subprocess scheduler's own RSS grew by more than MAX_GROWTH_MIB.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from newsbot.config import BUNDLED_SOURCES, load_sources
from newsbot.sampleserver import serve_subprocess
from newsbot.schedule import Job, Scheduler, crawl_command

SOURCE = "eastmoney-emnews"
MAX_GROWTH_MIB = 5.0


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def subprocess_runs(url: str, runs: int, out: Path) -> dict[str, float]:
    """The real scheduler, with an interval short enough to start runs back to back."""
    extra = ["--base-url", url, "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"]
    command = crawl_command(out / "sub.db", out / "sub_posts", [], extra)
    job = Job(SOURCE, every=timedelta(milliseconds=1))
    with open("/dev/null", "w") as sink:
        scheduler = Scheduler([job], command, db=out / "sub.db", out=sink)
        samples: list[float] = []
        started = time.monotonic()
        while len(scheduler.results) < runs:
            scheduler.step()
            if len(scheduler.results) > len(samples):
                samples.append(rss_mib())
            time.sleep(0.02)
    failed = sum(result.exit_code != 0 for result in scheduler.results)
    child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "first": samples[0],
        "last": samples[-1],
        "child_peak": child_peak,
        "seconds": time.monotonic() - started,
        "failed_runs": failed,
    }


IN_PROCESS = """
import json, sys
from pathlib import Path
from scrapy.utils.reactor import install_reactor
install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")
from twisted.internet import defer, reactor
from scrapy.crawler import CrawlerRunner
from newsbot.config import BUNDLED_SOURCES, load_sources
from newsbot.crawl import scrapy_settings
from newsbot.spiders import spider_class

url, runs, out = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
source = load_sources([BUNDLED_SOURCES])["eastmoney-emnews"].with_base_url(url)
settings = scrapy_settings({"NEWSBOT_DB": str(out / "in.db"), "NEWSBOT_POSTS_DIR":
    str(out / "in_posts"), "NEWSBOT_BASE_URL": url, "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False, "LOG_LEVEL": "ERROR"})
runner = CrawlerRunner(settings)
samples = []

def rss():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

@defer.inlineCallbacks
def loop():
    for _ in range(runs):
        yield runner.crawl(spider_class(source))
        samples.append(rss())
    reactor.stop()

reactor.callWhenRunning(loop)
reactor.run()
print(json.dumps({"first": samples[0], "last": samples[-1]}))
"""


def in_process_runs(url: str, runs: int, out: Path) -> dict[str, float]:
    import json

    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", IN_PROCESS, url, str(runs), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["seconds"] = time.monotonic() - started
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()
    assert SOURCE in load_sources([BUNDLED_SOURCES])
    proc, url = serve_subprocess(slow_seconds=1.0)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            sub = subprocess_runs(url, args.runs, Path(tmp))
            inp = in_process_runs(url, args.runs, Path(tmp))
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    growth = sub["last"] - sub["first"]
    print(f"{args.runs} runs of {SOURCE} ({'6 articles each'}), RSS in MiB")
    print(f"{'mode':<34}{'after 1st':>10}{'after last':>11}{'growth':>8}{'seconds':>9}")
    print(
        f"{'scheduler, subprocess per crawl':<34}{sub['first']:>10.1f}{sub['last']:>11.1f}"
        f"{growth:>8.1f}{sub['seconds']:>9.0f}"
        f"   (one crawl's peak RSS: {sub['child_peak']:.1f}; failed runs: {sub['failed_runs']:.0f})"
    )
    print(
        f"{'one process, successive crawls':<34}{inp['first']:>10.1f}{inp['last']:>11.1f}"
        f"{inp['last'] - inp['first']:>8.1f}{inp['seconds']:>9.0f}"
    )
    if growth > MAX_GROWTH_MIB or sub["failed_runs"]:
        print(f"FAIL: the scheduler grew by {growth:.1f} MiB (limit {MAX_GROWTH_MIB})")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
