from __future__ import annotations

from newsbot.clean import clean_body, clean_text
from newsbot.items import Article


class CleanHtmlPipeline:
    """Makes ``body_html`` safe and derives ``body_text`` (one parse of the body); removes
    the characters XML cannot hold from the plain-text fields (title, summary, outlet,
    authors), so a title pasted from Word is kept and stays valid everywhere.

    An article that already has ``body_text`` was extracted from a page, whose extractor
    cleans the body from the page's one parse: its body is left as it is.
    """

    def process_item(self, item: Article) -> Article:
        item.title = clean_text(item.title)
        item.summary = clean_text(item.summary)
        item.media = clean_text(item.media)
        item.authors = [clean_text(name) for name in item.authors]
        if not item.body_text:
            item.body_html, item.body_text = clean_body(item.body_html, base_url=item.url or None)
        return item
