"""Check newsbot's extraction on the modern Chinese news pages of the corpus (``pages-zh``).

Run: .venv/bin/python bench/check_pages_zh.py --corpus ../shared/corpus [--show]

The pages have no ground truth: ``bench/pages_zh_expected.json`` holds values read off the
pages by hand (title, first and last characters of the true body, media, authors, date as
written). Per page it reports whether the title, the body start and end, the media, the
authors and the date agree, and the body length. Strings are compared without whitespace.
Exits 1 when a title or body check fails.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import warnings
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

EXPECTED = HERE / "pages_zh_expected.json"
SPACE_RE = re.compile(r"\s+")
YMD_RE = re.compile(r"(\d{4})\D{1,3}(\d{1,2})\D{1,3}(\d{1,2})")
CHECKS = ("title", "start", "end", "media", "authors", "date")


def _squash(text: str | None) -> str:
    return SPACE_RE.sub("", text or "")


def _starts(body: str, options: list[str]) -> bool:
    squashed = _squash(body)
    return any(squashed.startswith(_squash(o)) for o in options)


def _ends(body: str, options: list[str]) -> bool:
    squashed = _squash(body)
    return any(squashed.endswith(_squash(o)) for o in options)


def _date_ok(expected: str | None, published: Any) -> bool | None:
    """None when the page shows no absolute date (nothing to compare)."""
    match = YMD_RE.search(expected or "")
    if not match:
        return None
    if published is None:
        return False
    year, month, day = (int(g) for g in match.groups())
    return (published.year, published.month, published.day) == (year, month, day)


def check_page(html: bytes, expected: dict[str, Any]) -> dict[str, Any]:
    from newsbot.extract import extract_article

    article = extract_article(html, "http://example.com/")
    body = article.body_text
    authors = expected.get("authors")
    media = expected.get("media") or []
    return {
        "title": _squash(article.title) in {_squash(t) for t in expected["title"]},
        "start": _starts(body, expected["body_start"]),
        "end": _ends(body, expected["body_end"]),
        "media": (_squash(article.media) in {_squash(m) for m in media}) if media else None,
        "authors": (sorted(article.authors) == sorted(authors)) if authors is not None else None,
        "date": _date_ok(expected.get("date"), article.published),
        "length": len(body),
        "article": article,
    }


def _mark(value: bool | None) -> str:
    return "-" if value is None else ("ok" if value else "NO")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--show", action="store_true", help="print what failed, per page")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    folder = args.corpus / "pages-zh"
    expected_all = {
        k: v for k, v in json.loads(EXPECTED.read_text("utf-8")).items() if not k.startswith("_")
    }
    if not folder.is_dir():
        print(f"corpus folder not found: {folder}", file=sys.stderr)
        return 2
    totals = dict.fromkeys(CHECKS, 0)
    counted = dict.fromkeys(CHECKS, 0)
    hard_failures = 0
    print(
        f"{'page':22} {'title':>5} {'start':>5} {'end':>5} {'media':>5} {'auth':>5} "
        f"{'date':>5} {'length':>7}"
    )
    for rel, expected in sorted(expected_all.items()):
        path = folder / rel
        if not path.is_file():
            print(f"{rel:22} missing")
            continue
        result = check_page(gzip.decompress(path.read_bytes()), expected)
        for key in CHECKS:
            if result[key] is not None:
                counted[key] += 1
                totals[key] += bool(result[key])
        if not (result["title"] and result["start"] and result["end"]):
            hard_failures += 1
        print(
            f"{rel:22} "
            + " ".join(f"{_mark(result[k]):>5}" for k in ("title", "start", "end", "media"))
            + f" {_mark(result['authors']):>5} {_mark(result['date']):>5} {result['length']:>7}"
        )
        if args.show:
            article = result["article"]
            text = article.body_text.replace("\n", " / ")
            if not result["title"]:
                print(f"    title: {article.title!r}")
            if not result["start"]:
                print(f"    start: {text[:80]!r}")
            if not result["end"]:
                print(f"    end:   {text[-80:]!r}")
            if result["media"] is False:
                print(f"    media: {article.media!r}")
            if result["authors"] is False:
                print(f"    authors: {article.authors!r}")
            if result["date"] is False:
                print(f"    date: {article.published_raw!r} -> {article.published}")
    print(
        "total  "
        + "  ".join(f"{key} {totals[key]}/{counted[key]}" for key in CHECKS)
        + f"  pages {len(expected_all)}"
    )
    return 1 if hard_failures else 0


if __name__ == "__main__":
    sys.exit(main())
