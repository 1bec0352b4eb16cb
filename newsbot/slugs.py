"""Category slugs: an outlet's name in pinyin, lower case, syllables joined."""

from __future__ import annotations

import functools
import re

__all__ = ["pinyin_slug"]

NOT_SLUG_RE = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=1024)
def pinyin_slug(name: str) -> str:
    """``右江日报`` -> ``youjiangribao``; Latin letters and digits are kept, lower-cased.

    pypinyin (and its dictionaries, some 55 MB) is loaded only when a name needs it: a
    name that is already a slug is returned as it is. Outlets are few, so slugs are cached.
    """
    if name.isascii():
        return NOT_SLUG_RE.sub("", name.lower())
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(name, style=Style.NORMAL, errors="default")
    return NOT_SLUG_RE.sub("", "".join(syllables).lower())
