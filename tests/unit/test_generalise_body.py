"""Article paragraphs that each open with a linked name are the article, not a block of
teasers; a real block of teasers (a headline link, then a summary) still goes (small pages)."""

from __future__ import annotations

from datetime import UTC, datetime

import lxml.html
import pytest

from newsbot.extract import extract_article

URL = "https://news.example.com/a/article.html"
NOW = datetime(2022, 6, 1, 4, 0, tzinfo=UTC)

# Long linked names opening fairly short paragraphs: the links are a fifth of the text or more.
NAMES = [
    "Council member Jane Doe of Ward Three",
    "Transportation director John Smith",
    "Chamber of Commerce president Ann Lee",
    "Cycling advocate Bob Ray of the Bike Union",
]
SAID = [
    "{} said on Tuesday that the council would vote next week on the plan to widen the network.",
    "{} said the project, which will cost about twelve million dollars, removes parking spaces.",
    "{} said construction is expected to begin next spring and to last for roughly two years.",
    "{} said the department will publish a schedule for each street in the coming weeks.",
]
TEASERS = [
    ("Harbour expansion approved after a decade of delays", "The port will double in size."),
    ("School meals to be free for every pupil from autumn", "Parents welcomed the decision."),
    ("River clean-up volunteers collect two tonnes of litter", "More days are planned soon."),
]


def _linked(name: str, i: int) -> str:
    return f"<a href='/people/p{i}'>{name}</a>"


def _paragraphs(pattern: str = "{}") -> list[str]:
    """The article's paragraphs, each opening with ``pattern`` around a linked name."""
    return [
        said.format(pattern.format(_linked(name, i)))
        for i, (name, said) in enumerate(zip(NAMES, SAID, strict=True))
    ]


def _body_of(story: str, lang: str = "en") -> str:
    html = (
        f"<html lang='{lang}'><head><title>Council backs bike lanes</title></head><body>"
        f"<h1>Council backs bike lanes</h1>{story}</body></html>"
    )
    return extract_article(html, URL, now=NOW).body_text


def _text(html_paragraph: str) -> str:
    return " ".join(
        lxml.html.fragment_fromstring(html_paragraph, create_parent="p").text_content().split()
    )


@pytest.mark.parametrize(
    "layout",
    [
        "<div class='story'>{}</div>",
        "<article><div class='body'>{}</div></article>",
        "<main><article><div>{}</div></article>"
        "<aside><ul><li><a href='/x'>Other story</a></li></ul></aside></main>",
    ],
)
@pytest.mark.parametrize(
    "pattern",
    [
        "{}",  # <a>Name</a> said ...
        "<strong>{}</strong>",  # the link inside a bold run
        "{},",  # <a>Name</a>, ... said
    ],
)
def test_paragraphs_that_each_open_with_a_linked_name_are_the_article(layout, pattern):
    paragraphs = _paragraphs(pattern)
    story = layout.format("".join(f"<p>{p}</p>" for p in paragraphs))
    assert _body_of(story).split("\n\n") == [_text(p) for p in paragraphs]


def test_a_possessive_or_a_lower_case_verb_after_the_linked_name_runs_on():
    paragraphs = [
        f"{_linked('Mayor Jane Doe of the City of Springfield', 0)}'s plan to widen the bike "
        "lanes passed on Tuesday, after a long debate in the council chamber.",
        f"{_linked('Bürgermeisterin Erika Mustermann aus Springfield', 1)} hat am Dienstag "
        "gesagt, dass der Plan im Frühjahr beginnt und zwei Jahre dauert.",
        f"{_linked('Verkehrsdirektor Max Muster vom Verkehrsamt', 2)} sagte, die Baustellen "
        "würden in den kommenden Wochen Straße für Straße angekündigt.",
    ]
    story = f"<div class='story'>{''.join(f'<p>{p}</p>' for p in paragraphs)}</div>"
    assert _body_of(story).split("\n\n") == [_text(p) for p in paragraphs]


def test_chinese_paragraphs_that_each_open_with_a_linked_name_are_the_article():
    paragraphs = [
        "<a href='/people/1'>市交通运输局局长张三</a>表示，今年将新建自行车道五十公里。",
        "<a href='/people/2'>市发展和改革委员会主任李四</a>介绍，项目总投资约十二亿元，明年完工。",
        "<a href='/people/3'>市城市管理局副局长王五</a>说，施工期间将分段封闭道路，提前公告。",
    ]
    story = f"<div class='content'>{''.join(f'<p>{p}</p>' for p in paragraphs)}</div>"
    assert _body_of(story, "zh").split("\n\n") == [_text(p) for p in paragraphs]


@pytest.mark.parametrize(
    "item",
    [
        # The headline link stands apart: a summary sentence of its own, a line break, a
        # heading, or a separate paragraph after it.
        "<p><a href='/story/{i}'>{headline}</a> {summary}</p>",
        "<p><a href='/story/{i}'>{headline}</a><br>{summary}</p>",
        "<div><h3><a href='/story/{i}'>{headline}</a></h3><p>{summary}</p></div>",
        # The same after a thumbnail, which holds no text.
        "<div><img src='/thumbs/{i}.jpg'><h3><a href='/story/{i}'>{headline}</a></h3>"
        "<p>{summary}</p></div>",
        "<div><a href='/story/{i}'>{headline}</a><p>{summary}</p></div>",
        "<div><a href='/story/{i}'>{headline}</a> – {summary}</div>",
    ],
)
def test_a_block_of_teasers_beside_such_an_article_still_goes(item):
    paragraphs = _paragraphs()
    more = "".join(
        item.format(i=i, headline=headline, summary=summary)
        for i, (headline, summary) in enumerate(TEASERS)
    )
    story = (
        f"<article><div class='body'>{''.join(f'<p>{p}</p>' for p in paragraphs)}"
        f"<div class='more'>{more}</div></div></article>"
    )
    body = _body_of(story)
    assert body.split("\n\n") == [_text(p) for p in paragraphs]
    for headline, summary in TEASERS:
        assert headline not in body and summary not in body


def test_a_sentence_that_runs_on_in_an_inline_element_after_the_linked_name():
    # <a>Name</a><span> said ...</span>: the link has no tail of its own, the text after it
    # is in the next inline element.
    paragraphs = [
        f"{_linked(name, i)}<span>{said.format('')}</span>"
        for i, (name, said) in enumerate(zip(NAMES, SAID, strict=True))
    ]
    story = f"<div class='story'>{''.join(f'<p>{p}</p>' for p in paragraphs)}</div>"
    assert _body_of(story).split("\n\n") == [_text(p) for p in paragraphs]


CAPTION = "Workers paint the first of the new bike lanes on Main Street on Monday morning."
PARAGRAPHS = "".join(f"<p>{said.format(name)}</p>" for name, said in zip(NAMES, SAID, strict=True))


@pytest.mark.parametrize(
    "image",
    [
        # The caption in a <p> beside the image, with a credit.
        f"<div class='img'><picture><img src='a.jpg' alt='{CAPTION}'></picture>"
        f"<p>{CAPTION} <span>Photo: Ann Lee</span></p></div>",
        # In a description <div> two levels from the image.
        f"<div class='detail-img'><div class='wrap'><img src='a.jpg' alt='{CAPTION}'></div>"
        f"<div class='detail-img__description'><div>{CAPTION}</div></div></div>",
    ],
)
def test_a_block_repeating_an_images_description_is_its_caption(image: str) -> None:
    body = _body_of(f"<div class='story'>{PARAGRAPHS[:300]}{image}{PARAGRAPHS[300:]}</div>")
    assert "Workers paint" not in body
    assert "Photo: Ann Lee" not in body
    assert _text(PARAGRAPHS.split("</p>")[0]) in body


def test_a_lead_opening_with_the_words_of_an_image_description_is_kept() -> None:
    # The image is described by the headline's words, and the article's text under it (in
    # one <div>, in a wrapper with the image) opens with them: that is no caption.
    lead = f"Council backs bike lanes after a long debate. {SAID[0].format('The mayor')}"
    story = (
        f"<div class='entry'><p><img src='a.jpg' alt='Council backs bike lanes'></p>"
        f"<div>{lead}<br><br>{'<br><br>'.join(_text(p) for p in _paragraphs())}</div></div>"
    )
    assert lead in _body_of(story)


def test_an_article_between_previous_and_next_teasers_is_kept() -> None:
    # The block holding the article also holds a "previous" and a "next" teaser: three items,
    # two of them teasers, but the article's text is nearly all of it. Pruned inside the
    # chosen container, the block must stay.
    from newsbot.extract.body import _prune

    paddle = (
        "<div class='paddle'><a href='/news/{0}'>Harbour expansion approved after a decade of "
        "delays {0}</a><p>The port will double in size.</p></div>"
    )
    container = lxml.html.fragment_fromstring(
        f"<div><div id='main'>{paddle.format('prev')}{paddle.format('next')}"
        f"<div class='articlebody'>{PARAGRAPHS}</div></div></div>"
    )
    _prune(container, None)
    text = " ".join(container.text_content().split())
    assert all(_text(p) in text for p in _paragraphs())
    # A block of teasers alone goes.
    teasers = lxml.html.fragment_fromstring(
        f"<div><div id='more'>{''.join(paddle.format(i) for i in range(3))}</div>{PARAGRAPHS}</div>"
    )
    _prune(teasers, None)
    assert "Harbour expansion" not in teasers.text_content()


@pytest.mark.parametrize(
    "heading",
    [
        "<h3>评论</h3>",
        "<h2>3 Comments</h2>",
        "<h3>Leave a Reply</h3>",
        "<h3>Kommentarer</h3>",
        "<div>Добавить отзыв</div>",
        "<h2>Komentarze (12)</h2>",
        "<h3>コメント</h3>",
        "<p><b>Reader Comments (2)</b></p>",
        "<h3>Comentaris</h3>",
        "<div>84 Postings</div>",
        "<h3>Hozzászólások</h3>",
    ],
)
def test_readers_comments_longer_than_the_article_are_cut_at_their_heading(heading: str) -> None:
    # A short post and a long comment thread in one neutral container: the thread starts in
    # the first half of the text, where other trailing notices would not be cut.
    comment = (
        "<p><b>reader{0}</b> wrote: I fully agree with the council, finally some action on this. "
        * 2
    )
    thread = "".join(comment.format(i) for i in range(12))
    story = f"<div class='main'>{PARAGRAPHS}<div class='box'>{heading}{thread}</div></div>"
    body = _body_of(story)
    assert _text(PARAGRAPHS.split("</p>")[-2]) in body
    assert "wrote:" not in body


def test_a_commentary_label_opening_the_article_cuts_nothing() -> None:
    # "评论" (commentary) labels opinion pieces above their text.
    body = _body_of(f"<div class='main'><p>评论</p>{PARAGRAPHS}</div>")
    assert all(_text(p) in body for p in PARAGRAPHS.split("</p>")[:-1])


@pytest.mark.parametrize(
    "notice",
    [
        "この記事は会員限定です。",
        "Subscribe to continue reading",
        "Already a subscriber? Log in",
        "Log in or create an account to continue",
        "Subscribe Now!",
        "财新通会员可阅读全文",
        "本文为付费内容，订阅即可阅读全文",
    ],
)
def test_a_paywall_notice_ends_the_article_text(notice: str) -> None:
    box = f"<p>{notice}</p>" + "<p>Get unlimited access to all our stories and newsletters.</p>" * 6
    body = _body_of(f"<div class='main'>{PARAGRAPHS}<div class='box'>{box}</div></div>")
    assert _text(PARAGRAPHS.split("</p>")[-2]) in body
    assert notice not in body and "unlimited access" not in body


def test_a_paywall_notice_above_the_article_cuts_nothing() -> None:
    body = _body_of(f"<div class='main'><p>For subscribers only</p>{PARAGRAPHS}</div>")
    assert all(_text(p) in body for p in PARAGRAPHS.split("</p>")[:-1])


def test_an_upsell_line_among_the_article_paragraphs_ends_nothing() -> None:
    # "Subscribe now and have articles read to you": a widget's line inside the article,
    # with article-length paragraphs after it, which a paywall would have kept off the page.
    more = "".join(
        f"<p>{said.format(name)} The plan also adds crossings near the two schools, and the "
        "council expects the first of them to open before the winter holidays begin.</p>"
        for name, said in zip(NAMES, SAID, strict=True)
    )
    upsell = "<p>Jetzt abonnieren und von der Vorlesefunktion profitieren.</p>"
    body = _body_of(f"<div class='main'>{PARAGRAPHS}{upsell}{more}</div>")
    assert all(_text(p) in body for p in more.split("</p>")[:-1])


def test_a_short_line_with_a_content_class_does_not_outweigh_the_article() -> None:
    # Paragraphs in plain <div>s, and beside them a deals box whose one-line headline has a
    # class that says "text": the class word says nothing of a line that short.
    lines = [said.format(name) for name, said in zip(NAMES, SAID, strict=True)]
    article = "".join(f"<div>{line}</div>" for line in lines)
    box = (
        "<div><div class='box__headline-text'>The best deals of the day</div>"
        "<div>Phones • Laptops • Headphones • Garden tools</div></div>"
    )
    body = _body_of(f"<div>{box}<div>{article}</div></div>")
    assert all(line in body for line in lines)
    assert "best deals" not in body


def test_the_parts_of_an_article_split_by_link_blocks_are_all_kept() -> None:
    # The first part sits in a block classed "post-entry", the later ones in plain <div>s
    # between blocks of related links: the class word does not raise the bar for them.
    lines = [said.format(name) for name, said in zip(NAMES, SAID, strict=True)]
    first = "".join(f"<p>{line}</p>" for line in lines * 4)
    later = [f"<p>Part {i}: {lines[0]}</p><p>Part {i}: {lines[1]}</p>" for i in (2, 3)]
    links = (
        "<div><a href='/r1'>Related: harbour plan</a><br><a href='/r2'>Related: bus fares</a></div>"
    )
    story = (
        f"<div class='main'><div class='post-entry'>{first}</div>"
        f"{links}<div>{later[0]}</div>{links}<div>{later[1]}</div></div>"
    )
    body = _body_of(story)
    assert "Part 2:" in body and "Part 3:" in body
    assert "Related:" not in body


def test_a_card_inside_a_link_is_no_article_text() -> None:
    # A sidebar card: the whole card is one link, its summary a <div> classed "...-text".
    summary = (
        "Markets opened higher this morning, as they had in the live studio's forecast, "
        "with technology shares, harbour operators and rail freight companies leading, "
        "while food producers and ports fell back."
    )
    card = (
        "<ul><li><a href='/live/1'><div class='card-text'><span>Analyst, today 12:06</span>"
        f"<div class='content'>{summary}</div></div></a></li></ul>"
    )
    lines = [said.format(name) for name, said in zip(NAMES, SAID, strict=True)][:2]
    article = "".join(f"<p>{line}</p>" for line in lines)
    body = _body_of(f"<div><div>{article}</div><div>{card}</div></div>")
    assert all(line in body for line in lines)
    assert "Markets opened" not in body


def test_a_classed_opening_line_does_not_outweigh_the_article_after_it() -> None:
    # The greeting sits in a block classed "entry"; the article's items follow in a plain
    # sibling: a class word on one short line does not make that line the article.
    lines = [said.format(name) for name, said in zip(NAMES, SAID, strict=True)][:2]
    items = "".join(f"<li>{line}</li>" for line in lines)
    story = (
        "<div><div class='entry'><p>Good morning! This is the city and transport news "
        "you need to know this Tuesday.</p>"
        f"</div><div><ol>{items}</ol></div></div>"
    )
    body = _body_of(story)
    assert all(line in body for line in lines)


def test_paragraphs_written_as_divs_credit_their_section_as_paragraphs_do() -> None:
    # Each section: a subheading and a text block of one-line <div>s. As containers of their
    # own, the lines would make one section the article; as paragraphs, the sections join.
    lines = [said.format(name) for name, said in zip(NAMES, SAID, strict=True)]
    sections = "".join(
        f"<section><h2>Section {i}</h2><div class='text'>"
        + "".join(f"<div>Section {i}: {line}</div>" for line in lines[:3])
        + "</div></section>"
        for i in range(1, 4)
    )
    body = _body_of(f"<div class='mod'>{sections}</div>")
    assert all(f"Section {i}: {lines[0]}" in body for i in range(1, 4))


def test_an_icon_font_glyph_is_no_text() -> None:
    lines = [said.format(name) for name, said in zip(NAMES, SAID, strict=True)]
    body = _body_of("<div>" + "".join(f"<p><i>\ue621</i>{line}</p>" for line in lines) + "</div>")
    assert body.startswith(lines[0]) and "\ue621" not in body


@pytest.mark.parametrize(
    "heading",
    [
        "<h3>3 Comments</h3>",
        "<div><b>发表评论</b></div>",
        "<p>Comments</p>",
        # WordPress themes name the post in the heading.
        "<h2>2 thoughts on “Council backs bike lanes”</h2>",
        "<h2>One Response to “Council backs bike lanes”</h2>",
    ],
)
def test_a_comment_thread_longer_than_the_post_is_no_article_without_class_words(
    heading: str,
) -> None:
    # No class or id says "comments": the heading after the post does.
    comment = (
        "<p>Reader {0}, September 12, 2018 at 4:47 pm: Thanks for the update. Has the council "
        "said when the next stretch of lanes will open, and whether the bus stops on Main "
        "Street will move, as the plan seemed to suggest?</p>"
    )
    thread = "<div>" + "".join(comment.format(i) for i in range(10)) + "</div>"
    body = _body_of(f"<div><div>{PARAGRAPHS}</div><div>{heading}{thread}</div></div>")
    assert all(_text(p) in body for p in PARAGRAPHS.split("</p>")[:-1])
    assert "Thanks for the update" not in body


def test_a_comments_link_above_the_article_cuts_nothing() -> None:
    story = f"<div><p><a href='#comments'>3 Comments</a></p><h3>3 Comments</h3>{PARAGRAPHS}</div>"
    body = _body_of(story)
    assert all(_text(p) in body for p in PARAGRAPHS.split("</p>")[:-1])


@pytest.mark.parametrize(
    "story",
    [
        # An unclosed <button> in the header: the parser nests the rest of the page in it.
        "<header><button>Menu <nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<div>{PARAGRAPHS}</div>",
        # The article in an <aside>, as some themes mark their main column.
        f"<aside><div>{PARAGRAPHS}</div></aside><aside><p>Sponsored: visit the fair.</p></aside>",
        # Hidden until a script shows it.
        f"<div style='display:none'><div>{PARAGRAPHS}</div></div>",
    ],
)
def test_page_furniture_that_holds_most_of_the_page_is_kept(story: str) -> None:
    body = _body_of(story)
    assert all(_text(p) in body for p in PARAGRAPHS.split("</p>")[:-1])
    assert "Sponsored" not in body


def test_page_furniture_beside_the_article_still_goes() -> None:
    # Inside the article's block: were they kept, their paragraphs would stay in the body.
    aside = (
        "<aside><p>Most read this week: the harbour plan explained in full, what it costs, and "
        "what it means for the families who live beside the port.</p></aside>"
    )
    body = _body_of(f"<div>{PARAGRAPHS}{aside}<nav><p>Home. News. Sport.</p></nav></div>")
    assert "Most read" not in body and "Home." not in body


SIGNUP = (
    "<div><h3>Sign up for our newsletter</h3><p>The day's most important stories in your "
    "inbox every morning, free.</p><form action='/subscribe'><input type='email' "
    "name='email'><button>Subscribe</button></form></div>"
)


@pytest.mark.parametrize(
    "story",
    [
        # Between the paragraphs, no class words to give it away.
        f"<div>{PARAGRAPHS[: PARAGRAPHS.index('</p>') + 4]}{SIGNUP}"
        f"{PARAGRAPHS[PARAGRAPHS.index('</p>') + 4 :]}</div>",
        # A search field with its label in the article's block.
        f"<div>{PARAGRAPHS}<div><label>Search the archive</label><form><input name='q'>"
        "</form></div></div>",
    ],
)
def test_a_short_form_and_the_box_that_introduces_it_go(story: str) -> None:
    body = _body_of(story)
    assert all(_text(p) in body for p in PARAGRAPHS.split("</p>")[:-1])
    assert "newsletter" not in body and "inbox" not in body and "archive" not in body


def test_a_form_that_wraps_the_page_keeps_the_article() -> None:
    # ASP.NET pages put the whole page, article included, in one form.
    story = (
        f"<form action='/default.aspx'><input type='hidden' name='__VIEWSTATE' value='x'>"
        f"<div>{PARAGRAPHS}</div><input type='text' name='q'><button>Go</button></form>"
    )
    body = _body_of(story)
    assert all(_text(p) in body for p in PARAGRAPHS.split("</p>")[:-1])


def test_paragraphs_each_in_their_own_wrappers_credit_the_article() -> None:
    # <div><div><p>...</p></div></div> per paragraph, as script-built pages write them: the
    # wrappers are part of the paragraph, so the article outweighs a long sidebar paragraph.
    lines = [said.format(name) for name, said in zip(NAMES, SAID, strict=True)]
    wrapped = "".join(f"<div><div><p>{line}</p></div></div>" for line in lines * 2)
    side = (
        "<div><p>"
        + "Our newsletter brings the week's best stories to your inbox, every Friday, free. " * 3
        + "</p></div>"
    )
    share = "<div><a href='/share'>Share</a></div>"
    body = _body_of(f"<div><div>{wrapped}</div>{share}</div>{side}")
    # The article is the best block (it was lost to the sidebar paragraph).
    assert body.startswith(lines[0]) and all(line in body for line in lines)


def test_a_lead_in_a_wrapper_of_its_own_beside_the_article_is_kept() -> None:
    lead = (
        "The plan to widen the network of bike lanes had been debated at city hall for two years."
    )
    lines = [said.format(name) for name, said in zip(NAMES, SAID, strict=True)]
    promo = "Get the Gazette app for the latest news from the council and the city on your phone."
    story = (
        f"<div><div><div><p>{lead}</p></div></div>"
        f"<div class='text'>{''.join(f'<p>{line}</p>' for line in lines * 2)}</div>"
        f"<div><div><p>{promo}</p></div></div></div>"
    )
    body = _body_of(story)
    assert body.startswith(lead) and all(line in body for line in lines)
    # After the article, a paragraph in a box of its own is a promotion.
    assert "Gazette app" not in body


def test_a_labelled_box_before_the_article_is_no_lead() -> None:
    # A box with its own label over a paragraph is no wrapper of the article's lead.
    promo = "Our partners offer the best bike insurance in town, with a first month for free today."
    lines = [said.format(name) for name, said in zip(NAMES, SAID, strict=True)]
    story = (
        f"<div><div>Sponsored<div><p>{promo}</p></div></div>"
        f"<div class='text'>{''.join(f'<p>{line}</p>' for line in lines * 2)}</div></div>"
    )
    body = _body_of(story)
    assert body.startswith(lines[0]) and "bike insurance" not in body


@pytest.mark.parametrize(
    ("sibling", "words"),
    [
        # A <div> line that does not end as prose does: a photo credit.
        (
            "<div>Workers paint the first of the new bike lanes on Main Street on Monday morning "
            "(City of Springfield / J. Doe)</div>",
            "Workers paint",
        ),
        # A paragraph mostly of links.
        (
            "<p>Also on the agenda of the council on Tuesday evening: <a href='/r1'>the harbour "
            "plan</a> and <a href='/r2'>the new bus fares</a>, both held over to May.</p>",
            "agenda",
        ),
    ],
)
def test_a_sibling_that_reads_as_no_paragraph_does_not_join_the_article(
    sibling: str, words: str
) -> None:
    body = _body_of(f"<div><div>{PARAGRAPHS * 2}</div>{sibling}</div>")
    assert _text(PARAGRAPHS.split("</p>")[0]) in body
    assert words not in body


@pytest.mark.parametrize(
    ("furniture", "lang"),
    [
        ("<div><span>ANZEIGE</span></div>", "de"),
        ("<p>Publicité</p>", "fr"),
        (
            "<div><h3>Mehr zum Thema</h3><ul><li><a href='/a'>Neue Buslinien</a></li>"
            "<li><a href='/b'>Parkgebühren steigen</a></li></ul></div>",
            "de",
        ),
        ("<p>À lire aussi :</p>", "fr"),
        ("<p>【関連記事】</p>", "ja"),
        ("<p>[관련기사]</p>", "ko"),
        ("<h2>TRENDING:</h2>", "en"),
        ("<p>İlgili Haberler</p>", "tr"),
        ("<p>Читайте также</p>", "ru"),
        ("<p>Baca juga:</p>", "id"),
        ("<p>Publicitat</p>", "ca"),
        ("<div>Reklam</div>", "tr"),
        # An image's description by its class, without the image's alt text to tell.
        ("<span class='img_descr'>Crowds on the bridge at noon (Gazette)</span>", "en"),
    ],
)
def test_ad_labels_and_related_headings_of_more_languages_go(furniture, lang):
    half = PARAGRAPHS.index("</p>", len(PARAGRAPHS) // 2) + 4
    body = _body_of(f"<div>{PARAGRAPHS[:half]}{furniture}{PARAGRAPHS[half:]}</div>", lang)
    assert all(_text(p) in body for p in PARAGRAPHS.split("</p>")[:-1])
    labels = ("ANZEIGE", "Publicité", "Mehr zum Thema", "lire aussi", "関連記事", "관련기사")
    more = ("Publicitat", "Reklam", "Crowds on")
    for word in (*labels, "TRENDING", "İlgili", "Читайте", "Baca juga", *more):
        assert word not in body


def test_a_sentence_that_opens_with_an_ad_label_word_stays():
    sentence = "Anzeigen gegen Unbekannt wurden am Montag bei der Polizei erstattet."
    body = _body_of(f"<div>{PARAGRAPHS}<p>{sentence}</p></div>", "de")
    assert sentence in body


def test_a_quotation_in_a_figure_is_kept_and_a_pull_quote_is_not() -> None:
    quote = "We cannot wait another decade for safe streets, and we will not."
    paragraphs = [_text(p) for p in _paragraphs()]
    figure = (
        "<figure><blockquote><p>{}</p></blockquote>"
        "<figcaption>Mayor Rosa Park</figcaption></figure>"
    )
    # A quotation of its own, marked up as the HTML standard suggests: article text.
    story = f"<p>{paragraphs[0]}</p>{figure.format(quote)}" + "".join(
        f"<p>{p}</p>" for p in paragraphs[1:]
    )
    body = _body_of(f"<article>{story}</article>")
    assert quote in body
    assert "Rosa Park" not in body
    # A pull quote repeats a line of the article: said once is enough.
    pulled = figure.format(paragraphs[2])
    story = "".join(f"<p>{p}</p>" for p in paragraphs[:2]) + pulled
    body = _body_of(f"<article>{story}{''.join(f'<p>{p}</p>' for p in paragraphs[2:])}</article>")
    assert body.count(paragraphs[2][:50]) == 1
    # A figure with a picture is the picture's, quotation or not.
    pictured = f"<figure><img src='a.jpg'><blockquote><p>{quote}</p></blockquote></figure>"
    story = f"<p>{paragraphs[0]}</p>{pictured}" + "".join(f"<p>{p}</p>" for p in paragraphs[1:])
    assert quote not in _body_of(f"<article>{story}</article>")


def test_a_short_negative_word_in_a_class_variant_does_not_condemn_the_paragraphs() -> None:
    from newsbot.extract.body import _is_negative

    # "RichText--iconLinks" is text whose links carry icons: the variant after "--" (BEM)
    # does not make the block furniture; the word in a class's own name still does.
    assert not _is_negative("RichText RichText--iconLinks")
    assert _is_negative("icon-bar")
    assert _is_negative("social-icons")
    # A page that gives every paragraph such a block of its own, under a consent notice.
    consent = (
        "<div class='message-container'><p>We and our partners use cookies and similar "
        "technologies to personalise content and ads and to analyse the use of our site. Click "
        "accept to agree, or subscribe to read without tracking and without any ads at all, "
        "whenever you like, on every device you own.</p></div>"
    )
    paragraphs = [p + "</p>" for p in PARAGRAPHS.split("</p>")[:-1]]
    blocks = "".join(f"<div class='RichText RichText--iconLinks'>{p}</div>" for p in paragraphs)
    body = _body_of(f"{consent}<section>{blocks}</section>")
    assert all(_text(p) in body for p in paragraphs)


@pytest.mark.parametrize(
    ("notice", "lang"),
    [
        (
            "Avec votre accord, nos partenaires et nous utilisons des cookies ou technologies "
            "similaires pour stocker et accéder à des informations personnelles.",
            "fr",
        ),
        (
            "Corriere.it e i suoi partner utilizzano cookie e tecnologie simili per finalità "
            "tecniche e di misurazione. Puoi accettare o rifiutare.",
            "it",
        ),
        (
            "We and our partners use cookies to personalise content and ads. Click Accept to "
            "agree, or manage your choices at any time.",
            "en",
        ),
    ],
)
def test_a_cookie_consent_notice_in_a_box_of_no_name_is_no_article_text(notice, lang) -> None:
    box = f"<div class='message-container'><p>{notice}</p><span>OK</span></div>"
    story = f"{box}<div class='story'>{PARAGRAPHS}</div>"
    body = _body_of(story, lang)
    assert "cookie" not in body
    assert _text(PARAGRAPHS.split("</p>")[0]) in body


def test_an_article_paragraph_about_cookies_stays() -> None:
    # The words alone in a paragraph among many: the paragraph is the article's.
    about = (
        "The regulator said sites must ask before they set tracking cookies, and that "
        "partners sharing the data need the same consent."
    )
    half = PARAGRAPHS.index("</p>") + 4
    body = _body_of(
        f"<div class='story'>{PARAGRAPHS[:half]}<p>{about}</p>{PARAGRAPHS[half:]}</div>"
    )
    assert about in body


@pytest.mark.parametrize(
    "player",
    [
        "<div class='su-video'><div class='su-video__poster'><img src='v.jpg'>"
        "<span class='su-video__duration'>01:12</span></div>"
        "<p class='su-video__title'>VIDÉO. Au port, les pêcheurs inquiets</p></div>",
        "<div class='ts-mediaplayer'><span>02:57 Min</span><p>Kommunen in Finanznot</p></div>",
        "<div class='metro-video-player'><p>To view this video please enable JavaScript</p>"
        "<p>Up Next</p></div>",
    ],
)
def test_a_video_players_box_is_no_article_text(player: str) -> None:
    half = PARAGRAPHS.index("</p>", len(PARAGRAPHS) // 2) + 4
    body = _body_of(f"<div class='story'>{PARAGRAPHS[:half]}{player}{PARAGRAPHS[half:]}</div>")
    assert all(_text(p) in body for p in PARAGRAPHS.split("</p>")[:-1])
    for words in ("01:12", "VIDÉO", "02:57", "Finanznot", "JavaScript", "Up Next"):
        assert words not in body


def test_a_post_embedded_in_a_video_box_and_a_sportsmans_link_stay() -> None:
    tweet = "<blockquote class='twitter-tweet'><p>Interesting to see the capture running.</p>"
    story = f"<p>{_text(PARAGRAPHS)}</p><div class='video-container'>{tweet}</blockquote></div>"
    assert "Interesting to see" in _body_of(f"<div class='story'>{story}</div>")
    linked = "<p><a class='player' href='/p/nadal'>Rafael Nadal</a> kept Spain's hopes alive.</p>"
    assert "Rafael Nadal kept" in _body_of(f"<div class='story'>{linked}{PARAGRAPHS}</div>")


def test_a_block_named_by_its_component_or_test_id_is_judged_by_that_name() -> None:
    # Script-built pages name their blocks in data-component / data-testid, not in classes.
    promo = (
        "<div data-component='newsletter-signup' class='dcr-1rhpzk0'><p>Sign up to Down to "
        "Earth</p><p>The planet's most important stories, every week in your inbox.</p></div>"
    )
    related = (
        "<div data-testid='related-stories' class='x9f2'><p>Harbour expansion approved "
        "after a decade of delays at the port.</p></div>"
    )
    half = PARAGRAPHS.index("</p>", len(PARAGRAPHS) // 2) + 4
    story = f"{PARAGRAPHS[:half]}{promo}{PARAGRAPHS[half:]}{related}"
    body = _body_of(f"<div class='dcr-story'>{story}</div>")
    assert all(_text(p) in body for p in PARAGRAPHS.split("</p>")[:-1])
    assert "Down to Earth" not in body
    assert "Harbour expansion" not in body


def test_a_one_or_two_word_kicker_over_the_article_goes_and_a_subheading_stays() -> None:
    paragraphs = PARAGRAPHS.split("</p>")
    story = f"<p>Altmark</p>{paragraphs[0]}</p><h3>Saturday hours</h3>{'</p>'.join(paragraphs[1:])}"
    body = _body_of(f"<div class='story'>{story}</div>")
    assert body.startswith(_text(paragraphs[0] + "</p>"))
    assert "Saturday hours" in body


@pytest.mark.parametrize("cls", ["article__subheader", "header-anchor-post"])
def test_a_subheading_whose_class_holds_header_is_a_subheading(cls):
    sub = f"<h2 class='{cls}'>Homes on the sports ground</h2>"
    half = PARAGRAPHS.index("</p>", len(PARAGRAPHS) // 2) + 4
    body = _body_of(f"<div>{PARAGRAPHS[:half]}{sub}{PARAGRAPHS[half:]}</div>")
    assert "Homes on the sports ground" in body
