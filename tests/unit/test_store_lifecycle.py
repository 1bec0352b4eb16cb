"""The store's connection and batch life cycle, its raw columns, and errors that are not
a busy database."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsbot.items import Article
from newsbot.store import Store

CST = timezone(timedelta(hours=8))


def article(**changes: object) -> Article:
    base = Article(
        id="A1",
        source="s",
        url="http://n.example/a1",
        title="标题",
        published=datetime(2022, 5, 18, 8, 32, 24, tzinfo=CST),
        published_raw="2022-05-18 08:32:24",
        body_html="<p>正文</p>",
        body_text="正文",
        authors=["张三"],
        tags=["右江日报新闻"],
        fetched_at=datetime(2022, 5, 18, 1, 0, tzinfo=UTC),
    )
    for key, value in changes.items():
        setattr(base, key, value)
    return base


def post(article_id: str) -> dict[str, object]:
    return {"article_id": article_id, "path": f"/p/{article_id}.md", "render_key": "k",
            "size": 1, "mtime_ns": 1}  # fmt: skip


def test_json_columns_hold_readable_text_and_the_fetch_time(tmp_path: Path) -> None:
    with Store(tmp_path / "n.db") as store:
        store.upsert_article(article())
        raw = store.db.execute("SELECT authors, tags, fetched_at FROM articles").fetchone()
    assert raw == ('["张三"]', '["右江日报新闻"]', "2022-05-18T01:00:00+00:00")


def test_a_store_creates_missing_parent_folders(tmp_path: Path) -> None:
    with Store(tmp_path / "a" / "b" / "n.db") as store:
        assert store.count_articles() == 0


def test_stores_of_two_paths_never_share_a_connection(tmp_path: Path) -> None:
    with Store(tmp_path / "one.db") as one, Store(tmp_path / "two.db") as two:
        one.upsert_article(article())
        assert (one.count_articles(), two.count_articles()) == (1, 0)


def test_the_connection_closes_with_the_last_store_and_once_per_store(tmp_path: Path) -> None:
    first, second = Store(tmp_path / "n.db"), Store(tmp_path / "n.db")
    conn = first.db.conn
    assert second.db.conn is conn
    first.close()
    first.close()  # a second close changes nothing
    assert second.count_articles() == 0
    second.close()
    with pytest.raises(sqlite3.ProgrammingError):
        conn.execute("SELECT 1")
    with Store(tmp_path / "n.db") as again:
        assert again.db.conn is not conn


def test_only_article_writes_count_towards_a_batch(tmp_path: Path) -> None:
    with Store(tmp_path / "n.db") as store, store.batch(max_articles=2, max_seconds=3600):
        conn = store.db.conn
        crawl = store.start_crawl("s")
        store.finish_crawl(crawl, {}, "finished")
        assert conn.in_transaction  # two writes, no article: the batch holds them
        store.record_post(post("a"))
        assert conn.in_transaction
        store.record_post(post("b"))
        assert not conn.in_transaction  # the second article commits the batch


def test_an_inner_batch_ending_leaves_the_outer_one_batching(tmp_path: Path) -> None:
    with Store(tmp_path / "n.db") as store:
        with store.batch(max_articles=100, max_seconds=3600):
            with store.batch(max_articles=100, max_seconds=3600):
                store.record_post(post("a"))
            store.record_post(post("b"))
            assert store.db.conn.in_transaction
        assert not store.db.conn.in_transaction


def test_a_read_only_store_has_no_batch_to_flush(tmp_path: Path) -> None:
    with Store(tmp_path / "n.db"):
        pass
    reader = Store.open_readonly(tmp_path / "n.db")
    reader.flush()
    reader.flush_if_due()
    assert "articles" in reader.db.table_names()
    reader.close()


def test_a_crawl_of_this_process_still_running_is_not_the_previous_one(tmp_path: Path) -> None:
    with Store(tmp_path / "n.db") as store:
        store.finish_crawl(store.start_crawl("s"), {}, "finished")
        store.start_crawl("s")
        assert store.previous_crawl_finished("s")


def test_an_error_that_only_names_a_lock_is_not_retried(tmp_path: Path) -> None:
    with Store(tmp_path / "n.db", write_timeout=2.0) as store:
        calls = []

        def work() -> None:
            calls.append(1)
            store.db.conn.execute("SELECT * FROM locked_busy_table")

        with pytest.raises(sqlite3.OperationalError, match="no such table"):
            store._write(work)
        assert calls == [1]


def test_a_failed_previous_crawl_did_not_finish(tmp_path: Path) -> None:
    with Store(tmp_path / "n.db") as store:
        store.finish_crawl(store.start_crawl("s"), {}, "failed")
        assert not store.previous_crawl_finished("s")
        store.finish_crawl(store.start_crawl("s"), {}, "finished")
        assert store.previous_crawl_finished("s")


def test_post_records_give_path_render_key_size_and_mtime(tmp_path: Path) -> None:
    with Store(tmp_path / "n.db") as store:
        store.record_post({**post("a"), "size": 12, "mtime_ns": 34})
        assert store.post_records() == {"a": ("/p/a.md", "k", 12, 34)}


def test_a_crawl_is_marked_abandoned_at_a_utc_time(tmp_path: Path) -> None:
    with Store(tmp_path / "n.db") as store:
        # recorded before crawls carried their process id: always abandoned
        store.db["crawls"].insert({"source": "old", "started_at": "2030", "status": "running"})
        (marked,) = store.abandon_dead_crawls()
        row = next(r for r in store.crawls() if r["id"] == marked)
        assert row["status"] == "abandoned"
        assert datetime.fromisoformat(row["finished_at"]).utcoffset() == timedelta(0)
