"""A source fetches only http(s) URLs on its own hosts, follows no meta refresh, reads no more
list pages or sitemaps than its limits, and loses only the response that breaks a callback:
real crawls of the fault server (tests/faultserver.py) through Scrapy's engine."""

from __future__ import annotations

from pathlib import Path

from conftest import fault_log, newsbot
from faultserver import CANARY, FOREIGN_HOST

from newsbot.store import Store

POLICY = "/links/list-schemes+query-trick+redirect-foreign+meta-refresh"
PAGES = """kind = "html"
base_url = "http://fault.example"
timezone = "UTC"
lang = "en"
[crawl]
download_delay = 0
timeout = 5
retries = 0
[html]
start_urls = ["{start}"]
article_links = ['\\.html$']
pagination = ["a.next"]
max_pages = {max_pages}
"""


def write_source(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.toml").write_text(text, "utf-8")
    return folder


def run_crawl(server: str, tmp_path: Path, sources: Path, name: str, *args: str) -> dict:
    """Crawl ``name`` from ``server`` (as a mirror); what it stored, the failure reasons in
    its summary, and every request the server saw meanwhile."""
    before = len(fault_log(server))
    result = newsbot(
        "crawl", name, "--sources", str(sources), "--base-url", server,
        "--db", str(tmp_path / "n.db"), "--posts", str(tmp_path / "posts"),
        "-s", "AUTOTHROTTLE_ENABLED=False", *args, timeout=60,
    )  # fmt: skip
    assert "Traceback" not in result.stderr, result.stderr
    with Store(tmp_path / "n.db") as store:
        rows = {row["title"]: row for row in store.articles()}
    reasons = {}
    for line in result.stdout.splitlines():
        key, sep, count = line.strip().rpartition(": ")
        if sep and key.startswith(("failed/", "dropped/")):
            reasons[key] = int(count)
    requests = [url for url in fault_log(server)[before:] if not url.endswith("/robots.txt")]
    return {"rows": rows, "reasons": reasons, "requests": requests, "result": result}


def test_links_of_other_schemes_and_hosts_are_never_requested(
    fault_server: str, tmp_path: Path
) -> None:
    sources = write_source(tmp_path / "sources", "policy", PAGES.format(start=POLICY, max_pages=1))
    crawl = run_crawl(fault_server, tmp_path, sources, "policy")

    assert sorted(crawl["requests"]) == sorted(
        f"{fault_server}{path}"
        for path in (
            POLICY,
            "/list-schemes/ok.html",
            "/meta-refresh/1.html",
            "/redirect-foreign/1.html",
        )
    )
    assert set(crawl["rows"]) == {"Fault article list-schemes-ok", "Fault article meta-refresh"}
    assert not any(
        CANARY in title or FOREIGN_HOST in row["url"] for title, row in crawl["rows"].items()
    )
    refresh = crawl["rows"]["Fault article meta-refresh"]
    assert refresh["url"] == "http://fault.example/meta-refresh/1.html"  # its own, mirrored back
    # file: (2, the third's path is no article's), ftp: and data: links; the foreign link
    # and the redirect to the foreign host
    assert crawl["reasons"]["failed/refused_scheme"] == 4
    assert crawl["reasons"]["failed/refused_host"] == 2
    stderr = crawl["result"].stderr
    assert f"failed {fault_server}/redirect-foreign/1.html (refused_host)" in stderr


def test_max_pages_counts_list_pages_not_depth(fault_server: str, tmp_path: Path) -> None:
    sources = write_source(
        tmp_path / "sources", "multi", PAGES.format(start="/multi-next/1", max_pages=4)
    )
    crawl = run_crawl(fault_server, tmp_path, sources, "multi")
    lists = [url for url in crawl["requests"] if "/multi-next/" in url]
    # every list page links three more: a depth limit of 4 would fetch 1 + 3 + 9 + 27 pages
    assert len(lists) == len(set(lists)) == 4
    assert len(crawl["rows"]) == 4


def test_an_exception_in_a_callback_costs_only_its_response(
    fault_server: str, tmp_path: Path
) -> None:
    api = """kind = "api"
base_url = "http://fault.example"
[crawl]
download_delay = 0
retries = 0
[api]
list_urls = ["/deep-json/100000", "/api/details"]
items = "items"
detail_url = "/api/text/{id}"
article_url = "http://fault.example/a/{id}.html"
[api.fields]
id = "id"
title = "title"
published = "datetime"
media = "media"
"""
    sources = write_source(tmp_path / "sources", "deep", api)
    crawl = run_crawl(fault_server, tmp_path, sources, "deep")
    assert crawl["reasons"]["failed/parse_error"] == 1
    assert "详情 ok" in crawl["rows"]  # the other list is read on
    assert f"failed {fault_server}/deep-json/100000 (parse_error): RecursionError" in (
        crawl["result"].stderr
    )


def test_pages_too_large_to_download_or_parse_are_refused(
    fault_server: str, tmp_path: Path
) -> None:
    start = "/links/huge+gzip-bomb+list-schemes"
    sources = write_source(tmp_path / "sources", "sizes", PAGES.format(start=start, max_pages=1))
    crawl = run_crawl(fault_server, tmp_path, sources, "sizes")
    # 40 MB announced, and a 200 KB gzip bomb of 200 MB, against the 10 MiB default
    assert crawl["reasons"]["failed/too_large"] == 2
    # 3 MiB: downloaded (under 10 MiB), but more than the 2 MiB a page may have to be parsed
    assert crawl["reasons"]["failed/too_large_to_parse"] == 1
    assert set(crawl["rows"]) == {"Fault article list-schemes-ok"}
    assert "more than crawl.max_parse_size (2097152)" in crawl["result"].stderr


def test_max_sitemaps_counts_sitemaps_not_depth(fault_server: str, tmp_path: Path) -> None:
    text = (
        'kind = "sitemap"\nbase_url = "http://fault.example"\n[crawl]\ndownload_delay = 0\n'
        '[sitemap]\nurls = ["/sitemap-fan/1"]\nmax_sitemaps = 4\n'
    )
    sources = write_source(tmp_path / "sources", "fan", text)
    crawl = run_crawl(fault_server, tmp_path, sources, "fan")
    sitemaps = [url for url in crawl["requests"] if "/sitemap-fan/" in url]
    # the configured index, then four from indexes (depth would give 3 + 9 + 27 + ...)
    assert len(sitemaps) == len(set(sitemaps)) == 1 + 4
