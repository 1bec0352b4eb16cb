"""One story once: reprints of the same story point to the earliest copy (``canonical_of``).

Each article's body is normalised (NFKC, lower case, only letters and digits: punctuation,
spaces and layout do not count) and cut into 5-character shingles; each distinct shingle is
hashed to 32 bits (:func:`shingle_hashes`, all of a body at once in numpy: a polynomial of
its 5 code points, then splitmix64's finaliser), and a MinHash of 128 permutations of
those hashes is its fingerprint, stored in ``article_fingerprints``: datasketch's MinHash
(its "affine32" scheme and default seed), whose values :func:`fingerprint_values` computes
in numpy alone, without importing datasketch (which loads scipy: a second per crawl). The
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

import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import numpy as np

from newsbot.store import Store

if TYPE_CHECKING:
    from datasketch import MinHash

__all__ = [
    "THRESHOLD",
    "fingerprint",
    "fingerprint_values",
    "link_reprints",
    "normalise",
    "shingle_hashes",
    "shingles",
]

NUM_PERM = 128
SCHEME = "affine32"  # datasketch's hashing scheme; stored fingerprints are its uint32 values
SEED = 1  # datasketch's default seed of the permutations
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


@functools.cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The permutations (a, b) every fingerprint uses, made once: datasketch's for its seed
    and scheme (h -> a * h + b modulo 2**32, ``a`` odd)."""
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


# MurmurHash3's 32-bit finaliser, which datasketch applies to each hash before permuting it.
_FMIX32 = tuple(np.uint32(c) for c in (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16))


_BASE = np.uint64(0x100000001B3)  # the polynomial's base: odd, above every code point
_MIX = (np.uint64(30), np.uint64(0xBF58476D1CE4E5B9), np.uint64(27), np.uint64(0x94D049BB133111EB))


def shingle_hashes(text: str | None) -> np.ndarray:
    """The 32-bit hashes of the distinct 5-character shingles of the normalised text, sorted.

    Computed for all shingles at once: the polynomial of each shingle's code points (modulo
    2**64) goes through splitmix64's finaliser, of which the low 32 bits are kept. Two
    distinct shingles share a hash about as rarely as any two 32-bit hashes do."""
    norm = normalise(text)
    count = len(norm) - SHINGLE + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint32)
    points = np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    value = np.zeros(count, dtype=np.uint64)
    for offset in range(SHINGLE):
        value = value * _BASE + points[offset : offset + count]
    shift1, mult1, shift2, mult2 = _MIX
    value ^= value >> shift1
    value *= mult1
    value ^= value >> shift2
    value *= mult2
    value ^= value >> np.uint64(31)
    return np.unique((value & np.uint64(0xFFFFFFFF)).astype(np.uint32))


def fingerprint_values(text: str | None) -> np.ndarray | None:
    """The 128 uint32 values of a body's MinHash (those of :func:`fingerprint`), or None
    when it is too short to fingerprint: all shingles through all permutations at once."""
    hashes = shingle_hashes(text)
    if len(hashes) < MIN_SHINGLES:
        return None
    shift1, mult1, shift2, mult2, shift3 = _FMIX32
    mixed = hashes ^ (hashes >> shift1)
    mixed *= mult1
    mixed ^= mixed >> shift2
    mixed *= mult2
    mixed ^= mixed >> shift3
    a, b = _permutations()
    permuted = np.multiply.outer(a, mixed)  # one row per permutation: each min is contiguous
    permuted += b[:, None]
    return permuted.min(axis=1)


def fingerprint(text: str | None) -> MinHash | None:
    """The datasketch MinHash of a body's shingle hashes (its values are
    :func:`fingerprint_values`), or None when it is too short to fingerprint."""
    values = fingerprint_values(text)
    if values is None:
        return None
    from datasketch import MinHash

    return MinHash(
        num_perm=NUM_PERM, scheme=SCHEME, hashvalues=values, permutations=_permutations()
    )


def band_keys(minhash: MinHash | np.ndarray) -> list[int]:
    """One signed 64-bit key per LSH band (band number included, so bands never collide),
    of a MinHash or of its values."""
    values = getattr(minhash, "hashvalues", minhash).astype(np.uint32)
    keys = []
    for band in range(BANDS):
        chunk = band.to_bytes(2, "big") + values[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def _order(row: dict[str, Any]) -> tuple:
    published = row["published_utc"] or ""
    precise = bool(SECONDS_RE.search(row["published_raw"] or "")) or published[17:19] not in (
        "",
        "00",
    )
    return (published[:16], not precise, row["first_seen"] or "", row["id"])


def _similar(mine: np.ndarray, blobs: list[bytes]) -> np.ndarray:
    """Which stored fingerprints ``blobs`` estimate a similarity of at least THRESHOLD to
    ``mine``: datasketch's estimate (the share of equal values), all at once."""
    others = np.frombuffer(b"".join(blobs), dtype=np.uint32).reshape(len(blobs), NUM_PERM)
    same = np.count_nonzero(others == mine, axis=1)
    return same / np.float64(NUM_PERM) >= THRESHOLD


ORDER_COLUMNS = "id, published_utc, published_raw, first_seen, canonical_of"


def _rows(store: Store, where: str, params: list[Any]) -> list[dict[str, Any]]:
    return list(store.db.query(f"SELECT {ORDER_COLUMNS} FROM articles WHERE {where}", params))


def _link(store: Store, article_id: str, copies: list[str], stamp: str) -> int:
    """Join ``article_id`` and the groups of ``copies`` into one group under its earliest
    article; returns how many articles got a new ``canonical_of``.

    Each group's canonical is already its earliest member, so the new canonical is the
    earliest of the groups' canonicals and the article (and, when the article was itself
    a canonical, its own group's members: its date may have changed)."""
    marks = ",".join("?" * (len(copies) + 1))
    roots = {
        row[0]
        for row in store.db.execute(
            f"SELECT coalesce(canonical_of, id) FROM articles WHERE id IN ({marks})",
            [article_id, *copies],
        )
    }
    contenders = {
        row["id"]: row
        for row in _rows(store, "id IN (" + ",".join("?" * len(roots)) + ")", [*roots])
    }
    contenders.update((row["id"], row) for row in _rows(store, "id = ?", [article_id]))
    if article_id in roots:
        contenders.update(
            (row["id"], row) for row in _rows(store, "canonical_of = ?", [article_id])
        )
    canonical = min(contenders.values(), key=_order)["id"]
    changed = 0
    for root in roots - {canonical}:
        changed += store.db.execute(
            "UPDATE articles SET canonical_of = ?, updated_at = ? WHERE id = ? OR canonical_of = ?",
            [canonical, stamp, root, root],
        ).rowcount
    for member, target in ((canonical, None), (article_id, canonical)):
        if member == target:
            continue
        changed += store.db.execute(
            "UPDATE articles SET canonical_of = ?, updated_at = ? WHERE id = ?"
            " AND canonical_of IS NOT ?",
            [target, stamp, member, target],
        ).rowcount
    return changed


COMMIT_EVERY = 500


def link_reprints(store: Store, now: datetime | None = None) -> int:
    """Fingerprint every article not yet fingerprinted (or changed since) and link copies.

    Returns how many articles got a new ``canonical_of``.

    A band keeps one article per group: a copy that joins a group adds only the band keys
    its group lacks. A story reprinted a thousand times is then one candidate, not a
    thousand, so linking stays linear in the number of articles. Writes are committed
    every :data:`COMMIT_EVERY` articles (a killed run fingerprints the rest next time).
    Only the ids of the articles to fingerprint are held; their texts are read a commit's
    worth at a time, so memory does not grow with the number of new articles. A fingerprint
    made when the article was extracted (``fingerprint_queue``, see
    :class:`newsbot.store.Prepared`) is used when it is of the article's current content."""
    stamp = (now or datetime.now(UTC)).isoformat()
    pending = [
        row[0]
        for row in store.db.execute(
            "SELECT a.id FROM articles a"
            " LEFT JOIN article_fingerprints f ON f.article_id = a.id"
            " WHERE f.article_id IS NULL OR f.content_hash != a.content_hash"
            " ORDER BY a.published_utc, a.id"
        )
    ]
    changed = 0
    conn = store.db.conn
    for start in range(0, len(pending), COMMIT_EVERY):
        ids = pending[start : start + COMMIT_EVERY]
        # A fingerprint queued with the article's current content is used as it is; only
        # the bodies of the others are read, to fingerprint them now.
        sql = (
            "SELECT a.id, a.content_hash, q.content_hash IS a.content_hash, q.minhash,"
            " CASE WHEN q.content_hash IS a.content_hash THEN NULL ELSE a.body_text END"
            " FROM articles a LEFT JOIN fingerprint_queue q ON q.article_id = a.id"
            " WHERE a.id IN ({})"
        )
        found = {
            row[0]: row[1:] for row in store.db.execute(sql.format(",".join("?" * len(ids))), ids)
        }
        with conn:
            for article_id in ids:
                if article_id in found:  # not deleted since (retention)
                    chash, queued, blob, body = found[article_id]
                    if not queued:
                        values = fingerprint_values(body)
                    else:
                        values = None if blob is None else np.frombuffer(blob, dtype=np.uint32)
                    changed += _fingerprint_and_link(store, article_id, values, chash, stamp)
    with conn:  # queued fingerprints now used, or of content no longer stored
        conn.execute(
            "DELETE FROM fingerprint_queue WHERE content_hash IS (SELECT f.content_hash"
            " FROM article_fingerprints f WHERE f.article_id = fingerprint_queue.article_id)"
            " OR content_hash IS NOT (SELECT a.content_hash FROM articles a"
            " WHERE a.id = fingerprint_queue.article_id)"
        )
    return changed


def _roots(store: Store, ids: Iterable[str]) -> dict[str, str]:
    ids = list(ids)
    marks = ",".join("?" * len(ids))
    sql = f"SELECT id, coalesce(canonical_of, id) FROM articles WHERE id IN ({marks})"
    return dict(store.db.execute(sql, ids).fetchall()) if ids else {}


def _members_alike(
    store: Store,
    article_id: str,
    values: np.ndarray,
    keys: set[int],
    seen: list[str],
    copies: list[str],
) -> list[str]:
    """Copies among the members of the groups found through a band whose indexed article
    is not alike: a member alike and sharing a band key counts, as it would have, had its
    band keys been indexed too."""
    roots = _roots(store, seen)
    matched = {roots[cid] for cid in copies if cid in roots}
    found: list[str] = []
    for root in sorted(set(roots.values()) - matched):
        members = [
            (mid, blob)
            for mid, blob in store.db.execute(
                "SELECT a.id, f.minhash FROM articles a JOIN article_fingerprints f"
                " ON f.article_id = a.id WHERE (a.id = ? OR a.canonical_of = ?)"
                " AND f.minhash IS NOT NULL",
                [root, root],
            )
            if mid != article_id and mid not in roots
        ]
        if not members:
            continue
        alike = _similar(values, [blob for _, blob in members])
        found += [
            mid
            for (mid, blob), same in zip(members, alike, strict=True)
            if same and keys.intersection(band_keys(np.frombuffer(blob, dtype=np.uint32)))
        ]
    return found


def _fingerprint_and_link(
    store: Store, article_id: str, values: np.ndarray | None, chash: str, stamp: str
) -> int:
    store.db.execute("DELETE FROM article_bands WHERE article_id = ?", [article_id])
    store.db.execute(
        "INSERT OR REPLACE INTO article_fingerprints (article_id, content_hash, minhash)"
        " VALUES (?, ?, ?)",
        [article_id, chash, None if values is None else values.tobytes()],
    )
    if values is None:
        return 0
    keys = band_keys(values)
    marks = ",".join("?" * len(keys))
    rows = store.db.execute(
        f"SELECT b.key, b.article_id, f.minhash FROM article_bands b"
        f" JOIN article_fingerprints f ON f.article_id = b.article_id"
        f" WHERE b.key IN ({marks}) AND b.article_id != ? AND f.minhash IS NOT NULL",
        [*keys, article_id],
    ).fetchall()
    blobs = {cid: blob for _, cid, blob in rows}
    ids = list(blobs)
    copies = (
        [cid for cid, same in zip(ids, _similar(values, list(blobs.values())), strict=True) if same]
        if ids
        else []
    )
    copies += _members_alike(store, article_id, values, set(keys), ids, copies)
    changed = _link(store, article_id, copies, stamp) if copies else 0
    if copies:  # the band keys its group already has are not repeated
        group = set(copies) | {
            row[0]
            for row in store.db.execute(
                f"SELECT id FROM articles WHERE id IN ({','.join('?' * len(ids))})"
                " AND coalesce(canonical_of, id) = (SELECT coalesce(canonical_of, id)"
                " FROM articles WHERE id = ?)",
                [*ids, article_id],
            )
        }
        known = {key for key, cid, _ in rows if cid in group}
        keys = [key for key in keys if key not in known]
    store.db.conn.executemany(
        "INSERT INTO article_bands (key, article_id) VALUES (?, ?)",
        [(key, article_id) for key in keys],
    )
    return changed
