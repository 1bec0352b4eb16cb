"""Posts whose titles and bodies carry Liquid, ``{{ }}``, ``---`` and control characters
build with real Jekyll, and the built pages show that text as it was written."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from conftest import jekyll_build
from lxml import html

from newsbot.clean import clean_body
from newsbot.config import PostTemplate
from newsbot.export import PostsDir
from newsbot.site import SiteLinks, write_scaffold

# (title, body text as published); each body also gets a marker paragraph to find its page.
HOSTILE = [
    ("{{ site.title }} and {% include nonexistent.html %}", "Costs {{ site.time }} today."),
    ("{% raw %}{% endraw %}{{ page.path }}", "{% include nonexistent.html %} stays text."),
    ("--- a title of dashes ---", "---"),
    ("Before {% endraw %} after", "{% raw %} opened {% endraw %}{% endraw %} closed {{ x }}"),
    ("{%- comment -%}hidden{%- endcomment -%}", "{% if true %}shown{% endif %} {{ 'a' | upcase }}"),
    ("Pasted\x0bfrom\x0cWord\x00", "Line\x0bfeed\x0c and NUL\x00 here."),
    ('Quote " and back\\slash: {{', "Unclosed {{ and {% here"),
]  # fmt: skip
UTC = ZoneInfo("UTC")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, html.HtmlElement]:
    site = tmp_path_factory.mktemp("hostile-site")
    posts = PostsDir(site / "_posts")
    for number, (title, text) in enumerate(HOSTILE):
        markup = f"<p>{html_escape(text)}</p>\n<p>marker-{number}</p>"
        body = clean_body(markup, base_url="https://news.example/").html
        row = {
            "id": f"hostile-{number}",
            "title": title,
            "url": f"https://news.example/{number}.html",
            "published": f"2024-01-0{number + 1}T08:00:00+00:00",
            "media": "Hostile Times",
            "category": "hostile",
            "tags": ["hostile"],
            "summary": "",
            "body_html": body,
        }
        posts.export(row, PostTemplate(category="hostile", tags="hostile"), UTC)
    write_scaffold(site, SiteLinks())
    out = tmp_path_factory.mktemp("hostile-build")
    jekyll_build(site, out)
    pages = {}
    for path in out.rglob("*.html"):
        doc = html.fromstring(path.read_bytes())
        for number in range(len(HOSTILE)):
            if f"marker-{number}" in doc.text_content():
                pages[number] = doc
    return pages


def html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def shown(text: str) -> str:
    """Text as a page shows it: NUL as U+FFFD (HTML cannot carry it), other controls as
    spaces or nothing, spaces collapsed."""
    text = text.replace("\x00", "\ufffd").replace("\x0b", " ").replace("\x0c", " ")
    return " ".join("".join(ch for ch in text if ch >= " " or ch in "\t\n").split())


@pytest.mark.parametrize("number", range(len(HOSTILE)))
def test_the_page_shows_title_and_body_literally(built: dict, number: int) -> None:
    title, text = HOSTILE[number]
    doc = built[number]
    assert shown(doc.findtext(".//h1")) == shown(title)
    paragraphs = [shown(p.text_content()) for p in doc.iter("p")]
    assert shown(text.replace("\x00", "")) in paragraphs  # the cleaner drops NUL from bodies
