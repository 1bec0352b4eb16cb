from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsbot.config import load_source
from newsbot.kinds.api import FeedError, article_from_entry, body_from_detail, dig, list_entries

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2022, 5, 18, tzinfo=UTC)


def source(name: str):
    return load_source(ROOT / "data" / "sources" / f"{name}.toml")


def test_dig_follows_dotted_paths() -> None:
    doc = {"data": {"list": [{"a": 1}]}}
    assert dig(doc, "data.list.0.a") == 1
    assert dig(doc, "data.nope", None) is None
    with pytest.raises(FeedError):
        dig(doc, "data.nope")


def test_regional_entry_maps_by_configuration() -> None:
    src = source("eastmoney-regional")
    entry = {
        "title": "标题",
        "datetime": "2022-05-18 08:32:24",
        "medianame": "右江日报",
        "infoCode": "NW1",
    }
    art = article_from_entry(entry, src, NOW)
    assert (art.id, art.title, art.media, art.published_raw) == (
        "NW1",
        "标题",
        "右江日报",
        "2022-05-18 08:32:24",
    )
    assert art.url == "http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW1"
    assert body_from_detail({"text": "<p>x</p>"}, src) == "<p>x</p>"


def test_emnews_entry_maps_other_names() -> None:
    src = source("eastmoney-emnews")
    entry = {
        "infocode": "2022X",
        "id": "9",
        "title": "t",
        "showtime": "2022-05-18 09:00:00",
        "from": "证券时报",
        "digest": "摘要",
        "url_w": "http://f.example/a/2022X.html",
    }
    art = article_from_entry(entry, src, NOW)
    assert (art.id, art.media, art.summary, art.url) == (
        "2022X",
        "证券时报",
        "摘要",
        "http://f.example/a/2022X.html",
    )
    assert body_from_detail({"content": "<p>y</p>"}, src) == "<p>y</p>"


def test_bad_documents_raise_feed_errors_with_reasons() -> None:
    src = source("eastmoney-regional")
    with pytest.raises(FeedError) as info:
        list(list_entries({"record": "nope"}, src.api))
    assert info.value.reason == "bad_list"
    with pytest.raises(FeedError) as info:
        article_from_entry({"title": "no id"}, src, NOW)
    assert info.value.reason == "missing_id"
    with pytest.raises(FeedError) as info:
        body_from_detail({"text": None}, src)
    assert info.value.reason == "bad_body"
