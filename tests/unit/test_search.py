"""Search: Chinese words of every length through the index, mixed queries, ranking, snippets."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsbot.items import Article
from newsbot.search import SEARCH_SQL, bigram_text, fts_query, index_for, register_functions
from newsbot.store import Store

CST = timezone(timedelta(hours=8))

ARTICLES = {
    "gov": (
        "西林全力构建共治共享乡村治理新格局",
        "西林县围绕乡村振兴，构建乡村治理新格局。广西百色。",
    ),
    "farm": ("那坡县全力抓好春耕生产", "春耕时节，那坡县农民抢抓农时，推进基层治理。"),
    "city": ("城市更新稳步推进", "老旧小区改造加快，5G党建+智慧网格覆盖全市。"),
    "en": ("Rice harvest begins", "Farmers in the valley began the rice harvest on Monday."),
}


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "n.db") as s:
        for i, (key, (title, body)) in enumerate(ARTICLES.items()):
            s.upsert_article(
                Article(
                    id=key,
                    source="s",
                    url=f"http://n.example/{key}",
                    title=title,
                    published=datetime(2022, 5, 18, 8, i, tzinfo=CST),
                    body_text=body,
                    body_html=f"<p>{body}</p>",
                )
            )
        yield s


def ids(store: Store, query: str) -> list[str]:
    return [row["id"] for row in store.search(query)]


def test_bigram_text_keeps_adjacent_bigrams_and_puts_run_ends_last() -> None:
    assert bigram_text("乡村治理, Rice 5G党建") == "乡村 村治 治理 Rice 5G 党建 理 建"
    assert bigram_text("的") == "的"
    assert bigram_text(None) == ""


def test_queries_choose_their_index() -> None:
    assert index_for("乡村治理") == "trigram"
    assert index_for("治理") == index_for("治理 乡村治理") == index_for("治") == "bigram"
    assert fts_query('"乡村治理" AND 广西', "bigram") == '"乡村 村治 治理" AND "广西"'
    assert fts_query("治理 乡村", "bigram") == '"治理" AND "乡村"'
    assert fts_query("治", "bigram") == '"治"*'
    assert fts_query("(治理 OR 春耕) 百色", "bigram") == '( "治理" OR "春耕" ) AND "百色"'


def test_words_of_every_length(store: Store) -> None:
    assert ids(store, "乡村治理") == ["gov"]
    assert ids(store, "治理")[0] == "gov"  # in the title and the body: ranked first
    assert set(ids(store, "治理")) == {"gov", "farm"}
    assert set(ids(store, "治")) == {"gov", "farm"}
    assert ids(store, "春耕") == ["farm"]
    assert ids(store, "理") == ["gov", "farm"] or set(ids(store, "理")) == {"gov", "farm"}


def test_mixed_queries(store: Store) -> None:
    assert ids(store, "治理 乡村") == ["gov"]
    assert ids(store, '"乡村治理" AND 广西') == ["gov"]
    assert ids(store, '"乡村治理" AND 春耕') == []
    assert set(ids(store, "春耕 OR 乡村治理")) == {"gov", "farm"}
    assert ids(store, "治理 NOT 春耕") == ["gov"]
    assert ids(store, "rice harvest") == ["en"]
    assert ids(store, "Rice") == ["en"]
    assert ids(store, "5G党建") == ["city"]


def test_results_carry_a_snippet_and_a_score(store: Store) -> None:
    (row,) = store.search("春耕 NOT 乡村")
    assert "【春耕】" in row["snippet"]
    assert row["score"] < 0  # bm25: lower is better


def test_any_input_is_a_valid_query(store: Store) -> None:
    """Never an FTS5 syntax error: a query without a word finds nothing, and stray operators,
    quotes or brackets around a word leave the word's own results."""
    for query in ['"', "AND", "(", ")(", "NOT NOT", "***", 'a"b', "-", "", "  "]:
        assert store.search(query) == [], query
    found = ids(store, "治理")
    assert found
    for query in ["治理 OR", '"治理', "(治理", "治理 AND"]:
        assert ids(store, query) == found, query


def test_the_index_follows_updates_and_deletes(store: Store) -> None:
    store.db.execute("UPDATE articles SET body_text = '冬修水利' WHERE id = 'farm'")
    assert ids(store, "水利") == ["farm"]
    assert ids(store, "治理") == ["gov"]
    store.db.execute("DELETE FROM articles WHERE id = 'farm'")
    assert ids(store, "水利") == []


def test_short_words_do_not_scan_the_table(store: Store) -> None:
    conn: sqlite3.Connection = store.db.conn
    register_functions(conn)
    plan = " ".join(
        str(row[3])
        for row in conn.execute("EXPLAIN QUERY PLAN " + SEARCH_SQL, {"q": "治理", "limit": 5})
    )
    assert "VIRTUAL TABLE" in plan
    assert "SCAN articles " not in plan + " "
