"""Scrapy's in-memory crawl stats, without the cost of its deprecation shim.

Scrapy 2.13+ routes every attribute access of a stats collector through a Python-level
``__getattribute__`` that wraps the counting methods to warn about a ``spider`` argument:
a crawl counts several values per request and per item, and the shim cost a few percent of
the crawl's thread. :class:`CrawlStats` is :class:`~scrapy.statscollectors.MemoryStatsCollector`
with plain attribute access; its methods still take (and ignore) ``spider``.
"""

from __future__ import annotations

from scrapy.statscollectors import MemoryStatsCollector

__all__ = ["CrawlStats"]


class CrawlStats(MemoryStatsCollector):
    """The default stats collector, with ordinary attribute access."""

    __getattribute__ = object.__getattribute__
