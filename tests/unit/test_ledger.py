"""The seen-URL ledger: canonical URLs, the due rule, and what a crawl records."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsbot.config import SourceError, load_source
from newsbot.ledger import Ledger, LedgerEntry, UnitTracker, canonical_url, is_due
from newsbot.store import Store

NOW = datetime(2022, 5, 20, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        (
            "HTTP://WWW.Example.com:80/a/b/?utm_source=x&b=2&a=1#top",
            "https://example.com/a/b?a=1&b=2",
        ),
        ("https://m.example.com/news/1.html", "https://example.com/news/1.html"),
        ("http://example.com/news/1.html?fbclid=abc&UTM_Medium=mail", "https://example.com/news/1.html"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com/", "https://example.com/"),
        ("https://example.com:8443/x/", "https://example.com:8443/x"),
        ("https://example.com/a?id=7&spm=a1.b2", "https://example.com/a?id=7"),
        ("https://example.com/%e6%96%b0%e9%97%bb", "https://example.com/%E6%96%B0%E9%97%BB"),
        ("https://www2.example.com/a", "https://www2.example.com/a"),  # only www. and m.
        ("https://m.cn/a", "https://m.cn/a"),  # a two-label host keeps its name
        ("https://example.com/a?keep=1&utm=2", "https://example.com/a?keep=1&utm=2"),
    ],
)  # fmt: skip
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def entry(**changes: object) -> LedgerEntry:
    base = {
        "canonical": "https://n.example/a",
        "url": "http://n.example/a",
        "source": "s",
        "kind": "article",
        "article_id": "A",
        "published_utc": (NOW - timedelta(days=10)).isoformat(),
        "last_fetched": (NOW - timedelta(minutes=5)).isoformat(),
        "last_status": 200,
        "lastmod": "2022-05-10T00:00:00+00:00",
    }
    return LedgerEntry(**{**base, **changes})  # type: ignore[arg-type]


def due(item: LedgerEntry | None, **kwargs: object) -> bool:
    return is_due(item, now=NOW, recheck_age=timedelta(days=2), recheck_every=HOUR, **kwargs)  # type: ignore[arg-type]


def test_unknown_is_due_and_known_old_is_not() -> None:
    assert due(None)
    assert not due(entry())
    assert not due(entry(), lastmod="2022-05-10T08:00:00+08:00")  # same instant, older text


def test_newer_lastmod_makes_it_due() -> None:
    assert due(entry(), lastmod="2022-05-11T00:00:00+00:00")
    assert due(entry(lastmod=None), lastmod="2022-05-11T00:00:00+00:00")
    assert due(entry(lastmod="yesterday-ish"), lastmod="today-ish")  # not dates: any change


def test_young_article_is_rechecked_once_its_interval_has_passed() -> None:
    young = (NOW - timedelta(hours=30)).isoformat()
    assert not due(entry(published_utc=young))  # fetched 5 minutes ago
    assert due(entry(published_utc=young, last_fetched=(NOW - 2 * HOUR).isoformat()))
    assert not due(entry(last_fetched=(NOW - 2 * HOUR).isoformat()))  # ten days old
    # Not stored yet: the listing's date decides the age.
    assert due(entry(published_utc=None, last_fetched=(NOW - 2 * HOUR).isoformat()),
               published=NOW - HOUR)  # fmt: skip


def test_failed_is_due_and_gone_is_not() -> None:
    assert due(entry(last_status=500))
    assert due(entry(last_status=0))
    assert not due(entry(last_status=404))
    assert not due(entry(retracted=True))
    assert due(entry(last_status=410), lastmod="2022-05-12T00:00:00+00:00")


def source(tmp_path: Path, schedule: str = "") -> object:
    path = tmp_path / "s.toml"
    path.write_text(
        'kind = "feed"\nbase_url = "http://n.example"\n[feed]\nurls = ["/rss.xml"]\n' + schedule,
        "utf-8",
    )
    return load_source(path)


def test_schedule_durations_are_validated(tmp_path: Path) -> None:
    settings = source(tmp_path, '[schedule]\nrecheck_age = "3d"\nrecheck_every = "10m"\n')
    assert settings.schedule.recheck_age == timedelta(days=3)  # type: ignore[attr-defined]
    assert settings.schedule.recheck_every == timedelta(minutes=10)  # type: ignore[attr-defined]
    with pytest.raises(SourceError, match=r"schedule\.recheck_every.*bad duration"):
        source(tmp_path, '[schedule]\nrecheck_every = "soon"\n')


def test_ledger_records_fetches_and_answers_conditional_headers(tmp_path: Path) -> None:
    src = source(tmp_path)
    with Store(tmp_path / "n.db") as store:
        ledger = Ledger.open(store, src, NOW)  # type: ignore[arg-type]
        ledger.fetched_article(
            "http://www.n.example/a?utm_source=x",
            200,
            etag='"v1"',
            last_modified="Wed, 18 May 2022 00:32:24 GMT",
            lastmod="2022-05-18T00:00:00+00:00",
            article_id="A",
        )
        ledger.fetched_list("http://n.example/rss.xml", 200, '"l1"', None)
        first = store.ledger_entries("s")
        assert [e["canonical"] for e in first] == ["https://n.example/a"]  # lists wait for commit
        ledger.commit_lists()
        ledger.fetched_article("https://n.example/a", 304)
        reread = Ledger.open(store, src, NOW)  # type: ignore[arg-type]
        item = reread.entry("http://n.example/a/")
        assert item is not None and item.last_status == 304 and item.etag == '"v1"'
        assert item.first_fetched == first[0]["first_fetched"]
        assert item.lastmod == "2022-05-18T00:00:00+00:00"
        assert item.last_modified == "2022-05-18T00:32:24+00:00"
        assert reread.conditional_headers("http://n.example/a") == {
            "If-None-Match": '"v1"',
            "If-Modified-Since": "Wed, 18 May 2022 00:32:24 GMT",
        }
        assert reread.list_headers("http://n.example/rss.xml") == {"If-None-Match": '"l1"'}
        assert reread.conditional_headers("http://n.example/other") == {}


def test_articles_a_crawl_fetches_are_read_back_not_kept(tmp_path: Path) -> None:
    # Memory does not grow with the articles of a crawl: the database has them.
    src = source(tmp_path)
    with Store(tmp_path / "n.db") as store:
        ledger = Ledger.open(store, src, NOW)  # type: ignore[arg-type]
        ledger.fetched_article("http://n.example/a", 200, etag='"v1"', article_id="A")
        ledger.fetched_article("http://n.example/b", 503)
        assert ledger.entries == {}
        item = ledger.entry("http://n.example/a")
        assert item is not None and (item.etag, item.article_id) == ('"v1"', "A")
        assert not ledger.due("http://n.example/a")  # fetched now: not again in this crawl
        assert ledger.due("http://n.example/b")  # failed: due
        # A 304 of an article first fetched by this crawl keeps its validators.
        ledger.fetched_article("http://n.example/a", 304)
        item = ledger.entry("http://n.example/a")
        assert item is not None and (item.last_status, item.etag) == (304, '"v1"')
        assert ledger.entries == {}


def test_a_failed_article_makes_lists_unconditional(tmp_path: Path) -> None:
    src = source(tmp_path)
    with Store(tmp_path / "n.db") as store:
        ledger = Ledger.open(store, src, NOW)  # type: ignore[arg-type]
        ledger.fetched_list("http://n.example/rss.xml", 200, '"l1"', None)
        ledger.commit_lists()
        ledger.fetched_article("http://n.example/a", 503)
        assert ledger.list_headers("http://n.example/rss.xml") == {}
        # Until it is fetched again (an article this crawl fetched first: kept in the
        # database, not in memory).
        ledger.fetched_article("http://n.example/a", 200, article_id="A")
        assert ledger.list_headers("http://n.example/rss.xml") == {"If-None-Match": '"l1"'}
        assert ledger.entries == {}


def test_unit_completes_when_its_last_request_is_answered_without_failure() -> None:
    units = UnitTracker()
    units.add("2022-05-18")
    units.add("2022-05-18", 2)  # the day page found two articles
    assert not units.finish("2022-05-18")
    assert not units.finish("2022-05-18")
    assert units.finish("2022-05-18")
    units.add("2022-05-17", 2)
    assert not units.finish("2022-05-17", failed=True)
    assert not units.finish("2022-05-17")  # complete, but one request failed


def test_archive_url_takes_a_date_with_a_strftime_format(tmp_path: Path) -> None:
    def html(archive_url: str) -> object:
        path = tmp_path / "p.toml"
        path.write_text(
            'kind = "html"\nbase_url = "http://n.example"\n[html]\nstart_urls = ["/"]\n'
            f"article_links = ['/a/']\narchive_url = '{archive_url}'\n",
            "utf-8",
        )
        return load_source(path)

    assert html("/paper/{date:%Y%m/%d}/node_1.html").html.archive_url  # type: ignore[attr-defined]
    for bad in ("/paper/{day}/node_1.html", "/paper/{date!r}", "/paper/today.html"):
        with pytest.raises(SourceError, match=r"html\.archive_url.*one placeholder"):
            html(bad)
