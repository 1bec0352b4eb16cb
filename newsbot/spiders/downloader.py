"""Scrapy's downloader, keeping each host's concurrency when requests queue up at once."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any

from scrapy import Request
from scrapy.core.downloader import Downloader, Slot
from twisted.internet.defer import Deferred

__all__ = ["SlotLimitedDownloader"]


class SlotLimitedDownloader(Downloader):
    """Counts a request as transferring when it leaves its slot's queue.

    Scrapy (2.19, asyncio reactor) starts each download from a slot's queue in a task of its
    own, and only that task counts the request as transferring. One pass over a queue of
    several requests therefore starts all of them, whatever ``concurrent_requests`` says: a
    crawl whose article requests are released together (the extraction backlog) sent up to
    ``CONCURRENT_REQUESTS`` (16) at once to one host, and opened a new connection for most of
    the ones above the limit."""

    def _wait_for_download(
        self, slot: Slot, request: Request, queue_dfd: Deferred[Any]
    ) -> Coroutine[Any, Any, None]:
        slot.transferring.add(request)  # Scrapy adds it again when the task runs, and removes it
        return super()._wait_for_download(slot, request, queue_dfd)
