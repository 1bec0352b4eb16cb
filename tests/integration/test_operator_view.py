"""The operator's view: after one sample site changes its article layout, `newsbot stats`
flags that source and no other; `newsbot report` draws it."""

from __future__ import annotations

import sqlite3
import urllib.request

import pytest
from conftest import ROOT, newsbot
from lxml import html

from newsbot.sampleserver import SampleServer


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("health")
    args = (
        "crawl", "--sources", str(ROOT / "data" / "samples"), "--db", str(out / "n.db"),
        "--posts", str(out / "site" / "_posts"),
        "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
    )  # fmt: skip
    with SampleServer() as url:  # this test's own server: the change stays here
        for _ in range(2):
            assert newsbot(*args, "--base-url", url).returncode == 0
        healthy = newsbot("stats", "--db", str(out / "n.db"))
        urllib.request.urlopen(f"{url}/_redesign?site=yjrb", timeout=5).close()
        # The ledger would skip the known articles (their lists answer 304): forget it, so
        # this run reads every article page again, as a first crawl of the new layout would.
        with sqlite3.connect(out / "n.db") as conn:
            conn.execute("DELETE FROM seen_urls")
        newsbot(*args, "--base-url", url)
    stats = newsbot("stats", "--db", str(out / "n.db"))
    report = newsbot("report", "--db", str(out / "n.db"), "-o", str(out / "report.html"))
    return {"out": out, "healthy": healthy, "stats": stats, "report": report}


def test_healthy_sources_raise_no_warning(broken: dict) -> None:
    assert broken["healthy"].returncode == 0, broken["healthy"].stdout
    assert "warning" not in broken["healthy"].stdout


def test_stats_flags_the_changed_source_and_no_other(broken: dict) -> None:
    stats = broken["stats"]
    assert stats.returncode == 1
    warnings = [line for line in stats.stdout.splitlines() if line.startswith("warning:")]
    assert warnings
    assert {line.split(":")[1].strip() for line in warnings} == {"yjrb"}
    # (The second run stored nothing either: the ledger skipped every known article.)
    assert any(w.startswith("warning: yjrb: no article stored in the latest run") for w in warnings)
    table = stats.stdout.splitlines()
    assert table[0].split() == [
        "source", "total", "24h", "last", "success", "fail", "date", "author", "body>200"
    ]  # fmt: skip
    rows = {line.split()[0]: line.split() for line in table[1:] if not line.startswith("warn")}
    assert set(rows) == {"eastmoney-emnews", "eastmoney-regional", "metro", "world", "yjrb"}
    assert rows["yjrb"][1:3] == ["11", "11"]  # the articles stored before the change stay


def test_report_is_one_page_with_chart_table_and_failures(broken: dict) -> None:
    assert broken["report"].returncode == 0, broken["report"].stderr
    text = (broken["out"] / "report.html").read_text("utf-8")
    assert "<script" not in text and "http://" not in text.replace('xmlns="http://www.w3', "")
    doc = html.fromstring(text)
    bars = doc.xpath("//svg/rect[@data-source]")
    assert {bar.get("data-source") for bar in bars} >= {"yjrb", "world", "eastmoney-regional"}
    per_day = {}
    for bar in bars:
        per_day[bar.get("data-day")] = per_day.get(bar.get("data-day"), 0) + int(
            bar.get("data-count")
        )
    assert sum(per_day.values()) == 55
    legend = doc.xpath("//svg/text[@class='legend']/text()")
    assert sorted(legend) == sorted(
        ["eastmoney-emnews", "eastmoney-regional", "metro", "world", "yjrb"]
    )
    rows = doc.xpath("//table[@id='health']/tr[@data-source]")
    flagged = [row.get("data-source") for row in rows if row.get("class") == "warn"]
    assert flagged == ["yjrb"]
    assert doc.xpath("//*[@id='failures']")
