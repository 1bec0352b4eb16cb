"""Four reader processes query the database in a loop, with README's reader recipe, while
a crawl stores 2,000 articles: no reader sees an error or an incomplete row."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, newsbot

from newsbot.store import Store

READER = Path(__file__).resolve().parent / "dbreader.py"
ARTICLES = 2000


def test_four_readers_during_a_crawl_of_2000_articles(fault_server: str, tmp_path: Path) -> None:
    db, stop = tmp_path / "newsbot.db", tmp_path / "stop"
    Store(db).close()  # readers open an existing database (mode=ro never creates one)
    readers = [
        subprocess.Popen(
            [sys.executable, str(READER), str(db), str(stop)], stdout=subprocess.PIPE, text=True
        )
        for _ in range(4)
    ]
    try:
        crawl = newsbot(
            "crawl", "good-2000", "--sources", str(FIXTURES / "sources"),
            "--base-url", fault_server, "--db", str(db), "--posts", str(tmp_path / "_posts"),
            "-s", "AUTOTHROTTLE_ENABLED=False", timeout=1200,
        )  # fmt: skip
    finally:
        stop.touch()
        reports = [json.loads(reader.communicate(timeout=60)[0]) for reader in readers]
    assert crawl.returncode == 0, crawl.stderr[-2000:]
    with Store(db) as store:
        assert store.count_articles() == ARTICLES
    for report in reports:
        print(f"reader: {report['queries']} queries, counts seen {len(report['counts'])}")
        assert report["errors"] == []
        assert report["incomplete"] == []
        # It read while the crawl wrote: it saw the count grow, and reached the end.
        assert len(report["counts"]) > 5 and report["counts"] == sorted(report["counts"])
        assert report["counts"][-1] == ARTICLES
