"""What safe output means, checked the way a browser and Jekyll would read it.

Markup is read back with the standard library's HTML parser, not with lxml that cleaned
it, and URLs are normalised as browsers do (tabs and newlines removed anywhere, leading
controls and spaces stripped, entities decoded by the parser) before their scheme is read.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
BANNED_TAGS = frozenset(
    {
        "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta",
        "link", "form", "svg", "math", "style", "template", "portal",
    }
)  # fmt: skip
# Attributes whose values are text, never fetched or navigated to.
TEXT_ATTRS = frozenset(
    {"alt", "title", "class", "lang", "dir", "width", "height", "colspan", "rowspan", "align",
     "datetime", "id", "name"}
)  # fmt: skip
BAD_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
LEADING = "".join(chr(c) for c in range(0x21))
RAW_START = re.compile(r"\{%-?\s*raw\s*-?%\}")
# Output of the text "{%" itself: how an endraw inside raw text is written back.
LITERAL_OPEN_TAG = re.compile(r"""\{\{-?\s*(?:"\{%"|'\{%')\s*-?\}\}""")
RAW_END = re.compile(r"\{%-?\s*endraw\b.*?%\}", re.S)


def dangerous_url(value: str) -> bool:
    """Whether a browser would run ``value`` (an attribute value, entities decoded)."""
    url = re.sub(r"[\t\n\r]", "", value).lstrip(LEADING).lower()
    return url.startswith(BAD_SCHEMES)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BANNED_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name}")
            elif name == "srcdoc":
                self.problems.append("srcdoc")
            elif name == "style" and value and re.search(r"expression|url\s*\(", value, re.I):
                self.problems.append("style with expression or url()")
            elif name not in TEXT_ATTRS and value is not None:
                candidates = value.split(",") if name == "srcset" else [value]
                if any(dangerous_url(c) for c in candidates):
                    self.problems.append(f"{name}={value!r}")

    handle_startendtag = handle_starttag


def unsafe_markup(markup: str) -> list[str]:
    """What in ``markup`` could run code or pull in a frame: banned elements, event
    handlers, ``srcdoc``, and ``javascript:``/``vbscript:``/``data:text/html`` URLs."""
    collector = _Collector()
    collector.feed(markup)
    collector.close()
    lowered = markup.lower()
    raw = [f"raw {tag}" for tag in ("<script", "<iframe", "<object", "<embed") if tag in lowered]
    return collector.problems + raw


def live_liquid(text: str) -> list[str]:
    """Liquid that Jekyll would run in ``text`` (a post body): ``{{`` or ``{%`` outside
    ``{% raw %}`` blocks, but for the output of the literal ``"{%"``. A post whose front
    matter says ``render_with_liquid: false`` has none."""
    front, _, body = text.partition("\n---\n") if text.startswith("---\n") else ("", "", text)
    if re.search(r"^render_with_liquid:\s*false\s*$", front, re.M):
        return []
    found, pos = [], 0
    while pos < len(body):
        start = RAW_START.search(body, pos)
        outside = body[pos : start.start() if start else len(body)]
        outside = LITERAL_OPEN_TAG.sub("", outside)
        found += re.findall(r"\{\{.{0,20}|\{%.{0,20}", outside, re.S)
        if not start:
            break
        end = RAW_END.search(body, start.end())
        if not end:
            found.append("{% raw %} never closed")
            break
        pos = end.end()
    return found


def xss_corpus() -> list[str]:
    """The vectors of ``tests/fixtures/xss.txt`` with their escapes decoded."""
    lines = (FIXTURES / "xss.txt").read_text("utf-8").splitlines()
    return [
        line.encode("latin-1", "backslashreplace").decode("unicode_escape")
        for line in lines
        if line and not line.startswith("#")
    ]
