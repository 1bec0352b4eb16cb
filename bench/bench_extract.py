"""Extraction benchmark: newsbot and its peers on the five development sets, in one run.

Run: make bench-extract CORPUS=../shared/corpus
 or: .venv/bin/python bench/bench_extract.py --corpus ../shared/corpus [--jobs 2]

Sets (see the corpus README) and fields:

* ``en``        article-extraction-benchmark: body F1 (``\\w+`` tokens, 4-token windows)
* ``zh``        CWCED: body F1 with one token per CJK character; day (its date labels)
* ``dates``     htmldate's evaluation pages: day accuracy, newsbot with ``timezone="UTC"``
                (and, as a second row, with the per-page zone of ``bench/score_dates.py``)
* ``pages-zh``  GNE's modern Chinese portals against ``bench/pages_zh_expected.json``:
                title, day, minute, media (and body: first and last characters right)
* ``fundus``    ``../shared/corpus/score_fundus.py`` run as it is, once per tool:
                title, day, minute, authors, body

Peers: trafilatura, readability-lxml, htmldate, newspaper4k, gne, each where the field
applies (``bench/peers.py``). Then the leave-one-set-out check: the tunable choices of
:class:`newsbot.extract.ExtractOptions` are chosen, from the grid ``GRID``, on four sets
(mean of their figures) and measured on the fifth; dev (shipped defaults) and LOO figures
are printed side by side. Last, milliseconds per page of every tool over the article pages
(en, zh, pages-zh, fundus), each tool timed in its own worker in the same run.

Exits 1 when newsbot does not lead every peer on every field or a LOO figure is more than
0.01 below its dev figure.

``--speed`` instead measures pages per second only: newsbot and trafilatura (with metadata)
in one process, on the same pages, page by page in turns, over ``--rounds`` rounds after a
warm-up; the floor is one lxml parse per page. Times are the process's CPU time, so that other
work on the machine does not tilt the ratio. :func:`speed` returns the figures for other
benchmarks.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import gzip
import importlib.util
import inspect
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for _path in (str(ROOT), str(HERE)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from corpus import cjk_tokens, load_en, load_zh, score, word_tokens  # noqa: E402

SETS = ("en", "zh", "dates", "pages-zh", "fundus")
SET_FIELDS = {
    "en": ("body",),
    "zh": ("body", "day"),
    "dates": ("day",),
    "pages-zh": ("title", "day", "minute", "media", "body"),
    "fundus": ("title", "day", "minute", "authors", "body"),
}
PEERS = ("trafilatura", "readability", "htmldate", "newspaper4k", "gne")
TOOLS = ("newsbot", *PEERS)
FUNDUS_FIELDS = {"TITLE": "title", "DAY": "day", "MINUTE": "minute", "AUTHORS": "authors"}
FUNDUS_FIELDS["BODY"] = "body"
# Alternatives tried by the leave-one-set-out check, one option at a time around the defaults.
GRID: dict[str, tuple[float, ...]] = {
    "sibling_share": (0.1, 0.3),
    "negative_keep_share": (0.25, 0.6),
    "jsonld_longer": (1.1, 2.0),
    "min_body_chars": (400,),
}
MAX_LOO_GAP = 0.01
# On the 307 pages of the dates set: the date specialist (trafilatura's dates are htmldate's;
# the others' dates are measured on zh, pages-zh and fundus).
DATE_PEERS = ("newsbot", "htmldate")
SPACE_RE = re.compile(r"\s+")
YMD_RE = re.compile(r"(\d{4})\D{1,3}(\d{1,2})\D{1,3}(\d{1,2})(?:\D{1,4}(\d{1,2}):(\d{2}))?")


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Item:
    set: str
    id: str
    url: str
    html: bytes
    expected: dict[str, Any]


def _load_score_fundus(corpus: Path) -> Any:
    """The corpus's own fundus scorer as a module (called, never copied)."""
    spec = importlib.util.spec_from_file_location("score_fundus", corpus / "score_fundus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_items(corpus: Path, set_name: str) -> list[Item]:
    if set_name == "en":
        return [Item("en", p.id, p.url, p.html, {"body": p.expected}) for p in load_en(corpus)]
    if set_name == "zh":
        from score_dates import load as load_dated

        days = {d.name: d.expected for d in load_dated(corpus) if d.set == "articles-zh"}
        return [
            Item("zh", p.id, p.url, p.html, {"body": p.expected, "day": days.get(p.id)})
            for p in load_zh(corpus)
        ]
    if set_name == "dates":
        from score_dates import load as load_dated

        return [
            Item("dates", d.name, d.url, d.html, {"day": d.expected})
            for d in load_dated(corpus)
            if d.set in ("dates", "dates-mc")
        ]
    if set_name == "pages-zh":
        labels = json.loads((HERE / "pages_zh_expected.json").read_text("utf-8"))
        folder = corpus / "pages-zh"
        return [
            Item(
                "pages-zh",
                rel,
                "http://example.com/",
                gzip.decompress((folder / rel).read_bytes()),
                exp,
            )
            for rel, exp in sorted(labels.items())
            if not rel.startswith("_") and (folder / rel).is_file()
        ]
    raise ValueError(set_name)


# --------------------------------------------------------------------------- scoring


def _squash(text: Any) -> str:
    return SPACE_RE.sub("", str(text or ""))


def _when(value: Any, score_fundus: Any) -> Any:
    return score_fundus.parse_pred_when(value)


def _day(when: Any) -> str | None:
    if when is None:
        return None
    return (when.date() if isinstance(when, dt.datetime) else when).isoformat()


def _expected_when(text: str | None) -> tuple[str | None, str | None]:
    """(day, minute) of a date as written on a page: ``2019年11月25日 16:04:30``."""
    match = YMD_RE.search(text or "")
    if not match:
        return None, None
    day = f"{int(match[1]):04d}-{int(match[2]):02d}-{int(match[3]):02d}"
    minute = f"{day}T{int(match[4]):02d}:{match[5]}" if match[4] else None
    return day, minute


def _minute(when: Any) -> str | None:
    if not isinstance(when, dt.datetime):
        return None
    return when.strftime("%Y-%m-%dT%H:%M")  # wall clock, in the value's own offset


def score_set(
    set_name: str,
    items: list[Item],
    preds: list[Any],
    score_fundus: Any,
    fields: frozenset[str] | set[str] = frozenset(SET_FIELDS["pages-zh"]),
) -> dict[str, float]:
    """Figures of one tool on one set (pages where the tool raised count as empty), for the
    ``fields`` the tool produces."""
    out: dict[str, float] = {}
    if set_name in ("en", "zh"):
        tok = word_tokens if set_name == "en" else cjk_tokens
        pairs = [
            ((p.body if p else "") or "", it.expected["body"])
            for p, it in zip(preds, items, strict=True)
        ]
        out["body"] = score(pairs, tok).f1
    if set_name in ("zh", "dates"):
        labelled = [(p, it) for p, it in zip(preds, items, strict=True) if it.expected.get("day")]
        hits = sum(
            _day(_when(p.published, score_fundus) if p else None) == it.expected["day"]
            for p, it in labelled
        )
        out["day"] = hits / len(labelled) if labelled else float("nan")
    if set_name == "pages-zh":
        n = {"title": 0, "day": 0, "minute": 0, "media": 0, "body": 0}
        hit = dict.fromkeys(n, 0)
        for p, it in zip(preds, items, strict=True):
            exp = it.expected
            n["title"] += 1
            hit["title"] += bool(p) and _squash(p.title) in {_squash(t) for t in exp["title"]}
            day, minute = _expected_when(exp.get("date"))
            when = _when(p.published, score_fundus) if p else None
            if day:
                n["day"] += 1
                hit["day"] += _day(when) == day
            if minute:
                n["minute"] += 1
                hit["minute"] += _minute(when) == minute
            if exp.get("media"):
                n["media"] += 1
                hit["media"] += bool(p) and _squash(p.media) in {_squash(m) for m in exp["media"]}
            n["body"] += 1
            body = _squash(p.body if p else "")
            hit["body"] += any(body.startswith(_squash(s)) for s in exp["body_start"]) and any(
                body.endswith(_squash(e)) for e in exp["body_end"]
            )
        out.update({k: hit[k] / n[k] for k in n if n[k]})
    return {k: v for k, v in out.items() if k in fields}


# --------------------------------------------------------------------------- jobs
# Each job runs in a worker process and returns plain data: {"scores", "seconds", "errors"}.

_CACHE: dict[Any, Any] = {}


def _cached(key: Any, make: Any) -> Any:
    if key not in _CACHE:
        _CACHE[key] = make()
    return _CACHE[key]


def _score_fundus(corpus: Path) -> Any:
    return _cached(("score_fundus", str(corpus)), lambda: _load_score_fundus(corpus))


def _items(corpus: Path, set_name: str) -> list[Item]:
    return _cached(("items", set_name), lambda: load_items(corpus, set_name))


def _decoded(item: Item) -> str:
    from newsbot.extract.page import decode_html

    return decode_html(item.html)[0]


def _offline() -> None:
    """Worker initializer: no tool may reach the network (some try to, and wait on it)."""
    import socket

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise OSError("network disabled in the benchmark")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse  # type: ignore[assignment]
    socket.getaddrinfo = refuse  # type: ignore[assignment]
    warnings.filterwarnings("ignore")


def _timed(fn: Any, *args: Any) -> tuple[Any, float]:
    started = time.monotonic()
    result = fn(*args)
    return result, time.monotonic() - started


def tool_job(tool: str, set_name: str, corpus: str) -> dict[str, Any]:
    """One tool over one set (fundus has its own job): figures, seconds per page, errors."""
    warnings.filterwarnings("ignore")
    import peers
    from score_dates import newsbot_date

    items = _items(Path(corpus), set_name)
    preds: list[Any] = []
    seconds: list[float] = []
    errors: list[str] = []
    fn = peers.TOOLS[tool]
    for item in items:
        text = _decoded(item)
        started = time.perf_counter()
        try:
            if tool == "newsbot" and set_name == "dates":
                # As bench/score_dates.py does: the date finder alone, a fixed "now".
                day, _ = newsbot_date(_parsed(("dates", item.id), item.html, item.url), "UTC")
                preds.append(peers.Pred(published=day))
            else:
                preds.append(fn(item.html, text, item.url))
        except Exception as exc:  # one bad page must not stop the benchmark
            errors.append(f"{tool} {set_name} {item.id}: {type(exc).__name__}: {exc}"[:200])
            preds.append(None)
        seconds.append(time.perf_counter() - started)
    scores = score_set(set_name, items, preds, _score_fundus(Path(corpus)), peers.FIELDS[tool])
    if tool == "newsbot" and set_name in ("zh", "dates"):
        labelled = [it for it in items if it.expected.get("day")]
        hits = sum(
            newsbot_date(_parsed((set_name, it.id), it.html, it.url))[0] == it.expected["day"]
            for it in labelled
        )
        scores["day (page zone)"] = hits / len(labelled)
    return {"scores": scores, "seconds": seconds, "errors": errors}


def fundus_job(tool: str, corpus: str) -> dict[str, Any]:
    """``score_fundus.py`` as it is, in its own process, for one tool."""
    corpus_path = Path(corpus)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "fundus.json"
        command = [
            sys.executable,
            str(corpus_path / "score_fundus.py"),
            "--data",
            str(corpus_path / "fundus"),
            "--extractor",
            tool,
            "--project",
            str(ROOT),
            "--quiet",
            "--json-out",
            str(out),
        ]
        proc = subprocess.run(command, capture_output=True, text=True, timeout=1200, check=False)
        if proc.returncode or not out.exists():
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:]
            return {"scores": {}, "seconds": [], "errors": [f"{tool} fundus: {tail}"]}
        data = json.loads(out.read_text("utf-8"))
    scores = {
        FUNDUS_FIELDS[key]: value[0]
        for key, value in data["summary"].items()
        if value[0] is not None
    }
    errors = [f"{tool} fundus {p['page']['id']}: {p['error']}" for p in data["pages"] if p["error"]]
    return {
        "scores": scores,
        "seconds": [p["seconds"] for p in data["pages"]],
        "errors": errors,
        "line": proc.stdout.strip().splitlines()[-1],
    }


def _fundus_inprocess(corpus: Path, run: Any, produced: set[str]) -> dict[str, Any]:
    """score_fundus.py's own loading, running and scoring, with a run function of ours (a
    tool it does not know, or newsbot with other options)."""
    sf = _score_fundus(corpus)
    pages, _ = _cached(("fundus",), lambda: sf.load_pages(corpus / "fundus", "all"))
    args = argparse.Namespace(page_timeout=0, verbose=False)
    results = sf.evaluate(pages, run, produced, args)
    summary = sf.summarise(results, produced)
    return {
        "scores": {FUNDUS_FIELDS[k]: v[0] for k, v in summary.items() if v[0] is not None},
        "seconds": [r["seconds"] for r in results],
        "errors": [f"fundus {r['page']['id']}: {r['error']}" for r in results if r["error"]],
    }


def readability_fundus_job(corpus: str) -> dict[str, Any]:
    """readability-lxml has no runner in score_fundus.py: its body through the same scorer."""
    warnings.filterwarnings("ignore")
    import peers

    def run(html: str, raw: bytes, url: str) -> dict[str, Any]:
        return {"body": peers.readability(raw, html, url).body}

    return _fundus_inprocess(Path(corpus), run, {"BODY"})


def _parsed(item_key: Any, html: bytes, url: str) -> Any:
    from newsbot.extract.page import parse_page

    return _cached(("parsed", item_key), lambda: parse_page(html, url))


def config_job(options: dict[str, Any], corpus: str) -> dict[str, dict[str, float]]:
    """newsbot with other options on every set (parses cached per worker). The dates set is
    left out while the date finder takes no options: its figures are the defaults' then."""
    warnings.filterwarnings("ignore")
    import peers
    from score_dates import NOW

    from newsbot.extract import ExtractOptions, extract_page
    from newsbot.extract.pubdate import find_published

    corpus_path = Path(corpus)
    opts = ExtractOptions(**options)
    sf = _score_fundus(corpus_path)
    out: dict[str, dict[str, float]] = {}
    for set_name in ("en", "zh", "pages-zh"):
        items = _items(corpus_path, set_name)
        preds = []
        for it in items:
            page = _parsed((set_name, it.id), it.html, it.url)
            art = extract_page(page, timezone="UTC", options=opts)
            preds.append(
                peers.Pred(art.title, art.published, art.authors, art.media, art.body_text)
            )
        out[set_name] = score_set(set_name, items, preds, sf)

    def run(html: str, raw: bytes, url: str) -> dict[str, Any]:
        art = extract_page(
            _parsed(("fundus", url, hash(raw)), raw, url), timezone="UTC", options=opts
        )
        return {
            "title": art.title,
            "published": art.published,
            "authors": list(art.authors),
            "body": art.body_text,
        }

    out["fundus"] = _fundus_inprocess(corpus_path, run, set(FUNDUS_FIELDS))["scores"]
    if "options" in inspect.signature(find_published).parameters:
        items = _items(corpus_path, "dates")
        preds = []
        for it in items:
            page = _parsed(("dates", it.id), it.html, it.url)
            found = find_published(page, timezone="UTC", now=NOW, options=opts)
            day = found.published.date().isoformat() if found.published else None
            preds.append(peers.Pred(published=day))
        out["dates"] = score_set("dates", items, preds, sf)
    return out


# --------------------------------------------------------------------------- speed

SPEED_SETS = ("en", "zh", "dates", "pages-zh", "fundus")


def speed_pages(corpus: Path, sets: tuple[str, ...] = SPEED_SETS) -> list[tuple[str, bytes, str]]:
    """``(url, bytes, text)`` of every page of ``sets`` (text decoded once, for the peers)."""
    pages: list[tuple[str, bytes, str]] = []
    for set_name in sets:
        if set_name == "fundus":
            loaded, _ = _load_score_fundus(corpus).load_pages(corpus / "fundus", "all")
            items = [
                Item(
                    "fundus",
                    p["id"],
                    p.get("url") or "",
                    gzip.decompress(p["path"].read_bytes()),
                    {},
                )
                for p in loaded
            ]
        else:
            items = load_items(corpus, set_name)
        pages.extend((it.url, it.html, _decoded(it)) for it in items)
    return pages


def speed(
    corpus: Path, rounds: int = 3, sets: tuple[str, ...] = SPEED_SETS, warmup: int = 20
) -> dict[str, Any]:
    """Pages per second (process CPU time) of newsbot and trafilatura with metadata, one lxml
    parse per page as the floor, and ``extract_vs_trafilatura`` (newsbot pages/s divided by
    trafilatura's). Every page goes through each tool in turn, in alternating order."""
    import lxml.html
    import peers

    warnings.filterwarnings("ignore")
    pages = speed_pages(corpus, sets)
    tools: dict[str, Any] = {
        "newsbot": peers.newsbot,
        "trafilatura": peers.trafilatura,
        "lxml parse": lambda html, text, url: lxml.html.document_fromstring(html or b"<p></p>"),
    }
    for url, html, text in pages[:warmup]:  # imports, lazy tables, first-call caches
        for fn in tools.values():
            fn(html, text, url)
    cpu = dict.fromkeys(tools, 0.0)
    order = list(tools)
    for round_no in range(rounds):
        for url, html, text in pages:
            for name in order if round_no % 2 == 0 else order[::-1]:
                started = time.process_time()
                tools[name](html, text, url)
                cpu[name] += time.process_time() - started
    count = len(pages) * rounds
    rate = {name: count / seconds if seconds else float("inf") for name, seconds in cpu.items()}
    return {
        "pages": len(pages),
        "rounds": rounds,
        "pages_per_s": rate,
        "extract_vs_trafilatura": rate["newsbot"] / rate["trafilatura"],
    }


def print_speed(result: dict[str, Any]) -> None:
    print(
        f"extraction speed, {result['pages']} pages x {result['rounds']} rounds, "
        "process CPU time, same process:"
    )
    for name, rate in result["pages_per_s"].items():
        ratio = rate / result["pages_per_s"]["trafilatura"]
        print(f"  {name:12}{rate:9.1f} pages/s  {ratio:6.2f}x trafilatura")
    print(f"extract_vs_trafilatura {result['extract_vs_trafilatura']:.3f}")


# --------------------------------------------------------------------------- report


def grid_configs() -> list[dict[str, Any]]:
    """The shipped defaults first, then one option changed at a time."""
    from newsbot.extract import ExtractOptions

    default = dataclasses.asdict(ExtractOptions())
    configs = [default]
    for name, values in GRID.items():
        for value in values:
            if value != default[name]:
                configs.append({**default, name: value})
    return configs


def leave_one_out(
    configs: list[dict[str, Any]], figures: list[dict[str, dict[str, float]]]
) -> tuple[dict[str, dict[str, float]], dict[str, int]]:
    """Per held-out set: the config with the best mean figure on the other four sets (the
    defaults win ties), and that config's figures on the held-out set."""
    figures = [{**figures[0], **f} for f in figures]
    loo: dict[str, dict[str, float]] = {}
    chosen: dict[str, int] = {}
    for held in SETS:

        def train(i: int, held: str = held) -> float:
            values = [
                v
                for s in SETS
                if s != held
                for f, v in figures[i].get(s, {}).items()
                if f in SET_FIELDS[s] and v == v
            ]
            return sum(values) / len(values) if values else 0.0

        best = max(range(len(configs)), key=lambda i: (round(train(i), 9), -i))
        chosen[held] = best
        loo[held] = figures[best].get(held, {})
    return loo, chosen


def _fmt(value: float | None) -> str:
    return f"{value:.4f}" if value is not None and value == value else "-"


def _describe(config: dict[str, Any], default: dict[str, Any]) -> str:
    changed = [f"{k}={v}" for k, v in config.items() if default[k] != v]
    return ", ".join(changed) or "defaults"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--no-loo", action="store_true", help="skip the leave-one-set-out check")
    parser.add_argument(
        "--tools", default=",".join(TOOLS), help="comma-separated tools to run (default: all)"
    )
    parser.add_argument(
        "--sets", default=",".join(SETS), help="comma-separated sets to run (default: all five)"
    )
    parser.add_argument(
        "--speed", action="store_true", help="only pages/s of newsbot against trafilatura"
    )
    parser.add_argument("--rounds", type=int, default=3, help="rounds of --speed")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    corpus = args.corpus.resolve()
    if not (corpus / "score_fundus.py").is_file():
        print(f"corpus not found under {corpus}", file=sys.stderr)
        return 2
    if args.speed:
        sets = tuple(s for s in args.sets.split(",") if s)
        print_speed(speed(corpus, args.rounds, sets))
        return 0
    started = time.monotonic()
    import peers

    configs = [] if args.no_loo else grid_configs()
    with ProcessPoolExecutor(max_workers=max(1, args.jobs), initializer=_offline) as pool:
        futures: dict[tuple[str, ...], Any] = {}
        # Longest first, so that the two workers finish together.
        wanted = set(args.tools.split(","))
        sets = set(args.sets.split(","))
        for tool in ("newspaper4k", "gne", "trafilatura", "newsbot", "htmldate", "readability"):
            if tool not in wanted:
                continue
            for set_name in ("dates", "en", "zh", "pages-zh"):
                if set_name not in sets or (set_name == "dates" and tool not in DATE_PEERS):
                    continue
                if peers.FIELDS[tool] & set(SET_FIELDS[set_name]):
                    key = (tool, set_name)
                    futures[key] = pool.submit(_timed, tool_job, tool, set_name, str(corpus))
            if "fundus" not in sets:
                continue
            if tool == "readability":
                job = pool.submit(_timed, readability_fundus_job, str(corpus))
            else:
                job = pool.submit(_timed, fundus_job, tool, str(corpus))
            futures[(tool, "fundus")] = job
        config_futures = [pool.submit(_timed, config_job, c, str(corpus)) for c in configs]
        results: dict[tuple[str, ...], Any] = {}
        job_seconds: dict[str, float] = {}
        for key, future in futures.items():
            results[key], job_seconds[" ".join(key)] = future.result()
        config_figures = []
        for i, future in enumerate(config_futures):
            figures, job_seconds[f"config {i}"] = future.result()
            config_figures.append(figures)

    dev: dict[str, dict[str, dict[str, float]]] = {tool: {} for tool in TOOLS}
    errors: list[str] = []
    for (tool, set_name), result in results.items():
        dev[tool][set_name] = result["scores"]
        errors.extend(result["errors"])
    if config_figures and "dates" not in config_figures[0]:
        config_figures[0]["dates"] = {"day": dev["newsbot"].get("dates", {}).get("day", 0.0)}
    loo, chosen = leave_one_out(configs, config_figures) if configs else ({}, {})

    print(f"corpus {corpus}; newsbot dev = shipped ExtractOptions, LOO = leave one set out")
    header = f"{'set':9} {'field':16}{'newsbot':>9}{'LOO':>9}" + "".join(f"{p:>12}" for p in PEERS)
    print(header + "  lead")
    failures: list[str] = []
    for set_name in SETS:
        fields = list(SET_FIELDS[set_name])
        if "day (page zone)" in dev["newsbot"].get(set_name, {}):
            fields.append("day (page zone)")
        for field_name in fields:
            ours = dev["newsbot"].get(set_name, {}).get(field_name)
            theirs = {p: dev[p].get(set_name, {}).get(field_name) for p in PEERS}
            loo_value = (
                loo.get(set_name, {}).get(field_name)
                if field_name in SET_FIELDS[set_name]
                else None
            )
            line = f"{set_name:9} {field_name:16}{_fmt(ours):>9}{_fmt(loo_value):>9}"
            line += "".join(f"{_fmt(theirs[p]):>12}" for p in PEERS)
            scored = {p: v for p, v in theirs.items() if v is not None and v == v}
            lead = "-"
            if field_name in SET_FIELDS[set_name] and scored and ours is not None:
                best_peer = max(scored, key=lambda p: scored[p])
                margin = ours - scored[best_peer]
                lead = f"{margin:+.4f} vs {best_peer}"
                if margin < 0:
                    failures.append(f"{set_name} {field_name}: behind {best_peer} ({margin:+.4f})")
            if loo_value is not None and ours is not None and ours - loo_value > MAX_LOO_GAP:
                failures.append(f"{set_name} {field_name}: LOO {loo_value:.4f} vs dev {ours:.4f}")
            print(line + "  " + lead)
    if configs:
        default = configs[0]
        base = config_figures[0]
        mismatch = [
            f"{s} {f}"
            for s in SETS
            for f, v in base.get(s, {}).items()
            if abs(v - dev["newsbot"].get(s, {}).get(f, v)) > 1e-9
        ]
        print(f"\nleave-one-set-out: {len(configs)} configs (GRID); chosen per held-out set:")
        for set_name in SETS:
            print(f"  {set_name:9} {_describe(configs[chosen[set_name]], default)}")
        if mismatch:
            print(f"  note: in-process defaults differ from the dev run on {', '.join(mismatch)}")

    print("\nms per page over the article pages (en, zh, pages-zh, fundus), same run:")
    per_tool: dict[str, tuple[float, int]] = {}
    for tool in TOOLS:
        seconds = [
            s
            for set_name in ("en", "zh", "pages-zh", "fundus")
            for s in results.get((tool, set_name), {}).get("seconds", [])
        ]
        if seconds:
            per_tool[tool] = (1000 * sum(seconds) / len(seconds), len(seconds))
    base_ms = per_tool.get("trafilatura", (0.0, 0))[0]
    for tool, (ms, count) in per_tool.items():
        ratio = f"{ms / base_ms:.2f}x trafilatura" if base_ms else ""
        print(f"  {tool:12}{ms:8.1f} ms  ({count} pages)  {ratio}")
    if base_ms and "newsbot" in per_tool and per_tool["newsbot"][0] > 1.5 * base_ms:
        failures.append("newsbot takes more than 1.5x trafilatura's time per page")
    fundus_lines = {
        t: r.get("line") for (t, s), r in results.items() if s == "fundus" and r.get("line")
    }
    print("\nscore_fundus.py, last lines:")
    for tool, fundus_line in fundus_lines.items():
        print(f"  {tool:12}{fundus_line}")
    newsbot_errors = [e for e in errors if e.startswith("newsbot")]
    print(
        f"\nerrors: {len(errors)} (newsbot {len(newsbot_errors)}); "
        f"total {time.monotonic() - started:.0f} s"
    )
    slowest = sorted(job_seconds.items(), key=lambda kv: -kv[1])[:6]
    print("slowest jobs: " + ", ".join(f"{k} {v:.0f} s" for k, v in slowest))
    for error in errors[:30]:
        print(f"  {error}")
    if newsbot_errors:
        failures.append("newsbot raised on some pages")
    for failure in failures:
        print(f"FAIL: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
