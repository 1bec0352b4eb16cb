"""Per-source crawl locks, kept in the database so every run against it sees them.

A lock row names the process that holds it: PID, host name and the process's start time
(from ``/proc``, where there is one, so a recycled PID is not mistaken for the holder). A
run that finds the row of a process that no longer exists on this host takes the lock
over: a crawl killed with SIGKILL never blocks the next one. A lock held from another host
is respected, since its process cannot be checked from here.
"""

from __future__ import annotations

import os
import socket
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

__all__ = [
    "LockedError",
    "Locks",
    "held_elsewhere",
    "holder_is_stale",
    "process_start",
    "source_locks",
]


class LockedError(RuntimeError):
    """A source is being crawled by another run."""

    def __init__(self, source: str, holder: dict[str, Any]) -> None:
        self.source = source
        self.holder = holder
        super().__init__(
            f"{source}: already being crawled by pid {holder['pid']} on {holder['host']}"
            f" since {holder['acquired_at']}"
        )


def process_start(pid: int) -> str | None:
    """The start time of process ``pid`` in clock ticks since boot, or None if unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) may hold spaces and parentheses; fields follow the last ')'.
    return stat.rsplit(")", 1)[1].split()[19]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def holder_is_stale(holder: dict[str, Any], host: str | None = None) -> bool:
    """Whether a lock row's process is gone: same host and its PID dead, or reused."""
    if holder["host"] != (host or socket.gethostname()):
        return False
    pid = int(holder["pid"])
    if not _alive(pid):
        return True
    started, recorded = process_start(pid), holder.get("proc_start")
    return bool(recorded) and started is not None and started != recorded


@dataclass
class Locks:
    """The sources this run locked, and who holds the others."""

    got: list[str] = field(default_factory=list)
    held: dict[str, dict[str, Any]] = field(default_factory=dict)

    def messages(self) -> list[str]:
        """One line per source held by another run."""
        return [str(LockedError(source, holder)) for source, holder in self.held.items()]


def held_elsewhere(db_path: Path, sources: Sequence[str]) -> Locks:
    """Which of ``sources`` live runs hold now, read without taking anything: lets a run
    whose every source is held exit at once. It reads the ``locks`` table with the standard
    library alone (read-only), so this path imports neither sqlite-utils nor Scrapy."""
    locks = Locks()
    if not db_path.is_file():
        return locks
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    conn.row_factory = sqlite3.Row
    try:
        for source in sources:
            try:
                row = conn.execute("SELECT * FROM locks WHERE source = ?", [source]).fetchone()
            except sqlite3.OperationalError:  # no locks table yet: nothing is held
                return locks
            if row is not None and not holder_is_stale(dict(row)):
                locks.held[source] = dict(row)
    finally:
        conn.close()
    return locks


@contextmanager
def source_locks(db_path: Path | str, sources: Sequence[str]) -> Iterator[Locks]:
    """Lock ``sources`` for this process; yields which it got and who holds the others.

    Every lock taken is released on exit, whatever happens inside the block.
    """
    host, pid = socket.gethostname(), os.getpid()
    holder = {
        "pid": pid,
        "host": host,
        "proc_start": process_start(pid),
        "acquired_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    from newsbot.store import Store

    locks = Locks()
    with Store(db_path) as store:
        try:
            for source in sources:
                other = store.acquire_lock({**holder, "source": source}, holder_is_stale)
                if other is None:
                    locks.got.append(source)
                else:
                    locks.held[source] = other
            yield locks
        finally:
            for source in locks.got:
                store.release_lock(source, pid, host)
