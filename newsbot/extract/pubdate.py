"""Find a page's publication date from every signal it carries and cross-check them.

Signals, strongest first: site rules (``selectors``), JSON-LD, meta tags, ``<time>`` and
``itemprop=datePublished`` elements, the URL, then dates in the visible text (labelled
"发布时间" / "Published" lines and dates in date-like elements near the title). External
``hints`` (feed, sitemap, listing, first seen) are only used when the page has no date, and
are cross-checked otherwise. Values keep the offset the page gives, except UTC values, which
are shown in the offset of another signal for the same instant or else in ``timezone`` (same
instant, the local day); ``timezone`` is also used for wall times without an offset.

Numeric dates with the year last (``06/08/2009``) are read in the order of the page language,
region included (``en-GB`` day first, ``en``/``en-US`` month first; see :mod:`newsbot.dates`).

Two page kinds override the vote: a page that shows by its title a date confirmed by its
``dateModified`` (a revised or republished article) is dated as shown; a site's front page
with no structured date is as recent as its newest timed item.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, tzinfo
from datetime import timezone as fixed_timezone
from typing import Any
from urllib.parse import unquote, urlsplit

from lxml import etree
from lxml.html import HtmlElement

from newsbot.clean import BLOCK_TAGS
from newsbot.dates import DateParser
from newsbot.extract import jsonld
from newsbot.extract.hanzi import either_script
from newsbot.extract.months import MONTH_NAMES
from newsbot.extract.page import Page, element_shape
from newsbot.extract.rules import select_all

__all__ = ["DateFinding", "find_published"]

MIN_YEAR = 1995  # older "publication dates" are founding years, birthdays or mis-parses
HINT_KEYS = ("feed", "sitemap", "listing", "first_seen")
_DAY = timedelta(days=1)


@dataclass(frozen=True)
class DateFinding:
    published: datetime | None
    raw: str | None
    source: str | None
    conflicts: list[str] = field(default_factory=list)
    candidates: list[tuple[str, datetime]] = field(default_factory=list)


@dataclass(frozen=True)
class _Cand:
    source: str
    raw: str
    value: datetime
    has_time: bool
    weight: float = 1.0  # vote for the day; 0 = fallback only
    modified: bool = False  # an update date: used only when nothing else is found


# --------------------------------------------------------------------------------------------
# Weights: each signal votes for its day; the day with most weight wins. Structured data is
# trusted most, a visible date next to the title nearly as much, so that together they outvote
# one stray value (a generic "date" meta tag, a mis-typed JSON-LD object).
# --------------------------------------------------------------------------------------------

W_RULE = 100.0
W_JSONLD = 5.0
W_JSONLD_OTHER = 2.5  # dateCreated/uploadDate, or objects that are not the article
W_META = 5.0
W_META_WEAK = 2.0  # generic names that some CMSs fill with the modification date
W_ELEMENT = 4.0
W_URL = 4.0
W_TIME = 1.5
W_TEXT_MAX = 4.0
W_MODIFIED = 0.5
# A shown date that outranks a structured one stamped with the day of the shown update: a
# publication label (4) and the headline right above it.
SHOWN_PUBLICATION_SCORE = 6.0

# --------------------------------------------------------------------------------------------
# Structured signals
# --------------------------------------------------------------------------------------------

# Meta names (lower case) that carry the publication date.
_META_PUBLISHED = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "article:published",
    "published_time",
    "article.published",
    "datepublished",
    "date.published",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publishtime",
    "publish_time",
    "pubtime",
    "publicationdate",
    "publication_date",
    "publication-date",
    "articlepublisheddate",
    "article_date_original",
    "original-publish-date",
    "sailthru.date",
    "parsely-pub-date",
    "cxenseparse:publishtime",
    "cxenseparse:recs:publishtime",
    "weibo: article:create_at",
    "weibo:article:create_at",
    "article:post_date",
    "rnews:datepublished",
    "bt:pubdate",
    "citation_publication_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.created",
)
_META_WEAK = ("dc.date", "dcterms.date", "date", "citation_date", "created", "displaydate")
_META_MODIFIED = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "dc.date.modified",
    "lastmod",
    "last-modified",
)

_TIME_ATTRS = (
    "datetime",
    "content",
    "title",
    "data-datetime",
    "data-time",
    "data-timestamp",
    # A <time> a script fills from its data attribute: <time data-published="2022-04-29T…">.
    "data-published",
    "data-date",
)
_PUBLISHED_ELEMENTS_XPATH = etree.XPath(
    "//*[@itemprop='datePublished' or @itemprop='dateCreated']"
    "|//time[@pubdate]"
    "|//*[self::time or self::abbr or self::span][contains(concat(' ', normalize-space(@class),"
    " ' '), ' published ') or contains(@class, 'entry-date') or contains(@class, 'post-date')]"
)
_TIME_ELEMENTS_XPATH = etree.XPath("//time[@datetime or @data-published or @data-date]")

# --------------------------------------------------------------------------------------------
# URL
# --------------------------------------------------------------------------------------------

_Y = r"(?:199[5-9]|20[0-4]\d)"
_URL_DATE_RES = (
    # /2022/05/18/, /2022-05-18, /2022_5_18
    re.compile(
        rf"(?<![\dA-Za-z])(?P<y>{_Y})(?P<s>[-/_.])(?P<m>1[0-2]|0?[1-9])(?P=s)"
        r"(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)"
    ),
    # /2022-05/18/, /202205/18/
    re.compile(rf"(?<!\d)(?P<y>{_Y})-?(?P<m>1[0-2]|0[1-9])/(?P<d>3[01]|[12]\d|0[1-9])(?:/|$)"),
    # /20220518/, t20220518_123.html, content_20220518.htm
    re.compile(rf"(?<!\d)(?P<y>{_Y})(?P<m>1[0-2]|0[1-9])(?P<d>3[01]|[12]\d|0[1-9])(?!\d)"),
    # /2022/0518/ (people.cn and the sites on its CMS), /2022/05-18/ (chinanews)
    re.compile(rf"/(?P<y>{_Y})/(?P<m>1[0-2]|0[1-9])-?(?P<d>3[01]|[12]\d|0[1-9])/"),
)

# A year in a path: /2019/, /2019-10/, /201910/, /2019_10_08 (not an id's digits).
_URL_YEAR_RE = re.compile(rf"(?<![\dA-Za-z])(?P<y>{_Y})(?:[-/_.]|(?:1[0-2]|0[1-9])(?:[-/_.]|$))")

# A site's front page (or a language's): /, /de/, /en-us/index.html, /home
_FRONT_PAGE_RE = re.compile(
    r"/?(?:[a-z]{2}(?:[-_][a-z]{2})?/)?(?:(?:index|default|home|start)(?:\.\w{2,5})?)?", re.I
)

# --------------------------------------------------------------------------------------------
# Visible text
# --------------------------------------------------------------------------------------------

_SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "select",
        "option",
        "svg",
        "iframe",
        "textarea",
    }
)

# Month names: the generated table of :mod:`newsbot.extract.months` (dateparser's names for
# the languages of news sites), and what it lacks: the short forms in common use (it leaves out
# names under four letters), spellings without accents, Italian and German short forms, and
# the Levant's Syriac names in Arabic.
_MORE_MONTH_NAMES = (
    "jan|ene|genn|gen|كانون الثاني",
    "feb|fevrier|fevr|fev|شباط",
    "mar|maerz|mär|آذار|اذار",
    "apr|avr|abr|ابريل|إبريل|نيسان",
    "may|mai|maj|mei|mag|мая|май|أيار|ايار",
    "jun|giu|حزيران",
    "jul|lug|تموز",
    "aug|aout|ago|اغسطس|آب",
    "sep|set|أيلول|ايلول",
    "oct|okt|out|ott|اكتوبر|تشرين الأول|تشرين الاول",
    "nov|تشرين الثاني",
    "dec|decembre|dez|dic|déc|كانون الأول|كانون الاول",
)
_MONTHS = {
    name: month
    for table in (MONTH_NAMES, _MORE_MONTH_NAMES)
    for month, names in enumerate(table, 1)
    for name in names.split("|")
}


def _names_re(names: Iterable[str]) -> str:
    """A regex alternation of ``names`` as a trie (``ma(?:r(?:ch|s|zo)?|y)``): with hundreds
    of names, a flat ``march|mars|...`` is tried name by name at every position, ten times
    slower. Longer names are tried first, as in a flat alternation sorted by length."""
    trie: dict[str, Any] = {}
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}

    def alternation(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + alternation(rest) for char, rest in node.items() if char]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return f"(?:{'|'.join(branches)})" + ("?" if "" in node else "")

    return alternation(trie)


# The most whitespace between a date's day, month name and year: each in a span of its own,
# on lines of their own ("<span>14</span>\n <span>Mai</span>\n <span>2022</span>").
_SPLIT_SPACE = 24


@functools.cache
def _text_date_re() -> re.Pattern[str]:
    """Dates in running text, turned into y/m/d by _match_ymd; the time and zone that follow
    are then read by the dates parser from an ISO-normalised copy."""
    alt = _names_re(_MONTHS)
    return re.compile(
        r"(?<![\d.])(?P<y1>(?:19|20)\d{2})\s?(?P<s1>[-/.])\s?(?P<m1>\d{1,2})\s?(?P=s1)\s?"
        r"(?P<d1>\d{1,2})(?!\d)"
        r"|(?P<y2>(?:19|20)\d{2})\s?[年년]\s?(?P<m2>\d{1,2})\s?[月월]\s?(?P<d2>\d{1,2})\s?[日号일]?"
        # (Czech and Slovak put a space after each dot: "24. 3. 2022".)
        r"|(?<![\d.])(?P<a3>\d{1,2})(?P<s3>[-/]|\.\s?|\s?\|\s?)(?P<b3>\d{1,2})(?P=s3)"
        r"(?P<y3>(?:19|20)\d{2})(?!\d)"
        # 02.12.19: two-digit years only with two-digit day and month, the German short form.
        r"|(?<![\d.])(?P<a6>[0-3]\d)\.(?P<b6>[01]\d)\.(?P<y6>[0-4]\d)(?![\d.])"
        # (Day, month and year may stand in spans of their own, on lines of their own.)
        # (A French first of the month may set its "er" apart: "1<sup>er</sup> avril".)
        rf"|(?<!\w)(?P<d4>\d{{1,2}})(?:st|nd|rd|th|\s?er|º)?\.?\s{{0,{_SPLIT_SPACE}}}(?:de\s|of\s)?"
        rf"(?P<mon4>{alt})(?:\s?/\s?(?:{alt}))?\.?,?\s{{0,{_SPLIT_SPACE}}}(?:de\s)?"
        rf"(?P<y4>(?:19|20)\d{{2}})(?!\d)"
        rf"|(?<!\w)(?P<mon5>{alt})\.?\s(?P<d5>\d{{1,2}})(?:st|nd|rd|th)?,?\s(?P<y5>(?:19|20)"
        r"\d{2})(?!\d)"
        # Year first with the month's name: "2024. április 27." (Hungarian), "2024 m. balandžio
        # 27 d." (Lithuanian), "2024. gada 27. aprīlis" (Latvian).
        rf"|(?<![\d.])(?P<y7>(?:19|20)\d{{2}})(?:\.|\sm\.)\s?(?P<mon7>{alt})\s(?P<d7>\d{{1,2}})"
        r"(?:\.|\sd\.)?(?!\d)"
        rf"|(?<![\d.])(?P<y8>(?:19|20)\d{{2}})\.\sgada\s(?P<d8>\d{{1,2}})\.\s?(?P<mon8>{alt})"
        # The year in a span of its own before the month and day: "<span>2025</span>
        # <span>01/14</span> <span>10:21:33</span>".
        rf"|(?<![\d.])(?P<y9>(?:19|20)\d{{2}})\s{{1,{_SPLIT_SPACE}}}(?P<m9>[01]?\d)/(?P<d9>[0-3]?\d)"
        r"(?![\d/])",
        re.I,
    )


# Every match of _text_date_re() holds a year: 19xx/20xx, or the yy of dd.mm.yy. The full regex
# only runs in windows around these anchors (it is slow on long texts): a match starts at most
# two month names and some 17 characters before its year, and ends at most a month name and 11
# characters after it (a year-first date: "2024 m. balandžio 27 d."), plus one character for
# its closing lookahead.
_YEAR_ANCHOR_RE = re.compile(r"(?:19|20)\d{2}|\d\.[01]\d\.[0-4]\d")
_MAX_MONTH_CHARS = 12  # the longest name (checked by the tests)
_ANCHOR_BEFORE = 2 * _MAX_MONTH_CHARS + 24 + 2 * _SPLIT_SPACE
_ANCHOR_AFTER = _MAX_MONTH_CHARS + 12


def _around(
    pattern: re.Pattern[str], anchors: re.Pattern[str], before: int, after: int, text: str
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, run only around the matches of ``anchors``: the same
    matches, without scanning the whole text with the full regex. Every match of ``pattern``
    must hold an anchor, start at most ``before`` characters ahead of it and end (with the
    character its lookahead reads) within ``after`` characters behind it."""
    start = end = -1
    for anchor in anchors.finditer(text):
        lo, hi = anchor.start() - before, anchor.end() + after
        if lo > end:
            if end >= 0:
                yield from pattern.finditer(text, start, end)
            start = max(lo, 0)
        end = hi
    if end >= 0:
        yield from pattern.finditer(text, start, end)


def _text_dates(text: str) -> Iterator[re.Match[str]]:
    """``_text_date_re().finditer(text)``, run only around year-like anchors."""
    return _around(_text_date_re(), _YEAR_ANCHOR_RE, _ANCHOR_BEFORE, _ANCHOR_AFTER, text)


# "As of" ("Stand: 07.03.2025, 09:12 Uhr"): the version's date; a publication shown as a
# dateline is (its label, its place under the headline) outranks it.
AS_OF_RIVAL_SCORE = 5
_AS_OF_LABEL_RE = re.compile(r"\bstand\s*:?\s*$", re.I)
_PUB_LABEL_RE = re.compile(
    either_script(
        r"(发布|發布|发表|發表|发稿|發稿|刊登|出版|上传|创建|时间|時間|日期|"
        r"published|posted|publish|released|created|written|date|dated|on|am|"
        r"veröffentlicht|erschienen|erstellt|publié|publicado|pubblicato|gepubliceerd|datum|fecha|"
        r"data|stand|опубликовано|publisert|publicerad|publiceret|opublikowano|publikováno|"
        r"yayınlanma|yayınlandı|입력|등록|발행|게재|掲載)\s*(?:on|at|am|le|el|il|em|op|于|於)?\s*[:：]?\s*$"
    ),
    re.I,
)
_UPD_LABEL_RE = re.compile(
    either_script(
        r"(更新|修改|updated?|modified|edited|last\s+changed|aktualisiert|aktualisierung|geändert|"
        r"änderung|"
        r"mis à jour|modifié|actualisé|actualizado|atualizado|aggiornato|bijgewerkt|обновлено|"
        r"актуализ|"
        r"güncelleme|güncellendi|uppdaterad|opdateret|oppdatert|zaktualizowano|päivitetty|"
        r"aktualizováno|수정|업데이트|最終更新|modification|zuletzt bearbeitet|"
        r"ostatnio edytowany)"
        r"[^\n]{0,20}$"
    ),
    re.I,
)
# An element marked as the modification date: WordPress themes' <time class="updated">.
_MODIFIED_MARK_RE = re.compile(r"(?:^|\s)(?:updated|modified|date-?modified|dateModified)(?:\s|$)")
_PUBLISHED_MARK_RE = re.compile(r"published|entry-date|datePublished|pubdate", re.I)
_DATE_CLASS_RE = re.compile(
    r"date|time|publish|posted|pubdate|byline|dateline|datum|fecha|submitted|created|meta|info|"
    r"source|author",
    re.I,
)
_NOISE_CLASS_RE = re.compile(
    r"comment|reply|related|sidebar|widget|footer|recent|archive|calendar|popular|"
    r"similar|recommend|teaser|ticker|breaking|weather|copyright|slider|carousel|"
    # a clock or "today is" widget in the site header
    r"clock|current-?date|today",
    re.I,
)
# Stamps of something else than the article, labelled or not: photo captions and credits,
# the entries of a live blog.
_STAMP_CLASS_RE = re.compile(r"caption|credit|figure|live-?(?:blog|feed|entry|update)", re.I)
_POST_STATUS_RE = re.compile(r"\bstatus-(?:publish|future|draft|pending|private)\b")
_DATE_MARK_RE = re.compile(r"date|time|publish|posted|byline", re.I)
# A comment thread's container (WordPress and most CMSs: ``#comments``, ``.comment-list``,
# ``li.comment``): its dates are the comments'.
_COMMENTS_RE = re.compile(r"(?:^|\s)comment(?:s|list|-list|-body|-meta\w*)?(?:\s|$)", re.I)
# A member's profile beside a post: when the writer joined, not when the post was written.
_PROFILE_LABEL_RE = re.compile(
    either_script(
        r"(?:joined|member since|registered|mitglied seit|dabei seit|registriert seit|inscrit le|"
        r"inscrit depuis|inscription|registrado|iscritto|zarejestrowany|注册时间|注册于|加入时间|"
        r"加入于)\W{0,3}$"
    ),
    re.IGNORECASE,
)
# The header's clock: "Oggi è mer 2 dic 2020", "Heute ist Montag, ...", "Dnes je ...".
_TODAY_LABEL_RE = re.compile(
    r"(?:today is|it is now|it is currently|current time|heute ist|aktuelle zeit|oggi è|hoy es|"
    r"nous sommes le|dnes je|dziś jest|aktualny czas|"
    r"dzisiaj jest|idag är|i dag er|сегодня|bugün|今天是|今日は)\W{0,3}(?:\w{2,11}\.?,?\s*)?$",
    re.IGNORECASE,
)
_NOISE_BEFORE_RE = re.compile(
    either_script(r"(©|copyright|\(c\)|版权|備案|备案|ICP)[^\n]{0,40}$"), re.I
)
_RAW_END_RE = re.compile(
    either_script(r"\u3000|\s{2,}|[|｜]|来源|來源|作者|编辑|編輯|浏览|瀏覽|阅读|閱讀|点击")
)
# A month-day with a time and no year: not part of a longer date (2022-10-08, 22-10-08).
_YEARLESS_RE = re.compile(
    r"(?<![\d./\-年])(?P<m>1[0-2]|0?[1-9])(?:-|月)(?P<d>3[01]|[12]\d|0?[1-9])日?\s{0,3}"
    r"(?P<H>[01]?\d|2[0-3])[:：](?P<M>[0-5]\d)(?:[:：][0-5]\d)?(?!\d)"
)
# A two-digit year first, with a time: "22-10-08 12:00" (year-first languages only).
_YY_MD_TIME_RE = re.compile(
    r"(?<![\d./\-年:])(?P<y>\d{2})-(?P<m>1[0-2]|0?[1-9])-(?P<d>3[01]|[12]\d|0?[1-9])\s{1,3}"
    r"(?P<H>[01]?\d|2[0-3])[:：](?P<M>[0-5]\d)(?:[:：][0-5]\d)?(?!\d)"
)
# Every short date holds its minutes (":08"), their colon at most 13 characters after its start
# ("22-10-08   9:08"); it ends with them or with its seconds, themselves such an anchor, and
# its lookahead reads one character more.
_MINUTES_RE = re.compile(r"[:：][0-5]\d")
_MINUTES_BEFORE, _MINUTES_AFTER = 13, 1
# How long before an update the publication it revises is looked for, when only the update
# is a credible date.
EDIT_WINDOW = timedelta(days=365)
_HAS_TIME_RE = re.compile(r"\d\s?[:时時点點h]\s?\d{2}")
_LEADING_TIME_RE = re.compile(r"\d{1,2}\s?[:时時点點h]\s?\d{2}(?::\d{2})?")
# A time written before its date on the same line: "3:48 PM EST, Mon March 4, 2024".
_TIME_BEFORE_RE = re.compile(
    r"(?<![\d:.])(?P<time>\d{1,2}:\d{2}(?:\s?[AaPp]\.?\s?[Mm]\.?)?(?:\s[A-Z]{2,5}(?:[+-]\d{1,2})?)?)"
    r"[\s,]{1,3}(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s)?$"
)
_TIME_BEFORE_CHARS = 30
# A value that is a date has a number in it, or says how long ago ("yesterday", "刚刚").
_NUMBER_OR_RELATIVE_RE = re.compile(
    either_script(
        r"[0-9〇零一二三四五六七八九十]|ago\b|yesterday|today|just now|前|昨|今|刚刚|剛剛"
    ),
    re.IGNORECASE,
)
# A date standing in a short text of its own this close under the headline is its dateline.
DATELINE_DIST, DATELINE_PIECE_CHARS = 400, 60
# Chinese and Japanese put the label after the date: "于 2025-03-26 10:15 首次发布",
# "2025年01月22日 12時00分 公開", "已于 2025-03-27 修改", "2月7日 10:12配信".
_PUB_AFTER_RE = re.compile(
    either_script(
        r"^\s*(?:\d{1,2}\s?[:：時时]\s?\d{2}(?:[:：]\d{2}|分)?)?\s*(?:首次)?(?:发布|发表|首发|公開|配信|掲載)"
    )
    # A wire service's press release dateline: "BERLIN, 12. März 2019 /PRNewswire/ --".
    + r"|^\s*[/(]\s*(?:PR\s?Newswire|Business\s?Wire|Globe\s?Newswire|CNW|PRWeb|EIN\s?Presswire|"
    r"Marketwired|ACCESS\s?WIRE)\b",
    re.IGNORECASE,
)
_UPD_AFTER_RE = re.compile(
    either_script(
        # (Not "编辑：刘志红", the editor's credit after the dateline.)
        r"^\s*(?:\d{1,2}\s?[:：時时]\s?\d{2}(?:[:：]\d{2}|分)?)?\s*(?:修改|更新|编辑(?!\s*[:：])|最終更新)"
    )
)
_WEEKDAY_END_RE = re.compile(
    r"(?<!\w)(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|"
    r"thurs|fri|sat|sun|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi|"
    r"mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|"
    r"domingo|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica)\.?,?\s*$",
    re.IGNORECASE,
)
_WEEKDAY_BRACKETS_RE = re.compile(r"^\s*[(（]\s*[^\d()（）\s]{1,4}\s*[)）]")
_WORD_RE = re.compile(r"\w+")

# A date in running text: in a run of text of at least this many characters, with this many
# before it and after it.
RUNNING_LINE_CHARS = 120
RUNNING_LEAD_CHARS = 20

_TITLE_TAGS = frozenset({"h1", "h2", "h3"})
_INLINE_TAGS = frozenset({"span", "a", "strong", "b", "em", "i", "font"})


# --------------------------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------------------------


def _time_before(text: str, m: re.Match[str]) -> str:
    """The time written right before the date ``m`` on its line, or ''."""
    line = text[max(0, m.start() - _TIME_BEFORE_CHARS) : m.start()].rsplit("\n", 1)[-1]
    found = _TIME_BEFORE_RE.search(line)
    return found["time"] if found else ""


class _Context:
    """Per-call state: the dates parser bound to the zone, the page languages and ``now``."""

    def __init__(self, page: Page, timezone: str, now: datetime | None) -> None:
        lang = page.lang
        languages: tuple[str, ...] = ("zh", "en")
        if lang and lang != "zh" and len(lang) == 2:
            # The full tag (en-GB, en-US, de-CH) also sets the numeric day/month order.
            languages = (_locale(page, lang), "en")
        self.parser = DateParser(timezone, languages)
        self.now = now
        self.lang = lang
        # An English page reads 05/04/2022 month first only where its locale does (en, en-US).
        self.month_first = lang == "en" and not self.parser.day_first

    def _parse(self, raw: str) -> datetime | None:
        try:
            return self.parser.parse(raw, now=self.now)
        except Exception:  # a dateparser failure on odd text must not lose the whole page
            return None

    def parse(self, raw: str | None) -> datetime | None:
        if not raw:
            return None
        raw = raw.strip()
        if not raw or len(raw) > 300 or not _NUMBER_OR_RELATIVE_RE.search(raw):
            return None  # "Aug" alone (a date split into spans) is no date in this year
        value = self._parse(raw)
        if value is None and (m := _text_date_re().search(raw)) is not None:
            # Forms the dates parser does not cover (foreign months, day first).
            value = self.from_match(raw, m)
        if value is None or value.year < MIN_YEAR:
            return None
        return value

    def from_match(self, text: str, m: re.Match[str]) -> datetime | None:
        ymd = _match_ymd(m, self.month_first)
        if ymd is None:
            return None
        y, mo, d = ymd
        iso = f"{y:04d}-{mo:02d}-{d:02d}"
        # The ISO copy lets the dates parser read the time and zone that follow.
        # (Korean dates close the day with a dot: "2024. 4. 28. 오후 3:48".)
        # A weekday in brackets between the date and its time: "2025年1月13日(月) 10時30分".
        rest = _WEEKDAY_BRACKETS_RE.sub(" ", text[m.end() : m.end() + 40], count=1)
        value = self._parse(f"{iso} {rest[1:] if rest.startswith('. ') else rest}")
        if value is None and rest.strip():
            # What follows reads as no time ("September 24th, 2019 48:12", a duration): the day.
            value = self._parse(iso)
        if value is None or value.year < MIN_YEAR or value.date().isoformat() != iso:
            return None
        before = _time_before(text, m)
        if before and not _HAS_TIME_RE.search(rest[:12]):
            timed = self._parse(f"{iso} {before}")
            if timed is not None and timed.date() == value.date():
                return timed
        return value

    def cand(
        self, source: str, raw: str | None, weight: float, modified: bool = False
    ) -> _Cand | None:
        value = self.parse(raw)
        if value is None or raw is None:
            return None
        raw = raw.strip()
        return _Cand(source, raw, value, bool(_HAS_TIME_RE.search(raw)), weight, modified)


# Country domains of English-speaking places that write the day first (05/04/2022 is 5 April):
# a bare ``lang="en"`` on such a site is read as that country's English.
_DAY_FIRST_ENGLISH_TLDS = frozenset(
    {"uk", "ie", "au", "nz", "za", "in", "pk", "lk", "bd", "sg", "my", "hk", "ng", "gh"}
    | {"ke", "ug", "tz", "zm", "zw", "bw", "na", "mw", "mu", "mt", "cy", "jm", "tt", "fj"}
)


def _locale(page: Page, lang: str) -> str:
    """The page's language tag with its region when the page tells it: ``lang`` (a two-letter
    language) refined by the ``<html lang>`` tag, else ``og:locale`` / ``Content-Language``,
    else, for English, the country domain of the URL (``.co.uk``: en-GB, ``.com.au``: en-AU)."""
    for tag in (
        page.tree.get("lang") or page.tree.get("xml:lang"),
        page.meta_first("og:locale"),
        page.meta_first("content-language"),
    ):
        tag = (tag or "").strip().replace("_", "-")
        if "-" in tag and tag.lower().startswith(f"{lang}-"):
            return tag
    if lang == "en":
        country = (urlsplit(page.url).hostname or "").rsplit(".", 1)[-1].lower()
        if country in _DAY_FIRST_ENGLISH_TLDS:
            return f"en-{'GB' if country == 'uk' else country.upper()}"
    return lang


def _match_ymd(m: re.Match[str], month_first_numeric: bool) -> tuple[int, int, int] | None:
    g = m.groupdict()
    if g["y1"]:
        y, mo, d = int(g["y1"]), int(g["m1"]), int(g["d1"])
    elif g["y2"]:
        y, mo, d = int(g["y2"]), int(g["m2"]), int(g["d2"])
    elif g["y3"]:
        a, b, y = int(g["a3"]), int(g["b3"]), int(g["y3"])
        # Day first (most of the world) unless impossible, or a US English page's 05/18/2022
        # or 05-18-2022 (dots are day first everywhere).
        month_first = a <= 12 and (b > 12 or (g["s3"] in ("/", "-") and month_first_numeric))
        mo, d = (a, b) if month_first else (b, a)
    elif g["y6"]:
        y, mo, d = 2000 + int(g["y6"]), int(g["b6"]), int(g["a6"])
    elif g["y7"]:
        y, mo, d = int(g["y7"]), _MONTHS[g["mon7"].lower()], int(g["d7"])
    elif g["y9"]:
        y, mo, d = int(g["y9"]), int(g["m9"]), int(g["d9"])
    elif g["y8"]:
        y, mo, d = int(g["y8"]), _MONTHS[g["mon8"].lower()], int(g["d8"])
    elif g["y4"]:
        y, mo, d = int(g["y4"]), _MONTHS[g["mon4"].lower()], int(g["d4"])
    else:
        y, mo, d = int(g["y5"]), _MONTHS[g["mon5"].lower()], int(g["d5"])
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return y, mo, d


# --------------------------------------------------------------------------------------------
# Signal collectors
# --------------------------------------------------------------------------------------------


def _jsonld_values(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        yield str(int(value))
    elif isinstance(value, list):
        for item in value:
            yield from _jsonld_values(item)
    elif isinstance(value, dict):
        yield from _jsonld_values(value.get("@value"))


def _jsonld_cands(page: Page, ctx: _Context) -> list[_Cand]:
    """Dates of the article's own object vote most; a page object's (``WebPage``) less; those
    of related articles and of the site (its founding, its last change) not at all."""
    found: list[_Cand] = []
    own, others = jsonld.article_objects(page)
    for obj in jsonld.objects(page):
        if any(obj is o for o in own):
            published = W_JSONLD
        elif any(obj is o for o in others) or jsonld.types(obj) & jsonld.SITE_TYPES:
            published = 0.0
        else:
            published = W_JSONLD_OTHER
        for key, weight, modified in (
            ("datePublished", published, False),
            ("dateCreated", min(published, W_JSONLD_OTHER), False),
            ("uploadDate", min(published, W_JSONLD_OTHER), False),
            ("dateModified", W_MODIFIED if published else 0.0, True),
        ):
            for raw in _jsonld_values(obj.get(key)):
                if (c := ctx.cand("json-ld", raw, weight, modified)) is not None:
                    found.append(c)
    return found


def _meta_cands(page: Page, ctx: _Context) -> list[_Cand]:
    found: list[_Cand] = []
    for names, weight, modified in (
        (_META_PUBLISHED, W_META, False),
        (_META_WEAK, W_META_WEAK, False),
        (_META_MODIFIED, W_MODIFIED, True),
    ):
        for name in names:
            for raw in page.meta.get(name, ()):
                if (c := ctx.cand("meta", raw, weight, modified)) is not None:
                    found.append(c)
    # Parse.ly keeps its metadata as JSON in one tag.
    for raw in page.meta.get("parsely-page", ()):
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        pub_date = data.get("pub_date") if isinstance(data, dict) else None
        if isinstance(pub_date, str) and (c := ctx.cand("meta", pub_date, W_META)) is not None:
            found.append(c)
    return found


def _element_values(el: Any) -> Iterator[str]:
    if isinstance(el, str):  # an XPath selecting an attribute or text()
        yield str(el)
        return
    if not isinstance(el, HtmlElement):
        return
    for attr in _TIME_ATTRS:
        value = el.get(attr)
        if value and value.strip():
            yield value
    text = " ".join(el.text_content().split())
    if text:
        yield text[:200]


def _quoted(el: HtmlElement | None) -> bool:
    """Whether ``el`` stands in somebody else's post: an embedded one (a tweet, an Instagram or
    Facebook post comes as a ``<blockquote class=...>``), a cited quotation, or a reader's
    comment. A bare ``<blockquote>`` is left alone: old pages indent whole articles with it."""
    while el is not None and el.tag not in ("body", "html"):
        if el.tag == "blockquote" and (el.get("class") or el.get("cite")):
            return True
        if _COMMENTS_RE.search(el.get("class", "")) or el.get("id") == "comments":
            return True
        el = el.getparent()
    return False


def _element_cands(
    ctx: _Context, elements: Sequence[Any], source: str, weight: float
) -> list[_Cand]:
    found: list[_Cand] = []
    for el in elements:
        if source != "rule" and isinstance(el, HtmlElement) and _quoted(el):
            continue
        for raw in _element_values(el):
            if (c := ctx.cand(source, raw, weight)) is not None:
                found.append(c)
                break
    return found


# A publication time that a script-built page keeps in its state object (``window.DATA =
# {"pubtime": ...}``, ``"newsTime"``, ``"publishedAt"``), for its script to show.
_SCRIPT_DATE_RE = re.compile(
    r"""(?<![A-Za-z])["']?(?:pub_?time|pub_?date|publish(?:ed)?_?(?:time|date|at)|news_?time"""
    r"""|release_?(?:time|date)|first_?publish(?:ed)?_?(?:time|date|at)?|date_?published)"""
    r"""["']?\s*[:=]\s*["']?(?P<v>\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?"""
    r"""(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?|\d{13}|\d{10})(?![\d:])"""
    # A creation time in epoch seconds, as WeChat's article pages declare it: var ct = "…".
    r"""|(?<![\w$])var\s+ct\s*=\s*["'](?P<ct>\d{10})["']""",
    re.IGNORECASE,
)
_SCRIPT_CHARS = 200_000  # of each script: state objects open with the page's own article


def _unlisted(elements: list[Any]) -> list[Any]:
    """Dated elements but those a class marks in a listing: three or more of one shape
    (WordPress's recent posts widget gives each title a ``<span class="post-date">``). Items
    marked up as ``datePublished`` are the page's own, whatever their number."""
    listed = {
        id(el): element_shape(el)
        for el in elements
        if isinstance(el, HtmlElement) and el.get("itemprop") is None
    }
    shapes = Counter(listed.values())
    return [el for el in elements if id(el) not in listed or shapes[listed[id(el)]] < 3]


def _script_cands(page: Page, ctx: _Context) -> list[_Cand]:
    """The first publication time each inline script's state names (no weight: these fill in
    what the page shows nowhere else). JSON-LD is read as such, not here."""
    found: list[_Cand] = []
    for script in page.tree.iter("script"):
        if script.get("src") or (script.get("type") or "").lower().endswith("ld+json"):
            continue
        m = _SCRIPT_DATE_RE.search(script.text or "", 0, _SCRIPT_CHARS)
        if m is not None and (c := ctx.cand("script", m["v"] or m["ct"], 0.0)) is not None:
            found.append(c)
    return found


def _rule_cands(page: Page, ctx: _Context, selectors: Sequence[str]) -> list[_Cand]:
    # Elements, or strings when an XPath selects an attribute or text().
    return _element_cands(ctx, select_all(page.tree, selectors), "rule", W_RULE)


def _url_cands(url: str, ctx: _Context) -> list[_Cand]:
    path = unquote(url.split("#", 1)[0])
    for regex in _URL_DATE_RES:
        for m in regex.finditer(path):
            iso = f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"
            value = ctx.parse(iso)
            if value is not None:
                return [_Cand("url", m.group(), value, False, W_URL)]
    return []


# --------------------------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------------------------


class _TextDoc:
    """The visible text in document order, with the element owning each piece."""

    def __init__(self, tree: HtmlElement) -> None:
        parts: list[str] = []
        self.starts: list[int] = []
        self.lengths: list[int] = []
        self.owners: list[HtmlElement] = []
        starts, lengths, owners, size = self.starts, self.lengths, self.owners, 0

        body = tree.find("body")
        root = body if body is not None else tree
        # Broken pages (text before <html>) can end up entirely inside <head>.
        skip = _SKIP_TAGS if body is not None else _SKIP_TAGS - {"head"}
        walker = etree.iterwalk(root, events=("start", "end"))
        for event, el in walker:
            tag = el.tag if isinstance(el.tag, str) else ""
            if event == "start":
                if not tag or tag in skip:
                    walker.skip_subtree()
                    continue
                if tag in BLOCK_TAGS:
                    parts.append("\n")
                    size += 1
                text = el.text
                if text and parts and parts[-1][-1:].isalnum() and text[:1].isalnum():
                    # Inline elements set side by side by the style sheet: "<span>Episode
                    # 87</span><span>September 24th, 2019</span><span>48:12</span>".
                    parts.append(" ")
                    size += 1
                if text:
                    starts.append(size)
                    lengths.append(len(text))
                    owners.append(el)
                    parts.append(text)
                    size += len(text)
            else:
                if tag in BLOCK_TAGS:
                    parts.append("\n")
                    size += 1
                text = el.tail
                if text and el is not root:
                    parent = el.getparent()
                    if parent is not None:
                        starts.append(size)
                        lengths.append(len(text))
                        owners.append(parent)
                        parts.append(text)
                        size += len(text)
        self.text = "".join(parts)

    def piece(self, pos: int) -> tuple[int, int]:
        """Start and end of the run of text (one text node) that holds ``pos``."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i < 0:
            return 0, 0
        start = self.starts[i]
        return start, start + self.lengths[i]

    def owner(self, pos: int) -> HtmlElement | None:
        i = bisect.bisect_right(self.starts, pos) - 1
        return self.owners[i] if i >= 0 else None


def _names(el: HtmlElement) -> str:
    """Tag, class and id of ``el``, but the post status WordPress classes every post with
    (``status-publish``): that says nothing of the date inside."""
    return _POST_STATUS_RE.sub("", f"{el.tag} {el.get('class', '')} {el.get('id', '')}")


def _context_of(el: HtmlElement | None, depth: int = 4) -> tuple[str, HtmlElement | None]:
    """Tag/class/id names of ``el`` and its ancestors, and the nearest enclosing link."""
    names: list[str] = []
    link = None
    while el is not None and depth > 0:
        if isinstance(el.tag, str):
            if el.tag == "a" and link is None:
                link = el
            names.append(_names(el))
        el = el.getparent()
        depth -= 1
    return " ".join(names), link


def _is_stamp(el: HtmlElement | None, depth: int = 4) -> bool:
    """Whether the date stands in a photo's caption or credit or a live blog's entry: the
    nearest element that names either a stamp or a date decides (some sites style their
    bylines as "captions": those say "date")."""
    while el is not None and depth > 0:
        if isinstance(el.tag, str):
            names = _names(el)
            if _STAMP_CLASS_RE.search(names):
                return not _DATE_MARK_RE.search(names)
            if _DATE_MARK_RE.search(names):
                return False
        el = el.getparent()
        depth -= 1
    return False


def _marked_modified(el: HtmlElement) -> bool:
    """Whether the element's class or itemprop marks a modification date, and not also the
    publication (themes write ``class="entry-date published updated"`` for an unedited post)."""
    marks = f"{el.get('class', '')} {el.get('itemprop', '')}"
    return bool(_MODIFIED_MARK_RE.search(marks)) and not _PUBLISHED_MARK_RE.search(marks)


def _words(text: str) -> set[str]:
    return set(_WORD_RE.findall(text.lower()))


def _title_pos(page: Page, doc: _TextDoc) -> int | None:
    """Where the article's heading starts in the text: the h1-h3 most like the page title."""
    title = page.meta_first("og:title", "twitter:title") or page.tree.findtext(".//title") or ""
    title_words = _words(title)
    best: tuple[float, int] | None = None
    first_h1: int | None = None
    for pos, owner in zip(doc.starts, doc.owners, strict=True):
        if owner.tag not in _TITLE_TAGS:
            # The headline's text in an inline element of the heading: <h1><span>…</span></h1>.
            parent = owner.getparent()
            if owner.tag not in _INLINE_TAGS or parent is None or parent.tag not in _TITLE_TAGS:
                continue
            owner = parent
        text = " ".join(owner.text_content().split())
        if len(text) < 4:
            continue
        if owner.tag == "h1" and first_h1 is None:
            first_h1 = pos
        words = _words(text)
        if not words or not title_words:
            continue
        # Share of the heading's words found in the title (CJK headings are one "word").
        overlap = len(words & title_words) / len(words)
        if text in title:
            overlap = 1.0
        if overlap >= 0.6 and (best is None or overlap > best[0]):
            best = (overlap, pos)
    return best[1] if best is not None else first_h1


def _in_running_text(doc: _TextDoc, m: re.Match[str]) -> bool:
    """Whether a date stands inside a sentence of prose: one long run of text holds it, with
    words before and after it. A byline's or dateline's date is a short element of its own,
    or opens its paragraph, or closes a line it was glued to."""
    start, end = doc.piece(m.start())
    if end - start < RUNNING_LINE_CHARS:
        return False
    before = doc.text[start : m.start()].strip()
    after = doc.text[m.end() : end].strip()
    return len(before) >= RUNNING_LEAD_CHARS and len(after) >= RUNNING_LEAD_CHARS


def _short_dates(
    text: str, ctx: _Context, year: int | None
) -> Iterator[tuple[re.Match[str], datetime]]:
    """Dates with a time whose year is short or missing. ``10-08 12:00`` and ``10月08日
    12:00`` (portals leave the year out of a byline) are read in ``year``, the page's year from
    its other signals, and give nothing without one; ``22-10-08 12:00`` is read year first
    where the page's language writes dates so."""

    def near_minutes(pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        return _around(pattern, _MINUTES_RE, _MINUTES_BEFORE, _MINUTES_AFTER, text)

    found = [(m, year) for m in near_minutes(_YEARLESS_RE)] if year is not None else []
    if ctx.parser.year_first:
        found += [(m, 2000 + int(m["y"])) for m in near_minutes(_YY_MD_TIME_RE)]
    for m, y in sorted(found, key=lambda hit: hit[0].start()):
        value = ctx.parse(f"{y:04d}-{int(m['m']):02d}-{int(m['d']):02d} {m['H']}:{m['M']}")
        if value is not None:
            yield m, value


def _text_cands(page: Page, ctx: _Context, year: int | None = None) -> list[tuple[float, _Cand]]:
    """Every dated phrase of the visible text with a score: >= 3 is a credible publication date.
    ``year`` is the page's year from other signals, for dates written without one."""
    doc = _TextDoc(page.tree)
    text = doc.text
    title = _title_pos(page, doc)
    matches = []
    for m in _text_dates(text):
        value = ctx.from_match(text, m)
        if value is not None:
            matches.append((m, value, doc.owner(m.start())))
    if year is None:
        # Nothing else dates the page: the year its other full dates agree on (a listing's,
        # a footer's), for a byline that leaves it out.
        years = {value.year for _, value, _ in matches}
        year = years.pop() if len(years) == 1 else None
    for m, value in _short_dates(text, ctx, year):
        matches.append((m, value, doc.owner(m.start())))
    # Comments and embedded posts carry their own dates, never the article's.
    matches = [match for match in matches if not _quoted(match[2])]
    # Dates in elements of one repeated shape (teaser lists, comment headers) are listings.
    shapes = Counter(element_shape(owner) for _, _, owner in matches)
    scored: list[tuple[float, _Cand]] = []
    as_of: list[bool] = []
    for m, value, owner in matches:
        # Labels are often in the element before the date (<dt>, <span class=label>).
        before = " ".join(text[max(0, m.start() - 40) : m.start()].split()) + " "
        # A weekday between the label and its date: "Posted Wednesday, February 12, 2025".
        before = _WEEKDAY_END_RE.sub(" ", before)
        after = text[m.end() : m.end() + 40].split("\n")[0]
        # A date ending its line: its time may stand in the next element, on a line of its own
        # ("<span>01/14</span> <span>10:21:33</span>").
        timed = after
        if not after.strip():
            following = " ".join(text[m.end() : m.end() + 40].split())
            if leading := _LEADING_TIME_RE.match(following):
                timed = " " + leading.group()
        classes, link = _context_of(owner)
        score = 0.0
        if shapes[element_shape(owner)] >= 3:
            score -= 2
        if _PUB_LABEL_RE.search(before) or _PUB_AFTER_RE.match(after):
            score += 4
        if (
            _NOISE_BEFORE_RE.search(before)
            or _PROFILE_LABEL_RE.search(before)
            or _TODAY_LABEL_RE.search(before)
        ):
            score -= 6
        if _DATE_CLASS_RE.search(classes):
            score += 2
        if _NOISE_CLASS_RE.search(classes):
            score -= 3
        if _is_stamp(owner):
            score -= 6
        if link is not None and len(link.text_content().strip()) > len(m.group()) + 20:
            score -= 2  # a teaser link: a headline with its date
        if _in_running_text(doc, m):
            score -= 4  # "... met on 5 March 2022 in Rio ...": an event, not the article's date
        if title is not None:
            dist = m.start() - title
            if 0 <= dist <= 1500:
                score += 3 - dist / 1000
                start, end = doc.piece(m.start())
                if dist <= DATELINE_DIST and end - start <= DATELINE_PIECE_CHARS:
                    score += 1  # a dateline of its own right under the headline
            elif -300 <= dist < 0:
                score += 1
        modified = bool(
            _UPD_LABEL_RE.search(before)
            or _UPD_AFTER_RE.match(after)
            # <time class="updated" itemprop="dateModified">, which a theme may hide.
            or (owner is not None and _marked_modified(owner))
        )
        # The raw value is the date and its time, not the labels that follow on the line.
        raw = (m.group() + _RAW_END_RE.split(timed, maxsplit=1)[0]).strip()
        has_time = bool(_HAS_TIME_RE.search(m.group() + timed.strip()[:10]))
        if not has_time and (time_before := _time_before(text, m)):
            raw, has_time = f"{time_before} {raw}", True
        weight = 0.0 if modified else min(max(score, 0) / 2, W_TEXT_MAX)
        scored.append((score, _Cand("text", raw, value, has_time, weight, modified)))
        as_of.append(bool(_AS_OF_LABEL_RE.search(before)))
    # "Stand: …" dates the version shown: the first publication where the page shows no other
    # date as a dateline would be (AS_OF_RIVAL_SCORE), an update where it does.
    rivals = zip(scored, as_of, strict=True)
    if any(s >= AS_OF_RIVAL_SCORE and not a and not c.modified for (s, c), a in rivals):
        scored = [
            (s, replace(c, weight=0.0, modified=True) if a else c)
            for (s, c), a in zip(scored, as_of, strict=True)
        ]
    return scored


# --------------------------------------------------------------------------------------------
# Choice
# --------------------------------------------------------------------------------------------


def _fmt(value: datetime) -> str:
    return value.date().isoformat()


def _localise(cands: list[_Cand], tz: tzinfo) -> list[_Cand]:
    """Show a UTC value in the page's own offset: the one another signal gives the same instant
    with, else the source zone's. The page's readers see (and the label says) the local day.

    A wall time without an offset (read in ``tz``) takes the offset the page gives elsewhere:
    that of a signal with the same wall-clock minute, else the page's most common one."""
    local = [c for c in cands if c.has_time and c.value.utcoffset() and c.value.tzinfo is not tz]
    offsets = Counter(c.value.utcoffset() for c in local)
    out: list[_Cand] = []
    for c in cands:
        if c.has_time and c.value.tzinfo is tz and offsets:
            wall = c.value.replace(tzinfo=None, second=0, microsecond=0)
            offset = next(
                (
                    o.value.utcoffset()
                    for o in local
                    if o.value.replace(tzinfo=None, second=0, microsecond=0) == wall
                ),
                offsets.most_common(1)[0][0],
            )
            if offset is not None and offset != c.value.utcoffset():
                value = c.value.replace(tzinfo=fixed_timezone(offset))
                c = _Cand(c.source, c.raw, value, True, c.weight, c.modified)
        elif c.has_time and c.value.utcoffset() == timedelta(0):
            zone = next(
                (o.value.tzinfo for o in local if abs(o.value - c.value) <= timedelta(minutes=1)),
                tz,
            )
            value = c.value.astimezone(zone)
            if value.utcoffset():
                c = _Cand(c.source, c.raw, value, True, c.weight, c.modified)
        out.append(c)
    return out


def _minute_of(value: datetime) -> datetime:
    """The wall-clock minute: signals that show the same minute with different offsets
    disagree on the zone, not on the minute; the strongest of them then sets the offset."""
    return value.replace(tzinfo=None, second=0, microsecond=0)


def _choose(cands: list[_Cand]) -> _Cand | None:
    # One vote per kind of signal, its first value: later <time> elements or dated lines are
    # mostly comments, teasers and listings, which must not outvote the article's own date.
    voters: dict[tuple[str, float], _Cand] = {}
    for c in cands:
        if c.weight > 0 and not c.modified:
            voters.setdefault((c.source, 0.0 if c.source == "text" else c.weight), c)
    votes: dict[Any, float] = {}
    top: dict[Any, float] = {}
    # Weightless and update signals were left out above: every voter counts.
    for c in voters.values():
        day = c.value.date()
        votes[day] = votes.get(day, 0.0) + c.weight
        top[day] = max(top.get(day, 0.0), c.weight)
    if votes:
        # Most weight; then the strongest single signal; then the earliest day (a later one
        # is more often a revision than the first publication).
        day = max(votes, key=lambda d: (votes[d], top[d], -d.toordinal()))
        same_day = [c for c in cands if c.value.date() == day and not c.modified]
        timed = [c for c in same_day if c.has_time]
        if not timed:
            return max(same_day, key=lambda c: c.weight)
        # Among signals for the day, those that have a time are the most precise. Their
        # minutes vote, each kind of signal once per minute (a listing's many <time> elements
        # count as one), so that two kinds agreeing on the minute (a byline and a create-time
        # tag) outvote one stamped later (a CMS's save time).
        by_kind: dict[tuple[datetime, str], float] = {}
        for c in timed:
            key = (_minute_of(c.value), c.source)
            by_kind[key] = max(by_kind.get(key, 0.0), c.weight)
        minute_votes: dict[datetime, float] = {}
        for (minute, _), weight in by_kind.items():
            minute_votes[minute] = minute_votes.get(minute, 0.0) + weight
        return max(timed, key=lambda c: (minute_votes[_minute_of(c.value)], c.weight))
    modified = [c for c in cands if c.modified]
    if modified:
        return max(modified, key=lambda c: c.weight)
    return None


def _shown_revision(texts: list[tuple[float, _Cand]], structured: list[_Cand]) -> _Cand | None:
    """The date the page shows by its title, when its structured modification date confirms it.

    Republished and revised articles keep the first ``datePublished`` in their metadata but show
    readers the revision date, which ``dateModified`` confirms: the page is dated as shown. A
    visible date labelled as an update counts only when no other date is shown by the title.
    """
    credible = [c for score, c in texts if score >= 3]
    shown = next((c for c in credible if not c.modified), credible[0] if credible else None)
    if shown is None:
        return None
    revised = {c.value.date() for c in structured if c.modified}
    return shown if shown.value.date() in revised else None


def _shown_first_publication(best: _Cand, texts: list[tuple[float, _Cand]]) -> _Cand | None:
    """The publication the page shows, where its structured publication date is the day the
    page shows as its update ("Updated 14/06" beside "Published 12/06"): a CMS that stamped
    the edit as the publication. The shown date must be labelled, near the headline
    (:data:`SHOWN_PUBLICATION_SCORE`), and earlier."""
    day = best.value.date()
    if not any(c.modified and c.value.date() == day for score, c in texts if score >= 3):
        return None
    return next(
        (
            c
            for score, c in texts
            if score >= SHOWN_PUBLICATION_SCORE and not c.modified and c.value.date() < day
        ),
        None,
    )


def _page_kind_date(
    page: Page, structured: list[_Cand], texts: list[tuple[float, _Cand]]
) -> _Cand | None:
    """The date of the page kinds the vote gets wrong: front pages and revised articles."""
    if not any(c.weight and not c.modified for c in structured):
        url = urlsplit(page.url or "")
        if not url.query and _FRONT_PAGE_RE.fullmatch(url.path):
            # A front page has no date of its own: it is as recent as its newest timed item.
            timed = [c for _, c in texts if c.has_time and not c.modified]
            if timed:
                return max(timed, key=lambda c: c.value)
    return _shown_revision(texts, structured)


def _page_year(url: str, structured: list[_Cand]) -> int | None:
    """The year the page's URL (``/2019/``, ``/201910/``) or else its structured signals give,
    for dates shown without one; None when they give none or disagree."""
    path = unquote(urlsplit(url).path)
    years = [int(m["y"]) for m in _URL_YEAR_RE.finditer(path)]
    years = years or [c.value.year for c in structured if c.weight or c.modified]
    return years[0] if len(set(years)) == 1 else None


def _timed_alike(
    best: _Cand, texts: list[tuple[float, _Cand]], cands: list[_Cand], tz: tzinfo
) -> _Cand:
    """``best`` (a day without a time) or, when the page shows the same day with a time in a
    line nothing marks as something else's (a byline, a dateline, an unmarked line under a
    headline in a table cell: a score of 0 or more; not a listing or a footer), that line: a
    meta tag or URL with the day alone must not lose the minute the readers see."""
    day = best.value.date()
    for score, c in texts:
        if score >= 0 and c.has_time and not c.modified and c.value.date() == day:
            return _localise([*cands, c], tz)[-1]
    return best


def find_published(
    page: Page,
    *,
    timezone: str = "Asia/Shanghai",
    now: datetime | None = None,
    selectors: Sequence[str] | None = None,
    hints: Mapping[str, datetime] | None = None,
) -> DateFinding:
    """The page's publication date, where it came from, and the signals that disagree."""
    ctx = _Context(page, timezone, now)
    structured = (
        (_rule_cands(page, ctx, selectors) if selectors else [])
        + _jsonld_cands(page, ctx)
        + _meta_cands(page, ctx)
        + _element_cands(ctx, _unlisted(_PUBLISHED_ELEMENTS_XPATH(page.tree)), "time", W_ELEMENT)
        + _element_cands(ctx, _TIME_ELEMENTS_XPATH(page.tree)[:3], "time", W_TIME)
        + _url_cands(page.url or "", ctx)
    )
    year = _page_year(page.url or "", structured)
    texts = sorted(_text_cands(page, ctx, year), key=lambda sc: -sc[0])
    # A site rule that matched decides alone; other signals are kept for cross-checks.
    rule = [c for c in structured if c.source == "rule"]
    cands = _localise(structured + [c for s, c in texts if s >= 3 or c.modified], ctx.parser.tz)
    best = _choose(rule) or _choose(cands)
    special = None if rule else _page_kind_date(page, structured, texts)
    if special is not None and (best is None or best.value.date() != special.value.date()):
        best = special
    elif best is not None and not rule and best.source != "text":
        best = _shown_first_publication(best, texts) or best
    if best is not None and best.modified:
        # Only an update is credible ("Last edited … on Jun 09"): the publication came before
        # it, the best placed earlier date on the page (the thread's first post above it),
        # within a year (an encyclopedia's sources cited years before date no version of it).
        update = best.value
        best = next(
            (
                c
                for s, c in texts
                if s > 0 and not c.modified and update - EDIT_WINDOW <= c.value <= update
            ),
            best,
        )
    if best is None:
        # The time a script-built page keeps for its script to show; else any date on the
        # page, best placed first.
        best = next(iter(_script_cands(page, ctx)), None)
        if best is None and texts:
            best = texts[0][1]
    elif not best.has_time:
        best = _timed_alike(best, texts, cands, ctx.parser.tz)
        if not best.has_time:
            day = best.value.date()
            best = next(
                (c for c in _script_cands(page, ctx) if c.has_time and c.value.date() == day),
                best,
            )

    hint_items = sorted(
        ((k, v) for k, v in (hints or {}).items() if isinstance(v, datetime) and v.tzinfo),
        key=lambda kv: HINT_KEYS.index(kv[0]) if kv[0] in HINT_KEYS else len(HINT_KEYS),
    )
    hint_cands = [
        _Cand(k, v.isoformat(), v, True, 0.0) for k, v in hint_items if v.year >= MIN_YEAR
    ]
    if best is None and hint_cands:
        best = hint_cands[0]

    conflicts: list[str] = []
    if best is not None:
        seen = {best.source}
        for c in sorted(cands + hint_cands, key=lambda c: -c.weight):
            if c.source in seen or c.modified:
                continue
            seen.add(c.source)
            if abs(c.value - best.value) > _DAY:
                conflicts.append(f"{best.source} {_fmt(best.value)} vs {c.source} {_fmt(c.value)}")

    candidates = list(dict.fromkeys((c.source, c.value) for c in cands + hint_cands))
    if best is None:
        return DateFinding(None, None, None, conflicts, candidates)
    return DateFinding(best.value, best.raw, best.source, conflicts, candidates)
