"""A database reader for the reliability tests, following README's reader recipe.

``python tests/reliability/dbreader.py DB STOPFILE``: opens ``DB`` read-only (``mode=ro``
URI) with a 5 s busy timeout and queries it in a loop until ``STOPFILE`` exists, then
prints one JSON line: ``queries``, ``errors`` (messages), ``incomplete`` (rows with an
empty field or a content hash that does not match their content) and ``counts`` (article
counts seen, in order).
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from pathlib import Path

from newsbot.store import content_hash

REQUIRED = ("id", "source", "url", "title", "published", "published_utc", "body_html",
            "body_text", "content_hash", "first_seen", "last_seen")  # fmt: skip
QUERIES = (
    "SELECT * FROM articles ORDER BY rowid DESC LIMIT 20",
    "SELECT * FROM articles ORDER BY published_utc DESC LIMIT 20",
    "SELECT articles.* FROM articles_fts JOIN articles ON articles.rowid = articles_fts.rowid"
    " WHERE articles_fts MATCH '\"report\"' LIMIT 20",
)


def main(db: str, stop: Path) -> dict:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.row_factory = sqlite3.Row
    report: dict = {"queries": 0, "errors": [], "incomplete": [], "counts": []}
    while not stop.exists():
        for sql in QUERIES:
            try:
                rows = [dict(r) for r in conn.execute(sql)]
                count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.Error as exc:
                report["errors"].append(f"{type(exc).__name__}: {exc}")
                continue
            report["queries"] += 1
            if not report["counts"] or report["counts"][-1] != count:
                report["counts"].append(count)
            for row in rows:
                if any(row[name] in (None, "") for name in REQUIRED) or (
                    content_hash(row) != row["content_hash"]
                ):
                    report["incomplete"].append(row["id"])
        time.sleep(0.05)  # leave the crawl its share of the CPU
    return report


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], Path(sys.argv[2]))))
