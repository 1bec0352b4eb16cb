"""Edges of extraction that the main extraction tests leave open, on small hand-written pages
and the pure helpers: exact thresholds, broken JSON-LD, empty documents, selector case, date
forms and hints at their limits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import lxml.html

from newsbot.extract import ExtractedArticle
from newsbot.extract.body import (
    TextLengths,
    _body_parts,
    _cut_tail,
    _hidden,
    _is_boilerplate_block,
    _is_cjk,
    _is_link_list,
    _leading_link,
    _norm,
    _own_text,
    _prepare,
    _prune,
    _tag_weight,
    _trim_head,
    _trim_tail,
    _units,
    extract_body,
)
from newsbot.extract.metadata import (
    _dated_heading,
    _h1s,
    _join_parts,
    _lines,
    _shown_text,
    _site_rest,
    _strip_site,
    extract_authors,
    extract_media,
    extract_title,
)
from newsbot.extract.page import parse_page
from newsbot.extract.pubdate import MIN_YEAR, _TextDoc, _title_pos, find_published
from newsbot.extract.rules import select_elements

URL = "https://news.example.cn/a/article.html"
NOW = datetime(2022, 6, 1, 4, 0, tzinfo=UTC)


def test_an_extracted_article_as_json_values() -> None:
    article = ExtractedArticle(
        url=URL,
        title="标题",
        published=datetime(2022, 5, 18, 0, 32, tzinfo=UTC),
        published_raw="2022-05-18 08:32",
        published_source="text",
        media="示例报",
        authors=["张三"],
        body_html="<p>正文</p>",
        body_text="正文",
        lang="zh",
        encoding="utf-8",
        date_conflicts=["meta 2022-05-17"],
        body_source="dom",
    )
    assert article.to_dict() == {
        "url": URL,
        "title": "标题",
        "published": "2022-05-18T00:32:00+00:00",
        "published_raw": "2022-05-18 08:32",
        "published_source": "text",
        "media": "示例报",
        "authors": ["张三"],
        "body_html": "<p>正文</p>",
        "body_text": "正文",
        "lang": "zh",
        "encoding": "utf-8",
        "date_conflicts": ["meta 2022-05-17"],
        "body_source": "dom",
    }


def test_json_ld_with_raw_control_characters_in_its_strings_is_read() -> None:
    page = parse_page(
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle",\n'
        '"headline": "Two\nlines\tand a tab"}</script></head><body><p>x</p></body></html>',
        URL,
    )
    assert [obj.get("headline") for obj in page.jsonld] == ["Two lines and a tab"]


def test_a_document_with_no_element_is_an_empty_page() -> None:
    page = parse_page("<!-- nothing here -->", URL)
    assert page.tree.tag == "html"
    assert page.tree.text_content() == ""


def test_css_selectors_read_element_names_in_any_case() -> None:
    tree = lxml.html.fromstring('<html><body><DIV class="body">x</DIV><p>y</p></body></html>')
    assert [el.text for el in select_elements(tree, ["DIV.body"])] == ["x"]


def test_cjk_text_is_more_than_a_fifth_cjk() -> None:
    assert not _is_cjk("中文abcdefgh")  # 2 of 10: a fifth exactly
    assert _is_cjk("中文字abcdefg")
    # Only the first 400 characters are read: 80 of them, a fifth exactly.
    assert not _is_cjk("中" * 80 + "a" * 320 + "中" * 100)
    assert _is_cjk("中" * 81 + "a" * 319)


def test_boilerplate_lines_are_short() -> None:
    el = lxml.html.fromstring("<p>x</p>")
    cjk = "责任编辑：" + "张" * 54
    assert len(cjk) == 59 and _is_boilerplate_block(el, cjk)
    assert not _is_boilerplate_block(el, cjk + "三")  # 60 CJK characters is a paragraph
    latin = "Related: " + "a" * 110
    assert len(latin) == 119 and _is_boilerplate_block(el, latin)
    assert not _is_boilerplate_block(el, latin + "b")


def test_a_day_month_two_digit_year_date_in_the_text() -> None:
    page = parse_page(
        "<html><head><title>Storm hits coast</title></head><body><h1>Storm hits coast</h1>"
        "<p class='date'>Published 18.05.22</p><p>The storm hit the coast on Tuesday night, "
        "and the town was cut off for hours.</p></body></html>",
        URL,
    )
    found = find_published(page, timezone="UTC", now=NOW)
    assert found.published is not None
    assert found.published.date().isoformat() == "2022-05-18"


def test_a_hint_from_the_first_credible_year_on_is_used() -> None:
    page = parse_page("<html><body><p>No date at all on this page.</p></body></html>", URL)
    first = datetime(MIN_YEAR, 1, 2, tzinfo=UTC)
    found = find_published(page, timezone="UTC", now=NOW, hints={"feed": first})
    assert (found.published, found.source) == (first, "feed")
    older = datetime(MIN_YEAR - 1, 12, 30, tzinfo=UTC)
    assert find_published(page, timezone="UTC", now=NOW, hints={"feed": older}).published is None


def test_a_title_keeps_its_parts_up_to_the_site_name() -> None:
    sites = ["Example News"]
    title = "Storm hits the coast | Town cut off for hours | Example News"
    assert _strip_site(title, sites) == "Storm hits the coast | Town cut off for hours"
    # A short section label beside the site name goes with it: at most 25 characters.
    head = "Storm hits the coast and the town is cut off for hours, says the mayor of the town"
    assert len(head) >= 26 * 3
    for label, kept in (("S" * 25, False), ("S" * 26, True)):
        expected = f"{head} | {label}" if kept else head
        assert _strip_site(f"{head} | {label} | Example News", sites) == expected


def test_a_title_opening_with_the_site_name_and_long_parts_is_left_whole() -> None:
    title = "Example News | Storm hits the coast tonight | Town cut off for the whole day |"
    assert _strip_site(title, ["Example News"]) == title


def test_a_title_part_that_is_not_found_leaves_the_title() -> None:
    assert _join_parts("Storm hits coast", ["x"]) == "Storm hits coast"
    assert _join_parts("Storm hits coast - Site", ["Storm hits coast"]) == "Storm hits coast"


def test_a_site_name_after_a_space_is_two_to_twenty_cjk_characters() -> None:
    assert _site_rest(" 某局")
    assert not _site_rest(" 某")
    assert _site_rest(" " + "某" * 20)
    assert not _site_rest(" " + "某" * 21)


def test_tags_weigh_as_containers_lists_or_headings() -> None:
    for tag in ("div", "article", "section", "main"):
        assert _tag_weight(tag) == 5.0
    for tag in ("pre", "td", "blockquote"):
        assert _tag_weight(tag) == 3.0
    for tag in ("address", "ol", "ul", "dl", "dd", "dt", "li", "form"):
        assert _tag_weight(tag) == -3.0
    for tag in ("h1", "h3", "th"):
        assert _tag_weight(tag) == -5.0
    assert _tag_weight("span") == 0.0


def test_hidden_elements() -> None:
    assert _hidden(lxml.html.fromstring('<p aria-hidden="true">x</p>'))
    assert _hidden(lxml.html.fromstring("<p hidden>x</p>"))
    assert not _hidden(lxml.html.fromstring('<p aria-hidden="false">x</p>'))


def test_remove_rules_apply_to_the_body_a_rule_selects() -> None:
    page = parse_page(
        '<html><body><div class="story"><p>The storm hit the coast on Tuesday night.</p>'
        '<p class="promo">Subscribe to our print edition today.</p>'
        "<p>The town was cut off for hours.</p></div></body></html>",
        URL,
    )
    body = extract_body(page, selectors=["div.story"], remove=[".promo"])
    assert (
        body.text == "The storm hit the coast on Tuesday night.\n\nThe town was cut off for hours."
    )


def test_a_page_wrapped_in_one_form_keeps_its_body() -> None:
    # ASP.NET pages put everything in one <form>; the sanitizer drops forms with their content.
    para = "<p>The storm hit the coast on Tuesday night, and the town was cut off for hours.</p>"
    page = parse_page(
        '<html><body><form id="aspnetForm" action="/a"><input type="hidden" name="v">'
        f"{para * 4}</form></body></html>",
        URL,
    )
    body = extract_body(page)
    assert body.html.startswith("<div><p>The storm hit the coast")
    assert body.text.count("The storm hit the coast") == 4
    assert "<input" not in body.html


def test_a_page_without_text_has_no_body() -> None:
    body = extract_body(parse_page("<html><body><div></div></body></html>", URL))
    assert (body.html, body.text, body.source) == ("", "", "")


def test_pruning_drops_captions_link_tables_and_link_lists_only() -> None:
    related = "".join(
        f'<li><a href="/r/{n}">Storm</a> hits the coast, town is cut off.</li>' for n in range(3)
    )
    container = lxml.html.fromstring(
        "<div><p>The storm hit the coast on Tuesday night, and the town was cut off.</p>"
        "<figcaption>The flooded coast road</figcaption>"
        '<table><tr><td><a href="/1">Storm news</a> today in the town</td></tr></table>'
        f"<ul>{related}</ul><ol>{related}</ol>"
        '<p>The water went down by <b>morning</b>, <a href="/map">see the map</a>.</p></div>'
    )
    _prune(container, None)
    assert [el.tag for el in container] == ["p", "p"]


def test_a_list_of_links_is_not_an_enumeration() -> None:
    links = lxml.html.fromstring(
        '<ul><li><a href="/1">Storm hits coast</a></li><li><a href="/2">Town cut off</a></li></ul>'
    )
    assert _is_link_list(links)
    steps = lxml.html.fromstring(
        "<ol><li>Close the windows and doors before the storm reaches the coast tonight.</li>"
        "<li>Keep water, food and a torch at hand for the hours the town may be cut off.</li>"
        "</ol>"
    )
    assert not _is_link_list(steps)
    assert not _is_link_list(lxml.html.fromstring("<ul></ul>"))


def test_a_teaser_starts_with_its_headline_link() -> None:
    link = _leading_link(lxml.html.fromstring('<div><a href="/1">Storm</a> hits</div>'))
    assert link is not None and link.tag == "a"
    heading = _leading_link(lxml.html.fromstring("<div><span><h3>Storm</h3></span> x</div>"))
    assert heading is not None and heading.tag == "h3"
    assert _leading_link(lxml.html.fromstring("<div><span></span><b></b></div>")) is None
    assert _leading_link(lxml.html.fromstring("<div>The <a href='/1'>storm</a></div>")) is None


def test_a_hidden_body_is_still_the_body_and_a_page_header_is_no_content() -> None:
    root = lxml.html.fromstring(
        "<html><body hidden><header><p>Example News: all the news</p></header>"
        "<div><p>The storm hit the coast on Tuesday night, and the town was cut off for "
        "hours. The water went down by morning and the road opened again.</p></div>"
        "</body></html>"
    )
    _prepare(root, None)
    assert [el.tag for el in root.iter()] == ["html", "body", "div", "p"]


def test_a_follow_us_line_after_the_only_paragraph_is_trimmed() -> None:
    container = lxml.html.fromstring(
        "<div><p>The storm hit the coast on Tuesday night, and the town was cut off for hours. "
        "The water went down by morning and the road opened again.</p>"
        "<p>Follow us on Twitter</p></div>"
    )
    _trim_tail(container)
    assert [el.tag for el in container] == ["p"]
    assert container[0].text.startswith("The storm")


def test_the_body_is_where_the_text_is() -> None:
    page = parse_page(
        "<html><head><title>Storm hits coast</title></head><body><p>The storm hit the coast.</p>"
        "</body></html>",
        URL,
    )
    assert [el.tag for el in _body_parts(page)] == ["body"]


def test_a_quote_beside_the_article_block_is_part_of_the_body() -> None:
    para = "<p>The storm hit the coast on Tuesday night, and the town was cut off for hours.</p>"
    quote = (
        "“We have never seen the water this high, not in forty years of living on this coast,” "
        "said the mayor of the town on Wednesday."
    )
    page = parse_page(
        f'<html><body><div class="story">{para * 3}</div><blockquote>{quote}</blockquote>'
        "</body></html>",
        URL,
    )
    assert quote in extract_body(page).text


def test_a_promotion_line_first_is_dropped_when_it_links_somewhere() -> None:
    text = (
        "暴雨袭击沿海地区，当地交通中断数小时，救援人员连夜赶到现场，居民已经安全转移到学校。" * 2
    )
    for line, dropped in (
        ('<p><a href="/app">点击下载客户端</a></p>', True),
        ("<p>点击查看：居民已经安全转移</p>", False),
    ):
        container = lxml.html.fromstring(f"<div>{line}<p>{text}</p></div>")
        _trim_head(container, None)
        assert (container[0].text == text) is dropped


def test_a_links_text_is_counted_for_every_link() -> None:
    el = lxml.html.fromstring('<p>Storm: <a href="/1">coast</a> and <a href="/2">town</a></p>')
    assert _own_text(el, TextLengths(el)) == ("Storm: coast and town", 9)


def test_blocks_nested_deep_in_the_container_are_lines_of_their_own() -> None:
    # Blocks inside an inline element inside a block: each is still a line.
    container = lxml.html.fromstring("<div><div><span><p>One</p><p>Two</p></span></div></div>")
    assert [unit.text for unit in _units(container)] == ["One", "Two"]


def test_every_line_is_a_unit_past_a_comment() -> None:
    container = lxml.html.fromstring("<div>First line<!-- c --><br>Second line<br>Third</div>")
    assert [unit.text for unit in _units(container)] == ["First line", "Second line", "Third"]


def test_an_editor_credit_near_the_end_is_cut_with_what_follows() -> None:
    text = "暴雨袭击沿海地区，当地交通中断数小时，救援人员连夜赶到现场，居民已经安全转移到学校。"
    container = lxml.html.fromstring(
        f"<div><p>{text}</p><p>{text}</p><div>责任编辑：张三<br>相关阅读</div></div>"
    )
    _cut_tail(container)
    assert _norm(container.text_content()) == _norm(text * 2)


def test_a_four_character_h1_is_a_headline() -> None:
    page = parse_page("<html><body><h1>暴雨来袭</h1><h1>雨</h1><p>正文</p></body></html>", URL)
    assert _h1s(page) == ["暴雨来袭"]


def test_an_h1_unlike_the_og_title_is_still_shown() -> None:
    page = parse_page(
        '<html><head><meta property="og:title" content="Totally different words here"></head>'
        "<body><h1>Storm hits the coast</h1><p>The storm hit.</p></body></html>",
        URL,
    )
    assert extract_title(page) == "Storm hits the coast"


def test_shown_text_goes_on_past_a_comment() -> None:
    el = lxml.html.fromstring(
        '<p><b>By</b><!-- c --><b>Jane Doe</b><span class="sr-only">x</span></p>'
    )
    assert list(_shown_text(el)) == ["By", "Jane Doe"]


def test_page_lines_keep_the_line_breaks_inside_a_text_node() -> None:
    page = parse_page("<html><body><p>By Jane Doe\nReuters</p><p>A  b</p></body></html>", URL)
    assert _lines(page) == "By Jane Doe\nReuters\nA b"


def test_a_heading_at_the_start_of_the_page_text_with_a_date_under_it() -> None:
    page = parse_page(
        "<html><body><h2>暴雨袭击沿海地区交通中断</h2><p>2022-05-18 08:32</p><p>正文</p>"
        "</body></html>",
        URL,
    )
    assert _dated_heading(page, ["暴雨袭击沿海地区交通中断"]) == "暴雨袭击沿海地区交通中断"


def test_the_outlet_on_the_line_nearest_above_the_date() -> None:
    title = "暴雨袭击沿海地区交通中断"
    page = parse_page(
        f"<html><body><h1>{title}</h1><p>人民日报</p><p>新华社</p><p>2022-05-18 08:32</p>"
        "<p>暴雨袭击沿海地区，当地交通中断数小时。</p></body></html>",
        URL,
    )
    assert extract_media(page, title) == "新华社"


def test_a_listing_heading_further_down_is_no_outlet() -> None:
    # No dateline under the headline: the dated list after the article is a listing, and
    # the heading above its first date ("热点新闻") names the list, not the outlet.
    title = "暴雨袭击沿海地区交通中断"
    story = "暴雨袭击沿海地区，当地交通中断数小时，铁路和公路部门正在组织抢修。" * 8
    page = parse_page(
        f"<html><head><title>{title}_某某网</title></head><body><h1>{title}</h1>"
        f"<p>{story}</p><div><h3>热点新闻</h3><ul><li><a href='/1'>春运首日铁路客流创新高</a>"
        "<span>2022-05-19 09:12</span></li></ul></div></body></html>",
        URL,
    )
    assert extract_media(page, title) == "某某网"


def test_signals_disagree_when_more_than_a_day_apart() -> None:
    page = parse_page(
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2022-05-18T08:00:00+00:00"}</script></head>'
        "<body><p>The storm hit.</p></body></html>",
        URL,
    )
    day_before = datetime(2022, 5, 17, 8, 0, tzinfo=UTC)
    same = find_published(page, timezone="UTC", now=NOW, hints={"feed": day_before})
    assert same.published == datetime(2022, 5, 18, 8, 0, tzinfo=UTC)
    assert same.conflicts == []
    earlier = day_before - timedelta(minutes=1)
    apart = find_published(page, timezone="UTC", now=NOW, hints={"feed": earlier})
    assert len(apart.conflicts) == 1


def test_the_text_of_a_page_and_where_each_piece_starts() -> None:
    page = parse_page("<html><body><div><p>One</p>x<p>Two</p></div></body></html>", URL)
    doc = _TextDoc(page.tree)
    # body, div and p each open and close a line.
    assert doc.text == "\n\n\nOne\nx\nTwo\n\n\n"
    assert doc.starts == [3, 7, 9]
    assert [el.tag for el in doc.owners] == ["p", "div", "p"]


def heading_at(html: str) -> str:
    page = parse_page(html, URL)
    doc = _TextDoc(page.tree)
    pos = _title_pos(page, doc)
    assert pos is not None
    return doc.text[pos:].split("\n")[0]


def test_the_heading_most_like_the_og_title_else_the_first_h1() -> None:
    head = (
        '<head><meta property="og:title" content="Storm hits coast">'
        "<title>Weather desk</title></head>"
    )
    body = "<body><h1>Weather desk</h1><h2>Storm hits coast</h2><p>x</p></body>"
    assert heading_at(f"<html>{head}{body}</html>") == "Storm hits coast"
    assert (
        heading_at(
            "<html><head><title>Storm hits coast</title></head><body><h2>Weather news today</h2>"
            "<h1>Local headline</h1><p>x</p></body></html>"
        )
        == "Local headline"
    )


def test_a_structured_author_name_is_kept_as_written() -> None:
    page = parse_page(
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
        '"headline": "Storm", "author": {"@type": "Person", "name": "Guardian staff reporter"}}'
        "</script></head><body><h1>Storm</h1><p>x</p></body></html>",
        URL,
    )
    assert extract_authors(page, "Storm") == ["Guardian staff reporter"]


def test_a_chinese_byline_loses_the_role_before_the_name() -> None:
    title = "暴雨袭击沿海地区交通中断"
    page = parse_page(
        f"<html><body><h1>{title}</h1><p>作者：记者张三</p>"
        "<p>暴雨袭击沿海地区，当地交通中断数小时，救援人员连夜赶到现场。</p></body></html>",
        URL,
    )
    assert extract_authors(page, title) == ["张三"]


def test_a_title_naming_only_the_site_gives_the_dated_heading() -> None:
    page = parse_page(
        '<html><head><title>某某学会</title><meta property="og:site_name" content="某某学会">'
        "</head><body><h1>某某学会</h1><h2>暴雨袭击沿海地区交通中断</h2><p>2022-05-18 08:32</p>"
        "<p>暴雨袭击沿海地区，当地交通中断数小时。</p></body></html>",
        URL,
    )
    assert extract_title(page) == "暴雨袭击沿海地区交通中断"


def test_each_chinese_co_author_loses_the_role_before_the_name() -> None:
    title = "暴雨袭击沿海地区交通中断"
    page = parse_page(
        f"<html><body><h1>{title}</h1><p>作者：张三、记者李四</p>"
        "<p>暴雨袭击沿海地区，当地交通中断数小时，救援人员连夜赶到现场。</p></body></html>",
        URL,
    )
    assert extract_authors(page, title) == ["张三", "李四"]
