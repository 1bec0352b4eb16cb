"""The benchmark's generated site (bench/gensite.py): deterministic, mixed, correctly labelled."""

from __future__ import annotations

import re
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import gensite  # noqa: E402


def test_articles_do_not_depend_on_the_size_of_the_site() -> None:
    small = gensite.Site(70, "http://h.test")
    large = gensite.Site(1200, "http://h.test", sizes=[70])
    for article in small.articles:
        assert small.pages[article.path] == large.pages[article.path]
    assert small.pages["/sitemap-70.xml"] == large.pages["/sitemap-70.xml"]


def test_every_layout_declares_the_charset_its_bytes_are_in() -> None:
    site = gensite.Site(20, "http://h.test")
    seen = set()
    for article in site.articles:
        page = site.pages[article.path]
        charset = page.content_type.split("charset=")[1]
        text = page.body.decode(charset)  # strict: a wrong label raises
        assert f"charset={charset}" in text or 'charset="utf-8"' in text or "utf-8" in charset
        assert gensite._h(article.title) in text
        seen.add((article.layout, charset))
    assert {layout for layout, _ in seen} == set(gensite.LAYOUTS)
    assert {"gbk", "gb2312", "utf-8"} <= {charset for _, charset in seen}


def test_each_size_has_a_sitemap_index_of_exactly_its_articles() -> None:
    site = gensite.Site(2500, "http://h.test", sizes=[30, 2500])
    for size, sitemaps in ((30, 1), (2500, 3)):
        index = site.pages[f"/sitemap-{size}.xml"].body.decode()
        locs = re.findall(r"<loc>http://h\.test([^<]+)</loc>", index)
        assert len(locs) == sitemaps
        urls = [u for loc in locs for u in re.findall(r"<loc>http://h\.test([^<]+)</loc>",
                                                       site.pages[loc].body.decode())]  # fmt: skip
        assert urls == site.article_paths(size)
        assert all(site.pages[u].status == 200 for u in urls)
    assert b"Disallow: /private/" in site.pages["/robots.txt"].body
