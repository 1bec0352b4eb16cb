"""Body extraction on small inline pages (no corpus needed)."""

from __future__ import annotations

import random
from datetime import datetime

import lxml.etree
import lxml.html
import pytest

from newsbot.extract import extract_article
from newsbot.extract.body import (
    TextLengths,
    _link_len,
    _text_len,
    _visible_len,
    _visible_lens,
    extract_body,
)
from newsbot.extract.page import parse_page

URL = "http://www.example.cn/news/2022-05/18/content_1.htm"
PARAGRAPHS = [
    "5月17日，本市举行2022年重点项目集中开工仪式，共有36个项目集中开工，总投资达120亿元。",
    "据介绍，本次集中开工的项目涵盖工业、交通、水利、城建、民生等多个领域，项目建成后将进一步完善基础设施。",
    "市委主要负责同志在开工仪式上表示，要坚持项目为王，全力以赴抓好项目建设，确保项目早日建成投产。",
    "各级各部门要强化服务保障，优化营商环境，及时协调解决项目推进中遇到的困难和问题，推动经济高质量发展。",
]
ZH_PAGE = f"""<html><head><meta charset="gbk"><title>我市重点项目集中开工_右江日报</title></head>
<body>
<div class="nav"><a href="/">首页</a> <a href="/news">新闻</a> <a href="/about">关于我们</a></div>
<div class="main">
  <h1>我市重点项目集中开工</h1>
  <div class="info">发布时间：2022-05-18 08:32 来源：右江日报 作者：张三</div>
  <div class="share"><a href="#">分享到微信</a> <a href="#">分享到微博</a></div>
  <div class="TRS_Editor">{"".join(f"<p>　　{p}</p>" for p in PARAGRAPHS)}
    <p>责任编辑：李四</p>
  </div>
  <div class="related"><h3>相关新闻</h3><ul>
    <li><a href="/a1.htm">全市一季度经济运行情况发布会召开</a></li>
    <li><a href="/a2.htm">我市召开安全生产工作会议部署下阶段工作</a></li>
    <li><a href="/a3.htm">市领导调研重点项目建设推进情况</a></li>
  </ul></div>
</div>
<div class="footer">Copyright (C) 2022 右江日报社 版权所有</div>
</body></html>"""

EN_BODY = [
    "The city council voted on Tuesday to expand the bike lane network across downtown, "
    "a plan that supporters say will make streets safer for everyone.",
    "Opponents argued that the project, which will cost about $12 million, would remove "
    "hundreds of parking spaces used by small businesses along Main Street.",
    "Construction is expected to begin next spring and to last for roughly two years, "
    "according to the transportation department.",
]
EN_PAGE = f"""<!doctype html><html lang="en"><head>
<title>Council backs bike lanes | Daily Planet</title>
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Council backs bike lanes", "datePublished": "2022-05-18T08:32:00+00:00",
"author": [{{"@type": "Person", "name": "Jane Doe"}}, {{"@type": "Person", "name": "John Roe"}}],
"publisher": {{"@type": "Organization", "name": "Daily Planet"}}}}</script></head>
<body><header><nav><a href="/">Home</a><a href="/city">City</a></nav></header>
<article><h1>Council backs bike lanes</h1><p class="byline">By Jane Doe and John Roe</p>
<div class="article-body">{"".join(f"<p>{p}</p>" for p in EN_BODY)}
<figure><img src="/lane.jpg"><figcaption>A bike lane on Main Street.</figcaption></figure>
<div class="social-share"><a href="#">Share on Facebook</a><a href="#">Tweet</a></div>
</div></article>
<aside class="sidebar"><h2>Most read</h2><ul><li><a href="/x">Other story</a></li></ul></aside>
<footer>© 2022 Daily Planet. All rights reserved.</footer></body></html>"""


def test_chinese_gbk_page_body_keeps_article_and_drops_boilerplate() -> None:
    article = extract_article(ZH_PAGE.encode("gbk"), URL)
    for paragraph in PARAGRAPHS:
        assert paragraph in article.body_text
    for junk in ("分享到", "相关新闻", "全市一季度", "责任编辑", "版权所有", "首页", "发布时间"):
        assert junk not in article.body_text
        assert junk not in article.body_html
    assert article.body_text.startswith(PARAGRAPHS[0])  # indentation stripped
    assert "<p>" in article.body_html


def test_english_page_body_without_caption_share_or_sidebar() -> None:
    article = extract_article(EN_PAGE, "https://planet.example.com/2022/05/18/bikes")
    for paragraph in EN_BODY:
        assert paragraph in article.body_text
    for junk in ("Share on Facebook", "Most read", "All rights reserved", "A bike lane on Main"):
        assert junk not in article.body_text
    assert "Council backs bike lanes" not in article.body_text


def test_body_rule_overrides_and_falls_back() -> None:
    page = (
        """<html><body><div id="story"><p>Only this short text.</p></div>
    <div class="content"><p>"""
        + " ".join(EN_BODY)
        + """</p></div></body></html>"""
    )
    ruled = extract_article(page, "http://x.test/a", rules={"body": ["#story"]})
    assert ruled.body_text == "Only this short text."
    assert ruled.body_source == "rule"
    fallback = extract_article(page, "http://x.test/a", rules={"body": ["#missing"]})
    assert EN_BODY[0] in fallback.body_text
    xpath = extract_article(page, "http://x.test/a", rules={"body": ["//div[@id='story']"]})
    assert xpath.body_text == "Only this short text."


def test_remove_rule_drops_parts_before_extraction() -> None:
    page = f"""<html><body><div class="content">{"".join(f"<p>{p}</p>" for p in EN_BODY)}
    <p class="promo">Subscribe to our print edition today, it is great value for money.</p>
    </div></body></html>"""
    article = extract_article(page, "http://x.test/a", rules={"remove": [".promo"]})
    assert "print edition" not in article.body_text
    assert EN_BODY[2] in article.body_text


def test_hostile_markup_never_in_body_html() -> None:
    hostile = f"""<html><body><div class="article-body">
    <p onclick="alert(1)">{EN_BODY[0]}<script>alert('x')</script></p>
    <p>{EN_BODY[1]} <a href="javascript:alert(2)">link</a> <img src=x onerror="alert(3)"></p>
    <iframe src="https://evil.example/"></iframe><style>p{{color:red}}</style>
    <p style="background:url(javascript:alert(4))">{EN_BODY[2]}</p>
    <object data="x.swf"></object><form action="/steal"><input name="q"></form>
    </div></body></html>"""
    html = extract_article(hostile, "http://x.test/a").body_html.lower()
    for bad in (
        "<script",
        "onclick",
        "onerror",
        "javascript:",
        "<iframe",
        "<style",
        "<object",
        "<form",
        "<input",
        "style=",
    ):
        assert bad not in html
    assert "city council voted" in html


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        b"",
        b"\x00\x01\x02\xff\xfe\xfd" * 200,
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        "<html><body></body></html>",
        "<<<>>>&&&;;</div></p>",
        "just some text without any markup",
    ],
)
def test_extract_never_raises_on_garbage(garbage: str | bytes) -> None:
    article = extract_article(garbage, "http://x.test/a", now=datetime(2022, 5, 20))
    # Nothing here is a title, a date or an author; markup without text gives no body.
    assert (article.title, article.published, article.authors) == ("", None, [])
    text = garbage if isinstance(garbage, str) else garbage.decode("latin-1")
    if not text or text.startswith(("<html", "<<<")):
        assert (article.body_text, article.body_html) == ("", "")
    assert article.to_dict()["url"] == "http://x.test/a"


def test_extract_body_does_not_mutate_the_page_tree() -> None:
    from lxml import etree

    page = parse_page(ZH_PAGE.encode("gbk"), URL)
    before = etree.tostring(page.tree)
    extract_body(page, remove=[".info"])
    assert etree.tostring(page.tree) == before


def test_jsonld_article_body_used_when_dom_is_a_teaser() -> None:
    full = "\n".join(EN_BODY * 2)
    page = f"""<html><head><script type="application/ld+json">
    {{"@type": "NewsArticle", "headline": "H", "articleBody": {full!r}}}</script></head>
    <body><div class="content"><p>{EN_BODY[0]}</p><a href="/full">Read the full story</a>
    </div></body></html>""".replace("'", '"')
    article = extract_article(page, "http://x.test/a")
    assert article.body_source == "json-ld"
    assert EN_BODY[2] in article.body_text


def _script_built_page(state: str, shown: str = "<p>扫码下载客户端</p>") -> str:
    return f"""<html><head><title>我市重点项目集中开工_快讯</title></head><body>
    <div id="app">{shown}</div><script>window.__INITIAL_STATE__ = {state};</script>
    <script>(function(){{var s = {{"a": 1}};}})();</script></body></html>"""


def test_a_script_built_page_gives_the_text_blocks_of_its_state_object() -> None:
    import json

    blocks = [{"type": 1, "value": PARAGRAPHS[0]}, {"type": 2, "value": "https://img.x.test/1.jpg"}]
    blocks += [{"type": 1, "value": p} for p in PARAGRAPHS[1:]]
    state = {"article": {"title": "我市重点项目集中开工", "content": {"blocks": blocks}}}
    article = extract_article(_script_built_page(json.dumps(state, ensure_ascii=False)), URL)
    assert article.body_source == "script"
    assert article.body_text.split("\n\n") == PARAGRAPHS
    assert "扫码下载" not in article.body_text


def test_a_script_built_page_gives_the_markup_of_its_state_object_as_clean_text() -> None:
    import json

    markup = "".join(f"<p>{p}</p>" for p in EN_BODY) + "<script>track('x')</script>"
    state = {"props": {"story": {"headline": "Bike lanes", "html": markup}}}
    data = json.dumps(state).replace("</", "<\\/")
    article = extract_article(_script_built_page(data, shown="<p>Loading…</p>"), URL)
    assert article.body_source == "script"
    assert article.body_text.split("\n\n") == EN_BODY
    assert "track" not in article.body_text and "<" not in article.body_text


def test_a_state_object_s_menu_is_no_article() -> None:
    import json

    menu = [
        {"text": f"{name}频道", "url": f"/{i}"}
        for i, name in enumerate("要闻社会财经体育娱乐科技" * 3)
    ]
    article = extract_article(_script_built_page(json.dumps({"nav": menu})), URL)
    assert article.body_source != "script"
    assert "频道" not in article.body_text


def test_a_state_object_s_short_markup_is_no_article() -> None:
    import json

    state = {"ad": {"html": "<p>订阅快讯，每天推送本地新闻。</p><p>立即下载</p>"}}
    article = extract_article(_script_built_page(json.dumps(state, ensure_ascii=False)), URL)
    assert article.body_source != "script"
    assert "订阅快讯" not in article.body_text


def test_a_page_whose_markup_holds_the_article_keeps_it_over_its_state_object() -> None:
    import json

    state = {"comments": [{"content": f"评论{i}：{PARAGRAPHS[0]}"} for i in range(6)]}
    shown = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    article = extract_article(_script_built_page(json.dumps(state), shown=shown), URL)
    assert article.body_source == "dom"
    assert "评论" not in article.body_text


@pytest.mark.parametrize(
    "notices",
    [
        [
            "本文为澎湃号作者或机构在澎湃新闻上传并发布，仅代表该作者或机构观点，不代表澎湃新闻的"
            "观点或立场，澎湃新闻仅提供信息发布平台。"
        ],
        [
            "特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台“网易号”用户上传并发布，"
            "本平台仅提供信息存储服务。",
            "Notice: The content above (including the pictures and videos if any) is uploaded "
            "and posted by a user of NetEase Hao, which is a social media platform and only "
            "provides information storage services.",
        ],
    ],
)
def test_a_self_media_platform_s_statement_closes_no_article(notices: list[str]) -> None:
    tail = "".join(f"<p>{n}</p>" for n in notices)
    # (A story long enough that the notices stay within the share a trim may take.)
    story = "".join(f"<p>{i}. {p}</p>" for i in range(3) for p in PARAGRAPHS)
    page = f"""<html><body><div class="content">{story}
    <div class="post_statement">{tail}</div></div></body></html>"""
    text = extract_article(page, URL).body_text
    assert text.rstrip().endswith(PARAGRAPHS[-1])


@pytest.mark.parametrize(
    "notice", ["免责声明", "转载声明", "版权公告", "反侵权公告", "END", "- END -"]
)
def test_trailing_notice_and_what_follows_are_cut(notice: str) -> None:
    page = f"""<html><body><div class="content">{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
    <p>{notice}：</p><p>本网转载的文章仅代表作者个人观点，与本网无关，如有侵权请联系删除。</p>
    </div></body></html>"""
    article = extract_article(page, URL)
    assert PARAGRAPHS[-1] in article.body_text
    assert notice not in article.body_text
    assert "侵权" not in article.body_text


def _zh_article(head: str, tail: str = "", title: str = "我市重点项目集中开工") -> str:
    return f"""<html><head><title>{title}_右江日报</title></head><body>
    <div class="main"><div class="content">{head}
    {"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}{tail}</div></div></body></html>"""


@pytest.mark.parametrize(
    "head",
    [
        # dateline box: source, date and font-size switch in separate elements
        '<div class="about"><p>新华社</p><p>2022-05-18 08:32</p><div><span>字号</span></div></div>',
        '<div class="time"><span>2022年05月18日 08:32</span><br><span>来源：</span>'
        "<a href='/'>右江日报</a></div><p>右江日报记者 张三 李四</p>",
        '<div class="title">我市重点项目集中开工</div><div>发布日期: 2022-05-18 字号:[大][中][小]'
        "[打印]</div>",
        "本文原标题：《我市重点项目集中开工 总投资120亿》<br>摄影：王五<br>",
        '<div class="summary"><b>摘要：</b>5月17日，本市举行2022年重点项目集中开工仪式，'
        "共有36个项目集中开工。</div>",
        '<div class="quote"><p>年度人物评选火热进行中！【<a href="/vote">点击投票</a>】选出你心中的'
        "商业领袖</p></div>",
        # A kicker or section label over the article.
        "<p>本地新闻</p>",
        # A breadcrumb trail written as text above the headline.
        "<font size='1'><a href='/'>首页</a> &gt; <a href='/news/'>新闻</a> &gt; 本地</font>"
        "<br><br><b>我市重点项目集中开工</b><br>发布日期: 2022-05-18<br><br>",
    ],
)
def test_leading_meta_lines_are_dropped(head: str) -> None:
    article = extract_article(_zh_article(head), URL)
    assert article.body_text.startswith(PARAGRAPHS[0])
    assert PARAGRAPHS[-1] in article.body_text


def test_leading_sentence_with_a_date_is_kept() -> None:
    first = "2022年5月17日上午，本市举行重点项目集中开工仪式，市领导出席并宣布项目开工。"
    article = extract_article(_zh_article(f"<p>{first}</p>"), URL)
    assert article.body_text.startswith(first)


@pytest.mark.parametrize(
    "tail",
    [
        "<p>责任编辑：李四</p><div><p>相关新闻</p><p>全市安全生产工作会议召开，部署下阶段工作。</p></div>",
        "<p>（本文来自右江日报）<br>编辑|王五<br>责编|李四<br>扫描下方二维码解锁更多技能<br>"
        "1、回复【社保】查询社保缴纳记录</p>",
        '<div class="vote"><div>推荐<span>99</span></div></div>',
        '<div class="wx"><img src="/qr.png"><p>微信扫一扫<br>关注该公众号</p></div>',
    ],
)
def test_trailing_furniture_is_dropped(tail: str) -> None:
    article = extract_article(_zh_article("", tail), URL)
    text = article.body_text
    assert PARAGRAPHS[-1] in text
    for junk in (
        "责任编辑",
        "责编",
        "相关新闻",
        "安全生产",
        "二维码",
        "回复",
        "推荐",
        "99",
        "扫一扫",
    ):
        assert junk not in text


def test_text_after_a_stray_closing_html_tag_is_found() -> None:
    page = (
        "<html><head><title>决议_中国政府网</title></head><body><div class='header'>"
        "<script>var a = 1;</script><a href='/'>首页</a></div></body></html>"
        f"<div class='content'><div class='article'>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}"
        "</div></div>"
    )
    article = extract_article(page, URL)
    assert PARAGRAPHS[0] in article.body_text
    assert PARAGRAPHS[-1] in article.body_text


@pytest.mark.parametrize(
    "tail",
    [
        "<p>Read more: <a href='/x'>Council approves new budget</a></p>",
        "<p>Related: <a href='/y'>What the bike lanes mean for drivers</a></p>",
        "<p>Sign up for our newsletter to get the day's top stories in your inbox.</p>",
        "<div class='author-bio'><h5>Sam Poe</h5><p>Sam grew up by the sea and now writes "
        "from the hills, with two dogs and a garden.</p></div>",
        "<p>We may receive a portion of sales from products purchased through this article.</p>",
        "<p>Photo: John Smith/Getty Images</p>",
        "<p>Jane Doe is a staff writer covering city hall and transportation for the "
        "Daily Planet.</p>",
        "<p>About the Author</p><p>Jane covers transport for the Planet.</p><p>Jane's gear</p>",
        "<p>Comments</p><p>Updated at 1:23 p.m.</p>",
        "<p>If you buy something through this post, we may earn a commission.</p>",
        # Who reported and edited it, and what it was taken from, in several languages.
        "<p>(Reporting by Jane Doe; Editing by John Smith)</p>",
        "<p>Reporting by Jane Doe, additional reporting by Ann Lee</p>",
        "<p>Quelle: dpa</p>",
        "<p>Kaynak: AA</p>",
        "<p>Source: AFP</p>",
        "<p>Mit Material von dpa und AFP</p>",
        # A tabloid's call for tips.
        "<p>Do you have a story to sell? Get in touch with us at webnews@example.co.uk.</p>",
        "<p>GOT a story? RING The Gazette on 0207 782 4104 or EMAIL us.</p>",
        "<p>For more stories like this, check our news page.</p>",
        "<p>Vet du mer? Tipsa Kvällsbladet – skicka ditt tips här.</p>",
        "<p>Tips oss! Send oss en e-post.</p>",
        # The reporter's e-mail address alone on the last line.
        "<p>psm@yna.co.kr</p>",
        "<p>Contact: desk@gazette.example</p>",
        "<div class='disinfo-box'><p>In a time of both misinformation and too much "
        "information, quality journalism is more crucial than ever. By subscribing, you can "
        "help us get the story right.</p><a href='/subscribe/'>SUBSCRIBE NOW</a></div>",
        "<p>Download the Gazette Lite App on Google Play.</p>",
        # The wire services' reproduction notice, however long the outlet makes it.
        "<div class='warning-box'><p>All rights reserved. This material, and other digital "
        "content on this website, may not be reproduced, published, broadcast, rewritten or "
        "redistributed in whole or in part without prior express written permission from "
        "THE GAZETTE.</p></div>",
        # A writer's bio in German and French.
        "<p>Erika Muster ist ZDF-Reporterin für das Berichtsgebiet Russland.</p>",
        "<p>Jean Dupont est journaliste au service politique.</p>",
    ],
)
def test_trailing_boilerplate_in_western_languages_is_dropped(tail: str) -> None:
    page = f"""<html><body><article><div class="article-body">
    {"".join(f"<p>{p}</p>" for p in EN_BODY)}{tail}</div></article></body></html>"""
    text = extract_article(page, "http://x.test/a").body_text
    assert text.rstrip().endswith(EN_BODY[-1])


def test_trims_do_not_mutate_the_page_tree() -> None:
    from lxml import etree

    page = parse_page(
        _zh_article('<div class="about"><p>2022-05-18</p></div>', "<p>责任编辑：李四</p>"), URL
    )
    before = etree.tostring(page.tree)
    body = extract_body(page, title="我市重点项目集中开工")
    assert body.text.startswith(PARAGRAPHS[0])
    assert etree.tostring(page.tree) == before


def test_a_control_character_in_the_page_does_not_fail_extraction() -> None:
    # lxml kept U+0001 in the tree, then refused it when boilerplate was dropped around it.
    page = (
        b"<html><head><title>T</title></head><body><nav><a href=/>Home</a></nav>\x01<article>"
        + b"<p>A paragraph&#1; long enough to be taken for the body of this article.</p>" * 4
        + b"</article></body></html>"
    )
    result = extract_article(page, "https://news.example/a/1.html")
    assert "A paragraph long enough" in result.body_text


STORY = [
    "The regional parliament debated on Monday a plan to raise the retirement age of "
    "firefighters from sixty to sixty-two years, a proposal that unions reject.",
    "Fire brigades argue that the job is physically demanding and that few colleagues "
    "could still carry breathing equipment into burning buildings at that age.",
    "The state government says better health care and new equipment have reduced the "
    "strain of the work over the past decades, and that staff shortages leave no choice.",
    "A final vote is expected before the summer recess, after a hearing of experts that "
    "will also consider the situation of volunteer brigades in rural districts.",
]


def _story_page(article: str) -> str:
    return (
        "<html><head><title>Retirement age</title></head><body>"
        "<div class='menu'><a href='/'>Home</a> <a href='/news'>News</a></div>"
        f"<main>{article}</main>"
        "<div class='footer'>© 2024 The Daily Example. All rights reserved.</div></body></html>"
    )


@pytest.mark.parametrize(
    "markup",
    [
        # CSS-module class names: a negative word inside another word names no boilerplate.
        "<article class='ArticleContainer_root'>{}</article>".format(
            "".join(f"<p class='ArticleParagraph link_externalicon-big'>{p}</p>" for p in STORY)
        ),
        # Utility classes with a variant prefix say how a block looks, not what it is.
        "<article>{}</article>".format(
            "".join(
                f"<div class='my-6 print:article-dropcap-print dark:text-white'><p>{p}</p></div>"
                for p in STORY
            )
        ),
        "<div class='story'>{}</div>".format(
            "".join(f"<p class='text blueprint-silicon'>{p}</p>" for p in STORY)
        ),
    ],
)
def test_class_words_inside_other_words_do_not_drop_the_article(markup: str) -> None:
    body = extract_article(_story_page(markup), "http://x.test/a").body_text
    for paragraph in STORY:
        assert paragraph in body


def test_whole_class_words_still_mark_boilerplate() -> None:
    markup = (
        "<article>{}<div class='hotRank'><p>{}</p></div><div class='share-icons'><p>{}</p>"
        "</div></article>"
    ).format(
        "".join(f"<p>{p}</p>" for p in STORY),
        "Most read today: a story about something else entirely that many people liked.",
        "Share this story with friends and family on every network you know of right now.",
    )
    body = extract_article(_story_page(markup), "http://x.test/a").body_text
    assert STORY[-1] in body
    assert "Most read today" not in body
    assert "Share this story" not in body


def test_article_split_across_sibling_containers_keeps_every_part() -> None:
    def part(paragraphs: list[str], heading: str = "") -> str:
        inner = (f"<h2>{heading}</h2>" if heading else "") + "".join(
            f"<p>{p}</p>" for p in paragraphs
        )
        return f"<div class='con'><div class='mod'><div class='box'>{inner}</div></div></div>"

    related = (
        "<div class='con'><div class='mod teaser'><a href='/1'>Fire in the port: two "
        "warehouses burn</a> <a href='/2'>New trucks for the volunteer brigades</a></div></div>"
    )
    ad = "<div class='con'><div class='ad-slot'>Advertisement</div></div>"
    markup = "<article>{}{}{}{}{}</article>".format(
        part(STORY[:1]), ad, part(STORY[1:2], "Heavy equipment"), related, part(STORY[2:])
    )
    body = extract_article(_story_page(markup), "http://x.test/a").body_text
    for paragraph in STORY:
        assert paragraph in body
    assert "Heavy equipment" in body
    assert "warehouses" not in body
    assert "Advertisement" not in body


@pytest.mark.parametrize(
    "article_body",
    [
        "".join(f"<p>{p}</p>" for p in STORY) + "<script>track('x')</script>",
        "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in STORY),
        "".join(f"&amp;lt;p&amp;gt;{p}&amp;lt;/p&amp;gt;" for p in STORY),
    ],
)
def test_jsonld_article_body_is_never_taken_as_found(article_body: str) -> None:
    import json

    data = json.dumps({"@type": "NewsArticle", "headline": "H", "articleBody": article_body})
    data = data.replace("</", "<\\/")  # as pages write it inside <script>
    page = (
        f'<html><head><script type="application/ld+json">{data}</script></head><body>'
        f"<div class='content'><p>{STORY[0][:60]}</p><a href='/more'>More</a></div></body></html>"
    )
    article = extract_article(page, "http://x.test/a")
    assert article.body_source == "json-ld"
    for paragraph in STORY:
        assert paragraph in article.body_text
    for junk in ("<p>", "&lt;", "&amp;", "&gt;", "track("):
        assert junk not in article.body_text
    assert "&lt;p" not in article.body_html
    assert "track(" not in article.body_html


def test_nothing_found_by_class_words_is_looked_for_by_tags() -> None:
    # Every paragraph sits in a block whose class says boilerplate: trusting the class
    # words leaves nothing, the tags alone still find the article.
    markup = "<article>{}</article><div class='sidebar'><a href='/x'>Other news</a></div>".format(
        "".join(f"<div class='widget widget-text'><p>{p}</p></div>" for p in STORY)
    )
    article = extract_article(_story_page(markup), "http://x.test/a")
    for paragraph in STORY:
        assert paragraph in article.body_text
    assert "Other news" not in article.body_text


TEASERS = [
    (
        "Harbour expansion approved after a decade of delays",
        "The port will double in size, and new berths open soon.",
    ),
    (
        "School meals to be free for every pupil from autumn",
        "Parents welcomed the decision; the council pays for it.",
    ),
    (
        "River clean-up volunteers collect two tonnes of litter",
        "More clean-up days are planned, and anyone can join in.",
    ),
    (
        "New tram line opens to passengers on the east side",
        "Trams will run every six minutes at peak hours, it said.",
    ),
    (
        "Library reopens with longer hours after renovation",
        "It now opens on Sundays too, with a bigger reading room.",
    ),
]


def _teaser_page(teasers: int) -> str:
    """An article, and next to it a block of teasers: link text about half of each line."""
    story = "".join(f"<p>{p}</p>" for p in EN_BODY)
    more = "".join(
        f'<p><a href="/story/{i}">{headline}</a> {summary}</p>'
        for i, (headline, summary) in enumerate(TEASERS[:teasers])
    )
    return (
        "<html><head><title>Council backs bike lanes</title></head><body>"
        f'<div class="wrap"><div class="story">{story}</div>'
        f'<div class="more">{more}</div></div></body></html>'
    )


def test_link_heavy_teaser_blocks_never_join_the_body() -> None:
    """Headline links with a line of summary score like paragraphs by their length and
    punctuation; only their link density keeps them out of the article."""
    body = extract_article(_teaser_page(3), URL).body_text
    for paragraph in EN_BODY:
        assert paragraph in body
    for headline, summary in TEASERS:
        assert headline not in body
        assert summary not in body


# --------------------------------------------------------------------------- text lengths

# Whitespace of every kind the pages use, text in comments and processing instructions (not
# text, their tails are), nested links, empty and space-only elements.
LENGTH_PAGES = [
    "<div> a <b> b </b>\t<a href='/x'>link <i> x </i></a>\n\n<p>\u3000para\u00a0 two </p> </div>",
    "<div><!-- a comment --> tail of it <p> </p><p></p><span>  </span>end</div>",
    "<section>x<?pi data?>y<a>one</a><a> two </a><p><a>three<b>four</b></a> t</p></section>",
    "<div>\n <ul>\n  <li><a href='/1'> Item one </a></li>\n  <li>Item\ttwo</li>\n </ul></div>",
    "<div>正文<span>，</span>\u3000\u3000<p>第二段。</p><br>  <p> 第三段 </p>\u2003</div>",
]


def _random_markup(rng: random.Random, depth: int = 0) -> str:
    pieces = ["", " ", "  ", "\n", "\u3000", "\u00a0", "a", "word ", " w2", "文字", "\t x \t"]
    out = []
    for _ in range(rng.randint(0, 4)):
        out.append(rng.choice(pieces))
        if depth < 5 and rng.random() < 0.6:
            tag = rng.choice(["div", "p", "span", "a", "b", "li", "section"])
            out.append(f"<{tag}>{_random_markup(rng, depth + 1)}</{tag}>")
        elif rng.random() < 0.2:
            out.append(f"<!--{rng.choice(pieces)}-->")
    return "".join(out)


def _all_length_pages() -> list[str]:
    rng = random.Random(8)
    return LENGTH_PAGES + [f"<div>{_random_markup(rng)}</div>" for _ in range(60)]


def test_text_lengths_equal_the_naive_computation_for_every_element() -> None:
    for markup in _all_length_pages():
        root = lxml.html.fragment_fromstring(markup)
        lengths = TextLengths(root)
        for el in root.iter(lxml.etree.Element):
            naive_text = len(" ".join(el.text_content().split()))
            naive_links = sum(len(" ".join(a.text_content().split())) for a in el.iter("a"))
            assert lengths.text(el) == _text_len(el) == naive_text, (markup, el.tag)
            assert lengths.links(el) == _link_len(el) == naive_links, (markup, el.tag)


def test_visible_length_leaves_out_scripts_styles_and_templates_only() -> None:
    visible = lxml.etree.XPath(
        ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript "
        "or ancestor::template)]"
    )
    hidden = (
        "<script>var x = 1;</script> after script <style>p {}</style><noscript>no js</noscript>"
        "<template><p>later</p></template><!-- note --> after note"
    )
    for markup in [*_all_length_pages(), f"<div>{hidden}</div>"]:
        root = lxml.html.fragment_fromstring(markup)
        assert _visible_len(root) == len(" ".join("".join(visible(root)).split())), markup
    root = lxml.html.fragment_fromstring(f"<div>{hidden}</div>")
    assert _visible_len(root) == len("after script after note")


def test_visible_lengths_of_a_page_and_its_body_from_one_walk() -> None:
    page = parse_page(
        "<html><head><title>Site title</title><script>x()</script></head>"
        "<body><p>Body text here</p><script>y()</script> tail</body></html>",
        URL,
    )
    body = page.tree.find("body")
    assert _visible_lens(page.tree, body) == (_visible_len(page.tree), _visible_len(body))
    assert _visible_lens(page.tree, body) == (len("Site titleBody text here tail"), 19)


HARBOUR = (
    "<p>The council voted on Tuesday to expand the harbour, a decision that will reshape the"
    " waterfront for decades, officials said.</p>"
)
TEASER_ITEMS = "".join(
    f"<div class='item'><h3><a href='/s{i}'>Other story number {i} about the city budget</a>"
    f"</h3><p>A short summary of story {i}, with one detail.</p></div>"
    for i in range(5)
)


@pytest.mark.parametrize(
    "layout",
    [
        # More stories in a sibling of the article's own kind, or inside the article's block.
        f"<div class='content'>{HARBOUR * 6}</div><div class='content'>{TEASER_ITEMS}</div>",
        f"<div class='content'>{HARBOUR * 6}<div class='box'>{TEASER_ITEMS}</div></div>",
    ],
)
def test_a_block_of_teasers_does_not_join_the_body(layout: str) -> None:
    html = f"<html><head><title>Harbour plan</title></head><body><h1>Harbour plan</h1>{layout}"
    art = extract_article(html + "</body></html>", "https://news.example.org/a.html")
    assert art.body_text.count("The council voted") == 6
    assert "summary of story" not in art.body_text
    assert "Other story" not in art.body_text


def test_two_teasers_or_a_list_of_them_in_the_text_are_kept() -> None:
    # Fewer than three items is a pointer inside the text, not a block of more stories.
    two = TEASER_ITEMS.split("</div>")[:2]
    layout = f"<div class='content'>{HARBOUR * 6}<div class='box'>{'</div>'.join(two)}</div></div>"
    html = f"<html><head><title>Harbour plan</title></head><body><h1>Harbour plan</h1>{layout}"
    art = extract_article(html + "</body></html>", "https://news.example.org/a.html")
    assert "summary of story 1" in art.body_text


def test_teaser_blocks_in_a_section_are_dropped_whole_and_headings_inside_the_article_go() -> None:
    from newsbot.extract.body import _prune

    story = "".join(f"<p>{p}</p>" for p in EN_BODY)
    more = "".join(
        f'<p><a href="/story/{i}">{headline}</a> {summary}</p>'
        for i, (headline, summary) in enumerate(TEASERS[:3])
    )
    container = lxml.html.fromstring(
        f"<div><h1>Council backs bike lanes</h1><figure><figcaption>Photo: lanes</figcaption>"
        f"</figure>{story}<section class='more'>{more}</section></div>"
    )
    _prune(container, None)
    text = container.text_content()
    for paragraph in EN_BODY:
        assert paragraph in text
    for headline, summary in TEASERS[:3]:
        assert headline not in text and summary not in text
    assert container.find(".//h1") is None and container.find(".//figcaption") is None


HARBOUR_STORY = [
    "The council voted on Tuesday to expand the harbour, a decision that will reshape the"
    " waterfront for decades.",
    "Work on the new berths starts in spring and should take three years, the port authority"
    " said on Wednesday.",
    "Shops along the quay will stay open during the works, and a shuttle bus will link the two"
    " car parks.",
    "The plan also adds a ferry stop, paid for by the regional government, at the end of the quay.",
    "Residents of the old quarter asked for a noise limit at night; the council promised to"
    " study it.",
]
ARCHIVE_LINKS = [
    ("A look back", "how the tram network grew from two lines to nine in twenty years"),
    ("An analysis", "why the river district became the most expensive place to rent"),
    ("A guide", "what the new budget means for schools, libraries and parks"),
    ("A list", "the ten restaurants that changed the way the city eats out"),
]


def test_a_longer_block_of_long_links_loses_to_the_article_by_its_link_density() -> None:
    # Four paragraphs, each some 40% link text, deep in a column of their own: by length and
    # punctuation they outscore the five short paragraphs of the story, until their score is
    # scaled down by their link density (without it they win, and the story joins them).
    story = "".join(f"<p>{p}</p>" for p in HARBOUR_STORY)
    linked = "".join(
        f'<p>{lead}, from our archive of city reporting: <a href="/r/{i}">{anchor}</a>,'
        " with photos, maps and figures.</p>"
        for i, (lead, anchor) in enumerate(ARCHIVE_LINKS)
    )
    column = f"<div class='rail'><div><div><div><div class='list'>{linked}</div></div></div></div>"
    html = (
        "<html><head><title>Harbour plan</title></head><body><h1>Harbour plan</h1>"
        f"<div>{story}</div>{column}</div></body></html>"
    )
    body = extract_article(html, "https://news.example.org/a.html").body_text
    assert body == "\n\n".join(HARBOUR_STORY)


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        # 12 characters of link text in 48: exactly a quarter is kept ...
        ("Plans for the new berths are on the <a href='/maps'>port website</a>", True),
        # ... in 47, more than a quarter, with under 3 punctuation marks: a link line, dropped.
        ("Plans of the new berths are on the <a href='/maps'>port website</a>", False),
    ],
)
def test_a_short_block_is_dropped_when_more_than_a_quarter_of_it_is_link_text(
    line: str, kept: bool
) -> None:
    from newsbot.extract.body import _prune

    paragraph = f"<p>{HARBOUR_STORY[0]}</p>"
    container = lxml.html.fromstring(f"<div>{paragraph}<div>{line}</div>{paragraph}</div>")
    _prune(container, None)
    assert ("port website" in container.text_content()) is kept
    assert container.text_content().count(HARBOUR_STORY[0]) == 2


def test_a_paragraph_mostly_link_text_credits_no_container() -> None:
    from newsbot.extract.body import _candidates

    root = lxml.html.document_fromstring(
        "<html><body><div><div id='links'><p><a href='/a'>Harbour expansion approved after a"
        " decade of delays</a> (video)</p></div><div id='text'><p>The port will double in size,"
        " and new berths open soon.</p><p>The work starts in May, the council said.</p></div>"
        "</div></body></html>"
    )
    assert {el.get("id") or el.tag for el in _candidates(root)} == {"text", "div", "body", "html"}


def test_the_wrappers_of_one_paragraph_and_the_block_above_are_credited_in_full() -> None:
    from newsbot.extract.body import _candidates

    root = lxml.html.document_fromstring(
        "<html><body><div id='column'><div id='story'><div id='outer'><div id='inner'><p>The"
        " port will double in size, and new berths open soon.</p></div></div><p>The work starts"
        " in May, the council said.</p></div><p>Share this story.</p></div></body></html>"
    )
    scores = {el.get("id"): score for el, score in _candidates(root).items() if el.get("id")}
    # The two wrappers get the first paragraph's whole weight, and so does the story block,
    # which holds the second paragraph too; the column above gets half of each.
    assert scores["inner"] == scores["outer"]
    assert scores["story"] > scores["column"]


def test_chinese_text_weighs_three_times_its_length_in_characters() -> None:
    from newsbot.extract.body import _paragraph_score

    # Without punctuation, 120 Latin characters score as 40 Chinese ones.
    assert _paragraph_score("a" * 120) == _paragraph_score("字" * 40) == 2.2


def test_a_sibling_of_the_article_class_made_of_links_does_not_join_the_body() -> None:
    # The same class earns a sibling a bonus of a share of the article's score, not a multiple
    # of it: a block of 40 topic links with one line of text stays out.
    links = "".join(
        f"<li><a href='/t/{i}'>Topic page number {i} of the city</a></li>" for i in range(40)
    )
    story = "".join(f"<p>{p}</p>" for p in HARBOUR_STORY[:2])
    html = (
        "<html><head><title>Harbour plan</title></head><body><h1>Harbour plan</h1><div>"
        f"<div class='content'>{story}</div>"
        f"<div class='content'><p>Browse more topics from the newsroom.</p><ul>{links}</ul></div>"
        "</div></body></html>"
    )
    body = extract_article(html, "https://news.example.org/a.html").body_text
    assert body == "\n\n".join(HARBOUR_STORY[:2])


def test_a_long_chinese_sentence_about_copyright_is_no_copyright_line() -> None:
    from newsbot.extract.body import _is_boilerplate_line

    assert _is_boilerplate_line("版权所有 未经授权禁止转载")
    assert _is_boilerplate_line("某某网版权作品，未经书面授权，严禁转载或镜像。")
    assert _is_boilerplate_line("（图源：某某图库，非商业用途）")
    # A line of labelled dates alone, as a text line too (JSON-LD articleBody lines).
    assert _is_boilerplate_line("Stand: 13. März 2025, 06:12 Uhr")
    assert not _is_boilerplate_line("Updated 10:30: Two ferries stopped")
    # 102 characters: over the 80 of a Chinese copyright notice (200 for other text).
    sentence = "本文" + "根据相关法律规定，版权所有的作品未经授权不得转载，" * 4
    assert not _is_boilerplate_line(sentence)


def test_a_copyright_footer_in_two_scripts_is_a_copyright_line() -> None:
    from newsbot.extract.body import _is_boilerplate_line

    # 96 characters, 24 of them Chinese: the Chinese part and the English part are each a
    # notice of their own. A Chinese character counts as two and a half of the 200: 132.
    footer = (
        "蓮島日報版權所有 不得轉載 Copyright © 2025 Liandao Daily. All Rights Reserved."
        "地址：澳門新馬路某大廈 電話：(853) 0000 0000"
    )
    assert _is_boilerplate_line(footer)
    assert not _is_boilerplate_line(footer + "本报记者" * 12)  # 48 more: 252 weighted
    assert _is_boilerplate_line("Copyright © 2025 Example Daily. " + "x" * 160)  # 192


HARBOUR_HTML = "".join(f"<p>{p}</p>" for p in HARBOUR_STORY)
HARBOUR_TEXT = "\n\n".join(HARBOUR_STORY)


def _harbour(story_html: str) -> str:
    html = (
        "<html><head><title>Harbour plan</title></head><body><h1>Harbour plan</h1>"
        f"<div class='content'>{story_html}</div></body></html>"
    )
    return extract_article(html, "https://news.example.org/a.html").body_text


@pytest.mark.parametrize("mark", ["ENDS", "-ENDS-", "###", "-30-", "Notes to editors:"])
def test_a_press_releases_end_mark_and_what_follows_are_cut(mark: str) -> None:
    notes = "<p>The port authority runs the harbour on behalf of the region and its towns.</p>"
    body = _harbour(f"{HARBOUR_HTML}<p>{mark}</p>{notes}")
    assert body == HARBOUR_TEXT


def test_a_label_repeated_between_the_paragraphs_is_no_text() -> None:
    label = "<p class='label'>Article content</p>"
    body = _harbour(label.join(f"<p>{p}</p>" for p in HARBOUR_STORY))
    assert body == HARBOUR_TEXT
    # Twice is no layout's label; nor are a spec sheet's labels, which stand among values.
    body = _harbour(label.join(f"<p>{p}</p>" for p in HARBOUR_STORY[:3]))
    assert body.count("Article content") == 2
    # Nor is a short sentence said three times ("No."), though as short as a label.
    body = _harbour("<p>No.</p>".join(f"<p>{p}</p>" for p in HARBOUR_STORY))
    assert body.count("No.") == len(HARBOUR_STORY) - 1
    specs = "".join(f"<div>Colour</div><div>{c}</div>" for c in ("red", "blue", "green"))
    body = _harbour(HARBOUR_HTML + f"<div>{specs}</div>")
    assert body.count("Colour") == 3


@pytest.mark.parametrize(
    "line",
    [
        "Publiziert: 16.02.2025 um 13:57 Uhr | Aktualisiert: 16.02.2025 um 17:41 Uhr",
        "Stand: 13. März 2025, 06:12 Uhr",
        "Published 12 March 2025, updated 14:02",
        # Month and weekday names, time zones and the PM mark, in more languages.
        "22 Şubat 2025 Cumartesi 14:37 - Güncelleme: 22.02.2025 15:10",
        "نشر في: 03 أبريل ,2024: 04:15 م GST آخر تحديث: 03 أبريل ,2024: 06:02 م GST",
        "Updated March 3, 2025 at 5:16 PM CST",
        # Nordic labels, "kl.", a month cut to three letters, "Sist oppdatert".
        "Ritzau 24. okt. 2023 kl. 09.41 Opdateret 24. okt. 2023 kl. 10.15",
        "Publisert 14. mai 2024 11:02 Sist oppdatert 14. mai 2024 13:18",
        "Uppdaterad 15.59 | Publicerad 14.14",
    ],
)
def test_a_line_of_labelled_dates_between_the_paragraphs_is_no_text(line: str) -> None:
    body = _harbour(HARBOUR_HTML.replace("</p>", f"</p><p>{line}</p>", 1))
    assert body == HARBOUR_TEXT


def test_a_short_update_that_says_something_stays() -> None:
    update = "<p>Updated 10:30: Two ferries stopped</p>"
    body = _harbour(HARBOUR_HTML.replace("</p>", f"</p>{update}", 1))
    assert "Updated 10:30: Two ferries stopped" in body
    # Nor does a month's name empty a line that says something with it.
    update = "<p>Updated March 3: May cause delays</p>"
    body = _harbour(HARBOUR_HTML.replace("</p>", f"</p>{update}", 1))
    assert "May cause delays" in body


@pytest.mark.parametrize("line", ["Seiffen. Erschienen am 27.11.2024", "01.02.2022"])
def test_a_dated_line_opening_the_text_is_no_text(line: str) -> None:
    body = _harbour(f"<p>{line}</p>" + HARBOUR_HTML)
    assert body == HARBOUR_TEXT


def test_a_live_blogs_posts_are_all_article_text() -> None:
    # Each post is an <article> of its own: time, writer, headline, two paragraphs. The best
    # block is one post's text; the others are the article as much.
    posts = "".join(
        f"<article class='lb-post'><div class='lb-post-meta'><time>21:0{i}</time>"
        "<div class='lb-post-author'><img src='/a.jpg' alt=''><span>Jane Doe</span></div></div>"
        f"<h3 class='lb-post-headline'>Update {i} on the harbour</h3><div class='lb-post-body'>"
        f"<p>{HARBOUR_STORY[i]} Post {i}.</p><p>{HARBOUR_STORY[i + 1]} Post {i}.</p></div>"
        "</article>"
        for i in range(3)
    )
    body = _harbour(f"<div class='lb-feed'>{posts}</div>")
    assert all(f"Post {i}." in body for i in range(3))
