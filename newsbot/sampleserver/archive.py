"""A large generated news archive that changes on request, for scheduled crawls and backfills.

``Archive(articles=N, days=D)`` spreads N articles evenly over the D days before the server
started (China time, or ``end``), newest last. Served under ``/archive/``:

- ``/archive/`` and ``/archive/list_<p>.html``: paginated list, newest first, 50 a page
- ``/archive/paper/<YYYYMM>/<DD>/index.html``: one day's edition (a dated archive page)
- ``/archive/sitemap.xml``: an index of one sitemap per day, ``sitemap-<YYYY-MM-DD>.xml``
- ``/archive/rss.xml``: the newest 50 articles
- ``/archive/api/list?page=<p>``: JSON list (``data.list``), ``/archive/api/text?id=<n>``
- ``/archive/<YYYYMM>/<DD>/a<n>.html``: article pages (``Last-Modified`` set)

Changes, each answering ``{"ok": true, ...}``:

- ``/_archive/publish?count=K``: K new articles, published now
- ``/_archive/edit?n=I``: article I gets a correction; its lastmod moves to now
- ``/_archive/retract?n=I``: article I answers 404 and leaves every listing
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta, timezone
from html import escape
from typing import Any

from newsbot.sampleserver.sites import Reply

__all__ = ["Archive", "ArchiveArticle"]

CST = timezone(timedelta(hours=8))
PER_PAGE = 50
WORDS = [
    "council", "river", "harbour", "market", "school", "bridge", "festival", "rain", "budget",
    "railway", "museum", "farmers", "hospital", "library", "election", "station", "factory",
    "village", "mountain", "orchard", "tourists", "students",
]  # fmt: skip
SITEMAP_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


@dataclass
class ArchiveArticle:
    number: int
    published: datetime
    modified: datetime
    corrections: int = 0
    retracted: bool = False

    @property
    def path(self) -> str:
        return f"/archive/{self.published:%Y%m}/{self.published:%d}/a{self.number}.html"

    @property
    def title(self) -> str:
        words = [WORDS[(self.number * k + 3) % len(WORDS)] for k in (1, 5, 7)]
        return f"Story {self.number}: the {words[0]} and the {words[1]} {words[2]}"

    def paragraphs(self) -> list[str]:
        out = []
        for p in range(3):
            words = [WORDS[(self.number * 7 + p * 13 + k * 3) % len(WORDS)] for k in range(24)]
            out.append(f"Paragraph {p + 1} of story {self.number}: " + " ".join(words) + ".")
        out += [f"Correction {c + 1}: an earlier version misnamed the {WORDS[c]}." for c in
                range(self.corrections)]  # fmt: skip
        return out


@dataclass
class Archive:
    """The archive's state; every method is safe to call from the server's threads."""

    articles: int = 120
    days: int = 10
    end: datetime = field(default_factory=lambda: datetime.now(CST).replace(microsecond=0))
    # ``end`` is the newest article's time (default: now); two archives with the same
    # ``end`` are identical.
    items: list[ArchiveArticle] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        step = timedelta(days=self.days) / max(self.articles, 1)
        start = self.end - timedelta(days=self.days)
        for n in range(1, self.articles + 1):
            when = (start + step * n).replace(microsecond=0)
            self.items.append(ArchiveArticle(n, when, when))

    # changes ----------------------------------------------------------------------------------

    def publish(self, count: int) -> list[int]:
        with self.lock:
            now = datetime.now(CST).replace(microsecond=0)
            numbers = []
            for _ in range(count):
                number = len(self.items) + 1
                self.items.append(ArchiveArticle(number, now, now))
                numbers.append(number)
            return numbers

    def edit(self, number: int) -> None:
        with self.lock:
            item = self.items[number - 1]
            item.corrections += 1
            item.modified = max(datetime.now(CST).replace(microsecond=0),
                                item.modified + timedelta(seconds=1))  # fmt: skip

    def retract(self, number: int) -> None:
        with self.lock:
            self.items[number - 1].retracted = True

    # pages ------------------------------------------------------------------------------------

    def live(self) -> list[ArchiveArticle]:
        """Listed articles, newest first."""
        return [a for a in reversed(self.items) if not a.retracted]

    def route(self, path: str, query: dict[str, str], base: str) -> Reply | None:
        """The reply for ``path``, or None when the archive does not serve it; ``{base}`` in
        a document stands for the server's own URL."""
        reply = self._route(path, query)
        if reply is not None and b"{base}" in reply.body:
            reply = replace(reply, body=reply.body.replace(b"{base}", base.encode()))
        return reply

    def _route(self, path: str, query: dict[str, str]) -> Reply | None:
        if path.startswith("/_archive/"):
            return self._change(path.removeprefix("/_archive/"), query)
        if not path.startswith("/archive/"):
            return None
        rest = path.removeprefix("/archive/")
        if rest in ("", "index.html"):
            return self._list(1)
        if rest.startswith("list_") and rest.endswith(".html"):
            page = rest.removeprefix("list_").removesuffix(".html")
            return self._list(int(page)) if page.isdigit() else None
        if rest.startswith("paper/") and rest.endswith("/index.html"):
            try:
                day = datetime.strptime(rest[6:-11], "%Y%m/%d").date()
            except ValueError:
                return None
            return self._edition(day)
        if rest == "sitemap.xml":
            return self._sitemap_index()
        if rest.startswith("sitemap-") and rest.endswith(".xml"):
            try:
                day = date.fromisoformat(rest[8:-4])
            except ValueError:
                return None
            return self._day_sitemap(day)
        if rest == "rss.xml":
            return self._rss()
        if rest == "api/list":
            page = query.get("page", "1")
            return self._api_list(int(page) if page.isdigit() else 1)
        if rest == "api/text":
            return self._api_text(query.get("id", ""))
        return self._article(path)

    def _change(self, action: str, query: dict[str, str]) -> Reply | None:
        if action == "publish":
            numbers = self.publish(int(query.get("count", "1")))
            paths = [self.items[n - 1].path for n in numbers]
            return _json({"ok": True, "numbers": numbers, "paths": paths})
        if action in ("edit", "retract") and query.get("n", "").isdigit():
            number = int(query["n"])
            if not 1 <= number <= len(self.items):
                return _json({"ok": False, "error": "no such article"}, 404)
            getattr(self, action)(number)
            return _json({"ok": True, "path": self.items[number - 1].path})
        return None

    def _list(self, page: int) -> Reply:
        live = self.live()
        pages = max((len(live) + PER_PAGE - 1) // PER_PAGE, 1)
        if not 1 <= page <= pages:
            return Reply(404, "text/html", b"<h1>404</h1>")
        chunk = live[(page - 1) * PER_PAGE : page * PER_PAGE]
        more = ""
        if page < pages:
            more = f'<a class="next" href="/archive/list_{page + 1}.html">Next</a>'
        return _html_list("Latest news", chunk, more, _newest(chunk))

    def _edition(self, day: date) -> Reply:
        chunk = [a for a in self.live() if a.published.date() == day]
        return _html_list(f"Edition of {day:%Y-%m-%d}", chunk, "", _newest(chunk))

    def _by_day(self) -> dict[date, list[ArchiveArticle]]:
        days: dict[date, list[ArchiveArticle]] = {}
        for article in self.live():
            days.setdefault(article.published.date(), []).append(article)
        return days

    def _sitemap_index(self) -> Reply:
        entries = "".join(
            f"<sitemap><loc>{{base}}/archive/sitemap-{day:%Y-%m-%d}.xml</loc>"
            f"<lastmod>{_newest(chunk).isoformat()}</lastmod></sitemap>"
            for day, chunk in sorted(self._by_day().items(), reverse=True)
        )
        doc = (
            f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<sitemapindex {SITEMAP_NS}>{entries}</sitemapindex>"
        )
        return Reply(200, "application/xml", doc.encode(), last_modified=_newest(self.live()))

    def _day_sitemap(self, day: date) -> Reply:
        chunk = self._by_day().get(day, [])
        urls = "".join(
            f"<url><loc>{{base}}{a.path}</loc><lastmod>{a.modified.isoformat()}</lastmod></url>"
            for a in chunk
        )
        doc = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset {SITEMAP_NS}>{urls}</urlset>'
        return Reply(200, "application/xml", doc.encode(), last_modified=_newest(chunk))

    def _rss(self) -> Reply:
        chunk = self.live()[:PER_PAGE]
        items = "".join(
            f"<item><title>{escape(a.title)}</title><link>{{base}}{a.path}</link>"
            f"<pubDate>{_http_date(a.published)}</pubDate>"
            f"<atom:updated>{a.modified.isoformat()}</atom:updated></item>"
            for a in chunk
        )
        doc = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Archive</title>'
            f"<link>{{base}}/archive/</link>{items}</channel></rss>"
        )
        return Reply(200, "application/rss+xml", doc.encode(), last_modified=_newest(chunk))

    def _api_list(self, page: int) -> Reply:
        chunk = self.live()[(page - 1) * PER_PAGE : page * PER_PAGE]
        entries = [
            {
                "id": f"A{a.number}",
                "title": a.title,
                "time": f"{a.published:%Y-%m-%d %H:%M:%S}",
                "updated": a.modified.isoformat(),
                "url": "{base}" + a.path,
            }
            for a in chunk
        ]
        return _json({"data": {"page": page, "list": entries}})

    def _api_text(self, article_id: str) -> Reply:
        number = article_id.removeprefix("A")
        item = self._find(int(number)) if number.isdigit() else None
        if item is None:
            return _json({"text": None, "error": "no such article"}, 404)
        text = "\n".join(f"<p>{escape(p)}</p>" for p in item.paragraphs())
        return _json({"text": text}, last_modified=item.modified)

    def _find(self, number: int) -> ArchiveArticle | None:
        if 1 <= number <= len(self.items) and not self.items[number - 1].retracted:
            return self.items[number - 1]
        return None

    def _article(self, path: str) -> Reply | None:
        name = path.rsplit("/", 1)[-1]
        number = name.removeprefix("a").removesuffix(".html")
        if not number.isdigit():
            return None
        item = self._find(int(number))
        if item is None or item.path != path:
            return Reply(404, "text/html", b"<h1>404 Not Found</h1>")
        paragraphs = "\n".join(f"<p>{escape(p)}</p>" for p in item.paragraphs())
        doc = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(item.title)} | Archive Daily</title>
<meta property="article:published_time" content="{item.published.isoformat()}">
<meta property="article:modified_time" content="{item.modified.isoformat()}">
</head><body><nav><a href="/archive/">Archive Daily</a></nav>
<article><h1>{escape(item.title)}</h1>
<p class="dateline">{item.published:%Y-%m-%d %H:%M}</p>
<div class="article-body">
{paragraphs}
</div></article><footer>Archive Daily. All rights reserved.</footer></body></html>"""
        return Reply(200, "text/html; charset=utf-8", doc.encode(), last_modified=item.modified)


def _newest(chunk: list[ArchiveArticle]) -> datetime:
    return max((a.modified for a in chunk), default=datetime(2000, 1, 1, tzinfo=UTC))


def _http_date(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")


def _json(payload: Any, status: int = 200, last_modified: datetime | None = None) -> Reply:
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    return Reply(status, "application/json; charset=utf-8", body, last_modified=last_modified)


def _html_list(title: str, chunk: list[ArchiveArticle], more: str, newest: datetime) -> Reply:
    items = "\n".join(
        f'<li><a href="{a.path}">{escape(a.title)}</a> <span>{a.published:%Y-%m-%d}</span></li>'
        for a in chunk
    )
    doc = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Archive Daily</title></head>
<body><h1>{title}</h1><ul class="list">{items}</ul><div class="pages">{more}</div></body></html>"""
    return Reply(200, "text/html; charset=utf-8", doc.encode(), last_modified=newest)
