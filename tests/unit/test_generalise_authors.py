"""Bylines in a bold first paragraph or in links to person pages, co-authors, and junk that
is no author (small pages)."""

from __future__ import annotations

import pytest

from newsbot.extract.metadata import extract_authors, extract_media
from newsbot.extract.page import parse_page

TEXT = "<p>" + "The council met on Tuesday evening to vote on the new budget. " * 8 + "</p>"


def authors_of(body: str, lang: str = "en", head: str = "") -> list[str]:
    html = (
        f"<html lang='{lang}'><head><title>Council votes on budget - Gazette</title>{head}</head>"
        f"<body><nav><a href='/'>Home</a></nav><article><h1>Council votes on budget</h1>"
        f"{body}{TEXT}</article></body></html>"
    )
    return extract_authors(parse_page(html, "https://www.gazette.example/news/1"))


@pytest.mark.parametrize(
    ("byline", "lang", "names"),
    [
        ("<p><strong>By Jane Doe</strong></p>", "en", ["Jane Doe"]),
        ("<p><strong>By Jane Doe and John Smith</strong></p>", "en", ["Jane Doe", "John Smith"]),
        ("<p><b>Von Max Muster</b></p>", "de", ["Max Muster"]),
        (
            "<p><b>Von Max Muster und Erika Mustermann</b></p>",
            "de",
            ["Max Muster", "Erika Mustermann"],
        ),
        ("<p><b>Par Jean Dupont et Marie Curie</b></p>", "fr", ["Jean Dupont", "Marie Curie"]),
    ],
)
def test_a_bold_byline_paragraph_names_the_authors(byline, lang, names):
    assert authors_of(byline, lang) == names


def test_a_bold_paragraph_that_is_no_byline_names_nobody():
    assert authors_of("<p><strong>Von Montag an gilt die neue Regel.</strong></p>", "de") == []
    assert authors_of("<p><strong>Von Montag an gilt die Regel.</strong> Mehr.</p>", "de") == []
    # The byline must be the whole paragraph, in bold.
    assert authors_of("<p>The report, <b>by Jane Doe</b>, was published.</p>") == []


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("<div class='meta'><a href='/author/jane-doe'>Jane Doe</a></div>", ["Jane Doe"]),
        (
            "<div class='meta'>By <a href='/author/jane-doe'>Jane Doe</a> and "
            "<a href='/author/john-smith/'>John Smith</a></div>",
            ["Jane Doe", "John Smith"],
        ),
        (
            "<div><span><a href='https://www.gazette.example/autor/max-muster'>Max Muster</a>"
            "</span>, <span><a href='/autoren/erika-m'>Erika Mustermann</a></span></div>",
            ["Max Muster", "Erika Mustermann"],
        ),
        (
            "<p><a href='/journalist/ola-nordmann'>Ola Nordmann</a> og "
            "<a href='/journalist/kari-nordmann'>Kari Nordmann</a></p>",
            ["Ola Nordmann", "Kari Nordmann"],
        ),
    ],
)
def test_links_to_person_pages_name_the_authors(byline, names):
    assert authors_of(byline) == names


def test_person_links_above_the_headline_or_without_a_name_are_no_byline():
    html = (
        "<html lang='en'><head><title>Council votes on budget</title></head><body>"
        "<nav><a href='/author/'>Authors</a> <a href='/author/jane-doe'>Jane Doe</a></nav>"
        f"<h1>Council votes on budget</h1>{TEXT}<p><a href='/author/x'> </a></p></body></html>"
    )
    assert extract_authors(parse_page(html, "https://www.gazette.example/news/1")) == []


def test_links_to_columnists_beside_the_story_are_no_byline():
    # A sidebar of columnists' pages: the reporter the story names is its author, and links
    # far below the headline name nobody.
    column = "<ul><li><a href='/author/wang/'>王小明</a>：专栏文章</li></ul>"
    story = "<p>新京报快讯（记者 张三）今日有网友爆料称，相关数据在网上出售。</p>"
    assert authors_of(column + story, "zh") == ["张三"]
    far = "<ul><li><a href='/author/jane-doe'>Jane Doe</a></li></ul>"
    assert authors_of(TEXT * 2 + far) == []


@pytest.mark.parametrize(
    "byline",
    [
        "<div class='byline'>jane-doe</div>",
        "<div class='byline'>Photo: Getty Images</div>",
        "<div class='byline'>(jd)</div>",
        "<div class='byline'>[J.D.]</div>",
        "<div class='byline'>Reporter</div>",
        "<p>作者：点击数：123</p>",
        "<p>责任编辑：王五</p>",
    ],
)
def test_junk_in_a_byline_is_no_author(byline):
    assert authors_of(byline, "zh" if "：" in byline else "en") == []


def test_an_editor_is_not_the_author_and_co_authors_are_split():
    assert authors_of("<p>作者：张三、李四</p><p>责任编辑：王五</p>", "zh") == ["张三", "李四"]
    assert authors_of("<p>作者：张三，李四</p>", "zh") == ["张三", "李四"]


def ld_author(name: str) -> str:
    return (
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": '
        f'{{"@type": "Person", "name": "{name}"}}}}</script>'
    )


@pytest.mark.parametrize(
    ("value", "names"),
    [
        ("Jane Doe and John Smith", ["Jane Doe", "John Smith"]),
        ("Max Muster und Erika Mustermann", ["Max Muster", "Erika Mustermann"]),
        ("Ola Nordmann og Kari Nordmann", ["Ola Nordmann", "Kari Nordmann"]),
        ("张三、李四", ["张三", "李四"]),
        # Not two names: kept as written.
        ("Guardian staff and agencies", ["Guardian staff and agencies"]),
        ("Jane Doe, Reporter and Editor", ["Jane Doe, Reporter and Editor"]),
    ],
)
def test_co_authors_in_one_structured_value_are_split(value, names):
    assert authors_of("", head=ld_author(value)) == names


@pytest.mark.parametrize(
    ("opening", "lang", "names"),
    [
        ("<p>新华社北京5月18日电 国务院常务会议今日召开。</p>", "zh", ["新华社"]),
        ("<p>中新社上海5月18日电 上海市今日发布通知。</p>", "zh", ["中新社"]),
        ("<p>WASHINGTON (AP) — The Senate voted on Tuesday.</p>", "en", ["AP"]),
        ("<p>(Reuters) - Oil prices rose on Tuesday.</p>", "en", ["Reuters"]),
        ("<p>Berlin (dpa) - Die Regierung hat beschlossen.</p>", "de", ["dpa"]),
        # The reporters the dispatch names, and a byline's person, come first.
        ("<p>新华社北京5月18日电（记者张三、李四）会议今日召开。</p>", "zh", ["张三", "李四"]),
        (
            "<p>新华社北京5月18日电 新华社记者张三、李四</p><p>会议今日召开。</p>",
            "zh",
            ["张三", "李四"],
        ),
        ("<p>本报记者王五</p><p>会议今日召开。</p>", "zh", ["王五"]),
        (
            "<div class='byline'>By Jane Doe</div><p>WASHINGTON (AP) — The vote.</p>",
            "en",
            ["Jane Doe"],
        ),
        # An agency in parentheses inside a sentence is no dateline.
        ("<p>The report, cited by the wire (AP) - says so.</p>", "en", []),
    ],
)
def test_an_agency_dateline_names_the_agency_when_no_person_is_named(opening, lang, names):
    assert authors_of(opening, lang) == names


@pytest.mark.parametrize(
    "byline",
    [
        # An editor credit alone, in any place and wording, names no author.
        "<div class='info'>2022-05-18 来源：某某日报 责任编辑：王五</div>",
        "<div class='info'>来源：某某日报 编辑：王五</div>",
        "<span class='author'>责编：王五</span>",
        "<div class='author'>责任编辑：王五</div>",
        "<p>编辑 王五</p>",
        "<p>编辑/王五</p>",
        "<p>（责任编辑：王五）</p>",
    ],
)
def test_an_editor_credit_alone_names_no_author(byline):
    assert authors_of(byline, "zh") == []


@pytest.mark.parametrize(
    ("head", "body", "names"),
    [
        # Reporters apart by spaces, after their role or in the author tag.
        ("", "<div class='author'>本报记者 王远 陈晨</div>", ["王远", "陈晨"]),
        ("<meta name='author' content='王远 陈晨'>", "", ["王远", "陈晨"]),
        # One reporter a line.
        ("", "<p>□ 本报记者 梁磊</p><p>□ 本报见习记者 苏晴</p>", ["梁磊", "苏晴"]),
        # A byline box's credits: the producer is no writer, the editor after the writer neither.
        (
            "",
            "<div class='byline'><p>凤鸣网资讯出品</p><p>文 | 何少卿</p><p>编辑 | 文涛</p></div>",
            ["何少卿"],
        ),
        # "记者从…获悉" is a clause, not a byline; nor is a reader's "记者辛苦了" under the article.
        ("", "<p>记者从西部高原生物研究所获悉，该所团队发现了新机制。</p>", []),
        (
            "",
            "<p>本文来源：北城日报 作者：杨帆</p>"
            "<div class='comment'>记者辛苦了，报道很及时。</div>",
            ["杨帆"],
        ),
    ],
)
def test_chinese_bylines_name_each_reporter_and_no_one_else(head, body, names):
    assert authors_of(body, "zh", head=head) == names


@pytest.mark.parametrize(
    ("body", "names"),
    [
        # A paper's dispatch mark, then its reporter and intern; the story runs on.
        ("<p>南都讯 记者黄颖 实习生叶子 今年第5号台风13日下午加强。</p>", ["黄颖", "叶子"]),
        # "文/" after the byline's label; the photographer after the writer.
        ("<p><span>作者：文/张弛 图/李燕</span></p>", ["张弛"]),
        # The label inside the byline's element is no name.
        ("<div><span class='author'><span>作者：</span>青木 刘扬</span></div>", ["青木", "刘扬"]),
    ],
)
def test_chinese_bylines_after_a_dispatch_mark_or_a_label(body, names):
    assert authors_of(body, "zh") == names


def _teasers(n: int) -> str:
    writers = ["Anna Berg", "Ben Carter", "Cleo Dunn", "Dan Evans"]
    return "".join(
        f"<li><a href='/a/{i}'>Story number {i} of the day</a><span class='author'>{writer}"
        "</span></li>"
        for i, writer in enumerate(writers[:n])
    )


def test_a_listings_writers_are_no_authors_of_the_article():
    # A most-read list after the story with each teaser's writer, and no byline of the
    # article's own.
    story = TEXT * 2
    assert authors_of(f"{story}<div class='list'><ul>{_teasers(3)}</ul></div>") == []
    # The article's byline in the same markup, right under the headline, stays.
    own = "<ul class='meta'><li><span class='author'>Jane Doe</span></li></ul>"
    listing = f"<div class='list'><ul>{_teasers(3)}</ul></div>"
    assert authors_of(f"{own}{story}{listing}") == ["Jane Doe"]


def test_a_japanese_papers_reporter_closing_a_paragraph_is_the_author():
    para = "<p>全国の公立小中学校で教員が不足していることが分かった。【佐藤晴香】</p>"
    assert authors_of(para, "ja") == ["佐藤晴香"]
    # A label in the same brackets is no one.
    assert authors_of("<p>教員が不足していることが分かった。【関連記事】</p>", "ja") == []


def test_a_byline_boxs_save_button_is_no_name():
    box = "<div class='byline'><button>Share</button><button>Save</button></div>"
    assert authors_of(box) == []


def test_a_japanese_name_apart_by_a_space_is_one_person():
    assert authors_of("", "ja", head="<meta name='author' content='石井 大輔'>") == ["石井 大輔"]


@pytest.mark.parametrize(
    ("head", "body", "names"),
    [
        # The author meta tag names the page's editor: the reporter in the dateline writes.
        (
            "<meta name='author' content='王五'>",
            "<p>中新网北京5月18日电 (记者 张三)</p><div>【编辑:王五】</div>",
            ["张三"],
        ),
        ("<meta name='author' content='王五'>", "<p>（責任編輯：王五）</p>", []),
        (ld_author("Jane Doe"), "<p>By John Smith</p><p>Edited by Jane Doe</p>", ["John Smith"]),
        # Credited for the writing as well: the meta author stays.
        ("<meta name='author' content='王五'>", "<p>记者 王五</p><p>编辑/王五</p>", ["王五"]),
        ("<meta name='author' content='王五'>", "<p>编辑部 王五 报道</p>", ["王五"]),
    ],
)
def test_an_author_tag_naming_the_pages_editor_is_no_author(head, body, names):
    assert authors_of(body, "zh", head=head) == names


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        # The reporters before an editor credit on the same line are the authors; the editor,
        # the proof-reader and the reviewer after them are not.
        ("<p>记者 张三 编辑 王五</p>", ["张三"]),
        ("<p>作者 张三 责编 王五</p>", ["张三"]),
        ("<p>记者 张三、李四 责任编辑 王五</p>", ["张三", "李四"]),
        ("<p>记者张三 编辑王五</p>", ["张三"]),
        ("<p>记者张三编辑王五</p>", ["张三"]),
        ("<div class='author'>记者 张三 编辑 王五</div>", ["张三"]),
        ("<p>本报记者 张三 校对 赵六</p>", ["张三"]),
        ("<p>记者 张三 审核 赵六</p>", ["张三"]),
        # An intern reporter is a writer too; 通讯员 likewise.
        ("<p>记者 张三 实习生 李四</p>", ["张三", "李四"]),
        ("<p>本报记者 张三 通讯员 赵六</p>", ["张三", "赵六"]),
        # Labelled with colons, or an editor first: the writer is still found.
        ("<p>作者：张三 编辑：王五</p>", ["张三"]),
        ("<p>文/张三、李四 编辑/王五</p>", ["张三", "李四"]),
        ("<div class='info'>编辑：王五 记者：张三</div>", ["张三"]),
    ],
)
def test_reporters_before_an_editor_credit_are_the_authors(byline, names):
    assert authors_of(byline, "zh") == names


@pytest.mark.parametrize(
    ("byline", "lang", "names"),
    [
        ("Av Kari Nordmann og Ola Nordmann", "no", ["Kari Nordmann", "Ola Nordmann"]),
        ("Af Ritzau", "da", ["Ritzau"]),
        ("Door Jan Jansen", "nl", ["Jan Jansen"]),
        ("di Mario Rossi", "it", ["Mario Rossi"]),
    ],
)
def test_the_by_word_of_more_languages_is_no_part_of_the_name(byline, lang, names):
    assert authors_of(f"<p class='byline'>{byline}</p>", lang) == names


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("박준석 기자", ["박준석"]),
        ("김태연 특파원", ["김태연"]),
        ("이영희 객원기자", ["이영희"]),
        ("(서울=연합뉴스) 홍길동 기자", ["홍길동"]),
        ("스포츠조선=선수민 기자", ["선수민"]),
    ],
)
def test_a_korean_byline_names_the_reporter_without_role_or_outlet(byline, names):
    assert authors_of(f"<p class='byline'>{byline}</p>", "ko") == names


@pytest.mark.parametrize(
    ("byline", "lang", "names"),
    [
        # Buttons and labels in the byline box are no names.
        ("<div class='byline'>Jane Doe | Follow us</div>", "en", ["Jane Doe"]),
        ("<div class='byline'>Jana Nováková | přihlaste se</div>", "cs", ["Jana Nováková"]),
        ("<div class='byline'>Jane Doe | View my complete profile</div>", "en", ["Jane Doe"]),
        (
            "<div class='byline'>Jane Doe <span>Text Size</span> <a>Print</a></div>",
            "en",
            ["Jane Doe"],
        ),
        ("<div class='author'><span>Artikel</span> <a>Max Muster</a></div>", "de", ["Max Muster"]),
        # Name particles are lower case in names too.
        ("<div class='byline'>Ludwig van Beethoven</div>", "de", ["Ludwig van Beethoven"]),
        # A label ending with a name particle, before the name in an element of its own.
        (
            "<div class='byline'><span>Texto de</span> <a href='/m'>Maria Lopes</a></div>",
            "pt",
            ["Maria Lopes"],
        ),
        (
            "<div class='byline'><span>Artikel von</span> <b>Max Muster</b></div>",
            "de",
            ["Max Muster"],
        ),
        # A date is no name; a CJK name beside the outlet is one (it has no space to tell).
        (
            "<div id='byline'>2025年01月22日 12時00分 公開<br>"
            "<b>[谷口健太，<a href='/news/'>Gazette</a>]</b></div>",
            "ja",
            ["谷口健太"],
        ),
        # A byline marked by its test id (script-built pages), with the buttons beside it
        # and the newsroom under the name.
        (
            "<div data-testid='byline-contributors'><span>Tom Ellery</span>"
            "<div><span>Gazette News Wales</span></div><button>Save</button></div>",
            "en",
            ["Tom Ellery"],
        ),
        # A news service credited alone is the author; a newsroom beside a name is not.
        (
            "<div class='byline'>By Metric Media News Service</div>",
            "en",
            ["Metric Media News Service"],
        ),
        # A Japanese paper's dateline names its reporters; a caption's photographer is none.
        (
            "<p>【ジャカルタ＝石井大輔、上田真理子】インドネシア政府は11日、移転を延期した。</p>",
            "ja",
            ["石井大輔", "上田真理子"],
        ),
        # The reporter's name where the site calls its writers journalists.
        ("<em class='media_end_head_journalist_name'>최유리 기자</em>", "ko", ["최유리"]),
        # A surname that is also a particle, capitalised, is a name.
        ("<div class='byline'>Minh Do</div>", "en", ["Minh Do"]),
        # A login or a domain beside the name.
        ("<div class='byline'>Jane Doe | jane.doe</div>", "en", ["Jane Doe"]),
        # The publishing company is no author.
        ("<div class='byline'>Gazette Verlag GmbH</div>", "de", []),
        # The serial comma's "and" belongs to no name.
        (
            "<div class='byline'>Anna Lee, Ben Ray, and Cleo Hunt</div>",
            "en",
            ["Anna Lee", "Ben Ray", "Cleo Hunt"],
        ),
    ],
)
def test_a_byline_box_names_people_not_its_labels(byline, lang, names):
    assert authors_of(byline, lang) == names


def test_a_byline_element_holding_more_than_a_byline_is_no_byline():
    # Over 120 characters: a list of the newsroom, not this article's byline.
    names = (
        "Ann Lee, Ben Ray, Cleo Hunt, Dan Poe, Eve Moss, Finn Holt, Gus Lane, Hal Ford, Ida Penn"
    )
    box = f"<div class='byline'>Our newsroom: {names}, Jo Wu, Kim Ash, Lou Bell, Max Cole</div>"
    assert authors_of(box) == []


def test_dublin_core_names_written_surname_first_are_turned_round():
    head = "<meta name='dc.creator' content='Brazil, Rachel'>"
    assert authors_of("", head=head) == ["Rachel Brazil"]
    head = (
        "<meta name='citation_author' content='Doe, Jane'>"
        "<meta name='citation_author' content='Ray, Ben'>"
    )
    assert authors_of("", head=head) == ["Jane Doe", "Ben Ray"]
    # Two agencies are no surname and first name.
    assert authors_of("", head="<meta name='dc.creator' content='Reuters, AP'>") == [
        "Reuters",
        "AP",
    ]


@pytest.mark.parametrize(
    ("byline", "lang", "names"),
    [
        # A plain line of its own under the headline, in several languages.
        ("<p>Von Max Muster</p>", "de", ["Max Muster"]),
        ("<p>Par Jean Dupont</p>", "fr", ["Jean Dupont"]),
        ("<div>Por Juan Pérez</div>", "es", ["Juan Pérez"]),
        ("<span>Door Jan Jansen</span>", "nl", ["Jan Jansen"]),
        ("<p>Story by Jane Doe • Photos by John Smith</p>", "en", ["Jane Doe"]),
        # Co-authors, in capitals, and what follows the names on the line.
        ("<p>By Jane Doe, John Smith and Ann Lee</p>", "en", ["Jane Doe", "John Smith", "Ann Lee"]),
        (
            "<p>BY JANE DOE AND JOHN SMITH | UPDATED MARCH 3, 2024</p>",
            "en",
            ["Jane Doe", "John Smith"],
        ),
        (
            "<p>By <a href='/p/1'>Jane Doe</a>, <a href='/p/2'>John Smith</a> on Monday, "
            "March 4th, 2024 at 11:08 a.m.</p>",
            "en",
            ["Jane Doe", "John Smith"],
        ),
        # A colon after the by-word, and co-authors in spans of their own.
        (
            "<li>Von: <span><a href='/max'>Max MUSTER</a>,</span> "
            "<span><a href='/erika'>Erika MUSTERMANN</a></span></li>",
            "de",
            ["Max MUSTER", "Erika MUSTERMANN"],
        ),
        ("<p>By: Jane Doe</p>", "en", ["Jane Doe"]),
        # An outlet's acronym credited when no person is; the sections it is filed in and
        # the date after it are no names.
        (
            "<p>By TPN, in <a href='/s/news'>News</a>, <a href='/s/pt'>Portugal</a>, "
            "<a href='/s/biz'>Business</a>, <a href='/s/home'>Property</a> · 31 Jan 2025</p>",
            "en",
            ["TPN"],
        ),
        (
            "<div><span>von</span> <span><a href='/author/max'>Max Muster</a></span> "
            "<span>Veröffentlicht am</span> <a href='/x'><span>11. Juni 2019</span></a></div>",
            "de",
            ["Max Muster"],
        ),
        # The name in one block, the date in the next: no "Max Muster Mi".
        ("<div><p>Von Max Muster</p><p>Mi, 18. Oktober 2023</p></div>", "de", ["Max Muster"]),
        # Share links beside the name are no part of it.
        (
            "<p>By Jane Doe<a href='/fb'>facebook</a><a href='/tw'>twitter</a></p>",
            "en",
            ["Jane Doe"],
        ),
    ],
)
def test_a_byline_line_of_its_own_names_the_authors(byline, lang, names):
    assert authors_of(byline, lang) == names


@pytest.mark.parametrize(
    "byline",
    [
        "<p class='byline'>Jane Doe<br>Political Correspondent</p>",
        "<p class='byline'>Jane Doe, Senior Reporter</p>",
        "<div class='byline'><span>Jane Doe</span><span>AP Entertainment Writer</span></div>",
    ],
)
def test_the_writers_role_is_no_name(byline):
    assert authors_of(byline) == ["Jane Doe"]


def test_a_newsrooms_credit_comes_after_a_named_writer():
    # The credit in a meta tag no longer hides the byline; it follows the writer.
    head = "<meta name='author' content='Gazette Staff'>"
    assert authors_of("<p>By Jane Doe</p>", head=head) == ["Jane Doe", "Gazette Staff"]
    assert authors_of("<p class='byline'>Gazette Staff, Jane Doe</p>") == [
        "Jane Doe",
        "Gazette Staff",
    ]
    # With nobody named, the credit is the author.
    head = "<meta name='author' content='N-Land Redaktion'>"
    assert authors_of("", "de", head=head) == ["N-Land Redaktion"]
    assert authors_of("", "de", head="<meta name='author' content='PETA-Team'>") == ["PETA-Team"]


@pytest.mark.parametrize("label", ["Autor*innen", "Autor:innen", "Autor_innen"])
def test_a_gender_inclusive_authors_label_is_no_name(label):
    assert authors_of(f"<div class='author'>{label}</div>", "de") == []


def ld_graph(author: str) -> str:
    graph = (
        '{"@context": "https://schema.org", "@graph": ['
        '{"@type": "NewsArticle", "headline": "Council votes on budget", "author": ' + author + "},"
        '{"@type": "Person", "@id": "https://www.gazette.example/#/person/1", "name": "Jane Doe"}]}'
    )
    return f"<script type='application/ld+json'>{graph}</script>"


def test_an_author_given_as_a_reference_to_a_node_of_the_graph_is_named():
    head = ld_graph('{"@id": "https://www.gazette.example/#/person/1"}')
    assert authors_of("", head=head) == ["Jane Doe"]
    # A byline on the page outranks the account that posted.
    assert authors_of("<p>By John Smith</p>", head=head) == ["John Smith"]


def test_a_publisher_given_as_a_reference_names_the_outlet():
    graph = (
        '{"@context": "https://schema.org", "@graph": ['
        '{"@type": "NewsArticle", "headline": "Council votes on budget",'
        ' "publisher": {"@id": "https://www.gazette.example/#org"}},'
        '{"@type": "NewsMediaOrganization", "@id": "https://www.gazette.example/#org",'
        ' "name": "The Daily Gazette"}]}'
    )
    html = (
        f"<html><head><title>Council votes on budget - Gazette</title>"
        f"<script type='application/ld+json'>{graph}</script></head>"
        f"<body><h1>Council votes on budget</h1>{TEXT}</body></html>"
    )
    page = parse_page(html, "https://www.gazette.example/news/1")
    assert extract_media(page, "Council votes on budget") == "The Daily Gazette"


def test_no_author_value_is_kept_beside_a_structured_person():
    # A structured author list holding a person and a URL: the URL is no author of any kind.
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": ['
        '{"@type": "Person", "name": "Jane Doe"}, {"name": "https://www.gazette.example/staff"}'
        "]}</script>"
    )
    assert authors_of("", head=head) == ["Jane Doe"]


def _ld_authors(*names: str) -> str:
    people = ", ".join(f'{{"@type": "Person", "name": "{n}"}}' for n in names)
    data = f'{{"@type": "NewsArticle", "author": [{people}]}}'
    return f'<script type="application/ld+json">{data}</script>'


def test_a_korean_role_after_a_structured_name_is_no_part_of_it():
    head = _ld_authors("이정훈 기자", "정다은 기자")
    assert authors_of("", "ko", head) == ["이정훈", "정다은"]


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("<p class='name'>Fuente: EFE</p>", ["EFE"]),
        ("<span class='byline'>Quelle: dpa</span>", ["dpa"]),
        # A picture's or a press release's source is no writer.
        ("<span class='byline'>Quelle: Lutz Roeßler</span>", []),
    ],
)
def test_a_byline_crediting_its_source_names_an_agency_only(byline, names):
    assert authors_of(f"<div class='authors'>{byline}</div>", "es") == names


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("<span class='author'>作者：谭晓雯 易建军</span>", ["谭晓雯", "易建军"]),
        ("<span class='author'>记者 沈佳怡 通讯员 陈立峰</span>", ["沈佳怡", "陈立峰"]),
        # A photographer and the closing 报道 are no writers.
        (
            "<div class='author'><a href='/author/1'>记者 黄于庭</a> / 摄影 周家豪 报道</div>",
            ["黄于庭"],
        ),
        # A paper's dispatch mark stands where the byline would.
        ("<div class='article-byline'><span>（北京综合讯）</span></div>", []),
        ("<div class='article-byline'>发布 更新</div>", []),
    ],
)
def test_a_chinese_byline_element_names_its_writers_without_labels(byline, names):
    assert authors_of(byline, "zh") == names


def test_a_reporter_closed_by_baodao_is_named():
    lead = "<p>【大公报讯】大公文汇全媒体记者张宁报道：粤港澳大湾区跨境理财通优化措施实施首周。</p>"
    assert authors_of(lead, "zh") == ["张宁"]


@pytest.mark.parametrize("head", [_ld_authors("沈佳怡"), '<meta name="author" content="沈佳怡">'])
def test_a_chinese_byline_naming_the_structured_writer_and_more_names_them_all(head):
    byline = (
        "<div class='jeg_meta_author'><span>报道：</span><a href='/author/a/'>沈佳怡</a>、"
        "<a href='/author/b/'>陈立峰</a></div>"
    )
    assert authors_of(byline, "zh", head) == ["沈佳怡", "陈立峰"]
    # A byline line that no markup marks widens it as well.
    line = "<div class='right'>作者：记者 沈佳怡 通讯员 陈立峰 责任编辑：魏冰</div>"
    assert authors_of(line, "zh", head) == ["沈佳怡", "陈立峰"]
    # A byline box's other words do not widen a Latin name.
    box = "<div class='byline'>Jane Doe | Sign Out</div>"
    assert authors_of(box, "en", '<meta name="author" content="Jane Doe">') == ["Jane Doe"]


def test_the_heading_that_labels_a_byline_box_is_no_author():
    box = (
        "<section aria-labelledby='article-byline' role='region'>"
        "<h2 id='article-byline'>文章信息</h2><ul><li><span>职务,</span><span>BBC中文</span>"
        "</li></ul></section>"
    )
    assert "文章信息" not in authors_of(box, "zh")


def test_a_reporter_line_closing_the_article_names_the_reporters():
    from newsbot.extract import extract_article

    story = "<p>全省已建成户外劳动者服务站点五千六百余个，为职工提供歇脚饮水服务。</p>" * 100

    def authors(tail: str) -> list[str]:
        html = (
            "<html lang='zh'><head><title>高温津贴开始发放_荔枝网</title></head><body>"
            f"<h1>高温津贴开始发放</h1><div class='content'>{story}</div>{tail}</body></html>"
        )
        return extract_article(html, "https://news.jstv.example/a/1.shtml").authors

    tail = "<p class='lz-reporter'>记者 / 张扬 许明</p><div class='editor'>编辑：陆佳</div>"
    assert authors(tail) == ["张扬", "许明"]
    # A sentence about a reporter is no byline.
    assert authors("<p>记者致电国家体育总局，工作人员表示正在核实。</p>") == []


def test_a_reporter_phoning_under_the_headline_is_no_byline():
    assert authors_of("<p>记者致电国家体育总局，工作人员表示正在核实。</p>", "zh") == []


def test_a_worker_ending_a_listing_line_is_no_author_label():
    # "工作者" (worker) ends with 作者: the line after it is a headline, not a name.
    listing = (
        "<ul><li>广西表彰一批劳动模范和先进工作者</li><li>浙江出台意见支持小微企业发展</li></ul>"
    )
    byline = "<p>新华网北京6月21日电（记者 孙立平、赵雪）记者21日从水利部获悉。</p>"
    assert authors_of(f"{listing}{byline}", "zh") == ["孙立平", "赵雪"]


def test_a_reporter_before_a_photographer_is_named_and_a_photo_credit_names_nobody():
    line = "<p>发布日期：2007年03月22日　本报记者 何雨 摄影 王强　【字号 大 中 小】</p>"
    assert authors_of(line, "zh") == ["何雨"]
    assert authors_of("<p>记者 张三 摄</p>", "zh") == []


def test_a_forum_s_software_and_its_view_this_author_button_name_nobody():
    head = (
        '<meta name="generator" content="Discuz! X2">'
        '<meta name="author" content="Discuz! Team and Comsenz UI Team">'
    )
    post = (
        "<div class='authi'><a href='?authorid=1074'>只看该作者</a></div>"
        "<div class='t_f'>\n早该限了，上次走大桥看到一辆货车。\n</div>"
    )
    assert authors_of(post, "zh", head) == []
    # A person sharing a word with the software is a person.
    hugo = '<meta name="generator" content="Hugo 0.120"><meta name="author" content="Hugo Smith">'
    assert authors_of("", "en", hugo) == ["Hugo Smith"]
    # The software is no writer; the writer the post credits is.
    credit = "<div class='t_f'><font>转自《江城晚报》 记者 陈浩</font></div>"
    assert authors_of(f"{credit}{post}", "zh", head) == ["陈浩"]


def test_the_host_s_name_in_an_author_tag_gives_way_to_the_reporter():
    html = (
        "<html lang='zh'><head><title>专家提醒接种流感疫苗-中新网</title>"
        "<meta name='author' content='chinanews'></head><body><h1>专家提醒接种流感疫苗</h1>"
        "<p>中新网12月3日电（记者 李娜）随着气温下降，我国多地陆续进入流感高发季节。</p>"
        "</body></html>"
    )
    page = parse_page(html, "https://www.chinanews.com.cn/jk/2024/12-03/1.shtml")
    assert extract_authors(page, "专家提醒接种流感疫苗") == ["李娜"]


def test_an_account_s_follow_button_and_the_site_s_developer_are_no_authors():
    box = "<div class='author-name'>潇湘晨报官方帐号</div><div class='author-name'>+关注</div>"
    assert authors_of(box, "zh") == []
    head = '<meta name="author" content="Developed By Heba Musa">'
    assert authors_of("", "ar", head) == []


@pytest.mark.parametrize(
    ("line", "names"),
    [
        (
            "<div class='news-meta'>作者：心血管内科 唐晓峰 陈思　来源：心血管内科</div>",
            ["唐晓峰", "陈思"],
        ),
        ("<p>文/搜狐体育 陈冬</p>", ["陈冬"]),
        # Names alone stay, a four-character one among them too.
        ("<p>作者：欧阳明远 陈思</p>", ["欧阳明远", "陈思"]),
    ],
)
def test_a_unit_or_outlet_before_the_writers_on_a_byline_line_is_no_writer(line, names):
    assert authors_of(line, "zh") == names


@pytest.mark.parametrize(
    ("stamps", "lang"),
    [
        ("<span>Publisert <time>14. mai 2024 11:02</time></span>", "nb"),
        ("<span>Publicerad <time>8 oktober 2024</time></span> <span>Uppdaterad</span>", "sv"),
    ],
)
def test_a_date_s_label_in_the_byline_box_is_no_name(stamps, lang):
    box = f"<div class='byline'><span>NTB</span><div class='byline-timestamps'>{stamps}</div></div>"
    assert authors_of(box, lang) == ["NTB"]
