"""Numeric dates on English pages are read in the order of the page's region (small pages)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsbot.extract.page import parse_page
from newsbot.extract.pubdate import DateFinding, find_published

NOW = datetime(2022, 6, 1, 12, 0, tzinfo=UTC)
URL_CN = "https://news.example.cn/a/1.html"


def find_under_headline(dateline: str, *, lang: str = "", head: str = "", url: str) -> DateFinding:
    """The date found on a small article page with ``dateline`` (markup) under its headline."""
    lang_attr = f' lang="{lang}"' if lang else ""
    html = (
        f"<html{lang_attr}><head><title>Council votes on budget</title>{head}</head><body>"
        f"<article><h1>Council votes on budget</h1>{dateline}"
        f"<p>{'The council met on the evening to vote on the budget. ' * 12}</p>"
        "</article></body></html>"
    )
    return find_published(parse_page(html, url), timezone="UTC", now=NOW)


def shown_day(shown: str, *, lang: str = "", head: str = "", url: str) -> str | None:
    finding = find_under_headline(
        f"<p class='date'>Published {shown}</p>", lang=lang, head=head, url=url
    )
    assert finding.source == "text"
    return finding.published.date().isoformat() if finding.published else None


APRIL_5 = "2022-04-05"
MAY_4 = "2022-05-04"


@pytest.mark.parametrize(
    ("lang", "head", "url"),
    [
        ("en-GB", "", "https://news.example.com/story"),
        ("en-IN", "", "https://news.example.com/story"),
        ("en", '<meta property="og:locale" content="en_AU">', "https://news.example.com/story"),
        ("", '<meta property="og:locale" content="en_IE">', "https://news.example.com/story"),
        ("en", '<meta http-equiv="Content-Language" content="en-NZ">', "https://example.com/s"),
        ("en", "", "https://www.example.co.uk/story"),
        ("en", "", "https://www.example.com.au/story"),
        ("en", "", "https://www.example.ie/story"),
        ("en", "", "https://www.example.in/story"),
        ("en", "", "https://www.example.co.nz/story"),
        ("en", "", "https://www.example.co.za/story"),
    ],
)
def test_a_slash_date_is_day_first_where_the_page_is_british_style_english(lang, head, url):
    assert shown_day("05/04/2022", lang=lang, head=head, url=url) == APRIL_5
    assert shown_day("05/04/2022 10:30", lang=lang, head=head, url=url) == APRIL_5


@pytest.mark.parametrize(
    ("lang", "head", "url"),
    [
        ("en-US", "", "https://news.example.com/story"),
        ("en", "", "https://news.example.com/story"),
        ("en", '<meta property="og:locale" content="en_US">', "https://example.co.uk/story"),
        # The page's own region tag beats its country domain.
        ("en-US", "", "https://www.example.co.uk/story"),
    ],
)
def test_a_slash_date_is_month_first_on_us_english_pages(lang, head, url):
    assert shown_day("05/04/2022", lang=lang, head=head, url=url) == MAY_4


def test_the_region_of_another_language_does_not_set_the_english_order():
    # og:locale de_DE on an English page says nothing of how English dates are written there.
    head = '<meta property="og:locale" content="de_DE">'
    assert shown_day("05/04/2022", lang="en", head=head, url="https://example.com/s") == MAY_4


def test_an_unambiguous_date_is_read_the_same_everywhere():
    for url in ("https://example.com/story", "https://example.co.uk/story"):
        assert shown_day("04/25/2022", lang="en", url=url) == "2022-04-25"
        assert shown_day("25/04/2022", lang="en", url=url) == "2022-04-25"


@pytest.mark.parametrize(
    ("lang", "url", "day"),
    [
        # Dashes follow the page's region like slashes: month first on US English pages.
        ("en-US", "https://news.example.com/story", MAY_4),
        ("en", "https://news.example.com/story", MAY_4),
        ("en", "https://www.example.co.uk/story", APRIL_5),
        ("en-GB", "https://news.example.com/story", APRIL_5),
        ("de", "https://www.example.de/story", APRIL_5),
        ("fr", "https://www.example.fr/story", APRIL_5),
    ],
)
def test_a_dash_date_is_read_in_the_order_of_the_pages_region(lang, url, day):
    assert shown_day("05-04-2022", lang=lang, url=url) == day
    assert shown_day("05-04-2022 08:32", lang=lang, url=url) == day


def test_a_dotted_date_is_day_first_even_on_us_english_pages():
    assert shown_day("05.04.2022", lang="en-US", url="https://news.example.com/s") == APRIL_5


def shown_value(line: str, *, lang: str, url: str = "http://www.example.cn/2022/c1.html"):
    """What the date finder reads from a page whose only date is the byline ``line``."""
    html = (
        f"<html lang='{lang}'><head><title>我市重点项目集中开工</title></head><body>"
        f"<h1>我市重点项目集中开工</h1><div class='info'>{line}</div>"
        f"<div class='content'><p>{'本市举行重点项目集中开工仪式，共有三十六个项目开工。' * 6}</p>"
        "</div></body></html>"
    )
    return find_published(parse_page(html, url), timezone="UTC", now=NOW)


@pytest.mark.parametrize("lang", ["zh", "zh-CN", "ja", "ko"])
@pytest.mark.parametrize(
    "line", ["22-05-18 08:32 来源：某某日报", "发布时间：22-05-18 08:32:10", "22-5-18  8:32"]
)
def test_a_two_digit_year_first_date_with_a_time_is_read_on_year_first_pages(lang, line):
    published = shown_value(line, lang=lang).published
    assert published is not None
    assert published.replace(second=0).isoformat() == "2022-05-18T08:32:00+00:00"


def test_a_two_digit_year_first_date_needs_a_year_first_page_and_a_time():
    # An English page does not write the year first; without a time, three two-digit
    # numbers are too weak a sign.
    assert shown_value("22-05-18 08:32", lang="en", url="https://example.com/s").published is None
    assert shown_value("22-05-18", lang="zh").published is None


def shown_when(line: str, lang: str = "en-US", url: str = "https://news.example.com/s") -> str:
    finding = find_under_headline(f"<div class='meta'>{line}</div>", lang=lang, url=url)
    assert finding.published is not None
    return finding.published.isoformat(timespec="minutes")


@pytest.mark.parametrize(
    ("line", "lang", "when"),
    [
        ("Published 3:48 PM EST, Fri March 4, 2022", "en-US", "2022-03-04T15:48-05:00"),
        ("Published 11:11 PM EST Nov 19, 2019", "en-US", "2019-11-19T23:11-05:00"),
        ("Updated 9:05 am March 4, 2022", "en-US", "2022-03-04T09:05+00:00"),
        ("10:20 2021-01-04", "zh", "2021-01-04T10:20+00:00"),
    ],
)
def test_a_time_written_before_its_date_is_the_dates_time(line, lang, when):
    assert shown_when(line, lang) == when


def test_the_raw_date_of_a_time_before_its_date_shows_the_time():
    dateline = "<div class='meta'>Published 11:11 PM EST Nov 19, 2019</div>"
    finding = find_under_headline(dateline, lang="en-US", url="https://news.example.com/s")
    assert finding.raw == "11:11 PM EST Nov 19, 2019"


def test_a_time_on_the_line_above_is_not_the_dates():
    # "10:20" closes the line above (a listing, a clock): the date below has no time.
    assert shown_when("<p>Live 10:20</p><p>March 4, 2022</p>") == "2022-03-04T00:00+00:00"


@pytest.mark.parametrize(
    ("line", "lang"),
    [
        ("2022年3月4日(金) 15時48分", "ja"),
        ("2022.03.04 （金） 15:48", "ja"),
        ("4 March 2022 (Fri) 15:48", "en-GB"),
    ],
)
def test_a_weekday_in_brackets_between_date_and_time_keeps_the_time(line, lang):
    assert shown_when(line, lang) == "2022-03-04T15:48+00:00"


def test_a_bare_dateline_right_under_the_headline_votes():
    # Two meta tags give the day with different minutes; the dateline, with no class or label
    # to mark it, stands in a short line of its own under the headline and settles the minute.
    head = (
        "<meta property='article:published_time' content='2021-12-28T19:56:29+08:00'>"
        "<meta name='publishdate' content='2021-12-28 19:55:10+08:00'>"
    )
    finding = find_under_headline(
        "<div>2021年12月28日 19:55</div>", lang="zh", head=head, url=URL_CN
    )
    assert finding.published is not None
    assert finding.published.strftime("%H:%M") == "19:55"


def test_the_url_s_day_takes_its_minute_from_a_line_nothing_marks():
    # A table layout: the headline in a cell, the date line in a <font> under it, no class
    # or label before the date; the URL gives the day, the line its minute.
    html = (
        "<html><head><title>哈尔滨冰雪大世界开园迎客_东北网</title></head><body><table>"
        "<tr><td class='bt'>哈尔滨冰雪大世界开园迎客</td></tr><tr><td><font color='#808080'>"
        "2009-12-03 07:12:45&nbsp;&nbsp;来源：黑龙江日报</font></td></tr><tr><td>"
        + "<p>冰雪大世界将于12月下旬开园迎客，今年新增多处冰雕景观。</p>" * 6
        + "</td></tr></table></body></html>"
    )
    page = parse_page(html, "http://news.dbw.example/system/2009/12/03/052188.shtml")
    finding = find_published(page, timezone="Asia/Shanghai", now=NOW)
    assert finding.published is not None
    assert finding.published.strftime("%Y-%m-%d %H:%M") == "2009-12-03 07:12"


def test_a_members_join_date_under_a_thread_title_is_not_the_posts():
    dateline = (
        "<div><span>Jane_D</span><dl><dt>Joined</dt><dd>May 11, 2017</dd></dl></div>"
        "<time datetime='2020-03-18T12:22:42-04:00'>1 minute ago</time>"
    )
    finding = find_under_headline(dateline, lang="en", url="https://forum.example.com/t/1")
    assert finding.published is not None
    assert finding.published.date().isoformat() == "2020-03-18"


def test_a_month_name_alone_is_no_date():
    # A date set in three spans with date classes: "Aug" alone would be read as 1 August of the
    # current year.
    dateline = (
        "<div class='post-date'><span class='post-date-day'>13</span>"
        "<span class='post-date-month'>Aug</span></div>"
    )
    head = "<meta property='article:published_time' content='2018-08-13T08:04:08+00:00'>"
    finding = find_under_headline(dateline, lang="en", head=head, url="https://blog.example.com/p")
    assert {when.year for _, when in finding.candidates} == {2018}


@pytest.mark.parametrize(
    ("dateline", "lang"),
    [
        # Czech and Slovak put a space after each dot.
        ("<p class='date'>24. 5. 2022</p>", "cs"),
        # Day, month and year in spans of their own, on lines of their own.
        (
            "<div class='news-date'>\n  <span class='day'>24</span>\n"
            "  <span class='month'>Mai</span>\n  <span class='year'>2022</span>\n</div>",
            "pt",
        ),
        # Korean labels, the modification time first.
        (
            "<p><span>수정 2022.05.26 09:05</span></p><p><span>입력 2022.05.24 17:20</span></p>",
            "ko",
        ),
    ],
)
def test_dates_in_the_forms_of_more_sites_are_read(dateline: str, lang: str) -> None:
    other = "<p class='event'>Die Feier ist am 30/07/2022 geplant.</p>"
    finding = find_under_headline(dateline + other, lang=lang, url="https://example.org/n/1")
    assert finding.published is not None
    assert finding.published.date().isoformat() == "2022-05-24"


def test_the_headers_today_is_no_publication_date() -> None:
    header = "<p class='right'>Oggi è mer 26 mag 2022, 22:15</p>"
    finding = find_under_headline(
        header + "<p class='author'>da marco_84 » <span>lun 23 mag 2022, 21:47</span></p>",
        lang="it",
        url="https://forum.example.it/viewtopic.php?t=1",
    )
    assert finding.published is not None
    assert finding.published.date().isoformat() == "2022-05-23"


@pytest.mark.parametrize(
    ("noise", "lang"),
    [
        # Each in a dated element right under the thread's title, where an unlabelled date
        # would outrank the post's.
        ("<p class='date'>It is currently Fri May 27, 2022 10:02 am</p>", "en"),
        ("<p class='date'><span>Inscription : 2008-03-17</span></p>", "fr"),
        ("<p class='date'>Last edited by marco on May 26, 2022 9:15 am</p>", "en"),
        ("<p class='date'>Dernière modification par flo (2022-05-26 09:30:10)</p>", "fr"),
    ],
)
def test_a_forums_clock_member_dates_and_edits_are_no_publication_date(noise, lang) -> None:
    post = "<p class='author'>by marco » <span>May 23, 2022 7:42 pm</span></p>"
    finding = find_under_headline(
        noise + post, lang=lang, url="https://forum.example.org/viewtopic.php?t=1"
    )
    assert finding.published is not None
    assert finding.published.date().isoformat() == "2022-05-23"


def test_a_french_first_of_the_month_with_its_er_apart_is_read():
    assert shown_day("Publié le 1<sup>er</sup> avril 2018 à 06h00", lang="fr", url=URL_CN) == (
        "2018-04-01"
    )


@pytest.mark.parametrize(
    ("update", "lang"),
    [
        ("Дата актуализации страницы: 01.09.2021", "ru"),
        ("Letzte Aktualisierung: 01.09.2021", "de"),
    ],
)
def test_a_page_update_date_in_more_languages_is_no_publication(update, lang):
    # The update stands right under the headline, the news date above it.
    body = (
        "<span class='news-date-time'>15.06.2020</span><h1>Итоги конференции</h1>"
        f"<div class='actual-date'>{update}</div>"
        + "<p>Компания провела конференцию для партнёров и клиентов.</p>"
        * 5
    )
    title = "<title>Итоги конференции</title>"
    html = f"<html lang='{lang}'><head>{title}</head><body>{body}</body></html>"
    page = parse_page(html, "https://www.example.ru/press/news/112/")
    finding = find_published(page, timezone="Europe/Moscow", now=NOW)
    assert finding.published is not None and finding.published.date().isoformat() == "2020-06-15"


def test_an_empty_time_a_script_fills_gives_its_data_attribute():
    body = (
        "<h1>Review: the new album</h1>"
        "<time class='pub' data-published='2022-04-29T23:40:00-07:00'></time>"
        + "<p>The band returns with ten songs. 05/14/2022 ★★★★☆</p>"
        * 3
    )
    html = f"<html lang='en'><head><title>Review</title></head><body>{body}</body></html>"
    page = parse_page(html, "https://reviews.example.com/albums/new-album")
    finding = find_published(page, timezone="UTC", now=NOW)
    assert finding.published is not None
    assert finding.published.isoformat() == "2022-04-29T23:40:00-07:00"


@pytest.mark.parametrize(
    ("dateline", "lang", "day"),
    [
        ("BERLIN, 12. März 2014 /PRNewswire/ -- Die Nordwind GmbH stellt", "de", "2014-03-12"),
        ("HILLSBORO, Ore., Sept. 9, 2014 /PRNewswire/ -- Veridian Labs today", "en", "2014-09-09"),
    ],
)
def test_a_wire_press_release_dateline_is_the_publication(dateline, lang, day):
    # The page's only structured date is its last edit, years later: without its label the
    # dateline, more than a year before it, would not be taken for the publication.
    head = '<meta name="dcterms.modified" content="2019-06-30T11:02:45-07:00">'
    body = f"<h1>Nordwind stellt Cobot vor</h1><p>{dateline} {'Text. ' * 40}</p>"
    html = f"<html lang='{lang}'><head><title>Presse</title>{head}</head><body>{body}</body></html>"
    page = parse_page(html, "https://www.prnewswire.example/news/1.html")
    finding = find_published(page, now=NOW)
    assert finding.published is not None and finding.published.date().isoformat() == day
