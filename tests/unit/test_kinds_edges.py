"""Edges of the pure spider-kind code that the main kind tests leave open: links that are no
article (script, mail, anchors, no href, broken URLs), feeds entry by entry, sitemaps without
namespace or with comments, the exact reasons an answer is no page, and how a page is
extracted with its source's zone, clock, rules and HTTP charset."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from newsbot.config import Source, load_source
from newsbot.extract import ExtractedArticle
from newsbot.extract.page import parse_page
from newsbot.kinds.api import article_from_entry
from newsbot.kinds.pages import (
    Link,
    SitemapEntry,
    article_from_extracted,
    extract_checked,
    extract_for_source,
    feed_links,
    listing_links,
    next_pages,
    not_a_page,
    parse_sitemap,
    sitemap_day,
    sitemap_links,
)
from newsbot.kinds.urls import host_allowed, host_of, path_matches, url_problem

NOW = datetime(2022, 5, 20, tzinfo=UTC)


def make_source(tmp_path: Path, text: str) -> Source:
    path = tmp_path / "src.toml"
    path.write_text(text, "utf-8")
    return load_source(path)


# --- list pages -------------------------------------------------------------------------


def test_only_real_links_of_a_list_page_are_article_links() -> None:
    page = parse_page(
        """<html><head><link rel="stylesheet" href="/s/site.css"></head><body><ul>
<li><a href="javascript:void(0)">脚本</a></li><li><a href="mailto:x@paper.example">信</a></li>
<li><a href="#top">顶部</a></li><li><a name="anchor">无链接</a></li>
<li><a href="http://[::1/broken">坏链接</a></li><li><a href="  ">空白</a></li>
<li><a href="/a/1.html">文章</a></li></ul></body></html>""",
        "http://paper.example/list.html",
    )
    links = listing_links(page, [], timezone="UTC", now=NOW)
    assert [link.url for link in links] == ["http://paper.example/a/1.html"]


def test_a_list_link_titled_with_its_date_keeps_the_date_printed_beside_it() -> None:
    # Daily editions: the link's text is a date and the row prints the date again. Only the
    # link's own text is taken out of the row, so the printed date still dates it.
    page = parse_page(
        '<ul><li><a href="/e/1.html">2022-05-17</a> 2022-05-17</li></ul>',
        "http://paper.example/list.html",
    )
    (link,) = listing_links(page, [], timezone="UTC", now=NOW)
    assert link.hints() == {"listing": datetime(2022, 5, 17, tzinfo=UTC)}


def test_a_link_is_dated_only_when_it_has_both_a_date_and_its_source() -> None:
    when = datetime(2022, 5, 18, tzinfo=UTC)
    assert Link("http://a.example/1", date=when).hints() == {}
    assert Link("http://a.example/1", date_source="feed").hints() == {}
    assert Link("http://a.example/1", when, "feed").hints() == {"feed": when}


def test_next_page_is_named_by_a_links_own_text() -> None:
    # The block says 下一页 but its only link is an icon with no text: no next-page link.
    page = parse_page(
        '<div class="pages"><a href="/share.html"><img src="s.png"></a>下一页</div>',
        "http://paper.example/list.html",
    )
    assert next_pages(page, []) == []
    # A selector on a block follows the first link inside it.
    page = parse_page(
        '<div class="pages"><span>第1页</span><span class="nx"><a href="p2.html">2</a></span>'
        '<a href="p9.html">9</a></div>',
        "http://paper.example/news/list.html",
    )
    assert next_pages(page, ["span.nx"]) == ["http://paper.example/news/p2.html"]
    # The head's <link rel="next"> is a next-page link too.
    page = parse_page(
        '<html><head><link rel="next" href="p3.html"></head><body><p>x</p></body></html>',
        "http://paper.example/news/list.html",
    )
    assert next_pages(page, ["link[rel=next]"]) == ["http://paper.example/news/p3.html"]


# --- feeds ------------------------------------------------------------------------------

FEED = b"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>
<item><title>no link</title><description>x</description></item>
<item><title>Other</title><link>http://w.example/video/9.html</link></item>
<item><title>Guid</title><guid isPermaLink="false">http://w.example/a/7.html</guid>
<pubDate>Wed, 18 May 2022 08:32:00 +0200</pubDate></item>
<item><link>http://w.example/a/8.html</link><pubDate>2022-05-17 09:00</pubDate></item>
<item><title>Relative guid</title><guid isPermaLink="false">/a/9.html</guid></item>
</channel></rss>"""


def test_feed_entries_one_by_one() -> None:
    links = feed_links(FEED, "http://w.example/rss.xml", ["^/a/"], timezone="Europe/Paris", now=NOW)
    assert links == [
        # no <link>: the guid is the address
        Link("http://w.example/a/7.html", datetime(2022, 5, 18, 6, 32, tzinfo=UTC), "feed", "Guid"),
        # a date without zone is in the source's zone; an entry without title has ""
        Link("http://w.example/a/8.html", datetime(2022, 5, 17, 7, 0, tzinfo=UTC), "feed", ""),
        # feedparser leaves a guid as written: it is made absolute here
        Link("http://w.example/a/9.html", title="Relative guid"),
    ]
    assert [
        link.url
        for link in feed_links(FEED, "http://w.example/rss.xml", [], timezone="UTC", now=NOW)
    ] == [
        "http://w.example/video/9.html",
        "http://w.example/a/7.html",
        "http://w.example/a/8.html",
        "http://w.example/a/9.html",
    ]


def test_feed_dates_published_first_and_the_real_updated_kept() -> None:
    atom = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>t</title>
<entry><title>A</title><link href="/b/1"/><id>x1</id><published>2022-05-18T08:32:00Z</published>
<updated>2022-05-19T10:00:00Z</updated></entry>
<entry><title>B</title><link href="/b/2"/><id>x2</id><updated>2022-05-16T10:00:00Z</updated>
</entry>
<entry><title>C</title><link href="/b/3"/><id>x3</id></entry>
<entry><title>D</title><link href="/b/4"/><id>x4</id><published>3 days ago</published></entry>
</feed>"""
    links = feed_links(atom, "http://w.example/feeds/atom.xml", [], timezone="UTC", now=NOW)
    assert [(link.url, link.date, link.date_source, link.lastmod) for link in links] == [
        (
            "http://w.example/b/1",
            datetime(2022, 5, 18, 8, 32, tzinfo=UTC),
            "feed",
            "2022-05-19T10:00:00Z",
        ),
        (
            "http://w.example/b/2",
            datetime(2022, 5, 16, 10, 0, tzinfo=UTC),
            "feed",
            "2022-05-16T10:00:00Z",
        ),
        ("http://w.example/b/3", None, None, None),
        ("http://w.example/b/4", datetime(2022, 5, 17, tzinfo=UTC), "feed", None),
    ]
    assert [link.title for link in links] == ["A", "B", "C", "D"]


def test_a_document_that_is_no_feed_names_the_parse_error() -> None:
    with pytest.raises(ValueError, match=r"^not a feed: .*no element found$"):
        feed_links(b"<html><body><p>x</p>", "http://w.example/rss", [], timezone="UTC", now=NOW)


# --- sitemaps ---------------------------------------------------------------------------


def test_a_sitemap_without_namespace_and_with_comments_and_other_nodes() -> None:
    doc = b"""<?xml version="1.0"?><urlset><!-- generated --><meta>x</meta>
<url><loc>http://a.example/s/1.html</loc><lastmod>2022-05-18</lastmod></url>
<url><loc>http://a.example/s/2.html</loc></url></urlset>"""
    sitemap = parse_sitemap(doc)
    assert sitemap.is_index is False
    assert sitemap.entries == [
        SitemapEntry("http://a.example/s/1.html", "2022-05-18"),
        SitemapEntry("http://a.example/s/2.html"),
    ]
    assert parse_sitemap(
        b"<sitemapindex><sitemap><loc>http://a.example/1.xml</loc></sitemap></sitemapindex>"
    ).is_index


def test_a_sitemap_in_a_broken_namespace_is_read_by_local_names() -> None:
    # "}" is no URI character, but the parser recovers: the tag is "{http://x/}}url".
    doc = b'<urlset xmlns="http://x/}"><url><loc>http://a.example/s/1.html</loc></url></urlset>'
    assert parse_sitemap(doc).entries == [SitemapEntry("http://a.example/s/1.html")]


def test_a_document_with_no_element_is_an_empty_sitemap() -> None:
    with pytest.raises(ValueError, match=r"^empty sitemap$"):
        parse_sitemap(b"just text")


def test_sitemap_links_skip_other_paths_and_read_dates_in_the_source_zone() -> None:
    doc = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>http://a.example/other/1.html</loc></url>
<url><loc>http://a.example/s/2.html</loc><lastmod>2022-05-18 08:00</lastmod></url>
<url><loc>http://a.example/s/3.html</loc><lastmod>05-17 09:00</lastmod></url>
<url><loc>http://a.example/s/4.html</loc></url></urlset>"""
    links = sitemap_links(parse_sitemap(doc), ["/s/"], timezone="Europe/Paris", now=NOW)
    assert [(link.url, link.date) for link in links] == [
        ("http://a.example/s/2.html", datetime(2022, 5, 18, 6, 0, tzinfo=UTC)),
        ("http://a.example/s/3.html", datetime(2022, 5, 17, 7, 0, tzinfo=UTC)),  # year of now
        ("http://a.example/s/4.html", None),
    ]


def test_the_day_of_a_sitemap_is_in_its_own_file_name() -> None:
    assert sitemap_day(SitemapEntry("sitemap-2022-05-18.xml")) == date(2022, 5, 18)
    # A date higher up the path is not the file's; lastmod then decides.
    entry = SitemapEntry("http://a.example/2021-01-01/sitemap.xml", "2022-05-17T10:00:00Z")
    assert sitemap_day(entry) == date(2022, 5, 17)
    assert sitemap_day(SitemapEntry("http://a.example/2021-01-01/sitemap.xml")) is None


# --- answers that are no page -----------------------------------------------------------


def test_why_an_answer_is_no_page_is_said_exactly() -> None:
    assert not_a_page(b"%PDF-1.4 rest", "application/pdf; name=a.pdf; x=y") == (
        "not_html",
        "Content-Type application/pdf, not a page",
    )
    assert not_a_page(b"\n  %PDF-1.4 rest", None) == (
        "not_html",
        "no Content-Type, content is a document: b'\\n  %PDF-'",
    )
    assert not_a_page(b"\x89PNG\r\n\x1a\nrest", "Application/Octet-Stream; q=1") == (
        "not_html",
        "application/octet-stream, content is a document: b'\\x89PNG\\r\\n\\x1a\\n'",
    )
    assert not_a_page(b"<html><p>x</p></html>", "text/html; charset=utf-8; q=1") is None


# --- URLs -------------------------------------------------------------------------------


def test_urls_that_are_no_urls() -> None:
    assert host_of("http://[::1/a") == ""
    assert host_of("http://WWW.Example.com:8080/a") == "www.example.com"
    assert path_matches("http://[::1/a/1.html", [__import__("re").compile("/a/")]) is False
    assert url_problem("/a/1.html") == "not an absolute URL"
    assert url_problem("http:///a/1.html") == "not an absolute URL"
    assert url_problem("//a.example/1.html") == "not an absolute URL"
    assert url_problem("http://a.example/1.html") is None


def test_a_host_with_its_trailing_dot_is_the_same_host() -> None:
    assert host_allowed("www.example.com.", ["example.com"])
    assert host_allowed("Example.COM.", ["example.com"])
    assert not host_allowed("www.example.com.", ["example.org"])


# --- api entries --------------------------------------------------------------------------

API = """kind = "api"
base_url = "http://api.example.cn"
media = "Example"
[api]
list_urls = ["/list.json"]
items = "items"
article_url = "http://www.example.cn/a/{id}.html"
[api.fields]
id = "id"
title = "title"
published = "time"
"""


def test_an_api_entry_without_its_body_has_none(tmp_path: Path) -> None:
    detail = 'items = "items"\ndetail_url = "/d/{id}.json"\ndetail_body = "content"'
    without = make_source(tmp_path, API.replace('items = "items"', detail))
    assert article_from_entry({"id": 1, "title": "T"}, without, NOW).body_html == ""
    with_body = make_source(tmp_path, API + 'body = "html"\n')
    assert article_from_entry({"id": 1, "title": "T"}, with_body, NOW).body_html == ""
    assert article_from_entry({"id": 1, "html": "<p>b</p>"}, with_body, NOW).body_html == (
        "<p>b</p>"
    )


# --- extraction for a source ------------------------------------------------------------

RULED = """kind = "html"
base_url = "http://paper.example"
timezone = "Europe/Paris"
[html]
start_urls = ["/node_1.html"]
article_links = ['/content/']

[[rules]]
valid_until = 2021-12-31
body = ["div.old-body"]

[[rules]]
body = ["div.new-body"]
"""


def page_with(date_line: str) -> bytes:
    return f"""<html><head><title>标题</title></head><body><h1>标题</h1>
<div class="info">发布时间：{date_line}</div>
<div class="old-body"><p>旧版正文：这是改版前页面的正文内容，共有足够长的一段文字。</p></div>
<div class="new-body"><p>新版正文：这是改版后页面的正文内容，也有足够长的一段文字。</p></div>
</body></html>""".encode()


def test_pages_are_extracted_in_the_source_zone_with_the_rules_of_their_date(
    tmp_path: Path,
) -> None:
    source = make_source(tmp_path, RULED)
    url = "http://paper.example/content/1.html"
    old = extract_for_source(page_with("2020-06-01 09:00"), url, source, now=NOW)
    assert old.published == datetime(2020, 6, 1, 7, 0, tzinfo=UTC)  # Paris summer time
    assert old.body_text.startswith("旧版正文")
    new = extract_for_source(page_with("2022-05-18 08:32"), url, source, now=NOW)
    assert new.published == datetime(2022, 5, 18, 6, 32, tzinfo=UTC)
    assert new.body_text.startswith("新版正文")
    # The date known before fetching chooses the rules, whatever the page says.
    for hint, body in (
        (datetime(2022, 5, 1, tzinfo=UTC), "新版正文"),
        (datetime(2020, 5, 1, tzinfo=UTC), "旧版正文"),
    ):
        for page in (page_with("2020-06-01 09:00"), page_with("2022-05-18 08:32")):
            hinted = extract_for_source(page, url, source, now=NOW, hints={"listing": hint})
            assert hinted.body_text.startswith(body)


def test_a_date_after_the_clock_given_is_no_publication_date(tmp_path: Path) -> None:
    source = make_source(tmp_path, RULED)
    url = "http://paper.example/content/1.html"
    then = datetime(2021, 5, 20, tzinfo=UTC)
    page = page_with("2022-06-01 09:00</div><p>2021-05-18 09:00")
    # The labelled date is in the future of `then`: the page is dated by the other one, so it
    # is extracted again with the old rules, on the same clock and in the same zone.
    ruled = extract_for_source(page, url, source, now=then)
    assert ruled.published == datetime(2021, 5, 18, 7, 0, tzinfo=UTC)
    assert ruled.body_text.startswith("旧版正文")
    later = extract_for_source(page, url, source, now=datetime(2022, 7, 1, tzinfo=UTC))
    assert later.published == datetime(2022, 6, 1, 7, 0, tzinfo=UTC)
    assert later.body_text.startswith("新版正文")
    assert extract_for_source(page_with("2022-06-01 09:00"), url, None, now=then).published is None


def test_the_http_charset_is_used_and_a_contradicted_one_reported() -> None:
    html = (
        '<html><head><meta charset="utf-8"><title>新闻标题</title></head><body>'
        "<h1>新闻标题</h1><p>这是一段足够长的新闻正文，用来检查页面的字符集是否按照头部读取。</p>"
        "</body></html>"
    )
    url = "http://paper.example/content/1.html"
    gbk = extract_for_source(
        html.encode("gbk"), url, None, now=NOW, content_type="text/html; charset=gbk"
    )
    assert gbk.title == "新闻标题"
    assert gbk.encoding == "gb18030"
    html = html.replace('<meta charset="utf-8">', '<meta charset="gbk">')
    result, mismatch = extract_checked(html.encode(), url, None, now=NOW)
    assert (result.title, mismatch) == ("新闻标题", "declared gb18030, bytes are utf-8")
    _, header_wins = extract_checked(
        html.encode("gbk"), url, None, now=NOW, content_type="text/html; charset=gbk"
    )
    assert header_wins == ""


def extracted(**fields: object) -> ExtractedArticle:
    values: dict[str, object] = {
        "url": "http://paper.example/content/1.html",
        "title": "标题",
        "published": datetime(2022, 5, 18, tzinfo=UTC),
        "published_raw": "2022-05-18",
        "published_source": "meta",
        "media": "页面报",
        "authors": ["张三"],
        "body_html": "<p>正文</p>",
        "body_text": "正文",
        "lang": "zh",
        "encoding": "utf-8",
    }
    values.update(fields)
    return ExtractedArticle(**values)  # type: ignore[arg-type]


def test_an_extracted_page_becomes_the_stored_article(tmp_path: Path) -> None:
    source = make_source(tmp_path, RULED.replace('timezone = "Europe/Paris"', 'lang = "en"'))
    conflicts = ["json-ld 2022-05-18 vs url 2022-05-20"]
    art = article_from_extracted(extracted(date_conflicts=conflicts), source, NOW)
    assert (art.title, art.published_source, art.media, art.date_conflicts, art.lang) == (
        "标题",
        "meta",
        "页面报",
        conflicts,
        "zh",
    )
    bare = article_from_extracted(
        extracted(title=None, published_source=None, media="", lang=""), source, NOW
    )
    assert (bare.title, bare.published_source, bare.media, bare.lang) == ("", "", "", "en")
    assert bare.date_conflicts == []
