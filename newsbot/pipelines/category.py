from __future__ import annotations

from typing import Any

from newsbot.config import PostTemplate
from newsbot.export import template_values
from newsbot.items import Article
from newsbot.pipelines import source_of


def derive_category(item: Article, template: PostTemplate) -> Article:
    """Set ``category`` and ``tags`` of ``item`` from ``template`` where they are empty."""
    values = template_values({"media": item.media, "source": item.source, "id": item.id})
    item.category = item.category or template.category.format_map(values)
    if not item.tags:
        tag = template.tags.format_map(values)
        item.tags = [tag] if tag else []
    return item


class DeriveCategoryPipeline:
    """Sets ``category`` and ``tags`` from the source's post template (an article page's
    extraction has set them already: see :func:`newsbot.pool.extract_article`)."""

    def __init__(self, template: PostTemplate) -> None:
        self.template = template

    @classmethod
    def from_crawler(cls, crawler: Any) -> DeriveCategoryPipeline:
        return cls(source_of(crawler).post)

    def process_item(self, item: Article) -> Article:
        return derive_category(item, self.template)
