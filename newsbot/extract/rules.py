"""Per-source selectors: a selector starting with ``/`` or ``(`` is XPath, anything else CSS."""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree
from lxml.cssselect import CSSSelector
from lxml.html import HtmlElement

__all__ = ["select_all", "select_elements"]


def _compile(selector: str) -> etree.XPath | None:
    selector = selector.strip()
    if not selector:
        return None
    try:
        if selector.startswith(("/", "(")):
            return etree.XPath(selector)
        return CSSSelector(selector, translator="html")
    except (etree.XPathError, ValueError, SyntaxError):
        # A bad selector in one source's rules must not break extraction: it matches nothing.
        return None


def select_all(tree: HtmlElement, selectors: Iterable[str] | None) -> list[object]:
    """Every result of every selector, in selector order (elements, strings or numbers)."""
    found: list[object] = []
    for selector in selectors or ():
        compiled = _compile(selector)
        if compiled is None:
            continue
        try:
            result = compiled(tree)
        except (etree.XPathError, TypeError, ValueError):
            continue
        if isinstance(result, list):
            found.extend(result)
        elif result not in (None, "", False):
            found.append(result)
    return found


def select_elements(tree: HtmlElement, selectors: Iterable[str] | None) -> list[HtmlElement]:
    """The elements matched by ``selectors`` (text results are ignored), without duplicates."""
    seen: set[int] = set()
    elements: list[HtmlElement] = []
    for item in select_all(tree, selectors):
        if isinstance(item, HtmlElement) and id(item) not in seen:
            seen.add(id(item))
            elements.append(item)
    return elements
