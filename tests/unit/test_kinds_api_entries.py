"""The api kind's mapping of list entries, field by field, for a source that uses every
configurable field: what each entry becomes, and the errors that name what is wrong."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsbot.config import Source, load_source
from newsbot.items import Article
from newsbot.kinds.api import (
    FeedError,
    article_from_entry,
    body_from_detail,
    detail_url,
    dig,
    entry_lastmod,
    list_entries,
)

NOW = datetime(2022, 5, 18, tzinfo=UTC)
FULL = """kind = "api"
base_url = "http://api.example.cn"
media = "示例日报"
lang = "zh"
timezone = "Asia/Shanghai"

[api]
list_urls = ["/list.json"]
items = "data.records"
detail_url = "/detail.json?id={id}"
detail_body = "data.content"
article_url = "http://www.example.cn/a/{id}.html"

[api.fields]
id = "meta.code"
title = "title"
published = "time"
media = "from"
url = "link"
summary = "digest"
authors = "writers"
body = "html"
updated = "modified"
"""
MINIMAL = """kind = "api"
base_url = "http://api.example.cn"
lang = "en"
media = "Example"

[api]
list_urls = ["/list.json"]
items = "items"

[api.fields]
id = "id"
title = "title"
published = "time"
body = "html"
url = "link"
"""


def make_source(tmp_path: Path, text: str) -> Source:
    path = tmp_path / "src.toml"
    path.write_text(text, "utf-8")
    return load_source(path)


def test_every_configured_field_of_an_entry_is_mapped(tmp_path: Path) -> None:
    source = make_source(tmp_path, FULL)
    entry = {
        "meta": {"code": 2022},
        "title": "  标题  ",
        "time": " 2022-05-18 08:32 ",
        "from": "证券时报",
        "link": "http://www.example.cn/own/2022.html",
        "digest": " 摘要 ",
        "writers": "张三， 李四,王五 ,",
        "html": "<p>正文</p>",
        "modified": " 2022-05-19 10:00 ",
    }
    assert article_from_entry(entry, source, NOW) == Article(
        id="2022",
        source="src",
        url="http://www.example.cn/own/2022.html",
        title="标题",
        published_raw="2022-05-18 08:32",
        published_source="list",
        media="证券时报",
        authors=["张三", "李四", "王五"],
        summary="摘要",
        body_html="<p>正文</p>",
        lang="zh",
        fetched_at=NOW,
    )
    assert entry_lastmod(entry, source) == "2022-05-19 10:00"


def test_missing_optional_fields_fall_back_to_the_source(tmp_path: Path) -> None:
    source = make_source(tmp_path, FULL)
    entry = {"meta": {"code": "X1"}, "title": 7, "writers": ["A", 5], "html": None}
    art = article_from_entry(entry, source, NOW)
    assert art.url == "http://www.example.cn/a/X1.html"  # from article_url
    assert art.media == "示例日报"  # the source's own media name
    assert art.title == "7"
    assert art.authors == ["A", "5"]
    assert art.published_raw is None
    assert (art.summary, art.body_html) == ("", "")
    assert entry_lastmod(entry, source) is None
    assert entry_lastmod({**entry, "modified": "  "}, source) is None


def test_a_source_without_optional_fields_leaves_them_empty(tmp_path: Path) -> None:
    source = make_source(tmp_path, MINIMAL)  # an entry without its link has no URL
    entry = {"id": "a1", "title": "T", "time": "2022-05-18", "from": "x", "html": "<p>b</p>",
             "writers": "W", "modified": "2022-05-19"}  # fmt: skip
    assert article_from_entry(entry, source, NOW) == Article(
        id="a1",
        source="src",
        url="",
        title="T",
        published_raw="2022-05-18",
        published_source="list",
        media="Example",
        body_html="<p>b</p>",
        lang="en",
        fetched_at=NOW,
    )
    assert entry_lastmod(entry, source) is None
    assert detail_url(article_from_entry(entry, source, NOW), source) is None


def test_an_entry_without_an_id_is_named_in_the_error(tmp_path: Path) -> None:
    source = make_source(tmp_path, FULL)
    for entry in ({"title": "t"}, {"meta": {"code": "  "}}, {"meta": {"code": None}}):
        with pytest.raises(FeedError, match=r"^entry without 'meta\.code'$") as info:
            article_from_entry(entry, source, NOW)
        assert info.value.reason == "missing_id"


def test_detail_url_and_body_follow_the_configuration(tmp_path: Path) -> None:
    source = make_source(tmp_path, FULL)
    art = article_from_entry({"meta": {"code": "7"}}, source, NOW)
    assert detail_url(art, source) == "http://api.example.cn/detail.json?id=7"
    assert body_from_detail({"data": {"content": "<p>全文</p>"}}, source) == "<p>全文</p>"
    with pytest.raises(FeedError, match=r"^'data\.content' is not a string$") as info:
        body_from_detail({"data": {"content": ["x"]}}, source)
    assert info.value.reason == "bad_body"
    with pytest.raises(FeedError, match=r"^no 'data\.content' in the document$") as info:
        body_from_detail({"data": {}}, source)
    assert info.value.reason == "missing_field"


def test_list_entries_yields_only_objects_of_the_array(tmp_path: Path) -> None:
    source = make_source(tmp_path, FULL)
    assert source.api is not None
    doc = {"data": {"records": [{"a": 1}, "junk", 3, None, {"b": 2}]}}
    assert list(list_entries(doc, source.api)) == [{"a": 1}, {"b": 2}]
    with pytest.raises(FeedError, match=r"^'data\.records' is not an array$") as info:
        list(list_entries({"data": {"records": {"a": 1}}}, source.api))
    assert info.value.reason == "bad_list"


def test_dig_walks_objects_and_arrays_by_index_only_within_bounds() -> None:
    doc = {"a": [{"b": "x"}, {"b": "y"}], "1": "key"}
    assert dig(doc, "a.1.b") == "y"
    assert dig(doc, "a.0") == {"b": "x"}
    assert dig(doc, "1") == "key"
    assert dig(doc, "a.2.b", "d") == "d"
    assert dig(doc, "a.x", "d") == "d"
    assert dig(doc, "a.0.b.c", None) is None
    assert dig(doc, "a.-1", "d") == "d"
    with pytest.raises(FeedError, match=r"^no 'a\.2' in the document$") as info:
        dig(doc, "a.2")
    assert info.value.reason == "missing_field"
