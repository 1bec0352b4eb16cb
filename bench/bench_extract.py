"""Score article body extraction: newsbot against trafilatura and readability-lxml.

Run: .venv/bin/python bench/bench_extract.py --corpus ../shared/corpus [--pages]

Same pages, same run, same metric (see the corpus README): ``\\w+`` tokens, multisets of
4-token windows, precision and recall averaged over pages, F1 of the means; for Chinese also
with one token per CJK character. newsbot gets the page bytes (it decodes them itself);
trafilatura and readability get the same text decoded once by newsbot's decoder (the one
helping neither: both mis-detect some GB pages from bytes), and the dataset's ``<text id=URL>``
wrapper is removed for everyone. Default settings for the other tools.

Date accuracy columns come from ``bench/score_dates.py`` when it is importable.
Exits 1 if newsbot's en F1 < 0.98, zh per-character F1 < 0.95, or newsbot is not the best.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
import warnings
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for path in (str(ROOT), str(HERE)):
    if path not in sys.path:
        sys.path.insert(0, path)

from corpus import CorpusPage, cjk_tokens, load_en, load_zh, page_counts, score, word_tokens  # noqa: E402

MIN_EN_F1 = 0.98
MIN_ZH_F1 = 0.95
Extractor = Callable[[CorpusPage], str]


def newsbot_body(page: CorpusPage) -> str:
    from newsbot.extract import extract_article

    return extract_article(page.html, page.url).body_text


def _decoded(page: CorpusPage) -> str:
    from newsbot.extract.page import decode_html

    return decode_html(page.html)[0]


def trafilatura_body(page: CorpusPage) -> str:
    import trafilatura

    return trafilatura.extract(_decoded(page), url=page.url, include_comments=False) or ""


def readability_body(page: CorpusPage) -> str:
    import lxml.html
    from readability import Document

    summary = Document(_decoded(page)).summary()
    if not summary.strip():
        return ""
    return lxml.html.fromstring(summary).text_content()


TOOLS: dict[str, Extractor] = {
    "newsbot": newsbot_body,
    "trafilatura": trafilatura_body,
    "readability": readability_body,
}


def run_tool(
    fn: Extractor, pages: list[CorpusPage], errors: list[str], tool: str, set_name: str
) -> list[str]:
    outputs = []
    for page in pages:
        try:
            outputs.append(fn(page) or "")
        except Exception as exc:  # one bad page must not stop the benchmark
            errors.append(f"{tool} {set_name} {page.id}: {type(exc).__name__}: {exc}")
            if tool == "newsbot":
                traceback.print_exc()
            outputs.append("")
    return outputs


def dates_columns(corpus: Path) -> dict[str, dict[str, float]] | None:
    try:
        from score_dates import score_dates
    except Exception as exc:
        print(f"dates: not available ({type(exc).__name__}: {exc})")
        return None
    try:
        return score_dates(corpus)
    except Exception as exc:
        print(f"dates: not available (score_dates failed: {type(exc).__name__}: {exc})")
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--pages", action="store_true", help="print newsbot's weakest pages")
    parser.add_argument("--no-dates", action="store_true", help="skip the date columns")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    started = time.monotonic()

    en_pages = list(load_en(args.corpus))
    zh_pages = list(load_zh(args.corpus))
    if not en_pages or not zh_pages:
        print(f"corpus not found or empty under {args.corpus}", file=sys.stderr)
        return 2

    errors: list[str] = []
    rows: dict[str, dict[str, float]] = {}
    timings: dict[str, float] = {}
    for tool, fn in TOOLS.items():
        t0 = time.monotonic()
        en_out = run_tool(fn, en_pages, errors, tool, "en")
        zh_out = run_tool(fn, zh_pages, errors, tool, "zh")
        timings[tool] = time.monotonic() - t0
        en = score(zip(en_out, (p.expected for p in en_pages), strict=True), word_tokens)
        zh_words = score(zip(zh_out, (p.expected for p in zh_pages), strict=True), word_tokens)
        zh_chars = score(zip(zh_out, (p.expected for p in zh_pages), strict=True), cjk_tokens)
        rows[tool] = {
            "en P": en.precision,
            "en R": en.recall,
            "en F1": en.f1,
            "zh F1 (\\w+)": zh_words.f1,
            "zh P (char)": zh_chars.precision,
            "zh R (char)": zh_chars.recall,
            "zh F1 (char)": zh_chars.f1,
        }
        if tool == "newsbot" and args.pages:
            for pages, outs, tok in (
                (en_pages, en_out, word_tokens),
                (zh_pages, zh_out, cjk_tokens),
            ):
                for page, out in zip(pages, outs, strict=True):
                    tp, fp, fn_ = page_counts(out, page.expected, tok)
                    p = tp / (tp + fp) if tp + fp else 0.0
                    r = tp / (tp + fn_) if tp + fn_ else 0.0
                    if p < 0.95 or r < 0.95:
                        print(f"  weak page {page.id[:12]} P={p:.3f} R={r:.3f}")

    dates = None if args.no_dates else dates_columns(args.corpus)
    date_sets = sorted({s for per_tool in (dates or {}).values() for s in per_tool})
    columns = list(rows["newsbot"])
    header = f"{'tool':<12}" + "".join(f"{c:>14}" for c in columns)
    header += "".join(f" {'date ' + s:>15}" for s in date_sets) + f"{'time s':>9}"
    print(header)
    for tool, values in rows.items():
        line = f"{tool:<12}" + "".join(f"{values[c]:>14.4f}" for c in columns)
        for s in date_sets:
            acc = (dates or {}).get(tool, {}).get(s)
            line += f"{acc:>16.4f}" if acc is not None else f"{'-':>16}"
        print(line + f"{timings[tool]:>9.1f}")
    # htmldate and other date-only tools have no body row: show them after the table.
    for tool in sorted(set(dates or {}) - set(rows)):
        line = f"{tool:<12}" + "".join(f"{'-':>14}" for _ in columns)
        for s in date_sets:
            acc = (dates or {})[tool].get(s)
            line += f"{acc:>16.4f}" if acc is not None else f"{'-':>16}"
        print(line + f"{'':>9}")
    print(
        f"pages: en {len(en_pages)}, zh {len(zh_pages)}; errors: {len(errors)}; "
        f"total {time.monotonic() - started:.1f} s"
    )
    for error in errors:
        print(f"  error: {error}")

    ours = rows["newsbot"]
    failures = []
    if ours["en F1"] < MIN_EN_F1:
        failures.append(f"newsbot en F1 {ours['en F1']:.4f} < {MIN_EN_F1}")
    if ours["zh F1 (char)"] < MIN_ZH_F1:
        failures.append(f"newsbot zh per-char F1 {ours['zh F1 (char)']:.4f} < {MIN_ZH_F1}")
    for column in ("en F1", "zh F1 (char)"):
        best = max(rows, key=lambda t: rows[t][column])
        if best != "newsbot":
            failures.append(f"newsbot is not the best on {column} ({best} is)")
    if any(e.startswith("newsbot ") for e in errors):
        failures.append("newsbot raised on some pages")
    for failure in failures:
        print(f"FAIL: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
