"""Short logs for cron: one line per problem, tracebacks only with ``-v``."""

from __future__ import annotations

import logging
import sys

__all__ = ["OneLineFilter", "RepeatsFilter", "quiet_logging"]

# Scrapy's lines about a request that newsbot then logs as one ``failed <url> (<reason>)``
# line of its own (or, for a large page that is read, no problem at all): a robots.txt that
# could not be fetched (the page's own request fails, or is fetched), a body over
# DOWNLOAD_MAXSIZE or DOWNLOAD_WARNSIZE, decompressed or not, and a short body.
REPEATED = (
    "Error downloading <",
    "bytes which is larger than download max size",
    "bytes which is larger than download warn size",
    "exceeded DOWNLOAD_MAXSIZE",
    "is larger than the download warning size",
    "Got data loss in ",
)


class OneLineFilter(logging.Filter):
    """Keeps a record to its first line and drops its traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = _first_line(record.getMessage())
        exc = record.exc_info[1] if record.exc_info else None
        detail = _first_line(str(exc)) if exc is not None else ""
        if detail and detail not in message:
            message = f"{message}: {detail}"
        record.msg, record.args = message, None
        record.exc_info = record.exc_text = record.stack_info = None
        return True


class RepeatsFilter(logging.Filter):
    """Drops Scrapy's lines that newsbot's own failure line repeats (:data:`REPEATED`), so
    each problem is one line; ``-v`` shows them all."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.name.startswith("scrapy."):
            return True
        message = record.getMessage()
        return not any(text in message for text in REPEATED)


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0] if lines else ""


def quiet_logging(level: str = "WARNING") -> None:
    """Log to stderr one line per record, without tracebacks, at ``level`` and above."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    handler.addFilter(RepeatsFilter())
    handler.addFilter(OneLineFilter())
    handler.setLevel(level)
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "newsbot_quiet", False)]:
        root.removeHandler(old)
    handler.newsbot_quiet = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
