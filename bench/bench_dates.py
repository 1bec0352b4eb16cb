"""Benchmark newsbot.dates.parse_date against plain dateparser.parse.

Run: .venv/bin/python bench/bench_dates.py

Times both, in one process and after a warm-up, over the same "common forms" (numeric, Chinese,
ISO 8601, RFC 2822) and checks that they agree wherever both return a date. Exits 1 if
parse_date is less than MIN_RATIO times faster, if any common result differs, if dateparser
finds a common date that parse_date misses, or if parse_date called dateparser for a common
form (those must all take the regex fast paths).
The "hard forms" (labels, relative, Chinese numerals) are timed for information only.
"""

import sys
import time
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import dateparser
from dateparser.date import DateDataParser

from newsbot.dates import parse_date

MIN_RATIO = 20.0
BUDGET_S = 1.5  # per timed run; six runs keep the whole benchmark well under 60 s
TZ = "Asia/Shanghai"
LANGUAGES = ["zh", "en"]
NOW = datetime(2022, 5, 20, 10, 0, tzinfo=ZoneInfo(TZ))
DATEPARSER_SETTINGS = {
    "TIMEZONE": TZ,
    "RETURN_AS_TIMEZONE_AWARE": True,
    "RELATIVE_BASE": NOW.replace(tzinfo=None),
    "PREFER_DATES_FROM": "past",
}

COMMON = [
    "2022-05-18 08:32:24",
    "2022-05-18 08:32",
    "2022-05-18",
    "2022/5/18 8:32",
    "2022/05/18 08:32:24",
    "2022.05.18",
    "2022-5-8",
    "2022-05-18T08:32:24",
    "2022-05-18T08:32:24Z",
    "2022-05-18T08:32:24+08:00",
    "2022-05-18T08:32:24+0800",
    "2022-05-18T08:32:24.123456+00:00",
    "2022-05-18T08:32:24.123Z",
    "2022年5月18日",
    "2022年05月18日 08:32",
    "2022年05月18日08时32分24秒",
    "2022年5月18日 08:32:24",
    "20220518",
    "Wed, 18 May 2022 08:32:24 +0800",
    "Wed, 18 May 2022 08:32:24 GMT",
    "Tue, 17 May 2022 23:05:00 -0400",
    "1652833944",
    "18.05.2022",
    "18.05.2022 08:32",
    "Tue May 17 09:35:14 CEST 2022",
]

HARD = [
    "发布时间：2022-05-18 08:32 来源：右江日报",
    "来源：右江日报 发布时间：2022-05-18 08:32 浏览次数：1523",
    "By Jane Doe | May 18, 2022",
    "Updated: May 18, 2022 at 8:32 a.m. EDT",
    "Wednesday, May 18, 2022 8:32 AM",
    "May 18, 2022 8:32 AM ET",
    "二〇二二年五月十八日",
    "民國111年5月18日",
    "十二月三十一日",
    "5月18日 08:32",
    "05-18 08:32",
    "3小时前",
    "半小时前",
    "10分鐘前",
    "昨天 14:20",
    "三天前",
    "3 hours ago",
    "yesterday",
    "浏览次数：1523",
    "18/05/2022",
    "last friday",  # not a fast path: goes to dateparser
]


def ours(s: str) -> datetime | None:
    return parse_date(s, timezone=TZ, now=NOW, languages=LANGUAGES)


def plain(s: str) -> datetime | None:
    return dateparser.parse(s, languages=LANGUAGES, settings=DATEPARSER_SETTINGS)


def throughput(fn: Callable[[str], datetime | None], strings: list[str]) -> float:
    """Calls per second over whole passes of ``strings``, for about BUDGET_S seconds."""
    calls = 0
    start = time.perf_counter()
    while (elapsed := time.perf_counter() - start) < BUDGET_S:
        for s in strings:
            fn(s)
        calls += len(strings)
    return calls / elapsed


def count_dateparser_calls(strings: list[str]) -> int:
    """How many of ``strings`` make parse_date reach dateparser."""
    original = DateDataParser.get_date_data
    hits: list[str] = []

    def spy(self: DateDataParser, date_string: str, *args: object, **kwargs: object) -> object:
        hits.append(date_string)
        return original(self, date_string, *args, **kwargs)

    DateDataParser.get_date_data = spy  # type: ignore[method-assign]
    try:
        for s in strings:
            ours(s)
    finally:
        DateDataParser.get_date_data = original  # type: ignore[method-assign]
    return len(hits)


def fmt(value: datetime | None) -> str:
    return value.isoformat() if value else "None"


def main() -> int:
    # Warm-up: dateparser's first call loads locale data; parse_date's first fallback imports it.
    for s in COMMON + HARD:
        ours(s)
        plain(s)

    ok = True
    print(f"== common forms ({len(COMMON)} strings, tz {TZ}, languages {LANGUAGES})")
    mismatches = []
    both = only_ours = only_plain = 0
    for s in COMMON:
        a, b = ours(s), plain(s)
        if a is not None and b is not None:
            both += 1
            # == on aware datetimes compares instants: dateparser converts explicit offsets to
            # TIMEZONE where parse_date keeps them, so offsets may legitimately differ.
            if a != b:
                mismatches.append((s, fmt(a), fmt(b)))
        elif a is not None:
            only_ours += 1
        elif b is not None:
            only_plain += 1
    print(f"both parsed: {both}, only parse_date: {only_ours}, only dateparser: {only_plain}")
    print(f"mismatches: {len(mismatches)}")
    for s, a, b in mismatches:
        print(f"  {s!r}: parse_date {a} != dateparser {b}")
    ok &= not mismatches and only_plain == 0

    calls = count_dateparser_calls(COMMON)
    print(f"dateparser calls made by parse_date on common forms: {calls}")
    ok &= calls == 0

    fast = throughput(ours, COMMON)
    slow = throughput(plain, COMMON)
    ratio = fast / slow
    print(f"parse_date:        {fast:12,.0f} parses/s ({1e6 / fast:8.1f} us each)")
    print(f"dateparser.parse:  {slow:12,.0f} parses/s ({1e6 / slow:8.1f} us each)")
    print(f"ratio: {ratio:.0f}x (required >= {MIN_RATIO:.0f}x)")
    ok &= ratio >= MIN_RATIO

    print(f"\n== hard forms ({len(HARD)} strings; information only)")
    found_ours = sum(ours(s) is not None for s in HARD)
    found_plain = sum(plain(s) is not None for s in HARD)
    print(f"dates found: parse_date {found_ours}/{len(HARD)}, dateparser {found_plain}/{len(HARD)}")
    print(f"dateparser calls made by parse_date: {count_dateparser_calls(HARD)}")
    fast = throughput(ours, HARD)
    slow = throughput(plain, HARD)
    print(f"parse_date:        {fast:12,.0f} parses/s ({1e6 / fast:8.1f} us each)")
    print(f"dateparser.parse:  {slow:12,.0f} parses/s ({1e6 / slow:8.1f} us each)")
    print(f"ratio: {fast / slow:.0f}x")

    print("\nPASS" if ok else "\nFAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
