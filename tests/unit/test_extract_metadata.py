"""Title, media, authors, language and date wiring on small inline pages."""

from __future__ import annotations

import html
import json
from datetime import datetime

import pytest

from newsbot.extract import ExtractedArticle, extract_article
from newsbot.extract.metadata import detect_lang, split_title
from newsbot.extract.page import parse_page

ZH_PAGE = """<html><head><meta charset="gbk"><title>我市重点项目集中开工_右江日报</title></head>
<body><div class="main"><h1>我市重点项目集中开工</h1>
<div class="info">发布时间：2022-05-18 08:32 来源：右江日报 记者 张三 王五</div>
<div class="content">
<p>5月17日，本市举行2022年重点项目集中开工仪式，共有36个项目集中开工，总投资达120亿元。</p>
<p>据介绍，本次集中开工的项目涵盖工业、交通、水利、城建、民生等多个领域，
项目建成后将进一步完善基础设施。</p>
</div></div></body></html>"""

EN_PAGE = """<html lang="en-US"><head><title>Council backs bike lanes - Daily Planet</title>
<meta property="og:title" content="Council backs bike lanes">
<meta property="article:author" content="https://www.facebook.com/dailyplanet">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Council backs bike lanes", "datePublished": "2022-05-18T08:32:00+00:00",
"author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "John Roe"}],
"publisher": {"@type": "Organization", "name": "Daily Planet"}}</script></head>
<body><h1>Council backs bike lanes</h1><div class="article-body">
<p>The city council voted on Tuesday to expand the bike lane network across downtown, a plan
that supporters say will make streets safer for everyone, and opponents call too costly.</p>
</div></body></html>"""

NOW = datetime(2022, 5, 20, 10, 0)


def test_chinese_page_metadata() -> None:
    article = extract_article(ZH_PAGE.encode("gbk"), "http://www.example.cn/a.htm", now=NOW)
    assert article.title == "我市重点项目集中开工"
    assert article.media == "右江日报"
    assert article.authors == ["张三", "王五"]
    assert article.lang == "zh"
    assert article.encoding.lower() in ("gb18030", "gbk")


def test_english_jsonld_metadata() -> None:
    article = extract_article(EN_PAGE, "https://planet.example.com/bikes", now=NOW)
    assert article.title == "Council backs bike lanes"
    assert article.media == "Daily Planet"
    assert article.authors == ["Jane Doe", "John Roe"]
    assert article.lang == "en"
    assert all("http" not in a for a in article.authors)


def test_published_wiring_and_to_dict() -> None:
    pytest.importorskip("newsbot.extract.pubdate")
    article = extract_article(EN_PAGE, "https://planet.example.com/bikes", now=NOW)
    assert article.published is not None and article.published.tzinfo is not None
    assert article.published.date().isoformat() == "2022-05-18"
    assert article.published_source == "json-ld"
    data = article.to_dict()
    assert data["published"].startswith("2022-05-18T")
    assert data["authors"] == ["Jane Doe", "John Roe"]


def test_article_is_frozen() -> None:
    article = extract_article(EN_PAGE, "https://planet.example.com/bikes", now=NOW)
    assert isinstance(article, ExtractedArticle)
    with pytest.raises(AttributeError):
        article.title = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("raw", "head", "site"),
    [
        ("我市重点项目集中开工_右江日报", "我市重点项目集中开工", "右江日报"),
        ("Markets rally on rate hopes - 新华网", "Markets rally on rate hopes", "新华网"),
        (
            "Oil prices climb as supply tightens | Reuters",
            "Oil prices climb as supply tightens",
            "Reuters",
        ),
        ("The best phones of the year — The Verge", "The best phones of the year", "The Verge"),
        (
            "Reuters | Oil prices climb as supply tightens",
            "Oil prices climb as supply tightens",
            "Reuters",
        ),
        ("COVID-19 cases fall in the city", "COVID-19 cases fall in the city", None),
    ],
)
def test_split_title(raw: str, head: str, site: str | None) -> None:
    assert split_title(raw) == (head, site)


def test_title_prefers_h1_matching_title_and_byline_patterns() -> None:
    page = """<html><head><title>Storm hits coast, thousands without power | Gazette</title></head>
    <body><h1>Storm hits coast, thousands without power</h1><p>By Maria Lopez</p>
    <div class="story"><p>Thousands of homes lost power on Monday as a storm hit the coast,
    bringing strong winds and heavy rain to the region, officials said.</p></div></body></html>"""
    article = extract_article(page, "http://gazette.example/storm", now=NOW)
    assert article.title == "Storm hits coast, thousands without power"
    assert article.media == "Gazette"
    assert article.authors == ["Maria Lopez"]


def test_rules_override_one_field_only() -> None:
    rules = {
        "title": ["h2.real-title"],
        "authors": ["//span[@class='writer']"],
        "media": [".nothing-matches"],
    }
    page = EN_PAGE.replace(
        '<div class="article-body">',
        '<h2 class="real-title">Rule title</h2><span class="writer">Ann Smith</span>'
        '<div class="article-body">',
    )
    article = extract_article(page, "https://planet.example.com/bikes", now=NOW, rules=rules)
    assert article.title == "Rule title"
    assert article.authors == ["Ann Smith"]
    assert article.media == "Daily Planet"  # rule matched nothing: automatic value
    assert "city council voted" in article.body_text


def test_lang_detected_without_declaration() -> None:
    page = parse_page(
        "<html><body><p>这是一段没有语言声明的中文文本。</p></body></html>", "http://x/"
    )
    assert page.lang == ""
    article = extract_article(
        "<html><body><p>这是一段没有语言声明的中文文本，内容足够长。</p></body></html>", "http://x/"
    )
    assert article.lang == "zh"


ZH_TEXT = "".join(
    f"<p>第{i}段，本市举行重点项目集中开工仪式，共有36个项目集中开工，总投资达120亿元。</p>"
    for i in range(40)
)


def _zh_page(
    meta: str = "", head: str = "", tail: str = "", title: str = "重点项目集中开工"
) -> str:
    return f"""<html><head><title>{title}_右江日报</title>{meta}</head><body>
    <h1>重点项目集中开工</h1>{head}<div class="content">{ZH_TEXT}{tail}</div></body></html>"""


def test_nested_byline_is_not_glued_and_agency_is_not_an_author() -> None:
    page = EN_PAGE.replace(
        '<meta property="article:author" content="https://www.facebook.com/dailyplanet">', ""
    )
    page = page.replace(
        '"author": [{"@type": "Person", "name": "Jane Doe"}, '
        '{"@type": "Person", "name": "John Roe"}],',
        "",
    )
    page = page.replace(
        '<div class="article-body">',
        '<div class="byline"><span>By <a href="/eric">ERIC TUCKER</a></span>'
        '<span>Associated Press</span></div><div class="article-body">',
    )
    article = extract_article(page, "https://planet.example.com/bikes", now=NOW)
    assert article.authors == ["Eric Tucker"]


@pytest.mark.parametrize(
    "byline",
    [
        "By Jane Doe | Updated 05/18/2022 8:32 PM",
        "By Jane Doe, Reuters",
        "By Jane Doe and https://twitter.com/janedoe",
    ],
)
def test_author_is_never_a_date_url_or_agency(byline: str) -> None:
    page = f"""<html><head><title>Storm hits coast - Gazette</title></head><body>
    <h1>Storm hits coast</h1><p class="byline">{byline}</p><div class="story"><p>Thousands of
    homes lost power on Monday as a storm hit the coast, officials said on Monday.</p></div>
    </body></html>"""
    assert extract_article(page, "http://gazette.example/storm", now=NOW).authors == ["Jane Doe"]


@pytest.mark.parametrize(
    ("head", "tail", "authors"),
    [
        ("<p>作者：王五</p>", "", ["王五"]),
        # The next label on the line is no name; a photographer's credit names no writer.
        ("<p>版次：A03　作者：王五　日期：2022-05-18</p>", "", ["王五"]),
        (
            "<p>改造后的一条背街小巷。记者 陈立新 摄</p><p>本报讯（记者 王五）昨日。</p>",
            "",
            ["王五"],
        ),
        ("<p>文/赵六</p>", "", ["赵六"]),
        ("<p>本报记者 张三 李四</p>", "", ["张三", "李四"]),
        ("<p>编辑：钱七</p>", "", []),
        ("<p>作者：网络整理</p>", "", []),
        # a byline at the end of a long article, after an outlet and role
        ("", "<p>采写：南都见习记者 林子沛</p><p>责任编辑：钱七</p>", ["林子沛"]),
    ],
)
def test_chinese_bylines(head: str, tail: str, authors: list[str]) -> None:
    article = extract_article(_zh_page(head=head, tail=tail), "http://www.example.cn/a.htm")
    assert article.authors == authors


def test_outlet_in_author_meta_is_not_an_author() -> None:
    meta = (
        '<meta name="author" content="参考消息"><meta property="article:author" content="右江日报">'
    )
    head = "<p>新京报快讯（记者 裴剑飞）今日有网友爆料。</p>"
    article = extract_article(_zh_page(meta=meta, head=head), "http://www.example.cn/a.htm")
    assert article.authors == ["裴剑飞"]


def test_site_name_in_author_meta_is_not_an_author() -> None:
    meta = '<meta name="author" content="右江">'
    article = extract_article(_zh_page(meta=meta), "http://www.example.cn/a.htm")
    assert article.authors == []


def test_title_and_media_from_heading_glued_to_site_name() -> None:
    page = """<html><head><title>阿里发布AI芯片：一块顶十块GPU-EDN 电子技术设计</title></head><body>
    <div class="cover"><h4>阿里发布AI芯片：一块顶十块GPU</h4></div><div class="content">
    <p>刚刚，在云栖大会上，阿里巴巴发布了首款AI芯片，这是一款云端AI推理芯片，性能很高。</p>
    </div></body></html>"""
    article = extract_article(page, "http://www.example.cn/a.htm", now=NOW)
    assert article.title == "阿里发布AI芯片：一块顶十块GPU"
    assert article.media == "EDN 电子技术设计"


def test_title_from_dated_heading_when_title_tag_names_the_section() -> None:
    page = """<html><head><title>新闻动态--地理学会官网</title></head><body>
    <h2>首页 - 新闻动态</h2><h5>人文地理学术年会在重庆成功举行！</h5>
    <div class="ly">发布时间：2019-05-18 来源：地理学会</div><div class="content">
    <p>5月10-12日，人文地理学术年会在重庆举行。本次会议由地理学会主办，600余名专家参会。</p>
    </div><h3>联系我们</h3></body></html>"""
    article = extract_article(page, "http://www.example.cn/a.htm", now=NOW)
    assert article.title == "人文地理学术年会在重庆成功举行！"
    assert article.media == "地理学会"
    assert article.body_text.startswith("5月10-12日")


def _title_of(head: str, body: str, url: str = "https://news.example.com/a/1") -> str:
    page = f"<html><head>{head}</head><body>{body}<div class='story'><p>{'Text. ' * 30}</p>"
    return extract_article(page + "</div></body></html>", url, now=NOW).title


def test_visible_headline_beats_the_social_title() -> None:
    head = (
        "<title>Council backs bike lanes across downtown | Gazette</title>"
        '<meta property="og:title" content="Bikes win big at city hall">'
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "headline": "Council backs bike lanes across downtown"}</script>'
    )
    assert _title_of(head, "<h1>Council backs bike lanes across downtown</h1>") == (
        "Council backs bike lanes across downtown"
    )


def test_kicker_is_neither_glued_on_nor_cut_off() -> None:
    # The heading shows a kicker the titles leave out...
    head = (
        '<meta property="og:title" content="Rebels agree to a ceasefire in the north">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline":'
        ' "War in the north - Rebels agree to a ceasefire in the north"}</script>'
    )
    body = "<h1>War in the north - Rebels agree to a ceasefire in the north</h1>"
    assert _title_of(head, body) == "Rebels agree to a ceasefire in the north"
    # ... or the titles carry a kicker the heading leaves out.
    head = (
        "<title>After the vote: Mayor resigns over budget row - Gazette</title>"
        '<meta property="og:title" content="After the vote: Mayor resigns over budget row">'
    )
    assert _title_of(head, "<h1>Mayor resigns over budget row</h1>") == (
        "After the vote: Mayor resigns over budget row"
    )
    # A section label before the headline in og:title goes.
    head = (
        '<meta property="og:title" content="Ski jumping | Row over equipment at the final">'
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "headline": "Row over equipment at the final"}</script>'
    )
    assert _title_of(head, "<h1>Row over equipment at the final</h1>") == (
        "Row over equipment at the final"
    )


@pytest.mark.parametrize(
    ("og", "site", "expected"),
    [
        ("津波注意報が出る　気象庁：朝日デジタル", "朝日デジタル", "津波注意報が出る 気象庁"),
        ("Storm hits the coast | World News | Gazette News", "Gazette", "Storm hits the coast"),
        ("代表团抵达北京开始访问--时政--人民网", "人民网", "代表团抵达北京开始访问"),
        ('"당규 개정 왜 밀어붙이나"-정치ㅣ한국일보', "한국일보", '"당규 개정 왜 밀어붙이나"'),
    ],
)
def test_site_suffix_is_removed(og: str, site: str, expected: str) -> None:
    head = (
        f'<meta property="og:title" content="{html.escape(og)}">'
        f'<meta property="og:site_name" content="{site}">'
        f'<script type="application/ld+json">{{"@type": "NewsArticle", "headline":'
        f" {json.dumps(expected)}}}</script>"
    )
    assert _title_of(head, "<p>Nothing here.</p>") == expected


def test_site_name_after_a_full_width_colon_is_removed() -> None:
    head = (
        '<meta property="og:title" content="津波注意報が出る　気象庁：朝日デジタル">'
        '<meta property="og:site_name" content="朝日デジタル">'
    )
    assert _title_of(head, "") == "津波注意報が出る 気象庁"


def test_site_suffix_removed_from_a_chinese_title_without_meta() -> None:
    assert _title_of("<title>代表团抵达北京开始访问--时政--人民网</title>", "") == (
        "代表团抵达北京开始访问"
    )
    # an office name after a space, confirmed by the heading that opens the title
    head = "<title>关于做好春耕工作的通知 市农业农村局</title>"
    body = "<div><h3>关于做好春耕工作的通知</h3></div>"
    assert _title_of(head, body) == "关于做好春耕工作的通知"


def test_empty_or_site_h1_does_not_beat_the_headline_in_h2() -> None:
    head = (
        "<title>Mayor resigns over budget row - Gazette</title>"
        '<meta property="og:site_name" content="Gazette">'
        '<meta property="og:title" content="Mayor resigns over budget row">'
    )
    body = (
        '<h1><a href="/"><img src="logo.png" alt="Gazette"></a></h1>'
        '<h1 class="site-title">Gazette</h1>'
        '<h1 class="breadcrumb-title">Mayor resigns</h1>'
        '<div class="head"><h2>Mayor resigns over budget row</h2></div>'
    )
    assert _title_of(head, body) == "Mayor resigns over budget row"


def test_breadcrumb_copy_of_the_seo_title_is_not_the_visible_headline() -> None:
    head = (
        "<title>Budget row: Mayor quits | Gazette</title>"
        '<meta property="og:title" content="Mayor resigns over the budget row">'
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "headline": "Budget row: Mayor quits"}</script>'
    )
    body = (
        '<nav class="breadcrumb"><h1>Budget row: Mayor quits</h1></nav>'
        "<header><h2>Mayor resigns over the budget row</h2></header>"
    )
    assert _title_of(head, body) == "Mayor resigns over the budget row"


def test_entities_in_structured_titles_are_decoded() -> None:
    head = (
        '<meta property="og:title" content="Mayor&amp;#8217;s &amp;quot;last&amp;quot; budget">'
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "headline": "Mayor&#8217;s &quot;last&quot; budget"}</script>'
    )
    assert _title_of(head, "") == 'Mayor’s "last" budget'


def test_h1_is_compared_with_the_title_tag() -> None:
    # No structured title: the <h1> that the <title> confirms beats an earlier heading.
    head = "<title>Gazette | Mayor quits - and the budget row goes on</title>"
    body = "<h2>Latest news</h2><h1>Mayor quits - and the budget row goes on</h1>"
    assert _title_of(head, body) == "Mayor quits - and the budget row goes on"
    # ... but an h1 with the site's name is not the headline the <title> names.
    head = '<title>Mayor quits over budget row | Gazette</title><meta name="application-name"'
    head += ' content="Gazette">'
    body = "<h1>Gazette</h1><h2>Mayor quits over budget row</h2>"
    assert _title_of(head, body) == "Mayor quits over budget row"


def _authors_of(head: str, body: str) -> list[str]:
    page = (
        f"<html><head><title>Storm hits coast - Gazette</title>{head}</head><body>"
        f"<h1>Storm hits coast</h1>{body}<div class='story'><p>{'Text here. ' * 30}</p>"
        "</div></body></html>"
    )
    return extract_article(page, "https://gazette.example.com/storm", now=NOW).authors


def _ld_author(author: object, site: str = "Gazette") -> str:
    data = {"@type": "NewsArticle", "author": author, "publisher": {"name": site}}
    return (
        f'<meta property="og:site_name" content="{site}">'
        f'<script type="application/ld+json">{json.dumps(data)}</script>'
    )


def test_outlet_or_agency_is_the_author_when_no_person_is_named() -> None:
    outlet = {"@type": "Organization", "name": "Gazette"}
    assert _authors_of(_ld_author(outlet), "") == ["Gazette"]
    assert _authors_of(_ld_author({"@type": "Person", "name": "DPA"}), "") == ["DPA"]
    # A person named on the page beats the outlet the structured data credits.
    body = '<div class="authors"><span class="sr-only">opinion</span> von <b>Jane Doe</b></div>'
    assert _authors_of(_ld_author(outlet), body) == ["Jane Doe"]
    # Agencies credited beside a writer are authors too.
    people = [{"@type": "Person", "name": "Adam Vidler"}, {"@type": "Person", "name": "AP"}]
    assert _authors_of(_ld_author(people), "") == ["Adam Vidler", "AP"]


def test_agency_byline_alone_is_the_author() -> None:
    assert _authors_of("", '<div class="article-author">Von dpa</div>') == ["dpa"]
    article = extract_article(_zh_page(head="<p>作者：新华社</p>"), "http://www.example.cn/a.htm")
    assert article.authors == ["新华社"]


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("Autor: Monika Bolliger und Anna Trechsel", ["Monika Bolliger", "Anna Trechsel"]),
        ("Av Kari Nordmann og Ola Nordmann", ["Kari Nordmann", "Ola Nordmann"]),
        ("By Jane Doe/John Roe", ["Jane Doe", "John Roe"]),
        ("By Jane Doe, jane-doe, red", ["Jane Doe"]),  # a URL slug, initials
        ("By Jane Doe | Photo: Getty Images", ["Jane Doe"]),  # an image credit
        ("By Jane Doe, Reporter", ["Jane Doe"]),  # a role label
    ],
)
def test_bylines_are_split_and_junk_left_out(byline: str, authors: list[str]) -> None:
    byline = byline.replace("Av ", "By ")
    assert _authors_of("", f'<p class="byline">{byline}</p>') == authors


@pytest.mark.parametrize(
    ("head", "authors"),
    [
        ("<p>作者：王五、赵六</p>", ["王五", "赵六"]),
        ("<p>作者：王五，赵六</p>", ["王五", "赵六"]),
        ("<p>点击数：1523 作者：王五</p>", ["王五"]),
        ('<div class="author">王五 | 点击数：</div>', ["王五"]),
        ("<p>（责任编辑：钱七）</p>", []),
        ("<p>医生告诉记者：被称为最难的手术</p><p>他说，记者接触的专家都同意。</p>", []),
        ("<p>本报记者张三发自北京</p>", ["张三"]),
    ],
)
def test_chinese_authors_and_editors(head: str, authors: list[str]) -> None:
    article = extract_article(_zh_page(head=head), "http://www.example.cn/a.htm")
    assert article.authors == authors


def test_chinese_name_padded_to_three_characters() -> None:
    meta = '<meta name="author" content="赵　培">'
    article = extract_article(_zh_page(meta=meta), "http://www.example.cn/a.htm")
    assert article.authors == ["赵培"]


def test_written_by_card_label_names_the_author() -> None:
    head = (
        '<meta name="author" content="j.doe@gazette.example.com">'
        '<meta name="twitter:label1" content="Written by">'
        '<meta name="twitter:data1" content="Jane Doe">'
    )
    assert _authors_of(head, "") == ["Jane Doe"]


def test_a_written_by_label_in_the_third_card_slot_or_without_data() -> None:
    head = (
        '<meta name="twitter:label1" content="Reading time">'
        '<meta name="twitter:data1" content="4 minutes">'
        '<meta name="twitter:label3" content="Written by">'
        '<meta name="twitter:data3" content="Jane Doe">'
    )
    assert _authors_of(head, "") == ["Jane Doe"]
    # A "Written by" label with no data names nobody.
    assert _authors_of('<meta name="twitter:label1" content="Written by">', "") == []


def test_structured_author_from_the_article_only() -> None:
    data = [
        {"@type": "NewsMediaOrganization", "name": "Gazette", "author": {"name": "Ann Poe"}},
        {
            "@type": "WebPage",
            "mainEntity": {"@type": "NewsArticle", "author": {"name": "Jane Doe"}},
        },
        {"@type": "AudioObject", "headline": "Podcast", "author": {"name": "John Roe"}},
    ]
    head = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    assert _authors_of(head, "") == ["Jane Doe"]


def _media_of(head: str, header: str) -> str:
    page = (
        f"<html><head><title>重点项目集中开工_某某门户</title>{head}</head><body>"
        f"<h1>重点项目集中开工</h1>{header}<div class='content'>{ZH_TEXT}</div></body></html>"
    )
    return extract_article(page, "http://news.example.cn/a.htm", now=NOW).media


@pytest.mark.parametrize(
    ("header", "media"),
    [
        ("<div><p>新华社</p><p>2022-05-18 08:32</p></div>", "新华社"),
        ("<div>2022年05月18日 08:32 <a class='source'>参考消息</a></div>", "参考消息"),
        (
            "<div><span>原创</span> <span>南方都市报</span> <span>2022-05-18</span></div>",
            "南方都市报",
        ),
        ("<div>2022-05-18 08:32 来源：新京报</div>", "新京报"),
        # a person beside the date is a byline, not the outlet
        ("<div><span>张三</span> <span>2022-05-18 08:32</span></div>", "某某门户"),
    ],
)
def test_portal_names_the_outlet_it_republishes(header: str, media: str) -> None:
    assert _media_of("", header) == media


def test_source_line_beats_the_portal_site_name() -> None:
    head = '<meta property="og:site_name" content="某某门户">'
    assert _media_of(head, "<div>2022-05-18 08:32 来源：新京报</div>") == "新京报"
    assert _media_of(head, "<div>2022-05-18 08:32</div>") == "某某门户"


@pytest.mark.parametrize("name", ["source", "contentsource", "article:source"])
def test_a_source_meta_tag_names_the_outlet_where_the_page_shows_none(name: str) -> None:
    head = f'<meta property="og:site_name" content="某某门户"><meta name="{name}" content="新京报">'
    assert _media_of(head, "<div>2022-05-18 08:32</div>") == "新京报"
    assert _media_of(head, "<div>2022-05-18 08:32 来源：光明日报</div>") == "光明日报"


@pytest.mark.parametrize("line", ["（来源：光明日报）", "(来源:光明日报)", "【来源：光明日报】"])
def test_a_source_line_in_brackets_names_the_outlet_without_them(line: str) -> None:
    assert _media_of("", f"<div>2022-05-18 08:32</div><p>{line}</p>") == "光明日报"


@pytest.mark.parametrize(
    "label", ["图片来源：", "圖片來源：", "图像来源: ", "视频来源：", "数据来源："]
)
def test_a_picture_s_or_the_figures_source_is_not_the_outlet(label: str) -> None:
    head = '<meta property="og:site_name" content="某某门户">'
    credit = f"<div class='img'><img src='a.jpg'><span>{label}视觉中国</span></div>"
    assert _media_of(head, f"<div>2022-05-18 08:32</div>{credit}") == "某某门户"
    line = f"<div>2022-05-18 08:32 来源：新京报</div>{credit}"
    assert _media_of(head, line) == "新京报"


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ('<p class="byline">By <!-- -->Jane Doe</p>', ["Jane Doe"]),
        ('<span class="author">Jane <!-- -->Doe</span>', ["Jane Doe"]),
        # more comments than the three children a byline element may have
        (
            '<p class="byline">By <!-- -->Jane Doe<!-- --> and <!-- -->John Roe<!-- -->, '
            "<!-- -->Ann Lee</p>",
            ["Jane Doe", "John Roe", "Ann Lee"],
        ),
        # three child elements are still a byline, comments aside
        (
            '<p class="byline"><span>By</span> <a href="/jane">Jane Doe</a> and '
            '<a href="/john">John Roe</a><!-- --></p>',
            ["Jane Doe", "John Roe"],
        ),
    ],
)
def test_comments_inside_a_byline_do_not_cut_the_names(byline: str, authors: list[str]) -> None:
    # Pages rendered by script frameworks put empty comments between the pieces of a text.
    assert _authors_of("", byline) == authors


def test_a_known_site_name_leaves_the_longest_of_the_other_parts() -> None:
    # "Headline | Section | Site": the headline is the longest part, whatever its letters.
    title = "Apples fall from the old tree | Zoo | Daily Planet"
    assert split_title(title, ["Daily Planet"]) == ("Apples fall from the old tree", "Daily Planet")


def test_the_name_of_a_website_object_in_json_ld_is_a_site_name() -> None:
    # Longer than the headline: only the JSON-LD WebSite object says which part is the site.
    site = "The Northern Counties Daily Planet"
    page = (
        f"<html><head><title>Storm | {site}</title>"
        f'<script type="application/ld+json">{{"@type": "WebSite", "name": "{site}"}}</script>'
        f"</head><body><div><p>{'Thousands of homes lost power on Monday. ' * 5}</p></div>"
        "</body></html>"
    )
    assert extract_article(page, "https://planet.example.com/storm", now=NOW).title == "Storm"


def test_the_language_of_a_page_without_one_is_read_from_its_own_text() -> None:
    page = parse_page(
        "<html><body><p>本市举行重点项目集中开工仪式，共有36个项目集中开工。</p></body></html>",
        "http://www.example.cn/a.htm",
    )
    assert detect_lang(page) == "zh"
    assert detect_lang(page, "The council voted on Tuesday.") == "en"
