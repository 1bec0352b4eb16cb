"""Bounded fuzzing of extraction, date parsing and cleaning: random and mutated input
never raises and never hangs (each example has a time limit), and a fixed number of
derandomised examples keeps CI's time bounded."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from faultserver import CHARSET_LIE_TITLE, FIRST_DATE, article_page, good_paragraphs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from safety import unsafe_markup, xss_corpus

from newsbot.clean import clean_body
from newsbot.dates import parse_date
from newsbot.extract import extract_article

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
SECONDS_PER_EXAMPLE = 10  # far beyond any real input: only a hang gets there


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Fail the example if it runs longer than ``seconds`` (a hang, not slowness)."""

    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"example still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# -- extraction ------------------------------------------------------------------------------

SEED_PAGES = [
    article_page("A good article", good_paragraphs(1), FIRST_DATE).encode(),
    article_page(CHARSET_LIE_TITLE, ["正文第一段。" * 20], FIRST_DATE, charset="gb2312").encode(
        "gb18030"
    ),
    b"<html><head><title>t</title></head><body><div id=main><p>"
    + "发布时间：2022-05-18 08:32 来源：右江日报".encode()
    + b"</p><p>" + "正文".encode() * 50 + b"</p></div></body></html>",
]  # fmt: skip
SNIPPETS = [v.encode() for v in xss_corpus()] + [
    b"<div>" * 300, b"</div>" * 50, b"<!--", b"<![CDATA[", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf",
    b'<meta charset="utf-16">', b'<meta http-equiv="refresh" content="0;url=http://x/">',
    b'<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"',
    b"<time datetime='9999-99-99'>", b"<embed src=x>", b"<object>", "年月日".encode(),
]  # fmt: skip


@st.composite
def mutated_page(draw: st.DrawFn) -> bytes:
    """A seed page with a few edits: bytes replaced, slices cut, duplicated or truncated,
    snippets (XSS vectors, deep nesting, broken encodings) spliced in."""
    page = bytearray(draw(st.sampled_from(SEED_PAGES)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(page)))
        edit = draw(st.integers(0, 4))
        if edit == 0:
            page[at:at] = draw(st.sampled_from(SNIPPETS))
        elif edit == 1:
            page[at:at] = draw(st.binary(max_size=20))
        elif edit == 2:
            del page[at : at + draw(st.integers(1, 200))]
        elif edit == 3:
            page[at:at] = page[max(0, at - 200) : at]
        else:
            del page[at:]
    return bytes(page)


@fuzz(300)
@given(
    st.one_of(mutated_page(), st.binary(max_size=300)),
    st.sampled_from([None, "text/html; charset=gbk", "text/html", "application/pdf"]),
)
def test_extraction_of_random_and_mutated_pages(data: bytes, content_type: str | None) -> None:
    with time_limit(SECONDS_PER_EXAMPLE):
        result = extract_article(
            data, "https://news.example/a/1.html", now=NOW, content_type=content_type
        )
    assert unsafe_markup(result.body_html) == []
    assert result.published is None or result.published.tzinfo is not None


# -- dates -----------------------------------------------------------------------------------

DATE_PIECES = (
    "2022", "05", "18", "5", "31", "99", "0", "-", "/", ".", ":", " ", "T", "Z", "+08:00",
    "年", "月", "日", "时", "分", "秒", "二〇二二", "十八", "111", "前", "小时", "分钟", "天",
    "昨天", "今天", "前天", "上午", "下午", "CST", "GMT", "EDT", "May", "Mon", "Sept", "am",
    "pm", "发布时间：", "来源", "ago", "hours", "yesterday", "24:00", "9" * 12, "\u3000",
)  # fmt: skip
DATE_TEXT = st.one_of(
    st.lists(st.sampled_from(DATE_PIECES), max_size=12).map("".join),
    st.text(max_size=40),
)


@fuzz(3000)
@given(DATE_TEXT, st.sampled_from(["Asia/Shanghai", "UTC", "America/New_York", "Europe/London"]))
def test_parse_date_returns_an_aware_past_datetime_or_none(raw: str, timezone: str) -> None:
    with time_limit(SECONDS_PER_EXAMPLE):
        when = parse_date(raw, timezone=timezone, now=NOW)
    if when is not None:
        assert when.tzinfo is not None and when.utcoffset() is not None
        assert when <= NOW + timedelta(days=1)


# -- cleaning --------------------------------------------------------------------------------


@fuzz(3000)
@given(st.one_of(st.text(max_size=200), st.sampled_from(xss_corpus())), st.text(max_size=30))
def test_cleaning_takes_any_text(markup: str, noise: str) -> None:
    with time_limit(SECONDS_PER_EXAMPLE):
        cleaned = clean_body(noise + markup + noise, base_url="https://news.example/")
    assert unsafe_markup(cleaned.html) == []
    assert isinstance(cleaned.text, str)
