"""Property tests: the cleaner against an XSS corpus and generated hostile markup; the
post's front matter and file name over generated titles and ids.

Each property runs a fixed number of examples (``EXAMPLES``) with derandomised generation,
so CI checks the same examples every run in bounded time.
"""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from safety import unsafe_markup, xss_corpus

from newsbot.clean import clean_body, clean_html
from newsbot.config import PostTemplate
from newsbot.export import render_post

EXAMPLES = 10_000
PROPERTY = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
CORPUS = xss_corpus()
UTC = ZoneInfo("UTC")
# The safe loader in C (libyaml, as Jekyll's Psych uses) when PyYAML was built with it.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Jekyll's own front-matter pattern (Jekyll::Document::YAML_FRONT_MATTER_REGEXP).
FRONT_MATTER_RE = re.compile(r"\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)", re.M | re.S)

# -- the cleaner ---------------------------------------------------------------------------


@pytest.mark.parametrize("vector", CORPUS)
def test_cleaner_stops_every_corpus_vector(vector: str) -> None:
    wrapped = f"<p>before</p>{vector}<p>after</p>"
    cleaned = clean_body(wrapped, base_url="https://news.example/a/1.html")
    assert unsafe_markup(cleaned.html) == []
    assert unsafe_markup(clean_html(vector)) == []


# -- front matter and file names -------------------------------------------------------------

TEMPLATE = PostTemplate(category="{media_pinyin}", tags="{media}新闻")


def row(article_id: str = "NW1", title: str = "标题", **extra: object) -> dict:
    return {
        "id": article_id,
        "title": title,
        "url": "https://news.example/a/1.html",
        "published": "2022-05-18T08:32:24+08:00",
        "media": "右江日报",
        "category": "youjiangribao",
        "tags": ["右江日报新闻"],
        "body_html": "<p>正文</p>",
        "summary": "",
        **extra,
    }


def front_matter(post: str) -> dict:
    match = FRONT_MATTER_RE.match(post)
    assert match, post[:200]
    return yaml.load(match.group(1), Loader=SAFE_LOADER)


@PROPERTY
@given(
    title=st.one_of(
        st.text(),
        st.text(alphabet="\"\\'\n\r\t:#{}[]%&*!|>-@`\x0b\x0c\x00\x85\u2028 ---", max_size=30),
    ),
    category=st.text(alphabet="abc-_: #'\"", max_size=12),
)
def test_front_matter_gives_back_the_exact_title(title: str, category: str) -> None:
    post = render_post(row(title=title, category=category), TEMPLATE, UTC)
    data = front_matter(post)
    assert data["title"] == title
    assert data["layout"] == "post"
    assert str(data["categories"]) == category or (data["categories"] is None and not category)
