"""Score publication-date extraction (day accuracy) against the development corpus.

Run: .venv/bin/python bench/score_dates.py --corpus ../shared/corpus [--misses]

Scores newsbot's ``find_published`` and htmldate (``extensive_search=True``) on the same pages
in the same run: ``dates/`` (labels from ``eval_default.json`` and, separately,
``eval_mediacloud_2020.json``) and ``articles-zh/`` (``date_ground.json``, UNKNOWN and
non-date labels skipped). Accuracy = hits / labelled pages; a different day or no date is
wrong. A page that raises counts as wrong and is reported.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from newsbot.extract.page import Page, parse_page  # noqa: E402
from newsbot.extract.pubdate import find_published  # noqa: E402

# Later than every label, so that only the pages' own content decides.
NOW = datetime(2026, 11, 1, tzinfo=ZoneInfo("UTC"))
WRAPPER_RE = re.compile(rb'^\s*<text\s+id="([^"]*)"[^>]*>', re.IGNORECASE)
LABEL_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
# Source zone for wall times without an offset, from the page language or country domain.
# It only matters for Unix timestamps and relative dates: other values keep their wall day.
LANG_ZONES = {"zh": "Asia/Shanghai", "ja": "Asia/Tokyo", "ko": "Asia/Seoul", "ru": "Europe/Moscow"}
TLD_ZONES = {
    "cn": "Asia/Shanghai",
    "tw": "Asia/Taipei",
    "hk": "Asia/Hong_Kong",
    "de": "Europe/Berlin",
    "at": "Europe/Vienna",
    "ch": "Europe/Zurich",
    "fr": "Europe/Paris",
    "it": "Europe/Rome",
    "es": "Europe/Madrid",
    "uk": "Europe/London",
    "ie": "Europe/Dublin",
    "nl": "Europe/Amsterdam",
    "br": "America/Sao_Paulo",
    "us": "America/New_York",
}


@dataclass(frozen=True)
class Labelled:
    set: str
    name: str
    url: str
    html: bytes
    expected: str  # YYYY-MM-DD


def _gz(path: Path) -> bytes:
    with gzip.open(path, "rb") as fh:
        return fh.read()


def _label(raw: object) -> str | None:
    if not isinstance(raw, str) or (m := LABEL_RE.match(raw)) is None:
        return None  # UNKNOWN, NaN, a bare year or a name typed in the date column
    return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"


def load(corpus: Path) -> Iterator[Labelled]:
    folder = corpus / "dates"
    for set_name, labels_file in (
        ("dates", "eval_default.json"),
        ("dates-mc", "eval_mediacloud_2020.json"),
    ):
        labels = json.loads((folder / labels_file).read_text("utf-8"))
        for url, item in sorted(labels.items()):
            expected = _label(item.get("date"))
            path = folder / "pages" / item["file"]
            if expected and path.exists():
                yield Labelled(set_name, item["file"], url, _gz(path), expected)
    folder = corpus / "articles-zh"
    labels = json.loads((folder / "date_ground.json").read_text("utf-8"))
    for page_id, item in sorted(labels.items()):
        expected = _label(item.get("articleBody"))
        path = folder / "original" / f"{page_id}.html.gz"
        if not expected or not path.exists():
            continue
        html, url = _gz(path), f"http://example.invalid/{page_id}.html"
        if m := WRAPPER_RE.match(html):
            url = m.group(1).decode("utf-8", "replace")
            html = re.sub(rb"</text>\s*$", b"", html[m.end() :])
        yield Labelled("articles-zh", page_id, url, html, expected)


def page_timezone(page: Page) -> str:
    if page.lang in LANG_ZONES:
        return LANG_ZONES[page.lang]
    host = re.sub(r"^[a-z]+://", "", page.url).split("/", 1)[0].split(":")[0]
    return TLD_ZONES.get(host.rsplit(".", 1)[-1], "UTC")


def newsbot_date(page: Page, timezone: str | None = None) -> tuple[str | None, str]:
    """The day newsbot finds, with ``timezone`` for offset-less values (default: the
    page's zone by its language or country domain)."""
    finding = find_published(page, timezone=timezone or page_timezone(page), now=NOW)
    if finding.published is None:
        return None, "-"
    # The day as written on the page: in the page's own offset, never converted.
    return finding.published.date().isoformat(), f"{finding.source}: {finding.raw}"


def htmldate_date(page: Page) -> tuple[str | None, str]:
    from htmldate import find_date

    return find_date(page.text, url=page.url, extensive_search=True, original_date=True), ""


def _run(fn: Callable[[Page], tuple[str | None, str]], page: Page) -> tuple[str | None, str]:
    try:
        return fn(page)
    except Exception as exc:  # counted as a miss, never fatal
        return None, f"raised {type(exc).__name__}: {exc}"[:120]


def score_dates(
    corpus: Path, misses: list[tuple[str, ...]] | None = None
) -> dict[str, dict[str, float]]:
    """Day accuracy per tool and set: {"newsbot": {"dates": acc, ...}, "htmldate": {...}}."""
    hits: dict[str, dict[str, int]] = {"newsbot": {}, "htmldate": {}}
    totals: dict[str, int] = {}
    for item in load(corpus):
        totals[item.set] = totals.get(item.set, 0) + 1
        page = parse_page(item.html, item.url)
        for tool, fn in (("newsbot", newsbot_date), ("htmldate", htmldate_date)):
            got, why = _run(fn, page)
            ok = got == item.expected
            hits[tool][item.set] = hits[tool].get(item.set, 0) + ok
            if tool == "newsbot" and not ok and misses is not None:
                misses.append((item.set, item.name, item.expected, got or "-", why))
    # Both label files of dates/ together: the 307-page set (less one unlabelled page).
    for tool_hits in hits.values():
        tool_hits["dates-all"] = tool_hits.get("dates", 0) + tool_hits.get("dates-mc", 0)
    totals["dates-all"] = totals.get("dates", 0) + totals.get("dates-mc", 0)
    return {
        tool: {name: hits[tool].get(name, 0) / total for name, total in totals.items() if total}
        for tool in hits
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--no-misses", action="store_true", help="do not list newsbot's misses")
    args = ap.parse_args()
    started = time.perf_counter()
    misses: list[tuple[str, ...]] = []
    result = score_dates(args.corpus, misses)
    sets = list(result["newsbot"])
    print(f"{'tool':10}" + "".join(f"{name:>13}" for name in sets))
    for tool, scores in result.items():
        print(f"{tool:10}" + "".join(f"{scores[name]:>13.3f}" for name in sets))
    if not args.no_misses:
        print(f"\nnewsbot misses ({len(misses)}):")
        for row in misses:
            print("  " + " | ".join(row))
    print(f"\n{time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
