"""Shared fixtures: the sample server (a real HTTP server on 127.0.0.1) and crawl runners."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsbot.sampleserver import serve_subprocess, start_server

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
REFERENCE_POST = FIXTURES / "reference" / "2022-05-18-NW202205182382767663.md"


@pytest.fixture(scope="session")
def sample_server() -> Iterator[str]:
    """URL of a sample server subprocess, shared by the session's tests."""
    proc, url = serve_subprocess(slow_seconds=5.0)
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def fault_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of the fault-injecting server (tests/faultserver.py) in a subprocess."""
    files = tmp_path_factory.mktemp("fault-files")
    script = Path(__file__).resolve().parent / "faultserver.py"
    proc, url = start_server([sys.executable, str(script), "--files", str(files)])
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def fault_requests(url: str) -> dict:
    """The fault server's counters: ``requests`` (total) and ``paths`` (count per path)."""
    with urllib.request.urlopen(f"{url}/_requests", timeout=5) as response:
        return json.load(response)


def fault_log(url: str) -> list[str]:
    """Every request the fault server received, as full URLs with the Host they named."""
    with urllib.request.urlopen(f"{url}/_log", timeout=5) as response:
        return json.load(response)["requests"]


def served(url: str) -> tuple[Counter[str], Counter[str]]:
    """Requests a sample server has served so far, per path and per status answered."""
    with urllib.request.urlopen(f"{url}/_requests?paths=1", timeout=5) as response:
        answer = json.load(response)
    return Counter(answer["paths"]), Counter(answer["statuses"])


def requests_served(url: str) -> int:
    with urllib.request.urlopen(f"{url}/_requests", timeout=5) as response:
        return int(json.load(response)["requests"])


def crawl(server: str, out: Path, *args: str, status: int = 0) -> subprocess.CompletedProcess:
    """``newsbot crawl ARGS`` from the sample server into ``out/newsbot.db`` and
    ``out/_posts``, without politeness delays; another exit status than ``status`` fails
    the test."""
    result = newsbot(
        "crawl", *args, "--base-url", server, "--db", str(out / "newsbot.db"),
        "--posts", str(out / "_posts"),
        "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
    )  # fmt: skip
    assert result.returncode == status, result.stderr
    return result


def newsbot(*args: str, cwd: Path = ROOT, timeout: float = 180) -> subprocess.CompletedProcess:
    """Run the ``newsbot`` command in a fresh interpreter (a real Scrapy process each time)."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.run(
        [sys.executable, "-m", "newsbot.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def jekyll_build(site: Path, out: Path) -> subprocess.CompletedProcess:
    """``jekyll build`` of ``site`` into ``out``; a failed build fails the test."""
    jekyll = shutil.which("jekyll")
    assert jekyll, "jekyll is not installed: `make test` installs Debian's jekyll package"
    result = subprocess.run(
        [jekyll, "build", "--quiet", "-s", str(site), "-d", str(out)],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr
    return result
