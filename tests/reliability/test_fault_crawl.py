"""One crawl of the fault server: every fault behaviour beside 200 good articles.

The crawl exits 1; every good article is stored with its post; each bad response leaves
one failure row with its reason; nothing is fetched from a file, over ftp or from another
host; the crawl's peak memory (its own and its children's) stays under 300 MB.
"""

from __future__ import annotations

import html
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, fault_log, fault_requests
from faultserver import (
    API_BODIES,
    API_DETAILS,
    CANARY,
    CHARSET_LIE_PARAGRAPHS,
    CHARSET_LIE_TITLE,
    SITEMAP_LOCS,
    fault_article,
    fault_links,
    good_paragraphs,
    good_title,
)
from safety import live_liquid, unsafe_markup

from newsbot.config import load_source
from newsbot.export import post_filename
from newsbot.items import id_from_url
from newsbot.store import Store

SOURCES = (
    "fault-pages", "fault-multi-next", "fault-api-bodies", "fault-api-details", "fault-sitemap",
)  # fmt: skip
PEAK_MEMORY = 300 * 10**6  # bytes
GOOD = 200
CRAWL_TIMEOUT = 240
CANONICAL = "http://fault.example"  # the fault sources' base_url; the server mirrors it


def tree_memory(pid: int) -> int:
    """Bytes of memory of process ``pid`` and its descendants: the sum of their proportional
    set sizes (a page shared by a parent and its forked child counts once), 0 once gone."""
    total = 0
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        total += sum(
            int(line.split()[1]) * 1024 for line in rollup.splitlines() if line.startswith("Pss:")
        )
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                total += tree_memory(int(child))
    except (OSError, ValueError):
        pass
    return total


def run_measured(args: list[str], out: Path, timeout: float) -> tuple[int, int]:
    """Run ``newsbot ARGS`` as a child (output in ``out/stdout``, ``out/stderr``); return its
    exit status and the peak memory of it and its children in bytes: the larger of its own
    peak RSS (from wait4, which also covers children it waited for) and the largest sum of
    the whole tree's memory seen by sampling every 0.1 s."""
    with (
        (out / "stdout").open("wb") as stdout,
        (out / "stderr").open("wb") as stderr,
        subprocess.Popen(
            [sys.executable, "-m", "newsbot.cli", *args],
            cwd=ROOT, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr,
        ) as proc,
    ):  # fmt: skip
        deadline = time.monotonic() + timeout
        sampled = 0
        while True:
            sampled = max(sampled, tree_memory(proc.pid))
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                proc.returncode = os.waitstatus_to_exitcode(status)
                return proc.returncode, max(usage.ru_maxrss * 1024, sampled)
            if time.monotonic() > deadline:
                proc.send_signal(signal.SIGKILL)
                pytest.fail(f"crawl still running after {timeout} s")
            time.sleep(0.1)


@pytest.fixture(scope="module")
def crawl(fault_server: str, tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("fault-crawl")
    seen_before = len(fault_log(fault_server))
    paths_before = fault_requests(fault_server)["paths"]
    started = time.monotonic()
    status, peak = run_measured(
        [
            "crawl", *SOURCES, "--sources", str(FIXTURES / "sources"),
            "--base-url", fault_server, "--db", str(out / "newsbot.db"),
            "--posts", str(out / "_posts"), "-s", "AUTOTHROTTLE_ENABLED=False",
        ],
        out,
        CRAWL_TIMEOUT,
    )  # fmt: skip
    with Store(out / "newsbot.db") as store:
        rows = list(store.articles())
        failures = list(store.db.query("SELECT * FROM failures"))
    paths = fault_requests(fault_server)["paths"]
    with urllib.request.urlopen(f"{fault_server}/faults/index.html", timeout=5) as response:
        hrefs = re.findall(r'href="([^"]*)"', response.read().decode())
    hrefs = [
        fault_server + html.unescape(h) if h.startswith("/") else html.unescape(h) for h in hrefs
    ]
    return {
        "status": status,
        "peak": peak,
        "seconds": time.monotonic() - started,
        "stdout": (out / "stdout").read_text("utf-8", "replace"),
        "stderr": (out / "stderr").read_text("utf-8", "replace"),
        "rows": rows,
        "by_url": {row["url"]: row for row in rows},
        "by_id": {row["id"]: row for row in rows},
        "failures": failures,
        "log": fault_log(fault_server)[seen_before:],
        "paths": {p: n - paths_before.get(p, 0) for p, n in paths.items()},
        "posts": out / "_posts",
        "server": fault_server,
        # The fault list links every registered link in registry order.
        "links": dict(zip(hrefs, fault_links().values(), strict=True)),
    }


def links(crawl: dict, outcome: str) -> list[str]:
    """The fault list's links with ``outcome``, absolute, as the crawl found them."""
    return [url for url, expected in crawl["links"].items() if expected == outcome]


def canonical(url: str, server: str) -> str:
    return CANONICAL + url.removeprefix(server)


def post_of(crawl: dict, row: dict) -> Path:
    source = load_source(FIXTURES / "sources" / f"{row['source']}.toml")
    return crawl["posts"] / post_filename(row, source.post_timezone)


def test_the_crawl_exits_1_because_things_failed(crawl: dict) -> None:
    assert crawl["status"] == 1, crawl["stderr"][-3000:]


def test_peak_memory_stays_under_300_mb(crawl: dict) -> None:
    """Big pages, a gzip bomb, deep nesting and every other fault at once: the bounds on
    downloads and parsing hold memory down (a measurement, not a timing)."""
    print(f"peak memory {crawl['peak'] / 10**6:.0f} MB, {crawl['seconds']:.1f} s")
    assert 0 < crawl["peak"] < PEAK_MEMORY


def test_every_good_article_is_stored_with_its_post(crawl: dict) -> None:
    for i in range(GOOD):
        url = f"{CANONICAL}/good/{GOOD}/article/{i}.html"
        row = crawl["by_url"].get(url)
        assert row is not None, url
        assert row["id"] == id_from_url(url)
        assert row["title"] == good_title(i)
        assert row["body_text"] == "\n\n".join(good_paragraphs(i))
        post = post_of(crawl, row).read_text("utf-8")
        assert row["body_html"] in post and f"<{url}>" in post


def test_every_stored_fault_page_has_its_post(crawl: dict) -> None:
    server = crawl["server"]
    for url in links(crawl, "stored"):
        row = crawl["by_url"].get(canonical(url, server))
        assert row is not None, url
        assert post_of(crawl, row).is_file()


def test_one_failure_row_per_bad_response_with_its_reason(crawl: dict) -> None:
    failed = {f["url"]: f for f in crawl["failures"] if f["source"] == "fault-pages"}
    for url in links(crawl, "failed"):
        assert url in failed, url
        assert failed[url]["reason"] and failed[url]["attempts"] == 1
    good_urls = {crawl["server"] + f"/good/{GOOD}/article/{i}.html" for i in range(GOOD)}
    stored = set(links(crawl, "stored")) | good_urls
    assert [url for url in failed if url in stored] == []


def test_pages_that_are_no_article_are_dropped_by_name(crawl: dict) -> None:
    server = crawl["server"]
    for url in links(crawl, "dropped"):
        assert canonical(url, server) not in crawl["by_url"]
        assert f"({canonical(url, server)}) lacks" in crawl["stderr"]


def test_api_faults_fail_alone_and_every_id_gets_its_own_post(crawl: dict) -> None:
    failed = {f["url"]: f for f in crawl["failures"] if f["source"] == "fault-api-details"}
    for article_id, (_, outcome) in API_DETAILS.items():
        if outcome == "failed":
            assert failed[f"{crawl['server']}/api/text/{article_id}"]["reason"], article_id
        else:
            assert article_id in crawl["by_id"], article_id
    names = set()
    for article_id in API_BODIES:
        row = crawl["by_id"][article_id]
        post = post_of(crawl, row)
        assert post.is_file() and post.parent == crawl["posts"]
        names.add(post.name)
    assert len(names) == len(API_BODIES)
    assert len(list(crawl["posts"].glob("*.md"))) == len(crawl["rows"])


def test_nothing_is_fetched_from_files_ftp_or_another_host(crawl: dict) -> None:
    server = crawl["server"]
    assert [url for url in crawl["log"] if not url.startswith(server + "/")] == []
    for row in crawl["rows"]:
        assert row["url"].startswith(CANONICAL + "/") or row["source"].startswith("fault-api")
        assert CANARY not in row["title"] and CANARY not in row["body_text"]
        assert "must never be stored" not in row["title"]
    refused = {f["url"]: f["reason"] for f in crawl["failures"]}
    for url in links(crawl, "ignored"):
        assert refused.get(url, "refused").startswith("refused"), url


def test_page_limits_count_list_pages(crawl: dict) -> None:
    lists = [p for p in crawl["paths"] if p.startswith("/multi-next/")]
    assert len(lists) == 4


def test_hostile_text_is_stored_clean_and_posts_build(crawl: dict) -> None:
    control = {chr(c) for c in range(32)} - {"\n", "\t"}
    for row in crawl["rows"]:
        for field in ("title", "body_html", "body_text"):
            assert not control & set(row[field]), (row["url"], field)
        assert unsafe_markup(row["body_html"]) == []
        post = post_of(crawl, row).read_text("utf-8")
        assert live_liquid(post) == [], row["url"]
    by_url = crawl["by_url"]
    title = by_url[f"{CANONICAL}/title-script/1.html"]["title"]
    assert title.startswith("<script>alert(1)</script>")  # text, as the page showed it
    meta = by_url[f"{CANONICAL}/meta-refresh/1.html"]
    assert meta["title"] == "Fault article meta-refresh"


def test_one_line_per_problem(crawl: dict) -> None:
    """Each failure is told once: no line of Scrapy's repeats newsbot's own (a download over
    the size limit, a gzip bomb, a short body, a robots.txt that cannot be fetched)."""
    lines = crawl["stderr"].splitlines()
    assert "Traceback" not in crawl["stderr"]
    for failure in crawl["failures"]:
        url = failure["url"]
        named = re.compile(re.escape(url) + r"(?![\w/?#%-])")
        told = [line for line in lines if named.search(line)]
        assert len(told) == 1, (url, told)


def test_a_wrong_charset_declaration_is_stored_as_utf8_and_counted(crawl: dict) -> None:
    row = crawl["by_url"][f"{CANONICAL}/charset-lie/1.html"]
    assert row["title"] == CHARSET_LIE_TITLE
    assert row["body_text"] == "\n\n".join(CHARSET_LIE_PARAGRAPHS)
    summary = crawl["stdout"].split("fault-pages", 1)[1].split("fault-", 1)[0]
    assert "  charset/mismatch: 1\n" in summary, crawl["stdout"]


def test_an_unclosed_embed_or_object_keeps_the_whole_body(crawl: dict) -> None:
    for name in ("embed", "object"):
        row = crawl["by_url"][f"{CANONICAL}/{name}/1.html"]
        _, paragraphs, _ = fault_article(name)
        assert row["body_text"] == "\n\n".join(paragraphs), name
        assert post_of(crawl, row).read_text("utf-8").count("<p>") >= 3


def test_a_pdf_or_an_empty_answer_is_a_failure_with_its_reason(crawl: dict) -> None:
    failed = {f["url"]: f for f in crawl["failures"]}
    server = crawl["server"]
    assert failed[f"{server}/pdf/report.html"]["reason"] == "not_html"
    assert failed[f"{server}/empty/1.html"]["reason"] == "empty_body"
    assert f"({CANONICAL}/pdf/report.html) lacks" not in crawl["stderr"]


def test_a_broken_sitemap_location_costs_only_itself(crawl: dict) -> None:
    server = crawl["server"]
    failed = {f["url"]: f for f in crawl["failures"] if f["source"] == "fault-sitemap"}
    for loc, outcome in SITEMAP_LOCS.items():
        url = loc.format(base=server)
        if outcome == "stored":
            row = crawl["by_url"].get(canonical(url, server))
            assert row is not None and row["source"] == "fault-sitemap", url
            assert post_of(crawl, row).is_file()
        else:
            assert failed[url]["reason"] == "bad_url", url
            assert f"{server}/sitemap-broken/1.xml" in failed[url]["message"]
    assert len(failed) == 3, failed
