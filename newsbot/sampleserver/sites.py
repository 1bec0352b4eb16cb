"""Sample news websites served by the sample server, for the html, feed and sitemap kinds.

- ``/yjrb/``: a Chinese regional paper's CMS in GBK: paginated list pages (``下一页``),
  titles with a ``_右江日报`` suffix, a ``发布时间…来源…`` line, related links, share bar.
- ``/world/``: an English site with JSON-LD ``NewsArticle`` and an RSS feed (``rss.xml``).
- ``/metro/``: a site found through a sitemap index, a news sitemap with
  ``news:publication_date`` and a gzipped archive sitemap; its pages show no date at all.
"""

from __future__ import annotations

import gzip
import html
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

__all__ = ["Reply", "route_site"]


@dataclass(frozen=True)
class Reply:
    status: int
    content_type: str
    body: bytes
    last_modified: datetime | None = None


def _h(text: str) -> str:
    return html.escape(text, quote=True)


# -- /yjrb/: GBK regional paper ------------------------------------------------------------

YJRB_PER_PAGE = 4


def _yjrb_articles(data: dict[str, Any]) -> list[dict[str, Any]]:
    articles = []
    for number, entry in enumerate(data["regional"]["37"], start=1001):
        published = datetime.strptime(entry["datetime"], "%Y-%m-%d %H:%M:%S")
        articles.append(
            {
                "number": number,
                "title": entry["title"],
                "published": published,
                "body": data["texts"][entry["infoCode"]]["text"],
                "path": f"/yjrb/content/{published:%Y-%m}/{published:%d}/content_{number}.html",
            }
        )
    # One title needs GBK beyond GB2312 (喆): pages declare gb2312, as real CMSs do.
    articles[1]["title"] = "那坡县刘喆书记调研春耕生产"
    return articles


def _yjrb_list(articles: list[dict[str, Any]], page: int) -> Reply:
    pages = (len(articles) + YJRB_PER_PAGE - 1) // YJRB_PER_PAGE
    if not 1 <= page <= pages:
        return Reply(404, "text/html", b"<h1>404</h1>")
    chunk = articles[(page - 1) * YJRB_PER_PAGE : page * YJRB_PER_PAGE]
    items = "\n".join(
        f'<li><a href="{a["path"]}" target="_blank">{_h(a["title"])}</a>'
        f"<span>{a['published']:%Y-%m-%d}</span></li>"
        for a in chunk
    )
    next_link = (
        f'<a class="next" href="/yjrb/node_1_{page + 1}.html">下一页</a>' if page < pages else ""
    )
    doc = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>本地新闻_右江日报</title></head>
<body><div class="nav"><a href="/yjrb/">首页</a> <a href="/yjrb/node_2.html">时政</a>
<a href="/yjrb/about.html">关于我们</a></div>
<ul class="list">{items}</ul>
<div class="pages">第{page}页 共{pages}页 {next_link}</div>
<div class="footer">右江日报社版权所有 桂ICP备00000000号</div></body></html>"""
    return Reply(200, "text/html", doc.encode("gb18030"))


def _yjrb_article(article: dict[str, Any], related: list[dict[str, Any]]) -> Reply:
    links = "".join(f'<li><a href="{r["path"]}">{_h(r["title"])}</a></li>' for r in related)
    doc = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{_h(article["title"])}_右江日报</title>
<meta name="keywords" content="右江日报,百色新闻">
<script>var _hmt = _hmt || [];</script></head>
<body><div class="nav"><a href="/yjrb/">首页</a> &gt; <a href="/yjrb/node_1.html">本地新闻</a></div>
<div class="main">
<h1 class="title">{_h(article["title"])}</h1>
<div class="info">发布时间：{article["published"]:%Y-%m-%d %H:%M}　来源：右江日报　浏览次数：1523</div>
<div class="share">分享到：<a href="javascript:share('wx')">微信</a> <a href="#">微博</a></div>
<div id="ozoom" class="content">
{article["body"]}
</div>
<div class="editor">责任编辑：李四</div>
<div class="related"><h3>相关链接</h3><ul>{links}</ul></div>
</div>
<div class="footer">右江日报社版权所有 未经授权禁止复制或建立镜像</div></body></html>"""
    return Reply(200, "text/html", doc.encode("gb18030"))


def _yjrb_redesigned(article: dict[str, Any]) -> Reply:
    # The new CMS ships an empty shell; its script fetches the story from an API and fills it
    # in (nothing of the story is in the page, so no extraction can follow the change).
    story_id = json.dumps(article["path"].rsplit("/", 1)[-1].removesuffix(".html"))
    doc = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{_h(article["title"])}_右江日报</title></head>
<body><div id="app"><div class="loading">加载中……</div></div>
<script>window.__STORY_ID__ = {story_id};</script>
<script src="/yjrb/static/app.js"></script></body></html>"""
    return Reply(200, "text/html; charset=utf-8", doc.encode("utf-8"))


def _yjrb(path: str, data: dict[str, Any]) -> Reply | None:
    articles = _yjrb_articles(data)
    if path in ("/yjrb/node_1.html", "/yjrb/"):
        return _yjrb_list(articles, 1)
    if path.startswith("/yjrb/node_1_") and path.endswith(".html"):
        page = path.removeprefix("/yjrb/node_1_").removesuffix(".html")
        return _yjrb_list(articles, int(page)) if page.isdigit() else None
    for index, article in enumerate(articles):
        if article["path"] == path:
            if "yjrb" in data.get("redesigned", ()):
                return _yjrb_redesigned(article)
            related = [articles[(index + k) % len(articles)] for k in (1, 2, 3)]
            return _yjrb_article(article, related)
    return None


# -- /world/: English site with JSON-LD and RSS ---------------------------------------------

WORLD_NAME = "The World Courier"


def _world_articles(data: dict[str, Any]) -> list[dict[str, Any]]:
    articles = []
    for entry in data["world"]:
        published = datetime.fromisoformat(entry["published"])
        slug = entry["slug"]
        articles.append({**entry, "published": published,
                         "path": f"/world/{published:%Y/%m/%d}/{slug}.html"})  # fmt: skip
    return articles


def _world_article(article: dict[str, Any], base: str) -> Reply:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article["title"],
        "datePublished": article["published"].isoformat(),
        "dateModified": (article["published"] + timedelta(hours=5)).isoformat(),
        "author": [{"@type": "Person", "name": name} for name in article["authors"]],
        "publisher": {"@type": "Organization", "name": WORLD_NAME},
        "mainEntityOfPage": base + article["path"],
    }
    paragraphs = "\n".join(f"<p>{_h(p)}</p>" for p in article["paragraphs"])
    doc = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{_h(article["title"])} | {WORLD_NAME}</title>
<meta property="og:title" content="{_h(article["title"])}">
<meta property="og:site_name" content="{WORLD_NAME}">
<script type="application/ld+json">{json.dumps(ld)}</script>
<script>window.analytics = {{}};</script></head>
<body><header><nav><a href="/world/">Home</a> <a href="/world/business/">Business</a>
<a href="/world/sport/">Sport</a></nav></header>
<main><article>
<h1>{_h(article["title"])}</h1>
<p class="byline">By {_h(" and ".join(article["authors"]))}</p>
<div class="article-body">
{paragraphs}
</div>
<aside class="newsletter">Sign up for our morning briefing. Get the news in your inbox.</aside>
</article>
<section class="related"><h2>More from {WORLD_NAME}</h2><ul>
<li><a href="/world/">Markets slip as investors weigh rate outlook</a></li>
<li><a href="/world/">Five things to watch this week</a></li></ul></section></main>
<footer>&copy; 2022 {WORLD_NAME}. All rights reserved.</footer></body></html>"""
    return Reply(200, "text/html; charset=utf-8", doc.encode("utf-8"))


def _world_feed(articles: list[dict[str, Any]], base: str) -> Reply:
    items = []
    for article in articles:
        stamp = article.get("feed_published") or article["published"].isoformat()
        feed_date = datetime.fromisoformat(stamp)
        items.append(
            f"<item><title>{_h(article['title'])}</title>"
            f"<link>{base}{article['path']}</link><guid>{base}{article['path']}</guid>"
            f"<pubDate>{feed_date:%a, %d %b %Y %H:%M:%S %z}</pubDate>"
            f"<description>{_h(article['paragraphs'][0])}</description></item>"
        )
    doc = (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{WORLD_NAME}</title><link>{base}/world/</link>"
        f"<description>Latest news</description>{''.join(items)}</channel></rss>"
    )
    return Reply(200, "application/rss+xml; charset=utf-8", doc.encode("utf-8"))


def _world(path: str, data: dict[str, Any], base: str) -> Reply | None:
    articles = _world_articles(data)
    if path == "/world/rss.xml":
        return _world_feed(articles, base)
    for article in articles:
        if article["path"] == path:
            return _world_article(article, base)
    return None


# -- /metro/: sitemap index, news sitemap, gzipped archive ----------------------------------

SITEMAP_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
NEWS_NS = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'


def _metro_articles(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [{**entry, "path": f"/metro/story/{entry['slug']}"} for entry in data["metro"]]


def _metro(path: str, data: dict[str, Any], base: str) -> Reply | None:
    articles = _metro_articles(data)
    if path == "/metro/sitemap.xml":
        doc = (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex {SITEMAP_NS}>'
            f"<sitemap><loc>{base}/metro/sitemap-news.xml</loc></sitemap>"
            f"<sitemap><loc>{base}/metro/sitemap-archive.xml.gz</loc>"
            "<lastmod>2021-03-02</lastmod></sitemap></sitemapindex>"
        )
        return Reply(200, "application/xml", doc.encode())
    if path == "/metro/sitemap-news.xml":
        urls = "".join(
            f"<url><loc>{base}{a['path']}</loc><news:news><news:publication>"
            "<news:name>Metro Daily</news:name><news:language>en</news:language>"
            f"</news:publication><news:publication_date>{a['published']}</news:publication_date>"
            f"<news:title>{_h(a['title'])}</news:title></news:news></url>"
            for a in articles
            if not a.get("archive")
        )
        doc = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset {SITEMAP_NS} {NEWS_NS}>{urls}</urlset>'
        return Reply(200, "application/xml", doc.encode())
    if path == "/metro/sitemap-archive.xml.gz":
        urls = "".join(
            f"<url><loc>{base}{a['path']}</loc><lastmod>{a['published']}</lastmod></url>"
            for a in articles
            if a.get("archive")
        )
        doc = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset {SITEMAP_NS}>{urls}</urlset>'
        return Reply(200, "application/x-gzip", gzip.compress(doc.encode(), mtime=0))
    for article in articles:
        if article["path"] == path:
            paragraphs = "\n".join(f"<p>{_h(p)}</p>" for p in article["paragraphs"])
            doc = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{_h(article["title"])} - Metro Daily</title>
</head><body><div id="top"><a href="/metro/">Metro Daily</a> | <a href="/metro/weather">Weather</a></div>
<div id="story"><h2 class="headline">{_h(article["title"])}</h2>
<div class="story-text">{paragraphs}</div></div>
<div id="bottom">Metro Daily, 1 Station Road. Contact us. Advertise with us.</div></body></html>"""
            return Reply(200, "text/html; charset=utf-8", doc.encode("utf-8"))
    return None


def route_site(path: str, data: dict[str, Any], base: str) -> Reply | None:
    """The reply of a sample site for ``path``, or None when no site serves it."""
    if path.startswith("/yjrb/"):
        return _yjrb(path, data)
    if path.startswith("/world/"):
        return _world(path, data, base)
    if path.startswith("/metro/"):
        return _metro(path, data, base)
    return None
