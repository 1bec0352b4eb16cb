"""What a source may fetch, and what its link patterns match: plain functions."""

from __future__ import annotations

import re

import pytest

from newsbot.kinds.urls import fetch_refusal, host_allowed, host_of, path_matches

HOSTS = ["news.example", "127.0.0.1"]


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://news.example/a.html", None),
        ("HTTPS://NEWS.EXAMPLE:8443/a.html", None),
        ("http://www.news.example/a.html", None),  # a subdomain, as Scrapy's allowed_domains
        ("http://127.0.0.1:8080/a", None),
        ("file:///etc/passwd", "refused_scheme"),
        ("file://news.example/etc/passwd", "refused_scheme"),
        ("ftp://news.example/a.html", "refused_scheme"),
        ("data:text/html,<p>x</p>", "refused_scheme"),
        ("javascript:alert(1)", "refused_scheme"),
        ("s3://bucket/key", "refused_scheme"),
        ("/relative/path", "refused_scheme"),
        ("http://[::1", "refused_scheme"),  # not a URL at all
        ("http://other.example/a.html", "refused_host"),
        ("http://news.example.evil.example/a.html", "refused_host"),
        ("http://evilnews.example/a.html", "refused_host"),
        ("http://localhost/a.html", "refused_host"),
        ("http:///a.html", "refused_host"),
    ],
)
def test_fetch_refusal(url: str, reason: str | None) -> None:
    assert fetch_refusal(url, HOSTS) == reason


def test_no_hosts_allow_nothing() -> None:
    assert fetch_refusal("http://news.example/", []) == "refused_host"
    assert not host_allowed("", ["news.example"])


def test_host_of() -> None:
    assert host_of("http://User@News.Example:80/x") == "news.example"
    assert host_of("/x") == ""


PATTERNS = [re.compile(r"/yjrb/content/\d{4}-\d{2}/\d{2}/content_\d+\.html$")]


@pytest.mark.parametrize(
    ("url", "matches"),
    [
        ("http://h/yjrb/content/2024-03/10/content_1.html", True),
        ("http://h/yjrb/content/2024-03/10/content_1.html?from=list#top", True),
        ("file:///x?/yjrb/content/2024-03/10/content_1.html", False),
        ("http://h/page?/yjrb/content/2024-03/10/content_1.html", False),
        ("http://h/page#/yjrb/content/2024-03/10/content_1.html", False),
        ("http://yjrb/content/2024-03/10/content_1.html.evil/x", False),
    ],
)
def test_patterns_match_the_path_only(url: str, matches: bool) -> None:
    assert path_matches(url, PATTERNS) is matches


def test_no_patterns_match_everything() -> None:
    assert path_matches("http://h/anything?x", [])
