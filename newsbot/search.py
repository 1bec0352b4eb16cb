"""Full-text search over two FTS5 indexes, one query language, one SQL statement.

- ``articles_fts`` (trigram tokenizer) serves queries whose every term has three or more
  characters: any substring, Chinese included.
- ``articles_cjk`` (unicode61 tokenizer over text rewritten by :func:`bigram_text`) serves the
  rest: a run of CJK characters is indexed as its overlapping bigrams (``乡村治理`` ->
  ``乡村 村治 治理``) followed, at the end of the column, by the run's last character, so a
  two-character word is one token, a longer one a phrase of bigrams, and a single character
  a prefix query (``治*``). Latin words are whole tokens, case-folded.

A query is words, ``"quoted phrases"``, ``AND``, ``OR``, ``NOT`` and parentheses; words side by
side must all match. Results are ranked by bm25 (title matches weigh more) and carry a
snippet. :data:`SEARCH_SQL` is the statement both ``newsbot search`` and the read API run;
it calls the SQL functions that :func:`register_functions` installs on a connection.
"""

from __future__ import annotations

import functools
import math
import operator
import re
import sqlite3
from pathlib import Path

from newsbot.errors import StoreNotFoundError

# ``typing`` is not imported: ``newsbot search`` would load it for annotations alone.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

__all__ = [
    "SEARCH_SQL",
    "bigram_text",
    "connect_readonly",
    "fts_query",
    "index_for",
    "register_functions",
    "search",
    "snippet",
    "split_query",
]

# Han (with extensions and compatibility ideographs), kana, Hangul syllables.
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
OPERATORS = {"AND", "OR", "NOT"}
TITLE_WEIGHT = 5.0
RERANKED = 100


# The patterns are compiled on first use, not on import: their character classes take
# milliseconds to compile, which every command importing the store would pay.
@functools.cache
def _cjk_run_re() -> re.Pattern[str]:
    return re.compile(f"[{CJK}]+")


@functools.cache
def _token_re() -> re.Pattern[str]:
    """A CJK run, or a word of other letters and digits."""
    return re.compile(f"[{CJK}]+|[^\\W{CJK}]+")


@functools.cache
def _token_group_re() -> re.Pattern[str]:
    """:func:`_token_re` with the CJK run as group 1."""
    return re.compile(f"([{CJK}]+)|[^\\W{CJK}]+")


@functools.cache
def _query_re() -> re.Pattern[str]:
    return re.compile(r'"((?:[^"]|"")*)"?|\(|\)|[^\s()"]+')


def _bigrams(run: str) -> Iterator[str]:
    """The overlapping two-character pieces of a CJK run (``run[i : i + 2]``)."""
    return map(operator.add, run, run[1:])


def bigram_text(text: str | None) -> str:
    """``text`` as the ``articles_cjk`` index reads it: CJK runs as bigrams, words kept."""
    if not text:
        return ""
    if not _cjk_run_re().search(text):
        return " ".join(_token_re().findall(text))
    tokens: list[str] = []
    tails: list[str] = []
    for match in _token_group_re().finditer(text):
        run = match.group()
        if match.group(1) is None or len(run) == 1:
            tokens.append(run)
        else:
            tokens.extend(_bigrams(run))
            tails.append(run[-1])
    return " ".join(tokens + tails)


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _bigram_term(term: str) -> str | None:
    """One query term for ``articles_cjk``: a phrase of bigrams and words, or a prefix."""
    parts: list[str] = []
    for match in _token_group_re().finditer(term):
        run = match.group()
        if match.group(1) is not None and len(run) > 1:
            parts.extend(_bigrams(run))
        else:
            parts.append(run)
    if not parts:
        return None
    if len(parts) == 1 and _cjk_run_re().fullmatch(parts[0]) and len(parts[0]) == 1:
        return _quote(parts[0]) + "*"
    return _quote(" ".join(parts))


def split_query(query: str) -> list[tuple[str, str]]:
    """The query as ``(kind, text)`` items: ``term``, ``op`` (AND/OR/NOT), ``(`` or ``)``.

    Operators with nothing to join and unbalanced parentheses are dropped, so any input is
    a valid query."""
    items: list[tuple[str, str]] = []
    for match in _query_re().finditer(query):
        text = match.group()
        if match.group(1) is not None or text.startswith('"'):
            phrase = (match.group(1) or "").replace('""', '"').strip()
            if _token_re().search(phrase):
                items.append(("term", phrase))
        elif text in OPERATORS:
            items.append(("op", text))
        elif text in "()":
            items.append((text, text))
        elif _token_re().search(text):
            items.append(("term", text))
    # Parentheses that close nothing, or are never closed, are dropped.
    open_at: list[int] = []
    unmatched: set[int] = set()
    for i, (kind, _) in enumerate(items):
        if kind == "(":
            open_at.append(i)
        elif kind == ")":
            if open_at:
                open_at.pop()
            else:
                unmatched.add(i)
    unmatched.update(open_at)
    cleaned: list[tuple[str, str]] = []
    for i, (kind, text) in enumerate(items):
        previous = cleaned[-1][0] if cleaned else None
        if i in unmatched or (kind == "op" and previous in (None, "op", "(")):
            continue
        if kind == ")":
            while cleaned and cleaned[-1][0] == "op":
                cleaned.pop()
            if cleaned[-1][0] == "(":  # an empty group
                cleaned.pop()
                continue
        cleaned.append((kind, text))
    while cleaned and cleaned[-1][0] == "op":
        cleaned.pop()
    return cleaned


def _term_length(term: str) -> int:
    return min((len(token) for token in _token_re().findall(term)), default=0)


def index_for(query: str) -> str:
    """``trigram`` when every term has three or more characters, else ``bigram``."""
    terms = [text for kind, text in split_query(query) if kind == "term"]
    if terms and all(_term_length(t) >= 3 for t in terms):
        return "trigram"
    return "bigram"


def fts_query(query: str, index: str) -> str:
    """The FTS5 MATCH expression of ``query`` for ``index`` (``trigram`` or ``bigram``).

    An empty string when the query has no term (it then matches nothing)."""
    out: list[str] = []
    for kind, text in split_query(query):
        if kind == "term":
            term = _quote(text) if index == "trigram" else _bigram_term(text)
            if term is None:
                continue
            if out and out[-1] not in ("AND", "OR", "NOT", "("):
                out.append("AND")
            out.append(term)
        elif kind == "(" and out and out[-1] not in ("AND", "OR", "NOT", "("):
            out += ["AND", "("]
        else:
            out.append(text)
    return " ".join(out)


def snippet(title: str | None, body: str | None, query: str, width: int = 60) -> str:
    """About ``width`` characters of the body around the first query term it contains, the
    terms marked with 【】; the start of the body when none occurs in it."""
    body = " ".join((body or "").split())
    # Single tokens too, so a phrase split across lines or a multi-word term still shows.
    needles = _needles(query)
    lowered = body.lower()
    hits = [(lowered.find(n.lower()), n) for n in needles]
    hits = [(pos, n) for pos, n in hits if pos >= 0]
    if not hits:
        return body[:width] + ("…" if len(body) > width else "")
    pos = min(hits)[0]
    start = max(0, pos - width // 3)
    end = min(len(body), start + width)
    text = body[start:end]
    pattern = re.compile("|".join(re.escape(n) for n in needles), re.IGNORECASE)
    text = pattern.sub(lambda m: f"【{m.group()}】", text)
    return ("…" if start else "") + text + ("…" if end < len(body) else "")


def _needles(query: str) -> list[str]:
    """The query's terms and their single tokens, longest first."""
    words = [text for kind, text in split_query(query) if kind == "term"]
    found = {w for w in words} | {t for w in words for t in _token_re().findall(w)}
    return sorted((n for n in found if n), key=len, reverse=True)


def weight(title: str | None, body: str | None, query: str) -> float:
    """``1 + ln(1 + n)``, n being how often the query's terms occur in title and body.

    bm25 saturates term frequency quickly and favours short texts; this keeps an article
    that is about the query (it names it a dozen times) above a short one naming it twice."""
    text = f"{title or ''}\n{body or ''}".lower()
    terms = [t.lower() for t in {text for kind, text in split_query(query) if kind == "term"}]
    return 1.0 + math.log1p(sum(text.count(t) for t in terms if t))


def register_functions(conn: sqlite3.Connection) -> None:
    """Install the SQL functions the index triggers and :data:`SEARCH_SQL` call."""
    conn.create_function("newsbot_bigrams", 1, bigram_text, deterministic=True)
    conn.create_function("newsbot_fts_index", 1, index_for, deterministic=True)
    conn.create_function("newsbot_fts_query", 2, fts_query, deterministic=True)
    conn.create_function("newsbot_snippet", 3, snippet, deterministic=True)
    conn.create_function("newsbot_weight", 3, weight, deterministic=True)


# Both branches are written out; the constant test on newsbot_fts_index(:q) leaves one empty.
# The best bm25 candidates (at least RERANKED) are weighed by how often the terms occur, then
# only the :limit best are joined for their snippets. A reprint (canonical_of set) is left
# out: its story is shown once, by its canonical article.
SEARCH_SQL = f"""
SELECT articles.id, articles.title, articles.published, articles.media, articles.source,
       articles.category, articles.url,
       newsbot_snippet(articles.title, articles.body_text, :q) AS snippet,
       ranked.score AS score
FROM (
  SELECT hits.rowid, hits.score * newsbot_weight(articles.title, articles.body_text, :q) AS score
  FROM (
    SELECT rowid, score FROM (
      SELECT rowid, bm25(articles_fts, {TITLE_WEIGHT}, 1.0) AS score FROM articles_fts
      WHERE newsbot_fts_index(:q) = 'trigram'
        AND articles_fts MATCH newsbot_fts_query(:q, 'trigram')
      UNION ALL
      SELECT rowid, bm25(articles_cjk, {TITLE_WEIGHT}, 1.0) AS score FROM articles_cjk
      WHERE newsbot_fts_index(:q) = 'bigram'
        AND articles_cjk MATCH newsbot_fts_query(:q, 'bigram')
    )
    ORDER BY score, rowid DESC
    LIMIT max({RERANKED}, coalesce(nullif(:limit, ''), 20))
  ) AS hits
  JOIN articles ON articles.rowid = hits.rowid
  WHERE articles.canonical_of IS NULL
  ORDER BY score, hits.rowid DESC
  LIMIT coalesce(nullif(:limit, ''), 20)
) AS ranked
JOIN articles ON articles.rowid = ranked.rowid
ORDER BY ranked.score, ranked.rowid DESC
""".strip()


def connect_readonly(path: Path | str, *, busy_timeout: float = 5.0) -> sqlite3.Connection:
    """A read-only connection (``mode=ro``) to the existing database at ``path``, with the
    functions :data:`SEARCH_SQL` calls; a missing database is never created.

    Raises :class:`~newsbot.errors.StoreNotFoundError` when ``path`` does not exist."""
    path = Path(path)
    if not path.is_file():
        raise StoreNotFoundError(path)
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=busy_timeout)
    register_functions(conn)
    return conn


def search(conn: sqlite3.Connection, query: str, limit: int = 20) -> list[dict[str, Any]]:
    """Articles matching ``query``, best first: ``id``, ``title``, ``published``, ``media``,
    ``source``, ``category``, ``url``, ``snippet``, ``score`` (bm25, lower is better)."""
    if not split_query(query):
        return []
    register_functions(conn)
    cursor = conn.execute(SEARCH_SQL, {"q": query, "limit": limit})
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]
