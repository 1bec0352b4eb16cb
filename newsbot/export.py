"""Jekyll front-matter posts, rendered from ``articles`` rows of the database.

The post shape is the one the old site published (see README.md, "Posts"); values are
escaped for YAML only where they need it, so ordinary posts stay byte-identical.
"""

from __future__ import annotations

import hashlib
import os
import re
import socket
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from newsbot.slugs import pinyin_slug

if TYPE_CHECKING:
    from newsbot.config import PostTemplate

__all__ = [
    "ExportResult",
    "PostsDir",
    "neutralise_liquid",
    "post_filename",
    "post_stem",
    "render_post",
    "write_if_changed",
    "yaml_quoted",
    "yaml_scalar",
]

UNSAFE_ID_RE = re.compile(r"[^A-Za-z0-9_.-]+")
# An id used as it is in a file name: safe characters, a harmless first one, not too long,
# and not of the hashed form below (so no id can take another's file name).
VERBATIM_ID_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$")
HASH_SUFFIX_RE = re.compile(r"--[0-9a-f]{16}$")
READABLE_CHARS = 60
# Liquid in scraped text: output ``{{`` and tags ``{%``. Inside {% raw %}, only an endraw tag
# (``{% endraw %}``, ``{%- endraw -%}``) means something.
LIQUID_RE = re.compile(r"\{\{|\{%")
ENDRAW_RE = re.compile(r"\{%(?=-?\s*endraw)")
# Characters that make a plain YAML scalar mean something else, or end it.
PLAIN_UNSAFE_RE = re.compile(r"[:#\[\]{},&*!|>'\"%@`\\\x00-\x1f\x7f\u0085\u2028\u2029]")
YAML_RESERVED_RE = re.compile(
    r"^(?:~|null|true|false|yes|no|on|off|y|n|[-+]?(?:\d[\d_]*)?\.?\d+(?:[eE][-+]?\d+)?"
    r"|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.inf|\.nan)$",
    re.IGNORECASE,
)
ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}
# Besides quote and backslash: what YAML may not hold raw (C0 and C1 controls, surrogates,
# U+FFFE/U+FFFF) and what would end a line.
NEEDS_ESCAPE_RE = re.compile(r"[\\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def yaml_quoted(value: str) -> str:
    """``value`` as a YAML double-quoted scalar; only what must be escaped is escaped."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if char in ESCAPES:
            return ESCAPES[char]
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return '"' + NEEDS_ESCAPE_RE.sub(escape, value) + '"'


def yaml_scalar(value: str) -> str:
    """``value`` as a plain YAML scalar when that reads back as the same string, else quoted."""
    if (
        not value
        or value != value.strip()
        or value[0] in "-?"
        or PLAIN_UNSAFE_RE.search(value)
        or YAML_RESERVED_RE.match(value)
    ):
        return yaml_quoted(value)
    return value


def _markdown_link_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _autolink(url: str) -> str:
    # Autolinks end at '>' or whitespace; percent-encode those so the link stays whole.
    return "<" + re.sub(r"[\s<>]", lambda m: f"%{ord(m.group()):02X}", url) + ">"


def template_values(row: Mapping[str, Any]) -> dict[str, str]:
    """Values the post template placeholders can use."""
    media = row.get("media") or ""
    return {
        "media": media,
        "media_pinyin": pinyin_slug(media),
        "category": row.get("category") or "",
        "source": row.get("source") or "",
        "id": row.get("id") or "",
    }


def published_in(row: Mapping[str, Any], timezone: ZoneInfo) -> datetime:
    return datetime.fromisoformat(row["published"]).astimezone(timezone)


def render_post(row: Mapping[str, Any], template: PostTemplate, timezone: ZoneInfo) -> str:
    """The post file content for an ``articles`` row (no trailing newline)."""
    published = published_in(row, timezone)
    tag_list = row.get("tags") or []
    # Jekyll splits a string of tags at spaces: a tag with a space goes in a YAML list.
    if any(" " in tag for tag in tag_list):
        tags = "[" + ", ".join(yaml_quoted(tag) for tag in tag_list) + "]"
    else:
        tags = yaml_scalar(" ".join(tag_list))
    values = template_values(row)
    links = template.link_separator.join(
        f"[{_markdown_link_text(link.text.format(**values))}]({link.url.format(**values)})"
        for link in template.links
    )
    body = row.get("body_html") or ""
    if template.digest_quote and row.get("summary"):
        quote = "\n".join("> " + line for line in row["summary"].splitlines())
        body = f"{quote}\n\n{body}"
    front = [
        "---",
        f"layout: {yaml_scalar(template.layout)}",
        f"title: {yaml_quoted(row['title'])}",
        f"date: {published.strftime('%Y-%m-%d %H:%M:%S %z')}",
        f"categories: {yaml_scalar(row.get('category') or '')}",
        f"tags: {tags}",
        "---",
    ]
    content = [body, "\n\n", _autolink(row["url"])]
    if links:
        content += ["\n\n", links]
    return "\n".join(front) + "\n" + neutralise_liquid("".join(content))


def neutralise_liquid(content: str) -> str:
    """Post content that Jekyll shows as it is: content with Liquid (``{{``, ``{%``) is
    wrapped in ``{% raw %}...{% endraw %}``, an endraw tag inside it kept as text; content
    without Liquid is returned unchanged (so ordinary posts stay byte-identical).

    Front-matter values need nothing: Jekyll does not render Liquid in them, and layouts
    must print ``page.title`` with ``| escape``.
    """
    if not LIQUID_RE.search(content):
        return content
    inner = ENDRAW_RE.sub('{% endraw %}{{ "{%" }}{% raw %}', content)
    return "{% raw %}" + inner + "{% endraw %}"


def post_stem(article_id: str) -> str:
    """The id's part of a post file name; distinct ids never share one.

    An id of safe characters (letters, digits, ``_``, ``.``, ``-``; not starting with ``.``
    or ``-``; at most 100) is used as it is. Any other id becomes a readable part (runs of
    other characters as ``-``, at most 60) followed by ``--`` and 16 hex digits of the
    id's SHA-256 (``id--<hash>`` when nothing readable is left). No stem contains ``/``
    or starts with ``.``, so no file name leaves the posts directory, and every file name
    stays under 100 bytes.
    """
    if VERBATIM_ID_RE.match(article_id) and not HASH_SUFFIX_RE.search(article_id):
        return article_id
    readable = UNSAFE_ID_RE.sub("-", article_id).strip(".-")[:READABLE_CHARS].strip(".-")
    digest = hashlib.sha256(article_id.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{readable or 'id'}--{digest}"


def post_filename(row: Mapping[str, Any], timezone: ZoneInfo) -> str:
    """``<YYYY-MM-DD>-<stem>.md``: the publication date in ``timezone``, :func:`post_stem`."""
    return f"{published_in(row, timezone):%Y-%m-%d}-{post_stem(row['id'])}.md"


TMP_PREFIX = ".tmp-"
TMP_NAME_RE = re.compile(r"^\.tmp-(?:(\d+)-)?.*\.md$")


def write_if_changed(path: Path, content: str) -> bool:
    """Write atomically (temp file + rename) unless the file already holds ``content``."""
    data = content.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f"{TMP_PREFIX}{os.getpid()}-", suffix=".md")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


@dataclass(frozen=True)
class ExportResult:
    path: Path
    written: bool


POST_NAME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}-(.+)\.md$")


ARCHIVE_DIR = "old_post"


def keep_from(
    keep_days: int | None, timezone: ZoneInfo, now: datetime | None = None
) -> date | None:
    """The first publication day whose posts stay in the posts folder under ``keep_days``
    (today counts as the first of them), or None when everything stays."""
    if keep_days is None:
        return None
    today = (now or datetime.now(UTC)).astimezone(timezone).date()
    return today - timedelta(days=keep_days - 1)


class PostsDir:
    """The posts directory. It is listed once, on the first export, to know which file holds
    each article, so moving an article to another date removes its old file without listing
    the directory again for every article.

    Posts older than their source's ``post.keep_days`` live in the archive folder beside it
    (``old_post/``, as on the old site): exported there, moved there, never deleted.
    """

    def __init__(self, path: Path | str, archive: Path | str | None = None) -> None:
        self.path = Path(path)
        self.archive = Path(archive) if archive is not None else self.path.parent / ARCHIVE_DIR
        self._files: dict[str, set[str]] | None = None
        self._archived: dict[str, set[str]] | None = None

    def _archive_index(self) -> dict[str, set[str]]:
        if self._archived is None:
            self._archived = _list_posts(self.archive)
        return self._archived

    def archive_before(self, first_kept: date, stems: Iterable[str]) -> int:
        """Move the posts of ``stems`` dated before ``first_kept`` to the archive; returns
        how many moved. Other files (other sources', a fixed ``init`` post) stay."""
        files, archived = self._index(), self._archive_index()
        moved = 0
        for stem in stems:
            for name in sorted(files.get(stem, set())):
                if name[:10] >= first_kept.isoformat():
                    continue
                self.archive.mkdir(parents=True, exist_ok=True)
                os.replace(self.path / name, self.archive / name)
                files[stem].discard(name)
                archived.setdefault(stem, set()).add(name)
                moved += 1
        return moved

    def remove_leftovers(self) -> list[str]:
        """Remove the temporary files of writers that were killed (their process is gone);
        returns their names. Files of a live writer, another crawl's, are left alone."""
        from newsbot.lock import holder_is_stale

        removed = []
        if not self.path.is_dir():
            return removed
        for entry in os.scandir(self.path):
            match = TMP_NAME_RE.match(entry.name)
            if match is None:
                continue
            pid = int(match.group(1)) if match.group(1) else None
            writer = {"pid": pid, "host": socket.gethostname()}
            if pid is not None and (pid == os.getpid() or not holder_is_stale(writer)):
                continue
            Path(entry.path).unlink(missing_ok=True)
            removed.append(entry.name)
        return removed

    def _index(self) -> dict[str, set[str]]:
        if self._files is None:
            self._files = _list_posts(self.path)
        return self._files

    def export(
        self,
        row: Mapping[str, Any],
        template: PostTemplate,
        timezone: ZoneInfo,
        now: datetime | None = None,
    ) -> ExportResult:
        """Write the post of one row (if its content changed) and remove its stale copies;
        a post older than ``template.keep_days`` goes to the archive folder."""
        name = post_filename(row, timezone)
        first_kept = keep_from(template.keep_days, timezone, now)
        old = first_kept is not None and published_in(row, timezone).date() < first_kept
        folder = self.archive if old else self.path
        path = folder / name
        if path.resolve().parent != folder.resolve():
            raise ValueError(f"post file name {name!r} escapes {folder}")
        written = write_if_changed(path, render_post(row, template, timezone))
        key = post_stem(row["id"])
        here, there = (self._archive_index(), self._index()) if old else (self._index(), None)
        for stale in here.get(key, set()) - {name}:
            (folder / stale).unlink(missing_ok=True)
        here[key] = {name}
        if there is not None:  # an archived post leaves the posts folder
            for stale in there.pop(key, set()):
                (self.path / stale).unlink(missing_ok=True)
        return ExportResult(path, written)

    def remove(self, article_id: str) -> int:
        """Remove every post of an article (a retracted one); returns how many files."""
        files = self._index()
        names = files.pop(post_stem(article_id), set())
        for name in names:
            (self.path / name).unlink(missing_ok=True)
        return len(names)


def _list_posts(folder: Path) -> dict[str, set[str]]:
    """Post file names of ``folder`` by the id stem they carry."""
    files: dict[str, set[str]] = {}
    if folder.is_dir():
        for entry in os.scandir(folder):
            match = POST_NAME_RE.match(entry.name)
            if match:
                files.setdefault(match.group(1), set()).add(entry.name)
    return files
