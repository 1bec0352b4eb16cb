"""Posts past their source's keep_days live in old_post/ beside the posts: never deleted."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from newsbot.config import PostTemplate
from newsbot.export import PostsDir, keep_from

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2022, 5, 20, 4, 0, tzinfo=UTC)  # 12:00 in Shanghai


def row(article_id: str, published: str) -> dict:
    return {"id": article_id, "source": "s", "url": f"http://x.example/{article_id}",
            "title": "T", "published": published, "media": "右江日报", "category": "c",
            "tags": ["右江日报新闻"], "body_html": "<p>b</p>", "summary": ""}  # fmt: skip


def test_keep_days_counts_today_as_the_first() -> None:
    assert keep_from(3, SHANGHAI, NOW) == date(2022, 5, 18)
    assert keep_from(None, SHANGHAI, NOW) is None


def test_old_posts_are_exported_to_the_archive_and_leave_the_posts(tmp_path: Path) -> None:
    posts = tmp_path / "_posts"
    template = PostTemplate(keep_days=3)
    stale = posts / "2022-05-17-OLD.md"
    stale.parent.mkdir()
    stale.write_text("an earlier copy", "utf-8")
    (posts / "init.md").write_text("kept", "utf-8")
    folder = PostsDir(posts)
    kept = folder.export(row("NEW", "2022-05-18T08:00:00+08:00"), template, SHANGHAI, NOW)
    old = folder.export(row("OLD", "2022-05-17T23:59:00+08:00"), template, SHANGHAI, NOW)
    assert kept.path == posts / "2022-05-18-NEW.md"
    assert old.path == tmp_path / "old_post" / "2022-05-17-OLD.md"
    assert sorted(p.name for p in posts.iterdir()) == ["2022-05-18-NEW.md", "init.md"]
    assert old.path.read_text("utf-8").startswith("---\nlayout: post\n")
    again = PostsDir(posts).export(row("OLD", "2022-05-17T23:59:00+08:00"), template,
                                   SHANGHAI, NOW)  # fmt: skip
    assert again.path == old.path and not again.written


def test_archive_before_moves_only_the_given_articles(tmp_path: Path) -> None:
    posts = tmp_path / "_posts"
    posts.mkdir()
    for name in ("2022-05-01-A.md", "2022-05-19-A2.md", "2022-05-01-OTHER.md", "init.md"):
        (posts / name).write_text(name, "utf-8")
    moved = PostsDir(posts).archive_before(date(2022, 5, 18), ["A", "A2"])
    assert moved == 1
    assert (tmp_path / "old_post" / "2022-05-01-A.md").read_text("utf-8") == "2022-05-01-A.md"
    remaining = sorted(p.name for p in posts.iterdir())
    assert remaining == ["2022-05-01-OTHER.md", "2022-05-19-A2.md", "init.md"]
