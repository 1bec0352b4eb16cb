from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from conftest import REFERENCE_POST

from newsbot.config import PostTemplate, load_source
from newsbot.export import PostsDir, post_filename, render_post, yaml_quoted, yaml_scalar

SHANGHAI = ZoneInfo("Asia/Shanghai")
ROOT = Path(__file__).resolve().parents[2]


def regional_template():
    return load_source(ROOT / "data/sources/eastmoney-regional.toml").post


def reference_row() -> dict:
    body = REFERENCE_POST.read_text("utf-8").split("---\n", 2)[2].split("\n\n<http")[0]
    return {
        "id": "NW202205182382767663",
        "source": "eastmoney-regional",
        "title": "西林全力构建共治共享乡村治理新格局",
        "published": "2022-05-18T00:32:24+00:00",  # same instant, stored in another offset
        "media": "右江日报",
        "category": "youjiangribao",
        "tags": ["右江日报新闻"],
        "summary": "",
        "body_html": body,
        "url": "http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202205182382767663",
    }


def test_reference_post_renders_byte_for_byte() -> None:
    text = render_post(reference_row(), regional_template(), SHANGHAI)
    assert text.encode("utf-8") == REFERENCE_POST.read_bytes()
    assert post_filename(reference_row(), SHANGHAI) == "2022-05-18-NW202205182382767663.md"


@pytest.mark.parametrize(
    "title",
    [
        '专访："#1号文件"落地: 河池如何抓好春耕',
        "back\\slash and 'single' quotes",
        "line\nbreak\ttab\x07bell",
        "- starts like a list: yes",
        "true",
        "  spaces  ",
    ],
)
def test_titles_round_trip_through_yaml(title: str) -> None:
    row = {**reference_row(), "title": title}
    front = render_post(row, regional_template(), SHANGHAI).split("---\n")[1]
    assert yaml.safe_load(front)["title"] == title


@pytest.mark.parametrize("value", ["youjiangribao", "a: b", "#x", "yes", "3.5", "", " x", "[a]"])
def test_plain_scalars_read_back_as_the_same_string(value: str) -> None:
    assert yaml.safe_load(f"k: {yaml_scalar(value)}")["k"] == value


def test_quoting_changes_nothing_that_needs_no_escape() -> None:
    assert yaml_quoted("右江日报") == '"右江日报"'
    assert yaml_scalar("右江日报新闻") == "右江日报新闻"


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\u0085", "\x7f", "\x1b"])
def test_line_separators_and_controls_are_escaped_in_titles(char: str) -> None:
    title = f"上{char}下"
    assert char not in yaml_quoted(title)
    row = {**reference_row(), "title": title}
    front = render_post(row, regional_template(), SHANGHAI).split("---\n")[1]
    assert char not in front
    assert yaml.safe_load(front)["title"] == title


def test_post_date_and_file_name_are_in_the_source_zone_not_the_stored_offset() -> None:
    # 16:30 UTC on the 18th is already 00:30 on the 19th in Shanghai.
    row = {**reference_row(), "published": "2022-05-18T16:30:00+00:00"}
    assert post_filename(row, SHANGHAI) == "2022-05-19-NW202205182382767663.md"
    assert "\ndate: 2022-05-19 00:30:00 +0800\n" in render_post(row, regional_template(), SHANGHAI)


def test_a_rewritten_post_replaces_the_file_atomically(tmp_path: Path) -> None:
    posts = PostsDir(tmp_path)
    first = posts.export(reference_row(), regional_template(), SHANGHAI)
    # A reader holding the old file keeps a complete old copy: the new content is a new file
    # renamed over the old name, never the old file truncated and rewritten in place.
    before = first.path.stat().st_ino
    with first.path.open("rb") as reader:
        changed = posts.export({**reference_row(), "title": "新"}, regional_template(), SHANGHAI)
        assert reader.read() == REFERENCE_POST.read_bytes()
    assert changed.written
    assert changed.path.stat().st_ino != before
    assert [p.name for p in tmp_path.iterdir()] == [changed.path.name]


@pytest.mark.parametrize("odd_id", ["a b/c", "x?y", "a.b c"])
def test_a_moved_date_finds_the_old_copy_of_an_id_that_needs_escaping(
    tmp_path: Path, odd_id: str
) -> None:
    row = {**reference_row(), "id": odd_id}
    PostsDir(tmp_path).export(row, regional_template(), SHANGHAI)
    moved = {**row, "published": "2022-06-01T09:00:00+08:00"}
    result = PostsDir(tmp_path).export(moved, regional_template(), SHANGHAI)
    assert [p.name for p in tmp_path.iterdir()] == [result.path.name]
    assert result.path.name.startswith("2022-06-01-")


def test_digest_quote_and_links_follow_the_template() -> None:
    template = load_source(ROOT / "data/sources/eastmoney-emnews.toml").post
    row = {**reference_row(), "category": "emnews", "tags": ["东财滚动新闻"], "summary": "摘要"}
    text = render_post(row, template, SHANGHAI)
    assert "tags: 东财滚动新闻\n---\n> 摘要\n\n<p>" in text
    assert text.endswith(
        "[返回东财滚动新闻](//finews.withounder.com/emnews/)｜[返回首页](//finews.withounder.com/)"
    )


@pytest.mark.parametrize("bad_id", ["../../etc/passwd", "/abs/path", "..", "a/../../b", "c:\\x"])
def test_ids_can_never_escape_the_posts_dir(tmp_path: Path, bad_id: str) -> None:
    out = tmp_path / "posts"
    row = {**reference_row(), "id": bad_id}
    # Every id gets a post (no id is refused), and its file is always directly in the folder.
    result = PostsDir(out).export(row, regional_template(), SHANGHAI)
    assert result.written
    assert result.path.parent == out
    assert result.path.read_text("utf-8").startswith("---\nlayout: post\n")
    assert [p.parent for p in tmp_path.rglob("*.md")] == [out]


def test_unchanged_post_is_not_rewritten_and_moved_date_leaves_no_copy(tmp_path: Path) -> None:
    row = reference_row()
    posts = PostsDir(tmp_path)
    first = posts.export(row, regional_template(), SHANGHAI)
    mtime = first.path.stat().st_mtime_ns
    again = posts.export(row, regional_template(), SHANGHAI)
    assert (first.written, again.written) == (True, False)
    assert first.path.stat().st_mtime_ns == mtime
    moved = posts.export({**row, "published": "2022-05-19T09:00:00+08:00"}, regional_template(),
                         SHANGHAI)  # fmt: skip
    assert [p.name for p in tmp_path.iterdir()] == [moved.path.name]
    # A later run (a new index of the directory) finds the copy written by an earlier one.
    back = PostsDir(tmp_path).export(row, regional_template(), SHANGHAI)
    assert [p.name for p in tmp_path.iterdir()] == [back.path.name] == [first.path.name]


def test_tags_with_a_space_are_a_yaml_list_others_keep_the_plain_form() -> None:
    row = {**reference_row(), "tags": ["The World Courier"]}
    text = render_post(row, PostTemplate(), ZoneInfo("Asia/Shanghai"))
    assert '\ntags: ["The World Courier"]\n' in text
    row = {**reference_row(), "tags": ["右江日报新闻", "广西"]}
    text = render_post(row, PostTemplate(), ZoneInfo("Asia/Shanghai"))
    assert "\ntags: 右江日报新闻 广西\n" in text


def test_title_with_c1_controls_and_noncharacters_is_valid_yaml() -> None:
    title = 'a\x80b\x9fc\ufffe"\\'
    front = yaml_quoted(title)
    assert yaml.safe_load(f"title: {front}")["title"] == title
