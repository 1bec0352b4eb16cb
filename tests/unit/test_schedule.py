from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from newsbot.schedule import Job, next_due, parse_quiet_hours, quiet_until

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 5, 18, hour, minute, tzinfo=SHANGHAI).astimezone(UTC)


def test_next_run_is_one_interval_after_the_last_start() -> None:
    job = Job("s", every=timedelta(minutes=10))
    assert next_due(job, at(8)) == at(8, 10)


def test_jitter_adds_a_random_share_of_itself() -> None:
    job = Job("s", every=timedelta(minutes=10), jitter=timedelta(minutes=2))
    dues = {next_due(job, at(8), random.Random(seed)) for seed in range(20)}
    assert all(at(8, 10) <= due <= at(8, 12) for due in dues)
    assert len(dues) > 1


def test_quiet_hours_push_a_run_to_their_end_in_the_source_zone() -> None:
    job = Job("s", every=timedelta(hours=1), quiet=parse_quiet_hours("01:00-06:00"),
              timezone=SHANGHAI)  # fmt: skip
    assert quiet_until(job, at(0, 59)) is None
    assert quiet_until(job, at(1)) == at(6)
    assert next_due(job, at(0, 30)) == at(6)
    assert next_due(job, at(6)) == at(7)


def test_quiet_hours_may_wrap_past_midnight() -> None:
    job = Job("s", every=timedelta(hours=1), quiet=(time(22), time(6)), timezone=SHANGHAI)
    assert quiet_until(job, at(23)) == at(6) + timedelta(days=1)
    assert quiet_until(job, at(3)) == at(6)
    assert quiet_until(job, at(12)) is None
