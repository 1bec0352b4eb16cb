"""Jekyll front-matter posts, rendered from ``articles`` rows of the database.

The post shape is the one the old site published (see README.md, "Posts"); values are
escaped for YAML only where they need it, so ordinary posts stay byte-identical.
"""

from __future__ import annotations

import functools
import hashlib
import json
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
    "post_record",
    "post_stem",
    "render_context",
    "render_key",
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


class TemplateValues(dict[str, str]):
    """Values the post template placeholders can use; ``media_pinyin`` is made when a
    template asks for it (fill templates with ``str.format_map``): making it loads pypinyin,
    which a re-export of unchanged posts would otherwise pay for nothing."""

    def __missing__(self, key: str) -> str:
        if key != "media_pinyin":
            raise KeyError(key)
        self[key] = slug = pinyin_slug(self["media"])
        return slug


def template_values(row: Mapping[str, Any]) -> TemplateValues:
    """Values the post template placeholders can use (see :class:`TemplateValues`)."""
    return TemplateValues(
        media=row.get("media") or "",
        category=row.get("category") or "",
        source=row.get("source") or "",
        id=row.get("id") or "",
    )


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
        f"[{_markdown_link_text(link.text.format_map(values))}]({link.url.format_map(values)})"
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


@functools.cache
def _renderer() -> str:
    """A fingerprint of the code that renders posts: a newer newsbot renders every post anew."""
    digest = hashlib.sha256()
    for module in ("export.py", "slugs.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    return digest.hexdigest()


def render_context(template: PostTemplate, timezone: ZoneInfo) -> str:
    """What the posts of one source depend on besides their rows, hashed: its post template,
    its time zone and the code that renders posts (computed once per source)."""
    payload = [template.model_dump(mode="json"), str(timezone), _renderer()]
    data = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def render_key(row: Mapping[str, Any], context: str) -> str:
    """What the bytes of a row's post depend on, hashed: its ``content_hash``, ``id`` and
    ``source``, and its source's :func:`render_context`."""
    data = "\0".join((context, row["content_hash"], row["id"], row["source"]))
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()


def post_record(article_id: str, path: Path, key: str) -> dict[str, Any]:
    """The ``post_files`` row of a post just written (or found as it should be)."""
    stat = path.stat()
    return {
        "article_id": article_id,
        "path": str(path),
        "render_key": key,
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
    }


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

    The index holds a tuple of names per article (nearly always one): it grows with the
    folder, some 200 bytes a post, where a set each would be twice that.
    """

    def __init__(self, path: Path | str, archive: Path | str | None = None) -> None:
        self.path = Path(path)
        self.archive = Path(archive) if archive is not None else self.path.parent / ARCHIVE_DIR
        self._files: dict[str, tuple[str, ...]] | None = None
        self._archived: dict[str, tuple[str, ...]] | None = None

    def _archive_index(self) -> dict[str, tuple[str, ...]]:
        if self._archived is None:
            self._archived = _list_posts(self.archive)
        return self._archived

    def archive_before(self, first_kept: date, stems: Iterable[str]) -> int:
        """Move the posts of ``stems`` dated before ``first_kept`` to the archive; returns
        how many moved. Other files (other sources', a fixed ``init`` post) stay."""
        files, archived = self._index(), self._archive_index()
        moved = 0
        for stem in stems:
            for name in sorted(files.get(stem, ())):
                if name[:10] >= first_kept.isoformat():
                    continue
                self.archive.mkdir(parents=True, exist_ok=True)
                os.replace(self.path / name, self.archive / name)
                files[stem] = tuple(n for n in files[stem] if n != name)
                archived[stem] = _adding(archived.get(stem, ()), name)
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

    def _index(self) -> dict[str, tuple[str, ...]]:
        if self._files is None:
            self._files = _list_posts(self.path)
        return self._files

    def _place(
        self,
        row: Mapping[str, Any],
        template: PostTemplate,
        timezone: ZoneInfo,
        now: datetime | None,
    ) -> tuple[bool, Path, str]:
        """Whether the row's post is archived, its folder and its file name."""
        first_kept = keep_from(template.keep_days, timezone, now)
        old = first_kept is not None and published_in(row, timezone).date() < first_kept
        return old, self.archive if old else self.path, post_filename(row, timezone)

    def unchanged(
        self,
        row: Mapping[str, Any],
        template: PostTemplate,
        timezone: ZoneInfo,
        key: str,
        record: tuple[str, str, int, int] | None,
        now: datetime | None = None,
    ) -> bool:
        """Whether the post of ``row`` (``id``, ``source``, ``published`` suffice) is known
        to be as an export left it, without rendering or reading it: its ``post_files``
        ``record`` (path, render key, size, mtime_ns) has the same :func:`render_key`
        ``key``, and its file is in the folder the row's post belongs in, with the size
        and modification time recorded. A post deleted, moved or edited since (its size or
        mtime differs) is not. The file name needs no check: the key determines it."""
        if record is None or record[1] != key:
            return False
        path, _, size, mtime_ns = record
        if template.keep_days is None:
            folder = self.path
        else:
            folder = self._place(row, template, timezone, now)[1]
        if os.path.dirname(path) != str(folder):
            return False
        try:
            stat = os.stat(path)
        except OSError:
            return False
        return stat.st_size == size and stat.st_mtime_ns == mtime_ns

    def export(
        self,
        row: Mapping[str, Any],
        template: PostTemplate,
        timezone: ZoneInfo,
        now: datetime | None = None,
    ) -> ExportResult:
        """Write the post of one row (if its content changed) and remove its stale copies;
        a post older than ``template.keep_days`` goes to the archive folder."""
        old, folder, name = self._place(row, template, timezone, now)
        path = folder / name
        if path.resolve().parent != folder.resolve():
            raise ValueError(f"post file name {name!r} escapes {folder}")
        written = write_if_changed(path, render_post(row, template, timezone))
        key = post_stem(row["id"])
        here, there = (self._archive_index(), self._index()) if old else (self._index(), None)
        for stale in here.get(key, ()):
            if stale != name:
                (folder / stale).unlink(missing_ok=True)
        here[key] = (name,)
        if there is not None:  # an archived post leaves the posts folder
            for stale in there.pop(key, ()):
                (self.path / stale).unlink(missing_ok=True)
        return ExportResult(path, written)

    def remove(self, article_id: str) -> int:
        """Remove every post of an article (a retracted one); returns how many files."""
        files = self._index()
        names = files.pop(post_stem(article_id), ())
        for name in names:
            (self.path / name).unlink(missing_ok=True)
        return len(names)


def _adding(names: tuple[str, ...], name: str) -> tuple[str, ...]:
    """``names`` with ``name`` (once)."""
    return names if name in names else (*names, name)


def _list_posts(folder: Path) -> dict[str, tuple[str, ...]]:
    """Post file names of ``folder`` by the id stem they carry."""
    files: dict[str, tuple[str, ...]] = {}
    if folder.is_dir():
        for entry in os.scandir(folder):
            match = POST_NAME_RE.match(entry.name)
            if match:
                stem = match.group(1)  # a folder lists each name once
                files[stem] = (*files.get(stem, ()), entry.name)
    return files
