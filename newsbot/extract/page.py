"""A page parsed once: decoded text, one lxml tree, meta tags and JSON-LD, shared by every
field extractor."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

import lxml.html
from lxml.html import HtmlElement
from w3lib.encoding import (
    html_body_declared_encoding,
    html_to_unicode,
    http_content_type_encoding,
    read_bom,
)

from newsbot.clean import xml_safe_markup

__all__ = [
    "Page",
    "decode_html",
    "element_shape",
    "parse_page",
    "repair_plugins",
    "text_nodes",
    "text_pieces",
]

T = TypeVar("T")

XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# JSON-LD wrapped for old parsers: /*<![CDATA[*/ ... /*]]>*/, //<![CDATA[ ... //]]>, <!-- -->
WRAPPER_RE = re.compile(
    r"^\s*(?:/\*\s*)?(?://\s*)?(?:<!\[CDATA\[|<!--)(?:\s*\*/)?"
    r"|(?:/\*\s*)?(?://\s*)?(?:\]\]>|-->)(?:\s*\*/)?\s*$"
)
# Declarations that pages get wrong: the server re-encodes to UTF-8, the template keeps
# ``<meta charset=gb2312>``. (Names as w3lib normalises them.)
LEGACY_CHARSETS = frozenset(
    {"gb18030", "gbk", "gb2312", "cp936", "cp1252", "latin_1", "iso8859-1", "iso8859-15", "big5"}
)
# A page declared UTF-8 whose bytes are not: this many invalid sequences, and this share of
# its non-ASCII bytes (a GBK page has an invalid sequence every one or two of them).
BAD_UTF8_MIN = 8
BAD_UTF8_SHARE = 0.1
ASCII_BYTES = bytes(range(0x80))
# A tag with its attributes (quoted values may hold ">").
_ATTRS = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
EMBED_RE = re.compile(rf"<embed\b({_ATTRS}?)/?>|</embed\s*>", re.IGNORECASE)
OBJECT_TAG_RE = re.compile(rf"<(/?)object\b{_ATTRS}>", re.IGNORECASE)
PARAMS_RE = re.compile(rf"(?:\s*<(?:param|embed)\b{_ATTRS}>(?:\s*</(?:param|embed)\s*>)?)*", re.I)
PLUGIN_RE = re.compile(r"<(?:embed|object)\b", re.IGNORECASE)


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    return best.encoding if best is not None else None


def decode_html(data: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode page bytes: HTTP header charset, then BOM / ``<meta>``, then detection.

    GB2312 and GBK are decoded as GB18030 (their superset), as browsers do. Bytes that are
    valid UTF-8 and not plain ASCII beat a legacy ``<meta>`` declaration (GB2312, GBK,
    ISO-8859-1 ...); the header and a BOM keep their precedence. Returns
    ``(text, encoding)``; :func:`parse_page` also reports the overruled declaration.
    """
    text, encoding, _ = _decode(data, content_type)
    return text, encoding


def _decode(data: bytes, content_type: str | None) -> tuple[str, str, str]:
    """``(text, encoding, mismatch)``; ``mismatch`` names an overruled declaration."""
    header = http_content_type_encoding(content_type) if content_type else None
    if not header and not read_bom(data)[0] and not data.isascii():
        declared = html_body_declared_encoding(data)
        if declared in LEGACY_CHARSETS:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                return text, "utf-8", f"declared {declared}, bytes are utf-8"
        elif declared == "utf-8":
            try:
                return data.decode("utf-8"), "utf-8", ""
            except UnicodeDecodeError:
                pass
            # The converse: a template that says UTF-8 over GBK (or other legacy) bytes.
            encoding = _detect(data) if _not_utf8(data) else None
            if encoding and encoding.replace("_", "-") not in ("utf-8", "ascii"):
                text = data.decode(encoding, errors="replace")
                return text, encoding, f"declared utf-8, bytes are {encoding}"
    encoding, text = html_to_unicode(content_type, data, auto_detect_fun=_detect)
    return text, encoding, ""


def _not_utf8(data: bytes) -> bool:
    """Whether ``data`` (not valid UTF-8) is mostly not UTF-8: many invalid sequences, not a
    stray byte or a character cut short, which a UTF-8 page may well carry."""
    bad = data.decode("utf-8", errors="replace").count("\ufffd")
    non_ascii = len(data) - len(data.translate(None, ASCII_BYTES))
    return bad >= BAD_UTF8_MIN and bad >= BAD_UTF8_SHARE * non_ascii


def repair_plugins(text: str) -> str:
    """Close ``<embed>`` (a void element) and an ``<object>`` left open after its
    ``<param>``/``<embed>`` children: libxml2 would nest the rest of the page inside them."""
    if not PLUGIN_RE.search(text):
        return text
    text = EMBED_RE.sub(lambda m: "" if m[0].startswith("</") else f"<embed{m[1]}></embed>", text)
    tags = list(OBJECT_TAG_RE.finditer(text))
    inserts: list[int] = []
    for i, tag in enumerate(tags):
        if tag[1]:
            continue
        following = tags[i + 1] if i + 1 < len(tags) else None
        if following is None or not following[1]:  # not closed before the next object
            inserts.append(PARAMS_RE.match(text, tag.end()).end())  # type: ignore[union-attr]
    for at in reversed(inserts):
        text = f"{text[:at]}</object>{text[at:]}"
    return text


def _meta(tree: HtmlElement) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for el in tree.iter("meta"):
        content = el.get("content")
        if content is None:
            continue
        for attr in ("name", "property", "itemprop", "http-equiv"):
            key = el.get(attr)
            if key:
                found.setdefault(key.strip().lower(), []).append(content.strip())
    return found


def _flatten(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, list):
        for item in node:
            yield from _flatten(item)
    elif isinstance(node, dict):
        yield node
        if "@graph" in node:
            yield from _flatten(node["@graph"])


def _jsonld(tree: HtmlElement) -> list[dict[str, Any]]:
    objects: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = WRAPPER_RE.sub("", script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            # Common breakage: raw newlines or control characters inside strings.
            try:
                data = json.loads(re.sub(r"[\x00-\x1f]", " ", raw))
            except ValueError:
                continue
        objects.extend(_flatten(data))
    return objects


def text_nodes(
    root: HtmlElement, skip: Callable[[HtmlElement], bool]
) -> Iterator[tuple[str, bool]]:
    """The text of ``root`` (its own text, its descendants' texts and tails; not its tail) in
    document order, without the text inside the elements ``skip`` says (their tails are kept).
    Each piece comes with whether it is the tail of a comment or processing instruction: they
    hold no text and split none."""
    if root.text:
        yield root.text, False
    stack = [(root, iter(root))]
    while stack:
        node, children = stack[-1]
        for child in children:
            element = isinstance(child.tag, str)
            if element and not skip(child):
                if child.text:
                    yield child.text, False
                stack.append((child, iter(child)))
                break
            if child.tail:
                yield child.tail, not element
        else:
            stack.pop()
            if stack and node.tail:
                yield node.tail, False


# The labels pages put before a publication or update date in languages other than English
# ("Veröffentlicht", "Publisert", "Uppdaterad", "نشر في"): a date line's, never a name.
DATE_LABELS = (
    r"(?:publiziert|veröffentlicht|aktualisiert|erschienen|stand|publié|mis à jour|publicado|"
    r"actualizado|pubblicato|aggiornato|gepubliceerd|bijgewerkt|güncelleme|yayınlanma|"
    r"giriş tarihi|publiceret|udgivet|opdateret|publisert|oppdatert|publicerad|uppdaterad|"
    r"julkaistu|päivitetty|نشر في|آخر تحديث)"
)


def element_shape(el: HtmlElement | None) -> tuple[str, ...]:
    """An element's tag and class with its parent's: the items of a listing (teasers, comment
    headers, a widget's dated entries) share one. ``()`` without a parent."""
    parent = el.getparent() if el is not None else None
    if el is None or parent is None:
        return ()
    return (str(el.tag), el.get("class", ""), str(parent.tag), parent.get("class", ""))


def text_pieces(tree: HtmlElement, skip: frozenset[str]) -> list[str]:
    """The text of the whole document that ``tree`` belongs to, node by node in document
    order (each element's text and tail), as the XPath ``//text()`` lists it, without the text
    inside elements named in ``skip`` (their tails are kept). Comments and processing
    instructions hold no text; their tails do."""
    pieces: list[str] = []
    tops = [*reversed(list(tree.itersiblings(preceding=True))), tree, *tree.itersiblings()]
    for top in tops:
        if isinstance(top.tag, str) and top.tag not in skip:
            pieces.extend(text for text, _ in text_nodes(top, lambda el: el.tag in skip))
        if top.tail:
            pieces.append(top.tail)
    return pieces


@dataclass(frozen=True)
class Page:
    """One parsed page. Extractors read it and never mutate ``tree`` (copy it first)."""

    url: str
    text: str
    encoding: str
    tree: HtmlElement
    meta: dict[str, list[str]] = field(default_factory=dict)
    jsonld: list[dict[str, Any]] = field(default_factory=list)
    #: a charset declaration the bytes contradicted ("declared gb18030, bytes are utf-8"),
    #: "" when none: the crawl counts these.
    charset_mismatch: str = ""
    #: values derived from the (never mutated) tree, computed once: see :meth:`derived`.
    _derived: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def derived(self, key: str, make: Callable[[], T]) -> T:
        """The value ``make()`` computed once per page and kept under ``key`` (text views of
        the tree that several extractors read)."""
        if key not in self._derived:
            self._derived[key] = make()
        return self._derived[key]  # type: ignore[no-any-return]

    def elements(self) -> list[HtmlElement]:
        """Every element of the document in document order (``//*``), listed once."""

        def walk() -> list[HtmlElement]:
            tree = self.tree
            tops = [*reversed(list(tree.itersiblings(preceding=True))), tree]
            tops += tree.itersiblings()
            return [el for top in tops for el in top.iter() if isinstance(el.tag, str)]

        return self.derived("elements", walk)

    def meta_first(self, *names: str) -> str | None:
        """The first non-empty content among meta tags ``names`` (lower case)."""
        for name in names:
            for value in self.meta.get(name, ()):
                if value:
                    return value
        return None

    @property
    def lang(self) -> str:
        html_lang = self.tree.get("lang") or self.tree.get("xml:lang") or ""
        lang = html_lang or self.meta_first("content-language", "og:locale", "language") or ""
        return lang.replace("_", "-").split("-")[0].lower()


def parse_page(html: str | bytes, url: str, *, content_type: str | None = None) -> Page:
    """Parse a page once. ``html`` may be bytes (decoded by :func:`decode_html`) or text."""
    mismatch = ""
    if isinstance(html, bytes):
        text, encoding, mismatch = _decode(html, content_type)
    else:
        text, encoding = html, "unicode"
    # lxml refuses str input that carries an XML encoding declaration, and characters XML
    # cannot hold (a stray control character would fail the page's extraction).
    text = xml_safe_markup(XML_DECL_RE.sub("", text))
    try:
        tree = lxml.html.document_fromstring(repair_plugins(text) or "<html></html>", base_url=url)
    except (ValueError, lxml.etree.ParserError):
        tree = lxml.html.document_fromstring("<html></html>", base_url=url)
    page = Page(url, text, encoding, tree, _meta(tree), _jsonld(tree), mismatch)
    # Element objects are made anew on each walk of the tree unless one is alive: keeping them
    # spares the extractors' many walks that cost.
    page.elements()
    return page
