"""Health warnings: each kind of fall below a source's own record, and none without one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsbot.health import format_health, source_health
from newsbot.items import Article
from newsbot.store import Store

T0 = datetime(2026, 12, 1, tzinfo=UTC)


def article(source: str, n: int, body: str, authors: list[str]) -> Article:
    return Article(
        id=f"{source}{n}",
        source=source,
        url=f"http://n.example/{source}/{n}",
        title=f"标题{n}",
        published=T0 - timedelta(days=1),
        published_source="meta",
        body_text=body,
        body_html=f"<p>{body}</p>",
        authors=authors,
    )


def run(store: Store, source: str, start: datetime, counts: dict, articles=()) -> None:
    crawl = store.start_crawl(source, now=start)
    for a in articles:
        store.upsert_article(a, now=start + timedelta(seconds=1))
    store.finish_crawl(crawl, counts, "finished", now=start + timedelta(minutes=1))


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "n.db") as s:
        long, short = "长" * 300, "短" * 50
        for source in "abc":
            for i in range(2):
                start = T0 + timedelta(hours=i)
                good = [article(source, n, long, ["韦素雪"]) for n in range(i * 5, i * 5 + 5)]
                run(s, source, start, {"new": 5}, good)
        # a: a new layout still yields articles, but short and without authors
        bad = [article("a", n, short, []) for n in range(10, 15)]
        run(s, "a", T0 + timedelta(hours=2), {"new": 5}, bad)
        # b: list pages changed, no article link found at all
        run(s, "b", T0 + timedelta(hours=2), {})
        # c: as before
        same = [article("c", n, long, ["韦素雪"]) for n in range(10, 15)]
        run(s, "c", T0 + timedelta(hours=2), {"new": 5}, same)
        yield s


def test_each_fall_is_named_for_its_source_only(store: Store) -> None:
    report = {h.source: h for h in source_health(store, now=T0 + timedelta(hours=3))}
    assert report["a"].warnings == [
        "author coverage down to 0% in the latest run (other articles: 100%)",
        "body > 200 chars coverage down to 0% in the latest run (other articles: 100%)",
    ]
    assert report["b"].warnings == ["list pages yielded no article links (earlier runs: 5)"]
    assert report["c"].warnings == []
    assert (report["c"].total, report["c"].last_24h) == (15, 15)
    assert report["a"].coverage["body"] == pytest.approx(10 / 15)
    assert report["c"].failure_rate == 0


def test_the_table_lists_every_source_then_the_warnings(store: Store) -> None:
    text = format_health(source_health(store, now=T0 + timedelta(hours=3)))
    lines = text.splitlines()
    assert lines[0].split()[:3] == ["source", "total", "24h"]
    assert [line.split()[0] for line in lines[1:4]] == ["a", "b", "c"]
    assert sum(line.startswith("warning: a:") for line in lines) == 2
