"""Titles where the <title> or og:title is only the site's name or its slogan (small pages)."""

from __future__ import annotations

import pytest

from newsbot.extract.metadata import extract_title
from newsbot.extract.page import parse_page

HEADLINE = "Mayor opens new bridge over the river"
BODY = "<p>" + "The new bridge links the two halves of the town for the first time. " * 8 + "</p>"


def title_of(head: str, body: str, url: str = "https://www.gazette.co.uk/news/1", lang="en"):
    html = f"<html lang='{lang}'><head>{head}</head><body>{body}{BODY}</body></html>"
    return extract_title(parse_page(html, url))


@pytest.mark.parametrize(
    "head",
    [
        # The outlet's name: the host's, og:site_name, or a bare one-word name.
        "<title>Gazette</title>",
        "<title>Gazette</title><meta property='og:site_name' content='Gazette'>",
        "<title>Gazette</title><meta property='og:title' content='Gazette'>",
        "<title>GAZETTE</title><meta property='og:title' content='gazette'>",
        # The outlet's name and its slogan, or a section label.
        "<title>Gazette - Your daily news</title>",
        "<title>Politics | Gazette</title>",
    ],
)
def test_the_visible_headline_beats_a_title_that_is_only_the_site(head):
    assert title_of(head, f"<h1>{HEADLINE}</h1>") == HEADLINE


def test_a_site_named_with_the_in_front_is_its_host():
    head = "<title>The Daily Gazette | News you can trust</title>"
    url = "https://dailygazette.com/2022/05/bridge"
    assert title_of(head, f"<h1>{HEADLINE}</h1>", url) == HEADLINE


def test_the_site_name_in_a_header_h1_gives_way_to_the_article_heading():
    body = f"<header><h1>Gazette</h1></header><article><h2>{HEADLINE}</h2></article>"
    assert title_of("<title>Gazette</title>", body) == HEADLINE
    title = f"<title>{HEADLINE} - Gazette</title>"
    assert title_of(title, "<header><h1>Gazette</h1></header><h2>Most read</h2>") == HEADLINE


def test_a_chinese_portal_name_as_title_gives_way_to_the_headline():
    headline = "国务院常务会议部署稳就业工作"
    url = "http://www.example.cn/2022/0518/c1.html"
    assert title_of("<title>新华网</title>", f"<h1>{headline}</h1>", url, "zh") == headline
    head = "<title>新华网_让新闻离你更近</title><meta property='og:site_name' content='新华网'>"
    assert title_of(head, f"<h1>{headline}</h1>", url, "zh") == headline


def test_a_real_title_is_kept():
    # The <title> headline stays where the <h1> is a short label, or a longer different text.
    title = f"<title>{HEADLINE} - Gazette</title>"
    assert title_of(title, "<h1>Local news</h1>") == HEADLINE
    assert title_of(title, "<h1>Something else entirely that is long enough</h1>") == HEADLINE
    # The site's name inside a headline is no site title.
    head = "<title>Gazette to close its print edition - Gazette</title>"
    assert title_of(head, "<div>Home</div>") == "Gazette to close its print edition"
    # With nothing else on the page, the site's name is all there is.
    assert title_of("<title>Gazette</title>", "<div>Home</div>") == "Gazette"
    assert title_of("<meta property='og:title' content='Gazette'>", "<div>Home</div>") == "Gazette"


def test_an_entity_left_in_the_title_is_decoded():
    head = "<title>Mayor&amp;#8217;s bridge opens over the river - Gazette</title>"
    assert title_of(head, "<div>Home</div>") == "Mayor\u2019s bridge opens over the river"


HEADLINE_ZH = "国务院常务会议部署稳就业工作"


@pytest.mark.parametrize(
    "head",
    [
        # og:title and the article's JSON-LD headline carry the outlet the page names nowhere
        # else, with a section label between.
        f"<title>要闻</title><meta property='og:title' content='{HEADLINE_ZH}--时政--人民网'>",
        f"<title>要闻</title><meta property='og:title' content='{HEADLINE_ZH} - 新华网'>",
        f"<title>{HEADLINE_ZH}_新浪新闻</title><script type='application/ld+json'>"
        f'{{"@type": "NewsArticle", "headline": "{HEADLINE_ZH}_新浪新闻"}}</script>',
    ],
)
def test_an_outlet_suffix_on_a_structured_title_is_dropped(head):
    url = "http://www.example.cn/n1/2022/0518/c1.html"
    assert title_of(head, "<div>要闻</div>", url, "zh") == HEADLINE_ZH


def test_the_host_name_after_an_og_title_is_dropped():
    head = f"<title>News</title><meta property='og:title' content='{HEADLINE} | Gazette'>"
    assert title_of(head, "<div>Home</div>") == HEADLINE
    # A part that names no outlet stays.
    head = "<title>News</title><meta property='og:title' content='Storm: what we know - Q&amp;A'>"
    assert title_of(head, "<div>Home</div>") == "Storm: what we know - Q&A"


def test_a_section_label_glued_on_by_an_underscore_is_dropped():
    head = (
        f"<title>{HEADLINE_ZH}_国内_新浪网</title>"
        f"<meta property='og:title' content='{HEADLINE_ZH}_国内'>"
    )
    assert title_of(head, "<div>要闻</div>", "http://www.example.cn/1.html", "zh") == HEADLINE_ZH


def test_a_twitter_title_stands_in_for_a_missing_og_title():
    head = f"<title>News</title><meta name='twitter:title' content='{HEADLINE} | Gazette'>"
    assert title_of(head, "<div>Home</div>") == HEADLINE


def test_a_chinese_title_is_kept_against_an_h1_no_longer_than_it():
    # "Site_head": only an <h1> longer than the head is taken for the headline the head
    # is too short to be; one of the same length is no better.
    head = "<title>暴雨预警发布_新华网</title><meta property='og:site_name' content='新华网'>"
    url = "http://www.example.cn/2022/0518/c1.html"
    assert title_of(head, "<h1>今日热点新闻</h1>", url, "zh") == "暴雨预警发布"
    assert title_of(head, "<h1>今日热点新闻与评论</h1>", url, "zh") == "今日热点新闻与评论"


def test_the_article_headline_beats_an_unrelated_title_tag_on_a_tie():
    # One vote each and no visible heading or og:title to break the tie: the article's own
    # JSON-LD headline is the headline, not the <title>.
    head = (
        "<title>Weather warning for the weekend - Gazette</title>"
        "<script type='application/ld+json'>"
        f'{{"@type": "NewsArticle", "headline": "{HEADLINE}"}}</script>'
    )
    assert title_of(head, "<div>Home</div>") == HEADLINE


@pytest.mark.parametrize("name_class", ["site-title", "site-name", "sitename", "tagline"])
def test_the_site_name_or_slogan_in_an_h1_is_not_the_headline(name_class: str) -> None:
    # Blog themes set the site's name in an <h1>; the <title> is the name and its slogan, which
    # newsbot cannot tell from a headline: the heading with the dateline under it is the one.
    head = "<title>Daily Gazette - News you can trust</title>"
    body = (
        f"<header><h1 class='{name_class}'>News you can trust</h1></header>"
        f"<h2 class='headline'>{HEADLINE}</h2><p class='date'>May 18, 2022</p>"
    )
    assert title_of(head, body, "https://news.example.com/a/1") == HEADLINE


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("西林县全力构建乡村治理新格局-中国新闻网", "西林县全力构建乡村治理新格局"),
        ("Mayor opens new bridge over the river-Gazette Online", HEADLINE),
        ("Mayor opens new bridge over the river_Gazette", HEADLINE),
    ],
)
def test_a_line_of_the_page_that_opens_the_title_is_the_headline(title: str, shown: str) -> None:
    # No <h1>: the headline is a <div>, and the <title> glues the site on without spaces.
    body = f"<div class='content-title'>{shown}</div><div class='info'>来源：Gazette</div>"
    assert title_of(f"<title>{title}</title>", body, "https://news.example.com/a/1") == shown


def test_a_section_name_that_opens_the_title_is_not_the_headline() -> None:
    # "新闻中心" (the news section) is a line of the page and opens the <title>, but is too short
    # to be the headline: the dated heading is.
    head = "<title>新闻中心_西林县人民政府</title>"
    body = (
        "<ul><li>新闻中心</li><li>政务公开</li></ul>"
        "<h3>西林县全力构建乡村治理新格局</h3><p>发布时间：2022-05-18 08:32</p>"
    )
    assert title_of(head, body, "https://news.example.com/a/1") == "西林县全力构建乡村治理新格局"


ZH_HEADLINE = "西林县全力构建乡村治理新格局"


@pytest.mark.parametrize(
    "title",
    [
        f"【{ZH_HEADLINE}】-中华网",  # in brackets
        f"{ZH_HEADLINE}(组图)_网易新闻",  # a photo mark
        f"{ZH_HEADLINE} 西林县人民政府门户网站",  # the site after a space
        f"西林县人民政府门户网站-{ZH_HEADLINE}",  # the site first
        f"首页 > 新闻 > {ZH_HEADLINE}",  # a breadcrumb
        f"西林日报-{ZH_HEADLINE}",  # a paper first (its e-paper edition)
        f"西林电视台_{ZH_HEADLINE}",
        f"西林晚报数字报刊平台-{ZH_HEADLINE}",  # a paper's e-edition platform
        f"西林日报电子版-{ZH_HEADLINE}",
    ],
)
def test_a_div_headline_is_found_in_the_portal_forms_of_the_title(title: str) -> None:
    body = f"<div class='article-title'>{ZH_HEADLINE}</div><div class='info'>来源：人民网</div>"
    assert title_of(f"<title>{title}</title>", body, "https://news.example.cn/a/1", "zh") == (
        ZH_HEADLINE
    )


def test_a_label_before_a_colon_opening_the_title_is_part_of_the_headline() -> None:
    # "天气预报：…" ends like a paper's name, but a colon follows a label, not a site.
    title = f"天气预报：{ZH_HEADLINE}"
    body = f"<div class='article-title'>{title}</div><p>{ZH_HEADLINE}</p>"
    assert title_of(f"<title>{title}</title>", body, "https://news.example.cn/a/1", "zh") == title


def test_a_slogan_shown_on_the_page_is_not_taken_for_the_headline() -> None:
    # The <title> is the site's name and its slogan, and the slogan is a line of the page:
    # the heading with the dateline under it is the headline.
    head = "<title>Gazette Online - Your trusted local news source</title>"
    body = (
        "<div class='top'>Your trusted local news source</div>"
        f"<h2>{HEADLINE}</h2><p class='date'>May 18, 2022</p>"
    )
    assert title_of(head, body, "https://news.example.com/a/1") == HEADLINE


def test_a_three_character_chinese_headline_opening_the_title_is_the_headline():
    # "蔡健雅_百度百科": the shorter part is the headline; the <h1> says which.
    head = "<title>蔡健雅_百度百科</title>"
    assert title_of(head, "<h1>蔡健雅</h1><p>新加坡女歌手。</p>", lang="zh") == "蔡健雅"


@pytest.mark.parametrize(
    ("h1", "head", "title"),
    [
        # A kicker and the headline in two blocks: joined as a label, never glued.
        (
            "<h1><span>Bridge opening</span><span>Mayor opens new bridge</span></h1>",
            "",
            "Bridge opening: Mayor opens new bridge",
        ),
        (
            "<h1><span>Live:</span><span>Mayor opens new bridge</span></h1>",
            "",
            "Live: Mayor opens new bridge",
        ),
        # The headline and a subtitle: the og:title names the headline, the subtitle is no part
        # of it (no cut-short og:title that the heading completes).
        (
            "<h1><span>Mayor opens new bridge</span>"
            "<small>A day of music on the river</small></h1>",
            "<meta property='og:title' content='Mayor opens new bridge'>",
            "Mayor opens new bridge",
        ),
        # Four words in two blocks are a kicker and a headline.
        (
            "<h1><span>Exclusive</span><span>Mayor opens bridge</span></h1>",
            "",
            "Exclusive: Mayor opens bridge",
        ),
        # Words set one by one are still one line.
        ("<h1><span>Bridge</span><span>opens</span></h1>", "", "Bridge opens"),
        # Text of the heading's own beside the two blocks: one line, as written.
        (
            "<h1>Live: <span>Mayor opens</span><span> the new bridge today</span></h1>",
            "",
            "Live: Mayor opens the new bridge today",
        ),
        (
            "<h1><span>Mayor opens</span> the new <span>bridge over the river</span></h1>",
            "",
            "Mayor opens the new bridge over the river",
        ),
    ],
)
def test_a_heading_of_two_blocks_is_read_as_kicker_and_headline(h1, head, title):
    assert title_of(f"<title>Gazette</title>{head}", h1) == title


def test_without_a_title_the_heading_over_the_dateline_is_the_headline():
    body = (
        "<h3>最新动态</h3><div><h4>全国地理学术年会在重庆成功举行</h4>"
        "<div>发布时间：2019-05-18 来源：中国地理学会</div></div>"
        "<p>5月10-12日，全国地理学术年会在重庆举行，来自各地的学者参加了会议。</p>"
    )
    assert title_of("", body, lang="zh") == "全国地理学术年会在重庆成功举行"


CN_STORY = "<p>5月10-12日，全国地理学术年会在重庆举行，来自各地的学者参加了会议。</p>"


@pytest.mark.parametrize(
    "head",
    [
        # The site's name alone: a government's, or no <title> at all.
        "<title>某某市人民政府</title>",
        "",
    ],
)
def test_a_div_headline_over_its_labelled_dateline_beats_the_site_logo(head):
    # The only heading is the logo, a link home; the headline is a <div> over its dateline.
    body = (
        "<h1 class='logo'><a href='/'>某某市人民政府</a></h1>"
        "<div class='article-title'>全国地理学术年会在重庆成功举行</div>"
        "<div>发布时间：2019-05-18 来源：中国地理学会</div>"
        f"{CN_STORY}"
    )
    assert title_of(head, body, lang="zh") == "全国地理学术年会在重庆成功举行"
    # The dateline split in two: its label, then the date.
    split = body.replace("发布时间：2019-05-18", "<span>发布时间：</span><span>2019-05-18</span>")
    assert title_of(head, split, lang="zh") == "全国地理学术年会在重庆成功举行"


def test_a_sentence_over_a_posts_footer_is_no_headline():
    # A blog post's last sentence over "发表于 … (阅读:…)": prose, not a headline.
    body = (
        f"{CN_STORY}<p>希望以后和各位多多交流。</p><p>发表于 2004年12月27日 12:40 (阅读:3727)</p>"
    )
    assert title_of("<title>某某市人民政府</title>", body, lang="zh") == "某某市人民政府"


@pytest.mark.parametrize("hidden", ["sr-only", "visually-hidden", "screen-reader-text"])
def test_text_for_screen_readers_only_is_no_part_of_the_headline(hidden):
    h1 = f"<h1><span class='{hidden}'>Article:</span> {HEADLINE}</h1>"
    assert title_of(f"<title>{HEADLINE}</title>", h1) == HEADLINE


def test_a_dated_line_beats_a_short_heading_far_from_it():
    # No <title>; the only heading is the footer's "友情链接" (friendly links).
    body = (
        "<div>首页 &gt; 专题报道</div><div>天宫一号与神舟九号交会对接任务新闻发布会</div>"
        "<div><span>发布日期:</span><span>2012-06-24</span></div>"
        f"{CN_STORY}<h2>友情链接</h2><ul><li><a href='/a'>中国载人航天</a></li></ul>"
    )
    assert title_of("", body, lang="zh") == "天宫一号与神舟九号交会对接任务新闻发布会"


def test_the_sites_twitter_handle_names_the_site():
    # "@Gazette" names the site "Gazette": the <title> puts it first, before a one-word headline
    # that nothing else would tell apart from it.
    head = "<title>Gazette | Floods</title><meta name='twitter:site' content='@Gazette'>"
    assert title_of(head, "<p>Rain.</p>", url="https://news.example.com/a/1") == "Floods"


@pytest.mark.parametrize("og", ["", "<meta property='og:title' content='{whole}'>"])
def test_a_second_clause_the_heading_shows_is_no_site_name(og: str) -> None:
    # "Headline - Second clause": the <title> alone reads like "Headline - Site", but the
    # visible heading carries the same tail, so it is the headline's own.
    whole = f"{HEADLINE} - crowds line the banks"
    head = f"<title>{whole}</title>" + og.format(whole=whole)
    assert title_of(head, f"<h1>{whole}</h1>") == whole
    # The same <title> over a heading without the tail still loses the site's name.
    site = f"<title>{HEADLINE} - Gazette</title>" + og.format(whole=HEADLINE)
    assert title_of(site, f"<h1>{HEADLINE}</h1>") == HEADLINE


@pytest.mark.parametrize("og", ["", "<meta property='og:title' content='{whole}'>"])
def test_a_second_clause_before_the_sites_name_is_the_headlines_own(og: str) -> None:
    # "Headline – Second clause | Site": the heading shows the clause, the site goes.
    whole = f"{HEADLINE} – crowds line the banks"
    head = f"<title>{whole} | Gazette</title>" + og.format(whole=whole)
    head += "<meta property='og:site_name' content='Gazette'>"
    assert title_of(head, f"<h1>{whole}</h1>") == whole


def test_a_title_of_the_site_and_a_section_gives_way_to_the_dated_line() -> None:
    # An old table-built page: "<Site> - <Section>" as the <title>, the headline in a <font>
    # over its "Posted ..." line.
    html = (
        "<html><head><title>The Cedar County Dispatch - Local News</title></head><body>"
        "<table><tr><td><font size='1'><a href='/'>Home</a> &gt; News</font><br><br>"
        "<font size='5'><b>Library to open on Saturdays starting in March</b></font><br>"
        "<font size='1'>Posted Wednesday, May 18, 2022</font><br><br>"
        + "The library board voted to add Saturday hours from March. " * 6
        + "</td></tr></table></body></html>"
    )
    url = "http://www.cedarcountydispatch.com/news/story.asp?id=11842"
    assert extract_title(parse_page(html, url)) == "Library to open on Saturdays starting in March"
    # A section's <title> whose first part is no site name stays the headline's source.
    other = html.replace("The Cedar County Dispatch - Local News", f"{HEADLINE} - Local News")
    assert extract_title(parse_page(other, url)) == HEADLINE


@pytest.mark.parametrize(
    ("h1", "title"),
    [
        # A badge of a few characters in the heading is no part of the headline.
        (f"<h1>{HEADLINE} <span class='article-tag'>Exclusive</span></h1>", HEADLINE),
        (f"<h1><span class='badge'>LIVE</span> {HEADLINE}</h1>", HEADLINE),
        ("<h1>新房成交回暖 <span class='original-tag'>原创</span></h1>", "新房成交回暖"),
        # A longer part so classed is a part of the headline.
        (
            "<h1><span class='label'>Mayor opens new bridge:</span> crowds cheer at the river</h1>",
            "Mayor opens new bridge: crowds cheer at the river",
        ),
    ],
)
def test_a_badge_in_the_heading_is_left_out_of_the_headline(h1: str, title: str) -> None:
    # (The <title> names only the site: the heading alone gives the headline.)
    assert title_of("<title>Gazette</title>", h1, lang="zh" if "原创" in h1 else "en") == title


def test_a_government_sites_article_title_meta_names_the_headline():
    # The <title> runs the site, the column and the headline together with spaces; the
    # ArticleTitle tag of Chinese government sites' metadata gives the headline alone.
    title = "县农业农村局开展秋季农业技术培训"
    head = f"<title>青溪县人民政府 部门动态 {title}</title>"
    head += f"<meta name='ArticleTitle' content='{title}'>"
    body = f"<table><tr><td class='title'>{title}</td></tr></table>"
    assert title_of(head, body, "https://www.example.gov.cn/a/1.html", "zh") == title


@pytest.mark.parametrize(
    ("head", "body", "title"),
    [
        # A blog's name in its <h1> and in its post's <title>, beside the post's title.
        (
            "<title>孩子的作业，到底该谁来改？_江南布衣的博客_新浪博客</title>",
            "<h1>江南布衣的博客</h1><h2 class='titName'>孩子的作业，到底该谁来改？</h2>",
            "孩子的作业，到底该谁来改？",
        ),
        (
            "<title>Caldaia in blocco ogni mattina - ForumCasaFacile.it</title>",
            "<h1>ForumCasaFacile.it</h1><h2>Caldaia in blocco ogni mattina</h2>",
            "Caldaia in blocco ogni mattina",
        ),
        # The <h1> is the longest part: the headline, wherever the <title> puts it.
        (
            "<title>Brightwave - Press Releases - Brightwave Introduces MeshGate 4200</title>",
            "<h1>Brightwave Introduces MeshGate 4200</h1>",
            "Brightwave Introduces MeshGate 4200",
        ),
    ],
)
def test_an_h1_naming_the_site_part_of_the_title_is_not_the_headline(head, body, title):
    assert title_of(head, body, "https://blog.example.com/s/blog_4a8e.html") == title


def test_a_second_clause_after_a_colon_stays_unless_the_visible_heading_leaves_it_out():
    full = "杭州一小学把课堂搬进稻田：孩子们亲手割下第一把稻穗"
    head = f"<title>杭州一小学把课堂搬进稻田</title><meta property='og:title' content='{full}'>"
    url = "https://h5.news.example.cn/share/1"
    assert title_of(head, f"<div class='news-title'>{full}</div>", url, "zh") == full
    # A visible heading without it: the clause is the og:title's addition.
    long_ = "“They Took Everything”: Wage Theft and Passport Confiscation of Domestic Workers"
    head = f"<title>Report</title><meta property='og:title' content='{long_}'>"
    assert title_of(head, "<h1>“They Took Everything”</h1>") == "“They Took Everything”"
    # A short label after the colon is no clause: "Headline: Live".
    head = (
        "<title>Storm closes the harbour road</title>"
        "<meta property='og:title' content='Storm closes the harbour road: Live'>"
    )
    assert (
        title_of(head, "<div>Storm closes the harbour road</div>")
        == "Storm closes the harbour road"
    )


def test_a_tag_in_brackets_before_the_title_is_no_part_of_the_headline():
    head = (
        "<title>【民生】沙澧河畔夜市开街 首日客流超3万人次 - 漯河融媒</title>"
        "<meta property='og:title' content='【民生】沙澧河畔夜市开街 首日客流超3万人次'>"
    )
    body = "<h1>沙澧河畔夜市开街 首日客流超3万人次</h1>"
    assert title_of(head, body, "https://www.luohe.example.cn/a/1.html", "zh") == (
        "沙澧河畔夜市开街 首日客流超3万人次"
    )
