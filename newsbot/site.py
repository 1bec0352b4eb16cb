"""The Jekyll site around the posts: configuration, layouts, home and category pages.

The site folder is the parent of the posts folder (``data/site`` for ``data/site/_posts``).
:func:`write_scaffold` adds what Jekyll needs to build the posts into the reference site;
every file is written only when it is missing, so an operator's own files always win.

Posts link back to the reference site's host (``//finews.withounder.com/category/<slug>.html``,
``//finews.withounder.com/``). The scaffold serves those paths from the site root: the home
page at ``/``, a page per category at ``/category/<slug>.html``, and a listing page for any
other back link on that host (``/emnews/``). ``_config.yml`` names the host as ``url``, so
the built site, published there, resolves them; :func:`broken_links` checks a built site by
mapping that host to the build folder.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from lxml import html as lxml_html

from newsbot.config import Source
from newsbot.export import template_values, yaml_quoted, yaml_scalar
from newsbot.store import Store

__all__ = ["SiteLinks", "broken_links", "scaffold_site", "site_links", "write_scaffold"]

CATEGORY_PATH_RE = re.compile(r"^/category/([a-z0-9][a-z0-9_-]*)\.html$")

CONFIG = """\
# Written by newsbot when missing; edit freely, newsbot never overwrites it.
title: {title}
url: {url}
baseurl: ""
permalink: /:categories/:year/:month/:day/:title:output_ext
timezone: Asia/Shanghai
markdown: kramdown
exclude: [Gemfile, Gemfile.lock, vendor]
"""

DEFAULT_LAYOUT = """\
<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% if page.title %}{{ page.title | escape }} - {% endif %}{{ site.title | escape }}</title>
</head>
<body>
<header><a href="{{ '/' | relative_url }}">{{ site.title | escape }}</a></header>
<main>
{{ content }}
</main>
</body>
</html>
"""

POST_LAYOUT = """\
---
layout: default
---
<article>
<h1>{{ page.title | escape }}</h1>
<p class="meta"><time datetime="{{ page.date | date_to_xmlschema }}">\
{{ page.date | date: "%Y-%m-%d %H:%M:%S %z" }}</time>
{% for category in page.categories %} · <a class="category" \
href="{{ '/category/' | append: category | append: '.html' | relative_url }}">\
{{ category | escape }}</a>{% endfor %}</p>
{{ content }}
</article>
"""

POST_LIST = """\
<ul class="posts">
{% for post in posts %}<li><time>{{ post.date | date: "%Y-%m-%d" }}</time> \
<a href="{{ post.url | relative_url }}">{{ post.title | escape }}</a></li>
{% endfor %}</ul>
"""

CATEGORY_LAYOUT = (
    """\
---
layout: default
---
<h1>{{ page.title | escape }}</h1>
{% assign posts = site.categories[page.category] %}
"""
    + POST_LIST
)

HOME = (
    """\
---
layout: default
title: ""
---
<h1>{{ site.title | escape }}</h1>
{% assign posts = site.posts | slice: 0, 100 %}
"""
    + POST_LIST
)


@dataclass
class SiteLinks:
    """What the posts' back links need: category pages and other listing pages by path."""

    host: str = ""
    categories: dict[str, str] = field(default_factory=dict)  # slug -> title
    listings: dict[str, str] = field(default_factory=dict)  # path -> category slug


def site_links(rows: Iterable[tuple[Mapping[str, Any], Source]]) -> SiteLinks:
    """Collect categories and back-link targets from stored rows and their sources.

    A category's title is its outlet's name, or the source's name when several share it."""
    links = SiteLinks()
    hosts: dict[str, int] = {}
    media: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for row, source in rows:
        category = row.get("category") or ""
        if category:
            media.setdefault(category, set()).add(row.get("media") or "")
            names.setdefault(category, source.name or category)
        values = template_values(row)
        for link in source.post.links:
            url = urlsplit(link.url.format_map(values))
            if not url.netloc:
                continue
            hosts[url.netloc] = hosts.get(url.netloc, 0) + 1
            path = url.path or "/"
            match = CATEGORY_PATH_RE.match(path)
            if match and match.group(1) not in media:
                media[match.group(1)] = set()
                names[match.group(1)] = match.group(1)
            elif not match and path != "/" and category:
                links.listings.setdefault(path, category)
    for category, outlets in media.items():
        (only,) = outlets if len(outlets) == 1 else ("",)
        links.categories[category] = only or names[category]
    if hosts:
        links.host = max(hosts, key=lambda h: hosts[h])
    return links


def _listing_file(path: str) -> str | None:
    """The site file that serves ``path`` (``/emnews/`` -> ``emnews/index.html``), or None."""
    parts = [p for p in unquote(path).split("/") if p]
    if not parts or any(p in (".", "..") or p.startswith("_") for p in parts):
        return None
    if path.endswith("/") or "." not in parts[-1]:
        parts.append("index.html")
    return "/".join(parts)


def _write_new(path: Path, content: str) -> bool:
    """Create ``path`` with ``content`` unless it exists; True if written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(content)
    return True


def _page(layout: str, title: str, category: str) -> str:
    front = [
        f"layout: {layout}",
        f"title: {yaml_quoted(title)}",
        f"category: {yaml_scalar(category)}",
    ]
    return "---\n" + "\n".join(front) + "\n---\n"


def write_scaffold(site: Path, links: SiteLinks, title: str = "newsbot") -> list[Path]:
    """Write the files of the site that are missing; returns those written."""
    url = f"https://{links.host}" if links.host else '""'
    files = {
        "_config.yml": CONFIG.format(title=yaml_quoted(title), url=url),
        "_layouts/default.html": DEFAULT_LAYOUT,
        "_layouts/post.html": POST_LAYOUT,
        "_layouts/category.html": CATEGORY_LAYOUT,
        "index.html": HOME,
    }
    for slug, name in links.categories.items():
        files[f"category/{slug}.html"] = _page("category", name, slug)
    for path, slug in links.listings.items():
        name = _listing_file(path)
        if name and name not in files:
            files[name] = _page("category", links.categories.get(slug, slug), slug)
    return [site / name for name, content in files.items() if _write_new(site / name, content)]


def scaffold_site(store: Store, sources: Mapping[str, Source], posts: Path) -> list[Path]:
    """Write the missing scaffold files of the site holding ``posts`` (its parent folder)."""
    groups = [
        (row, sources[row["source"]]) for row in store.post_groups() if row["source"] in sources
    ]
    return write_scaffold(Path(posts).parent, site_links(groups))


def _target(build: Path, path: str) -> Path | None:
    """The built file that serves ``path``, or None."""
    relative = unquote(path).lstrip("/")
    candidate = build / relative
    for option in (
        candidate,
        candidate / "index.html",
        candidate.with_name(candidate.name + ".html"),
    ):
        if option.is_file() and build.resolve() in option.resolve().parents:
            return option
    return None


def broken_links(build: Path, hosts: Iterable[str] = ()) -> list[str]:
    """Every internal link of a built site that names no file: ``"page: href"`` lines.

    Internal means relative, root-relative, or on one of ``hosts`` (the site's own)."""
    own = set(hosts)
    problems = []
    for page in sorted(build.rglob("*.html")):
        tree = lxml_html.fromstring(page.read_bytes())
        base = "/" + page.relative_to(build).as_posix()
        for element, _attribute, href, _pos in tree.iterlinks():
            if element.tag not in ("a", "link", "img", "script"):
                continue
            url = urlsplit(href)
            if url.scheme in ("mailto", "javascript", "data") or (
                url.netloc and url.netloc not in own
            ):
                continue
            if url.scheme and url.scheme not in ("http", "https"):
                continue
            path = url.path
            if not path:
                continue
            if not path.startswith("/"):
                path = base.rsplit("/", 1)[0] + "/" + path
            if _target(build, path) is None:
                problems.append(f"{page.relative_to(build)}: {href}")
    return problems
