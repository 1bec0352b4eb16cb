"""The bare Scrapy baseline: a sitemap spider yielding {url, title, body} to JSON lines.

Run: python bench/peer_scrapy.py SITEMAP_URL OUT.jsonl [--concurrency 8]

Scrapy's defaults, except what every crawler of the benchmark shares: 8 requests per host, no
delay, no AutoThrottle, robots.txt obeyed. Project settings are not read (a plain
``CrawlerProcess`` with its own settings), so newsbot's pipelines never run here.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.spiders import SitemapSpider


class BareSpider(SitemapSpider):
    name = "bare"

    def parse(self, response: Any) -> Iterator[dict[str, str]]:
        yield {
            "url": response.url,
            "title": (response.css("title::text").get() or "").strip(),
            "body": " ".join(t.strip() for t in response.xpath("//body//text()").getall()),
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sitemap")
    parser.add_argument("out")
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    process = CrawlerProcess(
        settings={
            "ROBOTSTXT_OBEY": True,
            "CONCURRENT_REQUESTS_PER_DOMAIN": args.concurrency,
            "DOWNLOAD_DELAY": 0,
            "AUTOTHROTTLE_ENABLED": False,
            "LOG_LEVEL": "WARNING",
            "TELNETCONSOLE_ENABLED": False,
            "FEEDS": {args.out: {"format": "jsonlines", "encoding": "utf-8"}},
        }
    )
    process.crawl(BareSpider, sitemap_urls=[args.sitemap])
    process.start()
    return 0


if __name__ == "__main__":
    sys.exit(main())
