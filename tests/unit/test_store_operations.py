"""Store methods that crawls, backfills and the CLI rely on, on a real SQLite file: reading
articles back, read-only opening, locks, give-up, backfill checkpoints, request counts and
remembered source folders."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from newsbot.items import Article
from newsbot.store import Store, StoreNotFoundError

T0 = datetime(2022, 5, 18, 1, 0, tzinfo=UTC)
SHANGHAI = "+08:00"


def article(n: int, source: str = "yjrb", **fields: Any) -> Article:
    values: dict[str, Any] = {
        "title": f"标题{n}",
        "published": datetime.fromisoformat(f"2022-05-{10 + n:02d}T08:32:00{SHANGHAI}"),
        "media": "右江日报",
        "category": "youjiangribao",
        "authors": ["张三"],
        "tags": ["右江日报新闻"],
        "body_html": f"<p>正文{n}</p>",
        "body_text": f"正文{n}",
        "lang": "zh",
        "fetched_at": T0,
    }
    values.update(fields)
    return Article(id=f"A{n}", source=source, url=f"http://news.example.cn/a/{n}.html", **values)


@pytest.fixture
def store(tmp_path: Path) -> Any:
    with Store(tmp_path / "n.db") as opened:
        yield opened


def test_articles_come_back_oldest_first_per_source_decoded_or_raw(store: Store) -> None:
    store.upsert_article(article(3))
    store.upsert_article(article(1))
    store.upsert_article(article(2, source="other", media="其他", category="qita"))
    assert [a["id"] for a in store.articles()] == ["A1", "A2", "A3"]
    mine = list(store.articles("yjrb"))
    assert [a["id"] for a in mine] == ["A1", "A3"]
    assert mine[0]["authors"] == ["张三"]
    assert mine[0]["tags"] == ["右江日报新闻"]
    raw = next(store.articles("yjrb", decode=False))
    assert isinstance(raw["authors"], str)
    assert sorted(store.article_ids("yjrb")) == ["A1", "A3"]
    assert store.article_ids("none") == []
    assert store.post_groups() == [
        {"source": "other", "media": "其他", "category": "qita"},
        {"source": "yjrb", "media": "右江日报", "category": "youjiangribao"},
    ]


def test_changed_since_lists_changes_after_a_time_oldest_first(store: Store) -> None:
    store.upsert_article(article(1), now=T0)
    store.upsert_article(article(2), now=T0 + timedelta(hours=1))
    store.upsert_article(article(1, title="改"), now=T0 + timedelta(hours=2))
    assert [a["id"] for a in store.changed_since()] == ["A2", "A1"]
    changed = list(store.changed_since((T0 + timedelta(minutes=90)).isoformat()))
    assert [(a["id"], a["title"]) for a in changed] == [("A1", "改")]
    assert changed[0]["authors"] == ["张三"]
    assert list(store.changed_since((T0 + timedelta(hours=3)).isoformat())) == []


def test_date_conflicts_are_read_back_per_article(store: Store) -> None:
    store.upsert_article(article(1, date_conflicts=["json-ld 2022-05-11 vs url 2022-05-13"]))
    store.upsert_article(article(2))
    assert store.date_conflicts_of("A1") == ["json-ld 2022-05-11 vs url 2022-05-13"]
    assert store.date_conflicts_of("A2") == []
    assert store.date_conflicts_of("missing") == []


def test_a_read_only_store_waits_for_a_lock_as_long_as_it_is_told(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    Store(path).close()
    for seconds, millis in ((0.25, 250), (7.0, 7000)):
        with Store.open_readonly(path, busy_timeout=seconds) as reader:
            assert reader.db.execute("PRAGMA busy_timeout").fetchone()[0] == millis


def test_read_only_store_reads_but_never_writes_or_creates(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    with pytest.raises(StoreNotFoundError) as missing:
        Store.open_readonly(path)
    assert str(path) in str(missing.value)
    assert not path.exists()
    with Store(path) as store:
        store.upsert_article(article(1))
    with Store.open_readonly(path) as reader:
        assert reader.get_article("A1")["title"] == "标题1"
        assert reader.search("标题1")[0]["id"] == "A1"  # the search functions are registered
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader.upsert_article(article(2))
    with Store(path) as store:
        assert store.get_article("A2") is None


def test_a_lock_is_held_until_released_or_its_holder_is_stale(store: Store) -> None:
    def holder(pid: int) -> dict[str, Any]:
        return {"source": "yjrb", "pid": pid, "host": "h", "proc_start": 1.0, "acquired_at": "t"}

    assert store.acquire_lock(holder(1), is_stale=lambda current: False) is None
    other = store.acquire_lock(holder(2), is_stale=lambda current: False)
    assert other is not None
    assert (other["pid"], other["host"]) == (1, "h")
    # Another source's lock is another lock.
    assert store.acquire_lock({**holder(3), "source": "x"}, lambda current: False) is None
    # A stale holder (its process is gone) is replaced.
    seen: list[dict[str, Any]] = []
    assert store.acquire_lock(holder(2), lambda current: seen.append(current) or True) is None
    assert seen[0]["pid"] == 1
    assert store.acquire_lock(holder(4), lambda current: False)["pid"] == 2
    # Only the holder itself releases it.
    store.release_lock("yjrb", 1, "h")
    store.release_lock("yjrb", 2, "other-host")
    assert store.acquire_lock(holder(4), lambda current: False)["pid"] == 2
    store.release_lock("yjrb", 2, "h")
    assert store.acquire_lock(holder(4), lambda current: False) is None


def test_give_up_marks_only_open_failures_of_the_named_urls(store: Store) -> None:
    for url in ("u1", "u2", "u3"):
        store.record_failure("yjrb", url, "http_500", now=T0)
    store.record_failure("other", "u1", "http_500", now=T0)
    store.resolve_failures("yjrb", ["u3"], now=T0)
    assert store.open_failure_urls("yjrb") == {"u1", "u2", "u3"} - {"u3"}
    later = T0 + timedelta(days=1)
    assert store.give_up_failures("yjrb", ["u1", "u3", "nope"], now=later) == 1
    assert store.open_failure_urls("yjrb") == {"u2"}
    assert store.open_failure_urls("other") == {"u1"}
    given = {row["url"]: row["given_up_at"] for row in store.failures("yjrb")}
    assert given == {"u1": later.isoformat(), "u2": None, "u3": None}
    assert store.give_up_failures("yjrb", ["u1"], now=later) == 0  # already given up


def test_backfill_units_and_articles_per_local_day(store: Store) -> None:
    store.complete_unit("yjrb", "2022-05-11", "2022-05-11", 3, now=T0)
    store.complete_unit("yjrb", "sitemap-2022-05.xml", None, 40, now=T0)
    store.complete_unit("other", "2022-05-12", "2022-05-12", 1, now=T0)
    store.complete_unit("yjrb", "2022-05-11", "2022-05-11", 4, now=T0)  # done again
    assert store.completed_units("yjrb") == {"2022-05-11", "sitemap-2022-05.xml"}
    assert store.db.execute("SELECT articles FROM backfill_units WHERE unit = '2022-05-11'"
                            " AND source = 'yjrb'").fetchone()[0] == 4  # fmt: skip
    for n in (1, 2, 3):
        store.upsert_article(article(n))
    # 2022-05-13 00:30 in Shanghai is still 2022-05-12 in UTC: the local day counts.
    late = datetime.fromisoformat(f"2022-05-13T00:30:00{SHANGHAI}")
    store.upsert_article(article(4, published=late))
    store.upsert_article(article(5, source="other"))
    store.retract_article("A2")
    counts = store.articles_per_day("yjrb", "2022-05-11", "2022-05-13")
    assert counts == {"2022-05-11": 1, "2022-05-13": 2}
    assert store.articles_per_day("yjrb", "2022-05-12", "2022-05-12") == {}


def test_request_counts_add_up_per_host_and_day(store: Store) -> None:
    store.add_requests("2022-05-18", {"a.example": 3, "b.example": 1})
    store.add_requests("2022-05-18", {"a.example": 2})
    store.add_requests("2022-05-19", {"a.example": 7})
    assert store.requests_on("2022-05-18") == {"a.example": 5, "b.example": 1}
    assert store.requests_on("2022-05-19") == {"a.example": 7}
    assert store.requests_on("2022-05-20") == {}


def test_source_dirs_are_remembered_once_in_the_order_added(store: Store) -> None:
    store.remember_source_dirs([Path("/b/sources"), "/a/sources"])
    store.remember_source_dirs(["/b/sources", Path("/c/sources")])
    # Added together, they come by name; added later, after them.
    assert store.source_dirs() == [Path("/a/sources"), Path("/b/sources"), Path("/c/sources")]


def test_an_old_database_has_no_request_counts_or_source_dirs(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    sqlite3.connect(path).execute("CREATE TABLE articles (id TEXT)").connection.commit()
    with Store.open_readonly(path) as reader:
        assert reader.requests_on("2022-05-18") == {}
        assert reader.source_dirs() == []


def test_last_crawl_is_the_newest_of_its_source(store: Store) -> None:
    assert store.last_crawl("yjrb") is None
    first = store.start_crawl("yjrb", now=T0)
    store.finish_crawl(first, {"new": 2}, "finished", now=T0)
    store.start_crawl("other", now=T0)
    second = store.start_crawl("yjrb", now=T0 + timedelta(hours=1))
    crawl = store.last_crawl("yjrb")
    assert crawl is not None
    assert (crawl["id"], crawl["status"]) == (second, "running")
    store.finish_crawl(second, {"new": 1, "bogus": 9}, "finished", now=T0)
    crawl = store.last_crawl("yjrb")
    assert (crawl["new"], crawl["status"], crawl["finished_at"]) == (1, "finished", T0.isoformat())


def _is_utc_stamp(value: str) -> bool:
    stamp = datetime.fromisoformat(value)
    return stamp.utcoffset() == timedelta(0) and abs(datetime.now(UTC) - stamp) < timedelta(
        minutes=5
    )


def test_every_stamp_written_without_a_time_given_is_utc_now(store: Store) -> None:
    """Downstream sync compares these ISO strings: a naive local time would sort wrongly."""
    crawl = store.start_crawl("yjrb")
    store.finish_crawl(crawl, {"new": 1}, "finished")
    store.record_failure("yjrb", "u1", "http_500")
    store.record_failure("yjrb", "u2", "http_500")
    store.resolve_failures("yjrb", ["u1"])
    store.give_up_failures("yjrb", ["u2"])
    store.upsert_article(article(1))
    store.retract_article("A1")
    store.complete_unit("yjrb", "2022-05-11", "2022-05-11", 1)
    store.record_fetches(
        [{"source": "yjrb", "url": "http://n.example/1", "canonical": "n/1", "kind": "article"}]
    )
    store.remember_source_dirs(["/s"])
    (row,) = store.crawls()
    stamps = [row["started_at"], row["finished_at"]]
    u1, u2 = store.failures("yjrb")
    stamps += [u1["first_seen"], u1["last_seen"], u1["resolved_at"], u2["given_up_at"]]
    a1 = store.get_article("A1")
    stamps += [a1["retracted_at"], a1["updated_at"], a1["first_seen"]]
    stamps += [r[0] for r in store.db.execute("SELECT finished_at FROM backfill_units")]
    (seen,) = store.ledger_entries("yjrb")
    stamps += [seen["first_fetched"], seen["last_fetched"]]
    stamps += [r[0] for r in store.db.execute("SELECT added_at FROM source_dirs")]
    assert len(stamps) == 13
    assert all(_is_utc_stamp(stamp) for stamp in stamps), stamps


def test_given_times_are_the_stamps_written(store: Store) -> None:
    store.complete_unit("yjrb", "u", None, 1, now=T0)
    store.record_fetches(
        [{"source": "yjrb", "url": "http://n/1", "canonical": "n/1", "kind": "article"}], now=T0
    )
    assert (
        store.db.execute("SELECT finished_at FROM backfill_units").fetchone()[0] == T0.isoformat()
    )
    (seen,) = store.ledger_entries("yjrb")
    assert (seen["first_fetched"], seen["last_fetched"]) == (T0.isoformat(), T0.isoformat())


def test_a_failure_without_a_message_stores_none_and_resolving_nothing_counts_none(
    store: Store,
) -> None:
    store.record_failure("yjrb", "u1", "http_500", now=T0)
    assert store.failures("yjrb")[0]["message"] == ""
    assert store.resolve_failures("yjrb") == 0
    assert store.resolve_failures("yjrb", ["u1"], now=T0) == 1


def test_search_returns_at_most_the_limit(store: Store) -> None:
    for n in (1, 2, 3):
        store.upsert_article(article(n, title=f"乡村治理{n}"))
    assert len(store.search("乡村治理")) == 3
    assert len(store.search("乡村治理", limit=2)) == 2


def test_source_dirs_added_later_come_later_whatever_their_names(store: Store) -> None:
    store.remember_source_dirs(["/c/sources", "/b/sources"])
    store.remember_source_dirs(["/a/sources"])
    assert store.source_dirs() == [Path("/b/sources"), Path("/c/sources"), Path("/a/sources")]


def test_the_missing_database_is_named_by_the_error(tmp_path: Path) -> None:
    with pytest.raises(StoreNotFoundError) as missing:
        Store.open_readonly(tmp_path / "none.db")
    assert missing.value.path == tmp_path / "none.db"


def test_a_date_over_a_day_after_first_seen_is_a_conflict() -> None:
    from newsbot.store import first_seen_conflict

    seen = datetime(2022, 5, 18, 8, 0, tzinfo=UTC)
    assert first_seen_conflict(None, seen) is None
    assert first_seen_conflict(seen + timedelta(days=1), seen) is None
    assert first_seen_conflict(seen - timedelta(days=30), seen) is None
    later = seen + timedelta(days=1, seconds=1)
    assert first_seen_conflict(later, seen) == "published 2022-05-19 vs first_seen 2022-05-18"
    assert first_seen_conflict(seen + timedelta(days=1, hours=20), seen) is not None
