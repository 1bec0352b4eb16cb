from __future__ import annotations

from pathlib import Path

import pytest

from newsbot.config import BUNDLED_SOURCES, SourceError, load_source, load_sources

GOOD = """
kind = "api"
[api]
list_urls = ["/list"]
items = "data.list"
detail_url = "/text?id={id}"
article_url = "http://n.example/{id}.html"
[api.fields]
id = "code"
title = "title"
published = "time"
media = "media"
"""


def write(tmp_path: Path, text: str, name: str = "my-source.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_bundled_sources_are_valid() -> None:
    sources = load_sources([BUNDLED_SOURCES])
    assert {"eastmoney-regional", "eastmoney-emnews"} <= set(sources)


def test_defaults(tmp_path: Path) -> None:
    source = load_source(write(tmp_path, GOOD))
    assert source.key == "my-source"
    assert source.timezone == "Asia/Shanghai"
    assert source.post.category == "{media_pinyin}"


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        ("bogus = 1\n" + GOOD, "bogus", "unknown key"),
        (GOOD.replace('items = "data.list"', "items = 3"), "api.items", "valid string"),
        (GOOD.replace('title = "title"\n', ""), "api.fields.title", "missing"),
        ('timezone = "Mars/Base"\n' + GOOD, "timezone", "unknown time zone"),
        (GOOD.replace("{id}.html", "{code}.html"), "api.article_url", "{code}"),
        (GOOD.replace('kind = "api"', 'kind = "ftp"'), "kind", "'api'"),
        (GOOD + '[post]\ntags = "{nope}"\n', "post.tags", "{nope}"),
        ('kind = "api\n', "", "not valid TOML"),
    ],
)
def test_errors_name_file_key_and_problem(tmp_path: Path, text: str, key: str, problem: str):
    path = write(tmp_path, text)
    with pytest.raises(SourceError) as info:
        load_source(path)
    assert info.value.path == path
    assert info.value.key == key
    assert problem in str(info.value)
    assert str(path) in str(info.value)


def test_bad_file_name(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="file name"):
        load_source(write(tmp_path, GOOD, "Bad Name.toml"))
