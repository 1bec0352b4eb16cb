"""A source fetches only http(s) URLs on its own hosts, follows no meta refresh, and reads no
more list pages than ``max_pages``: a real crawl of a local server through Scrapy's engine."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import newsbot

from newsbot.store import Store

ARTICLE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>
<meta property="article:published_time" content="2024-03-10T08:00:00+08:00">{head}</head>
<body><article><h1>{title}</h1>
<p>{title}: the first paragraph of this article says enough to be a body of text.</p>
<p>A second paragraph follows, so that the extractor sees a real article here.</p>
</article></body></html>"""


def article(title: str, head: str = "") -> bytes:
    return ARTICLE.format(title=title, head=head).encode()


class Site:
    """A tiny site on 127.0.0.1 that logs every request as ``(Host header, path)``."""

    def __init__(self) -> None:
        self.pages: dict[str, Callable[[], tuple[int, dict[str, str], bytes]]] = {}
        self.requests: list[tuple[str, str]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.requests.append((self.headers.get("Host", ""), self.path))
                page = site.pages.get(self.path)
                status, headers, body = page() if page else (404, {}, b"not found")
                self.send_response(status)
                for name, value in {"Content-Type": "text/html; charset=utf-8", **headers}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"

    def html(self, path: str, body: bytes, **headers: str) -> None:
        self.pages[path] = lambda: (200, headers, body)

    def redirect(self, path: str, location: str) -> None:
        self.pages[path] = lambda: (302, {"Location": location}, b"")

    def paths(self) -> set[str]:
        return {path for _, path in self.requests if path != "/robots.txt"}


@pytest.fixture
def site() -> Iterator[Site]:
    site = Site()
    thread = threading.Thread(target=site.server.serve_forever, daemon=True)
    thread.start()
    yield site
    site.server.shutdown()
    site.server.server_close()


def write_source(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(text, "utf-8")
    return folder


def run_crawl(tmp_path: Path, sources: Path, name: str, *settings: str) -> dict:
    result = newsbot(
        "crawl", name, "--sources", str(sources), "--db", str(tmp_path / "n.db"),
        "--posts", str(tmp_path / "posts"), "-s", "DOWNLOAD_DELAY=0",
        "-s", "AUTOTHROTTLE_ENABLED=False", *settings, timeout=60,
    )  # fmt: skip
    assert "Traceback" not in result.stderr, result.stderr
    with Store(tmp_path / "n.db") as store:
        rows = {row["title"]: row for row in store.articles()}
    reasons = {}
    for line in result.stdout.splitlines():
        key, sep, count = line.strip().rpartition(": ")
        if sep and key.startswith(("failed/", "dropped/")):
            reasons[key] = int(count)
    return {"rows": rows, "reasons": reasons, "result": result}


def test_links_of_other_schemes_and_hosts_are_never_requested(site: Site, tmp_path: Path) -> None:
    local = tmp_path / "news" / "content" / "3.html"
    local.parent.mkdir(parents=True)
    local.write_bytes(article("A local file"))
    foreign = f"http://localhost:{site.port}"
    links = [
        "/news/content/1.html",
        "/news/content/2.html",
        f"file://{local}",
        "file:///etc/passwd?/news/content/4.html",
        f"ftp://127.0.0.1:{site.port}/news/content/5.html",
        "data:text/html,/news/content/6.html",
        f"{foreign}/news/content/7.html",
        "/page?/news/content/8.html",
        "/page#/news/content/9.html",
        "/news/content/moved.html",
        "/news/content/refresh.html",
    ]
    anchors = "".join(f'<li><a href="{href}">link</a></li>' for href in links)
    site.html("/list.html", f"<html><body><ul>{anchors}</ul></body></html>".encode())
    site.html("/news/content/1.html", article("First good article"))
    site.html("/news/content/2.html", article("Second good article"))
    site.redirect("/news/content/moved.html", f"{foreign}/news/content/10.html")
    refresh = f'<meta http-equiv="refresh" content="0; url={foreign}/elsewhere.html">'
    site.html("/news/content/refresh.html", article("An article that refreshes", refresh))
    sources = write_source(
        tmp_path / "sources",
        "policy",
        f'kind = "html"\nbase_url = "{site.url}"\nmedia = "Policy Test"\n'
        '[html]\nstart_urls = ["/list.html"]\narticle_links = ["/news/content/"]\n',
    )
    crawl = run_crawl(tmp_path, sources, "policy")

    assert site.paths() == {
        "/list.html",
        "/news/content/1.html",
        "/news/content/2.html",
        "/news/content/moved.html",
        "/news/content/refresh.html",
    }
    assert {host for host, _ in site.requests} == {f"127.0.0.1:{site.port}"}
    assert set(crawl["rows"]) == {
        "First good article",
        "Second good article",
        "An article that refreshes",
    }
    assert crawl["rows"]["An article that refreshes"]["url"].endswith("/news/content/refresh.html")
    # file:, ftp: and data: links, the foreign link, and the redirect to the foreign host
    assert crawl["reasons"]["failed/refused_scheme"] == 3
    assert crawl["reasons"]["failed/refused_host"] == 2
    stderr = crawl["result"].stderr
    assert f"failed {site.url}/news/content/moved.html (refused_host)" in stderr
