"""A crawl's writes to SQLite and to the posts folder, in a thread of their own.

Scrapy runs a crawl in one thread. Storing an article (its row, the search indexes) and
writing its post are the heaviest work that thread still does once extraction runs in worker
processes; SQLite and file writes release the GIL while they run, so a second thread doing
them lets the crawl's thread go on with downloads meanwhile, on another core.

:class:`Writer` runs jobs one at a time, in the order given, in one thread: the writes of a
crawl stay in the order the crawl made them, and the stores they go through (one shared
connection, see :mod:`newsbot.store`) serialise their own use. ``Writer(threaded=False)``
runs each job at once in the caller's thread, the same results without a thread.

Jobs hold articles: a writer that falls behind would hold more and more of them. Its
:meth:`Writer.room` tells the crawl to wait with new pages while ``backlog`` jobs are
queued (:class:`~newsbot.spiders.middlewares.ExtractBacklogMiddleware` does).
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

__all__ = ["Writer"]

logger = logging.getLogger(__name__)

T = TypeVar("T")


class Writer:
    """Runs write jobs in order, in one thread (``threaded``) or in the caller's. Must be
    given jobs from one thread."""

    def __init__(self, *, threaded: bool = True, backlog: int = 128) -> None:
        self.threaded = threaded
        self.backlog = backlog
        self.failed = 0  # jobs given to post() that raised
        self._executor: ThreadPoolExecutor | None = None
        self._queued: deque[Future[Any]] = deque()  # in order; the first ones may be done
        self._closed = False

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        """Run ``fn(*args)`` after every job given before; its result, or its exception,
        in the Future."""
        if self._closed:
            raise RuntimeError("the writer is closed")
        if not self.threaded:
            future: Future[T] = Future()
            try:
                future.set_result(fn(*args))
            except BaseException as exc:
                future.set_exception(exc)
            return future
        if self._executor is None:
            self._executor = ThreadPoolExecutor(1, thread_name_prefix="newsbot-writer")
        future = self._executor.submit(fn, *args)
        self._queued.append(future)
        return future

    @property
    def pending(self) -> int:
        """Jobs given and not yet run to their end."""
        while self._queued and self._queued[0].done():
            self._queued.popleft()
        return len(self._queued)

    def room(self) -> Future[Any] | None:
        """None while fewer than ``backlog`` jobs are pending; else the Future of the job
        whose end leaves fewer (jobs end in order), for the caller to wait on."""
        pending = self.pending
        if pending < self.backlog or self._closed:
            return None
        return self._queued[pending - self.backlog]

    def post(self, fn: Callable[..., Any], *args: Any) -> None:
        """Run ``fn(*args)`` like :meth:`submit`, nobody waiting for it: an exception is
        logged in one line and counted in ``failed``."""
        self.submit(fn, *args).add_done_callback(self._report)

    def _report(self, future: Future[Any]) -> None:
        exc = future.exception()
        if exc is not None:
            self.failed += 1
            logger.error("a write failed: %s: %s", type(exc).__name__, exc)

    def drain(self) -> None:
        """Wait until every job given so far has run."""
        if self._executor is not None and not self._closed:
            self._executor.submit(lambda: None).result()

    def close(self) -> None:
        """Run what is queued, then end the thread; later jobs are refused."""
        if self._closed:
            return
        self._closed = True
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None
