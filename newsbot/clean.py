"""Body HTML to safe markup and plain text (lxml, allowlist based).

The cleaned markup keeps the publisher's harmless markup as it was (``<p class="em_media">``,
the whitespace between paragraphs) so posts stay byte-identical to what the old site
published, and drops everything that could run code or pull in third-party content.
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple

import lxml.etree
import lxml.html
from lxml.html import HtmlElement
from lxml_html_clean import Cleaner

__all__ = [
    "CleanBody",
    "clean_body",
    "clean_html",
    "clean_text",
    "html_to_text",
    "parse_fragment",
    "printable",
    "serialise_fragment",
    "xml_safe_markup",
]

# Characters XML (and so lxml) cannot hold. The whitespace-like controls (vertical tab and
# form feed from Word, the information separators) become spaces; the other C0 controls, DEL,
# lone surrogates and U+FFFE/U+FFFF are removed. Tab, line feed and carriage return stay.
SPACE_LIKE_CONTROLS_RE = re.compile("[\x0b\x0c\x1c-\x1f]")
XML_UNSAFE_RE = re.compile("[\x00-\x08\x0e-\x1b\x7f\ud800-\udfff\ufffe\uffff]")
# Either kind (the one scan most texts need: they hold neither).
CONTROL_OR_UNSAFE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
CHAR_REF_RE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,8}));?")
DOCUMENT_TAG_RE = re.compile(r"</?(?:html|head|body)(?=[\s/>]|$)[^>]*>?", re.IGNORECASE)
# Full-width spaces used as paragraph indentation by Chinese CMSs; the site does not want them.
INDENT_RE = re.compile(r"^[\u3000]+")
SPACES_RE = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")
BLANK_LINES_RE = re.compile(r"\n\s*\n+")

SAFE_ATTRS = frozenset(
    {
        "alt",
        "class",
        "colspan",
        "datetime",
        "dir",
        "height",
        "href",
        "lang",
        "rowspan",
        "src",
        "title",
        "width",
        "cite",
        "align",
    }
)
KILL_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "form",
        "input",
        "button",
        "select",
        "textarea",
        "template",
        "svg",
        "math",
        "link",
        "meta",
        "base",
    }
)
# Elements that start a new line of text: HTML's block-level elements, table parts and <br>.
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "br", "center", "dd", "details",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
        "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
        "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip


def _cleaner() -> Cleaner:
    return Cleaner(
        scripts=True,
        javascript=True,
        comments=True,
        style=True,
        inline_style=True,
        links=True,
        meta=True,
        page_structure=False,
        processing_instructions=True,
        embedded=True,
        frames=True,
        forms=True,
        annoying_tags=True,
        remove_unknown_tags=True,
        safe_attrs_only=True,
        safe_attrs=SAFE_ATTRS,
        kill_tags=KILL_TAGS,
    )


def clean_text(text: str) -> str:
    """``text`` without the characters XML cannot hold (lxml refuses them with ValueError):
    vertical tab, form feed and the separators become spaces; NUL, the other C0 controls
    but tab, line feed and carriage return, DEL, lone surrogates and U+FFFE/U+FFFF go
    (terminal escape sequences as a whole)."""
    if not CONTROL_OR_UNSAFE_RE.search(text):
        return text
    text = ANSI_RE.sub("", text) if "\x1b" in text else text
    return XML_UNSAFE_RE.sub("", SPACE_LIKE_CONTROLS_RE.sub(" ", text))


def _unsafe_char_ref(match: re.Match[str]) -> str:
    code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    char = chr(code) if code < 0x110000 else ""
    # The character itself, for clean_text to drop or map, when XML cannot hold it.
    return char if char and CONTROL_OR_UNSAFE_RE.match(char) else match.group()


def xml_safe_markup(html: str) -> str:
    """``html`` without the characters lxml cannot hold, written as themselves or as
    character references (``&#14;``): :func:`clean_text` drops or maps them."""
    return clean_text(CHAR_REF_RE.sub(_unsafe_char_ref, html) if "&#" in html else html)


def parse_fragment(html: str) -> HtmlElement:
    """Parse an HTML fragment into a ``<div>`` wrapper; whitespace is kept as it was.

    Characters lxml cannot hold are cleaned first (:func:`xml_safe_markup`), so any string
    parses. ``<html>``, ``<head>`` and
    ``<body>`` tags are dropped: in a fragment they would make lxml refuse it or lose what
    follows them.
    """
    text = DOCUMENT_TAG_RE.sub("", xml_safe_markup(html or ""))
    return lxml.html.fragment_fromstring(text, create_parent="div")


def serialise_fragment(container: HtmlElement) -> str:
    """Inverse of :func:`parse_fragment`: the wrapper's content without the wrapper."""
    parts = [html.escape(container.text or "", quote=False)]  # text, never markup
    parts.extend(lxml.html.tostring(child, encoding="unicode") for child in container)
    return "".join(parts)


def _strip_indent(container: HtmlElement) -> None:
    if container.text:
        container.text = INDENT_RE.sub("", container.text)
    for el in container.iter():
        if el is not container and el.text:
            el.text = INDENT_RE.sub("", el.text)
        if el.tag == "br" and el.tail:
            el.tail = INDENT_RE.sub("", el.tail)


# Read a URL's scheme as a browser does (WHATWG URL parsing): leading and trailing C0 controls
# and spaces are dropped, and tabs and newlines are removed anywhere.
URL_C0_AND_SPACE = "".join(map(chr, range(0x21)))
URL_TAB_NEWLINE_RE = re.compile(r"[\t\n\r]")
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:text/html")


def _is_safe_url(value: str) -> bool:
    url = URL_TAB_NEWLINE_RE.sub("", value.strip(URL_C0_AND_SPACE)).lower()
    return not url.startswith(UNSAFE_SCHEMES)


class CleanBody(NamedTuple):
    html: str
    text: str


def clean_body(html: str, base_url: str | None = None) -> CleanBody:
    """Safe markup and plain text of a body fragment, from one parse (see :func:`clean_html`)."""
    container = _clean_tree(html, base_url)
    return CleanBody(serialise_fragment(container), html_to_text(container))


def clean_html(html: str, base_url: str | None = None) -> str:
    """Return ``html`` (a fragment) as safe markup.

    Keeps allowlisted tags and attributes and all whitespace; removes scripts, styles, event
    handlers, ``javascript:`` URLs, iframes, embeds and forms; strips full-width indentation
    at the start of blocks; makes relative links absolute against ``base_url``.
    Never mutates its input (a string).
    """
    return serialise_fragment(_clean_tree(html, base_url))


# Elements that libxml2 does not know to be empty: unclosed, they swallow what follows them.
SWALLOWING_TAGS = ("embed", "object", "param", "applet")


def _clean_tree(html: str, base_url: str | None) -> HtmlElement:
    container = parse_fragment(html)
    # Unwrap them (the cleaner then drops the empty element), so the text they swallowed, or
    # an <object>'s fallback content, stays in the body.
    for el in list(container.iter(*SWALLOWING_TAGS)):
        el.drop_tag()
    for el in container.iter(lxml.etree.Element):
        # Keep only safe attributes, as the cleaner would: done here because lxml refuses
        # to delete one by one the names a broken tag produces ('"@type":').
        if any(name not in SAFE_ATTRS for name in el.attrib):
            kept = {name: value for name, value in el.attrib.items() if name in SAFE_ATTRS}
            el.attrib.clear()
            el.attrib.update(kept)
    _cleaner()(container)
    for el in container.iter("a", "img"):
        for attr in ("href", "src"):
            value = el.get(attr)
            # The cleaner blanks javascript: URLs; an empty link must not become the page URL.
            if value is not None and (not value.strip() or not _is_safe_url(value)):
                del el.attrib[attr]
    if base_url:
        # A link that is no URL (``http://[``) is dropped rather than failing the body.
        container.make_links_absolute(base_url, resolve_base_href=False, handle_failures="discard")
    _strip_indent(container)
    return container


def html_to_text(html: str | HtmlElement) -> str:
    """Plain text of a fragment: blocks separated by blank lines, runs of spaces collapsed."""
    container = parse_fragment(html) if isinstance(html, str) else html
    chunks: list[str] = []

    def walk(el: HtmlElement) -> None:
        block = el.tag in BLOCK_TAGS
        if block:
            chunks.append("\n\n")
        if el.text:
            chunks.append(el.text)
        for child in el:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail:
                chunks.append(child.tail)
        if block:
            chunks.append("\n\n")

    walk(container)
    text = "".join(chunks)
    lines = [SPACES_RE.sub(" ", line).strip() for line in text.split("\n")]
    return BLANK_LINES_RE.sub("\n\n", "\n".join(lines)).strip()


# ANSI escape sequences (CSI ... final byte, OSC ... BEL/ST) and two-character escapes.
ANSI_RE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
# C0/C1 controls, DEL, and the bidirectional controls that reorder what a terminal shows.
TERMINAL_UNSAFE_RE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, limit: int | None = None) -> str:
    """``text`` safe to print on one terminal line: ANSI escapes are removed, line breaks and
    tabs become spaces, other control characters are shown as ``\\xNN`` escapes; at most
    ``limit`` characters (cut with ``…``)."""
    text = ANSI_RE.sub("", text)
    text = re.sub(r"[\t\n\r]", " ", text)
    text = TERMINAL_UNSAFE_RE.sub(_escape_char, text)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text
