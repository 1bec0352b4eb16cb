"""Each defence of the cleaner on its own: what the lxml cleaner layer removes by itself
(attributes, javascript: in every URL attribute, comments, frames, unknown and annoying
tags), and the text around the first element."""

from __future__ import annotations

import pytest

from newsbot.clean import _cleaner, clean_html, html_to_text, parse_fragment, serialise_fragment


def layer_alone(html: str) -> str:
    container = parse_fragment(html)
    _cleaner()(container)
    return serialise_fragment(container)


@pytest.mark.parametrize(
    "dirty",
    [
        '<blockquote cite="javascript:alert(1)">q</blockquote>',
        '<q cite="java&#13;script:x">q</q>',
        '<ins cite=" JaVaScRiPt:x">q</ins>',
        '<del cite="jav&#x61;script:x">q</del>',
    ],
)
def test_the_cleaner_blanks_javascript_urls_in_every_url_attribute(dirty: str) -> None:
    # Our own URL check covers only <a href> and <img src>: cite is the cleaner's alone.
    out = layer_alone(dirty)
    assert "script" not in out.lower()
    assert 'cite=""' in out
    assert "script" not in clean_html(dirty).lower()


def test_the_cleaner_alone_keeps_only_safe_attributes_and_drops_stray_params() -> None:
    out = layer_alone('<p data-x="1" id="i" onclick="x()" class="c">a</p><p><param name=x>p</p>')
    assert out == '<p class="c">a</p><p>p</p>'


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>a<!-- c -->b</p>", "<p>ab</p>"),
        ("<p>a<?php echo 1 ?>b</p>", "<p>ab</p>"),  # read as a comment by the HTML parser
        ("<p>a<noframes>no frames</noframes>b</p>", "<p>ab</p>"),
        ("<p>a<blink>bl</blink><marquee>m</marquee>b</p>", "<p>ablmb</p>"),
        ("<p>a<foo>x</foo>b</p>", "<p>axb</p>"),  # unknown tags go, their text stays
        # Harmless markup stays as the publisher wrote it, a stray <title> too.
        ("<div>x<title>t</title>y</div>", "<div>x<title>t</title>y</div>"),
    ],
)
def test_what_the_cleaner_layer_removes_or_keeps(dirty: str, clean: str) -> None:
    assert layer_alone(dirty) == clean
    assert clean_html(dirty) == clean


def test_quotes_in_text_before_the_first_element_stay_as_written() -> None:
    assert clean_html('say "hi", it\'s<p>x</p>') == 'say "hi", it\'s<p>x</p>'


def test_text_lines_lose_their_edge_spaces() -> None:
    assert html_to_text("<p>a </p>\n<p> b</p>x <br> y") == "a\n\nb\n\nx\n\ny"
