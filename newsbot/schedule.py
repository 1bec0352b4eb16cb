"""``newsbot run``: crawl sources for ever, each at its own interval (README.md, "Scheduler").

Each run of a source is one ``newsbot crawl SOURCE`` subprocess: a crawl's memory goes back
to the system when it ends (Twisted's reactor cannot be restarted, and a process that runs
crawl after crawl keeps what Scrapy and lxml allocated), a crash costs one run, and the
run takes the source's lock like any other crawl, so cron and the scheduler never overlap.

The pure part (:func:`next_due`, :func:`quiet_until`) decides when; :class:`Scheduler`
starts, watches and stops the subprocesses and prints one line per run.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time as _time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from newsbot.config import Source

__all__ = [
    "Job",
    "RunResult",
    "Scheduler",
    "job_for",
    "next_due",
    "quiet_until",
    "run_forever",
]


@dataclass(frozen=True)
class Job:
    """When one source is crawled."""

    source: str
    every: timedelta
    jitter: timedelta = timedelta(0)
    quiet: tuple[time, time] | None = None
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    domain: str = ""
    daily_requests: int | None = None


def parse_quiet_hours(value: str | None) -> tuple[time, time] | None:
    """``"01:00-06:30"`` as (start, end); the range may wrap past midnight."""
    if not value:
        return None
    start, end = value.split("-")
    return time.fromisoformat(start.strip().zfill(5)), time.fromisoformat(end.strip().zfill(5))


def job_for(source: Source) -> Job:
    """The schedule of a source, from its ``[schedule]`` table."""
    schedule = source.schedule
    host = urlsplit(source.base_url).hostname or source.key  # the host actually asked
    return Job(
        source=source.key,
        every=schedule.every,
        jitter=schedule.jitter,
        quiet=parse_quiet_hours(schedule.quiet_hours),
        timezone=ZoneInfo(source.timezone),
        domain=host,
        daily_requests=schedule.daily_requests,
    )


def quiet_until(job: Job, when: datetime) -> datetime | None:
    """The end of the quiet hours ``when`` falls in (in the job's zone), or None."""
    if job.quiet is None:
        return None
    start, end = job.quiet
    local = when.astimezone(job.timezone)
    clock = local.time().replace(tzinfo=None)
    if start <= end:
        quiet = start <= clock < end
        end_day = local.date()
    else:  # wraps past midnight: 22:00-06:00
        quiet = clock >= start or clock < end
        end_day = local.date() + timedelta(days=1) if clock >= start else local.date()
    if not quiet:
        return None
    return datetime.combine(end_day, end, tzinfo=job.timezone).astimezone(when.tzinfo)


def next_due(job: Job, after: datetime, rng: random.Random | None = None) -> datetime:
    """When to start the next run of ``job``, its previous run having started at ``after``:
    one interval later, plus a random share of the jitter, moved past quiet hours."""
    jitter = job.jitter.total_seconds()
    extra = (rng or random).uniform(0, jitter) if jitter > 0 else 0.0
    due = after + job.every + timedelta(seconds=extra)
    return quiet_until(job, due) or due


@dataclass
class RunResult:
    source: str
    due: datetime
    started: datetime
    finished: datetime
    exit_code: int

    def line(self, counts: dict[str, Any] | None) -> str:
        took = (self.finished - self.started).total_seconds()
        late = (self.started - self.due).total_seconds()
        tally = ""
        if counts:
            tally = ", " + ", ".join(f"{name} {counts.get(name) or 0}" for name in COUNTS)
        status = counts.get("status") if counts else None
        return (
            f"{self.started.isoformat(timespec='milliseconds')} {self.source}: exit"
            f" {self.exit_code} in {took:.1f}s (due {self.due.isoformat(timespec='milliseconds')},"
            f" {late:+.1f}s){tally}{f'; {status}' if status else ''}"
        )


COUNTS = ("new", "updated", "unchanged", "failed", "dropped")


@dataclass
class _Running:
    proc: subprocess.Popen[bytes]
    due: datetime
    started: datetime


class Scheduler:
    """Runs ``jobs`` until :meth:`stop` (SIGINT, SIGTERM): each job's runs start when due,
    never two of one job at once. Stopping starts no run; the runs in flight receive SIGTERM
    and stop after the requests and items in flight, hurried after ``stop_grace`` seconds."""

    def __init__(
        self,
        jobs: Sequence[Job],
        command: Callable[[str], list[str]],
        *,
        db: Path,
        out: IO[str] | None = None,
        clock: Callable[[], datetime] | None = None,
        rng: random.Random | None = None,
        stop_grace: float = 3.0,
    ) -> None:
        self.jobs = {job.source: job for job in jobs}
        self.command = command
        self.db = db
        self.out = out or sys.stdout
        self.clock = clock or (lambda: datetime.now(UTC))
        self.rng = rng or random.Random()
        now = self.clock()
        self.due = {key: quiet_until(job, now) or now for key, job in self.jobs.items()}
        self.running: dict[str, _Running] = {}
        self.stopping = False
        self.stop_asked = 0.0
        self.stop_grace = stop_grace
        self.hurried = False
        self.results: list[RunResult] = []

    def stop(self, *_: object) -> None:
        if not self.stopping:
            self.stopping = True
            self.stop_asked = _time.monotonic()
            self._signal_runs(signal.SIGTERM)

    def _signal_runs(self, signum: int) -> None:
        for run in self.running.values():
            if run.proc.poll() is None:
                run.proc.send_signal(signum)

    def _hurry(self) -> None:
        """Runs still going ``stop_grace`` seconds after the stop: a second SIGTERM (Scrapy
        then stops at once; what was stored stays), and SIGKILL a second later."""
        waited = _time.monotonic() - self.stop_asked
        if waited > self.stop_grace + 1:
            self._signal_runs(signal.SIGKILL)
        elif waited > self.stop_grace and not self.hurried:
            self.hurried = True
            self._signal_runs(signal.SIGTERM)

    def _capped(self, job: Job, now: datetime) -> bool:
        if job.daily_requests is None or not self.db.is_file():
            return False
        from newsbot.store import Store

        with Store.open_readonly(self.db) as store:
            made = store.requests_on(now.date().isoformat()).get(job.domain, 0)
        return made >= job.daily_requests

    def _start(self, job: Job, now: datetime) -> None:
        if self._capped(job, now):
            tomorrow = datetime.combine(now.date() + timedelta(days=1), time(), tzinfo=UTC)
            self.due[job.source] = quiet_until(job, tomorrow) or tomorrow
            print(
                f"{now.isoformat(timespec='milliseconds')} {job.source}: daily request cap of"
                f" {job.daily_requests} for {job.domain} reached; next run"
                f" {self.due[job.source].isoformat(timespec='seconds')}",
                file=self.out,
                flush=True,
            )
            return
        # A session of its own: a Ctrl-C at the terminal reaches the scheduler only, which
        # then asks each run once (SIGTERM) to stop after the items in flight.
        proc = subprocess.Popen(
            self.command(job.source), stdout=subprocess.DEVNULL, start_new_session=True
        )
        self.running[job.source] = _Running(proc, self.due[job.source], now)

    def _finish(self, key: str, run: _Running, now: datetime) -> None:
        result = RunResult(key, run.due, run.started, now, int(run.proc.returncode))
        self.results.append(result)
        print(result.line(self._last_crawl(key)), file=self.out, flush=True)
        due = next_due(self.jobs[key], run.started, self.rng)
        self.due[key] = max(due, now) if due < now else due

    def _last_crawl(self, key: str) -> dict[str, Any] | None:
        if not self.db.is_file():
            return None
        from newsbot.store import Store

        with Store.open_readonly(self.db) as store:
            return store.last_crawl(key)

    def step(self) -> float:
        """Reap finished runs and start due ones; returns seconds until something is due."""
        now = self.clock()
        for key, run in list(self.running.items()):
            if run.proc.poll() is not None:
                del self.running[key]
                self._finish(key, run, now)
        if self.stopping:
            self._hurry()
        else:
            for key, job in self.jobs.items():
                if key not in self.running and self.due[key] <= now:
                    self._start(job, now)
        waiting = [d for k, d in self.due.items() if k not in self.running]
        until = min(((d - self.clock()).total_seconds() for d in waiting), default=1.0)
        return max(0.0, until)

    def run(self, poll: float = 0.1) -> None:
        """Loop until stopped and every run in flight has ended."""
        while not (self.stopping and not self.running):
            wait = self.step()
            if self.stopping and not self.running:
                break
            _time.sleep(min(max(wait, 0.01), poll) if self.running else min(wait, poll * 5))

    def install_signal_handlers(self) -> None:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)


def crawl_command(
    db: Path, posts: Path, sources: Sequence[Path], extra: Sequence[str] = ()
) -> Callable[[str], list[str]]:
    """The command line of one scheduled run of a source."""

    def command(key: str) -> list[str]:
        args = [sys.executable, "-m", "newsbot.cli", "crawl", key, "--db", str(db)]
        args += ["--posts", str(posts)]
        for folder in sources:
            args += ["--sources", str(folder)]
        return [*args, *extra]

    return command


def run_forever(
    sources: Sequence[Source],
    *,
    db: Path,
    posts: Path,
    source_dirs: Sequence[Path],
    crawl_args: Sequence[str] = (),
    out: IO[str] | None = None,
) -> int:
    """``newsbot run``: schedule ``sources`` until SIGINT or SIGTERM; returns 0."""
    out = out or sys.stdout
    scheduler = Scheduler(
        [job_for(source) for source in sources],
        crawl_command(db, posts, source_dirs, crawl_args),
        db=db,
        out=out,
    )
    scheduler.install_signal_handlers()
    names = ", ".join(f"{job.source} every {job.every}" for job in scheduler.jobs.values())
    print(f"scheduler started (pid {os.getpid()}): {names}; database {db}", file=out, flush=True)
    scheduler.run()
    print(f"scheduler stopped after {len(scheduler.results)} runs", file=out, flush=True)
    return 0
