"""What an extraction worker makes ahead (``Article.prepared``) is what the store would have
made: the same bigram index, the same fingerprints and links; each is used only for the
text it was made of, and queued fingerprints go once linked."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
from test_dedup import COPIES, OTHERS, article

from newsbot.dedup import fingerprint_values, link_reprints
from newsbot.store import Prepared, Store, prepare_article


def articles() -> list:
    made = [
        article(key, title, body, 10 + i) for i, (key, (title, body)) in enumerate(COPIES.items())
    ]
    made += [article(f"other{i}", body[:12], body, 20 + i) for i, body in enumerate(OTHERS)]
    return made


def index_of(store: Store) -> list[tuple]:
    """Every (term, rowid, column, offset) of the bigram index: all it holds."""
    store.db.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.cjk_terms"
        " USING fts5vocab(main, articles_cjk, instance)"
    )
    rows = store.db.execute("SELECT term, doc, col, offset FROM temp.cjk_terms ORDER BY 1, 2, 3, 4")
    return rows.fetchall()


def links_of(store: Store) -> dict[str, str | None]:
    return dict(store.db.execute("SELECT id, canonical_of FROM articles").fetchall())


def test_prepared_articles_give_the_same_index_fingerprints_and_links(tmp_path: Path) -> None:
    with Store(tmp_path / "plain.db") as plain, Store(tmp_path / "prepared.db") as ready:
        for item in articles():
            plain.upsert_article(item)
            item.prepared = prepare_article(item)
            ready.upsert_article(item)
        queued = ready.db.execute("SELECT count(*) FROM fingerprint_queue").fetchone()[0]
        assert queued == len(articles())
        assert index_of(ready) == index_of(plain) != []
        assert link_reprints(ready) == link_reprints(plain) == 3
        assert links_of(ready) == links_of(plain)
        sql = "SELECT article_id, content_hash, minhash FROM article_fingerprints ORDER BY 1"
        assert ready.db.execute(sql).fetchall() == plain.db.execute(sql).fetchall()
        # Linked: nothing stays queued.
        assert ready.db.execute("SELECT count(*) FROM fingerprint_queue").fetchone()[0] == 0


def test_what_was_prepared_is_what_is_written(tmp_path: Path) -> None:
    """A prepared bigram text and fingerprint are used as they are, not made again: here
    doctored ones, so that their use shows."""
    first, second = articles()[0], articles()[5]
    with Store(tmp_path / "n.db") as store:
        shared = fingerprint_values(first.body_text)
        assert shared is not None
        for item in (first, second):  # two unrelated stories, given the same fingerprint
            item.prepared = Prepared({item.title: "zzmarker"}, item.body_text, shared.tobytes())
            store.upsert_article(item)
        hits = store.db.execute(
            "SELECT rowid FROM articles_cjk WHERE articles_cjk MATCH 'zzmarker'"
        ).fetchall()
        assert len(hits) == 2
        assert link_reprints(store) == 1
        assert links_of(store)[second.id] == first.id


def test_a_prepared_fingerprint_of_another_body_is_not_used(tmp_path: Path) -> None:
    """A pipeline that changes the body after extraction makes the fingerprint stale: the
    store does not queue it, and linking fingerprints the body it stored."""
    first, second = articles()[0], articles()[5]
    with Store(tmp_path / "n.db") as store:
        store.upsert_article(first)
        stale = prepare_article(first)  # the first story's fingerprint...
        changed = dataclasses.replace(second, prepared=stale)  # ...on another body
        store.upsert_article(changed)
        assert store.db.execute("SELECT article_id FROM fingerprint_queue").fetchall() == []
        assert link_reprints(store) == 0
        stored = store.db.execute(
            "SELECT minhash FROM article_fingerprints WHERE article_id = ?", [second.id]
        ).fetchone()[0]
        assert np.array_equal(
            np.frombuffer(stored, np.uint32), fingerprint_values(second.body_text)
        )


def test_a_queued_fingerprint_of_older_content_is_not_used(tmp_path: Path) -> None:
    first, second = articles()[0], articles()[5]
    with Store(tmp_path / "n.db") as store:
        first.prepared = prepare_article(first)
        store.upsert_article(first)
        # The same id comes back with another body, unprepared (as from an API source).
        moved = dataclasses.replace(second, id=first.id, prepared=None)
        store.upsert_article(moved)
        link_reprints(store)
        stored = store.db.execute(
            "SELECT minhash FROM article_fingerprints WHERE article_id = ?", [first.id]
        ).fetchone()[0]
        assert np.array_equal(
            np.frombuffer(stored, np.uint32), fingerprint_values(second.body_text)
        )
        assert store.db.execute("SELECT count(*) FROM fingerprint_queue").fetchone()[0] == 0
