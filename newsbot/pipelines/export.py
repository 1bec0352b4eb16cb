from __future__ import annotations

from pathlib import Path
from typing import Any

from newsbot.config import Source
from newsbot.export import PostsDir, keep_from, post_record, post_stem, render_context, render_key
from newsbot.items import Article
from newsbot.pipelines import result_of, source_of, writer_of
from newsbot.store import Store
from newsbot.writer import Writer


class ExportPostPipeline:
    """Writes the article's post, rendered from its row in the database (not from the item),
    and records it in ``post_files``."""

    def __init__(
        self,
        db_path: Path,
        posts_dir: Path,
        source: Source,
        stats: Any,
        writer: Writer,
    ) -> None:
        self.db_path = db_path
        self.posts = PostsDir(posts_dir)
        self.source = source
        self.stats = stats
        self.writer = writer
        self.store: Store | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> ExportPostPipeline:
        settings = crawler.settings
        return cls(
            Path(settings.get("NEWSBOT_DB")),
            Path(settings.get("NEWSBOT_POSTS_DIR")),
            source_of(crawler),
            crawler.stats,
            writer_of(crawler),
        )

    def open_spider(self) -> None:
        self.store = Store(self.db_path)
        self.posts.remove_leftovers()  # of an earlier crawl or export that was killed
        self.context = render_context(self.source.post, self.source.post_timezone)

    def close_spider(self) -> None:
        self.writer.drain()
        if self.store is not None:
            self._archive_old_posts(self.store)
            self.store.close()
            self.store = None

    def _archive_old_posts(self, store: Store) -> None:
        """Posts of this source past ``post.keep_days`` move to the archive folder."""
        first_kept = keep_from(self.source.post.keep_days, self.source.post_timezone)
        if first_kept is not None:
            stems = (post_stem(article_id) for article_id in store.article_ids(self.source.key))
            moved = self.posts.archive_before(first_kept, stems)
            self.stats.inc_value("newsbot/posts/archived", moved)

    async def process_item(self, item: Article) -> Article:
        written = await result_of(self.writer.submit(self._export, item.id))
        self.stats.inc_value(f"newsbot/posts/{'written' if written else 'unchanged'}")
        return item

    def _export(self, article_id: str) -> bool:
        """In the writer: write the post of a stored article; whether it was (re)written."""
        assert self.store is not None
        row = self.store.get_article(article_id)
        if row is None:
            raise LookupError(f"article {article_id!r} is not in the store")
        result = self.posts.export(row, self.source.post, self.source.post_timezone)
        # Recorded as `newsbot export` records it, so that an export after the crawl skips
        # this post while it stays as written.
        self.store.record_post(post_record(article_id, result.path, render_key(row, self.context)))
        return result.written
