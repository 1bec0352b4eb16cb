"""Title, media (publisher), authors and language of a parsed page."""

from __future__ import annotations

import copy
import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from newsbot.extract import jsonld
from newsbot.extract.hanzi import either_script
from newsbot.extract.page import DATE_LABELS, Page, element_shape, text_nodes, text_pieces
from newsbot.extract.rules import select_all

__all__ = ["detect_lang", "extract_authors", "extract_media", "extract_title", "split_title"]

SPACE_RE = re.compile(r"\s+")
INLINE_SPACE_RE = re.compile(r"[^\S\n]+")
# Separators between a headline and the site name. "-" only with spaces around ("COVID-19");
# "_" is the Chinese CMS habit (标题_右江日报) and needs no spaces.
TITLE_SEP_RE = re.compile(r"\s+[-|–—:·•»]\s+|\s*[_｜|]+\s*|\s*-{2,}\s*|\s*——\s*")
# "来源：X", or a label alone in its element with the value in the next one ("来源" | "X");
# not a picture's, a video's or the figures' source (图片来源, 视频来源, 数据来源, 资料来源).
SOURCE_RE = re.compile(
    either_script(
        r"(?<![片像图频据料])(?:来源|稿源|出处)\s*[：:]\s*([^\s　|/，,。<>=\"'）)】\]]{2,24})|"
        r"^\s*(?:来源|稿源|出处)\s*\n\s*([^\s　|/，,。<>=\"'）)】\]]{2,24})\s*$"
    ),
    re.MULTILINE,
)
# A label after a byline's names on the same line ("日期：", "来源："): no name.
CN_NEXT_LABEL = r"[\u4e00-\u9fff]{2,4}\s*[：:]"
# Characters that open a clause after 记者 ("记者从…获悉", "记者近日走访", "记者了解到") and are
# no one's surname.
CN_NOT_NAME_START = (
    r"[从在近日今昨获了走对跟随与进深实调观再前率特这那"
    r"每也还就刚又均共问询注看采发第一多先专都致拨]"
)
# 作者：/采写：/文/ bylines; an outlet and role before the names ("某某报见习记者") is skipped.
CN_AUTHOR_RE = re.compile(
    either_script(
        # (Not a word ending so: 工作者, 创作者, 写作者, 合作者 are workers, not writers; a
        # forum's "只看该作者" button is no label.)
        r"(?:(?<![工创写合该])作者|撰文|撰稿|采写|(?:^|(?<=[\s（(【\[：:]))文)"
        r"(?:\s*[：:/|｜]\s*|[ 　]+|\s*\n\s*(?=\S+\n))"
        r"(?:[\u4e00-\u9fff]{0,8}?(?:记者|通讯员)\s*)?"
        # (Names, not the next label on the line: "作者：张三　日期：…".)
        r"([\u4e00-\u9fff·]{2,8}(?:[ 　、,，](?!" + CN_NEXT_LABEL + r")[\u4e00-\u9fff·]{2,4}){0,3})"
    ),
    re.MULTILINE,
)
CN_REPORTER_RE = re.compile(
    # A byline starts a line or puts a space/colon after 记者; "向本报记者介绍" is a clause.
    either_script(
        # "告诉记者：" quotes what follows, "，记者接触的" is prose: a byline opens a line or a
        # bracket, or puts a colon or a space after 记者.
        # (Also after a paper's "讯", its dispatch mark: "南都讯 记者黄颖 实习生叶子".)
        r"(?:(?:^|(?<=[（(【〔\[讯訊])|(?<=[讯訊] ))(?:本报|实习|特约)?记者\s*[：:/]?\s*|"
        r"(?<=[\s，,])(?:本报|实习|特约)?记者\s*[：:]\s*|记者\s+|"
        # "新华社记者张三、李四": an agency's reporters, named right after 记者.
        r"(?:^|(?<=[\s，,（(]))(?:新华社|中新社|本报)记者(?=[\u4e00-\u9fff])|"
        # "全媒体记者张宁报道：": a newsroom's reporter, the name closed by 报道 and a colon.
        r"(?<=[\u4e00-\u9fff】])记者(?=[\u4e00-\u9fff]{2,3}报[道导][：:]))"
        # (A photographer's credit, "记者 张三 摄", names no writer.)
        # (But "记者 何雨 摄影 王强" names the reporter before the photographer.)
        r"(?![\u4e00-\u9fff]{2,4}\s*摄(?![影像]))"
        # (Nor is "记者从警方了解到" a byline: a verb or preposition starts no name.)
        r"(?!" + CN_NOT_NAME_START + r")"
        # (An intern or correspondent after the reporter: "记者黄颖 实习生叶子".)
        # (Each further name ends its run: "记者 张三 今年第5号台风" names 张三 alone.)
        r"([\u4e00-\u9fff]{2,4}(?:[ 　、](?!" + CN_NEXT_LABEL + r")(?:实习生|通讯员)?"
        r"[\u4e00-\u9fff]{2,4}(?![\u4e00-\u9fff\d])){0,3})"
    ),
    re.MULTILINE,
)
BY_RE = re.compile(
    r"^\s*(?:(?:by|written by|posted by|words by|story by|von|par|por|av|af|door|di)(?:\s*:)?\s+|"
    r"(?:autor(?:in|en)?|authors?|auteurs?|autore|autori|text|texto)\s*:(?!innen\b)\s*)(.+)$",
    re.IGNORECASE,
)
# A byline that credits its source: an agency ("Fuente: EFE", "Quelle: dpa") is the author;
# anyone else so credited gave a picture or a press release ("Quelle: Lutz Roeßler").
SOURCE_CREDIT_RE = re.compile(r"^\s*(?:fuente|quelle|fonte|źródło)\s*:\s*(.+)$", re.IGNORECASE)
EN_NAME_RE = re.compile(r"^[A-Z][\w'’.\-]+(?:\s+(?:de|van|von|da|del|la|le|[A-Z][\w'’.\-]*)){1,4}$")
AUTHOR_SPLIT_RE = re.compile(
    # "A, B, and C": the serial comma's conjunction goes with the comma.
    r"\s*(?:,|，|、|;|；|&|\||/)\s*(?:(?:and|And|und|og|och|et|y|e|i|ja|és|ve|и)\s+)?|"
    r"\s+(?:and|And|und|og|och|et|en|y|e|i|ja|és|ve|и)\s+"
)
# A line that is a byline alone, closing the article: "记者 / 张扬 许明".
CN_REPORTER_LINE_RE = re.compile(
    either_script(
        r"^[ \t　]*(?:本报|本台)?(?:见习|实习|特约|首席)?记者\s*[：:/｜|]?\s*"
        r"([\u4e00-\u9fff·]{2,4}(?:[ 　、,，]+[\u4e00-\u9fff·]{2,4}){0,3})[ \t　]*$"
    ),
    re.MULTILINE,
)
CN_SPLIT_RE = re.compile(r"[\s　、,，]+")
# A Chinese byline value: a label or a role, then names apart by spaces ("本报记者 王远 陈晨",
# "作者：王远 陈晨", "王远 陈晨"), each maybe with its role ("记者 王远 通讯员 陈晨").
CN_BYLINE_NAMES_RE = re.compile(
    either_script(
        r"^(?:(?:作者|撰文|采写|报道|文)\s*[：:/]\s*)?"
        r"(?:(?:本报|本台|本刊|见习|实习|特约|首席)*(?:记者|通讯员)\s*[：:]?\s*)?"
        r"([\u4e00-\u9fff·]{2,4}(?:[ 　]+[\u4e00-\u9fff·]{2,4})*)$"
    )
)
# Co-authors in one structured value: "Jane Doe and John Smith", "张三、李四" (not commas: a
# role or affiliation follows a comma as often as another name).
CO_AUTHOR_RE = re.compile(
    r"\s*[、，&]\s*|\s+(?:and|und|og|och|et|en|y|e|i|ja|és|ve|и)\s+", re.IGNORECASE
)
# An agency's dateline opening the story: "新华社北京5月18日电", "WASHINGTON (AP) —",
# "BERLIN (dpa) -", "(Reuters) -".
DATELINE_AGENCY_RE = re.compile(
    either_script(
        r"(?:^|\n)\W{0,3}(新华社|中新社|中国新闻社)[^\n，。]{0,16}?电|"
        r"(?:^|\n)\W{0,3}(?:[A-Z][\w.'/-]*(?:[ ,]+[A-Z][\w.'/-]*){0,3} ?)?"
        r"\((AP|Reuters|AFP|dpa|DPA|AFP/dpa|ANSA|EFE|PTI|IANS)\)\s*[—–-]"
    )
)
CN_AGENCY_REPORTER_RE = re.compile(
    either_script(
        r"(?:新华社|中新社|中国新闻社|中央社|中通社|本报)记者\s*"
        r"([\u4e00-\u9fff·、 ]{4,40}?)\s*(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日电"
    )
)
JA_DATELINE_RE = re.compile(
    r"【[^＝】\s]{1,12}＝([\u3400-\u9fff\u3040-\u30ff]{2,8}(?:、[\u3400-\u9fff\u3040-\u30ff]{2,8}){0,3})】"
)
# A Japanese paper's reporter closing a paragraph: "…と話した。【佐藤晴香】" (not a label:
# 【関連記事】, 【写真特集】).
JA_REPORTER_TAG_RE = re.compile(
    r"。【(?!関連|写真|動画|速報|詳報|解説|特集|社説|号外|図|表)"
    r"([\u4e00-\u9fff\u3040-\u30ff]{2,8}(?:、[\u4e00-\u9fff\u3040-\u30ff]{2,8}){0,3})】\s*$",
    re.MULTILINE,
)
CN_NAME_RE = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")
# Most Chinese names are two or three characters; four, with a two-character surname.
CN_NAME_CHARS = 3
CN_COMPOUND_SURNAME_RE = re.compile(
    r"^(?:欧阳|歐陽|司马|司馬|上官|诸葛|諸葛|东方|東方|皇甫|尉迟|尉遲|公孙|公孫|慕容|令狐|长孙|長孫|"
    r"宇文|司徒|夏侯|轩辕|軒轅|端木|独孤|獨孤|南宫|南宮|西门|西門|申屠|百里|呼延|澹台|钟离|鍾離|"
    r"赫连|赫連)"
)
CN_ROLE_RE = re.compile(either_script(r"^(?:本报|实习|见习|特约|首席)?(?:记者|通讯员|编辑|实习生)"))
# Editing credits after the writers on a byline line ("记者 张三 编辑 王五"): no authors.
CN_STAFF_RE = re.compile(
    either_script(r"责任编辑|责编|编辑|编审|美编|校对|审核|审校|终审|监制|统筹|摄影|摄像")
)
# A label crediting the editing, right before a name: "【编辑:张子怡】", "责任编辑：王五",
# "Edited by Jane Doe". A meta author the page credits so is an editor, not the writer.
EDITOR_LABEL = either_script(r"(?:责任编辑|责编|编辑)\s*[:：/|｜]?\s*|\b[Ee]dited by\s+")
WRITER_LABEL = either_script(r"记者|作者|文|(?<![Ee]dited )\b[Bb]y")
# Not people: outlets, agencies and placeholders that bylines and author meta tags carry.
CN_ORG_RE = re.compile(
    either_script(
        r"(?:报|网|网络|社|台|刊|新闻|消息|日报|晚报|早报|周刊|杂志|客户端|传媒|集团|中心|APP|app|公众号|出品)$"
    )
)
EN_ORG_RE = re.compile(
    r"\b(?:publishers?|press|news|media|inc|ltd|llc|plc|gmbh|ag|kg|s\.?a|magazine|network|"
    r"newsroom|newswire)\.?$|"
    # A newsroom named for its region or desk: "BBC News Wales", "Albion News Digital".
    r"\bnews\b",
    re.IGNORECASE,
)
NEWS_DESK_RE = re.compile(r"\bnews (?:services?|agency|desk)\b|\bwire services?\b", re.IGNORECASE)
# A newsroom's credit ("Gazette Staff", "N-Land Redaktion", "PETA-Team"): no person, so a
# byline that names one comes first; the credit itself when nothing does.
STAFF_RE = re.compile(
    r"(?:\b|-)(?:staff|desk|team|redaktion|rédaction|redazione|redacción|redactie)$", re.IGNORECASE
)
AGENCY_RE = re.compile(
    either_script(
        r"^(?:the )?(?:associated press|ap|reuters|afp|agence france[- ]presse|bloomberg(?: news)?|"
        r"upi|dpa|efe|ansa|xinhua|kyodo|tass|pti|ians|cnn|bbc(?: news)?|npr|apa|kna|epd|sda|"
        r"keystone-sda|anp|belga|ntb|ritzau|pap|ctk|čtk|mti|agenturen|agencies|agencias|agences|"
        r"新华社|中新社|中国新闻社|共同社|法新社|路透社|美联社|"
        r"staff(?: reports?| writers?)?|wire (?:services?|reports?)|news (?:services?|wires?)|"
        r"news desk|web desk|editorial (?:staff|board))$"
    ),
    re.IGNORECASE,
)
PLACEHOLDER_RE = re.compile(
    either_script(
        r"^(?:网络整理|网络|佚名|未知|匿名|本站|本网|小编|综合|整理|编辑部|网友|管理员|系统管理员|"
        r"(?:作者|记者|撰文|采写|文字?)\s*[：:]?|"
        r"admin|administrator|unknown|anonymous|guest|editor|editors|autor[*:_]innen|"
        r"autor|autorin|autoren|author|authors|auteur|auteurs|autore|autori|redaktion|"
        r"by|written by|posted by|words by|von|par|por|"
        # A byline box's buttons and labels: no one's name.
        r"(?:text|font)[ -]?size|print|share|save|listen|bookmark|e-?mail|comments?|follow|"
        r"subscribe|artikel|article|"
        r"redacción|redazione|rédaction|"
        # A date's label in the byline box: "Publisert", "Uppdaterad", "Aktualisiert".
        rf"published|updated|posted|{DATE_LABELS})$|"
        # Who built the site: "Developed By Heba Musa", "Designed by Studio X".
        r"^(?:developed|designed|powered|created|coded|hosted) by\b"
    ),
    re.IGNORECASE,
)
# A number on its own (a date, a count); digits inside a word ("BR24") are names.
LONE_NUMBER_RE = re.compile(r"(?<![^\W_])\d+(?![^\W_])")
# A date or time in a byline piece: "2025年01月22日 12時00分 公開", "12.03.2025".
DATE_PIECE_RE = re.compile(
    either_script(r"\d\s*[年月日时点分]|\d[:：]\d{2}|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")
)
SLUG_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)+$")
# Editors' initials and desk codes: "red", "lsw", "J.D."
INITIALS_RE = re.compile(r"^(?:[a-zäöüß]{1,4}|(?:[A-Za-z]\.\s?){1,3})$")
ACRONYM_RE = re.compile(r"^[A-Z]{2,5}$")
CREDIT_RE = re.compile(
    either_script(
        r"\b(?:photos?|fotos?|bild|images?|getty|imago|shutterstock|pictures?|illustrations?|"
        r"grafik|credits?|picture-alliance)\b|图片|摄影|供图|视觉中国"
    ),
    re.IGNORECASE,
)
CN_LABEL_RE = re.compile(
    either_script(
        r"点击|浏览|阅读|来源|编辑|责编|字号|分享|评论|打印|关闭|报道|报导|发布|更新|关注|帐号|账号"
    )
)
CN_ROLES = ("记者", "記者", "通讯员", "通訊員", "编辑", "編輯")
TIME_PREFIX_RE = re.compile(r"^\s*(?:[日号]\s*)?(?:\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?\s*")
SOURCE_LABEL_RE = re.compile(either_script(r"^\s*(?:来源|稿源|出处)\s*[：:]?\s*"))
# A paper's dispatch mark in a byline's place: "（北京综合讯）", "本报讯".
CN_DISPATCH_MARK_RE = re.compile(either_script(r"^[\u4e00-\u9fff]{2,6}讯$"))
# "张三发自北京", "张三报道": the dispatch after a reporter's name.
CN_DISPATCH_RE = re.compile(either_script(r"(?:发自|报道|報導|摄).*$"))
CJK_PAIR_RE = re.compile(r"^[\u4e00-\u9fff]\s+[\u4e00-\u9fff]$")
HIDDEN_RE = re.compile(r"visually-?hidden|sr-only|screen-?reader", re.I)
# A badge in a heading: "原创", "独家", "LIVE", "Exclusive", "视频".
BADGE_CLASS_RE = re.compile(r"(?:^|[\s_-])(?:badge|tag|flag|icon|label)(?:$|[\s_-])", re.I)
BADGE_CHARS = 10
WRITTEN_BY_RE = re.compile(r"^\s*(?:written by|author|autor|auteur|verfasst von|von|by)\s*$", re.I)
ARTICLE_END_RE = re.compile(
    either_script(
        r"^\W{0,3}(?:责任编辑|责编|相关(?:新闻|文章|阅读|推荐|报道)|推荐阅读|延伸阅读|热门|版权|"
        r"copyright|©)"
    ),
    re.MULTILINE | re.IGNORECASE,
)
# Korean and Japanese bylines name the role after the name: "박준석 기자", "山田太郎記者";
# structured data writes it so too.
KR_JA_ROLE = r"(?<=\S)\s?(?:객원기자|기자|특파원|記者|特派員)"
AUTHOR_NOISE_RE = re.compile(
    r"\s*(?:[-–—|,]\s*)?(?:\d{1,2}/\d{1,2}/\d{2,4}.*|updated.*|published.*|staff writer.*|"
    r"reporter$|correspondent$|contributor$|\bat\b.*|\bfor\b.*|"
    rf"{KR_JA_ROLE})$",
    re.IGNORECASE,
)
KR_JA_ROLE_RE = re.compile(f"{KR_JA_ROLE}$")
# A byline's line or part that is only the writer's role: "Political Correspondent", "Senior
# Reporter" (without this, "Political" would be left as a name).
ROLE_PHRASE_RE = re.compile(
    r"^(?:[A-Z][\w&-]*\s+){0,3}(?:reporter|correspondent|contributor|editor|writer|columnist"
    r"|journalist|producer|analyst)s?$",
    re.IGNORECASE,
)
KR_OUTLET_RE = re.compile(
    r"^\(?[\w\s]{0,12}=[\uac00-\ud7a3\w\s]{1,12}\)\s*|^[\uac00-\ud7a3\w]{1,12}=(?=[\uac00-\ud7a3])"
)
URLISH_RE = re.compile(r"^(?:https?:|www\.|/)|\.\w{2,4}/|@", re.IGNORECASE)
CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
WORD_RE = re.compile(r"\w")
META_AUTHOR = (
    "author",
    "article:author",
    "dc.creator",
    "dc.creator.author",
    "citation_author",
    "byl",
    "parsely-author",
    "sailthru.author",
    "twitter:creator",
)
# Dublin Core and scholarly citation tags write each name surname first: "Brazil, Rachel".
SURNAME_FIRST_META = frozenset({"dc.creator", "dc.creator.author", "citation_author"})
SURNAME_FIRST_RE = re.compile(r"^([^\W\d][\w'’\-]*(?: [^\W\d][\w'’\-]*)?), ([^\W\d][\w'’.\-]*)$")
# Lower-case words a name may hold ("Ludwig van Beethoven", "Ana de la Cruz", "Ibn al-Haytham").
NAME_PARTICLES = frozenset(
    {
        "al", "bin", "da", "das", "de", "degli", "del", "della", "der", "di", "do", "dos", "du",
        "el", "ibn", "la", "le", "lo", "van", "vom", "von", "y", "zu",
    }
)  # fmt: skip
USER_NAME_RE = re.compile(r"^\w+\.\w+$")
# Most precise first: explicit author markup, then byline containers.
# Byline elements, most precise first (each as ``//*[...]`` would select them).
AUTHOR_CLASS_PARTS = (
    "author-name",
    "authorName",
    "article-author",
    "authors",
    "authorline",
    # A theme's byline in its post meta line ("jeg_meta_author", "entry-meta-author").
    "meta-author",
    "meta_author",
    # The reporter's name where a site calls its writers so (Naver: "journalist_name").
    "journalist_name",
    "journalist-name",
    "reporter-name",
    "reporter_name",
    "writer-name",
    "writer_name",
)
BYLINE_TESTS: tuple[Callable[[HtmlElement], bool], ...] = (
    lambda el: el.get("rel") == "author" or el.get("itemprop") == "author",
    lambda el: (
        (cls := el.get("class") or "") == "author" or any(p in cls for p in AUTHOR_CLASS_PARTS)
    ),
    lambda el: any(
        "byline" in (el.get(attr) or "").lower() for attr in ("class", "id", "data-testid")
    ),
)
HEADING_XPATH = etree.XPath("//h1")
ANY_HEADING_XPATH = etree.XPath("//h1|//h2|//h3|//h4|//h5|//h6")
# The dateline starts within this many characters of the headline.
DATELINE_CHARS = 250
# A date right under a heading marks it as the article's headline (dateline under the title).
DATE_NEAR_RE = re.compile(
    either_script(
        r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|"
        r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}\b"
    ),
    re.IGNORECASE,
)
# What a dateline says beside its date (a listing's date stands alone).
DATELINE_LABEL_RE = re.compile(
    either_script(r"发布|时间|日期|来源|作者|编辑|浏览|点击|阅读|\b(?:[Pp]osted|[Pp]ublished)\b")
)
MAX_DATED_LINE_CHARS = 100  # a headline above a dateline, not a paragraph
TITLE_SEPARATORS = "-_|｜–—:：·•»ㅣ"
# How the names of Chinese sites and outlets end: 某某网, 某某县人民政府, 某某门户网站, 某某日报.
CN_SITE_END_RE = re.compile(
    either_script(r"(?:网|网站|政府|门户|官网|频道|报|刊|电视台|电台|电子版|平台|客户端)$")
)
# What portals put around a headline in the <title>: brackets, a "(组图)" (photos) mark.
TITLE_DECOR_RE = re.compile(
    either_script(
        r"^【|】(?=\s*[-_|｜–—])|[（(](?:高清)?(?:组图|多图|图文|图|视频|附视频|附图)[)）]"
    )
)
TITLE_JOIN_RE = re.compile(rf"^\s*[{TITLE_SEPARATORS}]")
# The parts of a heading that hold a kicker, a headline or a subtitle.
HEADING_PART_TAGS = frozenset({"span", "small", "div", "p", "strong", "b", "em", "i", "a"})
# A kicker that already ends as a label does ("Exklusiv:", "Live -").
TITLE_END_RE = re.compile(rf"[{TITLE_SEPARATORS}.!?]\s*$")
KEY_WORD_RE = re.compile(r"[^\W_]+")
# A section label before a headline: "Section | Headline", "栏目_标题".
# What ends a label before a headline: a separator, or the whole label is a tag in brackets
# ("【民生】").
LABEL_SEP_RE = re.compile(r"\s*(?:[|｜_]|^【[^】]{1,8}】)\s*$")
CLOSING = "\"'“”‘’»«」』)]）】"
OPENING = "\"'“”„‘’«»「『([（【 "
# Two headlines shorter than this (in comparison form) are only kin when equal.
MIN_KIN_CHARS = 12
MIN_HEADLINE_CJK, MIN_HEADLINE_CHARS = 8, 15
# Headings that copy the title for search engines or navigation, not the article's headline.
NOISE_HEADING_RE = re.compile(
    r"breadcrumb|seo-?title|sr-only|visually-?hidden|logo|site-?(?:title|name|slogan)|tagline",
    re.I,
)
# Elements whose text is no page text (``//text()`` without these ancestors).
TEXT_SKIP_TAGS = frozenset({"script", "style", "noscript", "title"})
BY_TEXT_RE = re.compile(r"\bBy +([A-Z][\w'’.\-]+(?: +[A-Z][\w'’.\-]+){1,3})")
# A person's page: /author/jane-doe, /autoren/max-muster, /journalist/ola-nordmann.
PERSON_LINK_RE = re.compile(
    r"/(?:authors?|autor(?:in|en)?|auteurs?|autore|autori|journalist(?:en|er)?)/[^/?#\s]+",
    re.IGNORECASE,
)
# Blocks after the headline where a byline of its own ("Von Max Muster", "By A, B and C") is
# looked for, and the most text such a block has.
PLAIN_BYLINE_BLOCKS = 6
PLAIN_BYLINE_CHARS = 120
# Inline children such a block may have: the names' links, the sections it is filed in.
PLAIN_BYLINE_CHILDREN = 8
PLAIN_BYLINE_TAGS = frozenset({"p", "div", "span", "li", "address"})
PLAIN_BLOCK_TAGS = ("p", "div", "li", "address")
# What follows the names on a byline line: other credits, the date, the reading time.
BYLINE_REST_RE = re.compile(
    r"\s+[|•·]\s+|\s+[-–—]\s+(?=[A-Z\d])|\s+(?:photos?|bilder?|fotos?) by\s|"
    r"\s+(?:published|posted|updated|veröffentlicht|aktualisiert|publié|publicado)\b|"
    r"\s+(?:on|am|le|el|il)\s+(?=\d|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul"
    r"|aug|sep|oct|nov|dec)[a-z]*\b)",
    re.IGNORECASE,
)
# A link to a person's page is a byline within this many characters of text from the headline.
PERSON_LINK_CHARS = 600


def _norm(text: Any) -> str:
    return " ".join(str(text).split()) if text else ""


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _types(obj: dict[str, Any]) -> set[str]:
    return {str(t).lower() for t in _as_list(obj.get("@type"))}


def _names(value: Any) -> Iterator[str]:
    for item in _as_list(value):
        if isinstance(item, dict):
            name = item.get("name")
            if isinstance(name, str):
                yield _norm(name)
            elif isinstance(name, list):
                yield from (_norm(n) for n in name if isinstance(n, str))
        elif isinstance(item, str):
            yield _norm(item)


def split_title(text: str, site_names: Iterable[str] = ()) -> tuple[str, str | None]:
    """Split ``Headline - Site`` / ``Site | Headline`` / ``标题_栏目_网站`` into
    ``(headline, site)``. Text without a recognisable site part is returned whole."""
    text = _norm(text)
    if not text:
        return "", None
    known = {_norm(n).lower() for n in site_names if n}
    parts = [p for p in TITLE_SEP_RE.split(text) if p.strip()]
    if len(parts) < 2:
        return text, None
    # A part equal to the known site name settles it.
    for i in (len(parts) - 1, 0):
        if parts[i].lower() in known:
            rest = parts[:i] + parts[i + 1 :]
            head = max(rest, key=len) if len(rest) > 1 else rest[0]
            return head, parts[i]
    # Otherwise the headline is the longest part; the site is the shorter part at an end
    # (suffix preferred: most sites put their name last).
    longest = max(range(len(parts)), key=lambda i: len(parts[i]))
    head = parts[longest]
    if len(head) < 4:
        return text, None
    site = parts[-1] if longest < len(parts) - 1 else parts[0]
    return head, site


def _heading_length(text: str, most: int) -> bool:
    """Whether a heading's text is as long as a headline may be: a Chinese one of three
    characters (a person's name, 蔡健雅) is one where it opens the <title>."""
    least = 3 if CJK_RE.match(text) else 4
    return least <= len(text) <= most


def _title_tag(page: Page) -> str:
    el = page.tree.find(".//title")
    return _unescape(el.text_content()) if el is not None else ""


def _heading_text(el: HtmlElement) -> str:
    """A heading's text; a heading made of two blocks, a kicker and the headline or the
    headline and a subtitle (``<h1><span>Kicker</span><span>Headline</span></h1>``), as
    ``"Kicker: Headline"``, never glued together or run on as one sentence. Text for screen
    readers only (``<span class="sr-only">Article:</span>``) is no part of it."""
    if any(_not_headline(d) for d in el.iterdescendants()):
        el = copy.deepcopy(el)
        for d in [d for d in el.iterdescendants() if _not_headline(d)]:
            d.drop_tree()
    parts = [child for child in el if isinstance(child.tag, str) and _norm(child.text_content())]
    loose_text = bool(_norm(el.text)) or any(_norm(child.tail) for child in el)
    if len(parts) != 2 or loose_text or any(p.tag not in HEADING_PART_TAGS for p in parts):
        return _norm(el.text_content())
    first, second = (_norm(p.text_content()) for p in parts)
    if len(first.split()) + len(second.split()) < 4:
        return f"{first} {second}"  # words set one by one
    return f"{first} {second}" if TITLE_END_RE.search(first) else f"{first}: {second}"


def _not_headline(el: HtmlElement) -> bool:
    """Text in a heading that is no part of the headline: for screen readers only, or a badge
    of a few characters (``<span class="article-tag">原创</span>``, ``LIVE``)."""
    classes = el.get("class") or ""
    if HIDDEN_RE.search(classes):
        return True
    return bool(BADGE_CLASS_RE.search(classes)) and len(_norm(el.text_content())) <= BADGE_CHARS


def _h1s(page: Page, sites: Sequence[str] = ()) -> list[str]:
    """The first h1 texts, without the site's own (logo, name, breadcrumbs)."""
    found = []
    for el in HEADING_XPATH(page.tree)[:5]:
        text = _heading_text(el)
        if 4 <= len(text) <= 300 and not _is_noise_heading(el, text, sites):
            found.append(text)
    return found


def _site_names(page: Page) -> list[str]:
    names = [page.meta_first("og:site_name", "application-name", "twitter:site") or ""]
    for obj in page.jsonld:
        names.extend(_names(jsonld.resolved(page, obj.get("publisher"))))
        if _types(obj) & {"website", "organization", "newsmediaorganization"}:
            names.extend(_names(obj))
    return [n.lstrip("@") for n in names if n]


# Second-level labels under a country domain: the name is the label before them.
SECOND_LEVEL_LABELS = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or"})
# Headlines longer than a site's slogan: a <title> part this short may be one.
MAX_SLOGAN_WORDS = 5


def _host_name(url: str) -> str:
    """The site's name as its host spells it: ``gazette`` for ``www.gazette.co.uk``."""
    labels = (urlsplit(url).hostname or "").lower().split(".")[:-1]
    if len(labels) >= 2 and labels[-1] in SECOND_LEVEL_LABELS:
        labels.pop()
    return labels[-1] if labels and len(labels[-1]) >= 3 else ""


def _site_part(h1: str, title: str) -> bool:
    """Whether ``h1`` is a part of ``title`` beside a longer one, the site's beside the
    headline: a blog's name in its <h1> and in its posts' titles ("Post title_江南布衣的博客_
    新浪博客")."""
    key = _key(h1)
    parts = [_key(part) for part in TITLE_SEP_RE.split(title)]
    return key in parts and any(len(part) > len(key) for part in parts)


def _same(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a == b or (len(a) >= 6 and len(b) >= 6 and (a in b or b in a))


def _unescape(text: str | None) -> str:
    """Structured values are sometimes escaped twice (``&amp;#8217;``, ``&quot;``)."""
    text = text or ""
    for _ in range(2):
        if "&" not in text:
            break
        text = html.unescape(text)
    return _norm(text)


def _key(text: str) -> str:
    """Comparison form of a headline: words only, case and punctuation dropped."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    return " ".join(KEY_WORD_RE.findall(text.casefold()))


def _tail_after(text: str, head_key: str) -> str | None:
    """What follows the words of ``head_key`` at the start of ``text`` (None: no such start)."""
    for m in KEY_WORD_RE.finditer(text.casefold()):
        if _key(text[: m.end()]) == head_key:
            return text[m.end() :]
    return None


def _kin(a: str, b: str) -> bool:
    """The same headline: equal words, or one is the other with a kicker before it or words
    after it (a section label, a longer version)."""
    ka, kb = _key(a), _key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    short, long_ = sorted((ka, kb), key=len)
    if len(short) < MIN_KIN_CHARS:
        return False
    return long_.endswith(short) or long_.startswith(short)


def _prefer(a: str, b: str, visible: bool = False) -> str:
    """Of two kin headlines, the one to show. Where one adds a label to the other behind a
    title separator ("Section | Headline", "Headline - Section"), the shorter. Where the
    visible heading ``b`` continues ``a`` without a separator, ``b`` (``a`` was cut short).
    Otherwise ``a``: a kicker joined by a colon or glued on is kept or left out as ``a``
    has it."""
    ka, kb = _key(a), _key(b)
    if ka == kb or len(ka) == len(kb):
        return a
    short, long_ = (a, b) if len(ka) < len(kb) else (b, a)
    ks, kl = _key(short), _key(long_)
    if kl.startswith(ks):
        tail = _tail_after(long_, ks)
        # (Unless, between the <title> and og:title, with no visible heading to say, the tail
        # is a second clause: "Headline：second clause".)
        if (
            tail is not None
            and TITLE_JOIN_RE.match(tail.lstrip(CLOSING))
            and (visible or not _second_clause(tail.lstrip(CLOSING), short))
        ):
            return short
        return b if visible and long_ is b else a
    if kl.endswith(ks):
        at = long_.casefold().rfind(KEY_WORD_RE.findall(short.casefold())[0])
        if at > 0 and LABEL_SEP_RE.search(long_[:at].rstrip(OPENING)):
            return short
    return a


def _second_clause(tail: str, head: str) -> bool:
    """Whether a tail after a colon is the headline's second clause, not a label: as long
    as half the headline before it ("杭州一小学把课堂搬进稻田：孩子们亲手割下第一把稻穗")."""
    rest = tail.lstrip()
    return rest[:1] in ":：" and len(_key(rest)) * 2 >= len(_key(head))


def _compact(text: str) -> str:
    """A name's comparison form without spaces or a leading "the" (The Daily Gazette is
    dailygazette.com)."""
    return _key(text).replace(" ", "").removeprefix("the")


def _is_site_name(text: str, sites: Sequence[str]) -> bool:
    key = _compact(text)
    return bool(key) and any(key == _compact(s) for s in sites)


def _site_title(text: str, names: Sequence[str]) -> bool:
    """A title that is only a site's name: one of ``names``, or a bare outlet name ("新华网",
    "Gazette": one word, or a short Chinese name ending as outlets do)."""
    if _is_site_name(text, names):
        return True
    if TITLE_SEP_RE.search(text):
        return False
    if CJK_RE.search(text):
        return len(text) <= 8 and bool(CN_ORG_RE.search(text) or CN_SITE_END_RE.search(text))
    return len(text.split()) == 1


def _end_outlet(text: str, sites: list[str], names: Sequence[str]) -> list[str]:
    """``sites``, with the outlet that ends ``text`` when it names one the page does not
    declare: the host's name, or a Chinese outlet ("标题 - 新华网", "标题--时政--人民网")."""
    parts = [p for p in TITLE_SEP_RE.split(text) if p.strip()]
    last = parts[-1].strip() if len(parts) >= 2 else ""
    if last and (
        _is_site_name(last, names)
        or (CJK_RE.search(last) and len(last) <= 8 and CN_ORG_RE.search(last))
    ):
        return [*sites, last]
    return sites


def _strip_site(text: str, sites: Sequence[str]) -> str:
    """Drop a known site name at either end of a structured title, with the short section
    labels next to it ("Headline | Politics | Metro", "标题--时政--人民网")."""
    if not text or not sites:
        return text
    parts = [p for p in TITLE_SEP_RE.split(text) if p.strip()]
    keys = [_key(s) for s in sites if _key(s)]

    def is_site(part: str) -> bool:
        k = _key(part)
        return bool(k) and any(k == s or (len(s) >= 3 and (s in k or k in s)) for s in keys)

    if len(parts) >= 2:
        for end in (-1, 0):
            if is_site(parts[end]):
                rest = parts[:-1] if end == -1 else parts[1:]
                longest = max(len(p) for p in rest)
                while len(rest) > 1 and len(rest[end]) <= min(25, longest / 3):
                    rest = rest[:-1] if end == -1 else rest[1:]
                if len(rest) == 1:
                    return rest[0]
                return text if end == 0 else _join_parts(text, rest)
    # "Headline：Site" and other separators split_title does not know.
    low = text.casefold()
    for site in sites:
        if len(site) >= 2 and low.endswith(site.casefold()):
            head = text[: -len(site)].rstrip(" -_|｜–—:：·•»ㅣ")
            if len(head) < len(text) - len(site) and len(head) >= 4:
                return head
    return text


def _join_parts(text: str, parts: list[str]) -> str:
    """``text`` up to the end of its part ``parts[-1]`` (separators inside kept)."""
    end = text.find(parts[-1]) + len(parts[-1])
    return text[:end].strip() if end > 0 else text


def _is_noise_heading(el: HtmlElement, text: str, sites: Sequence[str]) -> bool:
    """Headings that are not the article's: breadcrumbs and hidden SEO copies, and the site's
    name or slogan in the page header."""
    chain = [el, *(a for a in el.iterancestors() if a.tag not in ("body", "html"))][:4]
    names = " ".join(f"{a.get('class', '')} {a.get('id', '')}" for a in chain)
    if NOISE_HEADING_RE.search(names):
        return True
    if _is_site_name(text, sites):
        return True
    link = el.find(".//a")
    return link is not None and (link.get("href") or "").rstrip("/") in ("", ".", "index.html")


def _visible_headings(page: Page, sites: Sequence[str]) -> list[str]:
    """The page's h1 and h2 texts in document order, site headings left out."""
    found = []
    for el in ANY_HEADING_XPATH(page.tree)[:40]:
        if el.tag not in ("h1", "h2"):
            continue
        text = _heading_text(el)
        if 4 <= len(text) <= 300 and not _is_noise_heading(el, text, sites):
            found.append((el.tag, text))
    h1s = [t for tag, t in found if tag == "h1"]
    return h1s + [t for tag, t in found if tag == "h2"][:5]


def _voted_title(
    page: Page, sites: list[str], names: list[str], title_tag: str, og: str, headline: str
) -> str:
    """The headline the page's title sources agree on.

    Sources: og:title, the article's JSON-LD headline, the <title> and the visible heading
    (the first h1, or h1/h2, that agrees with one of them). Each votes for its group of kin
    headlines; the group with most votes wins, the one that is visible on a tie. The group's
    og:title is shown when it has one (it carries a kicker, or leaves it out, as the site
    means), else the visible heading, else the headline, else the <title>. A source that is
    only the site's name (``sites``, or the ``names`` the host adds) has no vote.
    """
    cands: dict[str, str] = {}
    if og and not _site_title(og, names):
        cands["og"] = _strip_site(og, _end_outlet(og, sites, names))
    if headline and not _is_site_name(headline, names):
        cands["ld"] = _strip_site(headline, _end_outlet(headline, sites, names))
    headings = _visible_headings(page, names)
    if title_tag and not _site_title(title_tag, names):
        # A tail the visible heading shows too ("Headline - Second clause") is the
        # headline's own, not a site's name.
        # So is one before the site's name ("Headline – Second clause | Site").
        keys = {_key(h) for h in headings}
        trimmed = _strip_site(title_tag, sites)
        if _key(title_tag) in keys:
            cands["tag"] = title_tag
        elif _key(trimmed) in keys:
            cands["tag"] = trimmed
        else:
            cands["tag"] = _strip_site(split_title(title_tag, names)[0], sites)
    visible = next((h for h in headings if any(_kin(h, c) for c in cands.values())), None)
    if visible is None and headings and headings[0] in _h1s(page, names):
        visible = headings[0]
    if visible:
        cands["visible"] = visible
    groups: list[list[str]] = []
    for name in cands:
        for group in groups:
            if any(_kin(cands[name], cands[other]) for other in group):
                group.append(name)
                break
        else:
            groups.append([name])
    if not groups:
        return ""
    best = max(groups, key=lambda g: (len(g), "visible" in g, "og" in g, "ld" in g))
    shown = next(cands[n] for n in ("og", "visible", "ld", "tag") if n in best)
    for name in ("visible", "ld", "tag"):
        if name in best:
            shown = _prefer(shown, cands[name], visible=name == "visible")
    return shown


def extract_title(page: Page, selectors: Sequence[str] | None = None) -> str:
    """The headline, without the site name around it."""
    if selectors:
        for item in select_all(page.tree, selectors):
            text = _norm(item.text_content() if isinstance(item, HtmlElement) else item)
            if text:
                return text
    sites = _site_names(page)
    # Exact names of the site: its declared names and its host's (never cut out of a title
    # by containment, as ``sites`` are).
    names = [*sites, _host_name(page.url)]
    title_tag = _title_tag(page)
    own, _ = jsonld.article_objects(page)
    headline = next(
        (_unescape(o["headline"]) for o in own if isinstance(o.get("headline"), str)), ""
    )
    # (ArticleTitle: the metadata standard of Chinese government sites.)
    og = _unescape(page.meta_first("og:title", "twitter:title", "articletitle"))
    if og or headline:
        voted = _voted_title(page, sites, names, title_tag, og, headline)
        if voted:
            return voted
    structured = [t for t in (headline, og) if t]
    # An <h1> that agrees with another title source is the cleanest headline there is.
    h1s = _h1s(page, names)
    for h1 in h1s:
        for other in (*structured, title_tag):
            if other and _same(h1, other) and not _site_part(h1, other):
                return h1
    for text in structured:
        head, _ = split_title(text, names)
        if head and not _is_site_name(head, names):
            return head
    headings = _headings(page)
    # A heading that opens the <title>, followed by a separator: "Headline-Site" without the
    # spaces split_title needs.
    for heading in headings:
        rest = title_tag[len(heading) :]
        if title_tag.startswith(heading) and _heading_length(heading, 300) and _site_rest(rest):
            return heading
    # Else a line of the page that does (a headline in a <div>): the longest that is long
    # enough not to be a section's name ("新闻中心_某某县人民政府" names the section).
    shown = _title_part_shown(page, title_tag)
    if shown:
        return shown
    if title_tag and not _site_title(title_tag, names):
        head, site = split_title(title_tag, names)
        # A <title> naming only the section and the site ("新闻动态--某某学会"): the heading
        # with the dateline under it is the headline.
        if not any(_same(head, h) for h in h1s):
            dated = _dated_heading(page, headings)
            if dated and not _same(head, dated):
                return dated
            # The site's name and its slogan ("Gazette - Your daily news"): the <h1> that
            # says more is the headline.
            if h1s and site is not None and _is_site_name(site, names) and _slogan(head, h1s[0]):
                return h1s[0]
        # The site's name and a section ("The Gazette - Local News"): as a site-only title.
        if not (_is_site_name(head, names) and (h1s or _dated_line(page))):
            return head
    # The <title> is the site's name alone (or missing): the page's own heading is the
    # headline, else the heading the dateline follows (an <h4> on many Chinese sites).
    if h1s:
        return h1s[0]
    dated = _dated_heading(page, headings)
    if dated:
        return dated
    visible = _visible_headings(page, names)
    headline = next((text for text in visible if _headline_long(text)), "")
    # Else a headline in a <div> or a table cell, above its dateline ("发布时间：… 来源：…"),
    # before a short heading ("友情链接" over the footer's links); else the site's name is all
    # the page says.
    return (
        headline
        or _dated_line(page)
        or next(iter(visible), "")
        or title_tag
        or next(iter(structured), "")
    )


def _headline_long(text: str) -> bool:
    """Long enough for a headline, not a section's or a site's name."""
    return len(text) >= (MIN_HEADLINE_CJK if CJK_RE.search(text) else MIN_HEADLINE_CHARS)


def _title_part_shown(page: Page, title_tag: str) -> str:
    """The longest start of the <title> before a site part (see :func:`_site_rest`) that is a
    whole line of the page's text, at least a short headline long; else such an end after
    the site's name or a breadcrumb. Portals' decorations of the headline in the <title>
    ("【标题】", "标题(组图)") are left out first."""
    lines = f"\n{_page_text(page)}\n"
    title_tag = TITLE_DECOR_RE.sub("", title_tag)
    for at in range(len(title_tag) - 1, 0, -1):
        if title_tag[at] not in TITLE_SEPARATORS and not title_tag[at].isspace():
            continue
        head = title_tag[:at].rstrip()
        if not _headline_long(head) or not _site_rest(title_tag[len(head) :]):
            continue
        if f"\n{head}\n" in lines:
            return head
    # A breadcrumb or a Chinese site's name first ("首页 > 新闻 > 标题", "某某县人民政府-标题"):
    # the end of the <title>, when it is a line of the page. (Not after any first part: a
    # site's name and its slogan, "Gazette - News you can trust", end with a line too.)
    for at, char in enumerate(title_tag):
        head = title_tag[:at].strip()
        crumb = char in ">›»"
        # (A colon follows a speaker or a label, "天气预报：…", not a site's name.)
        site = char in TITLE_SEPARATORS and char not in ":：" and CN_SITE_END_RE.search(head)
        if not (crumb or site):
            continue
        tail = title_tag[at + 1 :].strip(f" {TITLE_SEPARATORS}")
        if _headline_long(tail) and f"\n{tail}\n" in lines:
            return tail
    return ""


def _slogan(head: str, h1: str) -> bool:
    """``head`` (the <title> without the site's name) is too short to be the headline the
    longer ``h1`` shows."""
    words, h1_words = len(head.split()), len(h1.split())
    if CJK_RE.search(head):
        return len(head) <= 2 * MAX_SLOGAN_WORDS and len(h1) > len(head)
    return words <= MAX_SLOGAN_WORDS and h1_words > words


def _site_rest(rest: str) -> bool:
    """What follows the headline in a <title> is a site part: it starts with a separator, or
    it is one short name after a space ("标题 某某市教育局")."""
    if TITLE_JOIN_RE.match(rest):
        return True
    name = rest.strip()
    return (
        rest[:1].isspace()
        and 2 <= len(name) <= 20
        and not SPACE_RE.search(name)
        and bool(CJK_RE.search(name))
    )


def _headings(page: Page) -> list[str]:
    found = []
    for el in ANY_HEADING_XPATH(page.tree)[:30]:
        text = _norm(el.text_content())
        if _heading_length(text, 200):
            found.append(text)
    return found


def _dated_heading(page: Page, headings: list[str]) -> str:
    """The first heading followed closely by a date (the article's dateline)."""
    text = _page_text(page)
    for heading in headings:
        if not _headline_long(heading):
            continue
        at = text.find(heading)
        if at < 0:
            continue
        window = text[at + len(heading) : at + len(heading) + 80]
        # Up to the next heading: a date under the next one is not this one's.
        for other in headings:
            cut = window.find(other) if other != heading else -1
            if cut >= 0:
                window = window[:cut]
        if DATE_NEAR_RE.search(window):
            return heading
    return ""


def _dated_line(page: Page) -> str:
    """The first line of the page, headline-long, whose next lines are a labelled dateline."""
    lines = _page_text(page).split("\n")
    for i, line in enumerate(lines):
        if not _headline_long(line) or len(line) > MAX_DATED_LINE_CHARS or line[-1] in "。.":
            continue  # (a post's last sentence above its "发表于 …" footer)
        following = lines[i + 1 : i + 3]  # the dateline may be split: "发布时间：" "2019-05-18"
        if (
            not DATE_NEAR_RE.search(line)
            and any(DATE_NEAR_RE.search(part, 0, 40) for part in following)
            and any(DATELINE_LABEL_RE.search(part) for part in following)
        ):
            return line
    return ""


def extract_media(page: Page, title: str = "", selectors: Sequence[str] | None = None) -> str:
    """The outlet that published the article: rule; the source the page names under the
    headline (a ``来源：`` line, or an outlet's name beside the dateline, as portals credit
    what they republish); a ``source`` meta tag; og:site_name; JSON-LD publisher; else the site
    part of the ``<title>``."""
    if selectors:
        for item in select_all(page.tree, selectors):
            text = _norm(item.text_content() if isinstance(item, HtmlElement) else item)
            if text:
                return SOURCE_RE.sub(r"\1", text)
    source = _source_line(page, title) or _dateline_outlet(page, title)
    if source:
        return source
    # Chinese portals also name it in a tag: <meta name="source" content="新华网">.
    site = page.meta_first("source", "contentsource", "article:source", "og:site_name")
    if site:
        return _norm(site)
    own, _ = jsonld.article_objects(page)
    for obj in own:
        for name in _names(jsonld.resolved(page, obj.get("publisher"))):
            if name:
                return name
    return _title_site(page, title)


def _dateline_outlet(page: Page, title: str) -> str:
    """An outlet's name on the dateline under the headline: the line before the date
    ("新华社" / "2020-01-03 18:13") or what follows the date and time ("2019年11月25日 18:57
    参考消息", on the same line or the next). Only outlet-shaped names (…报, …社, …网,
    …消息) count: a person's name there is a byline."""
    text = _near_title(page, title)[:800] if title else ""
    # Further down, a date is a listing's, and the line above it the listing's heading.
    dates = [m for m in DATE_NEAR_RE.finditer(text, 0, DATELINE_CHARS)][:2]
    for m in dates:
        before = text[: m.start()].split("\n")
        after = text[m.end() :].split("\n")
        candidates = [
            TIME_PREFIX_RE.sub("", after[0]),  # the rest of the date's line
            before[-1],  # the date's line before the date
            *(before[-3:-1][::-1]),  # the lines above it
            *after[1:2],  # the line below it
        ]
        for candidate in candidates:
            name = _norm(SOURCE_LABEL_RE.sub("", candidate))
            if (
                2 <= len(name) <= 15
                and CJK_RE.search(name)
                and CN_ORG_RE.search(name)
                and not SPACE_RE.search(name)
            ):
                return name
    return ""


def _title_site(page: Page, title: str) -> str:
    """The site part of the <title>: what follows the headline after a separator
    ("Headline-Site" too), else what split_title finds."""
    title_tag = _title_tag(page)
    if title and title_tag.startswith(title):
        rest = title_tag[len(title) :]
        if TITLE_JOIN_RE.match(rest):
            site = TITLE_SEP_RE.split(rest.strip(" -_|｜–—:·•»"))[-1].strip()
            if site:
                return site
    _, suffix = split_title(title_tag, _site_names(page))
    return suffix or ""


def _page_text(page: Page) -> str:
    return page.derived("metadata.page_text", lambda: _lines(page))


def _lines(page: Page) -> str:
    # One line per text node, so patterns never run from a byline into the next block.
    lines = []
    for piece in text_pieces(page.tree, TEXT_SKIP_TAGS):
        if "\n" not in piece:
            line = " ".join(piece.split())  # the same as below, without a regex
        elif piece.isspace():
            continue
        else:
            line = INLINE_SPACE_RE.sub(" ", piece).strip()
        if line:
            lines.append(line)
    return "\n".join(lines)


def _near_title(page: Page, title: str) -> str:
    """Page text from the headline on (the dateline sits right under it)."""
    text = _page_text(page)
    at = text.find(title[:20]) if title else -1
    return text[at : at + 2000] if at >= 0 else text[:6000]


def _article_text(page: Page, title: str) -> str:
    """Page text from the headline to the end of the article: the first editor credit,
    related-links or copyright line, at most 15,000 characters."""
    text = _page_text(page)
    at = text.find(title[:20]) if title else -1
    if at < 0:
        return ""
    text = text[at : at + 15000]
    end = ARTICLE_END_RE.search(text)
    return text[: end.start()] if end else text


def _source_line(page: Page, title: str) -> str:
    match = SOURCE_RE.search(_near_title(page, title))
    return (match.group(1) or match.group(2)) if match else ""


def _edited_by(page: Page, name: str) -> bool:
    """Whether the page credits ``name`` for the editing, and not for the writing too
    ("【编辑:张子怡】" without "记者 张子怡")."""
    text, name = _page_text(page), re.escape(name)
    return bool(re.search(f"(?:{EDITOR_LABEL}){name}", text)) and not re.search(
        f"(?:{WRITER_LABEL})\\W{{0,3}}{name}", text
    )


def _clean_author(name: str) -> str:
    name = _norm(name).strip("()（）[]")
    match = BY_RE.match(name)
    if match:
        name = match.group(1)
    if ROLE_PHRASE_RE.match(name):
        return ""
    if match := SOURCE_CREDIT_RE.match(name):
        return match.group(1) if AGENCY_RE.match(match.group(1)) else ""
    name = AUTHOR_NOISE_RE.sub("", name).strip(" ,;:-–—|：／")
    # "(서울=연합뉴스) 홍길동", "스포츠조선=선수민": Korean bylines put the outlet before a "=".
    name = KR_OUTLET_RE.sub("", name)
    # "赵 培": two-character Chinese names are padded to the width of three.
    if CJK_PAIR_RE.match(name):
        name = SPACE_RE.sub("", name)
    # "JANE DOE" -> "Jane Doe"; "McDonald" and "de la Cruz" are left alone.
    if name.isupper() and " " in name and not CJK_RE.search(name):
        name = name.title()
    return name


def _author_kind(name: str, sites: Sequence[str], shown: bool = False) -> str | None:
    """``"person"``, ``"org"`` (an agency, an outlet, the site itself) or None for what is no
    author at all: a URL or e-mail, a URL slug, a date or count, initials, an image credit, a
    placeholder or a label. A name ``shown`` on the page (not structured data) is also no
    person when it reads as a byline box's label, button or login (:func:`_reads_as_label`)."""
    if not (1 < len(name) <= 60) or URLISH_RE.search(name) or not WORD_RE.search(name):
        return None
    if AGENCY_RE.match(name):
        return "org"
    if (
        LONE_NUMBER_RE.search(name)
        or DATE_PIECE_RE.search(name)
        or PLACEHOLDER_RE.match(name)
        or SLUG_RE.match(name)
        or INITIALS_RE.match(name)
        or CREDIT_RE.search(name)
        or CN_LABEL_RE.search(name)
        or CN_DISPATCH_MARK_RE.match(name)
    ):
        return None
    low = name.lower()
    if (
        ACRONYM_RE.match(name)
        or (CJK_RE.search(name) and CN_ORG_RE.search(name))
        or EN_ORG_RE.search(name)
        or STAFF_RE.search(name)
        # The site itself ("网易" on 网易新闻, "CSDN.NET").
        or any(low == s or (len(low) >= 2 and low in s) for s in sites)
    ):
        return "org"
    return None if shown and _reads_as_label(name) else "person"


def _split_authors(text: str) -> list[str]:
    """One byline or author value split into names: commas, 、, ;, &, "and" in several
    languages, and "/" unless the value is a URL."""
    if "://" in text or text.lstrip().startswith(("www.", "/")):
        parts = [text]
    else:
        parts = AUTHOR_SPLIT_RE.split(text)
    return [name for part in parts if (name := _clean_author(part))]


def _co_authors(name: str) -> list[str]:
    """A structured value split into co-authors where each part has the shape of a name."""
    parts = CO_AUTHOR_RE.split(name)
    if len(parts) > 1 and all(EN_NAME_RE.match(p) or CN_NAME_RE.match(p) for p in parts):
        return parts
    return [name]


def _surname_first(value: str) -> str:
    """``"Brazil, Rachel"`` as ``"Rachel Brazil"``; other values as they are."""
    match = SURNAME_FIRST_RE.match(_norm(value))
    if not match or AGENCY_RE.match(match.group(1)) or AGENCY_RE.match(match.group(2)):
        return value
    return f"{match.group(2)} {match.group(1)}"


def _reads_as_label(name: str) -> bool:
    """Whether a byline piece reads as no person's name: a label or a button with a
    lower-case word that is no name particle ("přihlaste se", "Follow us"), or a login or
    domain name ("jane.doe", "example.com"). (A one-word handle, "kingname", may be how a
    blog signs.)"""
    words = name.split()
    if len(words) == 1:
        return USER_NAME_RE.match(name) is not None
    # A name does not end with its particle: "Texto de", "Text von" label the name after them.
    if words[-1] in NAME_PARTICLES:
        return True
    return any(w[:1].islower() and w.lower() not in NAME_PARTICLES and w.isalpha() for w in words)


class _Authors:
    """Names found so far: people, and organisations kept apart as a fallback."""

    def __init__(self, sites: Sequence[str], spaced_cjk: bool = True) -> None:
        self.sites = sites
        # Whether Han names apart by a space are several people ("王远 陈晨"); in Japanese
        # they are one person's family and given name ("石井 大輔").
        self.spaced_cjk = spaced_cjk
        self.people: list[str] = []
        self.orgs: list[str] = []

    def add(self, values: Iterable[str], *, structured: bool = False) -> None:
        for value in values:
            # Structured names are kept as written ("Guardian staff reporter", "Bill MCCARTHY")
            # unless a role or affiliation follows ("Jane Doe, professor of ...").
            name = _norm(BY_RE.sub(r"\1", value))
            split = not (structured and len(name) <= 60)
            names = _split_authors(value) if split else _co_authors(KR_JA_ROLE_RE.sub("", name))
            # Parts of a byline after an editing credit ("文 | 何少卿 | 编辑 | 文涛") are staff.
            staff = next((i for i, n in enumerate(names) if CN_STAFF_RE.fullmatch(n)), None)
            names = [part for name in names[:staff] for part in self._cjk_names(name)]
            kinds = [_author_kind(n, self.sites, shown=not structured) for n in names]
            for name, kind in zip(names, kinds, strict=True):
                # "Outlet, City, Country": beside an outlet, one word is a place, not a name.
                # (A CJK name has no space to tell: "[谷口健太，ITmedia]" names the writer.)
                if (
                    kind == "person"
                    and "org" in kinds
                    and " " not in name
                    and not CJK_RE.search(name)
                ):
                    continue
                if kind == "org" and structured and split:
                    continue  # the affiliation after a structured name
                target = self.people if kind == "person" else self.orgs if kind else None
                seen = {n.lower() for n in self.people + self.orgs}
                if target is not None and name.lower() not in seen:
                    target.append(name)

    def _cjk_names(self, name: str) -> list[str]:
        match = CN_BYLINE_NAMES_RE.match(name)
        if not match:
            return [name]
        names = match.group(1)
        if not (self.spaced_cjk or names != name):
            return [names]
        # The writers come before an editing credit ("记者 张三 编辑 王五").
        parts = names.split()
        staff = next((i for i, part in enumerate(parts) if CN_STAFF_RE.fullmatch(part)), None)
        return [name for part in parts[:staff] if (name := CN_ROLE_RE.sub("", part))]


def extract_authors(
    page: Page, title: str = "", selectors: Sequence[str] | None = None
) -> list[str]:
    """Author names: rule, JSON-LD, meta tags, byline elements, then 作者/记者/By lines.

    People come first: the first source that names a person decides. An agency or outlet is
    the author when nothing names a person: the article's JSON-LD author first ("ORF.at",
    "DPA"), else an agency byline ("Von dpa"). The site's name in a meta tag is not an
    author, and neither is an editor (责任编辑).
    """
    # (The host's name too: <meta name="author" content="chinanews"> on chinanews.com.cn.)
    sites = [n.lower() for n in (*_site_names(page), _host_name(page.url)) if n]
    spaced = not (page.lang or "").lower().startswith(("ja", "ko"))
    suffix = _title_site(page, title)
    if suffix:
        sites.append(suffix.lower())

    if selectors:
        rule = _Authors(sites, spaced)
        items = select_all(page.tree, selectors)
        rule.add(_norm(i.text_content() if isinstance(i, HtmlElement) else i) for i in items)
        if rule.people or rule.orgs:
            return rule.people + rule.orgs
    own, _ = jsonld.article_objects(page)
    structured = _Authors(sites, spaced)
    for obj in own:
        names = (n for n in _names(obj.get("author")) if n and not _edited_by(page, n))
        structured.add(names, structured=True)
    if structured.people:
        # Agencies credited beside the writers are authors too ("Adam Vidler", "AP").
        return _shown_more(page, title, sites, spaced, structured.people) + structured.orgs
    found = _Authors(sites, spaced)
    for stage in _author_stages(page, title):
        for values in stage():
            found.add(values)
        if found.people and stage.__name__ == "meta":
            # An author tag may name the first writer only: the byline may show them all.
            return _shown_more(page, title, sites, spaced, found.people)
        if found.people:
            # A newsroom's credit beside them is part of the byline ("Jane Doe, Gear Team").
            return found.people + [name for name in found.orgs if STAFF_RE.search(name)]
    # An author given only as a reference to a node of the graph ({"@id": ".../person/1"}):
    # the account that posted, which a byline on the page, when there is one, outranks.
    referenced = _Authors(sites, spaced)
    for obj in own:
        names = _names(jsonld.resolved(page, obj.get("author")))
        referenced.add((n for n in names if n), structured=True)
    if referenced.people:
        return referenced.people
    # A byline crediting a news service alone ("Metric Media News Service").
    agencies = [
        n for n in found.orgs if _agency_like(n) or STAFF_RE.search(n) or NEWS_DESK_RE.search(n)
    ]
    return structured.orgs or agencies


def _shown_more(
    page: Page, title: str, sites: Sequence[str], spaced: bool, people: list[str]
) -> list[str]:
    """The writers a byline element or a Chinese byline line shows, where they are
    ``people`` (from structured data or a meta tag) and more: a CMS that fills its author
    field with the first writer only (``<meta name="author" content="沈佳怡">`` over
    ``记者 沈佳怡 通讯员 陈立峰``)."""
    if not all(CN_NAME_RE.match(name) for name in people):
        return people  # (only Chinese names widen, and only Chinese ones are widened)
    shown = _Authors(sites, spaced)
    for values in (*_byline_values(page, title), *_chinese_values(page, title)):
        shown.add(values)
    have = {name.lower() for name in people}
    more = [name for name in shown.people if name.lower() not in have]
    # Only Chinese names widen it: a byline box also holds labels, places, roles, and Latin
    # ones of a name's shape ("Redaktor Ressort Bern", "Sign Out") are not told apart.
    if (
        more
        and have <= {name.lower() for name in shown.people}
        and all(CN_NAME_RE.match(name) for name in more)
    ):
        return shown.people
    return people


def _byline_values(page: Page, title: str) -> Iterator[list[str]]:
    """The text of each byline element (by markup), a listing's aside."""
    elements = page.elements()
    near = _near_title(page, title)[:PERSON_LINK_CHARS]
    # A heading that names a byline box (its id in the box's aria-labelledby, "Article
    # information") is the box's label.
    labels = {
        label for el in elements if (ids := el.get("aria-labelledby")) for label in ids.split()
    }
    for test in BYLINE_TESTS:
        found = [el for el in elements if test(el) and el.get("id") not in labels]
        for el in _unlisted(found, near)[:4]:
            # Separators between elements: nested byline markup ("<b>NAME</b><i>Agency</i>")
            # would otherwise glue names and roles together.
            text = " | ".join(_norm(t) for t in _shown_text(el) if _norm(t))
            children = sum(isinstance(child.tag, str) for child in el)  # not comments
            if text and len(_norm(el.text_content())) <= 120 and children <= 3:
                yield [text]


def _chinese_values(page: Page, title: str) -> Iterator[list[str]]:
    """The writers a Chinese or Japanese byline line names: a Japanese dateline or reporter
    tag, an agency's reporters, else the first labelled byline (作者：, 记者) that names someone."""
    near = _near_title(page, title)
    # A Japanese paper's dateline: the city and its reporters, "【ジャカルタ＝石井大輔】".
    match = JA_DATELINE_RE.search(near[:1000]) or JA_REPORTER_TAG_RE.search(near)
    if match:
        yield [n for n in match.group(1).split("、") if n]
        return
    # An agency's reporters with the city and day they filed from: "新华社记者张三北京5月
    # 18日电", "（中央社記者楊淑媛、陳家倫台北8日電）".
    match = CN_AGENCY_REPORTER_RE.search(near)
    if match:
        *names, last = CN_SPLIT_RE.split(match.group(1).strip())
        yield [n for n in (*names, _without_city(last)) if len(n) >= 2]
        return
    # Labelled bylines (作者：, 采写：) also close articles: look down to the end. The
    # first that names someone decides.
    for pattern, text in (
        (CN_AUTHOR_RE, near),
        (CN_REPORTER_RE, near),
        (CN_AUTHOR_RE, _article_text(page, title)),
        (CN_REPORTER_LINE_RE, _article_text(page, title)),
    ):
        found = [
            name
            for match in _byline_lines(pattern, text)
            # The writers come before an editing credit; those after it are staff.
            for name in CN_SPLIT_RE.split(
                CN_STAFF_RE.split(CN_ROLE_RE.sub("", match.group(1)), maxsplit=1)[0]
            )
        ]
        names = [CN_DISPATCH_RE.sub("", CN_ROLE_RE.sub("", n)) for n in found]
        names = [n for n in names if len(n) >= 2 and not n.endswith(CN_ROLES)]
        # A unit or outlet before the people ("作者：心血管内科 唐晓峰 陈思", "文/搜狐体育
        # 陈冬"): longer than any of the names after it.
        if len(names) >= 2 and _cn_unit(names[0]) and not any(map(_cn_unit, names[1:])):
            names = names[1:]
        if names:
            yield names
            return


def _cn_unit(name: str) -> bool:
    """Whether a CJK byline part is too long for a person's name: a unit or an outlet."""
    if len(name) == CN_NAME_CHARS + 1:
        return not CN_COMPOUND_SURNAME_RE.match(name)
    return len(name) > CN_NAME_CHARS + 1


def _shown_text(el: HtmlElement) -> list[str]:
    """The text pieces of ``el`` outside screen-reader-only elements, in document order: one
    per element's text or tail. A comment splits no text: the text after it goes on the piece
    before it (``By <!-- -->Jane Doe``, as pages rendered by script frameworks write them)."""

    def hidden(node: HtmlElement) -> bool:
        return bool(HIDDEN_RE.search(node.get("class", "")))

    if any(hidden(node) for node in (el, *el.iterancestors())):
        return []
    pieces: list[str] = []
    for text, after_comment in text_nodes(el, hidden):
        if after_comment and pieces:
            pieces[-1] += text
        else:
            pieces.append(text)
    return pieces


def _author_stages(page: Page, title: str) -> list[Callable[[], Iterator[list[str]]]]:
    """The sources of bylines after JSON-LD, most precise first; each yields value lists."""

    def meta() -> Iterator[list[str]]:
        # The software's makers, where a forum or CMS credits them as the page's author
        # ("Discuz! Team and Comsenz UI Team" beside the generator "Discuz! X2"; a person's
        # name that shares a word with it, "Hugo Smith" beside "Hugo 0.120", stays).
        made_by = (page.meta_first("generator") or "").lower().split()[:1]

        def software(value: str) -> bool:
            return bool(made_by) and made_by[0] in value.lower() and not EN_NAME_RE.match(value)

        for name in META_AUTHOR:
            values = [v for v in page.meta.get(name, ()) if not v.startswith("@")]
            values = [v for v in values if not _edited_by(page, v) and not software(v)]
            if name in SURNAME_FIRST_META:
                values = [_surname_first(v) for v in values]
            yield values
        # Twitter card labels: "Written by" | "Jane Doe".
        for i in ("1", "2", "3"):
            label = page.meta_first(f"twitter:label{i}") or ""
            if WRITTEN_BY_RE.match(label):
                yield [page.meta_first(f"twitter:data{i}") or ""]

    def bylines() -> Iterator[list[str]]:
        yield from _byline_values(page, title)

    def person_links() -> Iterator[list[str]]:
        # The first link to a person's page, with the others beside it (co-authors).
        first = next((a for a in _after_heading(page, "a") if _person_link(a)), None)
        if first is not None:
            box = first.getparent()
            if box is not None and box.getparent() is not None and len(box) == 1:
                box = box.getparent()  # <span><a>Jane</a></span> and <span><a>John</a></span>
            scope = box if box is not None else first
            near = _near_title(page, title)[:PERSON_LINK_CHARS]
            names = [_norm(a.text_content()) for a in scope.iter("a") if _person_link(a)]
            yield [name for name in names if name in near][:6]

    def chinese() -> Iterator[list[str]]:
        yield from _chinese_values(page, title)

    def plain_byline() -> Iterator[list[str]]:
        # A short block under the headline that opens with a by-word, in one of several
        # languages, co-authors and all: "Von Max Muster", "By A, B and C | Updated ...".
        # Blocks without blocks inside ("<div><p>Von X</p><p>Mi, 18. Oktober</p></div>" would
        # glue the name to the date).
        blocks = [
            el
            for el in _after_heading(page, *PLAIN_BYLINE_TAGS)
            if len(el) <= PLAIN_BYLINE_CHILDREN
            and _norm(el.text_content())
            and next(el.iterdescendants(*PLAIN_BLOCK_TAGS), None) is None
        ]
        for el in blocks[:PLAIN_BYLINE_BLOCKS]:
            if len(_norm(el.text_content())) > PLAIN_BYLINE_CHARS:
                continue
            # Pieces apart: "By <a>Jane Doe</a><a>facebook</a>" is no "Jane Doefacebook".
            text = _norm(" ".join(_shown_text(el)))
            text = BYLINE_REST_RE.split(text, maxsplit=1)[0]
            match = BY_RE.match(text.title() if text.isupper() else text)
            if match:
                names = _split_authors(match.group(1))
                yield [n for n in names if EN_NAME_RE.match(n) or _agency_like(n)]
                return

    def by_line() -> Iterator[list[str]]:
        match = BY_TEXT_RE.search(_near_title(page, title)[:1000])
        if match and EN_NAME_RE.match(match.group(1)):
            yield [match.group(1)]

    def dateline() -> Iterator[list[str]]:
        match = DATELINE_AGENCY_RE.search(_near_title(page, title)[:2000])
        if match:
            yield [match.group(1) or match.group(2)]

    return [meta, bylines, chinese, plain_byline, by_line, person_links, dateline]


def _unlisted(elements: list[HtmlElement], near: str) -> list[HtmlElement]:
    """Byline elements but a listing's: three or more of one shape (tag and class, and their
    parent's) under as many parents (each teaser of a related or most-read list with its
    writer), unless the text right under the headline (``near``) shows it: the article's own
    byline may share its markup with the teasers'. Co-authors' boxes share their parent."""

    parents: dict[tuple[str, ...], set[int]] = {}
    for el in elements:
        parents.setdefault(element_shape(el), set()).add(id(el.getparent()))
    return [
        el
        for el in elements
        if len(parents[element_shape(el)]) < 3 or _norm(el.text_content()) in near
    ]


def _byline_lines(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """The first match of ``pattern`` in ``text``, and those on the lines right after it: one
    reporter a line ("□ 本报记者 梁磊" / "□ 本报见习记者 苏晴")."""
    matches: list[re.Match[str]] = []
    for match in pattern.finditer(text):
        if matches and text.count("\n", matches[-1].end(), match.start()) > 1:
            break
        matches.append(match)
    return matches


def _agency_like(name: str) -> bool:
    """An agency's name or an outlet's acronym ("By TPN"): no person, but credited when no
    person is."""
    return bool(AGENCY_RE.match(name) or ACRONYM_RE.match(name))


def _without_city(run: str) -> str:
    """A reporter's name with the city filed from run on ("张三北京", "楊淑媛台北"): without
    the city, which most often has two characters (北京, 台北, 上海), a name two or three."""
    if len(run) in (4, 5):
        return run[:-2]
    if len(run) == 6:
        return run[:-3]
    return run


def _person_link(a: HtmlElement) -> bool:
    return bool(PERSON_LINK_RE.search(a.get("href") or "")) and bool(_norm(a.text_content()))


def _after_heading(page: Page, *tags: str) -> list[HtmlElement]:
    """The elements of these tags after the page's first <h1> (all of them without one)."""
    elements = page.elements()
    start = next((i for i, el in enumerate(elements) if el.tag == "h1"), 0)
    return [el for el in elements[start:] if el.tag in tags]


def detect_lang(page: Page, text: str = "") -> str:
    """The page's declared language, else ``zh`` for mostly-CJK text, else ``en``."""
    if page.lang:
        return page.lang
    sample = (text or _page_text(page))[:5000]
    letters = len(WORD_RE.findall(sample))
    if not letters:
        return ""
    return "zh" if len(CJK_RE.findall(sample)) > letters * 0.3 else "en"
