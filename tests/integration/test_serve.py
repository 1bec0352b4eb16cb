"""The read API through HTTP: Datasette on a demo database, canned queries by name."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, newsbot

from newsbot.cli import build_parser

REFERENCE = "NW202205182382767663"
TITLE = "西林全力构建共治共享乡村治理新格局"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    out = tmp_path_factory.mktemp("serve")
    db = out / "newsbot.db"
    run = newsbot("demo", "--db", str(db), "--posts", str(out / "site" / "_posts"))
    assert run.returncode == 0, run.stderr
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsbot.cli", "serve", "--db", str(db), "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/-/versions.json", timeout=2).close()
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode()
                assert time.monotonic() < deadline, "newsbot serve did not answer"
                time.sleep(0.2)
        yield {"base": base, "db": db, "out": out}
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def get(api: dict, path: str, **params: str) -> list[dict]:
    query = urllib.parse.urlencode({**params, "_shape": "array"})
    with urllib.request.urlopen(f"{api['base']}{path}?{query}", timeout=10) as response:
        return json.load(response)


def test_four_character_search_finds_the_reference_article(api: dict) -> None:
    rows = get(api, "/newsbot/search.json", q="乡村治理")
    assert REFERENCE in [row["id"] for row in rows]
    assert "【乡村治理】" in rows[0]["snippet"]


def test_two_character_search_ranks_it_first(api: dict) -> None:
    rows = get(api, "/newsbot/search.json", q="治理")
    assert rows[0]["id"] == REFERENCE  # its sample-site copy is a reprint, shown once
    assert len(rows) > 3
    assert [row["score"] for row in rows] == sorted(row["score"] for row in rows)


def test_mixed_queries_through_http(api: dict) -> None:
    rows = get(api, "/newsbot/search.json", q='"乡村治理" AND 西林', limit="5")
    assert {row["title"] for row in rows} == {TITLE}
    assert get(api, "/newsbot/search.json", q="harbour expansion")


def test_latest_day_and_tables(api: dict) -> None:
    latest = get(api, "/newsbot/latest.json")
    categories = [row["category"] for row in latest]
    assert len(categories) == len(set(categories)) >= 5
    day = get(api, "/newsbot/day.json", date="2022-05-18")
    assert REFERENCE in [row["id"] for row in day]
    assert all(row["published"].startswith("2022-05-18") for row in day)
    with urllib.request.urlopen(f"{api['base']}/-/metadata.json", timeout=10) as response:
        meta = json.load(response)
    assert meta["databases"]["newsbot"]["tables"]["articles"]["description"]


def test_the_api_is_read_only_and_local(api: dict) -> None:
    sql = "DELETE FROM articles"
    url = f"{api['base']}/newsbot.json?" + urllib.parse.urlencode({"sql": sql})
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(url, timeout=10)
    assert get(api, "/newsbot.json", sql="SELECT count(*) AS n FROM articles")[0]["n"] == 55
    assert build_parser().parse_args(["serve"]).host == "127.0.0.1"


def test_export_streams_records_since_a_time(api: dict, tmp_path: Path) -> None:
    db = str(api["db"])
    every = newsbot("export", "--db", db, "--format", "jsonl")
    rows = [json.loads(line) for line in every.stdout.splitlines()]
    assert len(rows) == 55 and {"id", "title", "updated_at", "tags"} <= set(rows[0])
    stamps = sorted(row["updated_at"] for row in rows)
    later = newsbot("export", "--db", db, "--format", "jsonl", "--since", stamps[49])
    assert len(later.stdout.splitlines()) == len([s for s in stamps if s > stamps[49]]) < 55
    table = newsbot("export", "--db", db, "--format", "csv")
    assert table.stdout.splitlines()[0].startswith("id,source,url,title")


def test_the_sample_sites_pages_link_to_their_feed_copies(api: dict) -> None:
    sql = (
        "SELECT a.source AS copy, b.source AS canonical, count(*) AS n FROM articles a"
        " JOIN articles b ON b.id = a.canonical_of GROUP BY 1, 2"
    )
    assert get(api, "/newsbot.json", sql=sql) == [
        {"copy": "yjrb", "canonical": "eastmoney-regional", "n": 11}
    ]
    story = get(api, "/newsbot/reprints.json", id="aaedfdd076edceb8")
    assert [row["id"] for row in story] == [REFERENCE, "aaedfdd076edceb8"]
    assert story[1]["canonical_of"] == REFERENCE
    assert [row["id"] for row in get(api, "/newsbot/search.json", q="治理")].count(REFERENCE) == 1
