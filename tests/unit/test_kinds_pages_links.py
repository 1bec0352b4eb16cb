"""Page kinds beyond the basics: which anchors of a list page are article links and what date
and title each carries, next-page links, sitemap entries, and how an extracted page becomes
the stored Article with the source's zone, rules and name."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from newsbot.config import load_source
from newsbot.extract.page import parse_page
from newsbot.kinds.pages import (
    Link,
    Sitemap,
    SitemapEntry,
    article_from_extracted,
    article_id,
    extract_for_source,
    listing_links,
    next_pages,
    parse_sitemap,
    sitemap_day,
    sitemap_links,
)

NOW = datetime(2022, 5, 20, 12, 0, tzinfo=UTC)
BASE = "http://paper.example/news/list.html"
PATTERN = [r"/a/\d+\.html$"]


def links_of(body: str, timezone: str = "Asia/Shanghai") -> list[Link]:
    return listing_links(parse_page(body, BASE), PATTERN, timezone=timezone, now=NOW)


def test_only_real_article_hrefs_become_links_in_page_order() -> None:
    body = """<html><body>
    <a href="javascript:open('/a/1.html')">js</a><a href="mailto:x@a/2.html">mail</a>
    <a href="#/a/3.html">anchor</a><a href="">empty</a><a>none</a>
    <a href="  /a/4.html  ">四</a><a href="http://[::1/a/5.html">broken</a>
    <a href="/a/6.html#comments">六</a><a href="/b/7.html">other</a><a href="/a/4.html">dup</a>
    </body></html>"""
    links = links_of(body)
    assert [(link.url, link.title) for link in links] == [
        ("http://paper.example/a/4.html", "四"),
        ("http://paper.example/a/6.html", "六"),
    ]
    # Nothing beside them: no date, no date source.
    assert [(link.date, link.date_source, link.hints()) for link in links] == [(None, None, {})] * 2


def test_a_link_is_dated_by_its_own_row_in_the_source_zone() -> None:
    body = """<html><body><ul>
    <li><span><a href="/a/1.html">2021-01-01 开幕</a></span> <em>2022-05-18 08:30</em></li>
    <li><a href="/a/2.html">无日期</a></li>
    </ul><div>%s<a href="/a/3.html">三</a></div></body></html>""" % ("<a href='/x'>x</a>" * 60)
    first, second, third = links_of(body)
    # The date in the row, not the one in the link's own title; read in Shanghai time.
    assert first.date == datetime(2022, 5, 18, 0, 30, tzinfo=UTC)
    assert (first.date_source, first.hints()) == ("listing", {"listing": first.date})
    assert first.title == "2021-01-01 开幕"
    assert second.date is None
    assert third.date is None  # a whole block of links is no row
    assert links_of(body, timezone="UTC")[0].date == datetime(2022, 5, 18, 8, 30, tzinfo=UTC)


def test_a_row_of_200_characters_still_dates_its_link() -> None:
    filler = "说" * 189  # with the date: 200 characters
    body = f'<ul><li><a href="/a/1.html">t</a>{filler} 2022-05-18</li></ul>'
    (link,) = links_of(body)
    assert link.date is not None
    longer = f'<ul><li><a href="/a/1.html">t</a>{filler}长 2022-05-18</li></ul>'
    assert links_of(longer)[0].date is None


def test_next_pages_without_selectors_read_the_link_text() -> None:
    body = """<html><body>
    <a href="p2.html"> 下一页 </a><a href="p2.html">Next</a><a href="p3.html">older posts</a>
    <a href="javascript:go(4)">»</a><a href="p9.html">尾页</a><a href="p5.html">下一页吧</a>
    <a>›</a></body></html>"""
    page = parse_page(body, BASE)
    assert next_pages(page, []) == [
        "http://paper.example/news/p2.html",
        "http://paper.example/news/p3.html",
    ]


def test_next_pages_by_selector_take_the_link_inside_a_matched_block() -> None:
    body = """<html><body><div class="pager"><span>1</span><a href="p2.html#top">2</a></div>
    <li class="next"><a href="p2.html">more</a></li><li class="next"><span>none</span></li>
    </body></html>"""
    page = parse_page(body, BASE)
    assert next_pages(page, ["div.pager", "li.next"]) == ["http://paper.example/news/p2.html"]
    assert next_pages(page, ["span"]) == []


def test_sitemap_links_are_dated_by_news_date_then_lastmod_and_cut_at_since() -> None:
    sitemap = parse_sitemap(
        """<?xml version="1.0"?>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
            xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
    <url><loc> http://w.example/a/1.html </loc><lastmod>2022-05-19</lastmod>
      <news:news><news:publication_date>2022-05-18T08:30:00+08:00</news:publication_date>
      <news:title>一</news:title></news:news></url>
    <url><loc>http://w.example/a/2.html</loc><lastmod>2022-05-10</lastmod></url>
    <url><loc>http://w.example/a/3.html</loc></url>
    <url><loc>http://w.example/b/4.html</loc></url>
    <url><lastmod>2022-05-10</lastmod></url>
    </urlset>""".encode()
    )
    assert not sitemap.is_index
    links = sitemap_links(sitemap, PATTERN, timezone="Asia/Shanghai", now=NOW)
    assert links == [
        Link("http://w.example/a/1.html", datetime(2022, 5, 18, 0, 30, tzinfo=UTC), "sitemap",
             "一", "2022-05-19"),
        Link("http://w.example/a/2.html", datetime(2022, 5, 9, 16, 0, tzinfo=UTC), "sitemap",
             "", "2022-05-10"),
        Link("http://w.example/a/3.html"),
    ]  # fmt: skip
    recent = sitemap_links(sitemap, PATTERN, timezone="UTC", now=NOW, since=date(2022, 5, 18))
    assert [link.url for link in recent] == [
        "http://w.example/a/1.html",
        "http://w.example/a/3.html",  # undated: kept
    ]
    on_the_day = sitemap_links(sitemap, PATTERN, timezone="UTC", now=NOW, since=date(2022, 5, 10))
    assert len(on_the_day) == 3


def test_sitemap_day_from_the_file_name_else_lastmod() -> None:
    assert sitemap_day(SitemapEntry("http://w.example/s/sitemap-2022-05-18.xml")) == date(
        2022, 5, 18
    )
    assert sitemap_day(SitemapEntry("http://w.example/2021-01-01/s-20220517.xml")) == date(
        2022, 5, 17
    )
    assert sitemap_day(SitemapEntry("http://w.example/s/news.xml", "2022-05-16T10:00Z")) == date(
        2022, 5, 16
    )
    # An impossible date in the name: the lastmod decides.
    assert sitemap_day(SitemapEntry("http://w.example/s-2022-13-45.xml", "2022-05-15")) == date(
        2022, 5, 15
    )
    assert sitemap_day(SitemapEntry("http://w.example/s/news.xml")) is None
    assert sitemap_day(SitemapEntry("http://w.example/s-2022-13-45.xml")) is None


def test_a_sitemap_index_lists_sitemaps() -> None:
    index = parse_sitemap(b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>http://w.example/s-1.xml</loc><lastmod>2022-05-18</lastmod></sitemap>
    <!-- a comment --><other><loc>http://w.example/x.xml</loc></other>
    </sitemapindex>""")
    assert index == Sitemap(True, [SitemapEntry("http://w.example/s-1.xml", "2022-05-18")])


SOURCE = """kind = "html"
base_url = "http://paper.example"
timezone = "Asia/Shanghai"
lang = "zh"
media = "示例日报"

[html]
start_urls = ["/news/list.html"]
article_links = ['/a/\\d+\\.html$']
"""
RULES = """
[[rules]]
valid_until = 2021-12-31
body = ["div.old"]

[[rules]]
valid_from = 2022-01-01
body = ["div.new"]
"""
ARTICLE = """<html lang="en"><head><title>示例标题</title>
<meta name="author" content="李四"></head><body><h1>示例标题</h1>
<p class="date">发布时间：{when}</p>
<div class="old"><p>旧版正文。旧版的正文在这里，足够长，足够长，足够长，足够长，足够长。</p></div>
<div class="new"><p>新版正文。新版的正文在这里，足够长，足够长，足够长，足够长，足够长。</p></div>
</body></html>"""


def source_file(tmp_path: Path, extra: str = "", media: bool = True) -> object:
    path = tmp_path / "paper.toml"
    text = SOURCE if media else SOURCE.replace('media = "示例日报"\n', "")
    path.write_text(text + extra, "utf-8")
    return load_source(path)


def test_an_extracted_page_becomes_the_stored_article(tmp_path: Path) -> None:
    source = source_file(tmp_path)
    url = "http://paper.example/a/1.html?b=2&a=1#top"
    result = extract_for_source(ARTICLE.format(when="2022-05-18 08:30"), url, source, now=NOW)
    art = article_from_extracted(result, source, NOW)
    assert art.id == article_id("http://paper.example/a/1.html?a=1&b=2")
    assert (art.source, art.url, art.title) == ("paper", result.url, "示例标题")
    assert art.published == datetime(2022, 5, 18, 0, 30, tzinfo=UTC)  # the source's zone
    assert art.published_raw == result.published_raw
    assert art.published_source == result.published_source != ""
    assert art.media == "示例日报"  # the source's name wins
    assert art.authors == ["李四"]
    assert art.body_html == result.body_html
    assert "正文" in art.body_text
    assert art.lang == "en"  # the page's own language
    assert art.fetched_at == NOW
    assert art.date_conflicts == list(result.date_conflicts)


def test_without_a_source_media_or_page_lang_the_page_and_source_fill_in(tmp_path: Path) -> None:
    source = source_file(tmp_path, media=False)
    page = ARTICLE.format(when="2022-05-18 08:30").replace(' lang="en"', "")
    page = page.replace("<head>", '<head><meta property="og:site_name" content="页面日报">')
    result = extract_for_source(page, "http://paper.example/a/1.html", source, now=NOW)
    art = article_from_extracted(result, source, NOW)
    assert art.media == "页面日报"
    assert art.lang == "zh"


def test_dates_after_now_are_refused_and_the_header_charset_is_used(tmp_path: Path) -> None:
    source = source_file(tmp_path)
    body = ARTICLE.format(when="2022-05-18 08:30").encode("gbk")
    result = extract_for_source(
        body,
        "http://paper.example/a/1.html",
        source,
        now=NOW,
        content_type="text/html; charset=gbk",
    )
    assert result.title == "示例标题"
    assert result.published == datetime(2022, 5, 18, 0, 30, tzinfo=UTC)
    # A date after now is no publication date.
    future = ARTICLE.format(when="2022-05-25 08:30")
    assert (
        extract_for_source(future, "http://paper.example/a/1.html", source, now=NOW).published
        is None
    )


def test_without_a_source_extraction_is_automatic_and_takes_hints(tmp_path: Path) -> None:
    url = "http://paper.example/a/1.html"
    hint = {"listing": datetime(2022, 5, 17, 1, 0, tzinfo=UTC)}
    page = ARTICLE.format(when="")
    result = extract_for_source(page, url, None, now=NOW, hints=hint)
    assert result.published == hint["listing"]
    assert result.url == url
    assert extract_for_source(page, url, None, now=NOW).published is None


def test_rules_follow_the_hinted_day_else_the_page_date(tmp_path: Path) -> None:
    source = source_file(tmp_path, RULES)
    url = "http://paper.example/a/1.html"
    new = extract_for_source(ARTICLE.format(when="2022-05-18 08:30"), url, source, now=NOW)
    assert new.body_text.startswith("新版正文") and "旧版" not in new.body_text
    old = extract_for_source(ARTICLE.format(when="2020-05-18 08:30"), url, source, now=NOW)
    assert old.body_text.startswith("旧版正文") and "新版" not in old.body_text
    hint = {"sitemap": datetime(2020, 5, 18, tzinfo=UTC)}
    hinted = extract_for_source(ARTICLE.format(when=""), url, source, now=NOW, hints=hint)
    assert hinted.body_text.startswith("旧版正文")
    assert hinted.published == hint["sitemap"]
