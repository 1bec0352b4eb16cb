"""Pages from Taiwan and Hong Kong write the labels of Chinese pages in Traditional characters
(記者, 來源, 發布時間, 責任編輯, 相關新聞): they are read as the Simplified ones are
(small pages)."""

from __future__ import annotations

import re

import pytest

from newsbot.extract import extract_article
from newsbot.extract.hanzi import either_script

URL = "https://news.example.tw/news/20250308/123.html"
TITLE = "行政院宣布擴大補助偏鄉學校數位設備"
PARAGRAPHS = [
    "行政院今天宣布，將擴大補助偏鄉學校的數位設備，預計明年起每所學校可獲得更多經費，用於更新電腦與網路。",
    "教育部官員表示，這項計畫將優先照顧山區與離島的學校，並會安排專人協助老師使用新的教學工具。",
    "地方政府對此表示歡迎，多位縣市首長認為，數位落差問題存在已久，中央加碼補助有助於縮小城鄉差距。",
    "學者提醒，設備更新之外，更重要的是教師培訓與後續維護，否則新設備很快就會閒置，無法發揮效果。",
]


def page(info: str, lead: str = "", tail: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f"<html lang='zh-Hant-TW'><head><meta charset='utf-8'><title>{TITLE} | 範例新聞網</title>"
        f"</head><body><div class='nav'><a href='/'>首頁</a><a href='/p'>政治</a></div>"
        f"<h1>{TITLE}</h1><div class='info'>{info}</div>"
        f"<div class='article'><p>{lead}{PARAGRAPHS[0]}</p>"
        f"{body.split('</p>', 1)[1]}{tail}</div></body></html>"
    )


def test_a_traditional_byline_names_the_reporter() -> None:
    article = extract_article(page("2025/03/08 15:45", lead="〔記者林志明／台北報導〕"), URL)
    assert article.authors == ["林志明"]
    article = extract_article(page("記者黃詠晴／台北報導　2025/03/08 15:45"), URL)
    assert article.authors == ["黃詠晴"]


def test_an_agencys_reporters_lose_the_city_they_filed_from() -> None:
    article = extract_article(
        page("2025/03/08 15:45", lead="（中央社記者楊淑媛、陳家倫台北8日電）"), URL
    )
    assert article.authors == ["楊淑媛", "陳家倫"]
    # The Simplified form of the same dateline.
    simplified = page("2025-03-08 15:45", lead="新华社记者张三北京3月8日电 ")
    assert extract_article(simplified, URL).authors == ["张三"]


def test_the_traditional_source_label_names_the_outlet() -> None:
    article = extract_article(page("發布時間：2025/03/08 15:45　來源：聯合報"), URL)
    assert article.media == "聯合報"


def test_an_update_time_labelled_in_traditional_is_not_the_publication_time() -> None:
    info = "<span>更新時間：2025/03/09 18:20</span><span>發布時間：2025/03/08 15:45</span>"
    article = extract_article(page(info), URL, timezone="Asia/Taipei")
    assert article.published is not None
    assert article.published.strftime("%Y-%m-%d %H:%M") == "2025-03-08 15:45"


@pytest.mark.parametrize("furniture", ["<p>責任編輯：陳仁華</p>", "<p>相關新聞</p>"])
def test_traditional_editor_credits_and_related_labels_are_no_article_text(furniture) -> None:
    body = extract_article(page("2025/03/08 15:45", tail=furniture), URL).body_text
    assert PARAGRAPHS[-1] in body
    assert furniture[3:-4] not in body


def test_either_script_matches_both_forms_with_the_same_width() -> None:
    pattern = re.compile(either_script(r"(?<=[（(])记者[^\s来）]{2,4}"))
    assert pattern.search("（记者张三）").group() == "记者张三"
    assert pattern.search("（記者張三）").group() == "記者張三"
    assert pattern.search("（記者來三）") is None
    # Inside a class, the Traditional form joins it; escapes are kept.
    assert either_script(r"[来\s]\u4e00") == r"[来來\s]\u4e00"
    assert either_script(r"[^报]") == r"[^报報]"
    assert either_script("abc") == "abc"


def test_marked_captions_a_byline_line_and_a_platform_statement_are_no_article_text() -> None:
    lead = "<p>記者黃詠晴／花蓮報導</p>"
    caption = "<p>▲砂卡礑步道前段已完成修復。（圖／管理處提供）</p>"
    statement = (
        "<p>特别声明：本文为自媒体平台作者上传并发布，仅代表该作者观点。"
        "平台仅提供信息发布平台。</p>"
    )
    html = page("2025/03/08 15:45", tail=caption + statement).replace(
        "<div class='article'>", f"<div class='article'>{lead}"
    )
    body = extract_article(html, URL).body_text
    assert body.split("\n\n")[0] == PARAGRAPHS[0]
    assert PARAGRAPHS[-1] in body
    for words in ("記者黃詠晴", "▲", "特别声明"):
        assert words not in body


def test_a_portals_platform_statement_closing_the_article_is_no_article_text() -> None:
    statement = "<p>平台声明：该文观点仅代表作者本人，某某号系信息发布平台。</p>"
    body = extract_article(page("2025/03/08 15:45", tail=statement), URL).body_text
    assert PARAGRAPHS[-1] in body
    assert "平台声明" not in body
