"""The item pipelines, each driven directly with a real crawler (settings, stats, signals) of a
real source spider, a real SQLite file and a real posts folder: what each one does to an item,
what it counts, and what it records when the crawl ends."""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from collections.abc import Coroutine
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import pytest
from scrapy import Spider
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from newsbot.config import load_source
from newsbot.items import Article
from newsbot.pipelines import ASYNCIO_REACTOR, result_of, source_of
from newsbot.pipelines.category import DeriveCategoryPipeline
from newsbot.pipelines.clean import CleanHtmlPipeline
from newsbot.pipelines.dates import NormaliseDatePipeline
from newsbot.pipelines.export import ExportPostPipeline
from newsbot.pipelines.store import StoreArticlePipeline
from newsbot.pipelines.validate import ValidateArticlePipeline
from newsbot.spiders import spider_class
from newsbot.store import Store
from newsbot.writer import Writer

T = TypeVar("T")

SOURCE = """kind = "html"
base_url = "http://news.example.cn"
timezone = "Asia/Shanghai"
lang = "zh"
media = "右江日报"

[html]
start_urls = ["/list.html"]
article_links = ['/a/\\d+\\.html$']

[post]
category = "{media_pinyin}"
tags = "{media}新闻"
"""


def crawler_for(tmp_path: Path, extra: str = "", **settings: Any) -> Any:
    """A crawler of the yjrb source (``extra`` added to its file), with ``settings``."""
    path = tmp_path / "sources" / "yjrb.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SOURCE + extra, "utf-8")
    # No extraction workers: the crawl's writer writes at once, in this thread (the threaded
    # writer is crawled through in the integration tests and tested in test_writer.py).
    return get_crawler(
        spider_class(load_source(path)),
        {
            "NEWSBOT_DB": str(tmp_path / "n.db"),
            "NEWSBOT_POSTS_DIR": str(tmp_path / "p"),
            "NEWSBOT_EXTRACT_WORKERS": 0,
            **settings,
        },
    )


def done(step: Coroutine[Any, Any, T]) -> T:
    """The result of a pipeline's ``process_item`` coroutine whose writer writes at once:
    it finishes without waiting for anything."""
    try:
        step.send(None)
    except StopIteration as finished:
        return finished.value  # type: ignore[no-any-return]
    step.close()
    raise AssertionError("process_item waited for something: the writer is not inline")


def article(n: int = 1, **fields: Any) -> Article:
    values: dict[str, Any] = {
        "title": f"标题{n}",
        "published": datetime(2022, 5, 18, 0, 32, tzinfo=UTC),
        "media": "右江日报",
        "body_html": f"<p>正文{n}</p>",
        "body_text": f"正文{n}",
        "lang": "zh",
        "fetched_at": datetime(2022, 5, 18, 1, 0, tzinfo=UTC),
    }
    values.update(fields)
    return Article(id=f"A{n}", source="yjrb", url=f"http://news.example.cn/a/{n}.html", **values)


def test_source_of_names_a_spider_that_is_not_a_source_spider(tmp_path: Path) -> None:
    crawler = crawler_for(tmp_path)
    assert source_of(crawler).key == "yjrb"
    with pytest.raises(TypeError, match=r"^PlainSpider is not a newsbot source spider$"):
        source_of(get_crawler(type("PlainSpider", (Spider,), {"name": "plain"})))


def test_dates_are_read_in_the_source_zone_and_unparsed_ones_counted(tmp_path: Path) -> None:
    crawler = crawler_for(tmp_path)
    pipeline = NormaliseDatePipeline.from_crawler(crawler)
    item = pipeline.process_item(article(published=None, published_raw="2022-05-18 08:32"))
    assert item.published == datetime(2022, 5, 18, 0, 32, tzinfo=UTC)
    assert item.published.utcoffset() == timedelta(hours=8)
    assert crawler.stats.get_value("newsbot/date/unparsed") is None

    unparsed = pipeline.process_item(article(published=None, published_raw="not a date"))
    assert unparsed.published is None
    assert crawler.stats.get_value("newsbot/date/unparsed") == 1

    # A date already set (an api list entry) is kept; no raw date is no problem.
    kept = pipeline.process_item(article(published_raw="2001-01-01 00:00"))
    assert kept.published == datetime(2022, 5, 18, 0, 32, tzinfo=UTC)
    assert pipeline.process_item(article(published=None)).published is None
    assert crawler.stats.get_value("newsbot/date/unparsed") == 1


def test_clean_pipeline_makes_the_body_safe_and_strips_control_characters() -> None:
    item = article(
        title="标题\x01一",
        summary="摘\x00要",
        media="右江\x02日报",
        authors=["张\x08三", "李四"],
        body_html='<p onclick="x()">正文<script>evil()</script> <a href="/b/2.html">链接</a></p>',
        body_text="",
    )
    out = CleanHtmlPipeline().process_item(item)
    assert (out.title, out.summary, out.media, out.authors) == (
        "标题一",
        "摘要",
        "右江日报",
        ["张三", "李四"],
    )
    assert "script" not in out.body_html
    assert "onclick" not in out.body_html
    assert 'href="http://news.example.cn/b/2.html"' in out.body_html
    assert out.body_text == "正文 链接"


def test_clean_pipeline_keeps_a_body_the_extractor_already_cleaned() -> None:
    item = article(body_html='<p class="x">已清理</p>', body_text="已清理")
    out = CleanHtmlPipeline().process_item(item)
    assert (out.body_html, out.body_text) == ('<p class="x">已清理</p>', "已清理")


def test_category_and_tags_come_from_the_post_template(tmp_path: Path) -> None:
    pipeline = DeriveCategoryPipeline.from_crawler(crawler_for(tmp_path))
    item = pipeline.process_item(article())
    assert (item.category, item.tags) == ("youjiangribao", ["右江日报新闻"])
    own = pipeline.process_item(article(category="own", tags=["a", "b"]))
    assert (own.category, own.tags) == ("own", ["a", "b"])


def test_an_empty_tag_template_gives_no_tags(tmp_path: Path) -> None:
    crawler = crawler_for(tmp_path)
    source = source_of(crawler)
    template = source.post.model_copy(update={"tags": "", "category": "{source}-{id}"})
    item = DeriveCategoryPipeline(template).process_item(article(media=""))
    assert (item.category, item.tags) == ("yjrb-A1", [])


def test_validation_drops_incomplete_articles_and_counts_why(tmp_path: Path) -> None:
    crawler = crawler_for(tmp_path)
    pipeline = ValidateArticlePipeline.from_crawler(crawler)
    good = article()
    assert pipeline.process_item(good) is good
    with pytest.raises(DropItem, match=r"^article 'A2' \(http://news.example.cn/a/2.html\) "
                       r"lacks title, body_text$"):  # fmt: skip
        pipeline.process_item(article(2, title="", body_text=""))
    stats = crawler.stats.get_stats()
    assert stats["newsbot/dropped/missing_title"] == 1
    assert stats["newsbot/dropped/missing_body_text"] == 1
    assert stats["newsbot/articles/dropped"] == 1
    assert "newsbot/dropped/missing_url" not in stats


def test_store_pipeline_counts_outcomes_and_records_the_crawl(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    crawler = crawler_for(tmp_path)
    pipeline = StoreArticlePipeline.from_crawler(crawler)
    pipeline.open_spider()
    conflict = "json-ld 2022-05-18 vs url 2022-05-20"
    with caplog.at_level(logging.WARNING, logger="newsbot.pipelines.store"):
        done(pipeline.process_item(article(1, date_conflicts=[conflict])))
        done(pipeline.process_item(article(2)))
        done(pipeline.process_item(article(1, date_conflicts=[conflict])))  # unchanged
        done(pipeline.process_item(article(2, title="新标题")))  # updated
    warnings = [r.getMessage() for r in caplog.records]
    assert warnings == [f"date conflict on http://news.example.cn/a/1.html: {conflict}"]
    stats = crawler.stats.get_stats()
    assert stats["newsbot/articles/new"] == 2
    assert stats["newsbot/articles/unchanged"] == 1
    assert stats["newsbot/articles/updated"] == 1
    assert stats["newsbot/media/右江日报/new"] == 2
    done(pipeline.process_item(article(3, media="")))
    assert crawler.stats.get_value("newsbot/media/?/new") == 1

    pipeline.spider_closed(None, "finished")
    assert pipeline.store is None
    with Store(tmp_path / "n.db") as store:
        crawl = store.last_crawl("yjrb")
        assert crawl is not None
        assert (crawl["new"], crawl["updated"], crawl["unchanged"], crawl["status"]) == (
            3,
            1,
            1,
            "finished",
        )
        assert store.get_article("A2")["title"] == "新标题"
    pipeline.spider_closed(None, "finished")  # a second close changes nothing


@pytest.mark.parametrize(
    ("stats", "reason", "status"),
    [
        ({}, "shutdown", "stopped: shutdown"),
        (
            {"newsbot/lists/requested": 1, "newsbot/lists/failed": 1,
             "newsbot/lists/failed/http_500": 1},
            "finished",
            "failed: all 1 list page failed (http_500)",
        ),
    ],
)  # fmt: skip
def test_store_pipeline_records_how_the_crawl_ended(
    tmp_path: Path, stats: dict[str, int], reason: str, status: str
) -> None:
    crawler = crawler_for(tmp_path)
    pipeline = StoreArticlePipeline.from_crawler(crawler)
    pipeline.open_spider()
    crawler.stats.set_stats(dict(stats))
    pipeline.spider_closed(None, reason)
    with Store(tmp_path / "n.db") as store:
        assert store.last_crawl("yjrb")["status"] == status


def stored(tmp_path: Path, *items: Article) -> None:
    with Store(tmp_path / "n.db") as store:
        for item in items:
            store.upsert_article(item)


def test_export_pipeline_writes_the_stored_row_not_the_item(tmp_path: Path) -> None:
    crawler = crawler_for(tmp_path)
    stored(tmp_path, article(1, title="库中标题"))
    posts = tmp_path / "p"
    posts.mkdir()
    dead = posts / ".tmp-999999999-x.md"  # a killed writer's temporary file
    dead.write_text("partial", "utf-8")
    pipeline = ExportPostPipeline.from_crawler(crawler)
    pipeline.open_spider()
    assert not dead.exists()
    done(pipeline.process_item(article(1, title="条目标题")))
    (post,) = posts.glob("*.md")
    assert post.name.startswith("2022-05-18-")  # 08:32 in Shanghai
    assert "库中标题" in post.read_text("utf-8")
    assert "条目标题" not in post.read_text("utf-8")
    done(pipeline.process_item(article(1)))
    assert crawler.stats.get_value("newsbot/posts/written") == 1
    assert crawler.stats.get_value("newsbot/posts/unchanged") == 1
    with pytest.raises(LookupError, match=r"^article 'A9' is not in the store$"):
        done(pipeline.process_item(article(9)))
    pipeline.close_spider()
    assert pipeline.store is None
    assert crawler.stats.get_value("newsbot/posts/archived") is None  # no keep_days
    pipeline.close_spider()  # a second close changes nothing


def test_export_pipeline_archives_posts_past_keep_days_on_close(tmp_path: Path) -> None:
    crawler = crawler_for(tmp_path, "keep_days = 30\n")
    now = datetime.now(UTC)
    recent, old = now - timedelta(days=2), now - timedelta(days=60)
    stored(tmp_path, article(1, published=recent), article(2, published=old))
    posts = tmp_path / "p"
    # A post written before keep_days was set: still in the posts folder.
    from newsbot.export import PostsDir

    with Store(tmp_path / "n.db") as store:
        row = store.get_article("A2")
    source = source_of(crawler)
    template = source.post.model_copy(update={"keep_days": None})
    PostsDir(posts).export(row, template, source.post_timezone)
    other = posts / "2000-01-01-other.md"  # another source's post is never moved
    other.write_text("x", "utf-8")
    pipeline = ExportPostPipeline.from_crawler(crawler)
    pipeline.open_spider()
    done(pipeline.process_item(article(1, published=recent)))
    assert len(list(posts.glob("*.md"))) == 3
    pipeline.close_spider()
    assert crawler.stats.get_value("newsbot/posts/archived") == 1
    assert sorted(p.name[11:] for p in posts.glob("*.md")) == ["A1.md", "other.md"]
    (archived,) = (tmp_path / "old_post").glob("*.md")
    assert archived.name == f"{old.astimezone(source.post_timezone):%Y-%m-%d}-A2.md"


def test_dates_are_read_in_the_given_zone_on_the_current_clock(tmp_path: Path) -> None:
    stats = crawler_for(tmp_path).stats
    pipeline = NormaliseDatePipeline("Pacific/Kiritimati", stats)  # +14, no local zone
    item = pipeline.process_item(article(published=None, published_raw="2022-05-18 08:32"))
    assert item.published == datetime(2022, 5, 17, 18, 32, tzinfo=UTC)
    before = datetime.now(UTC)
    item = pipeline.process_item(article(published=None, published_raw="1小时前"))
    after = datetime.now(UTC)
    assert item.published is not None
    assert before - timedelta(hours=1, minutes=1) <= item.published <= after - timedelta(hours=1)


def test_a_date_conflict_is_warned_of_when_first_recorded_only(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    pipeline = StoreArticlePipeline.from_crawler(crawler_for(tmp_path))
    pipeline.open_spider()
    first, second = "json-ld 2022-05-18 vs url 2022-05-20", "meta 2022-05-17 vs url 2022-05-20"
    with caplog.at_level(logging.WARNING, logger="newsbot.pipelines.store"):
        done(pipeline.process_item(article(1, date_conflicts=[first])))
        assert [r.getMessage() for r in caplog.records] == [
            f"date conflict on http://news.example.cn/a/1.html: {first}"
        ]
        caplog.clear()
        done(pipeline.process_item(article(1, date_conflicts=[first, second])))
        assert [r.getMessage() for r in caplog.records] == [
            f"date conflict on http://news.example.cn/a/1.html: {second}"
        ]
    pipeline.spider_closed(None, "finished")


def test_closing_the_pipeline_commits_its_batch_and_the_crawl_is_still_recorded(
    tmp_path: Path,
) -> None:
    import sqlite3

    def stored_ids() -> list[str]:
        with sqlite3.connect(tmp_path / "n.db") as reader:
            return [row[0] for row in reader.execute("SELECT id FROM articles ORDER BY id")]

    crawler = crawler_for(tmp_path)
    pipeline = StoreArticlePipeline.from_crawler(crawler)
    pipeline.open_spider()
    done(pipeline.process_item(article(1)))
    assert stored_ids() == []  # the batch is open
    pipeline.close_spider()
    assert stored_ids() == ["A1"]
    assert pipeline.flusher is None
    pipeline.spider_closed(None, "finished")  # Scrapy's signal comes after close_spider
    with Store(tmp_path / "n.db") as store:
        crawl = store.last_crawl("yjrb")
        assert (crawl["new"], crawl["updated"], crawl["unchanged"], crawl["status"]) == (
            1, 0, 0, "finished"
        )  # fmt: skip


def test_a_quiet_spell_is_committed_by_the_timer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3
    import time

    from twisted.internet import task

    from newsbot.store import BATCH_SECONDS

    clock = task.Clock()

    class ClockedCall(task.LoopingCall):
        def __init__(self, f: Any, *args: Any) -> None:
            super().__init__(f, *args)
            self.clock = clock

    monkeypatch.setattr(task, "LoopingCall", ClockedCall)
    pipeline = StoreArticlePipeline.from_crawler(crawler_for(tmp_path))
    pipeline.open_spider()
    done(pipeline.process_item(article(1)))
    time.sleep(BATCH_SECONDS)  # the batch is now old enough to be committed

    def stored() -> int:
        with sqlite3.connect(tmp_path / "n.db") as reader:
            return reader.execute("SELECT count(*) FROM articles").fetchone()[0]

    clock.advance(BATCH_SECONDS / 5)
    assert stored() == 0  # the timer ticks every quarter of BATCH_SECONDS
    clock.advance(BATCH_SECONDS / 4 - BATCH_SECONDS / 5)
    assert stored() == 1
    pipeline.spider_closed(None, "finished")


def test_pipelines_closed_before_they_opened_do_nothing(tmp_path: Path) -> None:
    crawler = crawler_for(tmp_path)
    store = StoreArticlePipeline.from_crawler(crawler)
    with pytest.raises(AssertionError):
        done(store.process_item(article()))
    store.close_spider()
    store.spider_closed(None, "finished")
    export = ExportPostPipeline.from_crawler(crawler)
    with pytest.raises(AssertionError):
        done(export.process_item(article()))
    export.close_spider()
    assert not (tmp_path / "n.db").exists()
    assert crawler.stats.get_stats() == {}


def test_a_post_is_named_by_the_day_in_the_source_zone(tmp_path: Path) -> None:
    crawler = crawler_for(tmp_path)
    late = datetime(2022, 5, 18, 20, 0, tzinfo=UTC)  # already May 19 in Shanghai
    stored(tmp_path, article(1, published=late))
    pipeline = ExportPostPipeline.from_crawler(crawler)
    pipeline.open_spider()
    done(pipeline.process_item(article(1, published=late)))
    pipeline.close_spider()
    assert [p.name for p in (tmp_path / "p").glob("*.md")] == ["2022-05-19-A1.md"]


def test_posts_are_archived_by_the_day_in_the_source_zone(tmp_path: Path) -> None:
    # A zone whose date today is not the machine's: the days are counted in the source zone.
    local_today = datetime.now().date()
    zone = next(
        z for z in ("Etc/GMT-14", "Etc/GMT+12") if datetime.now(ZoneInfo(z)).date() != local_today
    )
    crawler = crawler_for(tmp_path, "keep_days = 1\n")
    source = source_of(crawler)
    crawler.spidercls.source = source.model_copy(
        update={"post": source.post.model_copy(update={"timezone": zone})}
    )
    today = datetime.now(ZoneInfo(zone)).replace(hour=12, minute=0, second=0, microsecond=0)
    items = [article(n, published=today - timedelta(days=n)) for n in (0, 1, 2)]
    stored(tmp_path, *items)
    from newsbot.export import PostsDir

    posts = PostsDir(tmp_path / "p")  # written before keep_days was set
    template = source.post.model_copy(update={"keep_days": None})
    with Store(tmp_path / "n.db") as store:
        for item in items:
            posts.export(store.get_article(item.id), template, ZoneInfo(zone))
    pipeline = ExportPostPipeline.from_crawler(crawler)
    pipeline.open_spider()
    pipeline.close_spider()
    assert crawler.stats.get_value("newsbot/posts/archived") == 2
    assert [p.name[11:] for p in (tmp_path / "p").glob("*.md")] == ["A0.md"]


def test_export_pipeline_records_its_posts_so_an_export_skips_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsbot.cli import main

    crawler = crawler_for(tmp_path)
    stored(tmp_path, article(1), article(2))
    pipeline = ExportPostPipeline.from_crawler(crawler)
    pipeline.open_spider()
    done(pipeline.process_item(article(1)))
    done(pipeline.process_item(article(2)))
    pipeline.close_spider()
    with Store(tmp_path / "n.db") as store:
        assert set(store.post_records()) == {"A1", "A2"}
    posts = sorted((tmp_path / "p").glob("*.md"))
    # An edit that keeps the size and the mtime shows whether the export read the post.
    stat = posts[0].stat()
    edited = posts[0].read_bytes().replace("正文1".encode(), "正文X".encode())
    posts[0].write_bytes(edited)
    os.utime(posts[0], ns=(stat.st_atime_ns, stat.st_mtime_ns))
    args = ["--db", str(tmp_path / "n.db"), "--posts", str(tmp_path / "p")]
    assert main(["export", *args, "--sources", str(tmp_path / "sources")]) == 0
    assert "posts written: 0, unchanged: 2," in capsys.readouterr().out
    assert posts[0].read_bytes() == edited  # skipped: neither rendered nor read


@pytest.mark.parametrize(("workers", "threaded"), [(0, False), (1, True), (3, True)])
def test_the_crawls_writes_get_a_thread_only_while_extraction_has_workers(
    tmp_path: Path, workers: int, threaded: bool
) -> None:
    crawler = crawler_for(tmp_path, NEWSBOT_EXTRACT_WORKERS=workers)
    crawler.settings.frozen = False
    # A crawl's reactor (get_crawler names whatever reactor an earlier test installed, and
    # installs the one it is given).
    crawler.settings.set("TWISTED_REACTOR", ASYNCIO_REACTOR)
    store = StoreArticlePipeline.from_crawler(crawler)
    export = ExportPostPipeline.from_crawler(crawler)
    assert store.writer is export.writer  # one writer: the writes stay in order
    assert store.writer.threaded is threaded


def test_under_another_reactor_the_crawls_writes_stay_in_its_thread(tmp_path: Path) -> None:
    crawler = crawler_for(tmp_path, NEWSBOT_EXTRACT_WORKERS=1)
    crawler.settings.frozen = False
    crawler.settings.set("TWISTED_REACTOR", "twisted.internet.epollreactor.EPollReactor")
    assert StoreArticlePipeline.from_crawler(crawler).writer.threaded is False


@pytest.mark.parametrize(("backlog", "held"), [(5, 5), (0, 1)])
def test_the_crawls_writer_holds_the_backlog_the_settings_give(
    tmp_path: Path, backlog: int, held: int
) -> None:
    crawler = crawler_for(tmp_path, NEWSBOT_WRITE_BACKLOG=backlog)
    # At least one write, or no new article request could ever go.
    assert StoreArticlePipeline.from_crawler(crawler).writer.backlog == held


def test_a_threaded_writers_answer_and_error_reach_the_awaiting_pipeline() -> None:
    writer = Writer()
    release = threading.Event()

    def slow(value: str) -> str:
        assert release.wait(10)
        return value

    def boom() -> None:
        raise LookupError("article 'A1' is not in the store")

    async def await_both() -> tuple[str, BaseException | None]:
        answer = writer.submit(slow, "stored")
        failed = writer.submit(boom)
        assert not answer.done()  # the await below really waits for the thread
        release.set()
        value = await result_of(answer)
        try:
            await result_of(failed)
        except LookupError as exc:
            return value, exc
        return value, None

    value, error = asyncio.run(await_both())
    writer.close()
    assert value == "stored"
    assert isinstance(error, LookupError) and "A1" in str(error)
