"""`make bench` at a tiny size: the harness runs end to end and writes every key it promises.

The figures themselves are not judged here (speed is measured by `make bench`, never asserted
in tests); only that each was measured, is a sane number, or says why it is missing.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from bench_all import TARGETS  # noqa: E402


def test_tiny_bench_measures_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_all.py"), "--tiny", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    data = json.loads(out.read_text("utf-8"))
    results, raw, notes = data["results"], data["raw"], data["notes"]
    assert data["stage"] == "done"

    assert set(results) == set(TARGETS)
    for key, value in results.items():
        assert value is None or value > 0 or key == "throughput_spread", key
        if value is None:
            assert notes.get(key), f"{key} is missing without a reason"
        assert f"`{key}`" in proc.stdout  # one row of the printed table each
    # Measured in every environment (the peers of the bench extra may be missing).
    for key in ("crawl_vs_scrapy", "two_core_speedup", "store_vs_sqlite3", "reexport_share",
                "throughput_spread", "search_startup_ms", "parse_date_vs_dateparser"):  # fmt: skip
        assert results[key] is not None, (key, notes)
    assert results["throughput_spread"] == 0  # one size: nothing to spread
    # Every crawl fetched the whole site; newsbot stored and posted every article.
    crawl = raw["crawl"]
    assert crawl["newsbot_one_core"]["articles"] == [20]
    assert crawl["newsbot_two_cores"]["articles"] == [20]
    assert crawl["scrapy"]["articles"] == [20]
    assert not [k for k in notes if k.startswith(("newsbot_crawl", "peer_"))], notes
    assert crawl["newsbot_one_core"]["peak_rss_mb"] > 20
    assert raw["server_requests_per_s"] > 100
    assert raw["export"]["posts"] == 50
    # Scaling counts over the crawl alone, a window inside the process's lifetime.
    two_cores = crawl["newsbot_two_cores"]
    assert two_cores["crawl_articles_per_s"] >= two_cores["articles_per_s"] > 0
    assert raw["scaling"]["20"]["articles_per_s"] == two_cores["crawl_articles_per_s"]
    assert set(raw["startup_ms"]) == {"python", "search", "search_50", "stats", "check_file"}
    assert raw["extraction"]["pages"] == 10
    assert raw["extraction"]["errors"]["newsbot"] == 0


def test_a_missing_corpus_is_refused_before_anything_runs(tmp_path: Path) -> None:
    from bench_all import main

    with pytest.raises(SystemExit) as stop:
        main(["--tiny", "--corpus", str(tmp_path / "nowhere"), "--out", str(tmp_path / "r.json")])
    assert stop.value.code == 2
    assert not (tmp_path / "r.json").exists()
