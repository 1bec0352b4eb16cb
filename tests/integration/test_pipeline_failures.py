"""An exception inside an item pipeline fails that article alone: counted with its reason,
recorded in ``failures``, one line on stderr, exit status 1; the crawl goes on."""

from __future__ import annotations

from pathlib import Path

from conftest import crawl

from newsbot.store import Store


def test_a_pipeline_exception_is_counted_recorded_and_fails_the_exit_status(
    sample_server: str, tmp_path: Path
) -> None:
    # The posts "directory" is a file: every post fails to be written, after the store.
    (tmp_path / "_posts").write_text("not a directory", "utf-8")
    result = crawl(sample_server, tmp_path, "eastmoney-regional", status=1)
    with Store(tmp_path / "newsbot.db") as store:
        stored = store.count_articles()
        failures = store.failures()
        (crawl_row,) = store.crawls()
    assert stored > 0
    assert crawl_row["status"] == "finished"
    assert crawl_row["failed"] == stored == len(failures)
    assert {f["reason"] for f in failures} == {"pipeline_exportpost"}
    assert all(f["article_id"] and f["message"].startswith("NotADirectoryError") for f in failures)
    assert f"failed/pipeline_exportpost: {stored}" in result.stdout
    lines = [line for line in result.stderr.splitlines() if "(pipeline_exportpost)" in line]
    assert len(lines) == stored
    assert "Traceback" not in result.stderr


def test_a_later_success_resolves_the_failures(sample_server: str, tmp_path: Path) -> None:
    posts = tmp_path / "_posts"
    posts.write_text("not a directory", "utf-8")
    crawl(sample_server, tmp_path, "eastmoney-regional", status=1)
    posts.unlink()
    crawl(sample_server, tmp_path, "eastmoney-regional")
    with Store(tmp_path / "newsbot.db") as store:
        assert store.failures(open_only=True) == []
        assert all(f["resolved_at"] for f in store.failures())
        assert store.count_articles() == len(list(posts.iterdir()))


def test_a_url_answered_again_is_resolved_and_one_failing_again_counts_an_attempt(
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


def test_an_article_that_keeps_failing_counts_its_attempts(
    sample_server: str, tmp_path: Path
) -> None:
    (tmp_path / "_posts").write_text("not a directory", "utf-8")
    crawl(sample_server, tmp_path, "eastmoney-regional", status=1)
    crawl(sample_server, tmp_path, "eastmoney-regional", status=1)
    with Store(tmp_path / "newsbot.db") as store:
        failures = store.failures()
        assert len(failures) == store.count_articles() > 0
    assert {row["attempts"] for row in failures} == {2}
    assert all(row["resolved_at"] is None for row in failures)
