from __future__ import annotations

from newsbot.clean import clean_body
from newsbot.items import Article


class CleanHtmlPipeline:
    """Makes ``body_html`` safe and derives ``body_text`` (one parse of the body)."""

    def process_item(self, item: Article) -> Article:
        item.body_html, item.body_text = clean_body(item.body_html, base_url=item.url or None)
        return item
