from __future__ import annotations

import gzip
from datetime import UTC, date, datetime

import pytest

from newsbot.extract.page import parse_page
from newsbot.kinds.pages import (
    feed_links,
    listing_links,
    next_pages,
    parse_sitemap,
    sitemap_links,
)

NOW = datetime(2022, 5, 20, tzinfo=UTC)
LIST = """<html><body><div class="nav"><a href="/about.html">关于</a></div><ul>
<li><a href="/content/2022-05/18/content_1.html">标题一</a><span>2022-05-18</span></li>
<li><a href="/content/2022-05/17/content_2.html#top">标题二</a> <em>05-17 09:30</em></li>
<li><a href="/content/2022-05/18/content_1.html">标题一（重复）</a></li></ul>
<div class="pages"><a href="node_1_2.html">下一页</a> <a class="last" href="node_1_9.html">尾页</a>
</div></body></html>"""


def test_listing_links_match_patterns_dedupe_and_carry_listing_dates() -> None:
    page = parse_page(LIST, "http://paper.example/news/node_1.html")
    links = listing_links(page, [r"/content/\d{4}-\d{2}/"], timezone="Asia/Shanghai", now=NOW)
    assert [link.url for link in links] == [
        "http://paper.example/content/2022-05/18/content_1.html",
        "http://paper.example/content/2022-05/17/content_2.html",
    ]
    assert links[0].hints()["listing"].isoformat() == "2022-05-18T00:00:00+08:00"
    assert links[1].hints()["listing"].isoformat() == "2022-05-17T09:30:00+08:00"


def test_next_pages_by_text_or_selector() -> None:
    page = parse_page(LIST, "http://paper.example/news/node_1.html")
    assert next_pages(page, []) == ["http://paper.example/news/node_1_2.html"]
    assert next_pages(page, ["a.last"]) == ["http://paper.example/news/node_1_9.html"]
    assert next_pages(page, ["//div[@class='pages']/a[2]"]) == [
        "http://paper.example/news/node_1_9.html"
    ]


RSS = b"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>
<item><title>One</title><link>http://w.example/a/1.html</link>
<pubDate>Wed, 18 May 2022 08:32:00 -0400</pubDate></item>
<item><title>Two</title><link>/a/2.html</link></item></channel></rss>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>t</title><entry><title>A</title><link href="http://w.example/b/1"/>
<updated>2022-05-18T08:32:00Z</updated><id>x</id></entry></feed>"""


def test_feed_entries_become_dated_links() -> None:
    links = feed_links(RSS, "http://w.example/rss.xml", [], timezone="UTC", now=NOW)
    assert [link.url for link in links] == [
        "http://w.example/a/1.html",
        "http://w.example/a/2.html",
    ]
    assert links[0].hints()["feed"].isoformat() == "2022-05-18T08:32:00-04:00"
    assert links[1].hints() == {}
    (atom,) = feed_links(ATOM, "http://w.example/atom", [], timezone="UTC", now=NOW)
    assert atom.hints()["feed"].isoformat() == "2022-05-18T08:32:00+00:00"


def test_not_a_feed_is_an_error() -> None:
    with pytest.raises(ValueError, match="not a feed"):
        feed_links(b"<html>\x00\x01 nope", "http://w.example/", [], timezone="UTC", now=NOW)


NEWS = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>http://m.example/s/1</loc><lastmod>2022-05-19</lastmod><news:news>
<news:publication_date>2022-05-18T07:45:00+01:00</news:publication_date>
<news:title>One</news:title></news:news></url>
<url><loc>http://m.example/s/old</loc><lastmod>2020-01-02</lastmod></url>
<url><loc>http://m.example/tag/x</loc></url></urlset>"""


def test_news_sitemap_keeps_publication_date() -> None:
    sitemap = parse_sitemap(gzip.compress(NEWS))
    assert not sitemap.is_index
    links = sitemap_links(sitemap, ["/s/"], timezone="UTC", now=NOW, since=date(2021, 1, 1))
    assert [link.url for link in links] == ["http://m.example/s/1"]
    assert links[0].hints()["sitemap"].isoformat() == "2022-05-18T07:45:00+01:00"
    assert links[0].title == "One"


def test_sitemap_index_and_no_entity_expansion() -> None:
    index = parse_sitemap(
        b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc>http://m.example/a.xml</loc></sitemap></sitemapindex>"
    )
    assert index.is_index and [e.loc for e in index.entries] == ["http://m.example/a.xml"]
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&e;</loc></url>'
        b"</urlset>"
    )
    assert all("root:" not in e.loc for e in parse_sitemap(evil).entries)


def test_gzip_bombs_are_refused() -> None:
    bomb = gzip.compress(b"<urlset>" + b" " * (60 * 1024 * 1024) + b"</urlset>")
    with pytest.raises(ValueError, match="larger than"):
        parse_sitemap(bomb)


RULED_SOURCE = """
kind = "html"
base_url = "http://paper.example"
media = "右江日报"
[html]
start_urls = ["/node_1.html"]
article_links = ['/content/']

[[rules]]
valid_until = 2021-12-31
body = ["div.old-body"]

[[rules]]
body = ["div.new-body"]
"""


def page_with(date_line: str) -> str:
    # Both layouts' containers are present, so only the rules decide which one is the body.
    return f"""<html><head><title>标题_右江日报</title></head><body><h1>标题</h1>
<div class="info">发布时间：{date_line}</div>
<div class="old-body"><p>旧版正文：这是改版前页面的正文内容，共有足够长的一段文字。</p></div>
<div class="new-body"><p>新版正文：这是改版后页面的正文内容，也有足够长的一段文字。</p></div>
</body></html>"""


def test_backfilled_pages_use_the_rules_of_their_date(tmp_path) -> None:
    from newsbot.config import load_source
    from newsbot.kinds.pages import extract_for_source

    path = tmp_path / "ruled.toml"
    path.write_text(RULED_SOURCE, "utf-8")
    source = load_source(path)
    url = "http://paper.example/content/1.html"
    old = extract_for_source(page_with("2020-06-01 09:00").encode(), url, source, now=NOW)
    new = extract_for_source(page_with("2022-05-18 08:32").encode(), url, source, now=NOW)
    assert old.body_text.startswith("旧版正文") and "新版" not in old.body_text
    assert new.body_text.startswith("新版正文") and "旧版" not in new.body_text
    hinted = extract_for_source(
        page_with("2022-05-18 08:32").encode(), url, source, now=NOW,
        hints={"listing": datetime(2020, 6, 1, tzinfo=UTC)},
    )  # fmt: skip
    assert hinted.body_text.startswith("旧版正文")


def test_answers_that_are_no_page() -> None:
    from newsbot.kinds.pages import not_a_page

    assert not_a_page(b"", "text/html")[0] == "empty_body"
    assert not_a_page(b" \n\t ", None)[0] == "empty_body"
    assert not_a_page(b"%PDF-1.4 ...", "application/pdf")[0] == "not_html"
    assert not_a_page(b"%PDF-1.4 ...", None)[0] == "not_html"
    assert not_a_page(b"\x89PNG\r\n", "application/octet-stream")[0] == "not_html"
    assert not_a_page(b"<html><p>x</p></html>", "text/html; charset=utf-8") is None
    assert not_a_page(b"<html><p>x</p></html>", None) is None
    assert not_a_page(b"<html><p>x</p></html>", "application/octet-stream") is None
    assert not_a_page(b"<?xml version='1.0'?><html/>", "application/xhtml+xml") is None


def test_sitemap_locations_that_are_no_url_are_kept_to_be_recorded() -> None:
    from newsbot.kinds.urls import url_problem

    doc = (
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>http://a.example/s/1.html</loc></url><url><loc>http://[::1/s/2.html</loc></url>"
        b"<url><loc>/s/3.html</loc></url><url><loc>http://a.example:99999/s/4.html</loc></url>"
        b"<url><loc>http://a.example/other/5.html</loc></url></urlset>"
    )
    links = sitemap_links(parse_sitemap(doc), ["/s/"], timezone="UTC", now=NOW)
    assert [link.url for link in links] == [
        "http://a.example/s/1.html",
        "http://[::1/s/2.html",
        "/s/3.html",
        "http://a.example:99999/s/4.html",
    ]
    assert [url_problem(link.url) is None for link in links] == [True, False, False, False]
