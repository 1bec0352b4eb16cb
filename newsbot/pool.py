"""Article pages extracted in worker processes, off the crawl's one thread.

Scrapy runs a crawl in one thread (the Twisted reactor). Parsing and extracting a page is
the heaviest work per article, and while it runs nothing else does: downloads wait, and
their timeouts do not fire. :class:`ExtractPool` runs that work in worker processes of a
``concurrent.futures.ProcessPoolExecutor`` and hands each result back to the reactor thread
as a Deferred, so the crawl goes on meanwhile and the other cores take part.

- At most four jobs per worker are handed to the executor at a time; the rest wait here.
  With fewer, a worker sat idle a fifth of the time while the crawl's busy thread got round
  to passing it the next page; with four, the executor's own thread refills it at once. A
  worker that dies (killed, out of memory) breaks the executor and every job it held: those
  few jobs fail with :class:`WorkerDied`, a new executor takes over the jobs still waiting.
- :meth:`ExtractPool.room` tells a new article request to wait while ``backlog`` jobs are
  held, so pages are not fetched faster than they are extracted.
- Workers ignore SIGINT (the crawl stops them), and exit when the crawl's process is gone,
  even after SIGKILL; :meth:`ExtractPool.close` kills them at once.

:func:`extract_article` is the job: the same function, in a worker or in the crawl's own
thread, gives the same Article.
"""

from __future__ import annotations

import os
import pickle
from collections import deque
from collections.abc import Callable, Mapping
from datetime import datetime
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from twisted.internet.defer import Deferred

    from newsbot.config import Source
    from newsbot.items import Article

__all__ = [
    "ExtractPool",
    "WorkerDied",
    "acquire_pool",
    "default_workers",
    "extract_article",
    "extract_pickled",
    "release_pool",
]


# Jobs handed to the executor per worker, and jobs pending per worker before new article
# requests wait. Measured on the benchmark's site (one worker): with 2 and 4 the worker was
# busy 78-80% of the crawl, with 4 and 16 88-92%.
JOBS_PER_WORKER = 4
BACKLOG_PER_WORKER = 16


def default_workers() -> int:
    """Worker processes by default: one fewer than the CPUs this process may use, at least
    one. The crawl's own thread (downloads, pipelines, SQLite) keeps one core busy; on a
    single CPU one worker still keeps a slow page from stopping the downloads."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, cpus - 1)


def extract_article(
    source: Source,
    body: bytes,
    url: str,
    now: datetime,
    content_type: str | None = None,
    hints: Mapping[str, datetime] | None = None,
) -> tuple[Article, str]:
    """The Article of a fetched page of ``source``: parsed once, extracted with the
    source's rules and time zone, its body cleaned and its dates normalised, its category
    and tags derived (as the pipelines would: the outlet's name cleaned first, then
    :func:`~newsbot.pipelines.category.derive_category`; the pinyin of a slug is made here,
    not in the crawl's thread), with what the store derives from its texts (``prepared``);
    and the charset declaration its bytes contradicted ("" when none), for the crawl to
    count."""
    from newsbot.clean import clean_text
    from newsbot.kinds.pages import article_from_extracted, extract_checked
    from newsbot.pipelines.category import derive_category
    from newsbot.store import prepare_article

    result, mismatch = extract_checked(
        body, url, source, now=now, content_type=content_type, hints=hints
    )
    article = article_from_extracted(result, source, now)
    article.media = clean_text(article.media)
    derive_category(article, source.post)
    article.prepared = prepare_article(article)
    return article, mismatch


@lru_cache(maxsize=32)
def _unpickled_source(blob: bytes) -> Source:
    return pickle.loads(blob)


def extract_pickled(source: bytes, *args: Any) -> tuple[Article, str]:
    """:func:`extract_article` in a worker, with the source pickled once by the crawl
    (``pickle.dumps(source)``) and unpickled once per worker."""
    return extract_article(_unpickled_source(source), *args)


class WorkerDied(RuntimeError):
    """The worker process that held a job ended without an answer (killed, out of memory,
    crashed); the job is lost."""


def _worker_started() -> None:
    """In each worker: leave SIGINT to the crawl, and exit when the crawl's process ends."""
    import multiprocessing
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with_parent, args=(parent.sentinel,), daemon=True).start()


def _exit_with_parent(sentinel: int) -> None:
    from multiprocessing.connection import wait

    wait([sentinel])
    os._exit(0)


class _Job:
    __slots__ = ("args", "deferred", "executor", "fn")

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...], deferred: Deferred) -> None:
        self.fn = fn
        self.args = args
        self.deferred = deferred
        self.executor: ProcessPoolExecutor | None = None


class ExtractPool:
    """Runs jobs in ``workers`` processes (started on the first job); each result, or the
    job's exception, is delivered in the reactor thread through the Deferred of
    :meth:`submit`. Must be used from the reactor thread."""

    def __init__(self, workers: int, *, backlog: int | None = None) -> None:
        if workers < 1:
            raise ValueError(f"an extraction pool needs at least one worker, not {workers}")
        self.workers = workers
        self.backlog = backlog if backlog is not None else BACKLOG_PER_WORKER * workers
        self.restarts = 0  # executors replaced after a worker died
        self._executor: ProcessPoolExecutor | None = None
        self._waiting: deque[_Job] = deque()
        self._running: set[_Job] = set()
        self._room: deque[Deferred] = deque()
        self._closed = False

    @property
    def pending(self) -> int:
        """Jobs submitted and not yet answered."""
        return len(self._waiting) + len(self._running)

    def submit(self, fn: Callable[..., Any], *args: Any) -> Deferred:
        """Run ``fn(*args)`` in a worker (``fn`` and ``args`` must pickle)."""
        from twisted.internet.defer import Deferred, fail

        if self._closed:
            return fail(RuntimeError("the extraction pool is closed"))
        job = _Job(fn, args, Deferred())
        self._waiting.append(job)
        self._pump()
        return job.deferred

    def room(self) -> Deferred:
        """A Deferred that fires once fewer than ``backlog`` jobs are pending."""
        from twisted.internet.defer import Deferred, succeed

        if self._closed or self.pending < self.backlog:
            return succeed(None)
        waiter: Deferred = Deferred()
        self._room.append(waiter)
        return waiter

    def close(self) -> None:
        """Stop now: jobs not yet answered are dropped, workers are killed."""
        if self._closed:
            return
        self._closed = True
        self._waiting.clear()
        self._running.clear()
        if self._executor is not None:
            _kill(self._executor)
            self._executor = None
        while self._room:
            self._room.popleft().callback(None)

    def _new_executor(self) -> ProcessPoolExecutor:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from twisted.internet import reactor

        if not self.restarts:  # the first: workers go with the reactor, even on a forced stop
            reactor.addSystemEventTrigger("before", "shutdown", self.close)

        # spawn, not fork: the crawl's process runs threads (DNS, the executor's own).
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(self.workers, mp_context=context, initializer=_worker_started)

    def _pump(self) -> None:
        from concurrent.futures.process import BrokenProcessPool

        while (
            self._waiting
            and len(self._running) < JOBS_PER_WORKER * self.workers
            and not self._closed
        ):
            job = self._waiting.popleft()
            if self._executor is None:
                self._executor = self._new_executor()
            try:
                future = self._executor.submit(job.fn, *job.args)
            except BrokenProcessPool:  # a worker died while idle: this job never ran
                self._replace()
                self._waiting.appendleft(job)
                continue
            job.executor = self._executor
            self._running.add(job)
            future.add_done_callback(partial(self._answered_in_thread, job))

    def _replace(self) -> None:
        """Drop a broken executor; the next job starts a new one."""
        if self._executor is not None:
            _kill(self._executor)
            self._executor = None
            self.restarts += 1

    def _answered_in_thread(self, job: _Job, future: Future) -> None:
        from twisted.internet import reactor

        reactor.callFromThread(self._answered, job, future)

    def _answered(self, job: _Job, future: Future) -> None:
        from concurrent.futures.process import BrokenProcessPool

        from twisted.python.failure import Failure

        if self._closed or job not in self._running:
            return
        self._running.discard(job)
        exc = None if future.cancelled() else future.exception()
        if future.cancelled() or isinstance(exc, BrokenProcessPool):
            if job.executor is self._executor:
                self._replace()
            job.deferred.errback(Failure(WorkerDied(f"extraction worker died: {exc}")))
        elif exc is not None:
            job.deferred.errback(Failure(exc))
        else:
            job.deferred.callback(future.result())
        self._pump()
        while self._room and self.pending < self.backlog:
            self._room.popleft().callback(None)


def _kill(executor: ProcessPoolExecutor) -> None:
    """Shut an executor down without waiting: queued jobs cancelled, workers killed."""
    executor.shutdown(wait=False, cancel_futures=True)
    terminate = getattr(executor, "terminate_workers", None)  # Python 3.14+
    if terminate is not None:
        terminate()
        return
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        process.terminate()


# One pool per crawl process, shared by the sources crawled together in it.
_shared: dict[str, Any] = {"pool": None, "users": 0}


def acquire_pool(workers: int) -> ExtractPool:
    """The process's extraction pool (created with ``workers`` on first use); give it back
    with :func:`release_pool`. It is closed when its last user releases it, or when the
    reactor shuts down (a second SIGTERM)."""
    pool = _shared["pool"]
    if pool is None:
        pool = ExtractPool(workers)
        _shared["pool"] = pool
    _shared["users"] += 1
    return pool


def release_pool(pool: ExtractPool) -> None:
    if _shared["pool"] is not pool:
        return
    _shared["users"] -= 1
    if _shared["users"] <= 0:
        pool.close()
        _shared["pool"] = None
        _shared["users"] = 0
