"""Dates at their edges: half days and weeks ago, Chinese hundreds, the hours around noon and
midnight in Chinese and English, long fractions of a second, naive datetimes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsbot.dates import format_iso, parse_date

NOW = datetime(2022, 5, 20, 12, 0, tzinfo=UTC)  # 20:00 in Shanghai


def shanghai(raw: str) -> str | None:
    parsed = parse_date(raw, timezone="Asia/Shanghai", now=NOW)
    return parsed.isoformat() if parsed else None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("半天前", "2022-05-20T08:00:00+08:00"),  # 12 hours, to the second
        ("half a day ago", "2022-05-20T08:00:00+08:00"),
        ("半周前", "2022-05-17T08:00:00+08:00"),  # 3.5 days = 84 hours
        ("半个月前", "2022-05-05T20:00:00+08:00"),  # 15 calendar days
    ],
)
def test_half_units_ago_are_counted_exactly(raw: str, expected: str) -> None:
    assert shanghai(raw) == expected


@pytest.mark.parametrize(
    ("raw", "days"),
    [
        ("百天前", 100),
        ("一百天前", 100),
        ("二百零五天前", 205),
        ("一百二十天前", 120),
        ("十天前", 10),
    ],
)
def test_chinese_hundreds_of_days_ago(raw: str, days: int) -> None:
    parsed = parse_date(raw, timezone="Asia/Shanghai", now=NOW)
    assert parsed is not None
    assert (NOW - parsed).days == days


@pytest.mark.parametrize(
    ("clock", "expected"),
    [
        ("下午12:30", "12:30"),  # noon stays noon
        ("晚上11:30", "23:30"),
        ("中午11:30", "11:30"),  # before noon: as written
        ("中午12:30", "12:30"),
        ("中午1:30", "13:30"),  # after noon
        ("凌晨12:30", "00:30"),  # half past midnight
        ("凌晨1:30", "01:30"),
        ("12:30 PM", "12:30"),
        ("12:30 AM", "00:30"),
        ("1:30 pm", "13:30"),
        ("13:30 PM", "13:30"),  # a 24-hour time keeps its hour
        ("13:30 AM", "13:30"),
    ],
)
def test_hours_around_noon_and_midnight(clock: str, expected: str) -> None:
    assert shanghai(f"2022-05-18 {clock}") == f"2022-05-18T{expected}:00+08:00"


def test_fractions_of_a_second_beyond_microseconds_are_cut() -> None:
    assert shanghai("2022-05-18T08:32:00.1234567+08:00") == "2022-05-18T08:32:00.123456+08:00"
    assert shanghai("2022-05-18T08:32:00.5+08:00") == "2022-05-18T08:32:00.500000+08:00"


def test_a_naive_datetime_cannot_be_written() -> None:
    with pytest.raises(ValueError, match=r"^naive datetime: its instant is unknown$"):
        format_iso(datetime(2022, 5, 18, 8, 32))


def test_a_month_before_the_31st_is_the_last_day_of_the_shorter_month() -> None:
    now = datetime(2022, 3, 31, 4, 0, tzinfo=UTC)  # 12:00 in Shanghai
    parsed = parse_date("1个月前", timezone="Asia/Shanghai", now=now)
    assert parsed is not None and parsed.isoformat() == "2022-02-28T12:00:00+08:00"


@pytest.mark.parametrize("raw", ["18/05/2022 20220519", "Updated 18/05/2022, 20220519"])
def test_a_day_first_date_before_a_compact_one_is_the_date_read(raw: str) -> None:
    # The leftmost full date wins, whichever of the forms finds the other.
    assert shanghai(raw) == "2022-05-18T00:00:00+08:00"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # a day ahead of NOW (20:00 in Shanghai), the future tolerance: still this year's
        ("05-21 20:00", "2022-05-21T20:00:00+08:00"),
        ("5月21日 20:00", "2022-05-21T20:00:00+08:00"),
        # a minute beyond it: last year's
        ("05-21 20:01", "2021-05-21T20:01:00+08:00"),
    ],
)
def test_a_year_less_date_up_to_the_future_tolerance_is_this_years(raw: str, expected: str) -> None:
    assert shanghai(raw) == expected
