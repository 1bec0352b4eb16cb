"""The ``newsbot`` command: a thin skin over the library. See README.md, "Command line"."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

# Only what every command needs is imported here: each command imports its own modules, so
# `search` or `stats` never load Scrapy, pydantic, sqlite-utils, numpy or pypinyin.
from newsbot.errors import SourceError

TYPE_CHECKING = False  # not typing's: importing typing costs every command milliseconds
if TYPE_CHECKING:
    from datetime import date

    from newsbot.config import Source
    from newsbot.store import Store

EXIT_OK, EXIT_FAILED, EXIT_CONFIG, EXIT_LOCKED = 0, 1, 2, 3


def _source_dirs(args: argparse.Namespace) -> list[Path]:
    from newsbot.config import BUNDLED_SOURCES
    from newsbot.paths import remembered_source_dirs

    remembered = remembered_source_dirs(args.db)
    for gone in [d for d in remembered if not d.is_dir()]:
        print(f"warning: remembered sources folder {gone} is gone; skipped", file=sys.stderr)
    dirs = [BUNDLED_SOURCES, *args.sources, *(d for d in remembered if d.is_dir())]
    return list(dict.fromkeys(dirs))


def _load(args: argparse.Namespace) -> dict[str, Source]:
    from newsbot.config import load_sources

    return load_sources(_source_dirs(args))


def _select(sources: dict[str, Source], names: Sequence[str]) -> list[Source]:
    unknown = [name for name in names if name not in sources]
    if unknown:
        raise SourceError(unknown[0], "", f"no such source; known: {', '.join(sorted(sources))}")
    return [sources[name] for name in names] if names else list(sources.values())


def _crawl_overrides(args: argparse.Namespace) -> dict[str, object]:
    from newsbot.paths import setting_pairs

    overrides: dict[str, object] = {
        "LOG_LEVEL": "INFO" if args.verbose else "WARNING",
        **setting_pairs(args.set),
        "NEWSBOT_DB": str(args.db),
        "NEWSBOT_POSTS_DIR": str(args.posts),
        "NEWSBOT_SOURCES": [str(d) for d in args.sources],
        "NEWSBOT_CONTACT": args.contact,
    }
    if args.extract_workers is not None:
        overrides["NEWSBOT_EXTRACT_WORKERS"] = args.extract_workers
    return overrides


def cmd_sources(args: argparse.Namespace) -> int:
    from newsbot.config import load_source, source_files

    status = EXIT_OK
    try:
        files = source_files(_source_dirs(args))
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    for path in files:
        try:
            source = load_source(path)
        except SourceError as exc:
            print(f"error: {exc}", file=sys.stderr)
            status = EXIT_CONFIG
            continue
        print(f"{source.key:<28} {source.kind:<8} {source.name}  ({path})")
    return status


def _scaffold(store: Store, sources: dict[str, Source], posts: Path) -> None:
    """Write the site's missing scaffold files (never an existing one) around ``posts``."""
    from newsbot.site import scaffold_site

    for path in scaffold_site(store, sources, posts):
        print(f"site: wrote {path}")


def _run(args: argparse.Namespace, sources: list[Source]) -> int:
    from newsbot.crawl import format_reports, run_crawls

    try:
        overrides = _crawl_overrides(args)
        if args.base_url:
            sources = [source.with_base_url(args.base_url) for source in sources]
            overrides["NEWSBOT_BASE_URL"] = args.base_url
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    from newsbot.lock import source_locks

    with source_locks(args.db, [source.key for source in sources]) as locks:
        for line in locks.messages():
            print(f"locked: {line}", file=sys.stderr)
        todo = [source for source in sources if source.key in locks.got]
        reports = run_crawls(todo, overrides) if todo else []
    if reports:
        print(format_reports(reports))
        print(f"database: {args.db}\nposts: {args.posts}")
        from newsbot.dedup import link_reprints
        from newsbot.store import Store

        with Store(args.db) as store:
            linked = link_reprints(store)
            if linked:
                print(f"reprints: {linked} articles linked to their canonical copy")
            # Not around an empty database: its _config.yml would name no host, and an
            # existing scaffold file is never written again.
            if store.count_articles():
                _scaffold(store, {source.key: source for source in sources}, args.posts)
    for report in reports:
        if report.problem:
            print(f"error: {report.source}: crawl failed: {report.problem}", file=sys.stderr)
    if not all(report.ok for report in reports):
        return EXIT_FAILED
    return EXIT_LOCKED if locks.held else EXIT_OK


def cmd_crawl(args: argparse.Namespace) -> int:
    from newsbot.lock import held_elsewhere
    from newsbot.paths import remember_source_dirs

    held = held_elsewhere(args.db, args.source) if args.source else None
    if held is not None and set(held.held) == set(args.source):  # nothing to do: exit now
        for line in held.messages():
            print(f"locked: {line}", file=sys.stderr)
        return EXIT_LOCKED
    try:
        sources = _select(_load(args), args.source)
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    remember_source_dirs(args.db, args.sources)
    if args.retry_failed:
        args.set = [*args.set, "NEWSBOT_RETRY_FAILED=True"]
    return _run(args, sources)


def cmd_run(args: argparse.Namespace) -> int:
    from newsbot.paths import remember_source_dirs
    from newsbot.schedule import run_forever

    try:
        sources = _select(_load(args), args.source)
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    remember_source_dirs(args.db, args.sources)
    crawl_args = [f"--set={pair}" for pair in args.set] + ["-v"] * args.verbose
    if args.extract_workers is not None:
        crawl_args += ["--extract-workers", str(args.extract_workers)]
    if args.base_url:
        sources = [source.with_base_url(args.base_url) for source in sources]
        crawl_args += ["--base-url", args.base_url]
    return run_forever(
        sources, db=args.db, posts=args.posts, source_dirs=args.sources, crawl_args=crawl_args
    )


def cmd_backfill(args: argparse.Namespace) -> int:
    from newsbot.backfill import day_table, format_days, run_backfill
    from newsbot.crawl import format_reports
    from newsbot.store import Store

    try:
        (source,) = _select(_load(args), [args.source])
        overrides = _crawl_overrides(args)
        if args.until is not None and args.since > args.until:
            raise SourceError("--since", str(args.since), f"is after --until {args.until}")
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    if args.base_url:
        source = source.with_base_url(args.base_url)
        overrides["NEWSBOT_BASE_URL"] = args.base_url
    from datetime import datetime
    from zoneinfo import ZoneInfo

    until = args.until or datetime.now(ZoneInfo(source.timezone)).date()
    from newsbot.lock import source_locks

    with source_locks(args.db, [source.key]) as locks:  # never beside a crawl of the source
        for line in locks.messages():
            print(f"locked: {line}", file=sys.stderr)
        if source.key not in locks.got:
            return EXIT_LOCKED
        report = run_backfill(source, overrides, args.since, until)
    print(format_reports([report]))
    with Store(args.db) as store:
        print(format_days(day_table(store, source.key, args.since, until)))
    print(f"database: {args.db}\nposts: {args.posts}")
    if report.problem:
        print(f"error: {source.key}: backfill failed: {report.problem}", file=sys.stderr)
    return EXIT_OK if report.ok else EXIT_FAILED


def cmd_demo(args: argparse.Namespace) -> int:
    from newsbot.config import SAMPLE_SOURCES
    from newsbot.sampleserver import SampleServer

    args.sources = [SAMPLE_SOURCES, *args.sources]
    try:
        sources = _select(_load(args), [])
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    with SampleServer() as url:
        print(f"sample server: {url}")
        args.base_url = url
        args.set = ["DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", *args.set]
        return _run(args, sources)


def _open_readonly(path: Path) -> Store | None:
    """The database at ``path`` opened for reading, or None (and a message) when missing."""
    from newsbot.store import Store, StoreNotFoundError

    try:
        return Store.open_readonly(path)
    except StoreNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None


def cmd_export(args: argparse.Namespace) -> int:
    from newsbot.clean import printable
    from newsbot.export import PostsDir, post_record, render_context, render_key
    from newsbot.store import Store, StoreNotFoundError

    if args.format != "posts":
        return _export_records(args)

    try:
        sources = _load(args)
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    written = unchanged = skipped = failed = retracted = 0
    posts = PostsDir(args.posts)
    if not args.db.is_file():  # never created by export
        print(f"error: {StoreNotFoundError(args.db)}", file=sys.stderr)
        return EXIT_CONFIG
    posts.remove_leftovers()
    # What each post was rendered from is recorded (``post_files``): an unchanged post
    # is skipped without rendering or reading it (see README, "Posts").
    with Store(args.db) as store, store.batch(max_articles=1000):
        contexts = {key: render_context(s.post, s.post_timezone) for key, s in sources.items()}
        for light, record in store.post_keys():
            article_id = light["id"]
            if light["retracted"]:  # withdrawn upstream: the row stays, the post goes
                posts.remove(article_id)
                retracted += 1
                continue
            source = sources.get(light["source"])
            if source is None:
                skipped += 1
                continue
            template, zone = source.post, source.post_timezone
            key = render_key(light, contexts[light["source"]])
            if posts.unchanged(light, template, zone, key, record):
                unchanged += 1
                continue
            try:  # one bad row costs its own post, never the rest
                row = store.get_article(article_id)
                assert row is not None
                result = posts.export(row, template, zone)
                store.record_post(post_record(article_id, result.path, key))
            except Exception as exc:
                failed += 1
                reason = printable(f"{type(exc).__name__}: {exc}", 300)
                print(f"error: article {printable(str(article_id), 80)}: {reason}", file=sys.stderr)
                continue
            written += result.written
            unchanged += not result.written
        _scaffold(store, sources, args.posts)
    print(
        f"posts written: {written}, unchanged: {unchanged},"
        f" skipped (unknown source): {skipped}, failed: {failed},"
        f" retracted (no post): {retracted}"
    )
    return EXIT_FAILED if failed else EXIT_OK


def _export_records(args: argparse.Namespace) -> int:
    from newsbot.records import write_records

    store = _open_readonly(args.db)
    if store is None:
        return EXIT_CONFIG
    with store:
        try:
            count = write_records(store.changed_since(args.since), sys.stdout, args.format)
            sys.stdout.flush()
        except BrokenPipeError:  # the reader stopped early (| head): not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return EXIT_OK
    print(f"records: {count}", file=sys.stderr)
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    # Plain sqlite3 and the search module: the store (and what it imports) is not needed.
    from newsbot.errors import StoreNotFoundError
    from newsbot.search import connect_readonly, search

    try:
        conn = connect_readonly(args.db)
    except StoreNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    try:
        for row in search(conn, args.query, limit=args.limit):
            print(f"{row['published']}  {row['id']}  {row['media']}  {row['title']}")
            print(f"    {row['snippet']}")
    finally:
        conn.close()
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from newsbot.schema import SchemaError, check_database, schema_sql

    if args.migrate:
        from newsbot.store import Store

        Store(args.db).close()
    if not args.check:
        if not args.migrate:
            print(schema_sql())
        return EXIT_OK
    try:
        problems = check_database(args.db)
    except SchemaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    for problem in problems:
        print(f"{args.db}: {problem}")
    if not problems:
        print(f"{args.db}: matches the schema")
    return EXIT_FAILED if problems else EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    if not args.db.is_file():
        print(f"error: {args.db}: no such database", file=sys.stderr)
        return EXIT_CONFIG
    try:
        from newsbot.serve import serve
    except ImportError:
        print("error: newsbot serve needs the serve extra: pip install 'newsbot[serve]'")
        return EXIT_CONFIG
    serve(args.db, host=args.host, port=args.port)
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from newsbot.health import format_health, source_health

    store = _open_readonly(args.db)
    if store is None:
        return EXIT_CONFIG
    with store:
        report = source_health(store)
    print(format_health(report))
    return EXIT_FAILED if any(h.warnings for h in report) else EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from newsbot.report import write_report

    store = _open_readonly(args.db)
    if store is None:
        return EXIT_CONFIG
    with store:
        path = write_report(store, args.output)
    print(f"report: {path}")
    return EXIT_OK


def _fetch(url: str, timeout: float = 30) -> tuple[bytes, str | None, str]:
    import urllib.request

    from newsbot.settings import USER_AGENT

    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.read(), response.headers.get("Content-Type"), response.geturl()


CHECK_FIELDS = ("title", "published", "media", "authors", "lang", "encoding")


def cmd_check(args: argparse.Namespace) -> int:
    import json
    from datetime import UTC, datetime

    from newsbot.kinds.pages import article_id, extract_for_source

    source = None
    if args.source:
        try:
            (source,) = _select(_load(args), [args.source])
        except SourceError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_CONFIG
    if args.file is not None:
        if not args.url:
            print("error: --file needs --url (the page's address)", file=sys.stderr)
            return EXIT_CONFIG
        body, content_type, url = args.file.read_bytes(), None, args.url
    elif args.url:
        try:
            body, content_type, url = _fetch(args.url)
        except OSError as exc:
            print(f"error: cannot fetch {args.url}: {exc}", file=sys.stderr)
            return EXIT_FAILED
    else:
        print("error: give a URL, or --file PAGE --url URL", file=sys.stderr)
        return EXIT_CONFIG
    result = extract_for_source(body, url, source, now=datetime.now(UTC), content_type=content_type)
    data = result.to_dict()
    data["id"] = article_id(url)
    data["source"] = source.key if source else None
    if source is not None and source.media:
        data["media"] = source.media
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    origin = {
        "published": f"{result.published_source or 'none'}: {result.published_raw!r}",
        "media": "source file" if source is not None and source.media else "page",
    }
    print(f"{'url':<12}{url}\n{'id':<12}{data['id']}")
    for name in CHECK_FIELDS:
        value = data[name]
        shown = ", ".join(value) if isinstance(value, list) else value
        note = f"   ({origin[name]})" if name in origin else ""
        print(f"{name:<12}{shown if shown not in (None, '') else '-'}{note}")
    print(f"{'conflicts':<12}{'; '.join(result.date_conflicts) or '-'}")
    print(f"{'body':<12}{len(result.body_text)} characters ({result.body_source or 'none'})")
    print("-" * 40)
    text = result.body_text
    print(text if len(text) <= args.chars else text[: args.chars] + " …")
    return EXIT_OK


def _day(value: str) -> date:
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a day (YYYY-MM-DD): {value!r}") from None


def _count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"not a number of processes (0 or more): {value!r}")
    return number


class _NotRun:
    """Stands for the parser of a command that is not being run: its options are not built."""

    def add_argument(self, *args: object, **kwargs: object) -> None:
        pass

    def set_defaults(self, **kwargs: object) -> None:
        pass


# The commands build_parser knows: with one of them named, the others are not built at all.
COMMANDS = frozenset(
    {"crawl", "run", "backfill", "sources", "export", "demo", "check", "search", "serve",
     "stats", "report", "schema"}
)  # fmt: skip


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line. With ``command``, only that command's parser is built (an unknown
    word still lists every command, with its help): building them all takes longer than a
    search."""
    parser = argparse.ArgumentParser(prog="newsbot", description=__doc__)

    def common() -> argparse.ArgumentParser:
        options = argparse.ArgumentParser(add_help=False)
        options.add_argument(
            "--sources",
            action="append",
            type=Path,
            default=[],
            metavar="DIR",
            help="another directory of source files (repeatable); data/sources is always read",
        )
        options.add_argument("--db", type=Path, help="SQLite file (default: see README, Paths)")
        options.add_argument("--posts", type=Path, help="directory of posts (default: see README)")
        return options

    def crawl_opts() -> argparse.ArgumentParser:
        options = argparse.ArgumentParser(add_help=False)
        options.add_argument("--base-url", default="", help="fetch every source from this URL")
        options.add_argument(
            "-s",
            "--set",
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help="a Scrapy or NEWSBOT_ setting (repeatable)",
        )
        options.add_argument("-v", "--verbose", action="store_true", help="Scrapy's INFO log")
        options.add_argument(
            "--extract-workers",
            type=_count,
            metavar="N",
            help="processes that extract article pages (0: in the crawling process; default: "
            "one fewer than the CPUs, at least 1)",
        )
        return options

    sub = parser.add_subparsers(dest="command", required=True)

    def add_command(
        name: str, parents: list[Callable[[], argparse.ArgumentParser]], **kwargs: str
    ) -> argparse.ArgumentParser:
        if command is None or name == command:
            return sub.add_parser(name, parents=[make() for make in parents], **kwargs)
        if command not in COMMANDS:  # argparse's error then lists every command
            sub.add_parser(name, **kwargs)
        return _NotRun()  # type: ignore[return-value]

    p = add_command("crawl", [common, crawl_opts], help="crawl sources (default: all)")
    p.add_argument("source", nargs="*", help="source keys")
    p.add_argument(
        "--retry-failed", action="store_true", help="fetch only recorded failures that are due"
    )
    p.set_defaults(func=cmd_crawl)
    p = add_command(
        "run", [common, crawl_opts], help="crawl sources on their schedules until stopped"
    )
    p.add_argument("source", nargs="*", help="source keys (default: all)")
    p.set_defaults(func=cmd_run)
    p = add_command(
        "backfill", [common, crawl_opts], help="walk a source's history between two days"
    )
    p.add_argument("source", help="source key")
    p.add_argument("--since", type=_day, required=True, help="first day (YYYY-MM-DD)")
    p.add_argument("--until", type=_day, help="last day (default: today in the source's zone)")
    p.set_defaults(func=cmd_backfill)
    p = add_command("sources", [common], help="list and validate source files")
    p.set_defaults(func=cmd_sources)
    p = add_command("export", [common], help="rebuild every post from the database")
    p.add_argument(
        "--format", choices=("posts", "jsonl", "csv"), default="posts", help="posts, or records"
    )
    p.add_argument("--since", help="records changed after this UTC timestamp (ISO 8601)")
    p.set_defaults(func=cmd_export)
    p = add_command(
        "demo", [common, crawl_opts], help="crawl the bundled sources from a local server"
    )
    p.set_defaults(func=cmd_demo)
    p = add_command("check", [common], help="show what would be stored for one article page")
    p.add_argument("url", nargs="?", help="page URL (fetched unless --file is given)")
    p.add_argument("--url", dest="url_opt", help="the page's URL, with --file")
    p.add_argument("--file", type=Path, help="read the page from this file")
    p.add_argument("--source", help="use this source's rules, time zone and media")
    p.add_argument("--json", action="store_true", help="print JSON (dates in ISO 8601)")
    p.add_argument("--chars", type=int, default=600, help="body characters shown")
    p.set_defaults(func=cmd_check)
    p = add_command("search", [common], help="full-text search of stored articles")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20)
    p.set_defaults(func=cmd_search)
    p = add_command("serve", [common], help="serve the database read-only (Datasette)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8001)
    p.set_defaults(func=cmd_serve)
    p = add_command("stats", [common], help="per-source health, with warnings")
    p.set_defaults(func=cmd_stats)
    p = add_command("report", [common], help="write an HTML report of the sources")
    p.add_argument(
        "-o", "--output", type=Path, default=Path("data/report.html"), help="the HTML file"
    )
    p.set_defaults(func=cmd_report)
    p = add_command("schema", [common], help="print or check the database schema")
    p.add_argument("--check", action="store_true", help="check --db against the schema")
    p.add_argument("--migrate", action="store_true", help="apply pending migrations to --db")
    p.set_defaults(func=cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from newsbot.paths import apply_to_args

    words = sys.argv[1:] if argv is None else argv
    command = next((word for word in words if not word.startswith("-")), None)
    args = build_parser(command).parse_args(argv)
    if getattr(args, "url_opt", None):
        args.url = args.url_opt
    try:
        apply_to_args(args)
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
