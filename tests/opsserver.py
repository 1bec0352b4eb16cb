"""A small news site for operations tests (locks, politeness, scheduling), in a thread.

Each server has its own robots.txt and keeps a log of every request with the time it
arrived, so tests measure spacing on the server's side, never on the test's wall clock.

- ``/robots.txt``: ``robots`` given to the constructor (404 when None)
- ``/news/list.html``: a list page linking to ``/news/<n>.html`` for n < ``articles``
- ``/news/<n>.html``: an article page with a title, a date and a body
- ``/slow/list.html?seconds=S``: the list page, after S seconds
- ``/busy/list.html``: 429 with ``Retry-After: 2`` on the first request, then the list page
- ``/private/...``: the list page too (a robots.txt may disallow it)
- any path in ``broken``: 500
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

ARTICLE = """<!doctype html><html><head><meta charset="utf-8"><title>Article {n}</title>
<meta property="article:published_time" content="2022-05-{day:02d}T08:00:00+08:00">
</head><body><article><h1>Article {n}</h1>
<p>Paragraph one of article {n} tells what happened in the city on that day at length.</p>
<p>Paragraph two of article {n} adds what the officials said and what comes next.</p>
</article></body></html>"""


@dataclass(frozen=True)
class Hit:
    at: float  # time.monotonic() when the request arrived
    path: str


class _Handler(BaseHTTPRequestHandler):
    server: OpsServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        return

    def _send(self, status: int, body: str, headers: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _list(self) -> str:
        links = "".join(
            f'<li><a href="/news/{n}.html">Article {n}</a></li>'
            for n in range(self.server.articles)
        )
        return f"<html><body><ul>{links}</ul></body></html>"

    def do_GET(self) -> None:
        self.server.record(self.path)
        parts = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        path = parts.path
        if path == "/robots.txt":
            if self.server.robots is None:
                self._send(404, "not found")
            else:
                self._send(200, self.server.robots)
        elif path in self.server.broken:
            self._send(500, "broken")
        elif path in ("/news/list.html", "/private/list.html"):
            self._send(200, self._list())
        elif path == "/slow/list.html":
            time.sleep(float(query.get("seconds", "5")))
            self._send(200, self._list())
        elif path == "/busy/list.html":
            with self.server.lock:
                self.server.busy_hits += 1
                first = self.server.busy_hits == 1
            if first:
                self._send(429, "slow down", {"Retry-After": "2"})
            else:
                self._send(200, self._list())
        elif path.startswith("/news/") and path.endswith(".html"):
            n = int(path[len("/news/") : -len(".html")])
            self._send(200, ARTICLE.format(n=n, day=1 + n % 28))
        else:
            self._send(404, "not found")


class OpsServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, robots: str | None = None, articles: int = 3) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.robots = robots
        self.articles = articles
        self.lock = threading.Lock()
        self.log: list[Hit] = []
        self.busy_hits = 0
        self.broken: set[str] = set()  # paths answering 500

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def record(self, path: str) -> None:
        with self.lock:
            self.log.append(Hit(time.monotonic(), path))

    def hits(self, prefix: str = "/") -> list[Hit]:
        with self.lock:
            return [hit for hit in self.log if hit.path.startswith(prefix)]

    def __enter__(self) -> OpsServer:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()
