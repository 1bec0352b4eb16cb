"""A local stand-in for the upstream endpoints, for the demo and the tests.

It serves on 127.0.0.1 only, on a free port, the same JSON shapes as the upstream feeds
(see README.md, "Sample server"), plus a few named behaviours for failure tests:

- ``/NewsData/GetNewsList.do?marketType=37|38|39&count=N``: regional feed, ``{"record": [...]}``
- ``/NewsData/GetNewsList.do?marketType=99``: the fault feed (500s, bad JSON, slow, GBK, no date)
- ``/EmNews/GetNewsList.do?count=N``: the emnews feed, ``{"records": [...]}``
- ``/NewsData/GetNewsText.do?id=ID``: article text, ``{"text": ...}`` or ``{"content": ...}``
- ``/yjrb/``, ``/world/``, ``/metro/``: sample news websites (see :mod:`.sites`)
- ``/archive/``: a large generated archive that changes on request (see :mod:`.archive`)
- ``/status/<code>``, ``/delay?seconds=S``: generic behaviours
- ``/_requests``: how many requests were served (besides this one), for "no request" checks;
  with ``?paths=1`` also per path, and the count of each status answered
- ``/_redesign?site=yjrb``: from now on that sample site serves its redesigned article pages
  (the body fetched and rendered by a script: a layout change that breaks extraction), for
  health checks

Every 200 answer carries an ``ETag`` (a hash of the body) and, where the page knows when it
changed, ``Last-Modified``; ``If-None-Match`` / ``If-Modified-Since`` that still hold get 304.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, urlsplit

from newsbot.sampleserver.archive import Archive
from newsbot.sampleserver.sites import route_site

__all__ = ["SampleServer", "load_data", "serve_subprocess", "start_server"]

FAULT_ENTRIES = [
    ("FAULT500", "服务器错误的文章", "2022-05-18 10:00:00"),
    ("FAULTJSON", "返回损坏JSON的文章", "2022-05-18 10:05:00"),
    ("FAULTSLOW", "响应超时的文章", "2022-05-18 10:10:00"),
    ("FAULTGBK", "以GBK编码返回的文章", "2022-05-18 10:15:00"),
    ("FAULTNODATE", "没有发布时间的文章", ""),
    ("FAULTEVIL", "带有脚本的文章", "2022-05-18 10:20:00"),
]
EVIL_BODY = (
    '<p onclick="steal()">　　正文第一段<script>alert(1)</script></p>\n'
    '<p><a href="javascript:alert(2)">链接</a><iframe src="http://ads.example/"></iframe>'
    '<img src="/img/a.png" onerror="x()"></p>'
)


def load_data() -> dict[str, Any]:
    """The recorded feeds, ``regional`` (by marketType), ``emnews`` and ``texts`` (by id),
    and the sample sites' articles, ``world`` and ``metro``."""
    folder = resources.files(__package__).joinpath("data")
    data: dict[str, Any] = {}
    for name in ("eastmoney.json", "sites.json"):
        data.update(json.loads(folder.joinpath(name).read_text("utf-8")))
    return data


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes: without this, keep-alive clients wait
    # for delayed ACKs (tens of milliseconds a request).
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        return

    def _send(
        self, status: int, body: bytes, content_type: str, last_modified: datetime | None = None
    ) -> None:
        headers = {"Content-Type": content_type}
        if status == 200:
            etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
            headers["ETag"] = etag
            if last_modified is not None:
                headers["Last-Modified"] = format_datetime(
                    last_modified.astimezone(UTC), usegmt=True
                )
            if self._not_modified(etag, last_modified):
                status, body = 304, b""
        if urlsplit(self.path).path != "/_requests":
            with self.server.lock:
                self.server.statuses[status] += 1
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _not_modified(self, etag: str, last_modified: datetime | None) -> bool:
        match = self.headers.get("If-None-Match")
        if match is not None:
            return etag in [tag.strip() for tag in match.split(",")]
        since = self.headers.get("If-Modified-Since")
        if since is None or last_modified is None:
            return False
        try:
            return last_modified.replace(microsecond=0) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False

    def _json(self, payload: Any, status: int = 200) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self._send(status, body, "application/json; charset=utf-8")

    def _base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        path = parts.path
        if path == "/_requests":
            with self.server.lock:
                answer: dict[str, Any] = {"requests": self.server.count}
                if query.get("paths"):
                    answer["paths"] = dict(self.server.paths)
                    answer["statuses"] = {str(k): v for k, v in self.server.statuses.items()}
            self._json(answer)
            return
        if path == "/_redesign":
            self.server.data.setdefault("redesigned", set()).add(query.get("site", ""))
            self._json({"redesigned": sorted(self.server.data["redesigned"])})
            return
        with self.server.lock:
            self.server.count += 1
            self.server.paths[self.path] += 1
        data = self.server.data
        count = int(query.get("count", "100") or 100)
        if path == "/NewsData/GetNewsList.do":
            market = query.get("marketType", "")
            if market == "99":
                entries = [
                    {"title": t, "datetime": d, "medianame": "故障日报", "infoCode": code}
                    for code, t, d in FAULT_ENTRIES
                ]
                self._json({"record": entries})
            elif market in data["regional"]:
                self._json({"rc": 1, "record": data["regional"][market][:count]})
            else:
                self._json({"rc": 0, "record": []})
        elif path == "/EmNews/GetNewsList.do":
            self._json({"rc": 1, "records": data["emnews"][:count]})
        elif path == "/NewsData/GetNewsText.do":
            self._text(query.get("id", ""))
        elif (reply := route_site(path, data, self._base())) is not None or (
            reply := self.server.archive.route(path, query, self._base())
        ) is not None:
            self._send(reply.status, reply.body, reply.content_type, reply.last_modified)
        elif path.startswith("/status/"):
            code = int(path.rsplit("/", 1)[1])
            self._send(code, HTTPStatus(code).phrase.encode(), "text/plain")
        elif path == "/delay":
            time.sleep(float(query.get("seconds", "1")))
            self._send(200, b"slow", "text/plain")
        else:
            self._send(404, b"not found", "text/plain")

    def _text(self, article_id: str) -> None:
        if article_id == "FAULT500":
            self._send(500, b"Internal Server Error", "text/plain")
        elif article_id == "FAULTJSON":
            self._send(200, b'{"text": "<p>truncated', "application/json")
        elif article_id == "FAULTSLOW":
            time.sleep(self.server.slow_seconds)
            self._json({"text": "<p>too late</p>"})
        elif article_id == "FAULTGBK":
            body = json.dumps(
                {"text": "<p>　　广西壮族自治区百色市右江区新闻。</p>"}, ensure_ascii=False
            )
            self._send(200, body.encode("gbk"), "application/json; charset=gbk")
        elif article_id == "FAULTEVIL":
            self._json({"text": EVIL_BODY})
        elif article_id in self.server.data["texts"]:
            self._json(self.server.data["texts"][article_id])
        else:
            self._json({"text": None, "error": "no such article"}, status=404)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, data: dict[str, Any], slow_seconds: float, archive: Archive) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.data = data
        self.slow_seconds = slow_seconds
        self.archive = archive
        self.lock = threading.Lock()
        self.count = 0
        self.paths: Counter[str] = Counter()
        self.statuses: Counter[int] = Counter()


class SampleServer:
    """The sample server in a thread of this process: ``with SampleServer() as url: ...``."""

    def __init__(
        self,
        slow_seconds: float = 5.0,
        archive_articles: int = 120,
        archive_days: int = 10,
        archive_end: datetime | None = None,
    ) -> None:
        end = {} if archive_end is None else {"end": archive_end}
        archive = Archive(articles=archive_articles, days=archive_days, **end)
        self._server = _Server(load_data(), slow_seconds, archive)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def serve_forever(self) -> None:
        """Serve in the calling thread until interrupted."""
        try:
            self._server.serve_forever()
        finally:
            self._server.server_close()

    def __enter__(self) -> str:
        self._thread.start()
        return self.url

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def serve_subprocess(
    slow_seconds: float = 5.0,
    archive_articles: int = 120,
    archive_days: int = 10,
    archive_end: datetime | None = None,
) -> tuple[subprocess.Popen[str], str]:
    """Start ``python -m newsbot.sampleserver`` and return the process and its URL."""
    argv = [sys.executable, "-m", "newsbot.sampleserver", "--slow", str(slow_seconds)]
    argv += ["--archive-articles", str(archive_articles), "--archive-days", str(archive_days)]
    if archive_end is not None:
        argv += ["--archive-end", archive_end.isoformat()]
    return start_server(argv)


def start_server(argv: list[str]) -> tuple[subprocess.Popen[str], str]:
    """Start a server command that prints its ``http://127.0.0.1:PORT`` URL as its first
    line; return the process and the URL."""
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if not line.startswith("http://127.0.0.1:"):
        proc.kill()
        raise RuntimeError(f"server {argv} did not start: {line!r}")
    return proc, line
