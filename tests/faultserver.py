"""A fault-injecting HTTP server for the tests, in the manner of Scrapy's mock server.

``python tests/faultserver.py [--files DIR]`` serves on a free 127.0.0.1 port until killed
and prints its URL as the first line (``http://127.0.0.1:PORT``). It is a registry of small
named behaviours: ``/<name>/<arg>[.html]`` runs the behaviour registered as ``name`` with
``arg`` (``/status/503.html``, ``/delay/5.html``, ``/deep/20000.html``). Add one with the
``@behaviour`` decorator; its ``links`` (article URLs and what a crawl must make of them:
``stored``, ``failed``, ``dropped`` or ``ignored``) join the fault list page
``/faults/index.html``, which the reliability crawl reads, so every new behaviour is
crawled there.

Besides the faults:

- ``/good/<total>/page/<n>``: list pages of ``total`` good articles (``PER_PAGE`` a page,
  ``a.next`` to the next one), ``/good/<total>/article/<i>.html`` the articles (English,
  JSON-LD, a date, three paragraphs), ``/good/<total>/feed.xml`` and ``sitemap.xml``;
- ``/api/<name>``: JSON lists for api sources (see ``API_LISTS``), ``/api/text/<id>`` details;
- ``/foreign/<x>.html``: a page that is only ever linked through another host name
  (``http://localhost:PORT``), so a request of it means a foreign host was fetched;
- a trap port (``ftp://127.0.0.1:TRAP/``) that accepts connections, says nothing and logs them;
- ``/_requests``: ``{"requests": total, "paths": {path: count}}``; ``/_log``: every request
  as a full URL with the Host it was sent to (``trap://`` for trap connections). Neither
  counts itself.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import html
import json
import random
import socket
import struct
import sys
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

FOREIGN_HOST = "localhost"  # the loopback under another name: a host no source allows
PER_PAGE = 25
FIRST_DATE = datetime(2024, 1, 1, 8, 0, tzinfo=UTC)
WORDS = (
    "council", "harbour", "railway", "budget", "school", "river", "market", "bridge", "library",
    "festival", "farmers", "weather", "museum", "hospital", "election", "transport", "village",
    "housing", "energy", "water", "park", "report", "committee", "season", "visitors",
    "district", "county", "plan", "road", "project", "workers", "officials",
)  # fmt: skip
CANARY = "CANARY-LOCAL-FILE-MUST-NEVER-BE-STORED"

# "stored": article and post; "failed": a failure row; "dropped": fetched, but no article
# (counted under dropped with the missing fields); "ignored": never fetched
Outcome = str


@dataclass(frozen=True)
class Behaviour:
    name: str
    serve: Callable[[FaultHandler, str], None]
    links: Mapping[str, Outcome] = field(default_factory=dict)


BEHAVIOURS: dict[str, Behaviour] = {}


def behaviour(
    name: str, links: Mapping[str, Outcome] | None = None
) -> Callable[[Callable[[FaultHandler, str], None]], Callable[[FaultHandler, str], None]]:
    """Register ``serve(handler, arg)`` for ``/<name>/<arg>``; ``links`` are article URLs
    (relative, or templates with ``{base}``, ``{foreign}``, ``{trap}``, ``{files}``) that the
    fault list page links to, with the outcome a crawl must produce for each."""

    def register(serve: Callable[[FaultHandler, str], None]) -> Callable[..., None]:
        BEHAVIOURS[name] = Behaviour(name, serve, dict(links or {}))
        return serve

    return register


def fault_links() -> dict[str, Outcome]:
    """Every link of the fault list page (templates) with its expected outcome."""
    return {link: outcome for b in BEHAVIOURS.values() for link, outcome in b.links.items()}


# -- pages -----------------------------------------------------------------------------------


def article_page(
    title: str,
    paragraphs: list[str],
    published: datetime,
    *,
    head: str = "",
    charset: str = "utf-8",
    raw_body: str | None = None,
) -> str:
    """An article page of the kind automatic extraction reads: JSON-LD, <h1>, paragraphs.
    ``raw_body`` (markup, not escaped) replaces the paragraphs; ``head`` is added as is."""
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "datePublished": published.isoformat(),
        "publisher": {"@type": "Organization", "name": "Fault Gazette"},
    }
    body = raw_body if raw_body is not None else "\n".join(f"<p>{_h(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">{head}
<title>{_h(title)} | Fault Gazette</title>
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script></head>
<body><nav><a href="/">Home</a> <a href="/news/">News</a></nav>
<main><article><h1>{_h(title)}</h1>
<time datetime="{published.isoformat()}">{published:%d %B %Y}</time>
<div class="article-body">
{body}
</div></article></main>
<footer>Fault Gazette. All rights reserved.</footer></body></html>"""


def list_page(title: str, links: list[str], next_links: Sequence[str] = ()) -> str:
    items = "\n".join(f'<li><a href="{_h(u)}">{_h(u.rsplit("/", 1)[-1])}</a></li>' for u in links)
    nexts = " ".join(f'<a class="next" href="{_h(u)}">Next</a>' for u in next_links)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{_h(title)}</title></head>"
        f"<body><ul class='list'>{items}</ul><div class='pages'>{nexts}</div></body></html>"
    )


def paragraphs_for(seed: int, count: int = 3) -> list[str]:
    """Deterministic English-looking paragraphs, long enough to be taken for a body."""
    rng = random.Random(seed)
    return [
        " ".join(rng.choice(WORDS) for _ in range(45)).capitalize() + f". Paragraph {k} of {seed}."
        for k in range(1, count + 1)
    ]


def fault_article(name: str, title: str | None = None) -> tuple[str, list[str], datetime]:
    seed = zlib.crc32(name.encode())
    return title or f"Fault article {name}", paragraphs_for(seed), FIRST_DATE


def _h(text: str) -> str:
    return html.escape(text, quote=True)


# -- the server ------------------------------------------------------------------------------


class FaultServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, files: Path) -> None:
        super().__init__(("127.0.0.1", 0), FaultHandler)
        self.files = files
        self.lock = threading.Lock()
        self.log: list[str] = []
        self.paths: Counter[str] = Counter()
        self.trap = socket.create_server(("127.0.0.1", 0))
        self.canary = files / "notes.html"
        title, paragraphs, when = fault_article("canary", CANARY)
        self.canary.write_text(article_page(title, paragraphs, when), "utf-8")

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def record(self, url: str, path: str) -> None:
        with self.lock:
            self.log.append(url)
            self.paths[path] += 1

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Connections the fault behaviours broke on purpose are not worth a traceback."""
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)

    def serve_trap(self) -> None:
        """Accept connections on the trap port, log them, say nothing until the peer leaves."""
        while True:
            conn, _ = self.trap.accept()
            self.record(f"trap://127.0.0.1:{self.trap.getsockname()[1]}/", "/_trap")
            threading.Thread(target=_drain, args=(conn,), daemon=True).start()


def _drain(conn: socket.socket) -> None:
    conn.settimeout(120)
    with contextlib.suppress(OSError), conn:
        while conn.recv(4096):
            pass


class FaultHandler(BaseHTTPRequestHandler):
    server: FaultServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        return

    # helpers for behaviours
    @property
    def base(self) -> str:
        return self.server.url

    @property
    def foreign(self) -> str:
        return f"http://{FOREIGN_HOST}:{self.server.port}"

    def template_values(self) -> dict[str, str]:
        return {
            "base": self.base,
            "foreign": self.foreign,
            "trap": f"127.0.0.1:{self.server.trap.getsockname()[1]}",
            "files": str(self.server.files),
        }

    def send(
        self,
        status: int,
        body: bytes | str,
        content_type: str = "text/html; charset=utf-8",
        headers: Mapping[str, str] | None = None,
    ) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def send_json(self, payload: Any, status: int = 200) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send(status, body, "application/json; charset=utf-8")

    def send_article(self, name: str, title: str | None = None, **page: Any) -> None:
        title, paragraphs, when = fault_article(name, title)
        self.send(200, article_page(title, paragraphs, when, **page))

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        self.query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        if parts.path == "/_requests":
            with self.server.lock:
                total, paths = len(self.server.log), dict(self.server.paths)
            self.send_json({"requests": total, "paths": paths})
            return
        if parts.path == "/_log":
            with self.server.lock:
                self.send_json({"requests": list(self.server.log)})
            return
        host = self.headers.get("Host", "")
        self.server.record(f"http://{host}{self.path}", parts.path)
        name, _, arg = parts.path.strip("/").partition("/")
        found = BEHAVIOURS.get(name)
        if found is None:
            self.send(404, b"not found", "text/plain")
            return
        found.serve(self, arg.removesuffix(".html"))


# -- behaviours ------------------------------------------------------------------------------


@behaviour("faults")
def _faults(h: FaultHandler, arg: str) -> None:
    """The fault list page: every behaviour's links, filled in for this server."""
    values = h.template_values()
    links = [link.format(**values) for link in fault_links()]
    h.send(200, list_page("Faults", links))


@behaviour("status", {"/status/500.html": "failed", "/status/503.html": "failed"})
def _status(h: FaultHandler, arg: str) -> None:
    code = int(arg or "500")
    h.send(code, f"status {code}", "text/plain")


@behaviour("delay", {"/delay/30.html": "failed"})
def _delay(h: FaultHandler, arg: str) -> None:
    """A good article after ``arg`` seconds (a timeout when that exceeds the source's)."""
    time.sleep(float(arg or "1"))
    h.send_article(f"delay-{arg}")


@behaviour("trickle", {"/trickle/30.html": "failed"})
def _trickle(h: FaultHandler, arg: str) -> None:
    """Headers at once, then the body a byte a second for ``arg`` seconds."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    h.send_header("Content-Length", str(int(arg or "10")))
    h.end_headers()
    for _ in range(int(arg or "10")):
        time.sleep(1)
        try:
            h.wfile.write(b" ")
        except OSError:
            return


@behaviour("reset", {"/reset/1.html": "failed"})
def _reset(h: FaultHandler, arg: str) -> None:
    """The connection is reset (RST) instead of answered."""
    h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    h.connection.close()
    h.close_connection = True


@behaviour("short", {"/short/1.html": "failed"})
def _short(h: FaultHandler, arg: str) -> None:
    """Content-Length promises more than is sent, then the connection closes."""
    title, paragraphs, when = fault_article("short")
    body = article_page(title, paragraphs, when).encode()
    h.send_response(200)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    h.send_header("Content-Length", str(len(body) + 10_000))
    h.end_headers()
    h.wfile.write(body)
    h.wfile.flush()
    h.connection.shutdown(socket.SHUT_RDWR)
    h.close_connection = True


@behaviour("redirect-loop", {"/redirect-loop/a.html": "failed"})
def _redirect_loop(h: FaultHandler, arg: str) -> None:
    """``a`` and ``b`` redirect to each other for ever."""
    target = "b" if arg == "a" else "a"
    h.send(302, b"", "text/plain", {"Location": f"/redirect-loop/{target}.html"})


@behaviour("redirect-foreign", {"/redirect-foreign/1.html": "failed"})
def _redirect_foreign(h: FaultHandler, arg: str) -> None:
    """A redirect to another host (the loopback under another name)."""
    h.send(302, b"", "text/plain", {"Location": f"{h.foreign}/foreign/redirected.html"})


@behaviour("foreign")
def _foreign(h: FaultHandler, arg: str) -> None:
    """Reached only through another host name: a crawl must never ask for it."""
    h.send_article(f"foreign-{arg}", f"Foreign page {arg} must never be stored")


@behaviour("pdf", {"/pdf/report.html": "failed"})
def _pdf(h: FaultHandler, arg: str) -> None:
    body = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    h.send(200, body, "application/pdf")


@behaviour("empty", {"/empty/1.html": "failed"})
def _empty(h: FaultHandler, arg: str) -> None:
    h.send(200, b"", "text/html; charset=utf-8")


@behaviour("no-article", {"/no-article/1.html": "dropped"})
def _no_article(h: FaultHandler, arg: str) -> None:
    """A page, but no article: no title, no date, no body."""
    h.send(
        200, "<!DOCTYPE html><html><head></head><body><nav><a href='/'>Home</a></nav></body></html>"
    )


@behaviour("nul", {"/nul/1.html": "stored"})
def _nul(h: FaultHandler, arg: str) -> None:
    """NUL bytes in the title and the body."""
    title, paragraphs, when = fault_article("nul", "Title with a NUL\x00 byte")
    paragraphs[0] = paragraphs[0].replace(" ", " \x00", 3)
    h.send(200, article_page(title, paragraphs, when))


@behaviour("deep", {"/deep/20000.html": "stored"})
def _deep(h: FaultHandler, arg: str) -> None:
    """An article whose markup ends in ``arg`` nested <div>s, never closed."""
    title, paragraphs, when = fault_article("deep")
    depth = int(arg or "20000")
    body = "\n".join(f"<p>{_h(p)}</p>" for p in paragraphs) + "<div>" * depth + "deep"
    h.send(200, article_page(title, [], when, raw_body=body))


@behaviour("huge", {"/huge/40.html": "failed", "/huge/3.html": "failed"})
def _huge(h: FaultHandler, arg: str) -> None:
    """A page of ``arg`` MB of paragraphs, streamed (Content-Length declared)."""
    size = int(float(arg or "20") * 1024 * 1024)
    chunk = ("<p>" + " ".join(WORDS) + "</p>\n").encode() * 200
    h.send_response(200)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    h.send_header("Content-Length", str(size))
    h.end_headers()
    sent = 0
    with contextlib.suppress(OSError):
        while sent < size:
            part = chunk[: size - sent]
            h.wfile.write(part)
            sent += len(part)


@cache
def gzip_member() -> bytes:
    """One gzip member holding 1 MiB of spaces (about 1 KB)."""
    return gzip.compress(b" " * (1024 * 1024), compresslevel=9, mtime=0)


def gzip_bomb(megabytes: int) -> bytes:
    """An HTML page of ``megabytes`` MiB, gzipped to about 1/1000: the page's start and end
    and one member per MiB of spaces (concatenated members are one gzip stream)."""
    start = gzip.compress(b"<html><body><p>", mtime=0)
    end = gzip.compress(b"</p></body></html>", mtime=0)
    return start + gzip_member() * megabytes + end


@behaviour("gzip-bomb", {"/gzip-bomb/200.html": "failed"})
def _gzip_bomb(h: FaultHandler, arg: str) -> None:
    body = gzip_bomb(int(arg or "200"))
    h.send(200, body, "text/html; charset=utf-8", {"Content-Encoding": "gzip"})


@behaviour("embed", {"/embed/1.html": "stored"})
def _embed(h: FaultHandler, arg: str) -> None:
    """An unclosed <embed> before most of the body."""
    title, paragraphs, when = fault_article("embed")
    body = f'<p>{paragraphs[0]}</p>\n<embed src="/media/clip.swf">\n' + "\n".join(
        f"<p>{p}</p>" for p in paragraphs[1:]
    )
    h.send(200, article_page(title, [], when, raw_body=body))


@behaviour("object", {"/object/1.html": "stored"})
def _object(h: FaultHandler, arg: str) -> None:
    """An unclosed <object> with a <param>, before most of the body."""
    title, paragraphs, when = fault_article("object")
    body = (
        f'<p>{paragraphs[0]}</p>\n<object data="/media/clip.swf"><param name="movie" '
        'value="/media/clip.swf">\n' + "\n".join(f"<p>{p}</p>" for p in paragraphs[1:])
    )
    h.send(200, article_page(title, [], when, raw_body=body))


@behaviour("meta-refresh", {"/meta-refresh/1.html": "stored"})
def _meta_refresh(h: FaultHandler, arg: str) -> None:
    """A good article that asks, in its head and in its body, to go to another host."""
    refresh = f'<meta http-equiv="refresh" content="0; url={h.foreign}/foreign/refresh.html">'
    title, paragraphs, when = fault_article("meta-refresh")
    body = refresh + "\n".join(f"<p>{_h(p)}</p>" for p in paragraphs)
    h.send(200, article_page(title, [], when, head=refresh, raw_body=body))


@behaviour("control-chars", {"/control-chars/1.html": "stored"})
def _control_chars(h: FaultHandler, arg: str) -> None:
    """Vertical tab and form feed (text pasted from Word) in the title and the body."""
    title, paragraphs, when = fault_article("control-chars", "Pasted\x0bfrom\x0cWord")
    paragraphs = [p.replace(" ", "\x0b", 2).replace(" ", "\x0c", 1) for p in paragraphs]
    h.send(200, article_page(title, paragraphs, when))


LIQUID_TITLE = "{{ site.title }} and {% include nonexistent.html %}"
LIQUID_TEXT = "Costs {{ site.time }} {% include nonexistent.html %} {% raw %}x{% endraw %} --- end"


@behaviour("liquid", {"/liquid/1.html": "stored"})
def _liquid(h: FaultHandler, arg: str) -> None:
    """Liquid tags and output in the title and the body."""
    title, paragraphs, when = fault_article("liquid", LIQUID_TITLE)
    paragraphs[1] = LIQUID_TEXT + " " + paragraphs[1]
    h.send(200, article_page(title, paragraphs, when))


@behaviour("title-script", {"/title-script/1.html": "stored"})
def _title_script(h: FaultHandler, arg: str) -> None:
    """``&lt;script&gt;`` (escaped markup, so text) in the title."""
    h.send_article("title-script", "<script>alert(1)</script> Escaped markup in a title")


CHARSET_LIE_TITLE = "广西壮族自治区百色市右江区召开乡村振兴工作会议"
CHARSET_LIE_PARAGRAPHS = [
    "百色市右江区近日召开乡村振兴工作会议，总结上半年工作，部署下一阶段任务。" * 3,
    "会议要求各乡镇进一步压实责任，推动产业发展，改善农村人居环境。" * 3,
]


@behaviour("charset-lie", {"/charset-lie/1.html": "stored"})
def _charset_lie(h: FaultHandler, arg: str) -> None:
    """``<meta charset=gb2312>`` on bytes that are UTF-8; no charset in the header."""
    page = article_page(CHARSET_LIE_TITLE, CHARSET_LIE_PARAGRAPHS, FIRST_DATE, charset="gb2312")
    h.send(200, page.encode("utf-8"), "text/html")


@behaviour(
    "list-schemes",
    {
        "file:///etc/passwd?/list-schemes/x.html": "ignored",
        "file://{files}/notes.html?/list-schemes/x.html": "ignored",
        "file://{files}/notes.html": "ignored",
        "ftp://{trap}/list-schemes/x.html": "ignored",
        "{foreign}/foreign/linked.html": "ignored",
        "/list-schemes/ok.html": "stored",
    },
)
def _list_schemes(h: FaultHandler, arg: str) -> None:
    """Linked from the fault list: local files, ftp, another host; ``ok`` is a good article."""
    h.send_article("list-schemes-ok")


@behaviour("multi-next")
def _multi_next(h: FaultHandler, arg: str) -> None:
    """List page ``n`` with three next links (``3n``, ``3n+1``, ``3n+2``) and one article:
    a page limit that bounds depth, not count, fetches 3^depth pages."""
    n = int(arg or "1")
    nexts = [f"/multi-next/{3 * n + k}" for k in range(3)]
    h.send(200, list_page(f"Multi next {n}", [f"/multi-next-article/{n}.html"], nexts))


@behaviour("multi-next-article")
def _multi_next_article(h: FaultHandler, arg: str) -> None:
    h.send_article(f"multi-next-{arg}")


@behaviour(
    "query-trick",
    {
        "/query-trick/1?/list-schemes/x.html": "ignored",
        "/query-trick/2#/list-schemes/x.html": "ignored",
        "data:text/html,x/list-schemes/x.html": "ignored",
        "http://[::1/list-schemes/x.html": "ignored",
    },
)
def _query_trick(h: FaultHandler, arg: str) -> None:
    """Links whose query, fragment or data, not their path, look like an article's, and
    one that is no URL at all."""
    h.send(404, b"never to be asked for", "text/plain")


@behaviour("links")
def _links(h: FaultHandler, arg: str) -> None:
    """``/links/<name>+<name>...``: a list page of only those behaviours' links."""
    values = h.template_values()
    names = arg.split("+")
    links = [link.format(**values) for name in names for link in BEHAVIOURS[name].links]
    h.send(200, list_page(" ".join(names), links))


@behaviour("sitemap-fan")
def _sitemap_fan(h: FaultHandler, arg: str) -> None:
    """Sitemap index ``n`` lists three more indexes (``3n``, ``3n+1``, ``3n+2``): a sitemap
    limit that bounds depth, not count, fetches 3^depth sitemaps."""
    n = int(arg or "1")
    entries = "".join(
        f"<sitemap><loc>{h.base}/sitemap-fan/{3 * n + k}</loc></sitemap>" for k in range(3)
    )
    doc = (
        '<?xml version="1.0" encoding="UTF-8"?><sitemapindex '
        f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>'
    )
    h.send(200, doc, "application/xml")


# Locations of the broken sitemap (``/sitemap-broken/1.xml``) and what a crawl must make of
# them: five good articles, and locations that are no URL, each recorded as ``bad_url``.
SITEMAP_LOCS: dict[str, Outcome] = {
    **{f"{{base}}/sitemap-article/{i}.html": "stored" for i in range(5)},
    "http://[::1/sitemap-article/ipv6.html": "failed",
    "http://127.0.0.1:99999/sitemap-article/port.html": "failed",
    "/sitemap-article/relative.html": "failed",
}


def urlset(locs: Sequence[str]) -> str:
    entries = "".join(f"<url><loc>{_h(loc)}</loc></url>" for loc in locs)
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset '
        f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
    )


@behaviour("sitemap-broken")
def _sitemap_broken(h: FaultHandler, arg: str) -> None:
    """A URL set whose good locations sit between locations that are no URL."""
    values = h.template_values()
    h.send(200, urlset([loc.format(**values) for loc in SITEMAP_LOCS]), "application/xml")


@behaviour("sitemap-article")
def _sitemap_article(h: FaultHandler, arg: str) -> None:
    h.send_article(f"sitemap-{arg}")


@behaviour("sitemap-many")
def _sitemap_many(h: FaultHandler, arg: str) -> None:
    """A URL set of ``arg`` articles under ``/forbidden/``, which robots.txt disallows: a
    crawl reads the whole list, and skips each article without fetching it."""
    h.send(
        200, urlset([f"{h.base}/forbidden/{i}.html" for i in range(int(arg))]), "application/xml"
    )


@behaviour("robots.txt")
def _robots(h: FaultHandler, arg: str) -> None:
    h.send(200, "User-agent: *\nDisallow: /forbidden/\n", "text/plain")


@behaviour("deep-json")
def _deep_json(h: FaultHandler, arg: str) -> None:
    """A JSON list answer nested ``arg`` arrays deep: more than a JSON parser will recurse."""
    depth = int(arg or "100000")
    h.send(200, "[" * depth + "]" * depth, "application/json")


# -- good articles ---------------------------------------------------------------------------


def good_title(i: int) -> str:
    return f"Good article {i}: the {WORDS[i % len(WORDS)]} report"


def good_published(i: int) -> datetime:
    return FIRST_DATE + timedelta(minutes=37 * i)


def good_paragraphs(i: int) -> list[str]:
    return paragraphs_for(1_000_000 + i)


@behaviour("good")
def _good(h: FaultHandler, arg: str) -> None:
    """``<total>/page/<n>``, ``<total>/article/<i>``, ``<total>/feed.xml``, ``sitemap.xml``."""
    total_text, _, rest = arg.partition("/")
    total = int(total_text)
    kind, _, item = rest.partition("/")
    if kind == "page":
        n = int(item or "1")
        first = (n - 1) * PER_PAGE
        links = [
            f"/good/{total}/article/{i}.html" for i in range(first, min(total, first + PER_PAGE))
        ]
        nexts = [f"/good/{total}/page/{n + 1}"] if first + PER_PAGE < total else []
        h.send(200, list_page(f"Good articles, page {n}", links, nexts))
    elif kind == "article" and item.isdigit() and int(item) < total:
        i = int(item)
        h.send(200, article_page(good_title(i), good_paragraphs(i), good_published(i)))
    elif rest == "feed.xml":
        items = "".join(
            f"<item><title>{_h(good_title(i))}</title>"
            f"<link>{h.base}/good/{total}/article/{i}.html</link>"
            f"<pubDate>{good_published(i):%a, %d %b %Y %H:%M:%S %z}</pubDate></item>"
            for i in range(total)
        )
        doc = (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Good</title>'
            f"{items}</channel></rss>"
        )
        h.send(200, doc, "application/rss+xml")
    elif rest == "sitemap.xml":
        urls = "".join(
            f"<url><loc>{h.base}/good/{total}/article/{i}.html</loc>"
            f"<lastmod>{good_published(i).isoformat()}</lastmod></url>"
            for i in range(total)
        )
        doc = (
            '<?xml version="1.0" encoding="UTF-8"?><urlset '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
        )
        h.send(200, doc, "application/xml")
    else:
        h.send(404, b"no such good thing", "text/plain")


# -- api -------------------------------------------------------------------------------------


def api_entry(article_id: str, title: str, body: str | None = None) -> dict[str, Any]:
    entry = {
        "id": article_id,
        "title": title,
        "datetime": "2024-01-01 16:00:00",
        "media": "故障日报",
    }
    if body is not None:
        entry["body"] = body
    return entry


API_BODY = "<p>正文第一段，内容完整。</p><p>正文第二段，内容完整。</p>"
# Ids that the file name of a post must keep apart, and stay inside the posts folder.
COLLIDING_IDS = ("a/b", "a-b", "a?b", "a b", "长" * 100, "....", "x" * 300, "../../escape", "..")
# List entries carrying their body (``/api/bodies``): id -> (title, body); all are stored.
API_BODIES: dict[str, tuple[str, str]] = {
    **{f"id:{i}": (f"冲突的编号 {i}", API_BODY) for i in COLLIDING_IDS},
    "ctrl": ("标题\x0b带\x0c控制字符", "<p>正文\x0b第一段\x0c。</p><p>第二段\x00。</p>"),
    "liquid": (LIQUID_TITLE, f"<p>{LIQUID_TEXT}</p>"),
    "embed": ("未闭合的embed", '<p>第一段。</p><embed src="x.swf"><p>第二段不能丢。</p>'),
    "object": (
        "未闭合的object",
        '<p>第一段。</p><object data="x"><param name="a" value="b"><p>第二段不能丢。</p>',
    ),
}  # fmt: skip
# Detail answers (``/api/details`` lists them, ``/api/text/<id>`` serves them): id ->
# (raw JSON bytes, expected outcome).
API_DETAILS: dict[str, tuple[bytes, Outcome]] = {
    "malformed": (b'{"text": "<p>truncated', "failed"),
    "not-an-object": (b"[1, 2, 3]", "failed"),
    "not-a-string": (b'{"text": 42}', "failed"),
    "missing": (b'{"content": "<p>wrong key</p>"}', "failed"),
    "nul": (b'{"text": "<p>NUL\\u0000 inside</p><p>second</p>"}', "stored"),
    "ok": (json.dumps({"text": API_BODY}, ensure_ascii=False).encode(), "stored"),
}


@behaviour("api")
def _api(h: FaultHandler, arg: str) -> None:
    """``bodies`` and ``details`` lists, ``text/<id>`` details, ``not-json``."""
    if arg == "bodies":
        h.send_json({"items": [api_entry(i, t, b) for i, (t, b) in API_BODIES.items()]})
    elif arg == "details":
        h.send_json({"items": [api_entry(i, f"详情 {i}") for i in API_DETAILS]})
    elif arg.startswith("text/") and arg[5:] in API_DETAILS:
        h.send(200, API_DETAILS[arg[5:]][0], "application/json")
    elif arg == "not-json":
        h.send(200, b"<html><body>maintenance</body></html>", "text/html")
    else:
        h.send(404, b'{"error": "no such list"}', "application/json")


# Outlet names a terminal must not interpret, or that contain '/' (``/api-media/list``).
API_MEDIA = {"media-slash": "新闻/晚报", "media-ansi": "\x1b[31mRed\x1b[0m News\x07"}


@behaviour("api-media")
def _api_media(h: FaultHandler, arg: str) -> None:
    entries = [{**api_entry(i, f"媒体 {i}", API_BODY), "media": m} for i, m in API_MEDIA.items()]
    h.send_json({"items": entries})


# -- running ---------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(prog="python tests/faultserver.py")
    parser.add_argument("--files", type=Path, required=True, help="folder for local files")
    args = parser.parse_args()
    server = FaultServer(args.files)
    threading.Thread(target=server.serve_trap, daemon=True).start()
    print(server.url, flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
