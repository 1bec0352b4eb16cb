"""The trafilatura baseline: fetch + extract in 8 threads, URLs from the sitemap index.

Run: python bench/peer_trafilatura.py SITEMAP_URL OUT.jsonl [--threads 8]

trafilatura's configuration turns ``SSRF_PROTECTION`` off, or it refuses 127.0.0.1. The
sitemap index and its sitemaps are fetched with ``trafilatura.fetch_url`` and their ``<loc>``
read with a regular expression (``trafilatura.sitemaps`` rejects a host with a port, such as
the benchmark's server). URLs that robots.txt disallows are left out (``urllib.robotparser``,
as trafilatura's own crawler does). Each page is fetched with ``fetch_url`` and extracted with
``bare_extraction(..., with_metadata=True)`` in a pool of 8 threads, with no delay between
requests. One JSON line {url, title, date, body} per page extracted.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import trafilatura
from trafilatura.settings import use_config

CONFIG = use_config()
CONFIG.set("DEFAULT", "SSRF_PROTECTION", "off")
LOC_RE = re.compile(r"<loc>\s*([^<\s]+)\s*</loc>")


def sitemap_urls(url: str) -> list[str]:
    """Page URLs of a sitemap or sitemap index (recursively)."""
    text = trafilatura.fetch_url(url, config=CONFIG) or ""
    locs = LOC_RE.findall(text)
    if "<sitemapindex" in text:
        return [page for loc in locs for page in sitemap_urls(loc)]
    return locs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sitemap")
    parser.add_argument("out")
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    parts = urlsplit(args.sitemap)
    robots = RobotFileParser()
    robots_txt = trafilatura.fetch_url(f"{parts.scheme}://{parts.netloc}/robots.txt", config=CONFIG)
    robots.parse((robots_txt or "").splitlines())
    urls = [u for u in sitemap_urls(args.sitemap) if robots.can_fetch("*", u)]

    def one(url: str) -> str | None:
        page = trafilatura.fetch_url(url, config=CONFIG)
        if page is None:
            return None
        doc = trafilatura.bare_extraction(page, url=url, with_metadata=True, config=CONFIG)
        if doc is None:
            return None
        return json.dumps(
            {"url": url, "title": doc.title, "date": doc.date, "body": doc.text},
            ensure_ascii=False,
        )

    with open(args.out, "w", encoding="utf-8") as out, ThreadPoolExecutor(args.threads) as pool:
        for line in pool.map(one, urls):
            if line is not None:
                out.write(line + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
