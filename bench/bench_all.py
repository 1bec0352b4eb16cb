"""The performance benchmark of ``make bench``: newsbot side by side with its baselines, one run.

Run: .venv/bin/python bench/bench_all.py [--quick | --tiny] [--runs 3] [--out bench/results.json]
     (``make bench``; ``BENCH_QUICK=1 make bench`` for a small smoke run)

It builds its own site (``gensite.py``: mixed zh/en layouts, GBK and GB2312 pages, dates in
several styles, a sitemap index per size, robots.txt), serves it from memory on 127.0.0.1 in
its own process (``siteserver.py``) and measures, each against a baseline of the same run:

1. crawl: ``newsbot crawl`` (fetch, extract, clean, dates, SQLite, posts) against a bare
   Scrapy sitemap spider yielding {url, title, body} to JSON lines (``peer_scrapy.py``) and
   against trafilatura's fetch + extract in 8 threads (``peer_trafilatura.py``); all with
   8 requests per host, no delay, no AutoThrottle, robots.txt obeyed; each crawler pinned to
   CPU 0 (``os.sched_setaffinity``), the server to CPU 1; medians of ``--runs`` runs,
   interleaved;
2. both cores: newsbot's default crawl with both CPUs allowed against the one-core crawl of
   step 1 (``--extract-workers 0`` there once the option exists);
3. extraction: pages per second over the corpus pages (``--corpus``; read there, never copied)
   of newsbot, trafilatura (with metadata), readability-lxml and gne, and one lxml parse per
   page (the floor); best of two interleaved passes, pinned to CPU 0;
4. storage: ``Store.upsert_article`` of N articles (with the FTS triggers) against plain
   ``sqlite3`` ``executemany`` of the same rows in one transaction; then ``newsbot export``
   of those N posts, and the same export again with nothing changed;
5. scaling: articles/s and peak RSS (the crawl process and its children, sampled every
   50 ms) of the default crawl at each size;
6. start-up: wall time of ``newsbot search``, ``stats`` and ``check --file``;
7. dates: ``parse_date`` against ``dateparser.parse`` (``bench_dates.py``'s common forms).

Prints one table of ratios with the targets of the performance issue, writes every ratio and
raw figure to ``--out``. A figure that could not be measured is null, with the reason under
``notes``. ``--tiny`` (the test suite's smoke run) uses 50 articles and whatever peers are
installed; ``--quick`` uses 500/1,000/2,000 articles and 10,000 rows.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import importlib.util
import json
import os
import platform
import resource
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for _path in (str(ROOT), str(HERE)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

import gensite  # noqa: E402

PY = sys.executable
NEWSBOT = str(Path(PY).with_name("newsbot"))
CRAWL_CPU = 0
SERVER_CPU = 1
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

# key: (comparison, bound, what the issue asks)
TARGETS: dict[str, tuple[str, float, str]] = {
    "crawl_vs_scrapy": (">=", 0.8, "at least 0.8x bare Scrapy on one core"),
    "crawl_vs_trafilatura": (">=", 2.0, "at least 2x trafilatura"),
    "two_core_speedup": (">=", 1.6, "at least 1.6x the one-core crawl"),
    "extract_vs_trafilatura": (">=", 1.3, "at least 1.3x trafilatura's pages/s"),
    "store_vs_sqlite3": (">=", 0.5, "at least 0.5x plain sqlite3"),
    "reexport_share": ("<", 0.05, "re-export under 5% of the first export"),
    "throughput_spread": ("<=", 0.15, "throughput within 15% across sizes"),
    "rss_ratio_50k_10k": ("<", 1.2, "peak RSS at 50k under 1.2x that at 10k"),
    "rss_mb_50k": ("<", 300.0, "peak RSS at 50k under 300 MB"),
    "search_startup_ms": ("<", 100.0, "newsbot search under 100 ms"),
    "parse_date_vs_dateparser": (">=", 20.0, "parse_date at least 20x dateparser (kept)"),
}


@dataclass(frozen=True)
class Scale:
    crawl: int  # articles of the side-by-side crawls
    sizes: tuple[int, ...]  # scaling sizes, the first being ``crawl``
    rows: int  # articles of the database of the export and start-up steps
    store_rows: int  # of them, written by Store.upsert_article and plain sqlite3, timed
    runs: int
    date_budget: float  # seconds per timed date run
    store_budget: float  # seconds Store.upsert_article may take before it is cut short
    export_timeout: float  # seconds each export may take
    crawl_timeout: float  # seconds a scaling crawl may take before it is stopped (SIGTERM)
    repeats: int = 11  # runs of each start-up command (median)


FULL = Scale(2000, (2000, 10_000, 50_000), 100_000, 20_000, 3, 1.5, 150, 240, 480)
QUICK = Scale(500, (500, 1000, 2000), 10_000, 2_000, 1, 0.5, 60, 120, 240)
TINY = Scale(20, (20,), 50, 50, 1, 0.1, 30, 60, 120, repeats=1)


@dataclass
class Run:
    """One measured process: wall and CPU seconds, peak RSS of its tree, exit status."""

    wall: float
    cpu: float
    rss_mb: float
    status: int
    server_cpu: float = 0.0
    items: int = 0
    log: str = ""
    crawl_s: float = 0.0  # newsbot: from the crawl's start to its last article stored

    @property
    def rate(self) -> float:
        return self.items / self.wall if self.wall else 0.0

    @property
    def crawl_rate(self) -> float:
        """Articles per second over the crawl alone (see :func:`crawl_seconds`)."""
        return self.items / self.crawl_s if self.crawl_s else 0.0


@dataclass
class Bench:
    scale: Scale
    work: Path
    scale_name: str = "full"
    base: str = ""
    server_pid: int = 0
    results: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)


# --------------------------------------------------------------------------- processes


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        with contextlib.suppress(OSError):
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
    return pids


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants."""
    total = 0
    for p in _tree(pid):
        with contextlib.suppress(OSError, IndexError, ValueError), open(f"/proc/{p}/statm") as fh:
            total += int(fh.read().split()[1]) * PAGE_SIZE
    return total


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds ``pid`` has used so far (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def measure(
    command: Sequence[str], cpus: set[int], *, timeout: float, cwd: Path, server_pid: int = 0
) -> Run:
    """Run ``command`` with ``cpus`` as its (inherited) affinity; sample its tree's RSS."""
    log = cwd / "process.log"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_before = cpu_seconds(server_pid) if server_pid else 0.0
    started = time.perf_counter()
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            list(command),
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=lambda: os.sched_setaffinity(0, cpus),
            start_new_session=True,
        )
        peak = 0
        stop = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not stop.is_set():
                peak = max(peak, tree_rss(proc.pid))
                stop.wait(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            status = proc.wait(timeout=timeout)
        except BaseException as exc:
            if not isinstance(exc, subprocess.TimeoutExpired):  # the benchmark is stopped
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                raise
            # As an operator would stop it: SIGTERM lets a crawl keep what it stored so far.
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
            status = -signal.SIGTERM
        stop.set()
        sampler.join()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    server_cpu = cpu_seconds(server_pid) - server_before if server_pid else 0.0
    text = log.read_text("utf-8", "replace")
    return Run(wall, cpu, peak / 2**20, status, server_cpu, log=text[-2000:])


def wall_time(command: Sequence[str], *, cwd: Path, timeout: float = 120) -> tuple[float, int]:
    """Wall seconds and exit status of ``command``, from its start to its exit as the kernel
    reports it: the caller blocks in ``wait4`` (``Popen.wait(timeout)`` polls, with sleeps
    growing to 50 ms, which a command of tens of milliseconds would see as its own time);
    no sampler thread and no ``preexec_fn`` (which forces a ``fork`` of this large process
    instead of a ``vfork``). Affinity is inherited from the caller (see :func:`pinned`)."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        list(command), cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    killer = threading.Timer(timeout, proc.kill)
    killer.start()
    try:
        _, status, _ = os.wait4(proc.pid, 0)
    finally:
        killer.cancel()
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, proc.returncode


@contextlib.contextmanager
def site_server(articles: int, sizes: Sequence[int]) -> Iterator[tuple[str, int]]:
    proc = subprocess.Popen(
        [
            PY,
            str(HERE / "siteserver.py"),
            "--articles",
            str(articles),
            "--cpu",
            str(SERVER_CPU),
            "--sizes",
            ",".join(map(str, sizes)),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if not line.startswith("READY "):
            raise SystemExit(f"the site server did not start: {line!r}")
        yield line.split()[1], proc.pid
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@contextlib.contextmanager
def pinned(cpus: set[int]) -> Iterator[None]:
    """Pin this process to ``cpus`` for the in-process measurements."""
    previous = os.sched_getaffinity(0)
    os.sched_setaffinity(0, cpus)
    try:
        yield
    finally:
        os.sched_setaffinity(0, previous)


def have(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


# --------------------------------------------------------------------------- crawls


def extract_workers_supported() -> bool:
    """Whether ``newsbot crawl`` has ``--extract-workers`` (the process pool)."""
    out = subprocess.run([NEWSBOT, "crawl", "--help"], capture_output=True, text=True)
    return "--extract-workers" in out.stdout


def crawl_seconds(conn: sqlite3.Connection) -> float:
    """Seconds from the crawl's start (``crawls.started_at``: the spider opened, before its
    first request) to its last article stored (``max(articles.first_seen)``): the crawl
    alone, without the interpreter's start, the imports, the engine's set-up, nor what comes
    after the last article (reprint linking, the site's scaffold, the summary, the exit)."""
    started, last = conn.execute(
        "SELECT (SELECT min(started_at) FROM crawls), (SELECT max(first_seen) FROM articles)"
    ).fetchone()
    if not started or not last:
        return 0.0
    return (datetime.fromisoformat(last) - datetime.fromisoformat(started)).total_seconds()


def newsbot_crawl(
    bench: Bench, size: int, cpus: set[int], extra: Sequence[str] = (), timeout: float = 1800
) -> Run:
    with tempfile.TemporaryDirectory(dir=bench.work) as tmp:
        folder = Path(tmp)
        gensite.source_toml(folder / "sources", bench.base, size)
        db = folder / "newsbot.db"
        command = [
            NEWSBOT, "crawl", gensite.SOURCE_KEY, "--sources", str(folder / "sources"),
            "--db", str(db), "--posts", str(folder / "posts"),
            "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0",
            "-s", "SSRF_PROTECTION=False", *extra,
        ]  # fmt: skip
        run = measure(command, cpus, timeout=timeout, cwd=folder, server_pid=bench.server_pid)
        if db.exists():
            with sqlite3.connect(db) as conn:
                run.items = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
                run.crawl_s = crawl_seconds(conn)
        posts = sum(1 for _ in (folder / "posts").rglob("*.md")) if run.items else 0
        if run.status != 0 or run.items != size or posts != size:
            bench.notes[f"newsbot_crawl_{size}"] = (
                f"exit {run.status}, {run.items} articles and {posts} posts of {size}: "
                + run.log[-300:].replace("\n", " | ")
            )
    return run


def peer_crawl(bench: Bench, script: str, size: int, timeout: float = 1800) -> Run:
    with tempfile.TemporaryDirectory(dir=bench.work) as tmp:
        out = Path(tmp) / "out.jsonl"
        command = [PY, str(HERE / script), f"{bench.base}/sitemap-{size}.xml", str(out)]
        run = measure(command, {CRAWL_CPU}, timeout=timeout, cwd=Path(tmp),
                      server_pid=bench.server_pid)  # fmt: skip
        if out.exists():
            with out.open(encoding="utf-8") as fh:
                run.items = sum(1 for line in fh if json.loads(line).get("body"))
        if run.status != 0 or run.items != size:
            bench.notes[f"{script.removesuffix('.py')}_{size}"] = (
                f"exit {run.status}, {run.items} pages with a body of {size}: "
                + run.log[-300:].replace("\n", " | ")
            )
    return run


def _summary(runs: list[Run]) -> dict[str, Any]:
    rates = [r.rate for r in runs]
    crawl_rates = [r.crawl_rate for r in runs if r.crawl_s]
    return {
        "articles_per_s": median(rates),
        "runs_articles_per_s": [round(r, 1) for r in rates],
        "crawl_articles_per_s": median(crawl_rates),
        "articles": [r.items for r in runs],
        "wall_s": [round(r.wall, 2) for r in runs],
        "cpu_ms_per_article": median([1000 * r.cpu / r.items for r in runs if r.items]),
        "peak_rss_mb": median([r.rss_mb for r in runs]),
        "server_cpu_share": median([r.server_cpu / r.wall for r in runs if r.wall]),
    }


def step_crawl(bench: Bench, workers_flag: bool) -> None:
    """Steps 1 and 2: the one-core crawls side by side, then newsbot on both cores."""
    size, runs = bench.scale.crawl, bench.scale.runs
    one_core = ["--extract-workers", "0"] if workers_flag else []
    tools: dict[str, Callable[[], Run]] = {
        "newsbot_one_core": lambda: newsbot_crawl(bench, size, {CRAWL_CPU}, one_core),
        "scrapy": lambda: peer_crawl(bench, "peer_scrapy.py", size),
    }
    if have("trafilatura"):
        tools["trafilatura"] = lambda: peer_crawl(bench, "peer_trafilatura.py", size)
    else:
        bench.notes["crawl_vs_trafilatura"] = "trafilatura is not installed (the bench extra)"
    tools["newsbot_two_cores"] = lambda: newsbot_crawl(bench, size, {CRAWL_CPU, SERVER_CPU})
    measured: dict[str, list[Run]] = {name: [] for name in tools}
    for _ in range(runs):  # interleaved, so that a busy moment of the machine hits all alike
        for name, run in tools.items():
            measured[name].append(run())
            print(f"  {name:18} {measured[name][-1].rate:8.1f} articles/s", flush=True)
    crawl = {name: _summary(r) for name, r in measured.items()}
    crawl["articles"] = size
    crawl["extract_workers_option"] = workers_flag
    bench.raw["crawl"] = crawl
    ours = crawl["newsbot_one_core"]["articles_per_s"]
    bench.results["crawl_vs_scrapy"] = ratio(ours, crawl["scrapy"]["articles_per_s"])
    if "trafilatura" in crawl:
        bench.results["crawl_vs_trafilatura"] = ratio(ours, crawl["trafilatura"]["articles_per_s"])
    bench.results["two_core_speedup"] = ratio(crawl["newsbot_two_cores"]["articles_per_s"], ours)
    if not workers_flag:
        bench.notes["two_core_speedup"] = (
            "newsbot crawl has no --extract-workers yet: its default crawl allowed both CPUs "
            "against the same crawl pinned to one"
        )


def step_scaling(bench: Bench) -> None:
    """Step 5: the default crawl at each size; the first size comes from step 2."""
    first = bench.raw["crawl"]["newsbot_two_cores"]
    rows = {str(bench.scale.crawl): {"articles_per_s": first["crawl_articles_per_s"],
                                     "process_articles_per_s": first["articles_per_s"],
                                     "peak_rss_mb": first["peak_rss_mb"]}}  # fmt: skip
    for size in bench.scale.sizes[1:]:
        run = newsbot_crawl(bench, size, {CRAWL_CPU, SERVER_CPU}, timeout=bench.scale.crawl_timeout)
        if run.status == -signal.SIGTERM:
            bench.notes[f"newsbot_crawl_{size}"] = (
                f"stopped (SIGTERM) after {bench.scale.crawl_timeout:.0f} s with {run.items:,} of "
                f"{size:,} articles stored: articles/s and peak RSS are over that part"
            )
        rows[str(size)] = {"articles_per_s": run.crawl_rate, "process_articles_per_s": run.rate,
                           "peak_rss_mb": run.rss_mb, "wall_s": round(run.wall, 1),
                           "crawl_s": round(run.crawl_s, 1), "articles": run.items}  # fmt: skip
        print(f"  newsbot {size:>6} articles: {run.crawl_rate:8.1f} articles/s over the crawl "
              f"({run.rate:.1f} over the process), peak RSS {run.rss_mb:6.1f} MB",
              flush=True)  # fmt: skip
    bench.raw["scaling"] = rows
    rates = [r["articles_per_s"] for r in rows.values() if r["articles_per_s"]]
    bench.results["throughput_spread"] = 1 - min(rates) / max(rates) if rates else None
    sizes = [str(s) for s in bench.scale.sizes]
    if len(sizes) < 2:
        bench.notes["rss_mb_50k"] = bench.notes["rss_ratio_50k_10k"] = "one size in this run"
    elif "50000" in rows and "10000" in rows:
        bench.results["rss_mb_50k"] = rows["50000"]["peak_rss_mb"]
        bench.results["rss_ratio_50k_10k"] = ratio(
            rows["50000"]["peak_rss_mb"], rows["10000"]["peak_rss_mb"]
        )
    else:
        last, before = sizes[-1], sizes[-2]
        bench.notes["rss_mb_50k"] = bench.notes["rss_ratio_50k_10k"] = (
            f"sizes {', '.join(sizes)} in this run: peak RSS {rows[last]['peak_rss_mb']:.0f} MB "
            f"at {last}, {ratio(rows[last]['peak_rss_mb'], rows[before]['peak_rss_mb']):.2f}x "
            f"that at {before}"
        )


# --------------------------------------------------------------------------- extraction


def corpus_pages(corpus: Path | None) -> tuple[list[tuple[bytes, str]], str]:
    """(html, url) of the corpus pages, or of generated pages when there is no corpus."""
    if corpus is not None:
        import bench_extract

        pages = [
            (item.html, item.url)
            for set_name in ("en", "zh", "dates", "pages-zh")
            for item in bench_extract.load_items(corpus, set_name)
        ]
        return pages, f"corpus {corpus} (en, zh, dates, pages-zh)"
    site = gensite.Site(10, "http://bench.invalid")
    pages = [(site.pages[a.path].body, "http://bench.invalid" + a.path) for a in site.articles]
    return pages, "generated pages (no corpus given)"


def step_extraction(bench: Bench, corpus: Path | None) -> None:
    import warnings

    import lxml.html
    import peers

    from newsbot.extract.page import decode_html

    warnings.filterwarnings("ignore")
    pages, origin = corpus_pages(corpus)
    texts = [decode_html(html)[0] for html, _ in pages]
    tools: dict[str, Callable[[bytes, str, str], Any]] = {
        "newsbot": peers.newsbot,
        "lxml_parse": lambda html, text, url: lxml.html.document_fromstring(text),
    }
    for name, module in (("trafilatura", "trafilatura"), ("readability", "readability"),
                         ("gne", "gne")):  # fmt: skip
        if have(module):
            tools[name] = peers.TOOLS[name]
        else:
            bench.notes[f"extract_{name}"] = f"{module} is not installed (the bench extra)"
    best: dict[str, float] = {}
    errors: dict[str, int] = dict.fromkeys(tools, 0)
    with pinned({CRAWL_CPU}):
        for fn in tools.values():  # warm-up: imports, models, caches
            for (html, url), text in list(zip(pages, texts, strict=True))[:3]:
                with contextlib.suppress(Exception):
                    fn(html, text, url)
        for _ in range(2):
            for name, fn in tools.items():
                started = time.perf_counter()
                for (html, url), text in zip(pages, texts, strict=True):
                    try:
                        fn(html, text, url)
                    except Exception:  # a peer failing on a page still spent the time
                        errors[name] += 1
                took = time.perf_counter() - started
                best[name] = min(best.get(name, took), took)
    rates = {name: len(pages) / took for name, took in best.items()}
    bench.raw["extraction"] = {
        "pages": len(pages),
        "origin": origin,
        "pages_per_s": rates,
        "errors": {k: v // 2 for k, v in errors.items()},
    }
    for name, rate in rates.items():
        print(f"  {name:12} {rate:8.1f} pages/s", flush=True)
    bench.results["extract_vs_trafilatura"] = ratio(rates["newsbot"], rates.get("trafilatura"))
    if "trafilatura" not in rates:
        bench.notes["extract_vs_trafilatura"] = bench.notes["extract_trafilatura"]


# --------------------------------------------------------------------------- storage


def bench_articles(count: int) -> Iterator[Any]:
    """``count`` newsbot Articles made of the generated site's articles (the site's seed)."""
    from newsbot.items import Article

    fetched = datetime(2026, 1, 1, tzinfo=UTC)
    # Bodies repeat every 2,000 articles (making 100,000 would take minutes); ids, URLs and
    # titles do not.
    made = [gensite.make_article(n, 20261203) for n in range(min(count, 2000))]
    for n in range(count):
        a = made[n % len(made)]
        body_html = "".join(f"<p>{p}</p>" for p in a.paragraphs)
        yield Article(
            id=f"{n:016x}",
            source=gensite.SOURCE_KEY,
            url=f"http://bench.invalid{a.path}?n={n}",
            title=f"{a.title} {n}",
            published_raw=a.published.isoformat(),
            published=a.published,
            published_source="text",
            media="基准日报",
            authors=[a.author],
            category="jizhunribao",
            tags=["基准日报新闻"],
            body_html=body_html,
            body_text="\n\n".join(a.paragraphs),
            lang=a.lang,
            fetched_at=fetched,
        )


def _executemany(path: Path, rows: list[list[Any]], columns: list[str], schema: bool) -> float:
    """Seconds plain ``sqlite3`` takes to insert ``rows`` into ``path`` with ``executemany``
    in one transaction (WAL): into the store's own schema (its tables, indexes and search
    index triggers, made by its migrations) when ``schema``, else into a table of the same
    columns with no index but the primary key."""
    from newsbot.search import register_functions
    from newsbot.store import Store

    if schema:
        with Store(path):  # the schema only: no row is written
            pass
    started = time.perf_counter()
    conn = sqlite3.connect(path)
    register_functions(conn)  # what the search index triggers call
    conn.execute("PRAGMA journal_mode = WAL")
    if not schema:
        conn.execute(f"CREATE TABLE articles (id TEXT PRIMARY KEY, {', '.join(columns[1:])})")
    with conn:
        marks = ", ".join("?" * len(columns))
        conn.executemany(f"INSERT INTO articles ({', '.join(columns)}) VALUES ({marks})", rows)
    conn.close()
    return time.perf_counter() - started


def step_storage(bench: Bench) -> Path:
    """Step 4; returns a copy of the store's database after its timed part (``store_rows``
    articles, all in the search indexes), kept for the start-up step.

    ``Store.upsert_article`` of the first ``store_rows`` articles is compared with plain
    ``sqlite3`` ``executemany`` of the same rows into the same schema: both keep the two
    search indexes (FTS5 trigram and CJK bigrams), which take over nine tenths of the time
    of either; the same rows into a bare table (no index) are timed beside them, so that the
    cost of the indexes shows. The rest of the ``rows`` articles are then inserted in bulk,
    untimed and without the search index triggers (an export reads ``articles`` alone), and
    the ``rows`` articles' posts are exported, then exported again unchanged."""
    from itertools import islice

    from newsbot.store import ARTICLE_COLUMNS, Store, article_row

    count, timed = bench.scale.rows, min(bench.scale.store_rows, bench.scale.rows)
    stamp = datetime(2026, 1, 2, tzinfo=UTC).isoformat()
    columns = [*ARTICLE_COLUMNS, "first_seen", "last_seen", "updated_at"]

    def as_row(article: Any) -> list[Any]:
        row = article_row(article)
        return [*(row[c] for c in ARTICLE_COLUMNS), stamp, stamp, stamp]

    articles = list(bench_articles(timed))
    rows = [as_row(article) for article in articles]
    db = bench.work / "store.db"
    with pinned({CRAWL_CPU}):
        started = time.perf_counter()
        done = 0
        with Store(db) as store, store.batch():  # batched as a crawl writes
            for article in articles:
                store.upsert_article(article)
                done += 1
                if time.perf_counter() - started > bench.scale.store_budget:
                    break
        store_s = time.perf_counter() - started
        # The same rows as the store wrote, into the same schema, then into a bare table.
        same_s = _executemany(bench.work / "plain.db", rows[:done], columns, schema=True)
        bare_s = _executemany(bench.work / "bare.db", rows[:done], columns, schema=False)
        (bench.work / "plain.db").unlink()
        (bench.work / "bare.db").unlink()
        del articles, rows
        if done < timed:
            bench.notes["store_vs_sqlite3"] = (
                f"Store.upsert_article cut short after {store_s:.0f} s at {done:,} of {timed:,} "
                "articles: both rates are over those"
            )
        search_db = bench.work / "search.db"
        with sqlite3.connect(db) as source, sqlite3.connect(search_db) as copy:
            source.backup(copy)
        fill_started = time.perf_counter()
        with Store(db) as store, store.db.conn as conn:
            # Filling the search indexes would take minutes more (2-3 ms a row) and
            # measure nothing the export reads; the triggers are back when the fill ends.
            triggers = conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
                " AND tbl_name = 'articles' AND name LIKE '%\\_ai' ESCAPE '\\'"
            ).fetchall()
            for name, _ in triggers:
                conn.execute(f"DROP TRIGGER {name}")
            marks = ", ".join("?" * len(columns))
            conn.executemany(
                f"INSERT INTO articles ({', '.join(columns)}) VALUES ({marks})",
                map(as_row, islice(bench_articles(count), done, None)),
            )
            for _, sql in triggers:
                conn.execute(sql)
        fill_s = time.perf_counter() - fill_started
    store_rate, plain_rate, bare_rate = done / store_s, done / same_s, done / bare_s
    print(f"  {done:,} rows: Store.upsert_article {store_rate:9.0f} rows/s; sqlite3 executemany, "
          f"same schema {plain_rate:9.0f} rows/s, bare table {bare_rate:9.0f} rows/s; "
          f"{count - done:,} more rows in bulk (no search index) in {fill_s:.0f} s",
          flush=True)  # fmt: skip
    bench.raw["storage"] = {"rows": count, "store_rows": done, "store_rows_per_s": store_rate,
                            "sqlite3_rows_per_s": plain_rate,
                            "sqlite3_bare_rows_per_s": bare_rate,
                            "search_index_share": 1 - plain_rate / bare_rate,
                            "bulk_fill_s": fill_s}  # fmt: skip
    bench.results["store_vs_sqlite3"] = store_rate / plain_rate

    sources = bench.work / "export-sources"
    gensite.source_toml(sources, "http://bench.invalid", count)
    posts = bench.work / "posts"
    command = [NEWSBOT, "export", "--db", str(db), "--posts", str(posts), "--sources", str(sources)]
    timeout = bench.scale.export_timeout
    first = measure(command, {CRAWL_CPU}, timeout=timeout, cwd=bench.work)
    written = sum(1 for _ in posts.rglob("*.md"))
    if first.status == 0 and written == count:
        again = measure(command, {CRAWL_CPU}, timeout=timeout, cwd=bench.work)
        print(f"  export {first.wall:6.1f} s, again unchanged {again.wall:6.2f} s", flush=True)
        bench.raw["export"] = {"posts": written, "first_s": first.wall, "again_s": again.wall}
        if again.status == 0:
            bench.results["reexport_share"] = again.wall / first.wall
        else:
            bench.notes["reexport_share"] = f"second export: exit {again.status}"
    else:
        bench.notes["reexport_share"] = (
            f"the first export ended with exit {first.status} after {first.wall:.0f} s "
            f"(cut at {timeout:.0f} s) with {written:,} of {count:,} posts written"
        )
        bench.raw["export"] = {"posts": written, "first_s": None, "again_s": None}
    shutil.rmtree(posts)
    db.unlink()
    return search_db


# --------------------------------------------------------------------------- start-up


def step_startup(bench: Bench, search_db: Path) -> None:
    """Step 6: wall time of the read commands, median of ``repeats`` runs each."""
    # As installed (pip compiles a package's modules): with PYTHONDONTWRITEBYTECODE set, a
    # checkout's modules would otherwise be compiled again by every run.
    import compileall

    compileall.compile_dir(ROOT / "newsbot", quiet=1)
    small = bench.work / "small.db"
    from newsbot.store import Store

    with Store(small) as store:
        for article in bench_articles(20):
            store.upsert_article(article)
    site = gensite.Site(1, "http://bench.invalid")
    page = bench.work / "page.html"
    article = site.articles[0]
    page.write_bytes(site.pages[article.path].body)
    commands = {
        "python": [PY, "-c", "pass"],
        "search": [NEWSBOT, "search", "治理", "--db", str(small)],
        f"search_{min(bench.scale.store_rows, bench.scale.rows)}": [
            NEWSBOT,
            "search",
            "治理",
            "--db",
            str(search_db),
        ],
        "stats": [NEWSBOT, "stats", "--db", str(small)],
        "check_file": [
            NEWSBOT,
            "check",
            "--file",
            str(page),
            "--url",
            "http://bench.invalid" + article.path,
            "--db",
            str(small),
        ],
    }
    runs: dict[str, list[tuple[float, int]]] = {name: [] for name in commands}
    with pinned({CRAWL_CPU}):
        for _ in range(bench.scale.repeats):  # interleaved, like the crawls
            for name, command in commands.items():
                runs[name].append(wall_time(command, cwd=bench.work))
    walls: dict[str, float | None] = {}
    for name, done in runs.items():
        walls[name] = median([1000 * wall for wall, _ in done])
        bad = [status for _, status in done if status not in (0, 1)]
        if bad:
            bench.notes[f"startup_{name}"] = f"exit {bad[0]}"
        print(f"  {name:14} {walls[name]:7.0f} ms", flush=True)
    bench.raw["startup_ms"] = walls
    bench.results["search_startup_ms"] = walls["search"]


# --------------------------------------------------------------------------- dates


def step_dates(bench: Bench) -> None:
    import bench_dates

    bench_dates.BUDGET_S = bench.scale.date_budget
    with pinned({CRAWL_CPU}):
        for s in bench_dates.COMMON:  # warm-up: dateparser loads its locale data
            bench_dates.ours(s)
            bench_dates.plain(s)
        ours = bench_dates.throughput(bench_dates.ours, bench_dates.COMMON)
        plain = bench_dates.throughput(bench_dates.plain, bench_dates.COMMON)
    bench.raw["dates"] = {"strings": len(bench_dates.COMMON), "parse_date_per_s": ours,
                          "dateparser_per_s": plain}  # fmt: skip
    bench.results["parse_date_vs_dateparser"] = ours / plain
    print(f"  parse_date {ours:9.0f}/s, dateparser.parse {plain:9.0f}/s", flush=True)


# --------------------------------------------------------------------------- report


def verdict(key: str, value: float | None) -> str:
    if value is None:
        return "n/a"
    op, bound, _ = TARGETS[key]
    ok = {">=": value >= bound, "<=": value <= bound, "<": value < bound}[op]
    return "pass" if ok else "FAIL"


def _fmt(value: Any, digits: int = 2) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


def table(data: dict[str, Any]) -> str:
    """The table of ratios: figure, newsbot, baseline, ratio, target, verdict (Markdown)."""
    raw, res = data["raw"], data["results"]
    crawl = raw.get("crawl", {})
    ext = raw.get("extraction", {}).get("pages_per_s", {})
    sto, exp = raw.get("storage", {}), raw.get("export", {})
    scal, start, dates = raw.get("scaling", {}), raw.get("startup_ms", {}), raw.get("dates", {})

    def rate(name: str) -> float | None:
        return crawl.get(name, {}).get("articles_per_s")

    n = crawl.get("articles", "?")
    sizes = list(scal)
    rows = [
        (f"crawl {n}, one core, articles/s", rate("newsbot_one_core"),
         f"bare Scrapy {_fmt(rate('scrapy'), 1)}", "crawl_vs_scrapy"),
        ("same", rate("newsbot_one_core"),
         f"trafilatura, 8 threads {_fmt(rate('trafilatura'), 1)}", "crawl_vs_trafilatura"),
        (f"crawl {n}, both cores, articles/s", rate("newsbot_two_cores"),
         f"one core {_fmt(rate('newsbot_one_core'), 1)}", "two_core_speedup"),
        (f"extraction, {raw.get('extraction', {}).get('pages', '?')} pages, pages/s",
         ext.get("newsbot"),
         f"trafilatura {_fmt(ext.get('trafilatura'), 1)}, readability "
         f"{_fmt(ext.get('readability'), 1)}, gne {_fmt(ext.get('gne'), 1)}, lxml parse "
         f"{_fmt(ext.get('lxml_parse'), 1)}", "extract_vs_trafilatura"),
        (f"store {_fmt(sto.get('store_rows'))} articles, rows/s", sto.get("store_rows_per_s"),
         f"sqlite3 executemany, same schema {_fmt(sto.get('sqlite3_rows_per_s'), 0)} (bare "
         f"table, no index {_fmt(sto.get('sqlite3_bare_rows_per_s'), 0)})", "store_vs_sqlite3"),
        (f"re-export {exp.get('posts', '?')} unchanged posts, s", exp.get("again_s"),
         f"first export {_fmt(exp.get('first_s'), 1)} s", "reexport_share"),
        (f"crawl at {', '.join(sizes)}, articles/s over the crawl",
         " / ".join(_fmt(scal[s]["articles_per_s"], 1) for s in sizes), "1 - min/max",
         "throughput_spread"),
        (f"peak RSS at {', '.join(sizes)}, MB",
         " / ".join(_fmt(scal[s]["peak_rss_mb"], 0) for s in sizes), "50k ÷ 10k",
         "rss_ratio_50k_10k"),
        ("peak RSS at 50k, MB", None, "", "rss_mb_50k"),
        ("`newsbot search`, ms", start.get("search"),
         f"`python -c pass` {_fmt(start.get('python'), 0)} ms; stats "
         f"{_fmt(start.get('stats'), 0)}, check --file {_fmt(start.get('check_file'), 0)}",
         "search_startup_ms"),
        ("`parse_date`, parses/s", dates.get("parse_date_per_s"),
         f"dateparser.parse {_fmt(dates.get('dateparser_per_s'), 0)}",
         "parse_date_vs_dateparser"),
    ]  # fmt: skip
    busy = [v.get("server_cpu_share") or 0 for k, v in crawl.items() if isinstance(v, dict)]
    footer = (
        f"The server answered {_fmt(raw.get('server_requests_per_s'), 0)} requests/s to one "
        f"client process, and was busy {max(busy, default=0):.0%} of the wall time of the "
        "side-by-side crawls at most"
        + (
            ": it is not what limits them."
            if max(busy, default=0) < 0.5
            else ": it may limit them."
        )
    )
    lines = [
        "| figure | newsbot | baseline (same run) | key | value | target | |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for label, ours, base, key in rows:
        op, bound, _ = TARGETS[key]
        value = res.get(key)
        shown = _fmt(value, 0 if key in ("rss_mb_50k", "search_startup_ms") else 2)
        lines.append(
            f"| {label} | {_fmt(ours, 1)} | {base} | `{key}` | {shown} | {op} {bound:g} "
            f"| {verdict(key, value)} |"
        )
    return "\n".join([*lines, "", footer])


def save(bench: Bench, out: Path, started: float, stage: str) -> dict[str, Any]:
    """Write what is measured so far to ``out`` (after every step, so that a run stopped
    early still leaves its figures; ``stage`` says how far it got)."""
    results = {key: bench.results.get(key) for key in TARGETS}
    data = {
        "measured": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}",
        "scale": bench.scale_name,
        "stage": stage,
        "total_s": round(time.perf_counter() - started, 1),
        "results": results,
        "targets": {
            k: {"op": op, "bound": b, "what": w, "verdict": verdict(k, results[k])}
            for k, (op, b, w) in TARGETS.items()
        },
        "raw": bench.raw,
        "notes": bench.notes,
    }
    out.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return data


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--quick", action="store_true", default=bool(os.environ.get("BENCH_QUICK")))
    size.add_argument("--tiny", action="store_true", help="the test suite's smoke run")
    parser.add_argument("--runs", type=int, help="runs of each side-by-side crawl")
    parser.add_argument("--corpus", type=Path, help="the corpus of real pages (extraction)")
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    args = parser.parse_args(argv)
    if args.corpus is not None and not (args.corpus / "articles-en").is_dir():
        # A missing corpus must not turn into a measurement of a few generated pages.
        parser.error(f"--corpus {args.corpus}: no corpus there (no articles-en folder)")
    scale = TINY if args.tiny else QUICK if args.quick else FULL
    if args.runs:
        scale = dataclasses.replace(scale, runs=args.runs)
    if len(os.sched_getaffinity(0)) < 2:
        print("note: fewer than 2 CPUs; the server and the crawlers share one", file=sys.stderr)
    started = time.perf_counter()
    # SIGTERM ends the benchmark like Ctrl-C: servers and crawls stop, temporary files go.
    signal.signal(signal.SIGTERM, _interrupt)
    with tempfile.TemporaryDirectory(prefix="newsbot-bench-") as tmp:
        bench = Bench(scale, Path(tmp), "tiny" if args.tiny else "quick" if args.quick else "full")
        workers = extract_workers_supported()
        print(f"site: {max(scale.sizes):,} articles; server on CPU {SERVER_CPU}, measured "
              f"processes on CPU {CRAWL_CPU}", flush=True)  # fmt: skip
        with site_server(max(scale.sizes), scale.sizes) as (base, pid):
            bench.base, bench.server_pid = base, pid
            probe = subprocess.run(
                [
                    PY,
                    str(HERE / "siteserver.py"),
                    "--load",
                    base,
                    "--seconds",
                    "2",
                    "--cpu",
                    str(CRAWL_CPU),
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            bench.raw["server_requests_per_s"] = float(probe.stdout.strip())
            print(f"server: {bench.raw['server_requests_per_s']:,.0f} requests/s to one "
                  f"client process", flush=True)  # fmt: skip
            print(f"1-2. crawl, {scale.crawl:,} articles, {scale.runs} run(s) each", flush=True)
            step_crawl(bench, workers)
            save(bench, args.out, started, "after crawl")
            print("5. scaling", flush=True)
            step_scaling(bench)
            save(bench, args.out, started, "after scaling")
        print("3. extraction", flush=True)
        step_extraction(bench, args.corpus)
        save(bench, args.out, started, "after extraction")
        print(f"4. storage, {scale.rows:,} articles", flush=True)
        search_db = step_storage(bench)
        save(bench, args.out, started, "after storage")
        print("6. start-up", flush=True)
        step_startup(bench, search_db)
        save(bench, args.out, started, "after startup")
        print("7. dates", flush=True)
        step_dates(bench)
    data = save(bench, args.out, started, "done")
    print()
    print(table(data))
    for key, note in bench.notes.items():
        print(f"note: {key}: {note}")
    print(f"\n{data['scale']} run in {data['total_s']:.0f} s; written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
