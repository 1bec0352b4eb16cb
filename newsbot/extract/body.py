"""Article body: find the main content block of a page and clean it.

Works on a deep copy of the page tree (the shared tree is never mutated):

1. drop what is never content (scripts, navigation, forms controls, hidden parts) and the parts
   whose class/id says boilerplate (comments, share bars, related links, 相关, 推荐 ...);
2. score every text-holding block (length, punctuation incl. Chinese 。，, link density) and
   credit its ancestors, readability style, with class/id hints; pick the best container and
   the sibling blocks that look like more of the same article;
3. prune inside the container: link lists, captions, share/copyright/"责任编辑" lines;
4. serialise through :mod:`newsbot.clean` (allowlist sanitizer) for markup and text.

JSON-LD ``articleBody`` wins when it is a full text (clearly longer than the DOM result
would be a truncated teaser otherwise). A script-built page, whose markup holds no article,
gives the text its inline state object keeps (``window.__INITIAL_STATE__ = {…}``).
"""

from __future__ import annotations

import copy
import functools
import html as html_lib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import lxml.html
from lxml.html import HtmlElement

from newsbot.clean import BLOCK_TAGS, clean_body
from newsbot.extract.hanzi import either_script
from newsbot.extract.months import MONTH_NAMES
from newsbot.extract.options import DEFAULT_OPTIONS, ExtractOptions
from newsbot.extract.page import DATE_LABELS, Page
from newsbot.extract.rules import select_elements

__all__ = ["Body", "extract_body"]

# Never content, whatever the markup says.
DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "frame",
        "object",
        "embed",
        "applet",
        "select",
        "textarea",
        "input",
        "option",
        "link",
        "meta",
        "title",
        "canvas",
        "video",
        "audio",
        "map",
    }
)
# Page furniture, never content either, unless a broken page left its content inside it (an
# unclosed <button>) or a theme uses it for its main column (<aside>): these go only when they
# do not hold most of the page.
WRAPPER_TAGS = frozenset({"aside", "nav", "footer", "button", "dialog"})
WRAPPER_KEEP_SHARE = 0.5  # of the page's text: more, and the block is the page
# A form (sign-up, search, poll, login) with this little text, and the box around it that adds
# no more than this (its heading and pitch), is furniture. A form with more text wraps a page
# (ASP.NET pages put everything in one).
FORM_BOX_CHARS = 200
# A cookie consent notice: cookies, and the consent, partners or buttons asked for, in the
# languages of the sites that must ask; its box has no more text than this.
COOKIE_TEXT_XPATH = lxml.etree.XPath(
    "//text()[contains(., 'ookie') or contains(., 'OOKIE') or contains(., 'クッキー')"
    " or contains(., '쿠키')]"
)
CONSENT_RE = re.compile(
    r"consent|partners|accept|agree|zustimm|einwillig|akzeptier|accord|accepte|consentement|"
    r"partenaires|consenso|accett|partner|aceptar|acepto|consentimiento|socios|aceitar|"
    r"consentimento|parceiros|toestemming|akkoord|samtykke|godkänn|samtyck|zgod|akceptuj|"
    r"souhlas|hyväksy|согласи|同意|동의",
    re.IGNORECASE,
)
CONSENT_CHARS = 800  # the notice itself
CONSENT_BOX_CHARS = 200  # what its box adds: a heading, buttons, links
FORM_CONTROLS = ("input", "select", "textarea", "button")
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# A media player's box, by its class.
PLAYER_RE = re.compile(r"(?:^|[\s_-])(?:video|audio)?-?player(?:$|[\s_-])", re.IGNORECASE)
# A video or audio player's box by the words of its class ("su-video", "ts-mediaplayer",
# "video-player__cover"): with this little text (its title, duration and credit) and no
# quotation (an embedded post some sites put in a "video-container"), furniture.
PLAYER_WORDS = frozenset({"video", "videos", "mediaplayer", "videoplayer", "audioplayer"})
PLAYER_TEXT_CHARS = 300
MEDIA_WORD_RE = re.compile(r"video|audio|media", re.IGNORECASE)
# What makes a figure a picture's or a player's.
MEDIA_TAGS = ("img", "picture", "svg", "video", "audio", "iframe", "object")
# A block of this many teasers (headline link and summary) is more stories, not the article.
TEASER_BLOCK_ITEMS = 3
CONTAINER_TAGS = frozenset({"div", "td", "section", "article", "main", "body", "center", "form"})

# Class/id words. Negative parts are removed before scoring (unless they hold most of the page
# text); the positive ones raise a container's score.
NEGATIVE_RE = re.compile(
    either_script(
        r"comment|reply|replies|discuss|share|sharing|social|related|relevant|recommend|"
        r"sidebar|side-bar|side_bar|aside|widget|footer|breadcrumb|crumb|menu|navbar|nav-|-nav|"
        r"^nav|nav$|masthead|topbar|toolbar|subscribe|newsletter|signup|sign-up|promo|sponsor|"
        r"advert|(?:^|[\s_-])ads?(?:$|[\s_-])|banner|popup|pop-up|modal|cookie|consent|paywall|"
        r"outbrain|taboola|disqus|pagination|pager|login|logout|byline|"
        r"author-?(?:info|bio|box|card|profile|content)|about-?(?:the-?)?author|post-author|"
        r"tag-list|keyword|caption|credit|copyright|more-stories|read-more|readmore|"
        r"(?:img|image|photo|pic)[-_]?desc|"
        r"also-read|trending|most-popular|mostpopular|hot-news|hotnews|xgxw|xgwz|tuijian|"
        r"xiangguan|remen|jubao|fenxiang|pinglun|shoucang|dianzan|hidden|visually-hidden|"
        r"sr-only|screen-reader|header|timestamp|dateline|meta-?data|post-?meta|"
        r"popover|tooltip|rollover|hovercard|"
        r"相关|推荐|评论|分享|热门|导航"
    ),
    re.IGNORECASE,
)
# A subheading's class, which holds a negative word ("article__subheader", "sub-header"; the
# "header-anchor" of headings that markdown renderers and newsletter platforms link to).
SUBHEADING_RE = re.compile(
    r"sub-?_?head|inter-?titre|intertitle|zwischen-?(?:titel|überschrift|ueberschrift)|crosshead|"
    r"header-?anchor",
    re.IGNORECASE,
)
SUBHEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6", "p", "strong"})
# Short negative words, matched as whole words of a class or id ("icon", "hotRank",
# "print-only"), never inside another word ("externalicon", "blueprint", "silicon").
NEGATIVE_WORDS = frozenset(
    {"icon", "icons", "logo", "logos", "rank", "ranking", "print", "rss", "tags", "skip"}
)
CLASS_WORD_RE = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
POSITIVE_RE = re.compile(
    either_script(
        r"article|content|post|entry|story|body|text|main|detail|news|blog|column|"
        r"trs_editor|artibody|main-text|正文|zhengwen|neirong|wenzhang"
    ),
    re.IGNORECASE,
)
# Strong enough to keep an element whose class also has a negative word ("post-comments" is
# negative, "article-body" stays).
STRONG_POSITIVE_RE = re.compile(
    either_script(
        r"article-?body|articlebody|article-?content|article-?text|story-?body|post-?body|"
        r"post-?content|entry-?content|main-?text|trs_editor|artibody|正文"
    ),
    re.IGNORECASE,
)
# A class/id token that starts with one of these names the block itself (``comments``,
# ``comment-list``, ``related-posts``), unlike a state word on a wrapper (``has-comments``).
STRONG_NEGATIVE_RE = re.compile(
    either_script(
        r"^(?:comment|reply|replies|respond|disqus|related|recommend|sidebar|footer|pinglun|"
        r"share|social|评论|相关|推荐)"
    ),
    re.IGNORECASE,
)
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
SPACE_RE = re.compile(r"\s+")
CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
NON_CJK_RE = re.compile(r"[^\u3400-\u9fff\uf900-\ufaff]+")
PUNCT_RE = re.compile(r"[,.;:!?，。；：！？、]")
SENTENCE_END_RE = re.compile(r"[.!?。！？…”\"'’」』)）]\s*$")
# Whole short lines that are boilerplate in any article body.
BOILERPLATE_LINE_RE = re.compile(
    either_script(
        r"^\W{0,3}(?:责任编辑|责编|编辑|来源|稿源|原标题|本文来源|文章来源|声明|免责声明|图源|图片来源|"
        r"相关(?:新闻|阅读|链接|文章|报道)|推荐阅读|延伸阅读|热点推荐|更多|点击|返回|打印|关闭|"
        r"分享到|分享|收藏|举报|评论|网友评论|发表评论|上一篇|下一篇|"
        r"copyright|©|\(c\)|all rights reserved|share|share this|advertisement|"
        r"related|read more|read next|see also|more from|sign up|subscribe|follow us|"
        r"click here|continue reading|recommended|photo:|image:|getty images|"
        r"trending(?: now| topics| stories)?\W{0,3}$|"
        # Related links and ad labels in more languages (the labels as whole lines only:
        # "Anzeigen gegen Unbekannt ..." is a sentence).
        r"mehr zum thema|lesen sie auch|das könnte sie auch interessieren|à lire aussi|lire aussi|"
        r"sur le même sujet|leggi anche|lee también|leia também|les også|läs också|lees ook|"
        r"関連記事|関連ニュース|あわせて読みたい|관련\s?기사|ilgili haberler|читайте также|"
        r"см\. также|baca juga|xem thêm|zobacz (?:też|także)|czytaj (?:też|także)|čtěte také|"
        r"also read|"
        r"(?:anzeige|werbung|publicité|publicidad|pubblicità|advertentie|reklame|reklama|annonse|"
        r"annons|mainos|publicitat|reklam|hirdetés|διαφήμιση|реклама)\W{0,2}$)"
    ),
    re.IGNORECASE,
)
REPRODUCTION_RE = re.compile(
    r"may not be (?:re)?(?:produced|published)\b[\w\s,]{0,60}\b(?:rewritten|redistributed)",
    re.IGNORECASE,
)
REPRODUCTION_CHARS = 400
COPYRIGHT_RE = re.compile(
    either_script(
        r"版权所有|版权作品|copyright|©|all rights reserved|未经\S{0,4}授权|"
        r"禁止转载|不得转载|严禁转载"
    ),
    re.IGNORECASE,
)
# Characters lxml refuses in text nodes (binary junk decoded as text carries them).
# Control characters, and icon-font glyphs (the private use area): pictures, not text.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000-\uf8ff\ufffe\uffff]")
# The other entries of a feed (a live blog's posts) beside the one the best block is in.
FEED_ENTRIES = 2
# A layout's label repeated between the paragraphs: at most this long, at least this often.
LABEL_CHARS = 30
LABEL_REPEATS = 3
# A short block opening the trailing boilerplate: it and everything after it goes.
STOP_RE = re.compile(
    either_script(
        r"^\W{0,3}(?:反?(?:版权|免责|法律|侵权|转载)(?:声明|公告)|相关(?:新闻|阅读|文章|报道)|"
        r"延伸阅读|推荐阅读|热点推荐|related (?:articles|stories|posts|coverage)|more stories|"
        r"recommended for you|you may also like|read next|about the author|more from the author|"
        # A press release's end mark and its notes for the press ("ENDS", "###", "-30-").
        r"ends?|#{3}|-30-|notes? (?:to|for) (?:the )?editors?)"
        r"\W{0,3}$"
    ),
    re.IGNORECASE,
)
# The heading of the readers' comments ("评论", "3 Comments", "Leave a Reply").
COMMENTS_HEAD_RE = re.compile(
    either_script(
        r"^\W{0,3}(?:\d+\s*)?(?:(?:readers?'?|user|your) )?"
        r"(?:comments?|responses?|leave a (?:reply|comment)|kommentare|"
        r"commentaires|comentarios|commenti|(?:网友|读者|最新|热门|发表|全部)?评论|"
        # More languages: Portuguese, Dutch, Nordic, Polish, Czech, Russian, Turkish, Japanese,
        # Korean; and the form's own heading ("Добавить отзыв": add a review).
        r"comentários|reacties|kommentarer|komentarze|dodaj komentarz|komentáře|комментарии|"
        r"(?:добавить|оставить) (?:комментарий|отзыв)|отзывы|yorumlar|コメント|댓글|"
        # Catalan, Romanian, Hungarian, Finnish, Greek, Ukrainian.
        r"comentaris|comentarii|hozzászólások|kommentit|σχόλια|коментарі|postings?)"
        r"(?:\s*[(（]\d+[)）])?\W{0,3}$"
    ),
    re.IGNORECASE,
)
# The heading of a comment thread that names the post: "2 thoughts on “Title”", "3 Responses
# to “Title”", "2 Gedanken zu „Titel“".
COMMENTS_TITLED_RE = re.compile(
    r"^\W{0,3}(?:one|\d+)\s+(?:thoughts?|responses?|comments?|replies|gedanken|kommentare|"
    r"réflexions?|commentaires?|comentarios?|commenti)\s+(?:on|to|zu|sur|en|a|su)\s+\S",
    re.IGNORECASE,
)
COMMENTS_TITLED_CHARS = 200
# Elements that may hold a comments heading: headings, and leaves (a <p>, a <b> ...) of it alone.
COMMENTS_HEAD_TAGS = frozenset({*HEADINGS, "div", "p", "span", "strong", "b", "dt", "legend"})
CUT_AFTER_CHARS = 200  # article text before a comments heading or a paywall notice
# A paywall's notice: "この記事は会員限定です", "Subscribe to continue reading".
PAYWALL_RE = re.compile(
    either_script(
        r"会員限定|有料会員|会員登録|会员专享|付费阅读|付费内容|订阅后|可阅读全文|"
        r"subscribe to (?:continue|read)|"
        r"subscribe now|already a subscriber|for subscribers only|create an account to continue|"
        r"nur für abonnenten|jetzt abonnieren|votre abonnement|réservé aux abonnés|"
        r"exclusivo para suscriptores"
    ),
    re.IGNORECASE,
)
PAYWALL_LINE_CHARS = 80
# A line of paragraph length: what a paywall keeps from the page, what a class word needs.
PARAGRAPH_CHARS = 150
PARAGRAPH_CHARS_CJK = 60
# An editor/proof-reader credit closes a Chinese article: what follows it is page furniture.
EDITOR_LINE_RE = re.compile(
    either_script(
        r"^\W{0,3}(?:责任编辑|责编|编辑|校对|审核|审校|监制|值班编辑)\s*[：:|｜/]\s*.{0,24}$"
    )
)
# A line of publication and update labels and their dates only, wherever it stands.
DATE_LINE_CHARS = 160
# The word between a date label (:data:`~newsbot.extract.page.DATE_LABELS`) and its date.
DATE_LABEL_TAIL = r"(?:\s+(?:am|on|le|el|il|em|op))?\s*:?"
DATE_LINE_LABEL_RE = re.compile(
    # ("Sist oppdatert", "Senast uppdaterad", "Son güncelleme", "Zuletzt aktualisiert".)
    rf"\b(?:(?:last|sist|senast|son|zuletzt)\s+)?(?:published|posted|updated|{DATE_LABELS})\b"
    rf"{DATE_LABEL_TAIL}",
    re.IGNORECASE,
)
# What stands between such labels and dates: separators, "um", "Uhr", numbers.
# (Also a month's name, a time zone's abbreviation, and the PM mark of Arabic pages.)
DATE_LINE_FILLER_RE = re.compile(
    r"\b(?:uhr|um|at|à|h|kl|klo|am|pm|(?-i:[A-Z]{1,3}[SD]?T|UTC)|[صم])\b|[|/,.:;–—-]|\b\d+\b|"
    r"\b(?:" + "|".join(sorted(MONTH_NAMES, key=len, reverse=True)) + r")\b|"
    # Months cut to three letters and a dot ("24. okt. 2023", "14. mai 2024").
    r"\b(?:jan|feb|mar|apr|mai|maj|jun|jul|aug|sep|okt|oct|nov|dec|des|dez|ene|abr|ago|set|"
    r"dic|gen|mag|giu|lug|ott)\b",
    re.IGNORECASE,
)
# Leading lines that describe the article instead of being part of it: dates, 来源/作者/字号
# labels, counters, font-size and share controls, bylines, photo credits.
DATE_CUE_RE = re.compile(
    either_script(
        r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|\b\d{1,2}:\d{2}\b|"
        r"\b\d{1,2}\.\s?\d{1,2}\.\s?\d{4}\b|"
        r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}\b|"
        r"\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* \d{4}\b|"
        r"\b(?:\d+|an?) (?:minutes?|hours?|days?) ago\b|[前昨今]天|\d+\s*(?:分钟|小时|天)前"
    ),
    re.IGNORECASE,
)
META_LABEL_RE = re.compile(
    either_script(
        r"(?:来源|稿源|出处|作者|字号|发布时间|发布日期|发表时间|更新时间|时间|日期)\s*[：:]|发表于|"
        r"编辑\s*[：:|｜]|阅读(?:数|量)?\s*[：:]|\d+\s*(?:次阅读|次浏览|人参与|条评论|人阅读)|"
        r"浏览(?:次数|量)?\s*[：:]|点击(?:数|量|率)\s*[：:]|摄影\s*[：:/|｜]|图片来源|原创|"
        r"^(?:by|posted|published|updated|last updated|written by|photo(?:graph)?s? by)\b|"
        # A publication or update label and its date: "Publiziert: 16.02.2025 um 13:57 Uhr",
        # "Seiffen. Erschienen am 27.11.2024", "Stand: 13. März 2025".
        rf"\b{DATE_LABELS}{DATE_LABEL_TAIL}\s*\d|"
        r"\bmin(?:ute)?s? read\b"
    ),
    re.IGNORECASE,
)
UI_LINE_RE = re.compile(
    either_script(
        r"^(?:[\s|｜/·•:：\[\]【】()（）]|字号|超大|大|中|小|标准|默认|打印|分享到?|收藏|举报|关注|"
        r"放大字体|缩小字体|放大|缩小|A\+|A-|微博|微信|QQ空间|腾讯QQ|复制链接|\d+)+$"
    ),
    re.IGNORECASE,
)
BYLINE_LINE_RE = re.compile(
    either_script(
        r"^\W{0,2}(?:[\u4e00-\u9fff]{0,8}(?:记者|通讯员|特约撰稿人?|撰稿人?)|文|作者|撰文|采写|图文|"
        r"图|摄影|编译|整理)\s*[：:/|｜／ ]\s*[\u4e00-\u9fffA-Za-z·]{2,12}"
        r"(?:[\s、，,]+[\u4e00-\u9fffA-Za-z·]{2,12}){0,4}\W{0,2}$|"
        # Taiwan's form, the names right after 记者 and the city filed from: "記者黃詠晴／花蓮報導".
        r"^\W{0,2}[\u4e00-\u9fff]{0,8}记者[\u4e00-\u9fff·]{2,4}(?:、[\u4e00-\u9fff·]{2,4}){0,3}"
        r"\s*[／/]\s*[\u4e00-\u9fff]{2,8}(?:报导|报道)\W{0,2}$"
    )
)
# A kicker or section label of one or two words over the article, without punctuation.
KICKER_RE = re.compile(r"^[^\W\d][\w-]{0,19}(?: [\w-]{1,20})?$")
# A breadcrumb trail: short names joined by arrows ("Home > News > Local", "首页 > 新闻").
BREADCRUMB_RE = re.compile(r"^(?:[^>›»\n]{1,30}?\s*[>›»]\s*){1,6}[^>›»\n]{1,40}$")
SUMMARY_LABEL_RE = re.compile(
    either_script(r"^\W{0,2}(?:摘要|内容摘要|内容提要|提要|导读|summary)\s*[：:]\s*"), re.IGNORECASE
)
# Calls to action stuck on top of an article (votes, apps, QR codes).
PROMO_RE = re.compile(
    either_script(
        r"【[^】]{0,8}点击[^】]{0,8}】|点击(?:投票|查看|进入|下载|报名|购买|观看|订阅|收听|参与)|"
        r"扫码|扫一扫|二维码|下载[^，。]{0,8}(?:APP|App|app|客户端)"
    )
)
# Short trailing blocks that are page furniture, not the article's end.
TAIL_JUNK_RE = re.compile(
    either_script(
        r"扫一扫|扫描|二维码|公众号|微信号|关注我们|^\W{0,2}(?:推荐|点赞|赞|在看|赞赏|分享|收藏|"
        r"举报|评论|跟帖)\W{0,2}\d*\W{0,2}$|我要跟帖|我要评论|相关(?:推荐|文章|新闻|阅读|热门)|"
        r"热门(?:文章|推荐|新闻)|本文来自|查看更多|返回首页|更多(?:原创)?(?:资讯|精彩|内容)|下载[^，。]{0,8}(?:APP|客户端)|"
        r"^\W{0,3}(?:read more|related|more:|see also|sign up|subscribe|follow us|follow \w+ on|"
        r"photo(?:graph)?s?:|photo(?:graph)? by|image:|credit:|getty images|newsletter)\b|"
        r"\b(?:sign up for|subscribe to) (?:our|the)\b|\bnewsletter\b|"
        # A subscription pitch: "By subscribing, you can help us get the story right."
        r"\bby subscribing\b|\bsupport (?:our|local|independent|quality) journalism\b|"
        r"^\W{0,2}(?:comments?|topics|tags|share|print|email|advertisement|anzeige|werbung|"
        r"sponsored(?: content)?)\W{0,2}$|^(?:updated|published|posted|last updated)\b.{0,40}$|"
        r"\bshare (?:it|this)(?: story| article| post)? with\b|\bcontributed to this report\b|"
        r"\baffiliate (?:commission|links?)\b|\bmay (?:earn|get|receive) (?:an? )?(?:\w+ )?"
        r"(?:commission|(?:share|portion) of (?:the )?sales?)\b|"
        r"\bif you (?:buy|purchase) something through\b|"
        # A tabloid's call for tips: "Do you have a story to sell?", "GOT a story? RING The
        # Sun", "Get in touch with our news team by emailing us at ...", "For more stories like
        # this, ...".
        r"^\W{0,2}(?:do you have a story|got a story|have you got a story|"
        r"get in touch with (?:us|our news team)|for more stories like this|"
        r"vet du mer(?=\?)|tipsa oss|tips oss|har du et tip)\b|"
        # The reporter's e-mail address alone on the last line ("psm@yna.co.kr", "Contact:
        # desk@example.com"); an app to download ("Download the Punch Lite App on Google Play").
        r"^\W{0,2}(?:(?:contact|e-?mail)\s*:\s*)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\W{0,2}$|"
        r"^\W{0,2}(?:download|get) (?:the|our) [\w ]{0,30}\bapp\b|"
        # Who reported, edited and supplied it: "Quelle: dpa", "(Reporting by A; Editing by B)".
        r"^\W{0,2}(?:quellen?|sources?|kilde[rn]?|källa|källor|fuentes?|fontes?|bronn?en?|kaynak)"
        r"\s*:|"
        r"^\W{0,2}(?:(?:additional )?reporting by|editing by|compiled by|"
        r"mit material (?:von|der))\b"
    ),
    re.IGNORECASE,
)
# A platform's or outlet's statement closing the article: "特别声明：本文为网易号作者上传并发布…".
DISCLAIMER_RE = re.compile(either_script(r"^\W{0,3}(?:特别|免责|版权|郑重|法律|平台)声明\s*[：:]"))
DISCLAIMER_CHARS = 200
# A self-media platform's statement without its label, in Chinese or English: "本文为澎湃号作者
# 或机构在澎湃新闻上传并发布，仅代表该作者或机构观点…", "…本平台仅提供信息存储服务。",
# "Notice: The content above … is uploaded and posted by a user of …".
PLATFORM_NOTICE_RE = re.compile(
    either_script(
        r"仅代表(?:该)?作者(?:或机构)?(?:个人)?(?:观点|立场)|仅提供信息(?:存储|发布)(?:空间|服务|平台)|"
        r"\buploaded and posted by (?:a )?users? of\b|\bonly provides information storage\b"
    ),
    re.IGNORECASE,
)
# A picture's caption on Chinese sites, marked with a triangle: "▲砂卡礑步道前段已完成修复".
MARKED_CAPTION_RE = re.compile(r"^\s*[▲△]")
MARKED_CAPTION_CHARS = 120
# An author bio closing an English article: "Jane Doe is a reporter at ...", "Sam covers ...
# for ...". (Author boxes marked up as such go with their class, see NEGATIVE_RE.)
BIO_RE = re.compile(
    r"^(?:[A-Z][\w'’.\-]+ ){1,4}(?:is|was|has been|covers|writes|reports|ist|war|est|es|er|är)\b",
)
BIO_CUE_RE = re.compile(
    r"\b(?:writer|reporter|editor|correspondent|journalist|columnist|contributor|author|"
    r"producer|fellow|blogger|freelancer?|podcast|based in|covers|"
    r"writes (?:about|for))\b|"
    # The same roles in other languages, also as the last part of a compound (ZDF-Reporterin).
    r"(?:reporter|redakteur|korrespondent|journalist|autor|kolumnist)(?:in)?\b|"
    r"\b(?:journaliste|rédact(?:eur|rice)|correspondante?|periodista|redactora?|corresponsal)\b",
    re.IGNORECASE,
)
ORIGINAL_TITLE_RE = re.compile(either_script(r"^\W{0,3}(?:本文)?原(?:标)?题\s*[：:为]"))
SENTENCE_CJK_RE = re.compile(r"[。！？；]")
# Markup and character references in text that should be plain (JSON-LD ``articleBody``).
LD_MARKUP_RE = re.compile(
    r"<(?:/?(?:p|br|div|span|a|b|i|u|strong|em|h[1-6]|ul|ol|li|img|figure|figcaption|"
    r"blockquote|table|tr|td|section|article|script|style|iframe)\b[^>]*|!--)>?",
    re.IGNORECASE,
)
LD_ENTITY_RE = re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]{1,9}|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});")
# A script-built page keeps its article in a state object for its script to render
# (``window.DATA = {…}``, ``__INITIAL_STATE__``, Next.js's ``__NEXT_DATA__``): as a string
# with paragraph markup, or as a list of blocks each with its text. Read only when the markup
# holds no article.
STATE_START_RE = re.compile(r"(?:^|[=(])\s*(?=\{)")
STATE_SCRIPT_CHARS = 2_000_000
STATE_DEPTH = 16
STATE_BLOCK_KEYS = ("text", "value", "content", "html", "desc")
STATE_BLOCKS = 3  # blocks with text, at the least, in a list that is an article's
STATE_BLOCK_CHARS = 25  # on average: a menu's or a tag list's items are shorter
STATE_SHARE = 0.5  # of the least body the markup must give: the state's text is not a guess
STATE_MARKUP_RE = re.compile(r"<(?:p|br|h[2-6]|li|div)\b[^>]*>", re.IGNORECASE)
URLISH_RE = re.compile(r"(?:https?:)?//|/\S*$|data:")
MIN_TEXT = 25
MIN_TEXT_CJK = 10
PARAGRAPH_WRAPPERS = 3  # <div>s around one paragraph alone, as part of it
INVISIBLE_TAGS = frozenset({"script", "style", "noscript", "template"})


@dataclass(frozen=True)
class Body:
    html: str
    text: str
    source: str  # "rule", "dom", "json-ld" or "" when nothing was found


def _norm(text: str | None) -> str:
    """Runs of whitespace as one space, none at the ends (``str.split`` splits on the same
    whitespace as ``\\s``)."""
    return " ".join(text.split()) if text else ""


def _attrs(el: HtmlElement) -> str:
    """Class and id words that say what an element is. Utility classes with a variant
    prefix (``print:hidden``, ``dark:text-white``, ``md:flex``) say how it looks: left out."""
    classes = " ".join(t for t in (el.get("class") or "").split() if ":" not in t)
    # Script-built pages name their blocks in test and component attributes instead
    # (data-component="newsletter-signup", data-testid="related-stories").
    named = " ".join(el.get(a) or "" for a in ("id", "data-component", "data-testid"))
    return f"{classes} {named}".strip()


@functools.lru_cache(maxsize=8192)
def _is_negative(attrs: str) -> bool:
    if NEGATIVE_RE.search(attrs):
        return True
    # The short words count in a class's name, not in a variant of it after "--" (BEM):
    # "RichText--iconLinks" is text whose links carry icons.
    names = " ".join(token.split("--", 1)[0] for token in attrs.split())
    return any(w.lower() in NEGATIVE_WORDS for w in CLASS_WORD_RE.findall(names))


@functools.lru_cache(maxsize=8192)
def _is_player(attrs: str) -> bool:
    """A video or audio player's class: a player word, or "player" beside "video", "audio"
    or "media" ("metro-video-player"; a "player" alone may be a sportsman's)."""
    low = attrs.lower()
    if "video" not in low and "player" not in low:
        return False  # (most classes: no search needed)
    if PLAYER_RE.search(attrs) and MEDIA_WORD_RE.search(attrs):
        return True
    return any(w.lower() in PLAYER_WORDS for w in CLASS_WORD_RE.findall(attrs))


def _is_cjk(text: str) -> bool:
    """Whether more than a fifth of the first 400 characters are CJK ideographs."""
    head = text[:400]
    if head.isascii():
        return False
    return len(NON_CJK_RE.sub("", head)) > len(head) * 0.2


def _hidden(el: HtmlElement) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    return bool(style and HIDDEN_STYLE_RE.search(style))


def _drop(el: HtmlElement) -> None:
    """Remove ``el`` but keep its tail text in the document."""
    parent = el.getparent()
    if parent is not None:
        el.drop_tree()


def _visible_lens(el: HtmlElement, inner: HtmlElement) -> tuple[int, int]:
    """Lengths of the normalised text of ``el`` and of ``inner`` (``el`` or an element inside
    it) outside scripts, styles and templates, from one walk."""
    parts = [el.text or ""]
    start, end = (0, None) if inner is el else (None, None)
    stack = [(el, iter(el))]
    while stack:
        node, children = stack[-1]
        for child in children:
            if isinstance(child.tag, str) and child.tag not in INVISIBLE_TAGS:
                if child is inner:
                    start = len(parts)
                parts.append(child.text or "")
                stack.append((child, iter(child)))
                break
            parts.append(child.tail or "")  # a comment's or a script's tail is text
        else:
            stack.pop()
            if node is inner:
                end = len(parts)
            if stack:
                parts.append(node.tail or "")
    inner_len = len(_norm("".join(parts[start:end]))) if start is not None else 0
    return len(_norm("".join(parts))), inner_len


def _visible_len(el: HtmlElement) -> int:
    """Length of the normalised text of ``el`` outside scripts, styles and templates."""
    return _visible_lens(el, el)[0]


def _text_len(el: HtmlElement) -> int:
    return len(_norm(el.text_content()))


def _link_len(el: HtmlElement) -> int:
    return sum(_text_len(a) for a in el.iter("a"))


def _link_density(
    el: HtmlElement, length: int | None = None, lengths: TextLengths | None = None
) -> float:
    if lengths is not None:
        length = lengths.text(el) if length is None else length
        return lengths.links(el) / length if length else 0.0
    length = _text_len(el) if length is None else length
    return _link_len(el) / length if length else 0.0


# The normalised length of a text (``len(_norm(text))``) is not the sum of its pieces': runs of
# spaces across a boundary collapse into one. A piece is summed up as (length with its spaces
# collapsed, starts with a space, ends with a space), and two such summaries combine exactly.
_Span = tuple[int, bool, bool]
_EMPTY: _Span = (0, False, False)


def _span(text: str | None) -> _Span:
    if not text:
        return _EMPTY
    words = text.split()  # the same whitespace as SPACE_RE's \s
    if not words:
        return (1, True, True)
    lead, trail = text[0].isspace(), text[-1].isspace()
    return (sum(map(len, words)) + len(words) - 1 + lead + trail, lead, trail)


def _join(a: _Span, b: _Span) -> _Span:
    if not a[0]:
        return b
    if not b[0]:
        return a
    return (a[0] + b[0] - (a[2] and b[1]), a[1], b[2])


class TextLengths:
    """``len(_norm(el.text_content()))`` and the link text length (``_link_len``) of every
    element under ``root``, computed once, bottom-up. Valid while the tree is not changed."""

    def __init__(self, root: HtmlElement) -> None:
        self._spans: dict[HtmlElement, _Span] = {}
        self._links: dict[HtmlElement, int] = {}
        # Post-order walk with an explicit stack (pages nest deeper than Python recurses).
        stack = [(root, iter(root), _span(root.text), 0)]
        while stack:
            node, children, span, links = stack[-1]
            for child in children:
                if isinstance(child.tag, str):
                    stack[-1] = (node, children, span, links)
                    stack.append((child, iter(child), _span(child.text), 0))
                    break
                # A comment or processing instruction: only its tail is text.
                span = _join(span, _span(child.tail))
            else:
                stack.pop()
                self._spans[node] = span
                if node.tag == "a":
                    links += self.text(node)
                self._links[node] = links
                if stack:
                    parent, siblings, parent_span, parent_links = stack[-1]
                    parent_span = _join(_join(parent_span, span), _span(node.tail))
                    stack[-1] = (parent, siblings, parent_span, parent_links + links)

    def text(self, el: HtmlElement) -> int:
        n, lead, trail = self._spans[el]
        return max(0, n - lead - trail)

    def links(self, el: HtmlElement) -> int:
        return self._links[el]

    def has(self, el: HtmlElement) -> bool:
        return el in self._spans


def _prepare(
    root: HtmlElement,
    remove: Sequence[str] | None,
    options: ExtractOptions = DEFAULT_OPTIONS,
    by_class: bool = True,
) -> None:
    """Drop what is never content from ``root`` (a private copy): by tag, and when
    ``by_class`` also by class/id words."""
    for el in select_elements(root, remove):
        _drop(el)
    for el in list(root.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction)):
        _drop(el)
    wrappers = []
    forms = []
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        if el.tag == "form" and next(el.iter(*FORM_CONTROLS), None) is not None:
            forms.append(el)  # seen before its controls go below
        if el.tag in WRAPPER_TAGS or (el.tag not in ("html", "body") and _hidden(el)):
            wrappers.append(el)
        elif el.tag in DROP_TAGS:
            _drop(el)
    # Page furniture, unless it holds most of the page: a broken page can leave its whole
    # content inside an unclosed <button> or <aside>, or hidden until a script shows it.
    lengths = TextLengths(root)
    total = lengths.text(root) or 1
    for el in wrappers:
        if not lengths.has(el):
            continue  # inside something dropped above
        if lengths.text(el) <= total * WRAPPER_KEEP_SHARE:
            _drop(el)
    for form in forms:
        _drop_form_box(root, form, lengths)
    _drop_consent_notices(root, lengths)
    _drop_comment_threads(root, lengths)
    if not by_class:
        return
    # Each element's text is measured before any of it is dropped: the loop visits an element
    # before its descendants, and a drop moves text only into what was visited already.
    lengths = TextLengths(root)
    total = lengths.text(root) or 1
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.tag in ("html", "body") or el.getparent() is None:
            continue
        attrs = _attrs(el)
        if (
            _is_player(attrs)
            and lengths.text(el) <= PLAYER_TEXT_CHARS
            and el.find(".//blockquote") is None
        ):
            _drop(el)
            continue
        if el.tag == "header" or el.tag == "figcaption":
            attrs = f"{attrs} header"
        if not attrs or not _is_negative(attrs) or STRONG_POSITIVE_RE.search(attrs):
            continue
        if el.tag in SUBHEADING_TAGS and SUBHEADING_RE.search(attrs):
            continue  # "article__subheader": a subheading of the text, not a page header
        # A negative word on a wrapper of most of the page ("page-with-sidebar") is not
        # boilerplate.
        strong = any(STRONG_NEGATIVE_RE.match(token) for token in attrs.split())
        if not strong and lengths.text(el) > total * options.negative_keep_share:
            continue
        _drop(el)


def _drop_form_box(root: HtmlElement, form: HtmlElement, lengths: TextLengths) -> None:
    """Drop a short form and the box that introduces it (a newsletter sign-up's heading and
    pitch, a search field's label) from the article around it: up from the form while each
    step adds no more than :data:`FORM_BOX_CHARS` of text."""
    if not lengths.has(form) or lengths.text(form) > FORM_BOX_CHARS:
        return  # (not measured: inside something dropped before)
    # (Inside furniture dropped since, whatever the climb drops is off the page already.)
    box = form
    parent = box.getparent()
    while (
        parent is not root
        and parent is not None
        and lengths.text(parent) - lengths.text(box) <= FORM_BOX_CHARS
    ):
        box, parent = parent, parent.getparent()
    _drop(box)


def _drop_consent_notices(root: HtmlElement, lengths: TextLengths) -> None:
    """Drop the cookie consent notice ("We and our partners use cookies ... Accept"), in any
    of its usual languages, where its box is not named as such: from the innermost block that
    says so, up while each step adds no more than :data:`CONSENT_BOX_CHARS` of text (its
    heading, its buttons). A paragraph that would go alone is an article's, about cookies."""
    found: list[HtmlElement] = []
    for node in COOKIE_TEXT_XPATH(root):
        el = node.getparent()
        while el is not None and el is not root:
            if el.tag in ("p", "div", "span") and lengths.has(el):
                if lengths.text(el) > CONSENT_CHARS:
                    break
                if CONSENT_RE.search(el.text_content()):
                    if el not in found:
                        found.append(el)
                    break
            el = el.getparent()
    gone: list[HtmlElement] = []
    for el in found:
        ancestors = list(el.iterancestors())
        if any(a in gone or a in found for a in ancestors) or any(
            _is_negative(_attrs(a)) for a in (el, *ancestors) if _attrs(a)
        ):
            # Inside a box dropped here or said so itself, or one named as such ("cookie-
            # banner") that goes by its class.
            continue
        box, parent = el, el.getparent()
        while (
            parent is not None
            and parent is not root
            and lengths.text(parent) - lengths.text(box) <= CONSENT_BOX_CHARS
        ):
            box, parent = parent, parent.getparent()
        if box is not el or el.tag != "p":
            gone.append(box)
            _drop(box)


def _drop_comment_threads(root: HtmlElement, lengths: TextLengths) -> None:
    """Drop readers' comments: what comes after a comments heading ("3 Comments", "发表评论")
    in its section, when the heading follows some article text (measured with ``lengths``,
    the text lengths of the tree before the furniture was dropped). Class words may name the
    thread too, but not every page has them, and a thread longer than the post would
    otherwise outscore it."""
    seen = 0
    starts = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if (
            seen >= CUT_AFTER_CHARS
            and el.tag in COMMENTS_HEAD_TAGS
            and (el.tag in HEADINGS or not len(el))
            and _is_comments_heading(_norm(el.text_content()))
            and next(el.iterancestors("a"), None) is None
        ):
            starts.append(el)
        elif el.tag == "p" or _is_paragraph_div(el):
            # (``lengths`` was measured before the furniture went: it may count a dropped
            # part of a paragraph, which only moves this threshold by that much.)
            length = lengths.text(el) if lengths.has(el) else 0
            if length >= MIN_TEXT or (length >= MIN_TEXT_CJK and _is_cjk(_norm(el.text_content()))):
                seen += length
    for start in starts:
        if not any(node is root for node in start.iterancestors()):
            continue  # in a thread already dropped
        node = start
        text = _norm(node.text_content())
        # Up from a wrapper that holds the heading alone.
        while (
            node.getparent() is not None
            and node.getparent() is not root
            and _norm(node.getparent().text_content()) == text
        ):
            node = node.getparent()
        # The heading itself stays: the body's tail cut (:func:`_cut_tail`) ends there.
        for sibling in list(node.itersiblings()):
            _drop(sibling)


def _own_text(el: HtmlElement, lengths: TextLengths) -> tuple[str, int]:
    """Text of ``el`` outside its block children, and how much of it is link text."""
    parts = [el.text or ""]
    links = 0
    for child in el:
        if not isinstance(child.tag, str):
            parts.append(child.tail or "")
            continue
        if child.tag not in BLOCK_TAGS or child.tag == "br":
            parts.append(child.text_content())
            links += lengths.links(child)
        parts.append(child.tail or "")
    return _norm("".join(parts)), links


def _paragraph_score(text: str) -> float:
    cjk = _is_cjk(text)
    punct = len(PUNCT_RE.findall(text))
    # Chinese packs about three times more per character than English.
    length = len(text) * (3 if cjk else 1)
    return 1.0 + punct + min(length / 100, 3.0)


def _class_weight(el: HtmlElement) -> float:
    attrs = _attrs(el)
    if not attrs:
        return 0.0
    weight = 0.0
    if STRONG_POSITIVE_RE.search(attrs):
        weight += 50
    elif POSITIVE_RE.search(attrs):
        weight += 25
    if _is_negative(attrs):
        weight -= 25
    return weight


def _tag_weight(tag: str) -> float:
    if tag in ("div", "article", "section", "main"):
        return 5.0
    if tag in ("pre", "td", "blockquote"):
        return 3.0
    if tag in ("address", "ol", "ul", "dl", "dd", "dt", "li", "form"):
        return -3.0
    if tag in HEADINGS or tag == "th":
        return -5.0
    return 0.0


def _candidates(root: HtmlElement, lengths: TextLengths | None = None) -> dict[HtmlElement, float]:
    lengths = TextLengths(root) if lengths is None else lengths
    scores: dict[HtmlElement, float] = {}

    def credit(el: HtmlElement | None, value: float) -> None:
        if el is None or not isinstance(el.tag, str):
            return
        scores[el] = scores.get(el, 0.0) + value

    # Blocks inside a link are a teaser's parts (a card's headline and summary), link text.
    linked = {node for a in root.iter("a") for node in a.iterdescendants()}
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag not in BLOCK_TAGS or el.tag in HEADINGS:
            continue
        if el in linked:
            continue
        text, links = _own_text(el, lengths)
        if len(text) < (MIN_TEXT_CJK if _is_cjk(text) else MIN_TEXT):
            continue
        if links > len(text) * 0.5:
            continue
        # Teaser items (a headline link and a summary) are listings, not article paragraphs.
        if el.tag == "li" and _is_teaser(el, len(text), links):
            continue
        value = _paragraph_score(text)
        # A block holding text directly (``<td>`` or ``<div>`` with ``<br>`` lines) is a
        # container candidate itself; a ``<p>`` credits its parents.
        level = 1 if el.tag in CONTAINER_TAGS and not _is_paragraph_div(el) else 0
        node: HtmlElement | None = el if level else el.getparent()
        if not level:
            # <div>s around this paragraph alone (<div class="paragraph"><p>...</p></div>)
            # are part of it: they and the block above them are credited in full.
            own = lengths.text(el)
            for _ in range(PARAGRAPH_WRAPPERS):
                parent = node.getparent() if node is not None else None
                if (
                    node is None
                    or node.tag != "div"
                    or lengths.text(node) > own
                    or parent is None
                    or parent.tag in ("body", "html")
                ):
                    break
                credit(node, value)
                node = parent
        depth = 0
        while node is not None and depth < 4:
            credit(node, value / (1 if depth == 0 else depth * 2))
            node = node.getparent()
            depth += 1
    final: dict[HtmlElement, float] = {}
    for el, content in scores.items():
        score = content + _tag_weight(el.tag) + _counted_class_weight(el, lengths)
        final[el] = score * (1 - _link_density(el, lengths=lengths))
    return final


def _counted_class_weight(el: HtmlElement, lengths: TextLengths) -> float:
    """The class words' weight on ``el``. They say nothing of a line too short to be a
    paragraph: a "headline-text" line in a teaser box does not outweigh an article."""
    return _class_weight(el) if lengths.text(el) >= PARAGRAPH_CHARS else 0.0


def _is_paragraph_div(el: HtmlElement) -> bool:
    """A ``<div>`` that holds one run of text and no block: a paragraph written as a div,
    which credits its container as a ``<p>`` does."""
    return el.tag == "div" and not any(
        isinstance(child.tag, str) and child.tag in BLOCK_TAGS for child in el
    )


def _wraps_a_paragraph(el: HtmlElement) -> bool:
    """Whether ``el`` is a wrapper of one paragraph alone: ``<div><div><p>...</p></div></div>``."""
    node = el
    while node.tag == "div" and not _norm(node.text):
        children = [c for c in node if isinstance(c.tag, str)]
        if len(children) != 1 or _norm(children[0].tail):
            return False
        node = children[0]
    return node is not el and (node.tag == "p" or _is_paragraph_div(node))


def _pick(
    root: HtmlElement,
    scores: dict[HtmlElement, float] | None = None,
    top: HtmlElement | None = None,
    options: ExtractOptions = DEFAULT_OPTIONS,
    lengths: TextLengths | None = None,
) -> list[HtmlElement]:
    lengths = TextLengths(root) if lengths is None else lengths
    scores = _candidates(root, lengths) if scores is None else scores
    if not scores:
        return []
    top = max(scores, key=lambda el: scores[el]) if top is None else top
    top_score = scores[top]
    class_part = max(_counted_class_weight(top, lengths), 0.0)
    # Climb while the parent is only a thin wrapper of the same text (adds at most 5%).
    parent = top.getparent()
    while parent is not None and parent.tag not in ("body", "html"):
        parent_len = lengths.text(parent)
        if (
            parent_len and lengths.text(top) / parent_len > options.wrapper_share
        ) or _entry_of_a_feed(top, parent):
            top = parent
            parent = top.getparent()
        else:
            break
    if parent is None or top.tag in ("body", "html"):
        return [top]
    # Measured against the best block's text, not its class word: a part of the article
    # beside a block classed "post-entry" is as much article as that block.
    threshold = max(10.0, (top_score - class_part) * options.sibling_share)
    top_class = top.get("class")
    picked: list[HtmlElement] = []
    before = True  # the sibling comes before the best block
    for sibling in parent:
        if not isinstance(sibling.tag, str):
            continue
        if sibling is top:
            picked.append(sibling)
            before = False
            continue
        same_class = bool(top_class) and sibling.get("class") == top_class
        bonus = top_score * options.same_class_bonus if same_class else 0.0
        # An article split across sibling containers of one kind (ads or related links
        # between them): a part's score may sit on a block deep inside it.
        inner = _inner_score(sibling, scores) if same_class else 0.0
        if (sibling in scores and scores[sibling] + bonus >= threshold) or (
            inner > 0 and inner + bonus >= threshold
        ):
            picked.append(sibling)
        elif (
            sibling.tag in ("p", "blockquote", "pre")
            or sibling.tag in HEADINGS
            or _is_paragraph_div(sibling)
            # The article's lead in a wrapper of its own; after the article, such a box is a
            # promotion (a newsletter, an app).
            or (before and _wraps_a_paragraph(sibling))
        ):
            text = _norm(sibling.text_content())
            ld = _link_density(sibling, len(text), lengths)
            cjk = _is_cjk(text)
            # A <div> line joins as a paragraph only when it ends as prose does: a caption
            # "(AFP / J. Doe)" or a "views (1660) | 12:30" line of a post does not.
            prose = PUNCT_RE.search(text[-2:]) is not None
            long_enough = len(text) > (40 if cjk else 80) and ld < 0.25
            if (long_enough and (prose or sibling.tag != "div")) or (
                len(text) > (5 if cjk else 15) and ld == 0 and prose and sibling.tag not in HEADINGS
            ):
                picked.append(sibling)
    return picked


def _entry_of_a_feed(top: HtmlElement, parent: HtmlElement) -> bool:
    """Whether ``parent`` is one entry of a feed that holds the article: a live blog's posts,
    each its own ``<article class="lb-post">`` with a text block like ``top``. Two or more
    siblings of the parent's tag and class hold a block of the top's tag and class."""
    cls, parent_cls = top.get("class"), parent.get("class")
    grand = parent.getparent()
    if not cls or not parent_cls or grand is None:
        return False
    entries = [
        s
        for s in grand
        if s is not parent
        and s.tag == parent.tag
        and s.get("class") == parent_cls
        and any(d.get("class") == cls and d.tag == top.tag for d in s.iterdescendants())
    ]
    return len(entries) >= FEED_ENTRIES


def _inner_score(el: HtmlElement, scores: dict[HtmlElement, float]) -> float:
    """The best score of ``el`` or of a block inside it."""
    best = scores.get(el, 0.0)
    for node in el.iterdescendants():
        best = max(best, scores.get(node, 0.0))
    return best


def _is_date_line(text: str) -> bool:
    """A line that only dates the article: labels and their dates, nothing said
    ("Publiziert: 16.02.2025 um 13:57 Uhr | Aktualisiert: …", "Stand: 13. März 2025")."""
    if len(text) > DATE_LINE_CHARS or not DATE_LINE_LABEL_RE.search(text):
        return False
    rest = DATE_LINE_LABEL_RE.sub(" ", DATE_CUE_RE.sub(" ", text))
    return len(DATE_LINE_FILLER_RE.sub(" ", rest).split()) <= 1


def _is_boilerplate_block(el: HtmlElement, text: str) -> bool:
    length = len(text)
    if not length:
        return el.find(".//img") is None
    if _is_date_line(text):
        return True
    cjk = _is_cjk(text)
    if length < (60 if cjk else 120) and BOILERPLATE_LINE_RE.search(text):
        return True
    return _is_copyright_line(text)


def _leading_link(el: HtmlElement) -> HtmlElement | None:
    """The link or heading that opens ``el`` with no text before it, if any."""
    if (el.text or "").strip():
        return None
    for child in el:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "a" or child.tag in HEADINGS:
            return child
        if (child.text_content() or "").strip():
            return _leading_link(child)
        if (child.tail or "").strip():
            return None
    return None


def _text_after(node: HtmlElement, item: HtmlElement) -> str:
    """The inline text that follows ``node`` inside ``item``: empty where a block or the end
    of ``item`` comes first."""
    while node is not item:
        after = node.tail or ""
        sibling = node.getnext()
        while not after.strip() and sibling is not None:
            if isinstance(sibling.tag, str):
                if sibling.tag in BLOCK_TAGS:
                    return ""
                after += sibling.text_content()
            after += sibling.tail or ""
            sibling = sibling.getnext()
        if after.strip():
            return after
        parent = node.getparent()
        if parent is None:
            return ""
        node = parent
    return ""


def _runs_on(lead: HtmlElement, item: HtmlElement) -> bool:
    """Whether the sentence goes on after the opening link (a name: "<a>Jane Doe</a> said",
    "<a>Doe</a>, the mayor", "<a>Doe</a>'s plan", "<a>张三</a>表示"), where a headline stands
    apart: in a heading, or followed by a block, a line break, a separator or a new sentence."""
    if lead.tag != "a" or any(
        isinstance(d.tag, str) and d.tag in BLOCK_TAGS for d in lead.iterdescendants()
    ):
        return False
    after = _text_after(lead, item)
    rest = after.lstrip()
    if not rest:
        return False
    first = rest[0]
    if first in ",;" or first.islower():
        return True
    # Glued on, with no space between.
    return not after[0].isspace() and (first in "'’" or bool(CJK_RE.match(first)))


def _is_teaser(el: HtmlElement, length: int, links: int) -> bool:
    """A headline link followed by a summary: listing material, not article text."""
    if links <= length * 0.15:
        return False
    lead = _leading_link(el)
    return lead is not None and not _runs_on(lead, el)


def _is_teaser_block(el: HtmlElement) -> bool:
    """A block of at least three items, most of them teasers (a headline link and a summary)
    and most of its text theirs: more stories, not the article's text. (A block that holds
    the article beside its "previous" and "next" teasers is the article's.)"""
    lengths = [(c, len(_norm(c.text_content()))) for c in el if isinstance(c.tag, str)]
    items = [(c, length) for c, length in lengths if length]
    if len(items) < TEASER_BLOCK_ITEMS:
        return False
    teasers = [length for c, length in items if _is_teaser(c, length, _link_len(c))]
    total = sum(length for _, length in items)
    return len(teasers) >= len(items) * 0.6 and sum(teasers) >= total * 0.5


def _is_link_list(el: HtmlElement) -> bool:
    """A list of links (related stories) rather than an enumeration in the text. Teasers with
    a summary are kept here: inside the chosen container they are usually the article's own
    roundup items."""
    items = [li for li in el if isinstance(li.tag, str)]
    if not items:
        return False
    linked = 0
    for li in items:
        length = len(_norm(li.text_content()))
        links = _link_len(li)
        if links > length * 0.5 or (length < 80 and links):
            linked += 1
    return linked == len(items) or (len(items) >= 3 and linked >= len(items) * 0.6)


def _drop_repeated_labels(container: HtmlElement) -> None:
    """Drop a short line that stands between the paragraphs three times or more, word for word
    ("Article content", "Story continues below"): a label of the layout, not text."""
    lines: dict[str, list[HtmlElement]] = {}
    for el in container.iter("p", "div"):
        if next(el.iterdescendants(*BLOCK_TAGS), None) is not None:
            continue
        text = _norm(el.text_content())
        if 0 < len(text) <= LABEL_CHARS and not SENTENCE_END_RE.search(text):
            # Between the paragraphs: a table's or a spec sheet's labels stand among values.
            near = [
                _norm(n.text_content()) for n in (el.getprevious(), el.getnext()) if n is not None
            ]
            if any(len(t) > 2 * LABEL_CHARS and SENTENCE_END_RE.search(t) for t in near):
                lines.setdefault(text.lower(), []).append(el)
    for els in lines.values():
        if len(els) >= LABEL_REPEATS:
            for el in els:
                if el.getparent() is not None:
                    _drop(el)


def _prune(container: HtmlElement, title: str | None) -> None:
    """Remove boilerplate inside the chosen container (a private copy), bottom-up."""
    title_norm = _norm(title).lower() if title else ""
    # Before the line-by-line pruning, which would remove the marker but keep what follows.
    _cut_tail(container)
    # Before the bottom-up pass too, which drops each teaser's headline link and keeps its
    # summary line: then the summaries read as article text.
    for el in list(container.iter("div", "section", "aside")):
        if el is not container and el.getparent() is not None and _is_teaser_block(el):
            _drop(el)
    _drop_repeated_labels(container)
    alts = _image_alts(container)
    for el in reversed(list(container.iter())):
        if el is container or not isinstance(el.tag, str) or el.getparent() is None:
            continue
        tag = el.tag
        if tag in ("figcaption", "h1"):
            _drop(el)
            continue
        if tag not in BLOCK_TAGS or tag == "br":
            continue
        text = _norm(el.text_content())
        length = len(text)
        if title_norm and tag in HEADINGS and text.lower() == title_norm:
            _drop(el)
            continue
        if _is_boilerplate_block(el, text) or (alts and _is_caption(el, text, alts)):
            _drop(el)
            continue
        ld = _link_density(el, length)
        cjk = _is_cjk(text)
        if tag in ("ul", "ol", "dl", "table", "div", "section", "figure", "header", "form"):
            punct = len(PUNCT_RE.findall(text))
            if ld > 0.5 or (ld > 0.25 and punct < 3):
                _drop(el)
                continue
            # A short figure is a picture's or a player's, unless it holds a quotation only
            # (<figure><blockquote>…</blockquote><figcaption>…</figcaption></figure>) that
            # the article does not say anyway (a pull quote repeats a line of it).
            if (
                tag == "figure"
                and length < (100 if cjk else 300)
                and not (_quotation(el) and not _repeated(container, text))
            ):
                _drop(el)
                continue
            if tag in ("ul", "ol") and ld > 0.1 and _is_link_list(el):
                _drop(el)
                continue
        elif ld > 0.6 and length < 300:
            _drop(el)
    # Trailing headings without anything after them ("Related", "更多") are leftovers.
    while True:
        blocks = [el for el in container if isinstance(el.tag, str)]
        if blocks and blocks[-1].tag in HEADINGS and not (blocks[-1].tail or "").strip():
            _drop(blocks[-1])
        else:
            break


def _quotation(figure: HtmlElement) -> bool:
    """A figure that quotes, without a picture, a player or a frame in it."""
    return figure.find(".//blockquote") is not None and next(figure.iter(*MEDIA_TAGS), None) is None


def _repeated(container: HtmlElement, text: str) -> bool:
    """Whether the start of ``text`` shows more than once in the container's text."""
    key = text[:QUOTE_KEY_CHARS]
    return bool(key) and _norm(container.text_content()).count(key) > 1


QUOTE_KEY_CHARS = 50  # a pull quote and the line it repeats agree this far
CAPTION_KEY_CHARS = 40  # an image's alt text and its caption agree this far
CAPTION_CREDIT_CHARS = 60  # a caption may add a credit ("Foto: dpa") to the alt text
CAPTION_LEVELS = 3


def _image_alts(container: HtmlElement) -> set[str]:
    """The starts of the container's image descriptions long enough to be captions."""
    alts = (_norm(img.get("alt")) for img in container.iter("img"))
    return {alt[:CAPTION_KEY_CHARS] for alt in alts if len(alt) >= CAPTION_KEY_CHARS // 2}


def _repeats(text: str, alt: str) -> bool:
    """Whether ``text`` and the description ``alt`` agree as far as either goes (up to
    CAPTION_KEY_CHARS characters)."""
    return text.startswith(alt[:CAPTION_KEY_CHARS]) or alt.startswith(text[:CAPTION_KEY_CHARS])


def _is_caption(el: HtmlElement, text: str, alts: set[str]) -> bool:
    """A block that repeats the description (alt text) of an image in its wrapper, and says
    little more (a credit): the image's caption, where it is no <figcaption>. The wrapper
    holds the image and little else: a lead paragraph that opens with the words of an
    image's description elsewhere, or an article body under an image described by the
    headline, is no caption. (``alts``: :func:`_image_alts` of the container, a quick
    first test.)"""
    if not any(_repeats(text, alt) for alt in alts):
        return False
    wrapper = el.getparent()
    for _ in range(CAPTION_LEVELS):
        if wrapper is None or len(_norm(wrapper.text_content())) > len(text) + CAPTION_CREDIT_CHARS:
            return False
        for img in wrapper.iter("img"):
            alt = _norm(img.get("alt"))
            short = len(alt) < CAPTION_KEY_CHARS // 2
            if not short and len(text) <= len(alt) + CAPTION_CREDIT_CHARS and _repeats(text, alt):
                return True
        wrapper = wrapper.getparent()
    return False


def _cut_tail(container: HtmlElement) -> None:
    """Drop a trailing notice (版权声明, related stories, an editor credit ...) and all that
    follows it, when it starts in the last part of the text; and the readers' comments,
    from their heading on, and a paywall's sign-up box, from its notice on."""
    total = _text_len(container)
    seen = 0
    units = _units(container)
    last_paragraph = max((i for i, u in enumerate(units) if _is_paragraph(u.text)), default=-1)
    for i, unit in enumerate(units):
        if _cuts_here(unit.text, seen, total, paragraphs_follow=i < last_paragraph):
            _cut_from(unit, container)
            return
        seen += len(unit.text)


def _is_paywall(text: str) -> bool:
    return len(text) <= PAYWALL_LINE_CHARS and PAYWALL_RE.search(text) is not None


def _is_paragraph(text: str) -> bool:
    """A line as long as an article's paragraphs."""
    return len(text) >= (PARAGRAPH_CHARS_CJK if _is_cjk(text) else PARAGRAPH_CHARS)


def _cuts_here(text: str, seen: int, total: int, paragraphs_follow: bool = False) -> bool:
    """Whether the line ``text``, after ``seen`` of the container's ``total`` characters,
    starts what :func:`_cut_tail` drops. Readers' comments and a paywall's sign-up box may be
    longer than the article: their heading or notice cuts wherever it stands, after some
    article text. A paywall keeps the article's paragraphs from the page: a notice that
    ``paragraphs_follow`` is an upsell among them ("Jetzt abonnieren und vorlesen lassen")."""
    if (
        len(text) <= 30
        and seen > total * 0.6
        and (STOP_RE.match(text) or EDITOR_LINE_RE.match(text))
    ):
        return True
    return seen >= CUT_AFTER_CHARS and (
        _is_comments_heading(text) or (_is_paywall(text) and not paragraphs_follow)
    )


def _is_comments_heading(text: str) -> bool:
    """Whether a line is the heading of readers' comments ("Comments", "发表评论", "2 thoughts
    on “Title”")."""
    if len(text) <= 30 and COMMENTS_HEAD_RE.match(text):
        return True
    return len(text) <= COMMENTS_TITLED_CHARS and COMMENTS_TITLED_RE.search(text) is not None


def _cut_from(unit: _Unit, container: HtmlElement) -> None:
    """Remove ``unit`` and everything after it in document order."""
    if unit.block is not None:
        start, drop_start = unit.block, True
    else:
        kind, el = unit.pieces[0]
        if kind == "text":
            el.text = None
            for child in list(el):
                el.remove(child)
            start, drop_start = el, False
        else:
            start, drop_start = el, kind == "inline"
    node = start
    node.tail = None
    while node is not None and node is not container:
        for sibling in list(node.itersiblings()):
            node.getparent().remove(sibling)
        node.tail = None
        node = node.getparent()
    if drop_start and start.getparent() is not None:
        start.getparent().remove(start)


# A "unit" is one visual line of the body: a leaf block (no text-holding block inside) or a run
# of text and inline elements between ``<br>``/block boundaries inside a mixed container.
# Pieces: ("text", el) is el.text, ("tail", el) is el.tail, ("inline", el) is el with its tail.
Piece = tuple[str, HtmlElement]


@dataclass
class _Unit:
    block: HtmlElement | None  # the leaf block, or None for a line run
    pieces: list[Piece]
    text: str


def _is_block(el: HtmlElement) -> bool:
    return isinstance(el.tag, str) and el.tag in BLOCK_TAGS and el.tag != "br"


def _piece_text(piece: Piece) -> str:
    kind, el = piece
    if kind == "text":
        return el.text or ""
    if kind == "tail":
        return el.tail or ""
    return el.text_content() + (el.tail or "")


def _line_holders(container: HtmlElement) -> set[HtmlElement]:
    """The elements of ``container`` (itself included) that hold lines: blocks (even empty
    ones) or ``<br>`` break their text. Found in one pass: the ancestors of each of those."""
    holders: set[HtmlElement] = set()
    for block in container.iterdescendants(*BLOCK_TAGS):
        node = block.getparent()
        while node is not None and node not in holders:
            holders.add(node)
            if node is container:
                break
            node = node.getparent()
    return holders


def _units(container: HtmlElement) -> list[_Unit]:
    units: list[_Unit] = []
    holders = _line_holders(container)

    def flush(line: list[Piece]) -> None:
        text = _norm("".join(_piece_text(p) for p in line))
        if text:
            units.append(_Unit(None, list(line), text))
        line.clear()

    def walk(el: HtmlElement) -> None:
        line: list[Piece] = [("text", el)]
        for child in el:
            if not isinstance(child.tag, str):
                line.append(("tail", child))
                continue
            holds_lines = child in holders
            if holds_lines or _is_block(child):
                flush(line)
                if holds_lines:
                    walk(child)
                else:
                    text = _norm(child.text_content())
                    if text:
                        units.append(_Unit(child, [], text))
                line.append(("tail", child))
            elif child.tag == "br":
                flush(line)
                line.append(("tail", child))
            else:
                line.append(("inline", child))
        flush(line)

    walk(container)
    return units


def _remove_unit(unit: _Unit) -> None:
    if unit.block is not None:
        _drop(unit.block)
        return
    for kind, el in unit.pieces:
        if kind == "text":
            el.text = None
        elif kind == "tail":
            el.tail = None
        elif el.getparent() is not None:
            el.getparent().remove(el)


def _group(unit: _Unit, container: HtmlElement, test: Callable[[str], bool]) -> HtmlElement | None:
    """The largest block around a leaf ``unit`` (inside ``container``) whose whole text is short
    and passes ``test``, e.g. a dateline box holding the source, the date and a font-size
    switch."""
    if unit.block is None:
        return None
    found = unit.block if test(unit.text) else None
    node = unit.block.getparent()
    while node is not None and node is not container:
        text = _norm(node.text_content())
        if len(text) > 100:
            break
        if test(text):
            found = node
        node = node.getparent()
    return found


def _squash(text: str | None) -> str:
    return SPACE_RE.sub("", text or "")


def _is_lead_meta(text: str, title: str | None) -> bool:
    """A line before the article text that only describes it."""
    squashed = _squash(text)
    if not squashed:
        return True
    title_sq = _squash(title)
    if title_sq and title_sq in squashed and len(squashed) <= len(title_sq) + 80:
        rest = text.replace(title or "", " ") if (title or "") in text else ""
        return not _squash(rest) or _is_lead_meta(rest, None)
    cjk = _is_cjk(text)
    if len(text) > (80 if cjk else 160):
        return False
    if ORIGINAL_TITLE_RE.match(text):
        return True
    if cjk and SENTENCE_CJK_RE.search(text):
        return False
    if not cjk and len(text.split()) >= 10 and SENTENCE_END_RE.search(text):
        return False
    if UI_LINE_RE.match(text) or BYLINE_LINE_RE.match(text) or META_LABEL_RE.search(text):
        return True
    if BREADCRUMB_RE.match(text):
        return True  # "Home > News > Local": where the page sits, not what it says
    if KICKER_RE.match(text):
        return True  # "Altmark", "NEWS": the section or kicker over the headline
    return bool(DATE_CUE_RE.search(text)) and len(DATE_CUE_RE.sub("", text).strip()) <= 30


def _trim_head(container: HtmlElement, title: str | None) -> None:
    """Drop the leading lines that are not article text: the headline repeated, the
    date/来源/作者/字号 line, share and font-size controls, a byline, a photo credit, a
    summary that the text repeats, a call to action (votes, apps)."""
    total = _text_len(container)
    removed = 0
    for _ in range(10):
        units = _units(container)
        if len(units) < 2:
            return
        unit = units[0]
        text = unit.text
        target: HtmlElement | _Unit | None = _group(
            unit, container, lambda t: _is_lead_meta(t, title)
        )
        if target is None and _is_lead_meta(text, title):
            target = unit
        if target is None:
            summary = SUMMARY_LABEL_RE.match(text)
            if summary:
                head = _squash(text[summary.end() :])[:30]
                if head and _squash(container.text_content()).count(head) >= 2:
                    target = unit
        if target is None and len(text) <= 150 and PROMO_RE.search(text):
            node = unit.block if unit.block is not None else None
            if node is None or node.find(".//a") is not None:
                target = unit
        if target is None:
            return
        length = _text_len(target) if isinstance(target, HtmlElement) else len(text)
        removed += length
        if removed > total * 0.4:
            return
        if isinstance(target, HtmlElement):
            _drop(target)
        else:
            _remove_unit(target)


def _is_tail_junk(text: str) -> bool:
    cjk = _is_cjk(text)
    if len(text) <= DISCLAIMER_CHARS and (
        DISCLAIMER_RE.match(text) or PLATFORM_NOTICE_RE.search(text)
    ):
        return True
    if len(text) <= (60 if cjk else 200) and (
        TAIL_JUNK_RE.search(text) or EDITOR_LINE_RE.match(text) or _is_boilerplate_line(text)
    ):
        return True
    return (
        not cjk and len(text) <= 400 and bool(BIO_RE.match(text)) and bool(BIO_CUE_RE.search(text))
    )


def _is_boilerplate_line(text: str) -> bool:
    if _is_date_line(text):
        return True
    cjk = _is_cjk(text)
    if len(text) < (60 if cjk else 120) and BOILERPLATE_LINE_RE.search(text):
        return True
    return _is_copyright_line(text)


def _is_copyright_line(text: str) -> bool:
    """A short line claiming the copyright: under 200 characters, a CJK character counting as
    two and a half (80 of them), so that a footer in both scripts counts its two parts
    ("蓮島日報版權所有 不得轉載 Copyright © 2025 Liandao Daily. All Rights Reserved."); or the
    wire services' reproduction notice, which runs longer ("This material may not be
    published, broadcast, rewritten or redistributed …")."""
    if REPRODUCTION_RE.search(text) and len(text) < REPRODUCTION_CHARS:
        return True
    if len(text) >= 200:
        return False
    cjk = 0 if text.isascii() else len(NON_CJK_RE.sub("", text))
    return len(text) + 1.5 * cjk < 200 and bool(COPYRIGHT_RE.search(text))


def _drop_marked_captions(container: HtmlElement) -> None:
    """Drop the short lines that open with a triangle, the mark of a picture's caption on
    Chinese sites (a block of its own or a line between <br>s)."""
    text = container.text_content()
    if "▲" not in text and "△" not in text:
        return
    for unit in _units(container):
        if len(unit.text) <= MARKED_CAPTION_CHARS and MARKED_CAPTION_RE.match(unit.text):
            _remove_unit(unit)


def _trim_tail(container: HtmlElement) -> None:
    """Drop the trailing lines that are page furniture: QR codes and follow-us notes, like and
    share counters, comment boxes, newsletter/subscription and "read more" notes, photo
    credits, an author bio."""
    total = _text_len(container)
    removed = 0
    for _ in range(10):
        units = _units(container)
        if len(units) < 2:
            return
        unit = units[-1]
        target: HtmlElement | _Unit | None = _group(unit, container, _is_tail_junk)
        if target is None and _is_tail_junk(unit.text):
            target = unit
        if target is None:
            return
        length = _text_len(target) if isinstance(target, HtmlElement) else len(unit.text)
        removed += length
        if removed > total * 0.3:
            return
        if isinstance(target, HtmlElement):
            _drop(target)
        else:
            _remove_unit(target)


def _serialise(elements: Iterable[HtmlElement], base_url: str) -> tuple[str, str]:
    parts = []
    for el in elements:
        tail = el.tail
        el.tail = None
        try:
            parts.append(lxml.html.tostring(el, encoding="unicode"))
        finally:
            el.tail = tail
    cleaned = clean_body(CONTROL_RE.sub("", "\n".join(parts)), base_url or None)
    return cleaned.html.strip(), cleaned.text


def _jsonld_body(page: Page) -> str:
    for obj in page.jsonld:
        value = obj.get("articleBody")
        if isinstance(value, str) and value.strip():
            return _without_page_furniture(page, _plain_ld_text(value).strip())
    return ""


def _without_page_furniture(page: Page, text: str) -> str:
    """Structured-data text without the lines the page shows only as a picture's caption or
    in a player (a rendered page's text put into ``articleBody``: captions, "To view this
    video please enable JavaScript", "Up Next")."""
    furniture = [
        shown
        for el in page.tree.iter("figcaption", "video", "audio", "div", "section")
        if (el.tag in ("figcaption", "video", "audio") or _is_player(_attrs(el)))
        and (shown := _norm(el.text_content()))
    ]
    if not furniture:
        return text
    lines = text.split("\n")
    kept = [line for line in lines if not (n := _norm(line)) or not any(n in f for f in furniture)]
    return "\n".join(kept).strip() if len(kept) < len(lines) else text


def _plain_ld_text(value: str) -> str:
    """Structured-data text as plain text, never as found: entities decoded (also when
    escaped twice, ``&amp;lt;p&amp;gt;``), and markup read as markup (tags, scripts and
    styles gone, blocks kept as paragraphs)."""
    text = value
    for _ in range(3):
        if not LD_ENTITY_RE.search(text):
            break
        text = html_lib.unescape(text)
    if LD_MARKUP_RE.search(text):
        text = clean_body(CONTROL_RE.sub("", text)).text
    return text


def _text_to_html(text: str) -> str:
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    return "\n".join(f"<p>{html_lib.escape(p)}</p>" for p in paragraphs)


def _body_parts(page: Page) -> list[HtmlElement]:
    """The page's body, or each root element when the body is not where the text is."""
    tops = [page.tree, *(s for s in page.tree.itersiblings() if isinstance(s.tag, str))]
    parts = []
    for top in tops:
        body = top.find("body")
        if body is None:
            body = top
        else:
            top_len, body_len = _visible_lens(top, body)
            if body_len < top_len * 0.5:
                body = top
        parts.append(body)
    return parts


def _body_root(page: Page) -> HtmlElement:
    """A private copy of the page's body. libxml2 sometimes leaves the whole page inside
    <head> (unknown tags there), and after a stray ``</html>`` it starts a second root
    element: then the body alone is not where the text is."""
    parts = page.derived("body.parts", lambda: _body_parts(page))
    if len(parts) == 1:
        return copy.deepcopy(parts[0])
    root = lxml.html.Element("body")
    for part in parts:
        part_copy = copy.deepcopy(part)
        part_copy.tag = "div"
        root.append(part_copy)
    return root


def extract_body(
    page: Page,
    *,
    selectors: Sequence[str] | None = None,
    remove: Sequence[str] | None = None,
    title: str | None = None,
    options: ExtractOptions = DEFAULT_OPTIONS,
) -> Body:
    """The article body of ``page`` as clean markup and plain text. Never mutates ``page``."""
    if selectors:
        root = _body_root(page)
        for el in select_elements(root, remove):
            _drop(el)
        matched = select_elements(root, selectors)
        # Nested matches would repeat text: keep the outermost ones.
        outer = [el for el in matched if not any(other in el.iterancestors() for other in matched)]
        if outer:
            markup, text = _serialise(outer, page.url)
            if text:
                return Body(markup, text, "rule")
    markup, text = _dom_body(page, remove, title, options)
    if len(text) < options.min_body_chars:
        # Class words can condemn a whole article (a site-wide class on every paragraph):
        # then the tags alone decide, when that finds clearly more.
        retry_markup, retry_text = _dom_body(page, remove, title, options, by_class=False)
        if len(retry_text) > max(3 * len(text), options.min_body_chars):
            markup, text = retry_markup, retry_text
    ld_text = _jsonld_body(page)
    # A full-text articleBody beats a DOM guess that is much shorter; a teaser does not.
    if ld_text and len(ld_text) > max(len(text) * options.jsonld_longer, 200):
        return Body(
            clean_body(CONTROL_RE.sub("", _text_to_html(ld_text))).html,
            _norm_paragraphs(ld_text),
            "json-ld",
        )
    # A script-built page: the markup holds its furniture, the state object the article.
    if (
        len(text) < options.min_body_chars
        and not ld_text
        and len(state_text := _script_state_body(page, options)) > 3 * len(text)
    ):
        return Body(
            clean_body(CONTROL_RE.sub("", _text_to_html(state_text))).html,
            _norm_paragraphs(state_text),
            "script",
        )
    if text:
        return Body(markup, text, "dom")
    if ld_text:
        return Body(
            clean_body(CONTROL_RE.sub("", _text_to_html(ld_text))).html,
            _norm_paragraphs(ld_text),
            "json-ld",
        )
    return Body("", "", "")


def _script_state_body(page: Page, options: ExtractOptions) -> str:
    """The article text a script-built page keeps in its state object, or "": the longest
    text among the objects' markup strings and lists of text blocks."""
    found: list[str] = []
    decoder = json.JSONDecoder()
    for script in page.tree.iter("script"):
        if script.get("src") or "ld+json" in (script.get("type") or ""):
            continue
        code = (script.text or "")[:STATE_SCRIPT_CHARS]
        for m in STATE_START_RE.finditer(code):
            try:
                state, _ = decoder.raw_decode(code, m.end())
            except ValueError:
                continue
            _state_texts(state, STATE_DEPTH, found)
    best = max((_plain_ld_text(text).strip() for text in found), key=len, default="")
    return best if len(best) >= options.min_body_chars * STATE_SHARE else ""


def _state_texts(node: object, depth: int, found: list[str]) -> None:
    if depth <= 0:
        return
    if isinstance(node, str):
        if STATE_MARKUP_RE.search(node):
            found.append(node)
    elif isinstance(node, dict):
        for value in node.values():
            _state_texts(value, depth - 1, found)
    elif isinstance(node, list):
        texts = [text for item in node if (text := _block_text(item))]
        if len(texts) >= STATE_BLOCKS and sum(map(len, texts)) >= STATE_BLOCK_CHARS * len(texts):
            found.append("\n".join(texts))
        for value in node:
            _state_texts(value, depth - 1, found)


def _block_text(item: object) -> str:
    """A text block's text (``{"type": 1, "value": "…"}``); a link or a picture has none."""
    if not isinstance(item, dict):
        return ""
    for key in STATE_BLOCK_KEYS:
        value = item.get(key)
        if isinstance(value, str) and value.strip() and not URLISH_RE.match(value.strip()):
            return value.strip()
    return ""


def _dom_body(
    page: Page,
    remove: Sequence[str] | None,
    title: str | None,
    options: ExtractOptions,
    by_class: bool = True,
) -> tuple[str, str]:
    """Markup and text of the best block of the page and its siblings, pruned."""
    root = _body_root(page)
    # Element objects are made anew on each walk unless one is alive: keep them all for the
    # many walks below (lxml's proxy creation is a large share of their time).
    alive = list(root.iter())
    _prepare(root, remove, options, by_class)
    markup, text = "", ""
    lengths = TextLengths(root)
    scores = _candidates(root, lengths)
    # The best block, else (when pruning leaves nothing of it) the next best ones.
    for top in sorted(scores, key=lambda el: -scores[el])[:4]:
        picked = _pick(root, scores, top, options, lengths)
        if not picked:
            continue
        wrapper = lxml.html.Element("div")
        for el in picked:
            wrapper.append(copy.deepcopy(el))
        alive += wrapper.iter()
        _prune(wrapper, title)
        _drop_marked_captions(wrapper)
        _trim_head(wrapper, title)
        _trim_tail(wrapper)
        # The sanitizer kills forms and buttons with their content; ASP.NET pages wrap
        # everything in a form, a broken page may leave it in a <button>.
        for el in wrapper.iter("form", "button", "body", "html"):
            el.tag = "div"
        markup, text = _serialise(list(wrapper), page.url)
        if text:
            break
    return markup, text


def _norm_paragraphs(text: str) -> str:
    paragraphs = [_norm(p) for p in re.split(r"\n+", text)]
    return "\n\n".join(p for p in paragraphs if p)
