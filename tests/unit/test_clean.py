from __future__ import annotations

import pytest
from conftest import REFERENCE_POST

from newsbot.clean import (
    _cleaner,
    _is_safe_url,
    clean_body,
    clean_html,
    clean_text,
    html_to_text,
    parse_fragment,
    serialise_fragment,
)


def reference_body() -> str:
    return REFERENCE_POST.read_text("utf-8").split("---\n", 2)[2].split("\n\n<http")[0]


def test_reference_body_survives_cleaning_byte_for_byte() -> None:
    body = reference_body()
    indented = body.replace("<p>", "<p>\u3000\u3000")
    assert clean_html(indented) == body


def test_scripts_handlers_and_javascript_urls_are_removed() -> None:
    dirty = (
        '<p onclick="x()" class="lead">a<script>alert(1)</script>'
        '<a href="javascript:alert(1)">j</a><a href=" JaVaScRiPt:x">k</a>'
        '<iframe src="http://ads/"></iframe><img src="/i.png" onerror="y()">'
        "<style>p{}</style><form><input name=q></form></p>"
    )
    out = clean_html(dirty, base_url="http://news.example/a/b.html")
    lowered = out.lower()
    for bad in (
        "script",
        "onclick",
        "onerror",
        "javascript",
        "iframe",
        "<style",
        "<form",
        "<input",
    ):
        assert bad not in lowered
    assert '<p class="lead">' in out
    assert '<img src="http://news.example/i.png">' in out
    assert "<a>j</a>" in out


UNSAFE_URLS = [
    "javascript:alert(1)",
    " JaVaScRiPt:x",
    "java\rscript:x",
    "java\nscript:x",
    "java\tscript:x",
    "\x01\x02 javascript:x",
    "javascript:x\x00",
    "vbscript:msgbox(1)",
    "VBScript:x",
    "data:text/html;base64,PHNjcmlwdD4=",
    "DATA:TEXT/HTML,<script>",
]


@pytest.mark.parametrize("url", UNSAFE_URLS)
def test_own_url_check_refuses_script_schemes_however_obfuscated(url: str) -> None:
    # One defence on its own: the lxml cleaner blanks most of these too, so it is tested apart.
    assert not _is_safe_url(url)


@pytest.mark.parametrize(
    "url", ["http://n.example/javascript:x", "/a.html", "data:image/png;base64,AA", "#top", "x"]
)
def test_own_url_check_keeps_ordinary_urls(url: str) -> None:
    assert _is_safe_url(url)


@pytest.mark.parametrize(
    "vector",
    ["java&#13;script:alert(1)", "&#1;javascript:x", "jav&#x61;script:x", "javascript&colon;x",
     "&#x6A;avascript:x", "vbscript:x", "data:text/html,<b>"],
)  # fmt: skip
def test_entity_obfuscated_script_urls_never_reach_the_output(vector: str) -> None:
    out = clean_html(f'<p><a href="{vector}">a</a><img src="{vector}"></p>').lower()
    assert out == "<p><a>a</a><img></p>"


def test_the_lxml_cleaner_layer_alone_drops_code_and_embedded_content() -> None:
    container = parse_fragment(
        '<p onclick="x()" style="color:red">a<script>s()</script><embed src="e.swf">'
        '<object data="o.swf"></object><iframe src="f.html"></iframe><style>p{}</style>'
        "<form><input></form><!-- c --><blink>b</blink></p>"
    )
    _cleaner()(container)
    out = serialise_fragment(container)
    for bad in ("onclick", "style", "script", "embed", "object", "iframe", "form", "input", "<!--"):
        assert bad not in out
    assert out == "<p>a</p>"  # <blink> goes with its content (annoying_tags)


def test_relative_links_become_absolute() -> None:
    out = clean_html('<p><a href="../x.html">x</a></p>', base_url="http://n.example/a/b/c.html")
    assert out == '<p><a href="http://n.example/a/x.html">x</a></p>'


def test_indentation_is_removed_only_at_block_starts() -> None:
    out = clean_html("<p>\u3000\u3000第一段\u3000中间</p><p>a<br>\u3000\u3000第二行</p>")
    assert out == "<p>第一段\u3000中间</p><p>a<br>第二行</p>"


def test_text_keeps_paragraphs_apart() -> None:
    assert html_to_text("<p>一</p>\n <p>二 <b>三</b></p>") == "一\n\n二 三"


def test_clean_body_gives_markup_and_text_from_one_parse() -> None:
    body = clean_body("<p>\u3000\u3000正文<script>x</script></p>")
    assert body.html == "<p>正文</p>"
    assert body.text == "正文"


def test_empty_input_gives_empty_output() -> None:
    assert clean_html("") == ""
    assert html_to_text("") == ""


@pytest.mark.parametrize(
    ("dirty", "html", "text"),
    [
        ("<p>Pasted\x0bfrom\x0cWord</p>", "<p>Pasted from Word</p>", "Pasted from Word"),
        ("<p>NUL\x00 and \x01\x08\x1b\x7f gone</p>", "<p>NUL and  gone</p>", "NUL and gone"),
        ("<p>lone \ud800surrogate\udfff</p>", "<p>lone surrogate</p>", "lone surrogate"),
        ("<p>non\ufffe\uffffcharacters</p>", "<p>noncharacters</p>", "noncharacters"),
        ('<p title="a\x0bb">x\x1fy</p>', '<p title="a b">x y</p>', "x y"),
    ],
)
def test_characters_xml_cannot_hold_are_cleaned_not_fatal(dirty: str, html: str, text: str):
    assert clean_body(dirty) == (html, text)
    assert clean_html(dirty) == html
    assert html_to_text(dirty) == text


def test_clean_text_keeps_tabs_newlines_and_everything_printable() -> None:
    kept = "a\tb\nc\rd 长 \u3000 \x85 é 😀"
    assert clean_text(kept) == kept
    assert clean_text("a\x0b\x0c\x1c\x1d\x1e\x1fb") == "a      b"
    assert clean_text("\x1b[31mRed\x1b[0m News\x07") == "Red News"


@pytest.mark.parametrize("tag", ["embed", "object", "applet"])
def test_an_unclosed_embedded_element_does_not_swallow_the_rest(tag: str) -> None:
    dirty = f'<p>first.</p><{tag} src="x.swf" data="x"><param name="a" value="b"><p>second.</p>'
    cleaned = clean_body(dirty)
    assert cleaned.html == "<p>first.</p><p>second.</p>"
    assert cleaned.text == "first.\n\nsecond."


def test_fallback_content_of_an_object_is_cleaned_like_the_rest() -> None:
    dirty = '<object data="x"><script>alert(1)</script><embed src="y">fallback</object>'
    assert clean_html(dirty) == "fallback"


def test_escaped_markup_before_the_first_element_stays_text() -> None:
    # The fragment's leading text used to be written back unescaped: live markup.
    out = clean_html("&lt;img src=x onerror=alert(1)&gt; a &amp; b<p>c</p>")
    assert out == "&lt;img src=x onerror=alert(1)&gt; a &amp; b<p>c</p>"


@pytest.mark.parametrize(
    ("dirty", "html"),
    [
        ('<p>a&#14;b</p><p title="&#x0e;x">c&#xFFFE;</p>', '<p>ab</p><p title="x">c</p>'),
        ("<p>form&#12;feed</p>", "<p>form feed</p>"),
        ("&#60;script&#62; stays text", "&lt;script&gt; stays text"),
    ],
)
def test_character_references_to_what_xml_cannot_hold_are_cleaned(dirty: str, html: str) -> None:
    assert clean_html(dirty) == html


def test_document_tags_inside_a_body_lose_nothing_and_run_nothing() -> None:
    # lxml refused a fragment with two <body> elements and dropped text after </html>.
    assert clean_html("<p>a</p></body><body onload=alert(1)><p>b</p>") == "<p>a</p><p>b</p>"
    assert clean_html("<html><body><p>a</p></body></html><p>b</p>") == "<p>a</p><p>b</p>"


def test_a_link_that_is_no_url_is_dropped_not_fatal() -> None:
    out = clean_html('<p><a href="http://[oops">a</a> b</p>', base_url="https://news.example/")
    assert out == "<p><a>a</a> b</p>"


def test_attribute_names_a_broken_tag_produces_do_not_fail_cleaning() -> None:
    assert clean_html('<div {"@type": "x"}><p>kept</p></div>') == "<div><p>kept</p></div>"
