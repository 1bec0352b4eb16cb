"""What a source may fetch, and how link patterns select URLs: plain functions, no Scrapy.

Only ``http`` and ``https`` URLs are fetched, and only on the hosts a source allows (the
host of its ``base_url``, its ``allowed_hosts``, and a mirror's host). A host also allows
its subdomains, as Scrapy's ``allowed_domains`` does. Link patterns match the URL's path
alone, so a query string or a fragment cannot satisfy them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

__all__ = [
    "FETCHED_SCHEMES",
    "fetch_refusal",
    "host_allowed",
    "host_of",
    "path_matches",
    "url_problem",
]

FETCHED_SCHEMES = frozenset({"http", "https"})


def host_of(url: str) -> str:
    """The host name of ``url``, lower case, without port ("" when it has none)."""
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


def host_allowed(host: str, hosts: Iterable[str]) -> bool:
    """Whether ``host`` is one of ``hosts`` or a subdomain of one."""
    host = host.lower().rstrip(".")
    return bool(host) and any(host == h or host.endswith("." + h) for h in hosts)


def url_problem(url: str) -> str | None:
    """What makes ``url`` no absolute URL (no scheme, no host, a broken IPv6 address or
    port), or None when it is one."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError when out of range)
    except ValueError as exc:
        return f"not a URL: {exc}"
    if not parts.scheme or not parts.hostname:
        return "not an absolute URL"
    return None


def fetch_refusal(url: str, hosts: Iterable[str]) -> str | None:
    """Why ``url`` may not be fetched: ``refused_scheme`` or ``refused_host``; None if it may."""
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return "refused_scheme"
    if scheme not in FETCHED_SCHEMES:
        return "refused_scheme"
    if not host_allowed(host_of(url), hosts):
        return "refused_host"
    return None


def path_matches(url: str, patterns: Sequence[re.Pattern[str]]) -> bool:
    """Whether one of ``patterns`` is found in the path of ``url`` (query and fragment left
    out); no patterns match everything."""
    if not patterns:
        return True
    try:
        path = urlsplit(url).path
    except ValueError:
        return False
    return any(p.search(path) for p in patterns)
