"""Posts at their edges: link texts, empty fields, the render context, the archive folder and
the temporary file of an atomic write."""

from __future__ import annotations

import os
import re
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from newsbot import export
from newsbot.config import PostLink, PostTemplate
from newsbot.export import (
    PostsDir,
    keep_from,
    render_context,
    render_post,
    template_values,
    write_if_changed,
    yaml_scalar,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2022, 5, 20, 12, 0, tzinfo=UTC)


def row(published: str = "2022-05-18T08:00:00+08:00", **more: object) -> dict:
    return {
        "id": "a1",
        "source": "s",
        "title": "T",
        "published": published,
        "media": "M",
        "url": "http://n.example/a1",
        **more,
    }


def test_link_texts_escape_backslashes_and_brackets() -> None:
    template = PostTemplate(links=[PostLink(text="a\\b[{media}]", url="http://x/{id}")])
    post = render_post(row(media="c]d"), template, SHANGHAI)
    assert post.endswith("[a\\\\b\\[c\\]d\\]](http://x/a1)")


def test_missing_body_and_category_stay_empty() -> None:
    post = render_post(row(body_html=None), PostTemplate(), SHANGHAI)
    assert '\ncategories: ""\n' in post
    assert post.split("---\n", 2)[2] == "\n\n<http://n.example/a1>"
    assert template_values(row())["category"] == ""


def test_a_plain_scalar_may_start_with_any_letter() -> None:
    assert yaml_scalar("Xinhua") == "Xinhua"
    assert yaml_scalar("-x") == '"-x"'


def test_keep_days_count_in_the_source_zone() -> None:
    # 12:00 UTC is already the next day at UTC+14.
    assert keep_from(1, ZoneInfo("Pacific/Kiritimati"), NOW) == date(2022, 5, 21)
    assert keep_from(3, ZoneInfo("Pacific/Honolulu"), NOW) == date(2022, 5, 18)


def test_the_render_context_depends_on_template_and_zone() -> None:
    base = render_context(PostTemplate(), SHANGHAI)
    assert base == render_context(PostTemplate(), SHANGHAI)
    assert render_context(PostTemplate(layout="page"), SHANGHAI) != base
    assert render_context(PostTemplate(), ZoneInfo("UTC")) != base


def test_the_temporary_file_is_named_as_ours_beside_the_post(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Not in the system temp dir: a rename across file systems is not atomic.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no-such-dir"))
    renamed: list[tuple[str, str]] = []
    real_replace = os.replace

    def replace(src: str, dst: str) -> None:
        renamed.append((str(src), str(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(export.os, "replace", replace)
    post = tmp_path / "posts" / "2022-05-18-a1.md"
    assert write_if_changed(post, "x")
    (src, dst) = renamed[0]
    assert dst == str(post)
    assert Path(src).parent == post.parent
    assert re.fullmatch(rf"\.tmp-{os.getpid()}-.*\.md", Path(src).name)
    assert export.TMP_NAME_RE.match(Path(src).name)


def test_removing_an_article_never_exported_removes_nothing(tmp_path: Path) -> None:
    posts = PostsDir(tmp_path / "_posts")
    assert posts.remove("never-exported") == 0


def test_an_archived_post_whose_date_moves_leaves_no_copy(tmp_path: Path) -> None:
    posts = PostsDir(tmp_path / "_posts")
    template = PostTemplate(keep_days=2)
    posts.export(row(), template, SHANGHAI, now=datetime(2022, 5, 18, 12, tzinfo=UTC))
    assert posts.archive_before(date(2022, 5, 19), ["a1"]) == 1
    archive = tmp_path / "old_post"
    assert sorted(os.listdir(archive)) == ["2022-05-18-a1.md"]
    posts.export(row("2022-05-17T08:00:00+08:00"), template, SHANGHAI, now=NOW)
    assert sorted(os.listdir(archive)) == ["2022-05-17-a1.md"]


def test_a_post_that_goes_to_the_archive_may_already_be_gone(tmp_path: Path) -> None:
    posts = PostsDir(tmp_path / "_posts")
    template = PostTemplate(keep_days=2)
    first = posts.export(row(), template, SHANGHAI, now=datetime(2022, 5, 18, 12, tzinfo=UTC))
    first.path.unlink()  # deleted by hand
    result = posts.export(row(), template, SHANGHAI, now=NOW)
    assert result.path == tmp_path / "old_post" / "2022-05-18-a1.md"
    assert result.path.is_file()


def test_a_recorded_post_is_unchanged_only_in_the_folder_its_age_says(tmp_path: Path) -> None:
    posts = PostsDir(tmp_path / "_posts")
    template = PostTemplate(keep_days=2)
    recent = datetime(2022, 5, 18, 12, tzinfo=UTC)
    path = posts.export(row(), template, SHANGHAI, now=recent).path
    stat = path.stat()
    record = (str(path), "k", stat.st_size, stat.st_mtime_ns)
    assert posts.unchanged(row(), template, SHANGHAI, "k", record, now=recent)
    assert not posts.unchanged(row(), template, SHANGHAI, "other", record, now=recent)
    # Two days later the post belongs in the archive: the record of the posts folder is stale.
    assert not posts.unchanged(row(), template, SHANGHAI, "k", record, now=NOW)


def test_the_summary_is_quoted_above_the_body_only_when_the_template_asks() -> None:
    article = row(summary="One line.\nTwo lines.", body_html="<p>Body.</p>")

    def content(post: str) -> str:  # what follows the front matter, up to the links
        return post.split("---\n", 2)[2].split("\n\n<http")[0]

    assert content(render_post(article, PostTemplate(), SHANGHAI)) == "<p>Body.</p>"
    quoted = render_post(article, PostTemplate(digest_quote=True), SHANGHAI)
    assert content(quoted) == "> One line.\n> Two lines.\n\n<p>Body.</p>"
    no_summary = render_post(
        row(body_html="<p>Body.</p>"), PostTemplate(digest_quote=True), SHANGHAI
    )
    assert content(no_summary) == "<p>Body.</p>"


def test_missing_values_of_the_template_are_empty_not_placeholders() -> None:
    values = template_values({"id": "a1"})
    assert dict(values) == {"media": "", "category": "", "source": "", "id": "a1"}


def test_a_post_deleted_by_hand_is_no_error_when_its_article_is_removed(tmp_path: Path) -> None:
    posts = PostsDir(tmp_path / "_posts")
    written = posts.export(row(), PostTemplate(), SHANGHAI, now=NOW)
    written.path.unlink()  # deleted by hand after the folder was listed
    assert posts.remove("a1") == 1
    assert os.listdir(tmp_path / "_posts") == []


def test_spaces_and_angle_brackets_in_the_url_are_percent_encoded_in_its_autolink(
    tmp_path: Path,
) -> None:
    result = PostsDir(tmp_path).export(
        row(url="http://n.example/a b<c>"), PostTemplate(), SHANGHAI, now=NOW
    )
    assert "<http://n.example/a%20b%3Cc%3E>" in result.path.read_text("utf-8")


def test_a_failed_write_raises_its_own_error_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export.os, "replace", replace)
    post = tmp_path / "posts" / "2022-05-18-a1.md"
    with pytest.raises(OSError, match="No space left"):
        write_if_changed(post, "x")
    assert os.listdir(post.parent) == []
