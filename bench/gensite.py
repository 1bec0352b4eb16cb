"""A generated news site for the crawl benchmarks: many articles, mixed layouts and encodings.

``Site(articles=N, seed=S)`` renders N article pages (about 4-5 KB each) in five layouts:

- ``gbk``: a Chinese regional paper's CMS in GBK (every fourth of them in GB2312), the
  charset in the HTTP header and in a ``<meta http-equiv>``, ``发布时间：2022-05-18 08:32``;
- ``portal``: a Chinese portal in UTF-8, ``2022年05月18日 08:32`` beside the source;
- ``wire``: a Chinese wire service in UTF-8, ``2022/5/18 8:32`` and ``article:published_time``;
- ``world``: an English site with JSON-LD ``NewsArticle`` and a ``<time datetime>``;
- ``blog``: an English site with ``By Jane Doe | May 18, 2022 8:32 AM`` and no metadata.

Article ``i`` is the same page whatever N is (each one has its own seeded random stream), so
the first 2,000 articles of a 50,000-article site are the 2,000-article site (from 62
articles up). Every size in
``sizes`` gets its own sitemap index ``/sitemap-<size>.xml`` of sitemaps of 1,000 URLs
(``/sitemaps/<size>/<k>.xml``, with ``lastmod``) listing articles 0 to size-1. ``/robots.txt``
allows everything but ``/private/``, which nothing links to.

Kept free of newsbot imports, so that the code being measured cannot shape the pages it is
measured on.
"""

from __future__ import annotations

import html
import json
import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

__all__ = ["LAYOUTS", "Page", "Site", "source_toml"]

CST = timezone(timedelta(hours=8))
LAYOUTS = ("gbk", "portal", "wire", "world", "blog")
PER_SITEMAP = 1000
INDENT = "\u3000\u3000"  # the full-width indent of Chinese CMS paragraphs
START = datetime(2021, 1, 1, 6, 0, tzinfo=CST)
SOURCE_KEY = "benchsite"

PLACES = [
    "那坡县", "田阳区", "德保县", "靖西市", "平果市", "凌云县", "乐业县", "西林县", "隆林县",
    "田林县", "右江区", "田东县", "百色市", "南宁市", "柳州市", "桂林市", "梧州市", "北海市",
    "钦州市", "贵港市", "玉林市", "河池市", "来宾市", "崇左市", "防城港市", "贺州市",
]  # fmt: skip
TOPICS = [
    "春耕生产", "乡村振兴", "生态保护", "基层治理", "招商引资", "城市更新", "民生保障",
    "教育发展", "医疗改革", "交通建设", "水利工程", "文化旅游", "科技创新", "就业服务",
    "养老服务", "安全生产", "森林防火", "防汛抗旱", "营商环境", "数字经济", "特色农业",
    "产业园区", "人才引进", "社区服务", "住房保障", "食品安全", "环境整治", "党建引领",
]  # fmt: skip
VERBS = ["扎实推进", "加快推进", "持续深化", "全面落实", "着力提升", "统筹推进", "大力实施"]
CLAUSES = [
    "坚持问题导向和目标导向", "聚焦群众急难愁盼", "强化部门协同联动", "压实各级工作责任",
    "创新工作方式方法", "加大资金投入力度", "完善长效工作机制", "推动政策落地见效",
]  # fmt: skip
OPENERS = ["据统计，", "当地干部群众表示，", "记者从有关部门获悉，", "据介绍，", "截至目前，"]
PEOPLE_ZH = ["李明", "王芳", "张伟", "刘洋", "陈静", "杨帆", "黄磊", "赵敏", "周强", "吴婷"]
MEDIA_ZH = {"gbk": "右江日报", "portal": "南方观察网", "wire": "新华通讯"}

EN_CITIES = [
    "Leeds", "Bristol", "Norwich", "Dundee", "Galway", "Halifax", "Perth", "Ottawa", "Dunedin",
    "Hobart", "Cork", "Exeter", "Aberdeen", "Brighton", "Durban", "Auckland", "Boise", "Tulsa",
]  # fmt: skip
EN_SUBJECTS = [
    "city council", "river authority", "school board", "harbour trust", "farmers' union",
    "hospital board", "railway operator", "museum trust", "library service", "water utility",
    "housing association", "festival committee", "chamber of commerce", "transit agency",
]  # fmt: skip
EN_VERBS = [
    "approved", "delayed", "reviewed", "rejected", "expanded", "announced", "postponed",
    "funded", "questioned", "defended", "revised", "launched",
]  # fmt: skip
EN_OBJECTS = [
    "a new budget for road repairs", "plans for a second bridge", "the summer timetable",
    "a study of flood defences", "grants for small businesses", "the school meals contract",
    "a ban on late-night deliveries", "the harbour dredging scheme", "a pilot of night buses",
    "rules for short-term lets", "the library opening hours", "a tree planting programme",
]  # fmt: skip
EN_TAILS = [
    "after a long public consultation", "despite objections from residents",
    "following a tense meeting on Monday", "as costs continued to rise",
    "with support from neighbouring towns", "in a vote of seven to four",
    "ahead of next year's election", "amid concerns about staffing",
]  # fmt: skip
# Common characters and words: sentences of them keep two generated stories as far apart as two
# real ones (5-character shingles rarely shared), while looking like text to every extractor.
HANZI = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过"
    "子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体"
    "制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内"
    "数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提"
    "直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计"
    "别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府研质信连收革华报市河县镇村乡街道"
    "企业项目投资建设发展改革服务群众生活教育医疗交通环境安全经济社会文化旅游科技创新农业工业城市"
)
EN_WORDS = (  # noqa: SIM905  (a paragraph of words reads better than a list)
    "about above across after again against almost along already also although always among "
    "amount another answer anyone appear area around arrive article attention autumn average "
    "away balance bank basis before began behind believe below benefit between beyond board "
    "border bridge brief budget building business called capital career carry case cause "
    "central century certain chance change charge church citizen claim clear climate coast "
    "college common community company compare concern condition consider continue contract "
    "control corner council country county course court cover create crowd current custom "
    "damage danger daughter debate decade decide demand deputy design detail develop direct "
    "district doctor double during early economy effect effort either election energy engine "
    "enough entire evening event evidence exactly example expect expert factory family farmer "
    "feature federal field figure final finance floor follow forest former forward freight "
    "future garden general global government ground growth harbour health heavy history holiday "
    "hospital house however hundred husband idea income increase industry inside interest "
    "island issue judge justice kitchen labour language large later leader league level library "
    "local location machine major manager market matter meeting member memory middle million "
    "minister minute modern moment month morning mother motor museum nation nature nearly "
    "network night north number office officer official opinion option order owner parent "
    "parish party passenger patient pattern people period permit person picture place planning "
    "player police policy pollution popular position possible power practice present pressure "
    "price private problem process produce project property proposal public quarter question "
    "railway record region report request research resident result return river road round "
    "rural safety school season second sector service settle shortage shoulder signal single "
    "site society soldier source south space speaker spring square staff station street strong "
    "student study subject summer supply support surface system teacher term theatre timber "
    "together tonight total tourism track trade traffic training transport travel treatment "
    "trial union university upper valley vehicle village visitor volunteer water weather week "
    "welfare western whole window winter within without worker world yesterday young"
).split()
PEOPLE_EN = ["Jane Doe", "Tom Reid", "Amara Okafor", "Luis Ortega", "Mei Chen", "Sam Patel"]


def _h(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass(frozen=True)
class Page:
    status: int
    content_type: str
    body: bytes


def _zh_words(rng: random.Random, count: int) -> str:
    """``count`` words of 1 to 4 characters (written without spaces, as Chinese is)."""
    return "".join(rng.choices(HANZI, k=sum(rng.choices((1, 2, 2, 2, 3, 4), k=count))))


def _zh_sentence(rng: random.Random) -> str:
    """A sentence of free text, now and then in a stock phrase of local news: copies of one
    story share most of their text, two stories very little (as the dedup expects)."""
    place, topic = rng.choice(PLACES), rng.choice(TOPICS)
    kind = rng.randrange(8)
    if kind == 0:
        return (
            f"{place}{rng.choice(VERBS)}{topic}工作，{_zh_words(rng, 4)}，截至目前已完成年度"
            f"任务的{rng.randrange(20, 99)}%，惠及群众{rng.randrange(2, 90)}万余人。"
        )
    if kind == 1:
        return (
            f"{rng.choice(OPENERS)}{place}{_zh_words(rng, 3)}{topic}项目{rng.randrange(3, 60)}个，"
            f"完成投资{rng.randrange(10, 300) / 10}亿元。"
        )
    if kind == 2:
        return f"{place}有关负责人{rng.choice(PEOPLE_ZH)}介绍，{_zh_words(rng, rng.randrange(6, 12))}。"
    parts = [_zh_words(rng, rng.randrange(3, 8)) for _ in range(rng.randrange(2, 4))]
    return "，".join(parts) + "。"


def _en_words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choices(EN_WORDS, k=count))


def _en_sentence(rng: random.Random) -> str:
    city, subject = rng.choice(EN_CITIES), rng.choice(EN_SUBJECTS)
    kind = rng.randrange(6)
    if kind == 0:
        return f"The {subject} in {city} {rng.choice(EN_VERBS)} {rng.choice(EN_OBJECTS)} {_en_words(rng, 5)}."
    if kind == 1:
        return f'"{_en_words(rng, rng.randrange(6, 12)).capitalize()}," said {rng.choice(PEOPLE_EN)}, who chairs the {subject}.'
    if kind == 2:
        return f"About {rng.randrange(120, 9000):,} people in {city} {_en_words(rng, rng.randrange(5, 10))}."
    return _en_words(rng, rng.randrange(9, 22)).capitalize() + "."


@dataclass(frozen=True)
class Article:
    number: int
    layout: str
    published: datetime
    title: str
    paragraphs: tuple[str, ...]
    author: str

    @property
    def path(self) -> str:
        p = self.published
        if self.layout == "gbk":
            return f"/yjrb/content/{p:%Y-%m}/{p:%d}/content_{self.number}.html"
        if self.layout == "portal":
            return f"/news/{p:%Y%m%d}/{self.number}.shtml"
        if self.layout == "wire":
            return f"/wire/{p:%Y-%m/%d}/c_{self.number}.htm"
        if self.layout == "world":
            return f"/world/{p:%Y/%m/%d}/story-{self.number}.html"
        return f"/blog/{p:%Y}/{p:%m}/post-{self.number}/"

    @property
    def lang(self) -> str:
        return "en" if self.layout in ("world", "blog") else "zh"


def make_article(number: int, seed: int) -> Article:
    rng = random.Random(seed * 1_000_003 + number)
    layout = LAYOUTS[number % len(LAYOUTS)]
    # Spread over about two years, a few minutes apart, newest last.
    published = START + timedelta(minutes=number * 7 + rng.randrange(0, 5))
    count = rng.randrange(8, 13)
    if layout in ("world", "blog"):
        paragraphs = tuple(
            " ".join(_en_sentence(rng) for _ in range(rng.randrange(2, 4))) for _ in range(count)
        )
        title = (
            f"{rng.choice(EN_CITIES)} {rng.choice(EN_SUBJECTS)} {rng.choice(EN_VERBS)} "
            f"{rng.choice(EN_OBJECTS)} ({number})"
        )
        author = rng.choice(PEOPLE_EN)
    else:
        paragraphs = tuple(
            "".join(_zh_sentence(rng) for _ in range(rng.randrange(2, 4))) for _ in range(count)
        )
        topic = rng.choice(TOPICS)
        title = f"{rng.choice(PLACES)}{rng.choice(VERBS)}{topic}（第{number}期）"
        author = rng.choice(PEOPLE_ZH)
    return Article(number, layout, published, title, paragraphs, author)


def _related(articles: list[Article], number: int) -> str:
    # Older articles where there are some, so that a page does not depend on the site's size
    # (from 62 articles up).
    picks = [articles[(number - k if number >= k else number + k) % len(articles)]
             for k in (1, 7, 31)]  # fmt: skip
    return "".join(f'<li><a href="{a.path}">{_h(a.title)}</a></li>' for a in picks)


def _body(article: Article, indent: str = "") -> str:
    return "\n".join(f"<p>{indent}{_h(p)}</p>" for p in article.paragraphs)


def render(article: Article, related: str, base: str) -> Page:
    p = article.published
    title = _h(article.title)
    if article.layout == "gbk":
        charset = "gb2312" if article.number % 4 == 1 else "gbk"
        doc = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_右江日报</title>
<meta name="keywords" content="右江日报,百色新闻">
<script>var _hmt = _hmt || [];</script></head>
<body><div class="nav"><a href="/yjrb/">首页</a> &gt; <a href="/yjrb/node_1.html">本地新闻</a></div>
<div class="main">
<h1 class="title">{title}</h1>
<div class="info">发布时间：{p:%Y-%m-%d %H:%M}　来源：右江日报　作者：{article.author}　浏览次数：{article.number % 997 + 3}</div>
<div class="share">分享到：<a href="#wx">微信</a> <a href="#wb">微博</a></div>
<div id="ozoom" class="content">
{_body(article, INDENT)}
</div>
<div class="editor">责任编辑：{article.author}</div>
<div class="related"><h3>相关链接</h3><ul>{related}</ul></div>
</div>
<div class="footer">右江日报社版权所有 未经授权禁止复制或建立镜像 桂ICP备00000000号</div></body></html>"""
        body = doc.encode(charset, errors="xmlcharrefreplace")
        return Page(200, f"text/html; charset={charset}", body)
    if article.layout == "portal":
        doc = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}-南方观察网</title>
<meta name="description" content="{_h(article.paragraphs[0][:60])}">
<link rel="stylesheet" href="/static/portal.css"></head>
<body><header class="top"><a href="/">南方观察网</a><nav><a href="/news/">要闻</a><a href="/local/">本地</a><a href="/finance/">财经</a><a href="/video/">视频</a></nav></header>
<div class="wrap"><div class="left">
<h1 class="art-title">{title}</h1>
<div class="art-meta"><span class="time">{p:%Y年%m月%d日 %H:%M}</span><span class="src">来源：南方观察网</span><span class="author">记者 {article.author}</span></div>
<div class="art-content">
{_body(article)}
</div>
<p class="art-editor">（责任编辑：{article.author}）</p>
</div>
<aside class="right"><h3>热点推荐</h3><ul>{related}</ul><div class="ad">广告</div></aside></div>
<footer>Copyright © 南方观察网 版权所有 · 违法和不良信息举报</footer></body></html>"""
        return Page(200, "text/html; charset=utf-8", doc.encode("utf-8"))
    if article.layout == "wire":
        doc = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title} - 新华通讯</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{p.isoformat()}">
</head>
<body><div id="header"><div class="logo">新华通讯</div><ul class="menu"><li><a href="/wire/">滚动</a></li><li><a href="/wire/gn/">国内</a></li><li><a href="/wire/gj/">国际</a></li></ul></div>
<div id="center"><div class="h-title">{title}</div>
<div class="h-info"><span class="h-time">{p.year}/{p.month}/{p.day} {p.hour}:{p.minute:02d}</span> <span>来源：新华通讯</span></div>
<div id="detail">
{_body(article)}
</div>
<div class="editor">【责任编辑:{article.author}】</div>
<div class="related"><b>相关新闻</b><ul>{related}</ul></div></div>
<div id="footer">新华通讯 版权所有</div></body></html>"""
        return Page(200, "text/html; charset=utf-8", doc.encode("utf-8"))
    if article.layout == "world":
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article.title,
            "datePublished": p.isoformat(),
            "author": {"@type": "Person", "name": article.author},
            "publisher": {"@type": "Organization", "name": "The World Courier"},
            "url": base + article.path,
        }
        ld_json = json.dumps(ld).replace("</", "<\\/")
        doc = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | The World Courier</title>
<script type="application/ld+json">{ld_json}</script>
<meta name="viewport" content="width=device-width"></head>
<body><header><a class="brand" href="/world/">The World Courier</a><nav><a href="/world/news/">News</a> <a href="/world/sport/">Sport</a> <a href="/world/opinion/">Opinion</a></nav></header>
<main><article>
<h1>{title}</h1>
<p class="byline">By {article.author} · <time datetime="{p.isoformat()}">{p:%d %B %Y}</time></p>
<div class="article-body">
{_body(article)}
</div>
</article>
<aside><h2>Most read</h2><ul>{related}</ul></aside></main>
<footer>© The World Courier. All rights reserved. <a href="/world/privacy">Privacy</a></footer></body></html>"""
        return Page(200, "text/html; charset=utf-8", doc.encode("utf-8"))
    hour = p.hour % 12 or 12
    doc = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title} - Valley Notes</title></head>
<body><div class="site-header"><a href="/blog/">Valley Notes</a> <a href="/blog/about/">About</a> <a href="/blog/archive/">Archive</a></div>
<div class="post">
<h2 class="post-title">{title}</h2>
<div class="post-meta">By {article.author} | {p:%B} {p.day}, {p.year} {hour}:{p.minute:02d} {"PM" if p.hour >= 12 else "AM"}</div>
<div class="entry">
{_body(article)}
</div>
<div class="tags">Filed under: local, council</div>
</div>
<div class="sidebar"><h3>Recent posts</h3><ul>{related}</ul></div>
<div class="footer">Valley Notes is written by volunteers. Comments are closed.</div></body></html>"""
    return Page(200, "text/html; charset=utf-8", doc.encode("utf-8"))


class Site:
    """Every page of the site, rendered up front: ``pages[path] -> Page``."""

    def __init__(
        self, articles: int, base: str, seed: int = 20261203, sizes: Iterable[int] = ()
    ) -> None:
        self.base = base.rstrip("/")
        self.articles = [make_article(n, seed) for n in range(articles)]
        self.pages: dict[str, Page] = {}
        for article in self.articles:
            page = render(article, _related(self.articles, article.number), self.base)
            self.pages[article.path] = page
        self.pages["/robots.txt"] = Page(200, "text/plain", b"User-agent: *\nDisallow: /private/\n")
        for size in sorted({articles, *sizes}):
            if size <= articles:
                self._sitemaps(size)

    def _sitemaps(self, size: int) -> None:
        ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        parts = []
        for k, start in enumerate(range(0, size, PER_SITEMAP)):
            chunk = self.articles[start : min(size, start + PER_SITEMAP)]
            urls = "".join(
                f"<url><loc>{self.base}{a.path}</loc>"
                f"<lastmod>{a.published.isoformat()}</lastmod></url>\n"
                for a in chunk
            )
            doc = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset {ns}>\n{urls}</urlset>\n'
            path = f"/sitemaps/{size}/{k}.xml"
            self.pages[path] = Page(200, "application/xml", doc.encode("utf-8"))
            parts.append(f"<sitemap><loc>{self.base}{path}</loc></sitemap>\n")
        index = f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex {ns}>\n'
        index += "".join(parts) + "</sitemapindex>\n"
        self.pages[f"/sitemap-{size}.xml"] = Page(200, "application/xml", index.encode("utf-8"))

    def article_paths(self, size: int) -> list[str]:
        return [a.path for a in self.articles[:size]]


def source_toml(folder: Path, base_url: str, size: int, concurrency: int = 8) -> Path:
    """Write the newsbot source (``benchsite``) of the site's first ``size`` articles into
    ``folder``; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{SOURCE_KEY}.toml"
    path.write_text(
        f"""# The benchmark's generated site, read through a sitemap index.
kind = "sitemap"
name = "Benchmark site"
base_url = "{base_url}"
media = "基准日报"
timezone = "Asia/Shanghai"
lang = "zh"

[crawl]
download_delay = 0
concurrent_requests = {concurrency}
timeout = 30
retries = 2

[sitemap]
urls = ["/sitemap-{size}.xml"]
max_sitemaps = 1000
""",
        "utf-8",
    )
    return path
