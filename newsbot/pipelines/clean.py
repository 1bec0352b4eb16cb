from __future__ import annotations

from newsbot.clean import clean_body
from newsbot.items import Article


class CleanHtmlPipeline:
    """Makes ``body_html`` safe and derives ``body_text`` (one parse of the body).

    An article that already has ``body_text`` was extracted from a page, whose extractor
    cleans the body from the page's one parse: it is left as it is.
    """

    def process_item(self, item: Article) -> Article:
        if item.body_text:
            return item
        item.body_html, item.body_text = clean_body(item.body_html, base_url=item.url or None)
        return item
