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


MIRRORED = """
kind = "html"
base_url = "http://paper.example/EPAPERX"
media = "报"
[html]
start_urls = ["/node_1.html"]
article_links = ['/content/\\d+']
"""


def test_a_file_that_cannot_be_read_is_named_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "dir.toml"
    path.mkdir()
    with pytest.raises(SourceError) as info:
        load_source(path)
    assert (info.value.path, info.value.key) == (path, "")
    assert info.value.problem == "cannot read: Is a directory"


def test_a_file_not_in_utf8_reports_it_with_the_other_problems(tmp_path: Path) -> None:
    path = tmp_path / "Bad Name.toml"
    path.write_bytes(b'kind = "\xff"\n')
    with pytest.raises(SourceError) as info:
        load_source(path)
    assert info.value.path == path
    (first, second) = info.value.problems
    assert first == ("", "file name must be lower case letters, digits, - or _")
    assert second[0] == ""
    assert second[1].startswith("not UTF-8: ")
    assert str(info.value).splitlines()[0] == f"{path}: file: {first[1]}"
    path.write_bytes(b'kind = "\n')
    with pytest.raises(SourceError) as info:
        load_source(path)
    assert info.value.problems[0] == first
    assert info.value.problems[1][1].startswith("not valid TOML: ")


@pytest.mark.parametrize("reserved", ["key", "path", "mirror_of"])
def test_keys_set_by_newsbot_are_refused_in_a_file(tmp_path: Path, reserved: str) -> None:
    with pytest.raises(SourceError) as info:
        load_source(write(tmp_path, f'{reserved} = "x"\n' + GOOD))
    assert info.value.problems == [(reserved, "is not a file setting; remove it")]


def test_a_base_url_with_a_query_string_says_so(tmp_path: Path) -> None:
    source = load_source(write(tmp_path, GOOD))
    with pytest.raises(SourceError, match="a base URL has no query string"):
        source.with_base_url("http://127.0.0.1:8000/?x=1")
    with pytest.raises(SourceError) as info:
        load_source(write(tmp_path, GOOD.replace("n.example", "n.example/?a=1", 1)))
    assert info.value.key == "base_url"
    assert "a base URL has no query string" in info.value.problem


def test_a_foreign_host_is_named_for_every_kind_of_fetched_url(tmp_path: Path) -> None:
    text = GOOD.replace('"/text?id={id}"', '"http://other.example/t?id={id}"')
    with pytest.raises(SourceError) as info:
        load_source(write(tmp_path, text))
    assert info.value.problems == [
        ("api.detail_url", "host 'other.example' is neither base_url's nor in allowed_hosts")
    ]
    sitemap = 'kind = "sitemap"\nbase_url = "http://n.example"\n[sitemap]\nurls = ["/s.xml", '
    with pytest.raises(SourceError) as info:
        load_source(write(tmp_path, sitemap + '"http://x.example/s.xml"]\n'))
    assert info.value.problems == [
        ("sitemap.urls.1", "host 'x.example' is neither base_url's nor in allowed_hosts")
    ]


def test_absolute_urls_need_no_base_url(tmp_path: Path) -> None:
    text = (
        GOOD.replace('base_url = "http://n.example"\n', 'allowed_hosts = ["n.example"]\n')
        .replace('"/list"', '"http://n.example/list"')
        .replace('"/text?id={id}"', '"http://n.example/text?id={id}"')
    )
    source = load_source(write(tmp_path, text))
    assert source.base_url in ("", None)
    assert source.absolute("http://n.example/list") == "http://n.example/list"


def test_a_mirror_maps_urls_both_ways_whatever_the_base_path(tmp_path: Path) -> None:
    source = load_source(write(tmp_path, MIRRORED))
    assert source.fetch_url("http://paper.example/EPAPERX/a") == "http://paper.example/EPAPERX/a"
    assert source.fetch_url("/a") == "/a"  # not mirrored: every URL is fetched as it is
    mirrored = source.with_base_url("http://127.0.0.1:5000/MAX/")
    assert mirrored.base_url == "http://127.0.0.1:5000/MAX"
    own = "http://paper.example/EPAPERX/content/1.html"
    fetched = "http://127.0.0.1:5000/MAX/content/1.html"
    assert mirrored.fetch_url(own) == fetched
    assert mirrored.canonical_url(fetched) == own
    assert mirrored.fetch_url("http://paper.example/EPAPERXY/1.html") == (
        "http://paper.example/EPAPERXY/1.html"
    )
    assert mirrored.fetch_url("http://other.example/EPAPERX/1") == "http://other.example/EPAPERX/1"
    # A base URL written with a trailing slash maps the same way.
    slashed = load_source(write(tmp_path, MIRRORED.replace("EPAPERX", "EPAPERX/"), "s.toml"))
    assert slashed.with_base_url("http://127.0.0.1:5000/MAX").fetch_url(own) == fetched


def test_quiet_hours_are_checked_and_kept_without_spaces(tmp_path: Path) -> None:
    source = load_source(write(tmp_path, GOOD + '[schedule]\nquiet_hours = " 01:00-06:30 "\n'))
    assert source.schedule.quiet_hours == "01:00-06:30"
    assert load_source(write(tmp_path, GOOD)).schedule.quiet_hours is None
    with pytest.raises(SourceError) as info:
        load_source(write(tmp_path, GOOD + '[schedule]\nquiet_hours = "1-6"\n'))
    assert info.value.key == "schedule.quiet_hours"
    assert "HH:MM-HH:MM" in info.value.problem


def test_a_detail_url_is_checked_with_a_stand_in_id(tmp_path: Path) -> None:
    # The template is filled with id 1: a host made of the id is checked as 1.<domain>.
    text = GOOD.replace('"/text?id={id}"', '"http://{id}.cdn.example/t"')
    source = load_source(write(tmp_path, 'allowed_hosts = ["1.cdn.example"]\n' + text))
    assert source.api is not None
    assert source.api.fetched_urls()["detail_url"] == "http://1.cdn.example/t"


def test_a_mirrored_source_whose_base_url_ends_with_a_slash_keeps_one_slash(
    tmp_path: Path,
) -> None:
    text = PAGES.replace('base_url = "http://paper.example"', 'base_url = "http://paper.example/"')
    mirrored = load_source(write(tmp_path, text)).with_base_url("http://127.0.0.1:5000")
    assert mirrored.canonical_url("http://127.0.0.1:5000/content/1.html") == (
        "http://paper.example/content/1.html"
    )
