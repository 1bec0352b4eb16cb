"""One story once: reprints of the same story point to the earliest copy (``canonical_of``).

Each article's body is normalised (NFKC, lower case, only letters and digits: punctuation,
spaces and layout do not count) and cut into 5-character shingles; a MinHash of 128
permutations (datasketch) is its fingerprint, stored in ``article_fingerprints``. The
fingerprint's 32 bands of 4 values are hashed into ``article_bands``: two articles whose
shingles overlap by a Jaccard similarity of about 0.5 or more share a band with high
probability, so candidates come from an index lookup, never from comparing every pair. A
candidate is a copy when the fingerprints estimate a similarity of at least
:data:`THRESHOLD`.

Copies form a group whose canonical article is the earliest: by publication time to the
minute, then the more precise time (one whose raw date names its seconds: a page showing
08:32 copies a feed's 08:32:24 or 08:32:00, not the reverse), then the first stored, then
the id. Every other member gets ``canonical_of`` set to it (and ``updated_at`` bumped, so
downstream sync sees the change).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import cache
from typing import Any

import numpy as np
from datasketch import MinHash

from newsbot.store import Store

__all__ = ["THRESHOLD", "fingerprint", "link_reprints", "normalise", "shingles"]

NUM_PERM = 128
SCHEME = "affine32"  # datasketch's hashing scheme; stored fingerprints are its uint32 values
BANDS, ROWS = 32, 4
SHINGLE = 5
MIN_SHINGLES = 40  # shorter bodies say too little to call two articles one story
THRESHOLD = 0.5
NOT_WORD_RE = re.compile(r"[\W_]+")
SECONDS_RE = re.compile(r"\d:\d\d:\d\d|\d时\d+分\d+秒")  # a raw date that names its seconds


def normalise(text: str | None) -> str:
    """Letters and digits only, NFKC, lower case: what two copies of a story share."""
    return NOT_WORD_RE.sub("", unicodedata.normalize("NFKC", text or "").lower())


def shingles(text: str | None) -> set[bytes]:
    """The 5-character shingles of the normalised text."""
    norm = normalise(text)
    return {norm[i : i + SHINGLE].encode("utf-8") for i in range(len(norm) - SHINGLE + 1)}


@cache
def _permutations() -> Any:
    """datasketch's permutations (of its default seed), made once: making them is most of
    the cost of every MinHash constructed without them."""
    return MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations


def fingerprint(text: str | None) -> MinHash | None:
    """The MinHash of a body, or None when it is too short to fingerprint."""
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME, permutations=_permutations())
    minhash.update_batch(list(grams))
    return minhash


def band_keys(minhash: MinHash) -> list[int]:
    """One signed 64-bit key per LSH band (band number included, so bands never collide)."""
    values = minhash.hashvalues.astype(np.uint32)
    keys = []
    for band in range(BANDS):
        chunk = band.to_bytes(2, "big") + values[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def _load(blob: bytes) -> MinHash:
    return MinHash(
        num_perm=NUM_PERM,
        hashvalues=np.frombuffer(blob, dtype=np.uint32),
        scheme=SCHEME,
        permutations=_permutations(),
    )


def _order(row: dict[str, Any]) -> tuple:
    published = row["published_utc"] or ""
    precise = bool(SECONDS_RE.search(row["published_raw"] or "")) or published[17:19] not in (
        "",
        "00",
    )
    return (published[:16], not precise, row["first_seen"] or "", row["id"])


def _group(store: Store, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The articles of the groups ``ids`` belong to: their canonicals and every copy."""
    roots = set()
    for article_id in ids:
        row = store.db.execute(
            "SELECT coalesce(canonical_of, id) FROM articles WHERE id = ?", [article_id]
        ).fetchone()
        if row:
            roots.add(row[0])
    members: dict[str, dict[str, Any]] = {}
    for root in roots:
        sql = (
            "SELECT id, published_utc, published_raw, first_seen, canonical_of FROM articles"
            " WHERE id = ? OR canonical_of = ?"
        )
        for row in store.db.query(sql, [root, root]):
            members[row["id"]] = row
    return members


def link_reprints(store: Store, now: datetime | None = None) -> int:
    """Fingerprint every article not yet fingerprinted (or changed since) and link copies.

    Returns how many articles got a new ``canonical_of``."""
    stamp = (now or datetime.now(UTC)).isoformat()
    pending = store.db.execute(
        "SELECT a.id, a.body_text, a.content_hash FROM articles a"
        " LEFT JOIN article_fingerprints f ON f.article_id = a.id"
        " WHERE f.article_id IS NULL OR f.content_hash != a.content_hash"
        " ORDER BY a.published_utc, a.id"
    ).fetchall()
    changed = 0
    for article_id, body, chash in pending:
        minhash = fingerprint(body)
        with store.db.conn:
            store.db.execute("DELETE FROM article_bands WHERE article_id = ?", [article_id])
            store.db.execute(
                "INSERT OR REPLACE INTO article_fingerprints (article_id, content_hash, minhash)"
                " VALUES (?, ?, ?)",
                [
                    article_id,
                    chash,
                    None if minhash is None else minhash.hashvalues.astype(np.uint32).tobytes(),
                ],
            )
            if minhash is None:
                continue
            keys = band_keys(minhash)
            marks = ",".join("?" * len(keys))
            candidates = store.db.execute(
                f"SELECT DISTINCT b.article_id, f.minhash FROM article_bands b"
                f" JOIN article_fingerprints f ON f.article_id = b.article_id"
                f" WHERE b.key IN ({marks}) AND b.article_id != ?",
                [*keys, article_id],
            ).fetchall()
            store.db.conn.executemany(
                "INSERT INTO article_bands (key, article_id) VALUES (?, ?)",
                [(key, article_id) for key in keys],
            )
            copies = [cid for cid, blob in candidates if minhash.jaccard(_load(blob)) >= THRESHOLD]
            if not copies:
                continue
            group = _group(store, [article_id, *copies])
            canonical = min(group.values(), key=_order)["id"]
            for member in group.values():
                target = None if member["id"] == canonical else canonical
                if member["canonical_of"] != target:
                    store.db.execute(
                        "UPDATE articles SET canonical_of = ?, updated_at = ? WHERE id = ?",
                        [target, stamp, member["id"]],
                    )
                    changed += 1
    return changed
