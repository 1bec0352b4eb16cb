"""A feed that fails in every way: the crawl goes on, failures are counted, good records kept."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, crawl

from newsbot.store import Store


@pytest.fixture(scope="module")
def fault_crawl(sample_server: str, tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("faults")
    # Some articles fail: exit status 1, the rest is stored.
    result = crawl(
        sample_server, out, "fault-feed", "--sources", str(FIXTURES / "sources"), status=1
    )
    with Store(out / "newsbot.db") as store:
        return {
            "rows": {r["id"]: r for r in store.articles()},
            "crawls": store.crawls(),
            "failures": store.failures(),
            "stderr": result.stderr,
            "stdout": result.stdout,
            "posts": out / "_posts",
        }


def test_good_records_are_kept(fault_crawl: dict) -> None:
    assert set(fault_crawl["rows"]) == {"FAULTGBK", "FAULTEVIL"}


def test_gbk_answer_is_decoded_intact(fault_crawl: dict) -> None:
    row = fault_crawl["rows"]["FAULTGBK"]
    assert row["body_html"] == "<p>广西壮族自治区百色市右江区新闻。</p>"


def test_hostile_markup_never_reaches_the_store_or_posts(fault_crawl: dict) -> None:
    row = fault_crawl["rows"]["FAULTEVIL"]
    (post,) = fault_crawl["posts"].glob("*-FAULTEVIL.md")
    for text in (row["body_html"], post.read_text("utf-8")):
        lowered = text.lower()
        for bad in ("<script", "onclick", "onerror", "javascript:", "<iframe"):
            assert bad not in lowered
    assert "正文第一段" in row["body_text"]


def test_every_failure_is_counted_with_its_reason(fault_crawl: dict) -> None:
    (crawl,) = fault_crawl["crawls"]
    # details: 500, bad JSON, timeout; lists: /status/500, /delay (not JSON)
    assert (crawl["new"], crawl["failed"], crawl["dropped"]) == (2, 5, 1)
    assert crawl["status"] == "finished"
    stdout = fault_crawl["stdout"]
    for reason in (
        "failed/http_500: 2",
        "failed/bad_json: 1",
        "failed/timeout: 1",
        "failed/list_bad_json: 1",
        "dropped/missing_published: 1",
    ):
        assert reason in stdout


def test_an_entry_without_a_date_costs_no_detail_request(fault_crawl: dict) -> None:
    assert "failed/http_404" not in fault_crawl["stdout"]  # FAULTNODATE has no text to fetch


def test_every_failure_is_recorded_in_the_failures_table(fault_crawl: dict) -> None:
    rows = {(r["reason"], r["http_status"]) for r in fault_crawl["failures"]}
    assert len(fault_crawl["failures"]) == 5
    assert rows == {
        ("http_500", 500),
        ("bad_json", None),
        ("timeout", None),
        ("list_bad_json", None),
    }
    assert {r["source"] for r in fault_crawl["failures"]} == {"fault-feed"}
    assert all(r["attempts"] == 1 and r["resolved_at"] is None for r in fault_crawl["failures"])
    # Failed details know their article, so the article's later success resolves them.
    assert {r["article_id"] for r in fault_crawl["failures"] if r["reason"] == "timeout"} == {
        "FAULTSLOW"
    }


def test_one_line_per_failure_on_stderr(fault_crawl: dict) -> None:
    failed_lines = [line for line in fault_crawl["stderr"].splitlines() if "failed http" in line]
    assert len(failed_lines) == 5
    assert "Traceback" not in fault_crawl["stderr"]
