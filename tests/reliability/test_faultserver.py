"""The fault server does what the reliability tests rely on: its list pages link what its
registry says, and its log sees every request with the host it named."""

from __future__ import annotations

import re
import socket
import time
import urllib.request

from conftest import fault_log, fault_requests
from faultserver import BEHAVIOURS, FOREIGN_HOST, PER_PAGE, fault_links


def get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read()


def test_fault_list_links_every_registered_link(fault_server: str) -> None:
    _, page = get(f"{fault_server}/faults/index.html")
    hrefs = re.findall(r'href="([^"]+)"', page.decode())
    port = fault_server.rsplit(":", 1)[1]
    assert len(hrefs) == len(fault_links()) > 20
    assert f"http://{FOREIGN_HOST}:{port}/foreign/linked.html" in hrefs
    assert any(h.startswith("ftp://127.0.0.1:") for h in hrefs)
    assert any(h.startswith("file:///") for h in hrefs)
    assert set(fault_links().values()) == {"stored", "failed", "dropped", "ignored"}
    assert {"status", "delay", "reset", "short", "gzip-bomb", "good", "api"} <= set(BEHAVIOURS)


def test_good_lists_paginate_over_every_article(fault_server: str) -> None:
    found, url = [], f"{fault_server}/good/60/page/1"
    while url:
        _, page = get(url)
        text = page.decode()
        found += re.findall(r'href="(/good/60/article/\d+\.html)"', text)
        nexts = re.findall(r'class="next" href="([^"]+)"', text)
        url = f"{fault_server}{nexts[0]}" if nexts else ""
    assert found == [f"/good/60/article/{i}.html" for i in range(60)]
    assert len(found) > PER_PAGE
    status, body = get(f"{fault_server}{found[-1]}")
    assert status == 200 and b"Good article 59" in body


def test_log_names_the_host_and_counts_paths(fault_server: str) -> None:
    port = int(fault_server.rsplit(":", 1)[1])
    before = len(fault_log(fault_server))
    get(f"http://{FOREIGN_HOST}:{port}/foreign/probe.html")
    get(f"{fault_server}/status/200.html")
    log = fault_log(fault_server)[before:]
    assert log == [
        f"http://{FOREIGN_HOST}:{port}/foreign/probe.html",
        f"{fault_server}/status/200.html",
    ]
    assert fault_requests(fault_server)["paths"]["/foreign/probe.html"] == 1


def test_trap_port_logs_connections(fault_server: str) -> None:
    _, page = get(f"{fault_server}/faults/index.html")
    trap = int(re.search(r"ftp://127\.0\.0\.1:(\d+)/", page.decode()).group(1))
    before = len(fault_log(fault_server))
    with socket.create_connection(("127.0.0.1", trap), timeout=5):
        pass
    for _ in range(50):
        log = fault_log(fault_server)[before:]
        if log:
            break
        time.sleep(0.05)
    assert log == [f"trap://127.0.0.1:{trap}/"]
