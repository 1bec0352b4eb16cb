"""Short logs for cron: one line per problem, tracebacks only with ``-v``."""

from __future__ import annotations

import logging
import sys

__all__ = ["OneLineFilter", "quiet_logging"]


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


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0] if lines else ""


def quiet_logging(level: str = "WARNING") -> None:
    """Log to stderr one line per record, without tracebacks, at ``level`` and above."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    handler.addFilter(OneLineFilter())
    handler.setLevel(level)
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "newsbot_quiet", False)]:
        root.removeHandler(old)
    handler.newsbot_quiet = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
