"""Edges of the core that operators meet: the archive of old posts, terminal-safe output,
character references XML cannot hold, source folders and keys, rule date ranges and mirrors."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from newsbot.clean import printable, xml_safe_markup
from newsbot.config import SourceError, load_source, load_sources, source_files
from newsbot.export import PostsDir


def post(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(name, "utf-8")
    return path


def test_archive_moves_posts_before_the_first_kept_day_and_keeps_that_day(tmp_path: Path) -> None:
    posts = tmp_path / "site" / "_posts"
    for name in ("2022-05-16-A1.md", "2022-05-17-A2.md", "2022-05-18-A3.md", "2022-05-17-B.md"):
        post(posts, name)
    archive = tmp_path / "deep" / "er" / "old_post"  # its parents do not exist yet
    folder = PostsDir(posts, archive)
    moved = folder.archive_before(date(2022, 5, 17), ["A1", "A2", "A3", "missing"])
    assert moved == 1
    assert sorted(p.name for p in archive.iterdir()) == ["2022-05-16-A1.md"]
    assert sorted(p.name for p in posts.iterdir()) == [
        "2022-05-17-A2.md",  # the first kept day stays
        "2022-05-17-B.md",  # not named: another source's
        "2022-05-18-A3.md",
    ]
    # The archive exists now; a later pass adds to it and counts every file it moves.
    assert folder.archive_before(date(2022, 5, 19), ["A2", "A3", "A1"]) == 2
    assert sorted(p.name for p in archive.iterdir()) == [
        "2022-05-16-A1.md",
        "2022-05-17-A2.md",
        "2022-05-18-A3.md",
    ]
    assert folder.archive_before(date(2022, 5, 19), ["A2", "A3"]) == 0  # already moved


def test_an_archived_post_is_removed_with_its_article(tmp_path: Path) -> None:
    posts = tmp_path / "_posts"
    post(posts, "2022-05-16-A1.md")
    post(posts, "2022-05-18-A1.md")  # a second copy of the same id, still kept
    folder = PostsDir(posts)
    assert folder.archive_before(date(2022, 5, 17), ["A1"]) == 1
    # The folder's index forgets the moved file: removing the article removes what is left.
    assert folder.remove("A1") == 1
    assert list(posts.iterdir()) == []
    assert [p.name for p in (tmp_path / "old_post").iterdir()] == ["2022-05-16-A1.md"]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("tab\there\nand\rthere", "tab here and there"),
        ("bell\x07 nul\x00 del\x7f c1\x85", "bell\\x07 nul\\x00 del\\x7f c1\\x85"),
        ("rtl\u202egnp.exe iso\u2066x", "rtl\\u202egnp.exe iso\\u2066x"),
        ("\x1b[31mred\x1b[0m", "red"),
        ("ünïcödé 中文 ok", "ünïcödé 中文 ok"),
    ],
)
def test_printable_shows_control_characters_as_escapes(text: str, shown: str) -> None:
    assert printable(text) == shown


def test_printable_cuts_at_the_limit_with_an_ellipsis() -> None:
    assert printable("abcdef", 4) == "abc…"
    assert printable("abcd", 4) == "abcd"
    assert printable("abcde", 4) == "abc…"
    assert printable("a" * 500) == "a" * 500
    assert printable("a\tb", 3) == "a b"


def test_character_references_beyond_unicode_stay_as_written() -> None:
    for ref in ("&#x110000;", "&#1114112;", "&#x7FFFFFFF;", "&#99999999;"):
        assert xml_safe_markup(f"<p>a{ref}b</p>") == f"<p>a{ref}b</p>"
    # The last code point is a character: it is kept as a reference, being no control.
    assert xml_safe_markup("<p>&#x10FFFF;</p>") == "<p>&#x10FFFF;</p>"
    # A control character by reference is dropped like the character itself.
    assert xml_safe_markup("<p>a&#x1;b&#14;c</p>") == "<p>abc</p>"


SOURCE = """kind = "html"
base_url = "http://paper.example"
timezone = "UTC"
lang = "en"
media = "Paper"

[html]
start_urls = ["/list.html"]
article_links = ['/a/']
"""


def test_a_missing_source_folder_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    with pytest.raises(SourceError) as info:
        source_files([tmp_path, missing])
    assert (info.value.path, info.value.key, info.value.problem) == (
        missing,
        "",
        "no such directory",
    )
    assert str(info.value) == f"{missing}: file: no such directory"


def test_sources_load_by_key_and_a_duplicate_key_is_an_error(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    second.mkdir()
    (first / "b.toml").write_text(SOURCE, "utf-8")
    (first / "a.toml").write_text(SOURCE, "utf-8")
    (first / "notes.txt").write_text("not a source", "utf-8")
    sources = load_sources([first])
    assert list(sources) == ["a", "b"]
    assert sources["a"].key == "a"
    assert sources["b"].path == first / "b.toml"
    (second / "a.toml").write_text(SOURCE, "utf-8")
    with pytest.raises(SourceError) as info:
        load_sources([first, second])
    assert (info.value.path, info.value.key, info.value.problem) == (
        second / "a.toml",
        "",
        "duplicate source key 'a'",
    )


RULED = """
[[rules]]
valid_from = 2022-01-01
valid_until = 2022-06-30
body = ["div.mid"]
"""


def test_rules_hold_on_both_days_that_bound_them(tmp_path: Path) -> None:
    path = tmp_path / "ruled.toml"
    path.write_text(SOURCE + RULED, "utf-8")
    source = load_source(path)
    assert source.rules_for(date(2022, 1, 1)) == {"body": ["div.mid"]}
    assert source.rules_for(date(2022, 6, 30)) == {"body": ["div.mid"]}
    assert source.rules_for(date(2021, 12, 31)) == {}
    assert source.rules_for(date(2022, 7, 1)) == {}
    assert source.rules_for(None) == {}


def test_a_mirror_base_url_loses_its_trailing_slash_and_a_bad_one_is_named(
    tmp_path: Path,
) -> None:
    path = tmp_path / "paper.toml"
    path.write_text(SOURCE, "utf-8")
    source = load_source(path)
    mirror = source.with_base_url("http://127.0.0.1:8080/mirror/")
    assert mirror.base_url == "http://127.0.0.1:8080/mirror"
    with pytest.raises(SourceError) as info:
        source.with_base_url("ftp://paper.example")
    assert (info.value.path, info.value.key) == (path, "--base-url")
    assert "ftp" in info.value.problem
    with pytest.raises(SourceError, match="regular expression"):
        bad = tmp_path / "bad.toml"
        bad.write_text(SOURCE.replace("'/a/'", "'/a/('"), "utf-8")
        load_source(bad)


def test_post_stems_of_odd_ids_stay_readable_distinct_and_safe() -> None:
    from newsbot.export import post_stem

    cut = post_stem("a" * 59 + "/" + "b" * 10)  # the readable part is cut after the '-'
    assert re.fullmatch(r"a{59}--[0-9a-f]{16}", cut), cut
    assert post_stem("XX/y").startswith("XX-y--")
    assert re.fullmatch(r"id--[0-9a-f]{16}", post_stem("///"))
    assert re.fullmatch(r"hidden--[0-9a-f]{16}", post_stem(".hidden/"))
    # Lone surrogates (from broken JSON) still give a stem, and distinct ones distinct stems.
    stems = {post_stem("a\ud800"), post_stem("a\ud801"), post_stem("a\udfff")}
    assert len(stems) == 3


def test_a_post_is_written_readable_by_all_into_new_folders(tmp_path: Path) -> None:
    import stat

    from newsbot.export import write_if_changed

    path = tmp_path / "site" / "deep" / "_posts" / "2022-05-18-A1.md"
    assert write_if_changed(path, "内容\n")
    assert path.read_text("utf-8") == "内容\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert not write_if_changed(path, "内容\n")
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temporary left


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ('\n[post]\ncategory = "{nope}"\n', "key 'post.category': unknown placeholder {nope} in "
         "'{nope}'; allowed: {id}, {media}, {media_pinyin}, {source}"),
        ('\n[post]\ncategory = "{media!r}"\n', "key 'post.category': {media!r} in '{media!r}': "
         "placeholders take no conversion or format spec; write {media}"),
        ('\n[post]\ntags = "x{media:>10}"\n', "key 'post.tags': {media:>10} in 'x{media:>10}': "
         "placeholders take no conversion or format spec; write {media}"),
        ('\n[post]\ntags = "{media!s:>3}"\n', "key 'post.tags': {media!s:>3} in '{media!s:>3}': "
         "placeholders take no conversion or format spec; write {media}"),
        ("\n[post]\nbogus = 1\n", "key 'post.bogus': unknown key"),
        ('\n[post]\ncategory = "{media"\n', "key 'post.category': bad template '{media': "
         "expected '}' before end of string"),
        ("", "key 'base_url': 'ftp://paper.example' is not an http or https URL with a host"),
        ("", "key 'html.start_urls': missing"),
    ],
)  # fmt: skip
def test_a_bad_source_file_is_rejected_with_its_key_and_problem(
    tmp_path: Path, change: str, message: str
) -> None:
    text = SOURCE + change
    if "base_url" in message:
        text = text.replace("http://paper.example", "ftp://paper.example")
    if "missing" in message:
        text = text.replace('start_urls = ["/list.html"]\n', "")
    path = tmp_path / "bad.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(SourceError) as info:
        load_source(path)
    assert str(info.value) == f"{path}: {message}"


def test_a_problem_of_the_whole_file_says_file(tmp_path: Path) -> None:
    error = SourceError(tmp_path / "a.toml", "", "cannot read")
    assert str(error) == f"{tmp_path / 'a.toml'}: file: cannot read"
