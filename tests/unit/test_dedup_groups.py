"""Linking reprints groups exactly as comparing each article with every earlier article that
shares a band does (the index keeps one article per group and band; the others are looked
at only when that one is not alike), on stories copied many times with small edits."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

from newsbot.dedup import THRESHOLD, _order, band_keys, fingerprint, link_reprints
from newsbot.items import Article
from newsbot.store import Store

CST = timezone(timedelta(hours=8))
CHARS = "乡村治理新格局全力构建西林县人民政府经济发展社会稳定教育卫生文化旅游农业春播粮食作物"


def copies(n: int = 90, stories: int = 6, seed: int = 3) -> list[Article]:
    """``n`` articles of ``stories`` stories: each copy edits up to 30 of 300 characters,
    so some copies are alike only to some others (chains), not to their group's first."""
    rng = random.Random(seed)
    bases = ["".join(rng.choice(CHARS) for _ in range(300)) for _ in range(stories)]
    out = []
    for i in range(n):
        body = list(bases[i % stories])
        for _ in range(rng.randint(0, 30)):
            body[rng.randrange(len(body))] = rng.choice(CHARS)
        text = "".join(body)
        published = datetime(2022, 5, 17, tzinfo=CST) + timedelta(minutes=rng.randint(0, 300))
        out.append(
            Article(
                id=f"a{i:03d}", source="s", url=f"http://n.example/{i}", title=text[:8],
                published=published, body_text=text, body_html=f"<p>{text}</p>",
            )
        )  # fmt: skip
    return out


def pairwise_groups(store: Store) -> dict[str, str | None]:
    """The rule, spelled out: in order, an article joins (and merges) the groups of every
    earlier article sharing a band key with it whose fingerprint is alike; each group's
    canonical is its earliest member."""
    rows = {r["id"]: r for r in store.db.query("SELECT * FROM articles")}
    order = sorted(rows, key=lambda i: (rows[i]["published_utc"], i))
    prints = {i: fingerprint(rows[i]["body_text"]) for i in order}
    keys = {i: set(band_keys(prints[i])) for i in order}
    root: dict[str, str] = {}

    def find(i: str) -> str:
        while root[i] != i:
            i = root[i]
        return i

    for n, i in enumerate(order):
        root[i] = i
        for j in order[:n]:
            if keys[i] & keys[j] and prints[i].jaccard(prints[j]) >= THRESHOLD:
                root[find(j)] = find(i)
    groups: dict[str, list[str]] = {}
    for i in order:
        groups.setdefault(find(i), []).append(i)
    linked: dict[str, str | None] = {}
    for members in groups.values():
        first = min(members, key=lambda i: _order(rows[i]))
        linked.update((m, None if m == first else first) for m in members)
    return linked


def test_groups_are_those_of_comparing_every_candidate(tmp_path: Path) -> None:
    with Store(tmp_path / "n.db") as store:
        for item in copies():
            store.upsert_article(item)
        link_reprints(store)
        linked = {r["id"]: r["canonical_of"] for r in store.db.query("SELECT * FROM articles")}
        expected = pairwise_groups(store)
        bands = store.db.execute("SELECT count(*) FROM article_bands").fetchone()[0]
    assert linked == expected
    groups = {c for c in expected.values() if c}
    assert len(groups) == 6 and sum(1 for c in expected.values() if c) > 40
    assert bands < 90 * 32  # a copy that joined a group did not repeat its group's keys
