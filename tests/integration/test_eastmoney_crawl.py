"""The bundled East Money sources crawled from the sample server, end to end, twice."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import REFERENCE_POST, crawl

from newsbot.store import Store

TRICKY_TITLE = '专访："#1号文件"落地: 河池如何抓好春耕'


@pytest.fixture(scope="module")
def crawled(sample_server: str, tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("crawl")
    db, posts = out / "newsbot.db", out / "_posts"
    first = crawl(sample_server, out)
    files = sorted(posts.iterdir())
    mtimes = {p.name: p.stat().st_mtime_ns for p in files}
    with Store(db) as store:
        rows_after_first = store.count_articles()
    second = crawl(sample_server, out)
    return {
        "db": db,
        "posts": posts,
        "first": first,
        "second": second,
        "mtimes": mtimes,
        "rows_after_first": rows_after_first,
    }


def test_reference_post_is_byte_identical(crawled: dict) -> None:
    post = crawled["posts"] / "2022-05-18-NW202205182382767663.md"
    assert post.read_bytes() == REFERENCE_POST.read_bytes()


def test_every_listed_article_is_stored_and_exported(crawled: dict) -> None:
    with Store(crawled["db"]) as store:
        rows = list(store.articles())
    assert len(rows) == 37  # 31 regional + 6 emnews in the sample data
    assert {row["media"] for row in rows} >= {"右江日报", "河池日报", "桂林日报"}
    assert len(list(crawled["posts"].glob("*.md"))) == 37
    assert all(row["published"].endswith("+08:00") for row in rows)


def test_second_crawl_changes_nothing_and_requests_no_article(crawled: dict) -> None:
    with Store(crawled["db"]) as store:
        assert store.count_articles() == crawled["rows_after_first"]
        crawls = store.crawls()
    files = sorted(crawled["posts"].iterdir())
    assert {p.name: p.stat().st_mtime_ns for p in files} == crawled["mtimes"]
    last = {c["source"]: c for c in crawls[-2:]}
    for row in last.values():  # every list answered 304: no article was even requested
        assert (row["new"], row["updated"], row["unchanged"], row["failed"]) == (0, 0, 0, 0)
        assert row["status"] == "finished"
    second = crawled["second"].stdout
    assert "requests/article" not in second
    assert second.count("  ledger/not_modified: ") == 2


def test_full_text_search_finds_chinese_words(crawled: dict) -> None:
    with Store(crawled["db"]) as store:
        hits = [row["id"] for row in store.search("乡村治理")]
        sql = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
        fts_rowids = [r[0] for r in store.db.execute(sql, ['"乡村治理"']).fetchall()]
        ref_rowid = store.db.execute(
            "SELECT rowid FROM articles WHERE id = 'NW202205182382767663'"
        ).fetchone()[0]
    assert "NW202205182382767663" in hits
    assert ref_rowid in fts_rowids


def test_title_with_yaml_specials_round_trips(crawled: dict) -> None:
    with Store(crawled["db"]) as store:
        (row,) = [r for r in store.articles() if r["title"] == TRICKY_TITLE]
    (post,) = crawled["posts"].glob(f"*-{row['id']}.md")
    front = post.read_text("utf-8").split("---\n")[1]
    assert yaml.safe_load(front)["title"] == TRICKY_TITLE


def test_emnews_posts_quote_the_digest(crawled: dict) -> None:
    with Store(crawled["db"]) as store:
        row = next(iter(store.articles("eastmoney-emnews")))
    text = next(Path(crawled["posts"]).glob(f"*-{row['id']}.md")).read_text("utf-8")
    assert "categories: emnews\ntags: 东财滚动新闻\n---\n> " + row["summary"] + "\n\n<p>" in text
    assert text.endswith(
        "[返回东财滚动新闻](//finews.withounder.com/emnews/)｜[返回首页](//finews.withounder.com/)"
    )
