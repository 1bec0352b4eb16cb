"""An exception inside an item pipeline fails that article alone: counted with its reason,
recorded in ``failures``, one line on stderr, exit status 1; the crawl goes on. Runs that
fail again count attempts; a run that succeeds resolves the failures."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import crawl

from newsbot.store import Store


@pytest.fixture(scope="module")
def runs(sample_server: str, tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("pipeline-failures")
    posts = out / "_posts"
    # The posts "directory" is a file: every post fails to be written, after the store.
    posts.write_text("not a directory", "utf-8")
    seen: dict = {}
    for run in ("first", "second"):
        seen[run] = crawl(sample_server, out, "eastmoney-regional", status=1)
        with Store(out / "newsbot.db") as store:
            seen[f"{run}_failures"] = store.failures()
            seen[f"{run}_crawls"] = store.crawls()
            seen["stored"] = store.count_articles()
    posts.unlink()
    crawl(sample_server, out, "eastmoney-regional")
    with Store(out / "newsbot.db") as store:
        seen["after_failures"] = store.failures()
    seen["posts"] = sorted(p.name for p in posts.iterdir())
    return seen


def test_a_pipeline_exception_is_counted_recorded_and_fails_the_exit_status(runs: dict) -> None:
    stored, failures = runs["stored"], runs["first_failures"]
    (crawl_row,) = runs["first_crawls"]
    assert stored > 0
    assert crawl_row["status"] == "finished"
    assert crawl_row["failed"] == stored == len(failures)
    assert {f["reason"] for f in failures} == {"pipeline_exportpost"}
    assert all(f["article_id"] and f["message"].startswith("NotADirectoryError") for f in failures)
    result = runs["first"]
    assert f"failed/pipeline_exportpost: {stored}" in result.stdout
    lines = [line for line in result.stderr.splitlines() if "(pipeline_exportpost)" in line]
    assert len(lines) == stored
    assert "Traceback" not in result.stderr


def test_an_article_that_keeps_failing_counts_its_attempts(runs: dict) -> None:
    failures = runs["second_failures"]
    assert len(failures) == runs["stored"]
    assert {row["attempts"] for row in failures} == {2}
    assert all(row["resolved_at"] is None for row in failures)


def test_a_later_success_resolves_the_failures(runs: dict) -> None:
    assert len(runs["after_failures"]) == runs["stored"]
    assert all(f["resolved_at"] for f in runs["after_failures"])
    assert len(runs["posts"]) == runs["stored"]


def test_a_url_answered_again_is_resolved_and_others_stay_open(
    sample_server: str, tmp_path: Path
) -> None:
    listed = f"{sample_server}/NewsData/GetNewsList.do?marketType=37&count=100"
    gone = f"{sample_server}/status/500"
    with Store(tmp_path / "newsbot.db") as store:
        # What an earlier run left: the list failed then, and a URL this run never asks for.
        store.record_failure("eastmoney-regional", listed, "http_503", http_status=503)
        store.record_failure("eastmoney-regional", gone, "http_500", http_status=500)
    crawl(sample_server, tmp_path, "eastmoney-regional")
    with Store(tmp_path / "newsbot.db") as store:
        rows = {row["url"]: row for row in store.failures()}
    assert rows[listed]["resolved_at"] is not None
    assert rows[gone]["resolved_at"] is None
