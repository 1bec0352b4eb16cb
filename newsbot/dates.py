"""Normalise the publication dates scraped from news pages to timezone-aware datetimes.

Contract
========
``parse_date(raw, timezone=..., now=..., languages=..., future_tolerance=...)`` returns a
timezone-**aware** :class:`~datetime.datetime`, or ``None`` when

* ``raw`` is ``None``, empty, or holds no recognisable date (``"abc"``, ``"浏览次数：1523"``:
  a bare number is never taken for a year or a day);
* the date is impossible (``2022-02-30``) or before 1900;
* the date lies after ``now + future_tolerance`` (default one day): a page cannot have been
  published in the future, so such a value is a mis-parse or a scheduled/event date.

Offsets
-------
* No zone in the string: wall time in the source ``timezone``; the tzinfo *is* that zone (a
  :class:`~zoneinfo.ZoneInfo` when given by name), so ``utcoffset()`` follows DST.
* Numeric offset, ``Z``, ``UTC``, ``GMT``: that offset is kept (``Z``/``UTC``/``GMT`` give
  :data:`datetime.UTC`, ``+0800`` a fixed +08:00).
* Generic zone names (``ET``, ``CT``, ``MT``, ``PT``) are localised in their IANA zone, so
  ``May 18, 2022 8:32 AM ET`` is -04:00 and ``January 18 ...`` is -05:00. Specific abbreviations
  (``EDT``, ``EST``, ``PDT``, ``CEST``, ``BST``, ``JST``, ...) are fixed offsets by definition.
* ``CST`` is China Standard Time (+08:00) when the source zone is a Chinese one (Shanghai,
  Taipei, Hong Kong, ...) or, for a non-American source zone, when ``languages[0]`` is Chinese;
  otherwise US Central Standard Time (-06:00). ``北京时间`` is Asia/Shanghai.

Dates without a time are midnight in the zone; so are ``今天``/``昨天``/``前天``/``yesterday``
without a time. Year-less dates (``5月18日``, ``05-18 08:32``, ``May 18``) take the year of
``now``, or the previous one if that would be after ``now + future_tolerance``. Relative dates
(``3小时前``, ``半小时前``, ``刚刚``, ``2 days ago``) count back from ``now``.

Forms parsed by hand-written regexes (no dateparser call), anywhere inside labels and noise
such as ``发布时间：… 来源：…`` or ``By Jane Doe | …``:

* numeric: ``2022-05-18 08:32:24``, ``2022/5/18 8:32``, ``2022.05.18``, ISO 8601 with ``T``,
  fractional seconds (``23:15:0Z`` too) and ``Z``/``+08:00``/``+0800``, a day glued to its
  time (``2003-11-1216:36``), compact ``20220518[T0832[24]]``, Unix timestamps (10 digits, or
  13 for milliseconds) when they are the whole string;
* numeric with the year last: ``18.05.2022``, ``06-08-2009T14:12:32+0200``, ``05/18/2022``
  (order: see below); ``22-05-18 08:32`` (yy-mm-dd) when the first language writes the year
  first (``zh``, ``ja``, ``ko``);
* times with a colon, ``14h12`` or a dot (``08.32``, as in ``Wednesday 18 May 2022 08.32 BST``);
* Chinese: ``2022年5月18日``, ``2022年05月18日 08:32``, ``2022年05月18日08时32分24秒``,
  ``下午3点``, Chinese numerals (``二〇二二年五月十八日``, ``十二月三十一日``, ``三天前``),
  ROC years (``111年5月18日``, ``民國111年5月18日``), weekdays (``星期三``, ``週三``) ignored;
  Japanese ``午前``/``午後``; Korean ``2022년 5월 18일 오후 3시 48분``, ``2022.05.18. 오후 3:48``;
* English: ``May 18, 2022``, ``18 May 2022``, ``Wednesday, May 18, 2022 8:32 AM``,
  ``May 18, 2022 at 8:32 a.m. EDT``, RFC 2822 (``Wed, 18 May 2022 08:32:24 +0800``), the
  asctime / ``date`` / ``Date.toString()`` form (``Tue Jul 30 09:35:14 CEST 2019``);
* year-less and relative forms in Chinese (simplified and traditional) and English.

Numeric day/month order
-----------------------
Year-first dates (``2022-05-06``, ``2022年5月6日``) are always Y-M-D. With the year last,
``a-b-YYYY`` (separators ``-``, ``/``, ``.``) is read

* day first if ``a > 12``, month first if ``b > 12`` (unambiguous);
* day first if the separator is a dot (``06.05.2022``: no locale writes M.D.Y);
* otherwise by ``languages``: the first language that is not written year first (``zh``,
  ``ja``, ``ko`` are skipped) decides. ``en`` / ``en-US`` (and other US-style English locales)
  read month first; any other English locale (``en-GB``, ``en-IN``, ...) and every other
  language (``de``, ``fr``, ``es``, ``it``, ``nl``, ``pt``, ``ru``, ``pl``, ...) read day first.
  With only year-first languages, month first.

So the default ``("zh", "en")`` reads ``05/06/2022`` as 6 May, ``("de", "en")`` as 5 June.
Locales such as ``en-GB`` are given to dateparser as their language (``en``).

English words (``yesterday``, ``today``, ``just now``, ``3 days ago``) must be whole tokens:
``yesterday-ish`` and ``today's`` are not dates.

Anything else falls back to :mod:`dateparser` with the given ``languages`` (never language
auto-detection, which is very slow), after noise fields (来源/编辑/浏览次数/By ...) are dropped.
"""

import calendar
import re
import unicodedata
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from datetime import timezone as fixed_timezone
from typing import NamedTuple
from zoneinfo import ZoneInfo

__all__ = [
    "DEFAULT_FUTURE_TOLERANCE",
    "DEFAULT_LANGUAGES",
    "DEFAULT_TIMEZONE",
    "DateParser",
    "format_iso",
    "parse_date",
]

DEFAULT_TIMEZONE = "Asia/Shanghai"
DEFAULT_LANGUAGES: tuple[str, ...] = ("zh", "en")
DEFAULT_FUTURE_TOLERANCE = timedelta(days=1)
MIN_YEAR = 1900
# Longer strings are prose, not a date field: dateparser would be slow and guess wrong.
_FALLBACK_MAX_LEN = 100

# --------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------

_INVISIBLE_RE = re.compile("[\u200b-\u200f\u2060\ufeff]")
_SPACE_RE = re.compile(r"\s+")

_CN_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
# Only numerals followed by a date/time unit are converted, so that words such as 统一 or the
# weekday in 星期三 are left alone.
_CN_NUM_RE = re.compile(
    r"[〇○零一二两兩三四五六七八九十百]+"
    r"(?=\s?(?:年|月|日|号|號|[时時点點]|分|秒|小[时時]|[个個]|天|[周週]|星期|礼拜|禮拜|钟|鐘))"
)


def _cn_number(text: str) -> int:
    """二〇二二 -> 2022 (digit by digit), 三十一 -> 31, 一百一十一 -> 111 (positional)."""
    if "十" not in text and "百" not in text:
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    total = current = 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _CN_DIGITS[ch]
    return total + current


# Korean dates use the Chinese pattern with Hangul units: 2022년 5월 18일 오후 3시 48분, and
# 2022.05.18. 오후 3:48 with a dot after the day; the weekday is in parentheses: (수).
_KO_UNITS = {"년": "年", "월": "月", "일": "日", "시": "时", "분": "分", "초": "秒"}
_KO_UNIT_RE = re.compile(r"(?<=\d)\s?([년월일시분초])")
_KO_DAYTIME_RE = re.compile(r"(?:(?<=\d)\.)?\s?(오전|오후)\s?")
_KO_WEEKDAY_RE = re.compile(r"\s?\([월화수목금토일]\)")
_HANGUL_RE = re.compile("[\uac00-\ud7a3]")


def _korean(s: str) -> str:
    s = _KO_WEEKDAY_RE.sub("", s)
    s = _KO_DAYTIME_RE.sub(lambda m: " 上午" if m[1] == "오전" else " 下午", s)
    return _KO_UNIT_RE.sub(lambda m: _KO_UNITS[m[1]], s)


def _normalise(raw: str) -> str:
    s = raw
    if not s.isascii():
        # NFKC folds full-width digits, colons and spaces (２０２２：) to ASCII.
        s = unicodedata.normalize("NFKC", s)
        s = _INVISIBLE_RE.sub("", s)
        s = _CN_NUM_RE.sub(lambda m: str(_cn_number(m.group())), s)
        if _HANGUL_RE.search(s):
            s = _korean(s)
    return _SPACE_RE.sub(" ", s).strip()


# --------------------------------------------------------------------------------------------
# Regexes: a date finder gives year/month/day; time and zone are then matched at its end.
# --------------------------------------------------------------------------------------------

# The day may be glued to a two-digit-hour time ("2003-11-1216:36", a common CMS slip).
_YMD_RE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s?(?P<sep>[-/.])\s?(?P<m>\d{1,2})\s?(?P=sep)\s?"
    r"(?P<d>\d{2}(?=[0-2]\d:[0-5]\d)|\d{1,2}(?!\d))"
)
# Day-month-year or month-day-year; which one is decided by _day_first (see the docstring).
_DMY_RE = re.compile(
    r"(?<![\d.:/-])(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d{2})(?!\d)"
)
# yy-mm-dd ("22-05-18 08:32"), read so only where the first language writes the year first.
_YY_MD_RE = re.compile(
    r"(?<![\d./-])(?<!\d:)(?P<y>\d{2})-(?P<m>1[0-2]|0?[1-9])-(?P<d>3[01]|[12]\d|0?[1-9])(?![\d.:/-])"
)
_CN_YMD_RE = re.compile(
    r"(?P<roc>(?:中[华華])?民[国國]\s?)?(?<!\d)(?P<y>\d{2,4})\s?年\s?(?P<m>\d{1,2})\s?月"
    r"\s?(?P<d>\d{1,2})(?!\d)\s?[日号號]?"
)
_COMPACT_RE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)"
    r"(?:[Tt]?(?P<H>[0-2]\d)(?P<M>[0-5]\d)(?P<S>[0-5]\d)?)?(?!\d)"
)
_TIMESTAMP_RE = re.compile(r"(?P<sec>\d{10})(?:\.(?P<frac>\d{1,6}))?|(?P<ms>\d{13})")

_MONTH_NAMES = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MONTHS = {
    name: i
    for i, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
# The year is optional: year-less matches are only used by the year-less stage.
_EN_MDY_RE = re.compile(
    rf"\b{_MONTH_NAMES}\.?\s?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)"
    r"(?:,?\s?(?P<y>(?:19|20)\d{2})(?![\d:]))?",
    re.I,
)
_EN_DMY_RE = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s?(?:of\s)?{_MONTH_NAMES}\b\.?"
    r"(?:,?\s?(?P<y>(?:19|20)\d{2})(?![\d:]))?",
    re.I,
)

# The year after the time in the asctime / ``date`` / JavaScript form "Tue Jul 30 09:35:14 CEST
# 2019", read after a year-less month-day match and its time (and zone).
_TRAILING_YEAR_RE = re.compile(r"\s?(?P<y>(?:19|20)\d{2})(?![\d:])")

_CN_MD_RE = re.compile(r"(?<![\d年])(?P<m>\d{1,2})\s?月\s?(?P<d>\d{1,2})\s?[日号號]")
# Year-less numeric dates are only accepted with a time or as the whole field (see below),
# because "3/5" or "1-2" are more often scores and page ranges than dates.
_MD_NUM_RE = re.compile(r"(?<![\d/.:-])(?P<m>\d{1,2})(?P<sep>[-/])(?P<d>\d{1,2})(?![\d/.:-])")

_TIME_RE = re.compile(
    r"""
    [\s,]*(?:[-–—|•·/]\s?)?  # "27.04.2024 - 12:30", "April 27, 2024 | 12:30"
    (?:[Tt](?=\d)|(?i:at|um|à|a\slas|alle(?:\sore)?|ore|às|om|kl\.?|klo|kello|kell|o|u|ob|v|
        saat|godz\.?|в)\s|@\s?)?\s?
    (?:\(?(?:星期|周|週|礼拜|禮拜)[一二三四五六日天七]\)?\s?)?
    (?P<pre>上午|下午|中午|晚上|凌晨|早上|早晨|傍晚|夜里|夜裡|夜间|夜間|午前|午後)?\s?
    (?P<h>\d{1,2})
    (?:
        \s?:\s?(?P<m>\d{2})(?:\s?:\s?(?P<s>\d{1,2})(?:[.,](?P<f>\d{1,9}))?)?
      | \s?[时時点點](?![击擊])\s?
        (?:(?P<half>半)|(?P<m2>\d{1,2})\s?分?(?:\s?(?P<s2>\d{1,2})\s?秒)?)?
      | [hH](?P<m3>[0-5]\d)  # 14h12 (French, Portuguese)
      | \.(?P<m4>[0-5]\d)(?![.\d])  # 08.32 (British, German, Scandinavian)
      | (?=\s?[AaPp]\.?\s?[Mm]\b)
    )
    (?!\d)
    (?:\s?(?P<ap>[AaPp])\.?\s?[Mm]\.?(?![A-Za-z]))?
    """,
    re.X,
)
_PM_WORDS = frozenset({"下午", "晚上", "傍晚", "夜里", "夜裡", "夜间", "夜間", "午後"})

_ZONE_RE = re.compile(
    r"""
    \s?\(?\s?
    (?:
        (?P<z>Z)(?![A-Za-z])
      | (?:UTC|GMT)\s?(?P<sign1>[+-])(?P<oh1>\d{1,2})(?::?(?P<om1>\d{2}))?(?!\d)
      | (?P<sign>[+-])(?P<oh>\d{2})(?::?(?P<om>\d{2}))?(?!\d)
      | (?P<name>[A-Z]{2,5})(?![A-Za-z])
      | (?P<cn>北京时间|北京時間)
    )
    """,
    re.X,
)


def _fixed(hours: float, name: str) -> tzinfo:
    return fixed_timezone(timedelta(hours=hours), name)


_CHINA_CST = _fixed(8, "CST")
_US_CST = _fixed(-6, "CST")
# str values are IANA zones: generic names whose offset depends on DST at that date.
_ZONE_NAMES: dict[str, tzinfo | str] = {
    "UTC": UTC,
    "GMT": UTC,
    "UT": UTC,
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
    "EST": _fixed(-5, "EST"),
    "EDT": _fixed(-4, "EDT"),
    "CDT": _fixed(-5, "CDT"),
    "MST": _fixed(-7, "MST"),
    "MDT": _fixed(-6, "MDT"),
    "PST": _fixed(-8, "PST"),
    "PDT": _fixed(-7, "PDT"),
    "WET": _fixed(0, "WET"),
    "WEST": _fixed(1, "WEST"),
    "BST": _fixed(1, "BST"),
    "CET": _fixed(1, "CET"),
    "CEST": _fixed(2, "CEST"),
    "EET": _fixed(2, "EET"),
    "EEST": _fixed(3, "EEST"),
    "MSK": _fixed(3, "MSK"),
    "HKT": _fixed(8, "HKT"),
    "SGT": _fixed(8, "SGT"),
    "AWST": _fixed(8, "AWST"),
    "JST": _fixed(9, "JST"),
    "KST": _fixed(9, "KST"),
    "AEST": _fixed(10, "AEST"),
    "AEDT": _fixed(11, "AEDT"),
    "NZST": _fixed(12, "NZST"),
    "NZDT": _fixed(13, "NZDT"),
}
_CHINA_ZONES = frozenset(
    {
        "Asia/Shanghai",
        "Asia/Chongqing",
        "Asia/Chungking",
        "Asia/Harbin",
        "PRC",
        "Asia/Taipei",
        "ROC",
        "Asia/Hong_Kong",
        "Hongkong",
        "Asia/Macau",
        "Asia/Macao",
    }
)

# Relative forms (numerals are already converted to digits by _normalise).
# English words must be whole tokens: "yesterday-ish" or "today's" are not dates.
_TOKEN_START = r"(?<![\w'’-])"
_TOKEN_END = r"(?![\w'’-])"
_JUST_NOW_RE = re.compile(
    rf"刚刚|剛剛|刚才|剛才|{_TOKEN_START}(?:just now|(?:a )?moments? ago){_TOKEN_END}", re.I
)
_REL_CN_RE = re.compile(
    r"(?<![\d月.])(?P<n>\d+(?:\.\d+)?|半)\s?[个個]?\s?"
    r"(?P<u>秒钟|秒鐘|秒|分钟|分鐘|分|小时|小時|钟头|鐘頭|天|日|周|週|星期|礼拜|禮拜|月|年)\s?之?前"
)
_REL_EN_RE = re.compile(
    rf"{_TOKEN_START}(?P<n>\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|half an?)\s(?P<u>sec(?:ond)?s?|min(?:ute)?s?|h(?:ou)?rs?|days?|weeks?|months?"
    rf"|years?)\sago{_TOKEN_END}",
    re.I,
)
_EN_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_REL_UNITS = {
    "秒": "s",
    "分": "min",
    "小": "h",
    "钟": "h",
    "鐘": "h",
    "天": "d",
    "日": "d",
    "周": "w",
    "週": "w",
    "星": "w",
    "礼": "w",
    "禮": "w",
    "月": "mo",
    "年": "y",
    "se": "s",
    "mi": "min",
    "h": "h",
    "da": "d",
    "we": "w",
    "mo": "mo",
    "ye": "y",
}
_DAY_WORD_RE = re.compile(
    r"(?P<cn>大前天|大前日|前天|前日|昨天|昨日|今天|今日)"
    rf"|{_TOKEN_START}(?P<en>(?:the )?day before yesterday|yesterday|today)(?![\w-])",
    re.I,
)
_DAYS_BACK = {"大前": 3, "前": 2, "昨": 1, "今": 0, "th": 2, "da": 2, "ye": 1, "to": 0}
# A day word with no time must stand alone: 今日头条 is a site name, "Today's" is not a date.
_DAY_WORD_END_RE = re.compile(_TOKEN_END)

# Noise fields, dropped before the year-less / relative / dateparser stages.
_SEPARATOR_RE = re.compile(r"\s?[|｜丨·•]\s?")
_LABEL_RE = re.compile(
    r"(?:(?P<noise>来源|來源|出处|出處|作者|记者|記者|通讯员|通訊員|责任编辑|責任編輯|编辑|編輯"
    r"|责编|責編|审核|審核|校对|校對|摄影|攝影|浏览次数|瀏覽次數|浏览量|瀏覽量|浏览|瀏覽|阅读量|閱讀量"
    r"|阅读数|閱讀數|阅读|閱讀|点击数|點擊數|点击量|點擊量|点击|點擊|评论|評論|字号|字號|关键词|關鍵詞"
    r"|标签|標籤|\b(?:source|editor|author|by|views?|reads?|hits|comments?|tags?|photo|credit))"
    r"|(?P<date>发布时间|發布時間|發佈時間|发表时间|發表時間|发布日期|發布日期|更新时间|更新時間|时间"
    r"|時間|日期|\b(?:updated|published|posted(?: on)?|last modified|modified|date|time)))\s?:",
    re.I,
)
_BY_RE = re.compile(r"by\s", re.I)
_FALLBACK_HINT_RE = re.compile(
    r"[年月日号號时時点點前后後昨今明周週]|星期|\d\s?[-/.:]\s?\d|\b(?:jan|feb|mar|apr|may|jun|jul"
    r"|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|ago|yesterday|today|tomorrow|last|week"
    r"|month|year|hour|minute|second|noon|midnight)",
    re.I,
)
_CST_WORD_RE = re.compile(r"\bCST\b")


# Languages written year first: their numeric order says nothing about D-M-Y vs M-D-Y.
_YEAR_FIRST_LANGUAGES = frozenset({"zh", "ja", "ko"})
# English variants written month first; every other English and every other language is day
# first (en-GB, en-IN, de, fr, es, it, nl, pt, ru, pl, ...).
_MONTH_FIRST_LOCALES = frozenset({"en", "en-us", "en-ph", "en-as", "en-gu", "en-pr", "en-um"})


def _day_first(languages: Sequence[str]) -> bool:
    """Numeric-date order from the first language that is not written year first."""
    for lang in languages:
        code = lang.strip().replace("_", "-").lower()
        if code.split("-")[0] in _YEAR_FIRST_LANGUAGES:
            continue
        return code not in _MONTH_FIRST_LOCALES
    return False


def _dateparser_languages(languages: Sequence[str]) -> list[str]:
    """dateparser knows languages, not locales: en-GB -> en (order kept, duplicates dropped)."""
    return list(dict.fromkeys(lang.replace("_", "-").split("-")[0].lower() for lang in languages))


class _Hit(NamedTuple):
    start: int
    value: datetime


def _strip_noise(s: str) -> str:
    """Drop 来源/编辑/浏览次数/By ... fields and date labels, keep the rest."""
    kept: list[str] = []
    for segment in _SEPARATOR_RE.split(s):
        if not segment or _BY_RE.match(segment):
            continue
        pos, keep = 0, True
        for m in _LABEL_RE.finditer(segment):
            if keep:
                kept.append(segment[pos : m.start()])
            keep = m["noise"] is None
            pos = m.end()
        if keep:
            kept.append(segment[pos:])
    return " ".join(part for p in kept if (part := p.strip()))


def _time_parts(m: re.Match[str]) -> tuple[int, int, int, int]:
    hour = int(m["h"])
    if m["m"] is not None:
        minute, second = int(m["m"]), int(m["s"] or 0)
        micro = int((m["f"] or "0")[:6].ljust(6, "0"))
    else:
        minute = 30 if m["half"] else int(m["m2"] or m["m3"] or m["m4"] or 0)
        second, micro = int(m["s2"] or 0), 0
    ampm, pre = m["ap"], m["pre"]
    if ampm and hour <= 12:
        hour = hour % 12 + (12 if ampm in "Pp" else 0)
    elif (pre in _PM_WORDS and hour < 12) or (pre == "中午" and hour < 11):
        hour += 12
    elif pre == "凌晨" and hour == 12:
        hour = 0
    return hour, minute, second, micro


def _months_earlier(d: datetime, months: int) -> datetime:
    year, month = divmod(d.year * 12 + d.month - 1 - months, 12)
    month += 1
    # Clamp: one month before 31 March is 28/29 February.
    return d.replace(year=year, month=month, day=min(d.day, calendar.monthrange(year, month)[1]))


class DateParser:
    """Parser bound to a source zone and languages; see the module docstring for the contract.

    Cheap to build (no dateparser objects are created until a string needs the fallback).
    A ``dateparser.date.DateDataParser`` is built per fallback call, because ``RELATIVE_BASE``
    is a construction-time setting and changes with ``now``; that costs ~25 µs against 1-5 ms
    for the parse itself, so caching it would not measurably help.
    """

    __slots__ = ("_cst", "_day_first", "_year_first", "future_tolerance", "languages", "tz")

    def __init__(
        self,
        timezone: str | tzinfo = DEFAULT_TIMEZONE,
        languages: Sequence[str] = DEFAULT_LANGUAGES,
        *,
        future_tolerance: timedelta = DEFAULT_FUTURE_TOLERANCE,
    ) -> None:
        self.tz: tzinfo = ZoneInfo(timezone) if isinstance(timezone, str) else timezone
        self.languages: tuple[str, ...] = tuple(languages)
        self.future_tolerance = future_tolerance
        key = getattr(self.tz, "key", "") or ""
        chinese = bool(self.languages) and self.languages[0].lower().startswith("zh")
        is_china = key in _CHINA_ZONES or (chinese and not key.startswith("America/"))
        self._cst = _CHINA_CST if is_china else _US_CST
        self._day_first = _day_first(self.languages)
        first = self.languages[0].replace("_", "-").split("-")[0].lower() if self.languages else ""
        self._year_first = first in _YEAR_FIRST_LANGUAGES

    @property
    def day_first(self) -> bool:
        """Whether ``05/04/2022`` is read as 5 April (see "Numeric day/month order")."""
        return self._day_first

    @property
    def year_first(self) -> bool:
        """Whether the first language writes numeric dates year first (zh, ja, ko)."""
        return self._year_first

    def parse(self, raw: str | None, *, now: datetime | None = None) -> datetime | None:
        """Parse ``raw``; ``now`` (aware; naive means source zone) defaults to the current time."""
        if raw is None:
            return None
        if not isinstance(raw, str):
            raise TypeError(f"expected str or None, got {type(raw).__name__}")
        s = _normalise(raw)
        if not s:
            return None
        if now is None:
            now = datetime.now(self.tz)
        elif now.tzinfo is None:
            now = now.replace(tzinfo=self.tz)
        limit = now + self.future_tolerance

        result = self._timestamp(s)
        if result is None:
            hit = self._absolute(s)
            if hit is not None:
                result = hit.value
            elif _YMD_RE.search(s) or _CN_YMD_RE.search(s) or _DMY_RE.search(s):
                # An impossible full date (2022-13-01): dateparser would only guess at it.
                return None
            else:
                text = _strip_noise(s)
                if not text:
                    return None
                now_local = now.astimezone(self.tz)
                hit = self._relative_or_yearless(text, now, now_local, limit)
                result = hit.value if hit else self._fallback(text, now_local)
        if result is None or result.year < MIN_YEAR or result > limit:
            return None
        return result

    # -- stage 1: full dates with a year --------------------------------------------------------

    def _timestamp(self, s: str) -> datetime | None:
        m = _TIMESTAMP_RE.fullmatch(s)
        if m is None:
            return None
        seconds = int(m["ms"]) / 1000 if m["ms"] else float(f"{m['sec']}.{m['frac'] or 0}")
        return datetime.fromtimestamp(seconds, self.tz)

    def _absolute(self, s: str) -> _Hit | None:
        """Leftmost valid full date in ``s``; the usual forms match at 0 and stop the search."""
        best: _Hit | None = None
        finders = (self._ymd, self._cn_ymd, self._en_dated, self._dmy, self._compact, self._yy_md)
        for finder in finders:
            hit = finder(s)
            if hit is not None and (best is None or hit.start < best.start):
                best = hit
                if hit.start == 0:
                    break
        return best

    def _ymd(self, s: str) -> _Hit | None:
        for m in _YMD_RE.finditer(s):
            value = self._dated(s, m.end(), int(m["y"]), int(m["m"]), int(m["d"]))
            if value is not None:
                return _Hit(m.start(), value)
        return None

    def _cn_ymd(self, s: str) -> _Hit | None:
        if "年" not in s:
            return None
        for m in _CN_YMD_RE.finditer(s):
            y = m["y"]
            year = int(y)
            if m["roc"] or len(y) == 3:
                year += 1911  # Republic of China (Taiwan) calendar: 民國111年 = 2022
            elif len(y) == 2:
                year += 2000
            value = self._dated(s, m.end(), year, int(m["m"]), int(m["d"]))
            if value is not None:
                return _Hit(m.start(), value)
        return None

    def _yy_md(self, s: str) -> _Hit | None:
        if not self._year_first:
            return None
        for m in _YY_MD_RE.finditer(s):
            value = self._dated(s, m.end(), 2000 + int(m["y"]), int(m["m"]), int(m["d"]))
            if value is not None:
                return _Hit(m.start(), value)
        return None

    def _dmy(self, s: str) -> _Hit | None:
        for m in _DMY_RE.finditer(s):
            a, b = int(m["a"]), int(m["b"])
            # Unambiguous when one number is over 12; dots are day first everywhere.
            if a > 12 or (b <= 12 and (m["sep"] == "." or self._day_first)):
                a, b = b, a
            value = self._dated(s, m.end(), int(m["y"]), a, b)
            if value is not None:
                return _Hit(m.start(), value)
        return None

    def _en_dated(self, s: str) -> _Hit | None:
        if s.isdigit():
            return None
        best: _Hit | None = None
        for regex in (_EN_MDY_RE, _EN_DMY_RE):
            for m in regex.finditer(s):
                year = int(m["y"]) if m["y"] else None
                if year is None and regex is _EN_MDY_RE:
                    year = self._trailing_year(s, m.end())
                if year is None:
                    continue
                month = _MONTHS[m["mon"][:3].lower()]
                value = self._dated(s, m.end(), year, month, int(m["d"]))
                if value is not None:
                    if best is None or m.start() < best.start:
                        best = _Hit(m.start(), value)
                    break
        return best

    @staticmethod
    def _trailing_year(s: str, pos: int) -> int | None:
        """The year of "Jul 30 09:35:14 [CEST] 2019", after the time and zone at ``pos``."""
        tm = _TIME_RE.match(s, pos)
        if tm is None:
            return None
        zm = _ZONE_RE.match(s, tm.end())
        ym = _TRAILING_YEAR_RE.match(s, zm.end() if zm else tm.end())
        return int(ym["y"]) if ym else None

    def _compact(self, s: str) -> _Hit | None:
        for m in _COMPACT_RE.finditer(s):
            hms = (int(m["H"]), int(m["M"]), int(m["S"] or 0), 0) if m["H"] else (0, 0, 0, 0)
            zone = None
            if m["H"]:
                zm = _ZONE_RE.match(s, m.end())
                zone = self._zone(zm) if zm else None
            try:
                value = datetime(
                    int(m["y"]), int(m["m"]), int(m["d"]), *hms, tzinfo=zone or self.tz
                )
            except ValueError:
                continue
            return _Hit(m.start(), value)
        return None

    def _dated(self, s: str, pos: int, year: int, month: int, day: int) -> datetime | None:
        """Date plus the time and zone that follow it at ``pos``; None if impossible."""
        hms = (0, 0, 0, 0)
        zone: tzinfo | None = None
        tm = _TIME_RE.match(s, pos)
        if tm is not None:
            hms = _time_parts(tm)
            zm = _ZONE_RE.match(s, tm.end())
            if zm is not None:
                zone = self._zone(zm)
        try:
            return datetime(year, month, day, *hms, tzinfo=zone or self.tz)
        except ValueError:
            return None

    def _zone(self, m: re.Match[str]) -> tzinfo | None:
        if m["z"]:
            return UTC
        sign = m["sign"] or m["sign1"]
        if sign:
            hours, minutes = int(m["oh"] or m["oh1"]), int(m["om"] or m["om1"] or 0)
            if hours > 14 or minutes >= 60:
                return None
            offset = timedelta(hours=hours, minutes=minutes)
            if not offset:
                return UTC
            return fixed_timezone(-offset if sign == "-" else offset)
        if m["name"]:
            if m["name"] == "CST":
                return self._cst
            zone = _ZONE_NAMES.get(m["name"])
            return ZoneInfo(zone) if isinstance(zone, str) else zone
        return ZoneInfo("Asia/Shanghai")  # 北京时间

    # -- stage 2: year-less and relative dates (noise fields removed) ---------------------------

    def _relative_or_yearless(
        self, s: str, now: datetime, now_local: datetime, limit: datetime
    ) -> _Hit | None:
        hits: list[_Hit] = []

        def add(start: int, value: datetime | None) -> None:
            if value is not None:
                hits.append(_Hit(start, value))

        for m in _CN_MD_RE.finditer(s):
            add(m.start(), self._yearless(s, m.end(), int(m["m"]), int(m["d"]), now_local, limit))
        for regex in (_EN_MDY_RE, _EN_DMY_RE):
            for m in regex.finditer(s):
                if m["y"] is None:
                    month = _MONTHS[m["mon"][:3].lower()]
                    add(m.start(), self._yearless(s, m.end(), month, int(m["d"]), now_local, limit))
        for m in _MD_NUM_RE.finditer(s):
            if _TIME_RE.match(s, m.end()) or m.group() == s:
                month, day = int(m["m"]), int(m["d"])
                add(m.start(), self._yearless(s, m.end(), month, day, now_local, limit))
        if (m := _JUST_NOW_RE.search(s)) is not None:
            add(m.start(), now_local)
        if (m := _REL_CN_RE.search(s)) is not None:
            n = 0.5 if m["n"] == "半" else float(m["n"])
            add(m.start(), _ago(now, now_local, n, _REL_UNITS[m["u"][0]]))
        if (m := _REL_EN_RE.search(s)) is not None:
            word = m["n"].lower()
            n = 0.5 if word.startswith("half") else float(_EN_NUMBERS.get(word) or word)
            unit = m["u"].lower()
            unit = unit[:1] if unit[0] == "h" else unit[:2]
            add(m.start(), _ago(now, now_local, n, _REL_UNITS[unit]))
        for m in _DAY_WORD_RE.finditer(s):
            word = m["cn"] or m["en"].lower()
            back = _DAYS_BACK[word[:2]] if word[:2] in _DAYS_BACK else _DAYS_BACK[word[:1]]
            day = now_local.date() - timedelta(days=back)
            tm = _TIME_RE.match(s, m.end())
            if tm is None and not _DAY_WORD_END_RE.match(s, m.end()):
                continue
            add(m.start(), self._on_day(day, tm))
            break
        return min(hits, default=None)

    def _yearless(
        self, s: str, pos: int, month: int, day: int, now_local: datetime, limit: datetime
    ) -> datetime | None:
        for year in (now_local.year, now_local.year - 1):
            value = self._dated(s, pos, year, month, day)
            if value is not None and value <= limit:
                return value
        return None

    def _on_day(self, day: date, tm: re.Match[str] | None) -> datetime | None:
        hour, minute, second, micro = _time_parts(tm) if tm else (0, 0, 0, 0)
        try:
            return datetime.combine(day, time(hour, minute, second, micro), tzinfo=self.tz)
        except ValueError:
            return None

    # -- stage 3: dateparser ---------------------------------------------------------------------

    def _fallback(self, text: str, now_local: datetime) -> datetime | None:
        if len(text) > _FALLBACK_MAX_LEN or not _FALLBACK_HINT_RE.search(text):
            return None
        # Imported lazily: importing dateparser costs ~0.3 s and most strings never need it.
        from dateparser.date import DateDataParser

        if self._cst is _CHINA_CST:
            text = _CST_WORD_RE.sub("+08:00", text)  # dateparser reads CST as US Central
        settings = {
            # No TIMEZONE: zone-less results come back naive and are localised below with the
            # ZoneInfo (DST-correct), explicit offsets come back aware and are kept.
            "RELATIVE_BASE": now_local.replace(tzinfo=None),
            "PREFER_DATES_FROM": "past",
            "PREFER_DAY_OF_MONTH": "first",
        }
        try:
            languages = _dateparser_languages(self.languages)
            parser = DateDataParser(languages=languages, settings=settings)
            value = parser.get_date_data(text).date_obj
        except (ValueError, OverflowError):
            return None
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=self.tz)
        offset = value.utcoffset()
        return value.replace(tzinfo=UTC if not offset else fixed_timezone(offset))


def _ago(now: datetime, now_local: datetime, n: float, unit: str) -> datetime | None:
    try:
        return _ago_unchecked(now, now_local, n, unit)
    except (ValueError, OverflowError):  # "152318年前" goes before year 1
        return None


def _ago_unchecked(now: datetime, now_local: datetime, n: float, unit: str) -> datetime:
    if unit in ("s", "min", "h") or (n != int(n) and unit in ("d", "w")):
        seconds = {"s": 1, "min": 60, "h": 3600, "d": 86400, "w": 604800}[unit] * n
        # Elapsed time is absolute: subtract in UTC so that a DST change is counted right.
        return (now.astimezone(UTC) - timedelta(seconds=seconds)).astimezone(now_local.tzinfo)
    if unit in ("d", "w"):
        # Calendar days keep the wall-clock time across a DST change.
        days = int(n) * (7 if unit == "w" else 1)
        naive = now_local.replace(tzinfo=None) - timedelta(days=days)
        return naive.replace(tzinfo=now_local.tzinfo)
    if n != int(n):  # 半个月前 / 1.5个月前 / 半年前
        if unit == "mo":
            return _ago_unchecked(now, now_local, round(n * 30), "d")
        return _months_earlier(now_local, round(n * 12))
    return _months_earlier(now_local, int(n) * (12 if unit == "y" else 1))


def parse_date(
    raw: str | None,
    *,
    timezone: str | tzinfo = DEFAULT_TIMEZONE,
    now: datetime | None = None,
    languages: Sequence[str] = DEFAULT_LANGUAGES,
    future_tolerance: timedelta = DEFAULT_FUTURE_TOLERANCE,
) -> datetime | None:
    """Parse a scraped date string to an aware datetime, or None (see the module docstring).

    ``timezone`` is the source's zone (IANA name or tzinfo), used when the string carries no
    zone; ``now`` (aware) anchors relative and year-less dates and the future check;
    ``languages`` are given to dateparser for the forms the fast paths do not cover.
    """
    return DateParser(timezone, languages, future_tolerance=future_tolerance).parse(raw, now=now)


def format_iso(value: datetime) -> str:
    """ISO 8601 with offset, e.g. ``2022-05-18T08:32:00+08:00``; refuses naive datetimes."""
    if value.utcoffset() is None:
        raise ValueError("naive datetime: its instant is unknown")
    return value.isoformat()
