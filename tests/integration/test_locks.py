"""``newsbot crawl`` from cron: an overlapping run of a source exits 3 at once, and a run
killed with SIGKILL does not keep the source locked."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, newsbot
from opsserver import OpsServer

from newsbot.store import Store


def html_source(folder: Path, key: str, base_url: str, start: str, extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{key}.toml"
    path.write_text(
        f'kind = "html"\nbase_url = "{base_url}"\nlang = "en"\nmedia = "Ops Daily"\n'
        f'timezone = "UTC"\n\n[html]\nstart_urls = ["{start}"]\n'
        + r"article_links = ['/news/\d+\.html$']"
        + "\n"
        + extra,
        "utf-8",
    )
    return path


def crawl_args(out: Path, *args: str) -> list[str]:
    return ["crawl", *args, "--sources", str(out / "sources"), "--db", str(out / "n.db"),
            "--posts", str(out / "_posts"), "-s", "DOWNLOAD_DELAY=0",
            "-s", "AUTOTHROTTLE_ENABLED=False"]  # fmt: skip


@pytest.fixture
def server() -> Iterator[OpsServer]:
    with OpsServer() as running:
        yield running


def wait_for(condition, timeout: float = 30) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_overlapping_run_exits_3_and_a_killed_run_leaves_no_lock(
    tmp_path: Path, server: OpsServer
) -> None:
    html_source(tmp_path / "sources", "ops", server.url, "/slow/list.html?seconds=60")
    first = subprocess.Popen(
        [sys.executable, "-m", "newsbot.cli", *crawl_args(tmp_path, "ops")],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: server.hits("/slow/"))  # the first run is inside its crawl
        started = time.monotonic()
        second = newsbot(*crawl_args(tmp_path, "ops"))
        elapsed = time.monotonic() - started
        assert second.returncode == 3, second.stderr
        # The holder's list page takes 60 s: a run that waited for the lock would take that long.
        assert elapsed < 30, f"the locked run took {elapsed:.1f} s"
        lines = second.stderr.strip().splitlines()
        assert len(lines) == 1 and f"pid {first.pid}" in lines[0], second.stderr
        assert "already being crawled" in lines[0]
        assert len(server.hits("/slow/")) == 1  # the second run made no request
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)

    with Store(tmp_path / "n.db") as store:
        (row,) = store.db.query("SELECT pid FROM locks WHERE source = 'ops'")
        assert row["pid"] == first.pid  # left behind by the killed run
    html_source(tmp_path / "sources", "ops", server.url, "/news/list.html")
    third = newsbot(*crawl_args(tmp_path, "ops"))
    assert third.returncode == 0, third.stderr
    with Store(tmp_path / "n.db") as store:
        assert store.count_articles() == 3
        assert list(store.db.query("SELECT * FROM locks")) == []  # released at the end


def test_a_lock_of_a_live_process_is_kept_and_a_dead_one_is_stale(tmp_path: Path) -> None:
    from newsbot.lock import holder_is_stale, source_locks

    with source_locks(tmp_path / "n.db", ["a", "b"]) as mine:
        assert mine.got == ["a", "b"]
        with source_locks(tmp_path / "n.db", ["b", "c"]) as other:
            assert other.got == ["c"]
            assert other.held["b"]["pid"] == os.getpid()
            assert other.messages()[0].startswith("b: already being crawled by pid")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    holder = {"pid": int(dead.stdout), "host": os.uname().nodename, "proc_start": None}
    assert holder_is_stale(holder)
    assert not holder_is_stale({**holder, "pid": os.getpid()})
    assert not holder_is_stale({**holder, "host": "elsewhere.example"})
    assert holder_is_stale({**holder, "pid": os.getpid(), "proc_start": "1"})
