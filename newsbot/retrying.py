"""``newsbot crawl --retry-failed``: which recorded failures are tried again, and when one
is given up (README.md, "Failures").

A failure that keeps failing waits longer each time: it is due again
``NEWSBOT_FAILURE_RETRY_BASE`` seconds after its last failure, doubled for each attempt
already made (at most ``NEWSBOT_FAILURE_RETRY_MAX``). After ``NEWSBOT_FAILURE_MAX_ATTEMPTS``
attempts it is given up (``given_up_at``): never retried for ever.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from newsbot.store import Store

__all__ = ["RetryPlan", "plan_retries", "retry_wait"]


def retry_wait(attempts: int, base: timedelta, cap: timedelta) -> timedelta:
    """How long after its last failure a URL that failed ``attempts`` times is due again."""
    return min(cap, base * 2 ** max(attempts - 1, 0))


@dataclass
class RetryPlan:
    """What a ``--retry-failed`` crawl of one source fetches."""

    urls: set[str] = field(default_factory=set)
    article_ids: set[str] = field(default_factory=set)
    waiting: int = 0  # open failures not due yet
    given_up: int = 0  # given up now, at the last attempt


def plan_retries(
    store: Store,
    source: str,
    *,
    base: timedelta,
    cap: timedelta,
    max_attempts: int,
    now: datetime | None = None,
) -> RetryPlan:
    """The open failures of ``source`` due now; those past ``max_attempts`` are given up."""
    now = now or datetime.now(UTC)
    plan = RetryPlan()
    give_up: list[str] = []
    for row in store.failures(source, open_only=True):
        attempts = int(row["attempts"])
        if attempts >= max_attempts:
            give_up.append(row["url"])
            continue
        if _last_seen(row) + retry_wait(attempts, base, cap) > now:
            plan.waiting += 1
            continue
        plan.urls.add(row["url"])
        if row.get("article_id"):
            plan.article_ids.add(row["article_id"])
    plan.given_up = store.give_up_failures(source, give_up, now) if give_up else 0
    return plan


def _last_seen(row: dict[str, Any]) -> datetime:
    seen = datetime.fromisoformat(row["last_seen"])
    return seen if seen.tzinfo else seen.replace(tzinfo=UTC)


def plan_from_settings(store: Store, source: str, settings: Any) -> RetryPlan:
    """:func:`plan_retries` with the ``NEWSBOT_FAILURE_*`` settings."""
    return plan_retries(
        store,
        source,
        base=timedelta(seconds=settings.getfloat("NEWSBOT_FAILURE_RETRY_BASE", 3600)),
        cap=timedelta(seconds=settings.getfloat("NEWSBOT_FAILURE_RETRY_MAX", 7 * 86400)),
        max_attempts=settings.getint("NEWSBOT_FAILURE_MAX_ATTEMPTS", 8),
    )
