"""Per-source selectors: a selector starting with ``/`` or ``(`` is XPath, anything else CSS."""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree
from lxml.cssselect import CSSSelector
from lxml.html import HtmlElement

__all__ = ["compile_selector", "select_all", "select_elements"]


def compile_selector(selector: str) -> etree.XPath:
    """Compile a selector: XPath when it starts with ``/`` or ``(``, else CSS.

    Raises ValueError naming the selector when it does not compile.
    """
    selector = selector.strip()
    try:
        if selector.startswith(("/", "(")):
            return etree.XPath(selector)
        return CSSSelector(selector, translator="html")
    except (etree.XPathError, ValueError, SyntaxError) as exc:
        raise ValueError(f"bad selector {selector!r}: {exc}") from None


def _compile(selector: str) -> etree.XPath | None:
    if not selector.strip():
        return None
    try:
        return compile_selector(selector)
    except ValueError:
        # Source files are validated on load; a bad selector here just matches nothing.
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
