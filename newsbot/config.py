"""Source configuration: one TOML file per source, validated before any request is made.

A source's key is its file name without ``.toml``; it is also its spider name. See the
"Source files" section of README.md for every key.
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails

from newsbot.errors import SourceError
from newsbot.kinds.urls import FETCHED_SCHEMES, fetch_refusal, host_of

__all__ = [
    "BUNDLED_SOURCES",
    "SAMPLE_SOURCES",
    "Source",
    "SourceError",
    "load_source",
    "load_sources",
]

BUNDLED_SOURCES = Path(__file__).resolve().parent.parent / "data" / "sources"
# Sources of the sample sites that the sample server serves (used by ``newsbot demo``).
SAMPLE_SOURCES = BUNDLED_SOURCES.parent / "samples"
MIB = 1024 * 1024
KEY_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
DURATION_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$")
DURATION_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
QUIET_HOURS_RE = re.compile(r"^([01]?\d|2[0-3]):[0-5]\d-([01]?\d|2[0-3]):[0-5]\d$")
HOST_RE = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$", re.I)

# Placeholders each template may use; anything else is a configuration error.
POST_FIELDS = frozenset({"media", "media_pinyin", "category", "source", "id"})
URL_FIELDS = frozenset({"id"})
ARCHIVE_FIELDS = frozenset({"date"})


def _check_template(template: str, allowed: Iterable[str]) -> str:
    """A format string that can only fill in ``allowed`` placeholders: no conversions, no
    format specs, no attribute or index lookups, so formatting it cannot fail."""
    try:
        fields = [f for f in string.Formatter().parse(template) if f[1] is not None]
    except ValueError as exc:
        raise ValueError(f"bad template {template!r}: {exc}") from None
    choices = ", ".join("{" + n + "}" for n in sorted(allowed))
    for _, name, spec, conversion in fields:
        if name not in allowed:
            raise ValueError(f"unknown placeholder {{{name}}} in {template!r}; allowed: {choices}")
        if conversion or spec:
            extra = (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            raise ValueError(
                f"{{{name}{extra}}} in {template!r}: placeholders take no conversion or "
                f"format spec; write {{{name}}}"
            )
    return template


def _check_url(value: str) -> str:
    """A URL to fetch: relative (to ``base_url``), or absolute with http(s) and a host."""
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a URL: {exc}") from None
    if (parts.scheme or parts.netloc) and (parts.scheme.lower() not in FETCHED_SCHEMES or not host):
        raise ValueError(f"{value!r} is not an http or https URL with a host")
    return value


def _check_absolute_url(value: str) -> str:
    if not urlsplit(_check_url(value)).scheme:
        raise ValueError(f"{value!r} needs a scheme and a host (http://host/...)")
    return value


def _check_base_url(value: str) -> str:
    if value and urlsplit(_check_absolute_url(value)).query:
        raise ValueError(f"{value!r}: a base URL has no query string")
    return value


FetchUrl = Annotated[str, AfterValidator(_check_url)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class PostLink(_Model):
    """One back link under a post: ``[text](url)``."""

    text: str
    url: str

    @field_validator("text", "url")
    @classmethod
    def _templates(cls, value: str) -> str:
        return _check_template(value, POST_FIELDS)


class PostTemplate(_Model):
    """How a source's articles become Jekyll posts."""

    layout: str = "post"
    category: str = "{media_pinyin}"
    tags: str = "{media}新闻"
    links: list[PostLink] = Field(default_factory=list)
    link_separator: str = "｜"
    digest_quote: bool = False
    timezone: str | None = None
    # Posts published more than this many days ago (today counting as one) move to old_post/.
    keep_days: int | None = Field(default=None, ge=1)

    @field_validator("category", "tags")
    @classmethod
    def _templates(cls, value: str) -> str:
        return _check_template(value, POST_FIELDS - {"category"})

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str | None) -> str | None:
        return None if value is None else _check_zone(value)


class ApiFields(_Model):
    """Where each article field is found in a list item (dotted paths into the JSON)."""

    id: str
    title: str
    published: str
    media: str | None = None
    url: str | None = None
    summary: str | None = None
    authors: str | None = None
    body: str | None = None
    updated: str | None = None


def _check_regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"bad regular expression {value!r}: {exc}") from None
    return value


def _check_selector(value: str) -> str:
    from newsbot.extract.rules import compile_selector

    compile_selector(value)
    return value


def _check_host(value: str) -> str:
    if not HOST_RE.match(value):
        raise ValueError(f"{value!r} is not a host name (give it without scheme, port or path)")
    return value.lower()


Hosts = list[Annotated[str, AfterValidator(_check_host)]]
Regexes = list[Annotated[str, AfterValidator(_check_regex)]]
Selectors = list[Annotated[str, AfterValidator(_check_selector)]]


class ApiSettings(_Model):
    """The ``api`` kind: JSON list endpoints, then one JSON detail endpoint per article."""

    list_urls: Annotated[list[FetchUrl], Field(min_length=1)]
    items: str
    fields: ApiFields
    detail_url: str | None = None
    detail_body: str = "text"
    article_url: str | None = None

    @field_validator("detail_url")
    @classmethod
    def _detail_url(cls, value: str | None) -> str | None:
        if value is not None:
            _check_url(_check_template(value, URL_FIELDS).format(id="1"))
        return value

    @field_validator("article_url")
    @classmethod
    def _article_url(cls, value: str | None) -> str | None:
        if value is not None:
            _check_absolute_url(_check_template(value, URL_FIELDS).format(id="1"))
        return value

    def fetched_urls(self) -> dict[str, str]:
        """The URLs this table makes the spider fetch, by key (templates filled in)."""
        urls = {f"list_urls.{i}": url for i, url in enumerate(self.list_urls)}
        if self.detail_url is not None:
            urls["detail_url"] = self.detail_url.format(id="1")
        return urls

    @model_validator(mode="after")
    def _body_somewhere(self) -> ApiSettings:
        if self.detail_url is None and self.fields.body is None:
            raise ValueError("set detail_url, or fields.body when the list carries the body")
        if self.article_url is None and self.fields.url is None:
            raise ValueError("set article_url, or fields.url when the list carries the URL")
        return self


class HtmlSettings(_Model):
    """The ``html`` kind: list pages with article links, followed through pagination."""

    start_urls: Annotated[list[FetchUrl], Field(min_length=1)]
    article_links: Annotated[Regexes, Field(min_length=1)]
    pagination: Selectors = Field(default_factory=list)
    max_pages: int = Field(default=10, ge=1)
    archive_url: str | None = None

    @field_validator("archive_url")
    @classmethod
    def _archive(cls, value: str | None) -> str | None:
        if value is None:
            return None
        # Unlike other templates, {date} takes a strftime format spec ({date:%Y%m/%d}).
        try:
            fields = [f for f in string.Formatter().parse(value) if f[1] is not None]
        except ValueError as exc:
            raise ValueError(f"bad template {value!r}: {exc}") from None
        if not fields or any(name not in ARCHIVE_FIELDS or conv for _, name, _, conv in fields):
            raise ValueError(f"{value!r} takes one placeholder, {{date}} or {{date:<strftime>}}")
        _check_url(value.format(date=date(2022, 5, 18)))
        return value

    def fetched_urls(self) -> dict[str, str]:
        return {f"start_urls.{i}": url for i, url in enumerate(self.start_urls)}


class FeedSettings(_Model):
    """The ``feed`` kind: RSS or Atom feeds whose entries link to article pages."""

    urls: Annotated[list[FetchUrl], Field(min_length=1)]
    article_links: Regexes = Field(default_factory=list)

    def fetched_urls(self) -> dict[str, str]:
        return {f"urls.{i}": url for i, url in enumerate(self.urls)}


class SitemapSettings(_Model):
    """The ``sitemap`` kind: sitemaps and sitemap indexes, news sitemaps included."""

    urls: Annotated[list[FetchUrl], Field(min_length=1)]
    article_links: Regexes = Field(default_factory=list)

    def fetched_urls(self) -> dict[str, str]:
        return {f"urls.{i}": url for i, url in enumerate(self.urls)}

    since: date | None = None
    max_sitemaps: int = Field(default=100, ge=1)


class Rules(_Model):
    """Selectors that override automatic extraction, field by field, for a date range."""

    valid_from: date | None = None
    valid_until: date | None = None
    title: Selectors = Field(default_factory=list)
    published: Selectors = Field(default_factory=list)
    body: Selectors = Field(default_factory=list)
    authors: Selectors = Field(default_factory=list)
    media: Selectors = Field(default_factory=list)
    remove: Selectors = Field(default_factory=list)

    def applies_to(self, day: date | None) -> bool:
        """Whether these rules hold for an article of ``day`` (unknown: only open ranges)."""
        if day is None:
            return self.valid_from is None and self.valid_until is None
        after_start = self.valid_from is None or day >= self.valid_from
        return after_start and (self.valid_until is None or day <= self.valid_until)

    def selectors(self) -> dict[str, list[str]]:
        names = ("title", "published", "body", "authors", "media", "remove")
        return {name: list(getattr(self, name)) for name in names if getattr(self, name)}


class CrawlSettings(_Model):
    """Politeness per source."""

    download_delay: float = Field(default=0.25, ge=0)
    concurrent_requests: int = Field(default=4, ge=1, le=64)
    timeout: float = Field(default=30, gt=0)
    retries: int = Field(default=2, ge=0, le=10)
    max_size: int = Field(default=10 * MIB, ge=1024)
    warn_size: int = Field(default=2 * MIB, ge=0)
    max_parse_size: int = Field(default=2 * MIB, ge=1024)


def _duration(value: object) -> object:
    """``"90s"``, ``"10m"``, ``"1h"``, ``"2d"``, ``"1w"`` (or seconds) as a timedelta."""
    if isinstance(value, str):
        match = DURATION_RE.match(value)
        if not match:
            raise ValueError(f"bad duration {value!r}; write e.g. 90s, 10m, 1h, 2d")
        return timedelta(seconds=float(match.group(1)) * DURATION_UNITS[match.group(2)])
    return value


Duration = Annotated[timedelta, BeforeValidator(_duration)]


def _quiet_hours(value: str | None) -> str | None:
    if value is not None and not QUIET_HOURS_RE.match(value.strip()):
        raise ValueError(f"quiet hours are written HH:MM-HH:MM (e.g. 01:00-06:00), not {value!r}")
    return None if value is None else value.strip()


class ScheduleSettings(_Model):
    """When ``newsbot run`` crawls the source (see README.md, "Scheduler"), and when known
    articles are requested again (see README.md, "Scheduled crawls")."""

    every: Duration = timedelta(hours=1)
    jitter: Duration = timedelta(0)
    quiet_hours: Annotated[str | None, AfterValidator(_quiet_hours)] = None
    daily_requests: int | None = Field(default=None, ge=1)
    recheck_age: Duration = timedelta(days=2)
    recheck_every: Duration = timedelta(hours=1)

    @field_validator("every")
    @classmethod
    def _positive(cls, value: timedelta) -> timedelta:
        if value <= timedelta(0):
            raise ValueError("the interval must be longer than zero")
        return value


class Source(_Model):
    """One validated source file."""

    key: str
    path: Path
    kind: Literal["api", "html", "feed", "sitemap"]
    name: str = ""
    media: str = ""
    base_url: Annotated[str, AfterValidator(_check_base_url)] = ""
    allowed_hosts: Hosts = Field(default_factory=list)
    timezone: str = "Asia/Shanghai"
    lang: str = "zh"
    # Set by with_base_url, never in a file: the source's own base URL while it is mirrored.
    mirror_of: str = ""
    crawl: CrawlSettings = Field(default_factory=CrawlSettings)
    schedule: ScheduleSettings = Field(default_factory=ScheduleSettings)
    api: ApiSettings | None = None
    html: HtmlSettings | None = None
    feed: FeedSettings | None = None
    sitemap: SitemapSettings | None = None
    rules: list[Rules] = Field(default_factory=list)
    post: PostTemplate = Field(default_factory=PostTemplate)

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        return _check_zone(value)

    @model_validator(mode="after")
    def _kind_table(self) -> Source:
        if getattr(self, self.kind) is None:
            raise ValueError(f"kind '{self.kind}' needs a [{self.kind}] table")
        for other in ("api", "html", "feed", "sitemap"):
            if other != self.kind and getattr(self, other) is not None:
                raise ValueError(f"a [{other}] table does not belong to kind '{self.kind}'")
        if self.api is not None and self.api.fields.media is None and not self.media:
            raise ValueError("set media, or api.fields.media when the list names the outlet")
        return self

    def url_problems(self) -> list[tuple[str, str]]:
        """(key, problem) of each URL this source would fetch but may not: a relative URL
        without ``base_url``, or a host that is neither ``base_url``'s nor allowed."""
        table = getattr(self, self.kind)
        problems = []
        for key, url in table.fetched_urls().items():
            if not self.base_url and not urlsplit(url).scheme:
                problems.append((f"{self.kind}.{key}", f"{url!r} is relative: set base_url"))
            elif fetch_refusal(self.absolute(url), self.fetch_hosts) == "refused_host":
                problems.append(
                    (
                        f"{self.kind}.{key}",
                        f"host {host_of(url)!r} is neither base_url's nor in allowed_hosts",
                    )
                )
        return problems

    def rules_for(self, day: date | None) -> dict[str, list[str]]:
        """The selectors of the first rule set valid for ``day`` (empty: automatic)."""
        for rules in self.rules:
            if rules.applies_to(day):
                return rules.selectors()
        return {}

    @property
    def post_timezone(self) -> ZoneInfo:
        return ZoneInfo(self.post.timezone or self.timezone)

    def with_base_url(self, base_url: str) -> Source:
        """This source fetched from another host (a mirror, or the sample server). Pages
        fetched there keep the URLs, and so the ids, they have on the source's own host.
        Raises :class:`SourceError` (key ``--base-url``) when ``base_url`` is no base URL."""
        try:
            _check_base_url(base_url)
        except ValueError as exc:
            raise SourceError(self.path, "--base-url", str(exc)) from None
        update = {"base_url": base_url.rstrip("/")}
        if not self.mirror_of:
            update["mirror_of"] = self.base_url
        return self.model_copy(update=update)

    @property
    def fetch_hosts(self) -> list[str]:
        """Hosts this source may fetch from: its ``base_url``'s, ``allowed_hosts``, and the
        mirror's while it is mirrored (subdomains of each are allowed too)."""
        urls = (self.mirror_of, self.base_url)
        hosts = [host_of(url) for url in urls if url] + list(self.allowed_hosts)
        return list(dict.fromkeys(h for h in hosts if h))

    def absolute(self, url: str) -> str:
        """A configured URL (relative or absolute) against ``base_url``."""
        return urljoin(self.base_url + "/", url) if self.base_url else url

    def canonical_url(self, url: str) -> str:
        """``url`` on the source's own host when it was fetched from a mirror."""
        if self.mirror_of and self.base_url and url.startswith(self.base_url + "/"):
            return self.mirror_of.rstrip("/") + url[len(self.base_url) :]
        return url

    def fetch_url(self, url: str) -> str:
        """``url`` of the source's own host as fetched from the mirror (``canonical_url``
        reversed)."""
        own = self.mirror_of.rstrip("/")
        if own and self.base_url and url.startswith(own + "/"):
            return self.base_url + url[len(own) :]
        return url


def _check_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {value!r}") from None
    return value


def _problem(error: ErrorDetails) -> tuple[str, str]:
    loc = ".".join(str(part) for part in error["loc"])
    if error["type"] == "extra_forbidden":
        return loc, "unknown key"
    if error["type"] == "missing":
        return loc, "missing"
    return loc, error["msg"].removeprefix("Value error, ")


def load_source(path: Path | str) -> Source:
    """Read and validate one source file; raise :class:`SourceError` naming the file and,
    for every problem found, the key and the problem. A UTF-8 byte order mark is allowed."""
    path = Path(path)
    key = path.stem
    problems: list[tuple[str, str]] = []
    if not KEY_RE.match(key):
        problems.append(("", "file name must be lower case letters, digits, - or _"))
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except OSError as exc:
        raise SourceError(path, "", f"cannot read: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise SourceError(path, *_first_and_more([*problems, ("", f"not UTF-8: {exc}")])) from None
    except tomllib.TOMLDecodeError as exc:
        problems.append(("", f"not valid TOML: {exc}"))
        raise SourceError(path, *_first_and_more(problems)) from None
    for reserved in ("key", "path", "mirror_of"):
        if reserved in data:
            problems.append((reserved, "is not a file setting; remove it"))
            del data[reserved]
    try:
        source = Source.model_validate({**data, "key": key, "path": path})
    except ValidationError as exc:
        problems.extend(_problem(error) for error in exc.errors())
    else:
        problems.extend(source.url_problems())
    if problems:
        raise SourceError(path, *_first_and_more(problems))
    return source


def _first_and_more(
    problems: list[tuple[str, str]],
) -> tuple[str, str, *tuple[tuple[str, str], ...]]:
    """:class:`SourceError`'s arguments after the path: the first (key, problem), the others."""
    return (*problems[0], *problems[1:])


def source_files(dirs: Sequence[Path | str]) -> list[Path]:
    """Every ``*.toml`` file of the given directories, in name order."""
    files: list[Path] = []
    for directory in dirs:
        directory = Path(directory)
        if not directory.is_dir():
            raise SourceError(directory, "", "no such directory")
        files.extend(sorted(directory.glob("*.toml")))
    return files


def load_sources(dirs: Sequence[Path | str] = (BUNDLED_SOURCES,)) -> dict[str, Source]:
    """Load every source of ``dirs``; the first error stops everything (nothing is fetched)."""
    sources: dict[str, Source] = {}
    for path in source_files(dirs):
        source = load_source(path)
        if source.key in sources:
            raise SourceError(path, "", f"duplicate source key '{source.key}'")
        sources[source.key] = source
    return sources
