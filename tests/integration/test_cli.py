"""The command line: bad configuration is refused before any request; Scrapy's commands work."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT, newsbot, requests_served


def test_sources_lists_the_bundled_sources() -> None:
    result = newsbot("sources")
    assert result.returncode == 0
    assert "eastmoney-regional" in result.stdout
    assert "eastmoney-emnews" in result.stdout


def test_broken_toml_is_rejected_with_file(tmp_path: Path) -> None:
    bad = tmp_path / "broken.toml"
    bad.write_text('kind = "api\n', "utf-8")
    result = newsbot("sources", "--sources", str(tmp_path))
    assert result.returncode == 2
    assert str(bad) in result.stderr
    assert "not valid TOML" in result.stderr


def test_unknown_key_stops_a_crawl_before_any_request(tmp_path: Path, sample_server: str) -> None:
    good = (ROOT / "data" / "sources" / "eastmoney-regional.toml").read_text("utf-8")
    bad = tmp_path / "typo.toml"
    bad.write_text(good.replace("[crawl]\n", "[crawl]\ndownload_dealy = 1\n"), "utf-8")
    before = requests_served(sample_server)
    for command in (
        ["sources"],
        [
            "crawl",
            "--base-url",
            sample_server,
            "--db",
            str(tmp_path / "n.db"),
            "--posts",
            str(tmp_path / "p"),
        ],
    ):
        result = newsbot(*command, "--sources", str(tmp_path))
        assert result.returncode == 2
        assert str(bad) in result.stderr
        assert "crawl.download_dealy" in result.stderr
        assert "unknown key" in result.stderr
    assert requests_served(sample_server) == before
    assert not (tmp_path / "n.db").exists()


def test_scrapy_list_names_one_spider_per_source() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "list"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["eastmoney-emnews", "eastmoney-regional"]


def test_scrapy_crawl_runs_a_source(tmp_path: Path, sample_server: str) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "crawl",
            "eastmoney-emnews",
            "-s",
            f"NEWSBOT_BASE_URL={sample_server}",
            "-s",
            f"NEWSBOT_DB={tmp_path / 'n.db'}",
            "-s",
            f"NEWSBOT_POSTS_DIR={tmp_path / 'p'}",
            "-s",
            "DOWNLOAD_DELAY=0",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "'newsbot/articles/new': 6" in result.stderr
    assert len(list((tmp_path / "p").glob("*.md"))) == 6
