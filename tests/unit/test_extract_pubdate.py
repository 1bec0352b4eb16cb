"""find_published on small hand-written pages: each signal, priorities, hints and failures."""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from newsbot.extract import months, pubdate
from newsbot.extract.page import parse_page
from newsbot.extract.pubdate import DateFinding, find_published

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2022, 6, 1, 12, 0, tzinfo=SHANGHAI)
URL = "https://news.example.cn/a/article.html"


def page_of(body: str, head: str = "", url: str = URL, title: str = "Storm hits coast"):
    html = (
        f"<html><head><title>{title} - Example News</title>{head}</head>"
        f"<body><nav><a href='/'>Home</a></nav><h1>{title}</h1>{body}</body></html>"
    )
    return parse_page(html, url)


def find(page, **kwargs) -> DateFinding:
    kwargs.setdefault("now", NOW)
    return find_published(page, **kwargs)


def day(finding: DateFinding) -> str | None:
    return finding.published.date().isoformat() if finding.published else None


def test_json_ld_date_published_keeps_offset():
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "datePublished": "2022-05-18T08:32:00-04:00",'
        ' "dateModified": "2022-05-20T10:00:00-04:00"}</script>'
    )
    f = find(page_of("<p>Body.</p>", head))
    assert f.source == "json-ld"
    assert f.raw == "2022-05-18T08:32:00-04:00"
    assert f.published == datetime(2022, 5, 18, 8, 32, tzinfo=ZoneInfo("America/New_York"))
    assert f.published.utcoffset() == timedelta(hours=-4)


def test_json_ld_graph_and_date_created():
    head = (
        '<script type="application/ld+json">{"@graph": [{"@type": "WebSite"},'
        ' {"@type": "Article", "dateCreated": "2022-05-17T09:00:00+08:00"}]}</script>'
    )
    f = find(page_of("<p>Body.</p>", head))
    assert (f.source, day(f)) == ("json-ld", "2022-05-17")


def test_date_modified_only_when_nothing_else():
    head = (
        '<script type="application/ld+json">{"@type": "Article",'
        ' "dateModified": "2022-05-20T10:00:00+08:00"}</script>'
    )
    assert day(find(page_of("<p>Body.</p>", head))) == "2022-05-20"
    head += '<meta property="article:published_time" content="2022-05-18T08:32:00+08:00">'
    assert day(find(page_of("<p>Body.</p>", head))) == "2022-05-18"


@pytest.mark.parametrize(
    "name",
    [
        "article:published_time",
        "og:published_time",
        "pubdate",
        "publishdate",
        "PubDate",
        "dc.date.issued",
        "sailthru.date",
        "parsely-pub-date",
        "ArticlePublishedDate",
        "cXenseParse:publishtime",
        "cXenseParse:recs:publishtime",
    ],
)
def test_meta_tags(name):
    attr = "property" if ":" in name else "name"
    head = f'<meta {attr}="{name}" content="2022-05-18 08:32:24">'
    f = find(page_of("<p>Body.</p>", head))
    assert f.source == "meta"
    assert f.published == datetime(2022, 5, 18, 8, 32, 24, tzinfo=SHANGHAI)


def test_meta_without_zone_uses_given_timezone():
    head = '<meta name="publishdate" content="2022-05-18 08:32">'
    f = find(page_of("", head), timezone="Europe/Berlin")
    assert f.published == datetime(2022, 5, 18, 8, 32, tzinfo=ZoneInfo("Europe/Berlin"))


def test_time_element_and_itemprop():
    f = find(page_of('<p><time datetime="2022-05-18T08:32:00+08:00" pubdate>May 18</time></p>'))
    assert (f.source, day(f)) == ("time", "2022-05-18")
    f = find(page_of('<span itemprop="datePublished" content="2022-05-17">17 May</span>'))
    assert (f.source, day(f)) == ("time", "2022-05-17")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://e.cn/news/2022-05/18/c_1128661111.htm", "2022-05-18"),
        ("https://e.com/2022/05/18/storm-hits-coast/", "2022-05-18"),
        ("https://e.cn/content/20220518/storm.html", "2022-05-18"),
        ("https://e.gov.cn/xwdt/202205/t20220518_123456.html", "2022-05-18"),
        ("https://e.com/news/storm-2022-05-18.html", "2022-05-18"),
        ("https://e.com/blog/2004/12/27/41810.aspx", "2004-12-27"),
        ("http://politics.e.com.cn/n1/2022/0518/c1001-32423222.html", "2022-05-18"),
        ("https://www.e.com.cn/gn/2022/05-18/9757654.shtml", "2022-05-18"),
    ],
)
def test_url_patterns(url, expected):
    f = find(page_of("<p>No date here.</p>", url=url))
    assert (f.source, day(f)) == ("url", expected)


@pytest.mark.parametrize(
    "url",
    [
        "https://e.com/article215506390.shtml",
        "https://e.com/2022/1234/story.html",  # no month 12, day 34
        "https://e.com/2022/0518story.html",  # not a folder of its own
    ],
)
def test_url_ids_are_not_dates(url: str):
    f = find(page_of("<p>No date.</p>", url=url))
    assert f.published is None


def test_chinese_label_line_with_time():
    body = (
        '<div class="info">发布时间：2022-05-18 08:32 来源：右江日报</div>'
        "<p>正文……2021年3月1日曾报道。</p>"
    )
    f = find(page_of(body, title="右江新闻"))
    assert f.source == "text"
    assert f.published == datetime(2022, 5, 18, 8, 32, tzinfo=SHANGHAI)


def test_chinese_date_written_in_characters():
    f = find(page_of("<p class='time'>2022年05月18日 08:32</p><p>正文</p>", title="右江新闻"))
    assert f.published == datetime(2022, 5, 18, 8, 32, tzinfo=SHANGHAI)


def test_published_line_preferred_over_updated_line():
    body = (
        '<div class="byline">Updated May 20, 2022 10:00 AM</div>'
        '<div class="byline">Published May 18, 2022</div><p>Text.</p>'
    )
    f = find(page_of(body), timezone="America/New_York")
    assert day(f) == "2022-05-18"


def test_updated_line_used_when_alone():
    f = find(page_of("<div>Last updated: 20.05.2022</div><p>Text.</p>"))
    assert day(f) == "2022-05-20"


def test_foreign_month_names_and_day_first():
    f = find(page_of("<p class='date'>Veröffentlicht am 6. August 2021</p><p>Text.</p>"))
    assert day(f) == "2021-08-06"
    f = find(page_of("<p class='date'>06.08.2021, 14:30 Uhr</p><p>Text.</p>"))
    assert f.published is not None
    assert (day(f), f.published.hour) == ("2021-08-06", 14)


def test_structured_data_beats_text():
    head = '<meta property="article:published_time" content="2022-05-18T08:32:00+08:00">'
    body = "<p class='date'>Published May 10, 2022</p>"
    f = find(page_of(body, head))
    assert (f.source, day(f)) == ("meta", "2022-05-18")
    assert f.conflicts == ["meta 2022-05-18 vs text 2022-05-10"]
    assert ("text", datetime(2022, 5, 10, tzinfo=SHANGHAI)) in f.candidates


def test_time_preferred_when_day_agrees():
    url = "https://e.com/2022/05/18/storm/"
    f = find(page_of('<div class="date">Published: 2022-05-18 08:32</div>', url=url))
    assert f.published == datetime(2022, 5, 18, 8, 32, tzinfo=SHANGHAI)
    assert f.conflicts == []


def test_utc_value_shown_in_page_offset():
    head = '<meta property="article:published_time" content="2023-11-09T02:11:03+00:00">'
    body = '<time class="published" datetime="2023-11-08T21:11:03-05:00">Nov 8</time>'
    f = find(page_of(body, head), now=datetime(2024, 1, 1, tzinfo=UTC))
    assert day(f) == "2023-11-08"
    assert f.published.utcoffset() == timedelta(hours=-5)


def test_teaser_list_dates_do_not_win():
    items = "".join(
        f'<li><a href="/n{i}">Other headline number {i} here <span class="date">'
        f"0{i}.05.2022</span></a></li>"
        for i in range(1, 6)
    )
    body = f'<p class="meta">Posted on 18.05.2022</p><p>Text.</p><ul class="news">{items}</ul>'
    assert day(find(page_of(body))) == "2022-05-18"


def test_selectors_take_precedence():
    head = '<meta property="article:published_time" content="2022-05-18T08:32:00+08:00">'
    body = '<div id="x"><span class="pt">2022/05/19 10:00</span></div>'
    f = find(page_of(body, head), selectors=["span.pt"])
    assert (f.source, f.published) == ("rule", datetime(2022, 5, 19, 10, 0, tzinfo=SHANGHAI))
    f = find(page_of(body, head), selectors=["//div[@id='x']/span/text()"])
    assert (f.source, day(f)) == ("rule", "2022-05-19")
    # A selector that matches nothing (or is broken) leaves the other signals in charge.
    f = find(page_of(body, head), selectors=["span.none", "//*[", "(("])
    assert (f.source, day(f)) == ("meta", "2022-05-18")


def test_hint_used_when_page_has_no_date():
    feed = datetime(2022, 5, 21, 9, 0, tzinfo=SHANGHAI)
    f = find(page_of("<p>No date.</p>"), hints={"first_seen": NOW, "feed": feed})
    assert (f.source, f.published) == ("feed", feed)


def test_hint_conflict_note():
    head = '<meta property="article:published_time" content="2022-05-18T08:32:00+08:00">'
    feed = datetime(2022, 5, 21, 9, 0, tzinfo=SHANGHAI)
    f = find(page_of("", head), hints={"feed": feed})
    assert (f.source, day(f)) == ("meta", "2022-05-18")
    assert f.conflicts == ["meta 2022-05-18 vs feed 2022-05-21"]
    # Within a day: no conflict.
    f = find(page_of("", head), hints={"feed": datetime(2022, 5, 18, 20, tzinfo=SHANGHAI)})
    assert f.conflicts == []


def test_a_conflict_names_the_strongest_signal_of_each_kind():
    # Two dated elements of one kind disagree with the structured date: the note names the
    # one that weighs more (the marked publication), not a plain <time> before it.
    head = (
        '<meta property="article:published_time" content="2022-05-18T08:32:00+08:00">'
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        '"datePublished": "2022-05-18T08:32:00+08:00"}</script>'
    )
    body = (
        "<p><time datetime='2022-05-14T08:00:00+08:00'>May 14</time></p>"
        "<p><time class='entry-date published' datetime='2022-05-10T08:00:00+08:00'>May 10"
        "</time></p>"
    )
    f = find(page_of(body, head))
    assert day(f) == "2022-05-18"
    assert [note.split(" vs ")[1] for note in f.conflicts] == ["time 2022-05-10"]


def test_future_dates_rejected():
    head = '<meta property="article:published_time" content="2022-07-18T08:32:00+08:00">'
    f = find(page_of("<p class='date'>2022-05-18</p>", head))
    assert day(f) == "2022-05-18"
    assert find(page_of("", head)).published is None


def test_absurd_past_years_rejected():
    f = find(
        page_of("<p class='date'>Published: 1990-05-18</p>", url="https://e.com/x/1980/01/02/")
    )
    assert f.published is None


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<html></html>",
        "not html at all <<<>>>",
        "<html><body><p>Version 1.2.3, score 3/5, call 010-12345678</p></body></html>",
        '<script type="application/ld+json">{"datePublished": ["x", 5, null, {"a": 1}]}</script>',
        '<meta name="pubdate" content="2022-13-45"><time datetime="soon-ish">?</time>',
    ],
)
def test_garbage_pages_give_none(html):
    f = find_published(parse_page(html, ""), now=NOW)
    assert f == DateFinding(None, None, None, [], [])


def test_bytes_page_in_gbk():
    html = "<html><head><meta charset='gbk'></head><body><h1>标题</h1>"
    html += "<div>2022年05月18日 08:32 来源：新华网</div></body></html>"
    f = find(parse_page(html.encode("gbk"), URL))
    assert f.published == datetime(2022, 5, 18, 8, 32, tzinfo=SHANGHAI)


def html_page(body: str, head: str = "", url: str = URL, lang: str = "") -> object:
    lang_attr = f' lang="{lang}"' if lang else ""
    html = (
        f"<html{lang_attr}><head><title>Storm hits coast</title>{head}</head>"
        f"<body><h1>Storm hits coast</h1>{body}</body></html>"
    )
    return parse_page(html, url)


def test_asctime_value_in_json_ld():
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "datePublished": "Tue Jul 30 09:35:14 CEST 2019"}</script>'
    )
    f = find(page_of("<p>Body.</p>", head), timezone="Europe/Berlin")
    assert f.published == datetime(2019, 7, 30, 7, 35, 14, tzinfo=UTC)
    assert f.published.utcoffset() == timedelta(hours=2)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("de", "2009-08-06"), ("en-GB", "2009-08-06"), ("en-US", "2009-06-08"), ("en", "2009-06-08")],
)
def test_numeric_order_of_structured_values_follows_page_language(lang, expected):
    head = '<meta name="pubdate" content="06/08/2009 14:12">'
    f = find(html_page("<p>Body.</p>", head, lang=lang), timezone="Europe/Berlin")
    assert day(f) == expected


def test_day_first_value_with_offset_on_german_page():
    head = '<meta name="pubdate" content="06-08-2009T14:12:32+0200">'
    f = find(html_page("<p>Body.</p>", head, lang="de"), timezone="Europe/Berlin")
    assert f.published == datetime(2009, 8, 6, 14, 12, 32, tzinfo=ZoneInfo("Europe/Berlin"))


def test_utc_value_shown_in_source_zone():
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "datePublished": "2020-12-05T23:15:0Z"}</script>'
    )
    f = find(page_of("<p>Body.</p>", head), timezone="Europe/Rome")
    assert day(f) == "2020-12-06"  # 00:15 in Rome, the day its readers saw
    assert f.published == datetime(2020, 12, 5, 23, 15, tzinfo=UTC)
    assert day(find(page_of("<p>Body.</p>", head), timezone="UTC")) == "2020-12-05"


def test_shown_date_confirmed_by_date_modified_wins():
    # A revised article: metadata keeps the first publication, the page shows the revision.
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "datePublished": "2022-05-10T09:00:00+02:00",'
        ' "dateModified": "2022-05-18T10:14:00+02:00"}</script>'
    )
    body = '<p class="date">18.05.2022, 07:30 Uhr</p><p>Text.</p>'
    f = find(page_of(body, head), timezone="Europe/Berlin")
    assert (f.source, day(f)) == ("text", "2022-05-18")
    # Shown but not confirmed by dateModified: the metadata stands.
    head = head.replace("2022-05-18T10:14", "2022-05-19T10:14")
    f = find(page_of(body, head), timezone="Europe/Berlin")
    assert (f.source, day(f)) == ("json-ld", "2022-05-10")


def test_shown_publication_date_beats_shown_update():
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "datePublished": "2022-05-10T09:00:00-04:00",'
        ' "dateModified": "2022-05-18T16:17:00-04:00"}</script>'
    )
    body = (
        '<div class="byline"><span>Updated: May 18, 2022 4:17 pm</span> / '
        "<span>May 10, 2022 9:00 am</span></div><p>Text.</p>"
    )
    f = find(page_of(body, head), timezone="America/New_York")
    assert day(f) == "2022-05-10"
    # Only the update is shown: the page is dated as shown.
    body = '<div class="byline"><span>Updated May 18, 2022 4:17 pm</span></div><p>Text.</p>'
    f = find(page_of(body, head), timezone="America/New_York")
    assert day(f) == "2022-05-18"


@pytest.mark.parametrize("url", ["https://e.de/", "https://e.de", "https://e.de/de/index.html"])
def test_front_page_is_as_recent_as_its_newest_timed_item(url):
    items = "".join(
        f'<div class="teaser"><h3>Headline {i}</h3><span>0{i}.05.2022 1{i}:15</span></div>'
        for i in (3, 5, 4)
    )
    # Untimed dates in prose are often events, even future ones.
    body = f"<p>The fair runs from 6. Mai 2022 to 25. Mai 2022.</p>{items}"
    f = find(html_page(body, url=url, lang="de"), timezone="Europe/Berlin")
    assert f.published == datetime(2022, 5, 5, 15, 15, tzinfo=ZoneInfo("Europe/Berlin"))
    # Not on an article page (a query string names an article too).
    for article in ("https://e.de/politik/storm.html", "https://e.de/?p=1700"):
        f = find(html_page(body, url=article, lang="de"), timezone="Europe/Berlin")
        assert day(f) != "2022-05-05"


def test_arabic_month_names():
    body = '<div class="article_created">تم نشره الجمعة 24 نيسان / أبريل 2020 09:22</div><p>نص</p>'
    f = find(html_page(body, lang="ar"), timezone="Asia/Amman")
    assert day(f) == "2020-04-24"
    body = "<p class='date'>5 ديسمبر 2021</p><p>نص</p>"
    assert day(find(html_page(body, lang="ar"), timezone="Asia/Amman")) == "2021-12-05"


def test_header_clock_is_not_the_article_date():
    body = (
        '<div id="header"><span id="clock">Donnerstag, 16. Mai 2022</span></div>'
        '<div class="box"><span>14. Mai 2022</span></div><p>Text.</p>'
    )
    f = find(html_page(body, lang="de", url="https://e.de/a/storm.html"))
    assert day(f) == "2022-05-14"


def test_rule_selectors_may_pick_an_attribute_or_an_element() -> None:
    body = (
        '<div class="meta" data-ts="2022-05-18 08:32">今天 天气晴</div>'
        '<span class="stamp">2022年05月17日 07:10</span>'
    )
    page = page_of(body)
    by_attribute = find_published(page, now=NOW, selectors=["//div[@class='meta']/@data-ts"])
    assert by_attribute.source == "rule"
    assert by_attribute.published.isoformat() == "2022-05-18T08:32:00+08:00"
    by_css = find_published(page, now=NOW, selectors=["span.stamp"])
    assert by_css.published.isoformat() == "2022-05-17T07:10:00+08:00"


def test_tie_between_structured_dates_goes_to_the_earlier_day():
    # Two signals of the same weight disagree: the earlier day is the first publication.
    head = (
        '<meta property="article:published_time" content="2022-05-19T09:00:00+08:00">'
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "datePublished": "2022-05-18T09:00:00+08:00"}</script>'
    )
    assert day(find(page_of("<p>Body.</p>", head))) == "2022-05-18"
    head = head.replace("05-19", "05-17")
    assert day(find(page_of("<p>Body.</p>", head))) == "2022-05-17"


def test_article_nested_as_main_entity_of_the_web_page():
    head = (
        '<script type="application/ld+json">{"@type": "WebPage", "mainEntity":'
        ' {"@type": "NewsArticle", "datePublished": "2022-05-18T20:44:00+0200"}}</script>'
    )
    body = '<p><time datetime="2022-05-18 20:44">18.05.2022, 20:44</time></p><p>Body.</p>'
    f = find(page_of(body, head), timezone="UTC")
    assert f.source == "json-ld"
    assert f.published == datetime(2022, 5, 18, 18, 44, tzinfo=UTC)
    assert f.published.utcoffset() == timedelta(hours=2)


def test_related_articles_and_the_site_do_not_date_the_page():
    # The article names the page's URL; a teaser of a related article comes first and the
    # site object carries its founding date: neither votes.
    head = (
        '<script type="application/ld+json">[{"@type": "WebSite",'
        ' "datePublished": "2015-01-01"}, {"@type": "NewsArticle", "url": "https://news'
        '.example.cn/b/other.html", "datePublished": "2022-04-02T10:00:00+08:00"}]</script>'
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "mainEntityOfPage": {"@id": "https://news.example.cn/a/article.html"},'
        ' "datePublished": "2022-05-18T09:00:00+08:00"}</script>'
        '<meta name="date" content="2022-04-02">'
    )
    teaser = '<aside><a href="/b/other.html"><time datetime="2022-04-02">2 April</time></a></aside>'
    f = find(page_of(f"<p>Body.</p>{teaser}", head))
    assert (f.source, day(f)) == ("json-ld", "2022-05-18")


def test_site_date_alone_is_not_the_publication_date():
    head = '<script type="application/ld+json">{"@type": "WebSite", "datePublished": "2015-01-01"}'
    head += "</script>"
    f = find(page_of("<p>18 May 2022</p><p>Body.</p>", head))
    assert day(f) == "2022-05-18"


@pytest.mark.parametrize(
    "wrapped",
    [
        "//<![CDATA[\n{}\n//]]>",
        "/*<![CDATA[*/{}/*]]>*/",
        "<![CDATA[{}]]>",
        "<!--{}-->",
    ],
)
def test_json_ld_inside_cdata_or_comment(wrapped):
    data = '{"@type": "NewsArticle", "datePublished": "2022-05-18T09:00:00+08:00"}'
    head = f'<script type="application/ld+json">{wrapped.format(data)}</script>'
    f = find(page_of("<p>Body.</p>", head))
    assert (f.source, day(f)) == ("json-ld", "2022-05-18")


def test_wall_time_takes_the_offset_the_page_gives_elsewhere():
    # The meta tag has only the day's date with an offset; the visible line has the time.
    head = '<meta property="article:modified_time" content="2022-05-19T10:00:00+02:00">'
    body = '<p class="date">Veröffentlicht: 18.05.2022, 20:44 Uhr</p><p>Text.</p>'
    f = find(page_of(body, head), timezone="UTC")
    assert f.published is not None
    assert f.published.isoformat() == "2022-05-18T20:44:00+02:00"


# --------------------------------------------------------------------------- anchored search

DATE_TEXTS = [
    "Published 2022-05-18 08:32 by staff. Updated 18.05.2022, 20:44 Uhr; 05/18/2022 too.",
    "发布时间：2022年5月18日 08:32 来源：新华网\n2021 年 12 月 3 日\n二〇二二年",
    "Le 3 mars 2021 à 14h12, 18th of May, 2022; May 18th, 2022; 02.12.19 and 2.12.19.",
    "نُشر في 12 كانون الثاني / يناير 2023 وفي 1 تشرين الأول 2020.",
    "18 | 05 | 2022, 2019202, 20192020-01-02, 1999.12.31.2000, 12.2019.05, 2020/1/2/3",
    "x" * 500 + " 7 de septiembre de 2020 " + "y" * 500 + "31.12.2020" + "z" * 300,
    "numbers 1234 5678 2019 ab 2020cd 1920s 00.00.00 01.13.40 99.99.99 3.01.44",
]


def _match_list(matches):
    return [(m.span(), m.group()) for m in matches]


def test_anchored_date_search_finds_what_the_full_regex_finds() -> None:
    rng = random.Random(10)
    tokens = [*DATE_TEXTS, " ", "\n", "abc ", "20", "19", ".", "-", "/", "05", "May ", "年"]
    texts = [*DATE_TEXTS, "".join(DATE_TEXTS)]
    texts += ["".join(rng.choice(tokens) for _ in range(rng.randint(1, 40))) for _ in range(200)]
    found = 0
    for text in texts:
        full = _match_list(pubdate._text_date_re().finditer(text))
        assert _match_list(pubdate._text_dates(text)) == full, text
        found += len(full)
    assert found > 300


def test_anchored_date_search_reaches_the_longest_match() -> None:
    # Day, suffix and two of the longest month names before the year: the window before the
    # year anchor must hold it all.
    month = max(pubdate._MONTHS, key=len)
    assert len(month) <= pubdate._MAX_MONTH_CHARS
    date = f"31st. of {month} / {month}., de 2020"
    text = f"{'text ' * 40}{date}{' more' * 40}"
    full = _match_list(pubdate._text_date_re().finditer(text))
    assert [group for _, group in full] == [date]
    assert _match_list(pubdate._text_dates(text)) == full


SHORT_DATE_TEXTS = [
    "10-08 12:00 来源：新华网 10月8日 12:00:59，22-10-08 12:08 and 22-10-08   9:05:07",
    "2022-10-08 12:00 10-08 1:00 10-08 24:00 10-08 12:60 10-0812:00 110-08 12:00 10-08 12:001",
    "12:00 ：30 10月8日　08：32 x10-8 08:32 /10-8 08:32 10-8\n08:32 1-1 0:00:00:00 99-12-31 23:59",
]


def test_short_date_search_around_minutes_finds_what_the_full_regexes_find() -> None:
    rng = random.Random(11)
    tokens = [
        *SHORT_DATE_TEXTS,
        " ",
        "  ",
        "\n",
        "abc ",
        "1",
        "10",
        "22",
        "-",
        ":",
        "：",
        "月",
        "日",
    ]
    texts = [*SHORT_DATE_TEXTS, "".join(SHORT_DATE_TEXTS)]
    # The longest reach before the minutes, and a digit right after them, each alone.
    for date in ("22-10-08   19:05", "10月08日   19:05:07", "10-08 12:001"):
        texts += [date, f"x {date} y"]
    texts += ["".join(rng.choice(tokens) for _ in range(rng.randint(1, 40))) for _ in range(300)]
    found = 0
    for pattern in (pubdate._YEARLESS_RE, pubdate._YY_MD_TIME_RE):
        for text in texts:
            full = _match_list(pattern.finditer(text))
            around = pubdate._around(
                pattern, pubdate._MINUTES_RE, pubdate._MINUTES_BEFORE, pubdate._MINUTES_AFTER, text
            )
            assert _match_list(around) == full, text
            found += len(full)
    assert found > 300


def test_short_dates_of_both_forms_come_in_the_order_of_the_text() -> None:
    page = page_of("<p>x</p>")
    text = "更新 22-10-08 12:00，原文 10-09 13:00"
    found = list(pubdate._short_dates(text, pubdate._Context(page, "Asia/Shanghai", None), 2022))
    assert [(m.group(), value.isoformat()) for m, value in found] == [
        ("22-10-08 12:00", "2022-10-08T12:00:00+08:00"),
        ("10-09 13:00", "2022-10-09T13:00:00+08:00"),
    ]


def test_page_text_dates_are_found_far_from_each_other() -> None:
    filler = "<p>" + "Lorem ipsum dolor sit amet. " * 200 + "</p>"
    f = find(page_of(f"{filler}<p class='date'>Published: 18 May 2022</p>{filler}"))
    assert day(f) == "2022-05-18"


SAVE_STAMP = '<meta property="article:published_time" content="2022-05-18T08:33:41+08:00">'


@pytest.mark.parametrize(
    ("head", "body", "shown"),
    [
        # A byline and a create-time tag agree on 08:32; the Open Graph tag carries the time
        # the CMS saved the page, a minute later. The minutes vote as the days do.
        (
            SAVE_STAMP + '<meta name="publishdate" content="2022-05-18 08:32:05">',
            '<div class="date-source"><span class="date">2022年05月18日 08:32</span></div>',
            "2022-05-18 08:32 +0800",
        ),
        # No two kinds agree: the strongest signal's minute.
        (
            SAVE_STAMP,
            '<div class="byline"><span class="date">2022-05-18 08:30</span></div>',
            "2022-05-18 08:33 +0800",
        ),
    ],
)
def test_minutes_vote_like_days(head: str, body: str, shown: str) -> None:
    f = find(page_of(body + "<p>Body.</p>", head))
    assert f.published is not None
    assert f.published.strftime("%Y-%m-%d %H:%M %z") == shown


def test_visible_time_of_the_day_a_meta_tag_gives_without_one() -> None:
    head = '<meta property="article:published_time" content="2022-05-18">'
    # The line with the time closes a long article: credible, though not beside the title.
    text = "<p>" + "The storm reached the coast at noon. " * 60 + "</p>"
    body = f"{text}<div class='article-info'>18 May 2022 14:05</div>"
    f = find(page_of(body, head), timezone="Europe/London")
    assert f.published is not None
    assert f.published.strftime("%Y-%m-%d %H:%M") == "2022-05-18 14:05"
    # Another day's time (a listing below the article) does not lend its minute.
    listing = "<ul class='related'><li><a href='/b'>Older story</a> 17 May 2022 09:00</li></ul>"
    f = find(page_of("<p>Body.</p>" + listing, head), timezone="Europe/London")
    assert f.published is not None
    assert f.published.strftime("%Y-%m-%d %H:%M") == "2022-05-18 00:00"


@pytest.mark.parametrize("shown", ["10-08 12:00", "10月08日 12:00", "10-08 12:00:35"])
def test_byline_without_a_year_takes_the_year_of_the_url(shown: str) -> None:
    url = "https://news.example.cn/2019/detail_123.html"
    body = f"<div class='info'><span class='time'>{shown}</span> 来源：示例日报</div><p>正文。</p>"
    f = find(page_of(body, url=url, title="示例新闻标题"))
    assert f.published is not None
    assert f.published.strftime("%Y-%m-%d %H:%M") == "2019-10-08 12:00"


def test_byline_without_a_year_takes_the_year_of_the_structured_date() -> None:
    head = '<meta name="keywords" content="x"><meta name="date" content="2019-10-08">'
    body = "<div class='info'><span class='time'>10-08 12:00</span></div><p>正文。</p>"
    f = find(page_of(body, head, title="示例新闻标题"))
    assert f.published is not None
    assert f.published.strftime("%Y-%m-%d %H:%M") == "2019-10-08 12:00"


def test_byline_without_a_year_takes_the_year_the_pages_other_dates_agree_on() -> None:
    def listing(*days: str) -> str:
        items = "".join(
            f"<li><a href='/{d}'>另一条新闻的标题</a><span>{d} 09:12</span></li>" for d in days
        )
        return f"<ul>{items}</ul>"

    body = "<div class='info'><span class='time'>10-08 12:00</span></div><p>正文。</p>"
    f = find(page_of(body + listing("2019-10-09", "2019-10-07"), title="示例新闻标题"))
    assert f.published is not None
    assert f.published.strftime("%Y-%m-%d %H:%M") == "2019-10-08 12:00"
    # Years that disagree give none.
    f = find(page_of(body + listing("2019-12-30", "2020-01-02"), title="示例新闻标题"))
    assert f.published is None or f.published.strftime("%m-%d") != "10-08"


def state(values: str, related: str = '"related": [{"pubtime": "2019-10-01 08:00:00"}]') -> str:
    """A script-built page's state object, with a related story's time after the article's."""
    return f'<script>window.DATA = {{"id": "a1", {values}, {related}}};</script>'


def test_a_script_built_page_dates_itself_from_its_state_object() -> None:
    body = "<div id='app'><p>正文。</p></div>"
    # (After a script loaded from a file, which has no text to read.)
    head = "<script src='/app.js'></script>" + state('"pubtime": "2019-10-08 12:00:35"')
    f = find(page_of(body, head, title="示例新闻标题"))
    assert f.source == "script"
    assert f.published is not None
    assert f.published.strftime("%Y-%m-%d %H:%M") == "2019-10-08 12:00"
    # Milliseconds since the epoch, under another publication key.
    f = find(page_of(body, state('"publishedAt": 1570507235000'), title="示例新闻标题"))
    assert f.published is not None
    assert f.published.astimezone(UTC).strftime("%Y-%m-%d %H:%M") == "2019-10-08 04:00"
    # An update time is no publication time; JSON-LD is read as such, not as a state object.
    head = state('"updateTime": "2019-10-08 12:00:35"', related='"tags": []') + (
        '<script type="application/ld+json">{"pubtime": "2019-10-08 12:00"}</script>'
    )
    assert find(page_of(body, head, title="示例新闻标题")).published is None


def test_a_creation_time_declared_in_epoch_seconds_dates_a_page_that_shows_none() -> None:
    # WeChat's article pages: the visible time is relative ("前天") and set by a script; the
    # page declares its creation time as var ct = "<epoch seconds>".
    body = "<div id='js_content'><em id='publish_time'>前天</em><p>正文。</p></div>"
    head = '<script>var nickname = "某某号"; var ct = "1581418070"; var user = "gh_1";</script>'
    f = find(page_of(body, head, title="示例新闻标题"))
    assert f.source == "script"
    assert f.published is not None
    assert f.published.astimezone(UTC).strftime("%Y-%m-%d %H:%M") == "2020-02-11 10:47"
    # Other values of a variable so named are not times.
    head = '<script>var ct = "abc"; var ctx = "1581418070"; window.act = "1581418070";</script>'
    assert find(page_of(body, head, title="示例新闻标题")).published is None


def test_a_state_objects_time_completes_the_day_of_the_url_only_on_that_day() -> None:
    url = "https://news.example.cn/20191008/a1.html"
    body = "<div id='app'><p>正文。</p></div>"
    f = find(
        page_of(body, state('"newsTime": "2019-10-08 12:00:35"'), url=url, title="示例新闻标题")
    )
    assert f.published is not None
    assert f.published.strftime("%Y-%m-%d %H:%M") == "2019-10-08 12:00"
    f = find(
        page_of(body, state('"newsTime": "2019-10-09 12:00:35"'), url=url, title="示例新闻标题")
    )
    assert f.published is not None
    assert f.published.strftime("%Y-%m-%d %H:%M") == "2019-10-08 00:00"


def test_a_date_without_a_year_is_not_read_without_a_year_elsewhere() -> None:
    body = "<div class='info'><span class='time'>10-08 12:00</span></div><p>正文。</p>"
    assert find(page_of(body, title="示例新闻标题")).published is None
    # Parts of longer dates are not read as month-day.
    body = "<div class='info'><span class='time'>22-10-08 12:00</span></div><p>正文。</p>"
    f = find(page_of(body, url="https://news.example.cn/2019/a.html", title="示例新闻标题"))
    assert f.published is None or f.published.strftime("%m-%d") != "10-08"


PROSE = "The club named its squad on Friday and the coach spoke to reporters about it. "


def test_a_date_in_running_text_is_an_event_not_the_publication_date() -> None:
    # Near the title and after "on" (a publication label elsewhere), but inside a sentence.
    body = f"<p>{PROSE}The tie will be played on 5 March 2022 in Rio de Janeiro. {PROSE}</p>"
    page = page_of(body)
    [(score, _)] = pubdate._text_cands(page, pubdate._Context(page, "UTC", None))
    assert score < 3
    # It does not outvote even a weak structured date (a generic "date" meta tag).
    assert day(find(page_of(body, '<meta name="date" content="2022-02-04">'))) == "2022-02-04"
    # On a page with no other date, any date is still better than none.
    assert day(find(page)) == "2022-03-05"


def test_a_date_opening_its_own_line_or_element_is_not_running_text() -> None:
    body = f"<p><span class='date'>5 March 2022</span> {PROSE}{PROSE}</p>"
    assert day(find(page_of(body))) == "2022-03-05"
    body = f"<p>5 March 2022 (Wire) - {PROSE}{PROSE}</p>"
    assert day(find(page_of(body))) == "2022-03-05"


def _scored(body: str) -> list[tuple[float, pubdate._Cand]]:
    page = page_of(body)
    return pubdate._text_cands(page, pubdate._Context(page, "UTC", None))


@pytest.mark.parametrize(
    "stamp",
    [
        "<figure><img src='a.jpg'><figcaption>Taken on 1 March 2022. Photo: A. Lee"
        "</figcaption></figure>",
        "<p class='image-credit'>Photo taken on 1 March 2022</p>",
        "<div class='liveblog'><p class='entry'>Posted on 1 March 2022 14:05</p></div>",
    ],
)
def test_caption_credit_and_live_blog_stamps_are_not_the_publication_date(stamp: str) -> None:
    # Labelled and right under the title, yet no credible publication date.
    [(score, _)] = _scored(stamp)
    assert score < 3
    body = f"{stamp}<p class='byline'>28 February 2022</p><p>{PROSE}</p>"
    assert day(find(page_of(body))) == "2022-02-28"


@pytest.mark.parametrize("around", ["post type-post status-publish format-standard", "post"])
def test_a_caption_s_date_is_a_stamp_whatever_the_article_around_it_is_called(around: str) -> None:
    # WordPress classes every post "status-publish"; the caption nearer the date decides.
    stamp = "<figure><figcaption>A bus heads north on 1 March 2022.</figcaption></figure>"
    [(score, _)] = _scored(f"<article class='{around}'>{stamp}</article>")
    assert score < 3
    # A byline styled as a caption says it holds the date.
    byline = "<p class='caption byline-date'>1 March 2022</p>"
    [(score, _)] = _scored(f"<article class='{around}'>{byline}</article>")
    assert score >= 3


@pytest.mark.parametrize("label", ["Güncelleme:", "Uppdaterad", "Opdateret", "Päivitetty"])
def test_update_stamps_in_more_languages(label: str) -> None:
    body = f"<p class='date'>{label} 02.03.2022</p><p>{PROSE}</p>"
    [(_, cand)] = _scored(body)
    assert cand.modified and cand.weight == 0
    head = '<meta property="article:published_time" content="2022-02-28T09:00:00+01:00">'
    assert day(find(page_of(body, head))) == "2022-02-28"
    # An update date is used only when nothing else is.
    assert day(find(page_of(body))) == "2022-03-02"


@pytest.mark.parametrize(
    "shown",
    ["2022년 4월 28일 오후 3시 48분", "2022년 04월 28일 15:48", "입력 2022. 4. 28. 오후 3:48"],
)
def test_korean_dates_with_their_time(shown: str) -> None:
    html = (
        "<html lang='ko'><head><title>속보 제목 - 신문</title></head><body><h1>속보 제목</h1>"
        f"<div class='byline'>{shown}</div><p>본문입니다.</p></body></html>"
    )
    f = find(parse_page(html, "https://news.example.kr/article/123"), timezone="Asia/Seoul")
    assert f.published is not None
    assert f.published.strftime("%Y-%m-%d %H:%M %z") == "2022-04-28 15:48 +0900"


def test_a_text_date_scoring_exactly_the_threshold_is_credible():
    # A dated element (+2) just before the heading (+1): 3, the least a credible date scores.
    html = (
        "<html><head><title>Storm hits coast - Example News</title></head><body>"
        "<div class='meta'><span class='date'>2022-05-18</span></div>"
        "<h1>Storm hits coast</h1><p>Body text of the story.</p></body></html>"
    )
    finding = find(parse_page(html, URL))
    assert day(finding) == "2022-05-18"
    # A candidate in its own right (weighed against other signals, named in conflicts), not
    # only the fallback of a page without any credible date.
    assert [source for source, _ in finding.candidates] == ["text"]


def test_only_dates_in_elements_of_one_shape_count_as_a_listing():
    # Three dates, each in an element of its own shape: none is a listing, so the labelled
    # one keeps its full score (4) and is the publication date.
    html = (
        "<html><head><title>x</title></head><body><div><p>发布时间：2022-05-18</p></div>"
        "<ul><li>2021-01-02</li></ul><table><tr><td>2020-03-04</td></tr></table></body></html>"
    )
    finding = find(parse_page(html, URL))
    assert day(finding) == "2022-05-18"
    assert [(source, value.date().isoformat()) for source, value in finding.candidates] == [
        ("text", "2022-05-18")
    ]


def test_a_date_inside_the_first_run_of_prose_is_no_credible_date():
    # The page's first text node is one long sentence holding a labelled date: prose, even
    # as the very first text of the page, so the date is only the last resort.
    lead = "暴雨袭击沿海地区，当地交通中断数小时，救援人员连夜赶到现场开展救援工作，"
    html = f"<html><body><p>{lead}据通报，发布时间：2022-05-18，{lead}{lead}</p></body></html>"
    finding = find(parse_page(html, URL))
    assert day(finding) == "2022-05-18"
    assert finding.candidates == []


@pytest.mark.parametrize(("gap", "shown"), [(35, (10, 30)), (36, (0, 0))])
def test_the_time_after_a_text_date_is_read_within_forty_characters(gap, shown):
    # The date and the time in elements of their own, with the page's indentation between:
    # the time is looked for in the 40 characters after the date. At 35 spaces "10:30" ends
    # on the 40th character; at 36 the window ends inside it, and only the day is read.
    body = f"<p class='date'><span>2022-05-18</span>{' ' * gap}<span>10:30</span></p><p>Text.</p>"
    finding = find(page_of(body))
    assert finding.source == "text"
    assert finding.published == datetime(2022, 5, 18, *shown, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("shown", "published"), [("03.12.2021", "2021-12-03"), ("12.03.2021", "2021-03-12")]
)
def test_a_numeric_text_date_is_read_day_first_when_both_could_be_the_month(shown, published):
    # Outside English pages, 03.12.2021 is the 3rd of December, even when the day is 12.
    finding = find(page_of(f"<p class='date'>发布时间：{shown}</p><p>Text.</p>"))
    assert (finding.source, day(finding)) == ("text", published)


@pytest.mark.parametrize(
    ("shown", "published"),
    [
        # The last day of a month and the last month are dates; a 13th month or a 32nd day
        # is no date, and the line dates nothing.
        ("2021-12-31", "2021-12-31"),
        ("31.12.2021", "2021-12-31"),
        ("2021-13-05", None),
        ("2021-12-32", None),
        ("13/13/2021", None),
    ],
)
def test_a_numeric_text_date_holds_a_month_and_a_day_that_exist(shown, published):
    finding = find(page_of(f"<p class='date'>发布时间：{shown}</p><p>Text.</p>"))
    assert day(finding) == published


def test_dated_lines_are_one_vote_and_do_not_outvote_a_meta_tag():
    # Two labelled lines of another day (scored differently) count as one vote of the visible
    # text: repeated dated lines are mostly comments or listings.
    head = '<meta property="article:published_time" content="2022-05-17">'
    line = "发布时间：2022-05-18"
    body = f"<p class='date'>{line}</p><p>Text of the story.</p><p>{line}</p>"
    finding = find(page_of(body, head))
    assert (finding.source, day(finding)) == ("meta", "2022-05-17")
    assert [source for source, _ in finding.candidates] == ["meta", "text"]


def test_a_date_right_under_a_headline_far_down_the_page_is_credible():
    # 1,700 characters of text above the headline: the date's distance is counted from the
    # headline, not from the top of the page.
    intro = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 30
    html = (
        "<html><head><title>Storm hits coast - Example News</title></head><body>"
        f"<div>{intro}</div><h1>Storm hits coast</h1><p class='date'>2022-05-18</p><p>Text.</p>"
        "</body></html>"
    )
    finding = find(parse_page(html, URL))
    assert [(s, v.date().isoformat()) for s, v in finding.candidates] == [("text", "2022-05-18")]


def test_of_two_modification_dates_alone_the_heavier_signal_wins():
    head = (
        '<meta property="article:modified_time" content="2022-05-19T10:00:00+08:00">'
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "dateModified": "2022-05-20T10:00:00+08:00"}</script>'
    )
    finding = find(page_of("<p>Body.</p>", head))
    assert (finding.source, day(finding)) == ("json-ld", "2022-05-20")


def test_the_pub_date_inside_a_parsely_page_json_tag():
    data = '{"title": "Storm", "pub_date": "2022-05-17T08:00:00Z"}'
    head = f"<meta name='parsely-page' content='{data}'>"
    finding = find(page_of("<p>Body.</p>", head))
    assert finding.source == "meta"
    assert finding.published == datetime(2022, 5, 17, 8, 0, tzinfo=UTC)


def test_labelled_dates_in_a_listing_stay_below_the_credible_score():
    # Three dates in items of one shape: each label adds to the listing's penalty, it does
    # not wipe it out, so none of them is a credible publication date of its own.
    items = "".join(f"<li>发布时间：2022-05-1{i}</li>" for i in range(3))
    html = f"<html><head><title>x</title></head><body><ul>{items}</ul></body></html>"
    finding = find(parse_page(html, URL))
    assert finding.candidates == []


COMMENTS = (
    "<div id='comments' class='comments-area'><ol class='comment-list'>"
    "<li class='comment'><div class='comment-metadata'><a href='#c1'>"
    "<time class='published' datetime='2022-03-09T14:37:24+01:00'>9 March 2022 at 14:37"
    "</time></a></div><p>First!</p></li>"
    "<li class='comment'><div class='comment-metadata'><a href='#c2'>"
    "<time class='published' datetime='2022-03-10T08:00:00+01:00'>10 March 2022 at 08:00"
    "</time></a></div><p>Agreed.</p></li></ol></div>"
)
TWEET = (
    "<blockquote class='twitter-tweet'><p>Storm warning for the coast tonight.</p>"
    "&mdash; Weather Office (@weather) <a href='https://x.example/s/1'>February 27, 2022</a>"
    "</blockquote>"
)
INSTAGRAM = (
    "<blockquote class='instagram-media'><div><a href='https://ig.example/p/1'>A post shared "
    "by Lee</a> on <time datetime='2022-03-07T23:47:18+00:00'>Mar 7, 2022 at 4:47pm PST"
    "</time></div></blockquote>"
)


@pytest.mark.parametrize(
    "aside",
    [COMMENTS, TWEET, INSTAGRAM],
    ids=["comment thread", "embedded tweet", "embedded instagram post"],
)
def test_dates_of_comments_and_embedded_posts_do_not_date_the_article(aside: str) -> None:
    # The article's own date is weak (a plain line, no label, further from the title); the
    # comments' and embedded posts' come first, some in <time> elements.
    body = f"{aside}<p>{PROSE}</p><p>1 March 2022</p>"
    assert day(find(page_of(body))) == "2022-03-01"
    assert all(source != "time" for source, _ in find(page_of(body)).candidates)


def test_a_bare_blockquote_is_layout_and_keeps_its_dates() -> None:
    # Old pages indent the whole article with a <blockquote>: its byline is the article's.
    body = f"<blockquote><p class='date'>Published on 1 March 2022</p><p>{PROSE}</p></blockquote>"
    [(score, cand)] = _scored(body)
    assert score >= 3 and cand.value.date().isoformat() == "2022-03-01"


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        ("Danmark - 10. marts 2020 kl. 20:00", "2020-03-10"),  # Danish
        ("10 maja 2020", "2020-05-10"),  # Polish
        ("12. března 2021", "2021-03-12"),  # Czech
        ("7 червня 2020", "2020-06-07"),  # Ukrainian
        ("5 Ekim 2019", "2019-10-05"),  # Turkish
        ("17 Agustus 2021", "2021-08-17"),  # Indonesian
        ("3 listopada 2021", "2021-11-03"),  # Polish, not the Croatian October
        ("Nov. 8, 2021", "2021-11-08"),  # the hand list's short forms stay
    ],
)
def test_month_names_of_the_languages_news_is_written_in(shown: str, expected: str) -> None:
    page = page_of(f"<p class='date'>{shown}</p><p>{PROSE}</p>")
    assert day(find(page)) == expected


def test_short_abbreviations_of_other_languages_are_not_months() -> None:
    # "des" is a Norwegian abbreviation of December, and French for "of the".
    assert "des" not in pubdate._MONTHS
    assert not list(pubdate._text_dates("Le top 10 des 2021 meilleurs films"))


def test_the_trie_of_month_names_matches_what_a_flat_alternation_matches() -> None:
    names = ["mar", "march", "mars", "marts", "maj", "may", "ma", "m.a"]
    flat = re.compile(rf"(?:{'|'.join(sorted(map(re.escape, names), key=len, reverse=True))})\b")
    trie = re.compile(rf"(?:{pubdate._names_re(names)})\b")
    for text in ["marts", "mar", "march", "mars", "maj", "mayo", "ma", "m.a", "mx", "marc"]:
        a, b = flat.match(text), trie.match(text)
        assert (a and a.group()) == (b and b.group()), text


def test_the_month_table_is_what_the_installed_dateparser_gives() -> None:
    # Regenerate with `python -m newsbot.extract.months` when this fails after an upgrade.
    assert months.from_dateparser() == months.MONTH_NAMES
    assert len(months.MONTH_NAMES) == 12
    assert "marts" in months.MONTH_NAMES[2].split("|")


@pytest.mark.parametrize(
    "shown",
    [
        "2021. április 27. 12:30",  # Hungarian: year first, dots
        "2021 m. balandžio 27 d. 12:30",  # Lithuanian
        "2021. gada 27. aprīlis 12:30",  # Latvian
        "27 aprile 2021 ore 12:30",  # Italian "ore"
        "27.4.2021 klo 12.30",  # Finnish "klo"
        "27. travnja 2021. u 12:30",  # Croatian "u"
        "27. april 2021 ob 12:30",  # Slovenian "ob"
        "27 kwietnia 2021, godz. 12:30",  # Polish "godz."
    ],
)
def test_dates_written_year_first_or_with_a_word_before_the_time(shown: str) -> None:
    found = find(page_of(f"<p class='date'>{shown}</p><p>{PROSE}</p>"), timezone="UTC")
    assert found.published is not None
    assert found.published.strftime("%Y-%m-%d %H:%M") == "2021-04-27 12:30"


def test_a_year_first_date_is_found_in_a_window_as_in_the_whole_text() -> None:
    # The longest year-first form, with the longest month name, far from other anchors.
    month = max(pubdate._MONTHS, key=len)
    for date in (f"2020 m. {month} 27 d.", f"2020. gada 27. {month}"):
        text = f"{'text ' * 40}{date}{' more' * 40}"
        full = _match_list(pubdate._text_date_re().finditer(text))
        assert [group for _, group in full] == [date]
        assert _match_list(pubdate._text_dates(text)) == full


@pytest.mark.parametrize(
    "label",
    [
        "Posted Wednesday, May 18, 2022",
        "By Jane Doe on Wednesday, May 18th, 2022 at 11:04 a.m.",
        "Veröffentlicht am Mittwoch, 18. Mai 2022",
    ],
)
def test_a_weekday_between_the_label_and_its_date_keeps_the_label(label: str) -> None:
    # The header's "today" in a dateline-classed cell before the headline; the story's
    # labelled date under it, with the weekday written out.
    html = (
        "<html><head><title>Example Dispatch</title></head><body><table><tr>"
        "<td class='dateline'>Thursday, May 19, 2022</td></tr><tr><td>"
        "<b>Library to open on Saturdays starting in March</b><br>"
        f"<font class='info'>{label}</font><br><br>"
        + "The library board voted to add Saturday hours from March. " * 6
        + "</td></tr></table></body></html>"
    )
    assert day(find(parse_page(html, "https://www.example.com/news/story.asp?id=1"))) == (
        "2022-05-18"
    )


def test_a_label_after_its_date_marks_publication_or_update() -> None:
    # Chinese and Japanese write the label after the date: the update time comes first on the
    # page, the first publication under it.
    body = (
        "<div class='bar'><span class='time'>已于&nbsp;2022-05-18 08:40:11&nbsp;修改</span></div>"
        "<p>正文第一段。</p>"
        "<div class='up-time'><span>于&nbsp;2022-05-17 10:15:32&nbsp;首次发布</span></div>"
    )
    f = find(page_of(body, title="示例新闻标题"))
    assert f.published is not None
    assert f.published.strftime("%Y-%m-%d %H:%M") == "2022-05-17 10:15"
    body = (
        "<div class='meta'>2022年05月17日 10時15分 公開</div><p>本文。</p>"
        "<div class='meta'>2022年05月18日 08時40分 更新</div>"
    )
    f = find(page_of(body, title="ニュースの見出しです"))
    assert f.published is not None
    assert f.published.strftime("%Y-%m-%d %H:%M") == "2022-05-17 10:15"


def test_an_editor_s_credit_after_the_dateline_marks_no_update() -> None:
    # "编辑：刘志红" credits the editor; "2022-05-18 08:40 编辑" (edited at) is an update.
    credit = "<span class='pub'>2022-05-17 10:15:32</span><span>编辑：刘志红</span>"
    [(_, cand)] = _scored(f"<div class='meta'>{credit}</div><p>正文第一段。</p>")
    assert not cand.modified
    [(_, cand)] = _scored("<div class='meta'>2022-05-18 08:40 编辑</div><p>正文第一段。</p>")
    assert cand.modified


def test_a_dated_lines_vote_grows_with_its_score_at_half_the_rate() -> None:
    # A credible text date (score 3 or more) votes with half its score (at most W_TEXT_MAX):
    # a date in a classed element under the headline outvotes a generic "date" meta tag (2.0)
    # when its score is over 4, and not when it is under.
    weak = '<meta name="date" content="2022-05-20">'
    prose = "The club named its squad on Friday and the coach spoke to reporters about it. "
    near = f"<p>{prose * 6}</p><div class='date'>May 18, 2022</div>"
    assert 4.2 < _scored(near)[0][0] < 6
    assert day(find(page_of(near, weak))) == "2022-05-18"
    farther = f"<p>{prose * 16}</p><div class='date'>May 18, 2022</div>"
    assert 3 < _scored(farther)[0][0] < 3.9
    assert day(find(page_of(farther, weak))) == "2022-05-20"


def test_a_structured_date_stamped_with_the_shown_update_gives_way_to_the_shown_publication():
    # A CMS that stamps an edit as the publication: JSON-LD says 20 May, the day the page
    # shows as its update; the page shows its publication on 18 May, labelled, under the title.
    ld = '{"@type": "NewsArticle", "datePublished": "2022-05-20T10:12:37+08:00"}'
    head = f'<script type="application/ld+json">{ld}</script>'
    body = (
        "<p class='meta'>Published: May 18, 2022 08:45</p>"
        "<p class='meta'>Updated: May 20, 2022 10:12</p><p>Body.</p>"
    )
    f = find(page_of(body, head))
    assert (f.source, day(f)) == ("text", "2022-05-18")
    # Without the shown update on that day, the structured date stands.
    body = "<p class='meta'>Published: May 18, 2022 08:45</p><p>Body.</p>"
    f = find(page_of(body, head))
    assert (f.source, day(f)) == ("json-ld", "2022-05-20")


def test_a_headline_inside_an_inline_element_of_the_heading_still_places_the_article():
    # <h1><span>…</span></h1>: the dateline above the headline is near it, and credible.
    html = (
        "<html><head><title>Storm hits coast - Example News</title></head><body>"
        "<nav><a href='/'>Home</a></nav><div class='header-time'><span>2022-05-18</span></div>"
        "<h1><span class='title'>Storm hits coast</span></h1><p>Text of the story.</p>"
        "</body></html>"
    )
    finding = find(parse_page(html, URL))
    assert (finding.source, day(finding)) == ("text", "2022-05-18")
    assert [source for source, _ in finding.candidates] == ["text"]  # credible, no last resort


@pytest.mark.parametrize(
    "line",
    [
        # The year in a span of its own before the month and day, the time in the next.
        "<span class='year'><em> 2022</em></span>\n <span class='day'><em> 05</em>/<em>18</em>"
        "</span>\n <span class='time'> 10:30:15</span>",
        # Date and time in elements on lines of their own.
        "<span>2022-05-18</span>\n <span>10:30</span>",
    ],
)
def test_a_date_and_its_time_in_elements_on_lines_of_their_own(line):
    head = '<meta property="article:published_time" content="2022-05-18">'
    finding = find(page_of(f"<div class='info'>\n {line}\n</div><p>Text of the story.</p>", head))
    assert finding.published.replace(second=0) == datetime(2022, 5, 18, 10, 30, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("posted", "published"),
    [
        # Only the edit line is a credible date: the post's own date above it, within a year,
        # is the publication.
        ("Fri Jun 08, 2012 9:14 pm", "2012-06-08"),
        # A date years before the update is no version of the page (a source cited in it).
        ("Fri Jun 08, 2010 9:14 pm", "2012-06-09"),
    ],
)
def test_a_page_dated_only_by_its_edit_is_published_by_the_post_above_it(posted, published):
    html = (
        "<html><body><div class='post'><p class='author'>by rider » "
        f"{posted}</p><div class='content'>Has anyone ridden the new trail yet?</div>"
        "<div class='notice'>Last edited by rider on Sat Jun 09, 2012 11:02 am, edited 1 time"
        " in total.</div></div></body></html>"
    )
    finding = find(parse_page(html, URL), timezone="UTC")
    assert day(finding) == published


def test_inline_elements_side_by_side_are_apart_and_a_duration_is_no_time():
    # "<span>Episode 7</span><span>September 24th, 2019</span><span>48:12</span>": the spans
    # have no space between them; 48:12 is the episode's length.
    html = (
        "<html><body><h1>Kilns and glazes</h1><div class='episode-meta'><span>Episode 7</span>"
        "<span class='episode-date'>September 24th, 2019</span><span>48:12</span></div>"
        "<p>We talk about kilns.</p></body></html>"
    )
    finding = find(parse_page(html, URL), timezone="UTC")
    assert finding.published == datetime(2019, 9, 24, tzinfo=UTC)


def test_the_dates_of_a_recent_posts_widget_are_no_publication_date():
    # WordPress's widget gives each listed post a <span class="post-date">; the notice's own
    # date is a labelled line.
    widget = "".join(
        f"<li><a href='/?p={i}'>Notice {i}</a> <span class='post-date'>{d}/04/2014</span></li>"
        for i, d in ((3, 24), (2, 10), (1, 17))
    )
    html = (
        "<html><body><aside><ul>" + widget + "</ul></aside><h1>Easter notice</h1>"
        "<p class='meta'>Inserito il 03/04/2014 alle 19:05</p><p>Text of the notice.</p>"
        "</body></html>"
    )
    finding = find(parse_page(html, URL), timezone="UTC")
    assert day(finding) == "2014-04-03"
    assert "time" not in [source for source, _ in finding.candidates]


@pytest.mark.parametrize(
    ("first", "published"),
    [
        # A theme's update stamp before the publication, hidden by its style sheet.
        ("<span class='updated'>15 enero, 2021</span>", "2020-03-02"),
        ("<span itemprop='dateModified'>15 enero, 2021</span>", "2020-03-02"),
        # Both marks on one element: an unedited post's date.
        ("<span class='date-published updated'>15 enero, 2021</span>", "2021-01-15"),
    ],
)
def test_a_date_marked_as_updated_by_its_class_is_no_publication(first, published):
    html = (
        "<html><body><h1>Best gravel bikes</h1><div class='entry-meta'>"
        f"<span class='posted-on'>{first} <span class='date'>2 marzo, 2020</span></span></div>"
        "<p>Texto de la reseña.</p></body></html>"
    )
    finding = find(parse_page(html, "https://example.es/bicis/"), timezone="UTC")
    assert day(finding) == published


@pytest.mark.parametrize(
    ("shown", "published"),
    [
        # The version's "Stand" beside the first publication's line: the publication.
        (
            "<p class='date'>06.03.2021, 18:45 Uhr</p>"
            "<p class='date'>Stand: <time>07.03.2021, 09:12 Uhr</time></p>",
            "2021-03-06",
        ),
        # "Stand" alone, confirmed by the modification date: the page is dated as shown.
        ("<p class='date'>Stand: <time>07.03.2021, 09:12 Uhr</time></p>", "2021-03-07"),
    ],
)
def test_an_as_of_date_gives_way_to_a_shown_publication(shown, published):
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": '
        '"2021-03-06T17:45:00Z", "dateModified": "2021-03-07T08:12:00Z"}</script>'
    )
    html = (
        f"<html lang='de'><head>{head}</head><body><h1>Brücke gesperrt</h1>{shown}"
        "<p>Die Brücke bleibt bis Freitag gesperrt.</p></body></html>"
    )
    finding = find(parse_page(html, "https://www.example.de/a.html"), timezone="Europe/Berlin")
    assert day(finding) == published


def test_a_time_written_before_its_date_gives_the_day_its_minute():
    # The meta tag gives only the day; the byline writes the time first ("10:20 2022-05-18").
    head = '<meta property="article:published_time" content="2022-05-18">'
    finding = find(page_of("<p class='date'>10:20 2022-05-18</p><p>Text.</p>", head))
    assert finding.published == datetime(2022, 5, 18, 10, 20, tzinfo=SHANGHAI)
