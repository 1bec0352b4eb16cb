"""The command line: bad configuration is refused before any request; Scrapy's commands work."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
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


def test_an_unknown_source_name_is_an_error_not_skipped(tmp_path: Path) -> None:
    db = tmp_path / "n.db"
    # Were the typo skipped, the known source would be fetched from a closed local port.
    result = newsbot(
        "crawl", "eastmoney-regional", "yjrb-typo", "--base-url", "http://127.0.0.1:9",
        "--db", str(db), "--posts", str(tmp_path / "p"),
    )  # fmt: skip
    assert result.returncode == 2
    assert "yjrb-typo" in result.stderr
    assert "no such source" in result.stderr
    assert not db.exists()


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


def test_check_a_page_of_the_local_server(sample_server: str) -> None:
    url = f"{sample_server}/world/2022/05/18/harbour-expansion-approved.html"
    result = newsbot("check", url)
    assert result.returncode == 0, result.stderr
    lines = {line[:12].strip(): line[12:] for line in result.stdout.splitlines()[:12]}
    assert lines["title"] == "City council approves harbour expansion after two-year review"
    assert lines["published"].startswith("2022-05-18T08:32:00-04:00   (json-ld")
    assert lines["media"].startswith("The World Courier")
    assert "The city council on Tuesday approved" in result.stdout

    as_json = newsbot("check", url, "--json")
    assert as_json.returncode == 0, as_json.stderr
    data = json.loads(as_json.stdout)
    assert data["published"] == "2022-05-18T08:32:00-04:00"
    assert data["published_source"] == "json-ld"
    assert data["authors"] == ["Jane Doe"]
    assert "Sign up" not in data["body_text"]


def test_check_a_file_with_a_source_s_rules(tmp_path: Path, sample_server: str) -> None:
    url = f"{sample_server}/yjrb/content/2022-05/18/content_1001.html"
    with urllib.request.urlopen(url, timeout=10) as response:
        (tmp_path / "page.html").write_bytes(response.read())  # GBK bytes, no HTTP header
    args = ["check", "--file", str(tmp_path / "page.html"), "--url", url,
            "--sources", str(ROOT / "data" / "samples"), "--source", "yjrb", "--json"]  # fmt: skip
    result = newsbot(*args)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == "西林全力构建共治共享乡村治理新格局"
    assert data["published"] == "2022-05-18T08:32:00+08:00"
    assert data["media"] == "右江日报"
    assert data["source"] == "yjrb"
    assert data["encoding"] == "gb18030"
    assert data["body_text"].startswith("本报西林讯近年来")
    assert "分享到" not in data["body_text"]
    plain = newsbot(*args[:-1])
    assert plain.returncode == 0 and "published   2022-05-18T08:32:00+08:00" in plain.stdout


def test_check_needs_a_page() -> None:
    assert newsbot("check").returncode == 2
    assert newsbot("check", "--file", "x.html").returncode == 2
