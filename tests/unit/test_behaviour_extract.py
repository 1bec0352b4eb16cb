"""What a reader sees of an extracted article, on small hand-written pages: which title, which
author, which outlet, which date (and its raw text), which paragraphs of the body."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from newsbot.extract import ExtractedArticle, extract_article
from newsbot.extract.metadata import extract_media
from newsbot.extract.page import parse_page

URL = "https://news.example.com/a/article.html"
NOW = datetime(2022, 6, 1, 4, 0, tzinfo=UTC)
EN_PARAGRAPHS = [
    "The city council voted on Tuesday to expand the bike lane network across downtown, "
    "a plan that supporters say will make streets safer for everyone who rides.",
    "Opponents argued that the project, which will cost about twelve million dollars, would "
    "remove hundreds of parking spaces used by small businesses along Main Street.",
    "Construction is expected to begin next spring and to last for roughly two years, "
    "according to the transportation department, which will publish a schedule.",
]
ZH_PARAGRAPHS = [
    "5月17日，本市举行2022年重点项目集中开工仪式，共有36个项目集中开工，总投资达120亿元。",
    "据介绍，本次集中开工的项目涵盖工业、交通、水利、城建、民生等多个领域，项目建成后将进一步完善基础设施。",
    "市委主要负责同志在开工仪式上表示，要坚持项目为王，全力以赴抓好项目建设，确保项目早日建成投产。",
]


def _page(body: str, head: str = "", lang: str = "en") -> str:
    return f"<html lang='{lang}'><head>{head}</head><body>{body}</body></html>"


def _story(cls: str = "story") -> str:
    return f"<div class='{cls}'>{''.join(f'<p>{p}</p>' for p in EN_PARAGRAPHS)}</div>"


HEADLINE = "<h1>Council backs bike lanes</h1>"
TITLE = "<title>Council backs bike lanes</title>"


def _article(body: str, head: str = TITLE, **options: Any) -> ExtractedArticle:
    """The article extracted from a page of the headline followed by ``body``."""
    return extract_article(_page(f"{HEADLINE}{body}", head), URL, now=NOW, **options)


def _body_text(body: str, head: str = TITLE) -> str:
    """The body text extracted from a page of the headline followed by ``body``."""
    return _article(body, head).body_text


def test_structured_article_body_keeps_its_paragraphs_apart() -> None:
    # The DOM holds a teaser only; the JSON-LD articleBody is the full text, one paragraph a
    # line: the body text keeps them as paragraphs.
    data = json.dumps(
        {
            "@type": "NewsArticle",
            "headline": "Council backs bike lanes",
            "articleBody": "\n".join(EN_PARAGRAPHS),
        }
    )
    html = _page(
        "<h1>Council backs bike lanes</h1><div class='teaser'><p>The council voted.</p></div>",
        f"<title>Council backs bike lanes</title>"
        f"<script type='application/ld+json'>{data}</script>",
    )
    article = extract_article(html, URL, now=NOW)
    assert article.body_source == "json-ld"
    assert article.body_text == "\n\n".join(EN_PARAGRAPHS)
    assert article.body_html == "\n".join(f"<p>{p}</p>" for p in EN_PARAGRAPHS)


def test_structured_article_body_loses_the_captions_and_player_text_the_page_shows() -> None:
    # A rendered page's text put into articleBody: the picture's caption and the video
    # player's fallback and buttons come along, one line each. The page shows them only in a
    # <figcaption> and in the player, so they are no article text.
    caption = "Cyclists on the new lane (Picture: Ann Lee)"
    player = ["To view this video please enable JavaScript", "Up Next"]
    lines = [EN_PARAGRAPHS[0], caption, *player, *EN_PARAGRAPHS[1:]]
    data = json.dumps({"@type": "NewsArticle", "articleBody": "\n".join(lines)})
    html = _page(
        "<h1>Council backs bike lanes</h1><div class='teaser'><p>The council voted.</p></div>"
        f"<figure><img src='a.jpg'><figcaption>{caption}</figcaption></figure>"
        f"<div class='video-player'><video><p>{player[0]}</p></video><p>{player[1]}</p></div>",
        f"{TITLE}<script type='application/ld+json'>{data}</script>",
    )
    article = extract_article(html, URL, now=NOW)
    assert article.body_source == "json-ld"
    assert article.body_text == "\n\n".join(EN_PARAGRAPHS)


def test_a_short_closing_paragraph_beside_the_article_block_is_kept() -> None:
    closing = "The vote passed seven to two."
    html = _page(
        "<h1>Council backs bike lanes</h1><article>"
        f"<div class='story'>{''.join(f'<p>{p}</p>' for p in EN_PARAGRAPHS)}</div>"
        f"<p>{closing}</p><h4>Share this story.</h4></article>",
        "<title>Council backs bike lanes</title>",
    )
    article = extract_article(html, URL, now=NOW)
    assert article.body_text.split("\n\n") == [*EN_PARAGRAPHS, closing]


def test_paragraphs_opening_with_an_icon_and_holding_a_link_are_article_text() -> None:
    # Each paragraph starts with a small image (a flag, a bullet) and links a source: that is
    # not a list of teasers (a headline link and a summary).
    paragraphs = [
        f"<p><img src='/flag.png' alt=''>{p[:-1]} "
        f"(<a href='/s{i}'>the full record of the council meeting {i}</a>).</p>"
        for i, p in enumerate(EN_PARAGRAPHS)
    ]
    texts = _body_text(f"<div class='story'>{''.join(paragraphs)}</div>").split("\n\n")
    assert len(texts) == 3
    assert [t.split(" (the full")[0] for t in texts] == [p[:-1] for p in EN_PARAGRAPHS]


def test_a_chinese_byline_is_read_under_the_headline_not_in_the_header_above_it() -> None:
    html = _page(
        "<div class='top'><p>专栏 作者：李四</p></div>"
        "<h1>我市重点项目集中开工</h1><p>作者：张三</p>"
        f"<div class='content'>{''.join(f'<p>{p}</p>' for p in ZH_PARAGRAPHS)}</div>",
        "<title>我市重点项目集中开工</title>",
        lang="zh",
    )
    assert extract_article(html, URL, now=NOW).authors == ["张三"]


def test_a_headline_that_links_to_its_own_article_is_the_title() -> None:
    # The site's logo heading links home and is left out; the headline links to the article.
    html = _page(
        "<h1><a href='/'>Example News</a></h1>"
        "<h1><a href='/a/article.html'>Council backs bike lanes downtown</a></h1>"
        f"{_story()}"
    )
    assert extract_article(html, URL, now=NOW).title == "Council backs bike lanes downtown"


def test_og_title_is_kept_over_a_cut_short_title_tag() -> None:
    full = "Council backs new bike lanes across the whole of downtown"
    html = _page(
        _story(),
        f"<title>Council backs new bike lanes across</title>"
        f"<meta property='og:title' content='{full}'>",
    )
    assert extract_article(html, URL, now=NOW).title == full


def test_the_outlet_named_in_the_element_after_a_source_label_is_the_media() -> None:
    html = _page(
        "<h1>我市重点项目集中开工</h1>"
        "<div class='info'><span>来源</span>\n<span>右江日报</span></div>"
        f"<div class='content'>{''.join(f'<p>{p}</p>' for p in ZH_PARAGRAPHS)}</div>",
        "<title>我市重点项目集中开工</title>",
        lang="zh",
    )
    assert extract_article(html, URL, now=NOW).media == "右江日报"


def test_a_utc_date_is_shown_in_the_local_zone_and_its_raw_text_kept() -> None:
    html = _page(
        f"<h1>Council backs bike lanes</h1>{_story('text')}",
        "<meta property='article:published_time' content='2022-05-18T00:32:00Z'>",
    )
    article = extract_article(html, URL, now=NOW)
    assert article.published_raw == "2022-05-18T00:32:00Z"
    assert article.published is not None
    assert article.published.isoformat() == "2022-05-18T08:32:00+08:00"


def test_a_date_without_offset_takes_the_offset_the_page_gives_and_keeps_its_raw_text() -> None:
    data = json.dumps(
        {
            "@type": "NewsArticle",
            "headline": "Council backs bike lanes",
            "datePublished": "2022-05-18T08:32:00",
            "dateModified": "2022-05-18T10:00:00-04:00",
        }
    )
    # A dateline at the foot shows the same day at another time: the structured minute stays.
    html = _page(
        f"<h1>Council backs bike lanes</h1>{_story('text')}"
        "<div class='date'>2022-05-18 09:15</div>",
        f"<script type='application/ld+json'>{data}</script>",
    )
    article = extract_article(html, URL, now=NOW)
    assert article.published_raw == "2022-05-18T08:32:00"
    assert article.published is not None
    assert article.published.isoformat() == "2022-05-18T08:32:00-04:00"


def test_a_small_block_beside_the_article_with_another_class_is_left_out() -> None:
    body = f"{_story()}<div class='box'><p>Weather: sunny, 24 degrees today.</p></div>"
    assert _body_text(body) == "\n\n".join(EN_PARAGRAPHS)


def test_a_link_list_inside_the_article_goes_when_the_last_paragraph_holds_a_link() -> None:
    related = "".join(
        f"<li><a href='/r{i}'>Another story about the city council number {i}</a></li>"
        for i in range(3)
    )
    body = (
        "<div class='story'>"
        f"<p>{EN_PARAGRAPHS[0]}</p><ul>{related}</ul><p>{EN_PARAGRAPHS[1]}</p>"
        f"<p>{EN_PARAGRAPHS[2][:-1]}, see <a href='/plan'>the plan</a>.</p></div>",
    )
    text = _body_text(body)
    assert "Another story" not in text
    assert text.split("\n\n")[:2] == EN_PARAGRAPHS[:2]


def test_a_short_headline_all_title_sources_agree_on_beats_an_unrelated_heading() -> None:
    data = json.dumps({"@type": "NewsArticle", "headline": "Tax vote"})
    html = _page(
        f"<h1>Weather today</h1>{_story()}",
        f"<title>Tax vote</title><meta property='og:title' content='Tax vote'>"
        f"<script type='application/ld+json'>{data}</script>",
    )
    assert extract_article(html, URL, now=NOW).title == "Tax vote"


def test_the_site_name_before_the_headline_in_og_title_is_dropped() -> None:
    html = _page(
        _story(),
        "<meta property='og:site_name' content='Daily Planet'>"
        "<meta property='og:title' content='Daily Planet | Council backs bike lanes downtown'>",
    )
    assert extract_article(html, URL, now=NOW).title == "Council backs bike lanes downtown"


def test_the_visible_headline_wins_over_an_og_title_cut_short() -> None:
    full = "Council backs new bike lanes across the whole of downtown"
    html = _page(
        f"<h1>{full}</h1>{_story()}",
        "<meta property='og:title' content='Council backs new bike lanes across'>",
    )
    assert extract_article(html, URL, now=NOW).title == full


def test_a_media_rule_names_the_outlet_without_its_label() -> None:
    html = _page(
        f"<h1>我市重点项目集中开工</h1>{_story('content')}<div class='src'>稿件提供 右江日报</div>"
        "<div class='label'>来源：新华社</div>",
        "<meta property='og:site_name' content='某某网'>",
        lang="zh",
    )
    assert (
        extract_article(html, URL, now=NOW, rules={"media": [".src"]}).media == "稿件提供 右江日报"
    )
    assert extract_article(html, URL, now=NOW, rules={"media": [".label"]}).media == "新华社"


def test_a_remove_rule_takes_its_block_out_of_the_automatic_body() -> None:
    body = (
        "<div class='story'>"
        f"<p>{EN_PARAGRAPHS[0]}</p><p class='note'>Our weekend edition, now with more puzzles, "
        f"is out on Saturday.</p><p>{EN_PARAGRAPHS[1]}</p><p>{EN_PARAGRAPHS[2]}</p></div>",
    )
    assert "puzzles" in _body_text(body)
    article = _article(body, rules={"remove": [".note"]})
    assert article.body_text == "\n\n".join(EN_PARAGRAPHS)


def test_on_a_tie_of_votes_the_day_of_the_strongest_signal_wins() -> None:
    # 20 May: the article's JSON-LD (strongest) and a <time>; 18 May: the URL and the web
    # page's JSON-LD. Equal weight on each day; the later day holds the strongest signal.
    data = json.dumps(
        [
            {"@type": "WebPage", "datePublished": "2022-05-18T09:00:00+08:00"},
            {"@type": "NewsArticle", "headline": "H", "datePublished": "2022-05-20T10:00:00+08:00"},
        ]
    )
    html = _page(
        f"{_story()}<time datetime='2022-05-20T11:00:00+08:00'></time>",
        f"<script type='application/ld+json'>{data}</script>",
    )
    article = extract_article(html, "https://news.example.com/2022/05/18/article.html", now=NOW)
    assert article.published is not None
    assert article.published.date().isoformat() == "2022-05-20"


def test_a_shown_time_for_a_day_only_date_takes_the_offset_the_page_gives() -> None:
    # The meta tag has the day alone; a dateline shows the time, which is the page's wall
    # clock: the offset is the one the page's other timed value carries.
    html = _page(
        f"{_story()}<div class='date'>2022-05-18 08:32</div>",
        "<meta name='publishdate' content='2022-05-18'>"
        "<meta property='article:modified_time' content='2022-05-19T10:00:00-04:00'>",
    )
    article = extract_article(html, URL, now=NOW)
    assert article.published is not None
    assert article.published.isoformat() == "2022-05-18T08:32:00-04:00"


def test_a_block_whose_class_ends_in_nav_is_left_out_of_the_body() -> None:
    body = (
        "<div class='story'>"
        "<div class='storynav'>Part two of our series on the streets of the city and how "
        "people move through them every day.</div>"
        f"{''.join(f'<p>{p}</p>' for p in EN_PARAGRAPHS)}</div>",
    )
    assert _body_text(body) == "\n\n".join(EN_PARAGRAPHS)


def test_the_headline_repeated_under_a_standfirst_is_dropped_from_the_body() -> None:
    standfirst = "A plan years in the making finally clears its last hurdle at city hall tonight."
    html = _page(
        f"<div class='story'><p>{standfirst}</p><h2>Council backs bike lanes</h2>"
        f"{''.join(f'<p>{p}</p>' for p in EN_PARAGRAPHS)}</div>",
        "<title>Council backs bike lanes</title>",
    )
    article = extract_article(html, URL, now=NOW)
    assert article.title == "Council backs bike lanes"
    assert article.body_text.split("\n\n") == [standfirst, *EN_PARAGRAPHS]
    assert article.body_source == "dom"


def test_fragments_beside_the_article_block_are_not_article_text() -> None:
    # A line without a sentence's end and a two-word line are page furniture, not paragraphs.
    body = (
        f"{_story()}<p>Tomorrow in the series the bus network under review</p><p>Next: buses.</p>"
    )
    assert _body_text(body) == "\n\n".join(EN_PARAGRAPHS)


def test_comments_are_left_out_when_the_body_class_names_a_sidebar_layout() -> None:
    html = (
        "<html lang='en'><head><title>Council backs bike lanes</title></head>"
        "<body class='single sidebar-right'><h1>Council backs bike lanes</h1>"
        f"<div class='story'>{''.join(f'<p>{p}</p>' for p in EN_PARAGRAPHS)}"
        "<div class='comments'><p>Great news for cyclists, finally! Well done, council.</p>"
        "</div></div></body></html>"
    )
    assert extract_article(html, URL, now=NOW).body_text == "\n\n".join(EN_PARAGRAPHS)


def test_the_site_before_the_headline_in_the_title_tag_is_the_media() -> None:
    html = _page(
        f"<h1>Council backs bike lanes downtown</h1>{_story()}",
        "<title>Daily Planet | Council backs bike lanes downtown</title>",
    )
    article = extract_article(html, URL, now=NOW)
    assert (article.title, article.media) == ("Council backs bike lanes downtown", "Daily Planet")


def test_a_site_wide_og_title_leaves_the_headline_to_the_title_tag_without_the_site() -> None:
    html = _page(
        f"<div class='title'>我市重点项目集中开工</div>{_story('content')}",
        "<title>我市重点项目集中开工：右江日报</title>"
        "<meta property='og:title' content='右江日报'>"
        "<meta property='og:site_name' content='右江日报'>",
        lang="zh",
    )
    assert extract_article(html, URL, now=NOW).title == "我市重点项目集中开工"


def test_a_page_titled_only_with_the_site_name_is_titled_with_it() -> None:
    html = _page(
        _story(),
        "<meta property='og:title' content='Daily Planet'>"
        "<meta property='og:site_name' content='Daily Planet'>",
    )
    assert extract_article(html, URL, now=NOW).title == "Daily Planet"


def test_a_page_without_a_date_takes_the_sitemap_date_before_the_first_seen_one() -> None:
    hints = {
        "first_seen": datetime(2022, 5, 20, 1, 0, tzinfo=UTC),
        "sitemap": datetime(2022, 5, 18, 1, 0, tzinfo=UTC),
    }
    article = extract_article(_page(_story()), URL, now=NOW, hints=hints)
    assert (article.published, article.published_source) == (hints["sitemap"], "sitemap")


def test_an_english_page_of_no_region_reads_a_slashed_date_month_first() -> None:
    html = _page(f"<h1>Council backs bike lanes</h1><p>Published 05/06/2022</p>{_story()}")
    article = extract_article(html, URL, now=NOW)
    assert article.published is not None
    assert article.published.date().isoformat() == "2022-05-06"


def test_two_body_rules_matching_the_same_block_give_its_text_once() -> None:
    html = _page(f"<h1>Council backs bike lanes</h1><article>{_story()}</article>")
    article = extract_article(html, URL, now=NOW, rules={"body": [".story", "article > div"]})
    assert article.body_source == "rule"
    assert article.body_text == "\n\n".join(EN_PARAGRAPHS)


def test_a_sidebar_layout_body_is_kept_when_the_parser_left_a_long_notice_in_head() -> None:
    # An unknown tag in <head> keeps a long notice there, so the <body> holds less than half
    # of the text; its layout class names a sidebar, and it holds the article.
    notice = " ".join(["We use cookies to measure traffic and to remember your choices."] * 12)
    html = (
        "<html lang='en'><head><title>Council backs bike lanes</title>"
        f"<cookie-notice><p>{notice}</p></cookie-notice></head>"
        f"<body class='sidebar-right'>{_story('article-body')}</body></html>"
    )
    assert extract_article(html, URL, now=NOW).body_text == "\n\n".join(EN_PARAGRAPHS)


def test_a_placeholder_beside_the_article_with_the_same_class_stays_out() -> None:
    body = f"{_story('article-body')}<div class='article-body'><p>Loading…</p></div>"
    assert _body_text(body) == "\n\n".join(EN_PARAGRAPHS)


def test_a_long_english_byline_and_date_line_opening_the_body_is_dropped() -> None:
    byline = (
        "By Jane Doe and John Smith, Daily Planet staff writers · Published May 18, 2022 at "
        "8:32 a.m. · 5 min read"
    )
    body = (
        f"<div class='story'><p>{byline}</p>{''.join(f'<p>{p}</p>' for p in EN_PARAGRAPHS)}</div>"
    )
    assert _body_text(body) == "\n\n".join(EN_PARAGRAPHS)


def test_a_photo_with_its_caption_inside_the_article_is_left_out_of_the_body() -> None:
    body = (
        "<div class='story'>"
        f"<p>{EN_PARAGRAPHS[0]}</p><figure><img src='/lane.jpg'>"
        "<figcaption>A bike lane on Main Street.</figcaption></figure>"
        f"<p>{EN_PARAGRAPHS[1]}</p><p>{EN_PARAGRAPHS[2]}</p></div>",
    )
    article = _article(body)
    assert article.body_text == "\n\n".join(EN_PARAGRAPHS)
    assert "lane.jpg" not in article.body_html


def test_the_site_named_in_the_title_tag_is_the_media_also_when_longer_than_the_headline() -> None:
    site = json.dumps({"@type": "WebSite", "name": "The Daily Planet of Springfield Online"})
    html = _page(
        _story(),
        "<title>Bike lanes approved | The Daily Planet of Springfield Online</title>"
        "<meta property='og:title' content='Council backs bike lanes'>"
        f"<script type='application/ld+json'>{site}</script>",
    )
    article = extract_article(html, URL, now=NOW)
    assert (article.title, article.media) == (
        "Council backs bike lanes",
        "The Daily Planet of Springfield Online",
    )


def test_an_outlet_without_a_headline_to_place_it_is_not_guessed_from_a_dateline() -> None:
    page = parse_page(
        _page(
            f"<p>新华社</p><p>2020-01-03 18:13</p>{_story('content')}",
            "<meta property='og:site_name' content='右江日报'>",
            lang="zh",
        ),
        URL,
    )
    assert extract_media(page) == "右江日报"


def test_a_place_beside_an_agency_in_a_byline_is_not_an_author() -> None:
    html = _page(
        f"<h1>Council backs bike lanes</h1><p class='byline'>Reuters, London</p>{_story()}"
    )
    assert extract_article(html, URL, now=NOW).authors == ["Reuters"]


def test_markup_commented_out_before_the_html_element_is_not_page_text() -> None:
    html = (
        "<!-- <div class='src'>来源：模板网</div> -->\n<html lang='zh'><head>"
        "<title>我市重点项目集中开工_右江日报</title></head><body>"
        f"<div class='info'>2022-05-18 08:32 来源：右江日报</div>{_story('content')}</body></html>"
    )
    assert extract_article(html, URL, now=NOW).media == "右江日报"


def test_a_relative_date_counts_back_from_the_given_now() -> None:
    html = _page(
        "<h1>我市重点项目集中开工</h1><span itemprop='datePublished'>3小时前</span>"
        f"{_story('content')}",
        lang="zh",
    )
    article = extract_article(html, URL, now=NOW)
    assert article.published == NOW - timedelta(hours=3)


def test_a_published_rule_decides_the_date() -> None:
    html = _page(
        f"<h1>Council backs bike lanes</h1><span class='stamp'>2022-05-17 10:00</span>{_story()}",
        "<meta property='article:published_time' content='2022-05-18T08:32:00+08:00'>",
    )
    article = extract_article(html, URL, now=NOW, rules={"published": [".stamp"]})
    assert article.published_source == "rule"
    assert article.published_raw == "2022-05-17 10:00"


def test_a_bulleted_list_of_sentences_in_the_article_is_kept() -> None:
    items = [
        "Protected lanes on Main Street, separated from traffic by a kerb.",
        "New crossings at the four busiest junctions, with their own signals.",
        "Bike parking beside every tram stop, see the <a href='/map'>map</a>.",
    ]
    body = (
        "<div class='story'>"
        f"<p>{EN_PARAGRAPHS[0]}</p><ul>{''.join(f'<li>{i}</li>' for i in items)}</ul>"
        f"<p>{EN_PARAGRAPHS[1]}</p><p>{EN_PARAGRAPHS[2]}</p></div>",
    )
    text = _body_text(body)
    assert "separated from traffic by a kerb" in text
    assert "Bike parking beside every tram stop, see the map." in text


def test_a_known_site_name_before_the_headline_in_the_title_tag_is_dropped() -> None:
    html = _page(
        _story(),
        "<title>Daily Planet | Council backs bike lanes downtown</title>"
        "<meta property='og:site_name' content='Daily Planet'>",
    )
    article = extract_article(html, URL, now=NOW)
    assert (article.title, article.media) == ("Council backs bike lanes downtown", "Daily Planet")


def test_the_date_in_a_teaser_link_is_not_the_articles_date() -> None:
    html = _page(
        "<p>Previous: <a href='/a/earlier.html'>Council delays its vote on the bike lanes "
        "once again (2022-05-10)</a></p>"
        f"{_story()}<div class='date'>2022-05-18 09:15</div>"
    )
    article = extract_article(html, URL, now=NOW)
    assert article.published is not None
    assert article.published.date().isoformat() == "2022-05-18"


def test_an_article_after_a_stray_closing_html_tag_is_the_body() -> None:
    # libxml2 starts a second root element after "</html>": the article is in it.
    html = (
        "<html><head><title>Council backs bike lanes</title></head><body>"
        "<h1>Council backs bike lanes</h1><p>Short.</p></body></html>"
        f"{''.join(f'<p>{p}</p>' for p in EN_PARAGRAPHS)}"
    )
    assert extract_article(html, URL, now=NOW).body_text == "\n\n".join(EN_PARAGRAPHS)


def test_a_long_subheading_left_last_with_nothing_after_it_is_dropped() -> None:
    subheading = (
        "What the council's vote on the new bike lanes means for drivers, riders and the "
        "shops along Main Street"
    )
    body = f"{_story()}<h2>{subheading}</h2>"
    assert _body_text(body) == "\n\n".join(EN_PARAGRAPHS)


def test_a_section_label_before_a_quoted_headline_is_left_out_of_the_title() -> None:
    html = _page(
        f"<h1>Council backs bike lanes downtown</h1>{_story()}",
        "<meta property='og:title' content='Politics | “Council backs bike lanes downtown”'>",
    )
    assert extract_article(html, URL, now=NOW).title == "Council backs bike lanes downtown"


def test_a_profile_address_as_author_meta_is_no_author_name() -> None:
    html = _page(
        f"<h1>Council backs bike lanes</h1><p class='byline'>By Jane Doe</p>{_story()}",
        "<meta property='article:author' content='www.facebook.com/JaneDoe'>",
    )
    assert extract_article(html, URL, now=NOW).authors == ["Jane Doe"]


def test_a_page_that_names_no_outlet_has_no_media() -> None:
    html = _page(
        f"<h1>Council backs bike lanes</h1>{_story()}", "<title>Council backs bike lanes</title>"
    )
    assert extract_article(html, URL, now=NOW).media == ""
