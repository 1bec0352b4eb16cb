"""Page parsing on small inline pages: the charset check against the bytes and the repair of
plugin markup that libxml2 would nest the rest of the page in."""

from __future__ import annotations

import lxml.etree
import pytest

from newsbot.extract import extract_article
from newsbot.extract.metadata import BYLINE_TESTS
from newsbot.extract.page import decode_html, parse_page, repair_plugins, text_pieces

URL = "http://news.example.cn/2024/05/18/a.html"
TEXT_ZH = "今天上午，全市重点项目集中开工仪式在新区举行，共有三十六个项目参加。"
TEXT_FR = "Le conseil municipal a voté mardi l'extension du réseau de pistes cyclables."


def _page(meta: str, text: str) -> str:
    return f"<html><head>{meta}<title>标题</title></head><body><p>{text}</p></body></html>"


@pytest.mark.parametrize(
    ("meta", "text"),
    [
        ('<meta charset="gb2312">', TEXT_ZH),
        ('<meta http-equiv="Content-Type" content="text/html; charset=GBK">', TEXT_ZH),
        ('<meta charset="iso-8859-1">', TEXT_FR),
        ('<meta charset="windows-1252">', TEXT_FR),
    ],
)
def test_utf8_bytes_beat_a_legacy_meta_declaration(meta: str, text: str) -> None:
    page = parse_page(_page(meta, text).encode("utf-8"), URL)
    assert page.encoding == "utf-8"
    assert text in page.tree.text_content()
    assert page.charset_mismatch.startswith("declared ")
    assert page.charset_mismatch.endswith("bytes are utf-8")
    assert text in extract_article(_page(meta, text).encode("utf-8"), URL).body_text


def test_legacy_bytes_keep_their_declaration() -> None:
    data = _page('<meta charset="gb2312">', TEXT_ZH).encode("gbk")
    page = parse_page(data, URL)
    assert TEXT_ZH in page.tree.text_content()
    assert page.encoding.startswith("gb")
    assert page.charset_mismatch == ""


@pytest.mark.parametrize("meta", ['<meta charset="utf-8">', '<meta charset="UTF8">'])
def test_legacy_bytes_under_a_utf8_declaration_are_read_as_what_they_are(meta: str) -> None:
    # A template that says UTF-8 over GBK bytes: decoding them as UTF-8 gives mojibake.
    text = TEXT_ZH * 2
    page = parse_page(_page(meta, text).encode("gbk"), URL)
    assert text in page.tree.text_content()
    assert page.encoding.startswith("gb")
    assert page.charset_mismatch.startswith("declared utf-8, bytes are gb")


def test_a_utf8_page_with_a_few_stray_bytes_stays_utf8() -> None:
    # A character cut short and a stray Latin-1 byte are no reason to read the page otherwise.
    text = f"{TEXT_FR} « Très bien », a-t-il dit. Ça coûte 3 € de plus à l'été."
    data = _page('<meta charset="utf-8">', f"{text} caf\xe9 {text}").encode("utf-8")
    page = parse_page(data.replace(b"caf\xc3\xa9", b"caf\xe9", 1), URL)
    assert page.encoding == "utf-8"
    assert text in page.tree.text_content()
    assert page.charset_mismatch == ""


def test_ascii_only_page_keeps_its_declaration() -> None:
    data = b'<html><head><meta charset="iso-8859-1"></head><body><p>Plain.</p></body></html>'
    page = parse_page(data, URL)
    assert page.charset_mismatch == ""
    assert page.encoding != "utf-8"


def test_http_header_charset_keeps_precedence() -> None:
    data = _page('<meta charset="utf-8">', TEXT_ZH).encode("gbk")
    page = parse_page(data, URL, content_type="text/html; charset=GBK")
    assert TEXT_ZH in page.tree.text_content()
    # The header wins even over UTF-8-looking bytes with a legacy meta declaration.
    utf8 = _page('<meta charset="gb2312">', TEXT_ZH).encode("utf-8")
    header = parse_page(utf8, URL, content_type="text/html; charset=gb2312")
    assert header.charset_mismatch == ""
    assert TEXT_ZH not in header.tree.text_content()


@pytest.mark.parametrize(
    ("header", "meta", "text"),
    [
        ("gbk", "iso-8859-1", TEXT_ZH),
        ("big5", "gb2312", "市議會週二表決通過擴建自行車道網路的計畫。"),
        ("windows-1252", "utf-8", TEXT_FR),
        ("iso-8859-1", "gbk", TEXT_FR),
    ],
)
def test_the_http_header_charset_beats_the_meta_declaration(
    header: str, meta: str, text: str
) -> None:
    html = f'<html><head><meta charset="{meta}"></head><body><p>{text}</p></body></html>'
    data = html.encode(header)
    content_type = f"text/html; charset={header}"
    page = parse_page(data, URL, content_type=content_type)
    assert text in page.tree.text_content()
    assert text in extract_article(data, URL, content_type=content_type).body_text
    # Without the header the <meta> decides, and the text comes out wrong.
    assert text not in parse_page(data, URL).tree.text_content()


def test_bom_keeps_precedence() -> None:
    data = b"\xef\xbb\xbf" + _page('<meta charset="gb2312">', TEXT_ZH).encode("utf-8")
    page = parse_page(data, URL)
    assert TEXT_ZH in page.tree.text_content()
    assert page.charset_mismatch == ""
    assert decode_html(data)[1].replace("-", "").replace("_", "").lower() == "utf8"


ARTICLE = [
    "The council voted on Tuesday to expand the bike lane network across the city centre.",
    "Opponents said the plan would remove hundreds of parking spaces used by shop owners.",
    "Construction is expected to begin next spring and to last for about two years.",
]


@pytest.mark.parametrize(
    "plugin",
    [
        '<embed src="/player.swf" width="400">',
        '<EMBED src="/player.swf" quality="high">',
        '<object data="/player.swf"><param name="movie" value="/player.swf">',
        '<object data="/v.swf"><param name="a" value="1"><param name="b" value="2">'
        '<embed src="/v.swf">',
    ],
)
def test_unclosed_plugin_markup_does_not_swallow_the_article(plugin: str) -> None:
    html = (
        "<html><head><title>Bike lanes</title></head><body><div class='story'>"
        f"<p>{ARTICLE[0]}</p>{plugin}<p>{ARTICLE[1]}</p><p>{ARTICLE[2]}</p>"
        "</div></body></html>"
    )
    page = parse_page(html, URL)
    for plugin_el in page.tree.iter("embed", "object"):
        assert not plugin_el.xpath(".//p")
    body = extract_article(html, URL).body_text
    for paragraph in ARTICLE:
        assert paragraph in body


def test_closed_object_keeps_its_fallback_inside() -> None:
    html = '<div><object data="a>b"><p>Fallback</p></object><p>After</p></div>'
    assert repair_plugins(html) == html
    page = parse_page(html, URL)
    (obj,) = page.tree.iter("object")
    assert obj.xpath("string(.)") == "Fallback"


def test_derived_values_are_computed_once_per_page() -> None:
    page = parse_page(b"<html><body><p>One</p></body></html>", "http://x.test/a")
    calls: list[int] = []

    def make() -> int:
        calls.append(1)
        return len(calls)

    assert page.derived("count", make) == 1
    assert page.derived("count", make) == 1
    assert page.derived("other", make) == 2
    assert len(calls) == 2
    # The cache is no part of the page's value.
    again = parse_page(b"<html><body><p>One</p></body></html>", "http://x.test/a")
    assert "count" not in repr(page)
    assert page.derived("count", make) != again.derived("count", make)


TEXT_PAGES = [
    "<html><head><title>T</title><script>var a;</script></head><body><p>One <b>two</b> three"
    "</p><!-- c -->after<?pi x?>pi tail<noscript><p>no</p></noscript>tail<style>s</style>"
    "<div class='byline author-name'>By A</div><span rel='author'>B</span>"
    "<p id='x-byline'>C</p><i class='authors'>D</i><em class='author'>E</em></body></html>",
    "<p>Text before html</p><html><body><div>inside</div></body></html>",
    "<html><body><p>first</p></body></html><div>after the end</div><p>more</p>",
    "<html><body>\n <ul>\n  <li>a</li>\n  <li>\u3000b </li>\n </ul>\n</body></html>",
]


@pytest.mark.parametrize("markup", TEXT_PAGES)
def test_text_pieces_are_the_xpath_text_nodes(markup: str) -> None:
    page = parse_page(markup, URL)
    skip = frozenset({"script", "style", "noscript", "title"})
    xpath = lxml.etree.XPath(
        "//text()[not(ancestor::script or ancestor::style or ancestor::noscript "
        "or ancestor::title)]"
    )
    assert text_pieces(page.tree, skip) == [str(t) for t in xpath(page.tree)]
    assert page.elements() == page.tree.xpath("//*")


@pytest.mark.parametrize("markup", TEXT_PAGES)
def test_byline_tests_select_what_the_byline_xpaths_select(markup: str) -> None:
    page = parse_page(markup, URL)
    xpaths = (
        "//*[@rel='author' or @itemprop='author']",
        "//*[contains(@class,'author-name') or contains(@class,'authorName') or "
        "contains(@class,'article-author') or @class='author' or contains(@class,'authors') or "
        "contains(@class,'authorline')]",
        "//*[contains(@class,'byline') or contains(@id,'byline')]",
    )
    for xpath, test in zip(xpaths, BYLINE_TESTS, strict=True):
        assert [el for el in page.elements() if test(el)] == page.tree.xpath(xpath)
