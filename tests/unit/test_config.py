from __future__ import annotations

from pathlib import Path

import pytest

from newsbot.config import BUNDLED_SOURCES, SourceError, load_source, load_sources

GOOD = """
kind = "api"
base_url = "http://n.example"
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


PAGES = """
kind = "html"
base_url = "http://paper.example"
media = "右江日报"
[html]
start_urls = ["/node_1.html"]
article_links = ['/content/\\d+']

[[rules]]
valid_until = 2021-12-31
body = ["div.TRS_Editor"]

[[rules]]
body = ["#ozoom"]
remove = [".share"]
"""


def test_rules_are_chosen_by_date(tmp_path: Path) -> None:
    from datetime import date

    source = load_source(write(tmp_path, PAGES))
    assert source.rules_for(date(2020, 6, 1)) == {"body": ["div.TRS_Editor"]}
    assert source.rules_for(date(2022, 5, 18)) == {"body": ["#ozoom"], "remove": [".share"]}
    assert source.rules_for(None) == {"body": ["#ozoom"], "remove": [".share"]}


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (("\\d+", "("), "html.article_links.0"),
        (('body = ["#ozoom"]', 'body = ["div[["]'), "rules.1.body.0"),
        (('kind = "html"', 'kind = "feed"'), ""),
    ],
)
def test_page_kind_errors(tmp_path: Path, change: tuple[str, str], key: str) -> None:
    text = PAGES.replace(*change)
    assert text != PAGES
    with pytest.raises(SourceError) as info:
        load_source(write(tmp_path, text))
    assert info.value.key == key


@pytest.mark.parametrize("where", ['remove = [".share"]', "valid_until = 2021-12-31"])
def test_unknown_keys_inside_rules_are_rejected(tmp_path: Path, where: str) -> None:
    text = PAGES.replace(where, where + "\nbodyy = ['#x']")
    with pytest.raises(SourceError) as info:
        load_source(write(tmp_path, text))
    assert info.value.key.endswith(".bodyy")
    assert info.value.key.startswith("rules.")
    assert "unknown key" in str(info.value)


def test_mirrored_sources_keep_their_own_urls(tmp_path: Path) -> None:
    source = load_source(write(tmp_path, PAGES))
    mirrored = source.with_base_url("http://127.0.0.1:5000/").with_base_url("http://127.0.0.1:6000")
    assert mirrored.base_url == "http://127.0.0.1:6000"
    assert mirrored.canonical_url("http://127.0.0.1:6000/content/1.html") == (
        "http://paper.example/content/1.html"
    )
    assert mirrored.canonical_url("http://other.example/x") == "http://other.example/x"
    assert source.canonical_url("http://paper.example/a") == "http://paper.example/a"
    with pytest.raises(SourceError, match="mirror_of"):
        load_source(write(tmp_path, 'mirror_of = "x"\n' + PAGES, "other.toml"))


def test_fetch_hosts_are_the_base_url_host_allowed_hosts_and_a_mirror(tmp_path: Path) -> None:
    text = GOOD.replace(
        'base_url = "http://n.example"',
        'base_url = "https://News.Example/"\nallowed_hosts = ["img.example"]',
    )
    source = load_source(write(tmp_path, text))
    assert source.fetch_hosts == ["news.example", "img.example"]
    mirrored = source.with_base_url("http://127.0.0.1:8000")
    assert mirrored.fetch_hosts == ["news.example", "127.0.0.1", "img.example"]


@pytest.mark.parametrize("host", ["http://img.example", "img.example:80", "img.example/x", ""])
def test_allowed_hosts_are_host_names(tmp_path: Path, host: str) -> None:
    with pytest.raises(SourceError, match=r"'allowed_hosts\.0': .*not a host name"):
        load_source(write(tmp_path, f'allowed_hosts = ["{host}"]\n' + GOOD))


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("{media!r:>{id}}", "no conversion or format spec"),
        ("{media!r}", "no conversion or format spec"),
        ("{media:>10}", "no conversion or format spec"),
        ("{media.upper}", "unknown placeholder {media.upper}"),
        ("{media[0]}", "unknown placeholder {media[0]}"),
        ("{}", "unknown placeholder {}"),
        ("{media", "bad template"),
    ],
)
def test_templates_take_plain_placeholders_only(
    tmp_path: Path, template: str, problem: str
) -> None:
    with pytest.raises(SourceError) as info:
        load_source(write(tmp_path, GOOD + f'[post]\ncategory = "{template}"\n'))
    assert info.value.key == "post.category"
    assert problem in info.value.problem


@pytest.mark.parametrize(
    ("change", "key", "problem"),
    [
        (("http://n.example", "n.example"), "base_url", "needs a scheme"),
        (("http://n.example", "ftp://n.example"), "base_url", "not an http or https URL"),
        (('"/list"', '"file:///etc/passwd"'), "api.list_urls.0", "not an http or https URL"),
        (('"/list"', '"http://[::1/x"'), "api.list_urls.0", "not a URL"),
        (('"/list"', '"http://other.example/list"'), "api.list_urls.0", "neither base_url's"),
        (("/text?id={id}", "//other.example/t?id={id}"), "api.detail_url", "not an http"),
        (("http://n.example/{id}.html", "/{id}.html"), "api.article_url", "needs a scheme"),
        (('base_url = "http://n.example"\n', ""), "api.list_urls.0", "set base_url"),
    ],
)
def test_urls_need_http_and_an_allowed_host(
    tmp_path: Path, change: tuple[str, str], key: str, problem: str
) -> None:
    text = GOOD.replace(*change)
    assert text != GOOD
    with pytest.raises(SourceError) as info:
        load_source(write(tmp_path, text))
    assert (info.value.key, problem in info.value.problem) == (key, True)


def test_an_allowed_host_may_serve_the_lists(tmp_path: Path) -> None:
    text = GOOD.replace('"/list"', '"https://api.n.example/list", "http://cdn.example/l"')
    source = load_source(write(tmp_path, 'allowed_hosts = ["cdn.example"]\n' + text))
    assert source.api is not None and len(source.api.list_urls) == 2


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes("\ufeff".encode() + GOOD.encode())
    assert load_source(path).kind == "api"


def test_every_problem_of_a_file_is_reported_at_once(tmp_path: Path) -> None:
    text = (
        GOOD.replace('items = "data.list"', "items = 3")
        .replace('"/list"', '"file:///x"')
        .replace('kind = "api"', 'kind = "api"\nbogus = 1\nkey = "x"')
        + '[post]\ntags = "{media!r}"\n'
    )
    with pytest.raises(SourceError) as info:
        load_source(write(tmp_path, text, "Bad Name.toml"))
    keys = {key for key, _ in info.value.problems}
    assert keys == {"", "key", "bogus", "api.list_urls.0", "api.items", "post.tags"}
    lines = str(info.value).splitlines()
    assert len(lines) == 6
    assert all(line.startswith(str(tmp_path)) for line in lines)


@pytest.mark.parametrize("mirror", ["127.0.0.1:8000", "ftp://127.0.0.1", "http://h/?x=1"])
def test_a_mirror_needs_an_http_base_url(tmp_path: Path, mirror: str) -> None:
    with pytest.raises(SourceError) as info:
        load_source(write(tmp_path, GOOD)).with_base_url(mirror)
    assert info.value.key == "--base-url"
