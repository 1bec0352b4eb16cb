"""Dates as a reader would read them, on whole scraped fields: which of two dates in one
field is the date, and an offset that cannot be."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from newsbot.dates import parse_date

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2022, 5, 25, 12, 0, tzinfo=SHANGHAI)


def test_the_first_of_two_yearless_dates_in_a_field_is_the_date_not_the_earliest() -> None:
    # A byline's own date first, then when the story was first posted elsewhere.
    value = parse_date("5月20日 08:32 · 首发于7天前", now=NOW)
    assert value == datetime(2022, 5, 20, 8, 32, tzinfo=SHANGHAI)


def test_an_offset_of_sixty_minutes_is_impossible_and_the_source_zone_is_used() -> None:
    value = parse_date("2022-05-18 08:32+05:60", now=NOW)
    assert value == datetime(2022, 5, 18, 8, 32, tzinfo=SHANGHAI)
    fits = parse_date("2022-05-18 08:32+05:59", now=NOW)
    assert fits is not None
    assert fits.utcoffset() == timedelta(hours=5, minutes=59)


def test_a_value_that_is_not_text_is_refused_with_its_type_named() -> None:
    with pytest.raises(TypeError, match="expected str or None, got int"):
        parse_date(20220518)  # type: ignore[arg-type]
