"""Measuring parts for crawls run by the reliability tests (loaded with ``-s``).

:class:`MaxPendingScheduler` is Scrapy's own scheduler; it also notes the most requests it
ever held at once, and writes that number to the file named by ``NEWSBOT_PROBE_FILE`` when
the spider closes.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from scrapy import Request
from scrapy.core.scheduler import Scheduler


class MaxPendingScheduler(Scheduler):
    most = 0

    def enqueue_request(self, request: Request) -> bool:
        queued = super().enqueue_request(request)
        self.most = max(self.most, len(self))
        return queued

    def close(self, reason: str) -> Any:
        Path(os.environ["NEWSBOT_PROBE_FILE"]).write_text(str(self.most), "utf-8")
        return super().close(reason)
