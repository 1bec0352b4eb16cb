"""Load the development corpus (see the corpus README) and score body text the way it defines.

Kept free of newsbot imports so the scoring can never depend on the code being measured.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "CorpusPage",
    "Score",
    "cjk_tokens",
    "load_en",
    "load_zh",
    "score",
    "word_tokens",
]

# Some Chinese pages are wrapped by the dataset in ``<text id="URL" title=... encoding=...>``.
WRAPPER_RE = re.compile(rb'^\s*<text\s+id="([^"]*)"[^>]*>', re.IGNORECASE)
WORD_RE = re.compile(r"\w+")
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
CJK_TOKEN_RE = re.compile(rf"[{CJK}]|[^\W{CJK}]+")
WINDOW = 4


@dataclass(frozen=True)
class CorpusPage:
    id: str
    url: str
    html: bytes
    expected: str


def _read_gz(path: Path) -> bytes:
    with gzip.open(path, "rb") as fh:
        return fh.read()


def unwrap(data: bytes) -> tuple[bytes, str | None]:
    """Strip the dataset's ``<text id=URL ...>`` wrapper; return the page and the URL."""
    match = WRAPPER_RE.match(data)
    if not match:
        return data, None
    body = data[match.end() :]
    body = re.sub(rb"</text>\s*$", b"", body)
    return body, match.group(1).decode("utf-8", "replace")


def load_en(corpus: Path) -> Iterator[CorpusPage]:
    folder = corpus / "articles-en"
    truth = json.loads((folder / "ground-truth.json").read_text("utf-8"))
    for page_id, item in sorted(truth.items()):
        path = folder / "html" / f"{page_id}.html.gz"
        if path.exists():
            yield CorpusPage(page_id, item.get("url") or "", _read_gz(path), item["articleBody"])


def load_zh(corpus: Path) -> Iterator[CorpusPage]:
    folder = corpus / "articles-zh"
    truth = json.loads((folder / "cleaned_ground.json").read_text("utf-8"))
    for page_id, item in sorted(truth.items()):
        path = folder / "original" / f"{page_id}.html.gz"
        if not path.exists():
            continue
        html, url = unwrap(_read_gz(path))
        yield CorpusPage(
            page_id, url or f"http://example.invalid/{page_id}", html, item["articleBody"]
        )


def word_tokens(text: str) -> list[str]:
    return WORD_RE.findall(text or "")


def cjk_tokens(text: str) -> list[str]:
    """``\\w+`` tokens, except that every CJK character is a token of its own."""
    return CJK_TOKEN_RE.findall(text or "")


def _windows(tokens: list[str]) -> Counter[tuple[str, ...]]:
    if not tokens:
        return Counter()
    if len(tokens) < WINDOW:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + WINDOW]) for i in range(len(tokens) - WINDOW + 1))


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float


def page_counts(
    predicted: str, expected: str, tokenize: Callable[[str], list[str]]
) -> tuple[int, int, int]:
    """(tp, fp, fn) of the 4-token window multisets of one page."""
    pred = _windows(tokenize(predicted))
    exp = _windows(tokenize(expected))
    tp = sum((pred & exp).values())
    return tp, sum(pred.values()) - tp, sum(exp.values()) - tp


def score(pairs: Iterable[tuple[str, str]], tokenize: Callable[[str], list[str]]) -> Score:
    """Mean precision over pages with a prediction, mean recall over pages with expected
    text, F1 of the two means. ``pairs`` are ``(predicted, expected)``."""
    precisions: list[float] = []
    recalls: list[float] = []
    for predicted, expected in pairs:
        tp, fp, fn = page_counts(predicted, expected, tokenize)
        if tp + fp:
            precisions.append(tp / (tp + fp))
        if tp + fn:
            recalls.append(tp / (tp + fn))
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    return Score(p, r, 2 * p * r / (p + r) if p + r else 0.0)
