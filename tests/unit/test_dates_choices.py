"""Dates: which of several dates in one string is taken, languages and locales, and the parts
of a time that must survive every path (fractions of a second, explicit offsets)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsbot.dates import DateParser, _dateparser_languages, _day_first, _strip_noise

NOW = datetime(2022, 5, 20, 12, 0, tzinfo=UTC)  # 20:00 in Shanghai
SHANGHAI = DateParser("Asia/Shanghai")


def iso(parser: DateParser, raw: str) -> str | None:
    parsed = parser.parse(raw, now=NOW)
    return parsed.isoformat() if parsed else None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("见20220304，2022-03-05更新", "2022-03-04T00:00:00+08:00"),
        ("2022-03-05 更新 20220304", "2022-03-05T00:00:00+08:00"),
        ("昨天 10:00（3小时前）", "2022-05-19T10:00:00+08:00"),
        ("今天很冷 昨天 10:00", "2022-05-19T10:00:00+08:00"),  # 今天 alone is no date here
    ],
)
def test_the_leftmost_date_wins_whatever_its_form(raw: str, expected: str) -> None:
    assert iso(SHANGHAI, raw) == expected


def test_english_dates_without_a_year_give_way_to_the_one_with_it() -> None:
    london = DateParser("Europe/London", ["en-GB"])
    assert iso(london, "Updated Mar 3, published March 4, 2022") == "2022-03-04T00:00:00+00:00"
    assert iso(london, "Mar 3 10:00, 2 hours ago") == "2022-03-03T10:00:00+00:00"


def test_a_day_word_keeps_the_fraction_of_a_second() -> None:
    assert iso(SHANGHAI, "昨天 08:30:15.5") == "2022-05-19T08:30:15.500000+08:00"


def test_an_offset_read_by_dateparser_is_kept() -> None:
    paris = DateParser("Europe/Paris", ["fr"])
    assert iso(paris, "4 mars 2022 15:00 +0200") == "2022-03-04T15:00:00+02:00"


def test_languages_are_optional_and_locales_are_read_as_languages() -> None:
    assert iso(DateParser("UTC", []), "2022-01-02") == "2022-01-02T00:00:00+00:00"
    assert _dateparser_languages(["en_GB", "en-US", "zh_CN"]) == ["en", "zh"]
    # Year-first languages say nothing of day or month first: the next language decides.
    assert _day_first(["zh-CN", "en-US"]) is False
    assert _day_first(["zh-CN", "en-GB"]) is True
    new_york = DateParser("America/New_York", ["zh-CN", "en-US"])
    assert iso(new_york, "03/04/2022") == "2022-03-04T00:00:00-05:00"


@pytest.mark.parametrize("language", ["zh_CN", "zh-CN", "ZH"])
def test_two_digit_years_come_first_in_year_first_languages(language: str) -> None:
    parser = DateParser("Asia/Shanghai", [language])
    assert iso(parser, "发布 22-03-04") == "2022-03-04T00:00:00+08:00"
    assert iso(DateParser("Asia/Shanghai", ["en-GB"]), "发布 22-03-04") != (
        "2022-03-04T00:00:00+08:00"
    )


def test_a_byline_before_the_date_is_dropped_not_the_date() -> None:
    assert _strip_noise("By Jane Doe | 3 hours ago") == "3 hours ago"
    assert _strip_noise(" | 3 hours ago") == "3 hours ago"
