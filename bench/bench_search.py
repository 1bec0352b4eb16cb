"""Benchmark newsbot search against a LIKE scan of the same table, in one run.

Run: .venv/bin/python bench/bench_search.py [--articles N] [--jieba]

Builds a database of N synthetic articles (default 100,000) through the real schema and its
triggers: sentences of the sample server's Chinese texts shuffled into new articles, with
治理 in about 2% of them, 乡村治理 in about 0.5%, and English articles (10%) of which
about 1% mention "harvest". Then times ``Store.search`` (what ``newsbot search`` and the
read API run) for a 2-character, a 4-character and an English query, each against
``SELECT ... WHERE title LIKE ? OR body_text LIKE ?`` finding every match, and checks that
both find the same articles. Exits 1 if the 2-character query is less than MIN_RATIO times
faster than its scan, or if any search misses an article the scan finds.

``--jieba`` also builds an FTS5 index of jieba's search-mode tokens over the same articles
(jieba must be installed; it is not a dependency) and prints its build time, size, query
time and recall against the scan, beside the bigram index's.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from newsbot.store import Store

MIN_RATIO = 20.0
QUERIES = [("2-char", "治理"), ("4-char", "乡村治理"), ("English", "harvest")]
EN_WORDS = (
    "the",
    "market",
    "city",
    "council",
    "said",
    "on",
    "monday",
    "that",
    "prices",
    "rose",
    "as",
    "farmers",
    "began",
    "planting",
    "rice",
    "and",
    "wheat",
    "while",
    "officials",
    "reviewed",
    "the",
    "budget",
    "for",
    "roads",
    "schools",
    "and",
    "water",
    "supply",
)


def sentences() -> list[str]:
    data = json.loads(
        resources.files("newsbot.sampleserver").joinpath("data/eastmoney.json").read_text("utf-8")
    )
    pool: set[str] = set()
    for answer in data["texts"].values():
        plain = re.sub(r"<[^>]+>|\u3000", "", answer.get("text") or answer.get("content") or "")
        pool.update(s.strip() + "。" for s in re.split(r"[。！？\n]", plain) if len(s.strip()) > 8)
    # The target words are placed on purpose below, at known rates.
    return sorted(s for s in pool if "治理" not in s and "harvest" not in s)


def synthetic_rows(count: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    pool = sentences()
    rows = []
    for i in range(count):
        if rng.random() < 0.1:
            words = [rng.choice(EN_WORDS) for _ in range(60)]
            if rng.random() < 0.01:
                words[rng.randrange(60)] = "harvest"
            body = " ".join(words).capitalize() + "."
            title = " ".join(rng.choice(EN_WORDS) for _ in range(6)).capitalize()
            lang = "en"
        else:
            parts = [rng.choice(pool) for _ in range(6)]
            roll = rng.random()
            if roll < 0.005:
                parts[rng.randrange(6)] += "推进乡村治理现代化。"
            elif roll < 0.02:
                parts[rng.randrange(6)] += "完善基层治理体系。"
            body = "".join(parts)
            title = rng.choice(pool)[:18]
            lang = "zh"
        rows.append(
            {
                "id": f"B{i:07d}",
                "source": "bench",
                "url": f"http://bench.example/{i}",
                "title": title,
                "published": f"2022-05-{1 + i % 28:02d}T08:00:00+08:00",
                "published_utc": f"2022-05-{1 + i % 28:02d}T00:00:00+00:00",
                "body_text": body,
                "body_html": f"<p>{body}</p>",
                "lang": lang,
                "content_hash": f"{i:064x}",
                "updated_at": "2022-05-20T00:00:00+00:00",
            }
        )
    return rows


def timed(fn: Callable[[], object], repeat: int = 7) -> tuple[float, object]:
    """The best of ``repeat`` runs after a warm-up (as timeit advises: the minimum is the
    run least disturbed by other work on the machine), and the result."""
    result = fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def like_scan(store: Store, text: str) -> list[str]:
    pattern = f"%{text}%"
    sql = "SELECT id FROM articles WHERE title LIKE ? OR body_text LIKE ?"
    return [row[0] for row in store.db.execute(sql, [pattern, pattern])]


def build(path: Path, count: int) -> float:
    rows = synthetic_rows(count)
    start = time.perf_counter()
    with Store(path) as store:
        store.db.execute("PRAGMA synchronous = OFF")  # a scratch database: no need to fsync
        with store.db.conn:
            store.db["articles"].insert_all(rows, batch_size=2000)
    return time.perf_counter() - start


def index_bytes(store: Store, table: str) -> int:
    sql = "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE ?"
    try:
        return int(store.db.execute(sql, [f"{table}%"]).fetchone()[0] or 0)
    except Exception:  # dbstat is a compile-time option of SQLite
        return -1


def compare_jieba(store: Store, words: list[str]) -> None:
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    db = store.db
    start = time.perf_counter()
    db.execute("CREATE VIRTUAL TABLE jieba_fts USING fts5(title, body, content='')")
    with db.conn:
        for rowid, title, body in db.execute("SELECT rowid, title, body_text FROM articles"):
            db.execute(
                "INSERT INTO jieba_fts (rowid, title, body) VALUES (?, ?, ?)",
                [
                    rowid,
                    " ".join(jieba.cut_for_search(title)),
                    " ".join(jieba.cut_for_search(body)),
                ],
            )
    built = time.perf_counter() - start
    print(f"jieba index: built in {built:.1f} s, {index_bytes(store, 'jieba_fts') / 1e6:.1f} MB")
    print(f"bigram index: {index_bytes(store, 'articles_cjk') / 1e6:.1f} MB")
    sql = "SELECT rowid FROM jieba_fts WHERE jieba_fts MATCH ? ORDER BY bm25(jieba_fts)"
    for word in words:
        truth = set(like_scan(store, word))
        # The query is segmented the same way; its words must all occur (no phrase: the
        # search-mode tokens of a long word do not stand at adjacent positions).
        match = " AND ".join(f'"{w}"' for w in jieba.cut(word))
        took, found = timed(lambda m=match: db.execute(sql, [m]).fetchall())
        ids = {
            row[0]
            for row in db.execute(
                f"SELECT id FROM articles WHERE rowid IN ({','.join('?' * len(found))})",
                [r[0] for r in found],
            )
        }
        btook, bigram = timed(lambda w=word: store.search(w, limit=1_000_000))
        bids = {row["id"] for row in bigram}
        print(
            f"  {word}: scan finds {len(truth)}; jieba {len(ids & truth)} "
            f"(recall {len(ids & truth) / max(1, len(truth)):.1%}, {took * 1000:.1f} ms); "
            f"bigram {len(bids & truth)} (recall {len(bids & truth) / max(1, len(truth)):.1%}, "
            f"{btook * 1000:.1f} ms, with ranking and snippets)"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--jieba", action="store_true")
    args = parser.parse_args()
    status = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        built = build(path, args.articles)
        print(f"search: {args.articles} synthetic articles stored and indexed in {built:.1f} s")
        with Store(path) as store:
            header = f"{'query':<10}{'text':<10}{'matches':>8}{'search ms':>11}{'LIKE ms':>9}"
            print(header + f"{'ratio':>8}")
            for label, text in QUERIES:
                scan_s, scanned = timed(lambda t=text: like_scan(store, t))
                search_s, _ = timed(lambda t=text: store.search(t, limit=20))
                every = {row["id"] for row in store.search(text, limit=1_000_000)}
                ratio = scan_s / search_s
                print(
                    f"{label:<10}{text:<10}{len(scanned):>8}{search_s * 1000:>11.2f}"
                    f"{scan_s * 1000:>9.1f}{ratio:>7.0f}x"
                )
                if not set(scanned) <= every:
                    print(f"  FAIL: search misses {len(set(scanned) - every)} of the scan's hits")
                    status = 1
                if label == "2-char" and ratio < MIN_RATIO:
                    print(f"  FAIL: 2-character search below {MIN_RATIO:.0f}x the LIKE scan")
                    status = 1
            if args.jieba:
                compare_jieba(store, ["治理", "乡村治理", "基层", "春耕", "发展"])
    return status


if __name__ == "__main__":
    sys.exit(main())
