"""The html, feed and sitemap kinds crawl the sample sites end to end."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from conftest import ROOT, crawl

from newsbot.sampleserver import load_data
from newsbot.store import Store

SAMPLES = ROOT / "data" / "samples"


@pytest.fixture(scope="module")
def stored(sample_server: str, tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("pages")
    result = crawl(sample_server, out, "yjrb", "world", "metro", "--sources", str(SAMPLES))
    with Store(out / "newsbot.db") as store:
        rows = list(store.articles())
    by_source: dict[str, dict[str, dict]] = {}
    for row in rows:
        by_source.setdefault(row["source"], {})[row["title"]] = row
    return {"rows": by_source, "stdout": result.stdout, "posts": out / "_posts"}


def test_html_kind_follows_pagination_and_decodes_gbk(stored: dict) -> None:
    rows = stored["rows"]["yjrb"]
    data = load_data()
    expected = {e["title"]: e for e in data["regional"]["37"]}
    expected["那坡县刘喆书记调研春耕生产"] = expected.pop("那坡县全力抓好春耕生产")
    assert set(rows) == set(expected)  # 11 articles over 3 list pages
    for title, row in rows.items():
        entry = expected[title]
        when = datetime.strptime(entry["datetime"][:16], "%Y-%m-%d %H:%M")
        assert row["published"] == when.replace(tzinfo=ZoneInfo("Asia/Shanghai")).isoformat()
        assert row["media"] == "右江日报"
        body = data["texts"][entry["infoCode"]]["text"]
        first_paragraph = body.split("</p>")[0].split("\u3000\u3000")[-1]
        assert row["body_text"].startswith(first_paragraph)
        for boilerplate in ("分享到", "相关链接", "责任编辑", "版权所有", "浏览次数"):
            assert boilerplate not in row["body_text"]


def test_feed_kind_uses_json_ld_and_records_date_conflicts(stored: dict) -> None:
    rows = stored["rows"]["world"]
    articles = {a["title"]: a for a in load_data()["world"]}
    assert set(rows) == set(articles)
    for title, row in rows.items():
        article = articles[title]
        assert row["published"] == article["published"]  # offset kept: -04:00
        assert row["media"] == "The World Courier"
        assert row["authors"] == article["authors"]
        assert row["body_text"] == "\n\n".join(article["paragraphs"])
    museum = rows["Natural history museum reopens with a new dinosaur hall"]
    assert museum["date_conflicts"] and "feed" in museum["date_conflicts"][0]
    assert "  date/conflict: 1\n" in stored["stdout"]


def test_sitemap_kind_dates_pages_from_the_news_sitemap(stored: dict) -> None:
    rows = stored["rows"]["metro"]
    articles = {a["title"]: a for a in load_data()["metro"]}
    assert set(rows) == set(articles)  # news sitemap and the gzipped archive
    for title, row in rows.items():
        assert row["published"] == articles[title]["published"]
        assert row["published_source"] == "sitemap"
        assert row["media"] == "Metro Daily"
        assert row["body_text"] == "\n\n".join(articles[title]["paragraphs"])


def test_page_kinds_export_posts(stored: dict) -> None:
    posts = list(stored["posts"].glob("*.md"))
    assert len(posts) == 11 + 4 + 3
    text = next(p for p in posts if "harbour" not in p.name).read_text("utf-8")
    assert text.startswith("---\nlayout: post\ntitle: ")


def test_raw_date_is_the_date_line_without_its_labels(stored: dict) -> None:
    row = stored["rows"]["yjrb"]["西林全力构建共治共享乡村治理新格局"]
    assert row["published_raw"] == "2022-05-18 08:32"
    assert row["published_source"] == "text"
