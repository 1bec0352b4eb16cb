from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsbot.items import Article
from newsbot.store import Store, migrations

CST = timezone(timedelta(hours=8))


def article(**changes) -> Article:
    base = Article(
        id="A1",
        source="s",
        url="http://n.example/a1",
        title="西林全力构建乡村治理新格局",
        published=datetime(2022, 5, 18, 8, 32, 24, tzinfo=CST),
        published_raw="2022-05-18 08:32:24",
        media="右江日报",
        body_html="<p>乡村治理</p>",
        body_text="乡村治理",
        tags=["右江日报新闻"],
    )
    for key, value in changes.items():
        setattr(base, key, value)
    return base


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "n.db") as s:
        yield s


def test_new_unchanged_updated(store: Store) -> None:
    assert store.upsert_article(article()) == "new"
    assert store.upsert_article(article()) == "unchanged"
    assert store.upsert_article(article(title="新标题")) == "updated"
    assert store.count_articles() == 1
    row = store.get_article("A1")
    assert row["title"] == "新标题"
    assert row["tags"] == ["右江日报新闻"]
    assert row["published"] == "2022-05-18T08:32:24+08:00"
    assert row["published_utc"] == "2022-05-18T00:32:24+00:00"


def test_unchanged_bumps_only_last_seen(store: Store) -> None:
    t0 = datetime(2022, 5, 18, tzinfo=UTC)
    store.upsert_article(article(), now=t0)
    store.upsert_article(article(), now=t0 + timedelta(hours=1))
    row = store.get_article("A1")
    assert row["first_seen"] == row["updated_at"] == t0.isoformat()
    assert row["last_seen"] == (t0 + timedelta(hours=1)).isoformat()


@pytest.mark.parametrize(
    "change",
    [
        {"body_html": "<p>乡村治理新格局</p>"},
        {"media": "广西日报"},
        {"authors": ["黄兰"]},
        {"summary": "摘要"},
        {"url": "http://n.example/a1-moved"},
        {"published": datetime(2022, 5, 18, 9, 0, tzinfo=CST)},
    ],
    ids=lambda change: next(iter(change)),
)
def test_a_change_of_any_content_field_is_an_update(store: Store, change: dict) -> None:
    store.upsert_article(article())
    assert store.upsert_article(article(**change)) == "updated"
    row = store.get_article("A1")
    key, value = next(iter(change.items()))
    assert row[key] == (value.isoformat() if isinstance(value, datetime) else value)


def test_an_update_bumps_updated_at_for_downstream_sync(store: Store) -> None:
    t0 = datetime(2022, 5, 18, tzinfo=UTC)
    store.upsert_article(article(), now=t0)
    store.upsert_article(
        article(body_html="<p>改</p>", body_text="改"), now=t0 + timedelta(hours=2)
    )
    row = store.get_article("A1")
    assert row["first_seen"] == t0.isoformat()
    assert row["updated_at"] == row["last_seen"] == (t0 + timedelta(hours=2)).isoformat()


def test_naive_dates_are_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        store.upsert_article(article(published=datetime(2022, 5, 18)))


def test_search_finds_chinese_words_and_follows_updates(store: Store) -> None:
    store.upsert_article(article())
    store.upsert_article(article(id="A2", title="另一篇", body_text="春耕生产", url="http://x/2"))
    assert [r["id"] for r in store.search("乡村治理")] == ["A1"]
    assert [r["id"] for r in store.search("春耕")] == ["A2"]  # two characters: scan fallback
    store.upsert_article(article(body_text="生态保护", title="新"))
    assert store.search("乡村治理") == []
    assert [r["id"] for r in store.search("生态保护")] == ["A1"]
    assert store.search('"; DROP TABLE articles; --') == []


def test_a_reader_never_blocks_the_crawl(tmp_path: Path) -> None:
    # A downstream site holds a read transaction open while the crawl commits: with WAL the
    # commit goes through and the reader keeps its snapshot (a rollback journal would make
    # the writer wait for the reader, then fail with "database is locked").
    with Store(tmp_path / "n.db") as store:
        store.upsert_article(article())
        reader = sqlite3.connect(tmp_path / "n.db", isolation_level=None)
        reader.execute("BEGIN")
        assert reader.execute("SELECT count(*) FROM articles").fetchone() == (1,)
        assert store.upsert_article(article(id="A2", url="http://n.example/a2")) == "new"
        assert reader.execute("SELECT count(*) FROM articles").fetchone() == (1,)
        reader.execute("COMMIT")
        assert reader.execute("SELECT count(*) FROM articles").fetchone() == (2,)
        reader.close()


def test_crawls_are_recorded(store: Store) -> None:
    crawl = store.start_crawl("s")
    store.finish_crawl(crawl, {"new": 3, "failed": 1, "bogus": 9}, "finished")
    (row,) = store.crawls()
    assert (row["source"], row["status"], row["new"], row["failed"]) == ("s", "finished", 3, 1)


def test_reopening_runs_no_migration_twice(tmp_path: Path) -> None:
    Store(tmp_path / "n.db").close()
    with Store(tmp_path / "n.db") as store:
        names = [r["name"] for r in store.db.query("SELECT name FROM _sqlite_migrations")]
        assert migrations.pending(store.db) == []
    assert names[:2] == ["m001_articles_and_crawls", "m002_date_provenance"]
    assert len(names) == len(set(names))


def test_a_date_moved_after_first_seen_is_recorded(store: Store) -> None:
    t0 = datetime(2022, 5, 18, 12, tzinfo=UTC)
    store.upsert_article(article(), now=t0)
    later = datetime(2022, 5, 21, 9, tzinfo=CST)
    assert store.upsert_article(article(published=later), now=t0 + timedelta(days=4)) == "updated"
    assert store.get_article("A1")["date_conflicts"] == [
        "published 2022-05-21 vs first_seen 2022-05-18"
    ]


def test_a_crawl_whose_process_is_gone_is_marked_abandoned(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys
    from socket import gethostname as host_name

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        with Store(tmp_path / "n.db") as store:
            rows = {
                "killed": (int(dead.stdout), host_name()),
                "running": (live.pid, host_name()),
                "pid-reused": (live.pid, host_name()),
                "other-host": (int(dead.stdout), "elsewhere.example"),
                "before-pids": (None, None),
            }
            for source, (pid, host) in rows.items():
                store.db["crawls"].insert(
                    {"source": source, "started_at": "2030", "status": "running", "pid": pid,
                     "host": host, "proc_start": "1" if source == "pid-reused" else None}
                )  # fmt: skip
            t1 = datetime(2030, 1, 1, tzinfo=UTC)
            mine = store.start_crawl("mine", now=t1)
            status = {r["source"]: (r["status"], r["finished_at"]) for r in store.crawls()}
            assert status == {
                "killed": ("abandoned", t1.isoformat()),
                "running": ("running", None),
                "pid-reused": ("abandoned", t1.isoformat()),
                "other-host": ("running", None),
                "before-pids": ("abandoned", t1.isoformat()),
                "mine": ("running", None),
            }
            row = next(r for r in store.crawls() if r["id"] == mine)
            assert (row["pid"], row["host"]) == (os.getpid(), host_name())
    finally:
        live.kill()
        live.wait()


def test_a_changed_article_keeps_its_previous_version(store: Store) -> None:
    store.upsert_article(article())
    old_hash = store.get_article("A1")["content_hash"]
    assert store.upsert_article(article(body_html="<p>更正后的正文</p>")) == "updated"
    (version,) = store.versions("A1")
    assert version["body_html"] == "<p>乡村治理</p>" and version["content_hash"] == old_hash
    assert store.upsert_article(article(body_html="<p>更正后的正文</p>")) == "unchanged"
    assert len(store.versions("A1")) == 1


def test_retraction_marks_the_row_and_keeps_it(store: Store) -> None:
    store.upsert_article(article(), now=datetime(2022, 5, 18, tzinfo=UTC))
    when = datetime(2022, 5, 19, tzinfo=UTC)
    assert store.retract_article("A1", now=when)
    assert not store.retract_article("A1", now=when)  # already retracted
    row = store.get_article("A1")
    assert (row["retracted"], row["retracted_at"], row["updated_at"]) == (
        1, when.isoformat(), when.isoformat()
    )  # fmt: skip
    assert store.upsert_article(article()) == "unchanged"  # back online
    assert store.get_article("A1")["retracted"] == 0
