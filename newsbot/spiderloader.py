"""Scrapy spider loader that makes one spider per source file, so ``scrapy list`` and
``scrapy crawl <source>`` work on configuration alone."""

from __future__ import annotations

from scrapy.http import Request
from scrapy.settings import BaseSettings
from scrapy.spiders import Spider

from newsbot.config import BUNDLED_SOURCES, Source, load_sources
from newsbot.spiders import spider_class


def sources_from_settings(settings: BaseSettings) -> dict[str, Source]:
    """The bundled sources plus ``NEWSBOT_SOURCES`` dirs, with ``NEWSBOT_BASE_URL`` applied."""
    sources = load_sources([BUNDLED_SOURCES, *settings.getlist("NEWSBOT_SOURCES")])
    base_url = settings.get("NEWSBOT_BASE_URL")
    if base_url:
        sources = {key: source.with_base_url(base_url) for key, source in sources.items()}
    return sources


class SourceSpiderLoader:
    def __init__(self, settings: BaseSettings) -> None:
        self._spiders = {
            key: spider_class(source) for key, source in sources_from_settings(settings).items()
        }

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> SourceSpiderLoader:
        return cls(settings)

    def load(self, spider_name: str) -> type[Spider]:
        try:
            return self._spiders[spider_name]
        except KeyError:
            raise KeyError(f"Spider not found: {spider_name}") from None

    def list(self) -> list[str]:
        return sorted(self._spiders)

    def find_by_request(self, request: Request) -> list[str]:
        return [name for name, cls in self._spiders.items() if cls.handles_request(request)]

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"<SourceSpiderLoader {self.list()}>"
