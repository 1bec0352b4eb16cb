"""Category slugs: an outlet's name in pinyin, lower case, syllables joined."""

from __future__ import annotations

import re

from pypinyin import Style, lazy_pinyin

__all__ = ["pinyin_slug"]

NOT_SLUG_RE = re.compile(r"[^a-z0-9]+")


def pinyin_slug(name: str) -> str:
    """``右江日报`` -> ``youjiangribao``; Latin letters and digits are kept, lower-cased."""
    syllables = lazy_pinyin(name, style=Style.NORMAL, errors="default")
    return NOT_SLUG_RE.sub("", "".join(syllables).lower())
