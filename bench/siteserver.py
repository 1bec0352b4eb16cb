"""Serve the generated site of ``gensite.py`` on 127.0.0.1 from memory, as fast as asyncio can.

Run: python bench/siteserver.py --articles N [--sizes 2000,10000] [--cpu 1]

Every response (status line, headers and body) is rendered before the first request, so a
request costs a dictionary look-up and one write. HTTP/1.1 with keep-alive; GET and HEAD.
Prints ``READY <base URL>`` when it serves. ``/_stats`` answers the requests served so far
as JSON (``requests``, ``robots``, ``not_found``).

``--load URL --seconds S`` is the other end: a client of 16 keep-alive connections asking for
article pages as fast as it can; it prints the requests per second it got, so a reader can
see that the server is not what limits the crawlers.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gensite import Site

REASONS = {200: b"OK", 404: b"Not Found", 405: b"Method Not Allowed"}


def _response(status: int, content_type: str, body: bytes) -> tuple[bytes, bytes]:
    head = (
        b"HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n"
        b"Server: benchsite\r\n\r\n"
        % (status, REASONS[status], content_type.encode("ascii"), len(body))
    )
    return head, body


class SiteProtocol(asyncio.Protocol):
    def __init__(self, responses: dict[bytes, tuple[bytes, bytes]], stats: dict[str, int]):
        self.responses = responses
        self.stats = stats
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        transport = self.transport
        assert transport is not None
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head, self.buffer = self.buffer[:end], self.buffer[end + 4 :]
            line, _, headers = head.partition(b"\r\n")
            parts = line.split(b" ")
            if len(parts) != 3:
                transport.close()
                return
            method, target = parts[0], parts[1].split(b"?", 1)[0]
            self.stats["requests"] += 1
            if target.startswith(b"http"):  # absolute form: keep the path
                target = b"/" + target.split(b"/", 3)[-1]
            if target == b"/_stats":
                answer = _response(200, "application/json", json.dumps(self.stats).encode())
            elif method not in (b"GET", b"HEAD"):
                answer = _response(405, "text/plain", b"GET only")
            else:
                answer = self.responses.get(target)
                if answer is None:
                    self.stats["not_found"] += 1
                    answer = _response(404, "text/plain", b"not found")
                elif target == b"/robots.txt":
                    self.stats["robots"] += 1
            transport.write(answer[0] if method == b"HEAD" else answer[0] + answer[1])
            if b"connection: close" in headers.lower():
                transport.close()
                return


def serve(articles: int, sizes: list[int]) -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(1024)
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    site = Site(articles, base, sizes=sizes)
    responses = {
        path.encode("ascii"): _response(page.status, page.content_type, page.body)
        for path, page in site.pages.items()
    }
    del site
    stats = {"requests": 0, "robots": 0, "not_found": 0}

    async def main() -> None:
        loop = asyncio.get_running_loop()
        server = await loop.create_server(lambda: SiteProtocol(responses, stats), sock=sock)
        print(f"READY {base}", flush=True)
        async with server:
            await server.serve_forever()

    asyncio.run(main())


async def _load(base: str, paths: list[str], seconds: float, connections: int) -> int:
    host, port = base.removeprefix("http://").split(":")
    deadline = time.perf_counter() + seconds
    done = 0

    async def one(worker: int) -> None:
        nonlocal done
        reader, writer = await asyncio.open_connection(host, int(port))
        k = worker
        while time.perf_counter() < deadline:
            path = paths[k % len(paths)]
            k += connections
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            length = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
            await reader.readexactly(length)
            done += 1
        writer.close()

    await asyncio.gather(*(one(w) for w in range(connections)))
    return done


def load(base: str, seconds: float, connections: int = 16) -> float:
    """Requests per second one client process gets from the server at ``base``."""
    paths = _article_paths(base)
    started = time.perf_counter()
    done = asyncio.run(_load(base, paths, seconds, connections))
    return done / (time.perf_counter() - started)


def _article_paths(base: str) -> list[str]:
    import re
    import urllib.request

    for size in (2000, 1000, 500, 200, 100, 50, 20, 10):
        try:
            with urllib.request.urlopen(f"{base}/sitemaps/{size}/0.xml") as answer:
                text = answer.read().decode("utf-8")
        except OSError:
            continue
        return [re.sub(r"^https?://[^/]+", "", u) for u in re.findall(r"<loc>([^<]+)", text)]
    raise SystemExit(f"no sitemap found at {base}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--sizes", default="", help="comma-separated sitemap sizes")
    parser.add_argument("--cpu", type=int, default=None, help="pin to this CPU")
    parser.add_argument("--load", metavar="URL", help="measure the server at URL instead")
    parser.add_argument("--seconds", type=float, default=2.0)
    args = parser.parse_args()
    if args.cpu is not None:
        os.sched_setaffinity(0, {args.cpu})
    if args.load:
        print(f"{load(args.load, args.seconds):.0f}")
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s]
    serve(args.articles, sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
