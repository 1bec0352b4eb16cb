from __future__ import annotations

from datetime import UTC, datetime

from newsbot.politeness import backoff_seconds, retry_after_seconds

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_retry_after_in_seconds_or_as_a_date() -> None:
    assert retry_after_seconds("2") == 2.0
    assert retry_after_seconds(b" 120 ") == 120.0
    assert retry_after_seconds("Fri, 02 Jan 2026 03:04:35 GMT", NOW) == 30.0
    assert retry_after_seconds("Fri, 02 Jan 2026 03:00:00 GMT", NOW) == 0.0  # past: no wait
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None


def test_backoff_doubles_up_to_its_cap() -> None:
    assert [backoff_seconds(n, 1.0, 5.0) for n in (1, 2, 3, 4)] == [1.0, 2.0, 4.0, 5.0]
