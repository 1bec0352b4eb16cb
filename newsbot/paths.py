"""Where the database, the posts and the source files are: never the working directory.

Each path is taken from the first of these that sets it (README.md, "Paths"):

1. the command line (``--db``, ``--posts``, ``--sources``, or ``-s NEWSBOT_DB=...``);
2. environment variables ``NEWSBOT_DB``, ``NEWSBOT_POSTS_DIR``, ``NEWSBOT_SOURCES``;
3. the settings file ``newsbot.toml`` in the project root (paths relative to that file);
4. the defaults ``data/newsbot.db`` and ``data/site/_posts`` under the project root.

The project root is ``NEWSBOT_HOME`` when set; else the nearest directory, from the working
directory up, holding ``newsbot.toml`` or a ``scrapy.cfg`` of newsbot; else the checkout that
holds the installed package; else the user's data directory (``$XDG_DATA_HOME/newsbot``).
Relative paths given on the command line or in the environment are relative to the working
directory, as a user typing them expects.
"""

from __future__ import annotations

import configparser
import functools
import os
from collections import namedtuple
from collections.abc import Mapping, Sequence
from pathlib import Path

from newsbot.errors import SourceError

TYPE_CHECKING = False  # typing is not imported: every command resolves its paths
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "SETTINGS_FILE",
    "ProjectPaths",
    "apply_to_args",
    "find_root",
    "remember_source_dirs",
    "remembered_source_dirs",
    "resolve_paths",
    "setting_pairs",
]

SETTINGS_FILE = "newsbot.toml"
PACKAGE_CHECKOUT = Path(__file__).resolve().parent.parent
DEFAULT_CONTACT = "https://github.com/newsbot"


# Named tuples of collections, not dataclasses nor typing.NamedTuple: every command resolves
# its paths, and importing dataclasses (with inspect) or typing would cost each milliseconds.
class SettingsFile(namedtuple("SettingsFile", "db posts sources contact",
                              defaults=(None, None, (), None))):  # fmt: skip
    """The keys of ``newsbot.toml`` (checked by :func:`read_settings_file`): ``db``,
    ``posts`` and ``contact`` (``str | None``), ``sources`` (a sequence of ``str``)."""

    __slots__ = ()


@functools.cache
def _settings_model() -> Any:
    # pydantic is imported only when a settings file is read: commands start faster.
    from pydantic import BaseModel, ConfigDict

    class SettingsModel(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

        db: str | None = None
        posts: str | None = None
        sources: list[str] = []
        contact: str | None = None

    return SettingsModel


class ProjectPaths(namedtuple("ProjectPaths", "root db posts sources contact settings_file",
                              defaults=(DEFAULT_CONTACT, None))):  # fmt: skip
    """Resolved paths: ``root``, ``db``, ``posts`` (``Path``), ``sources`` (the extra source
    directories, ``list[Path]``: the bundled data/sources is always read besides these),
    ``contact`` (``str``), ``settings_file`` (``Path | None``)."""

    __slots__ = ()

    @property
    def archive(self) -> Path:
        """Where posts past their source's ``keep_days`` go: ``old_post/`` beside the posts."""
        return self.posts.parent / "old_post"


def _is_newsbot_scrapy_cfg(path: Path) -> bool:
    parser = configparser.ConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError):
        return False
    return parser.get("settings", "default", fallback="").startswith("newsbot.")


def find_root(cwd: Path | None = None, env: Mapping[str, str] | None = None) -> Path:
    """The project root (see the module's documentation for the order)."""
    env = os.environ if env is None else env
    if env.get("NEWSBOT_HOME"):
        return Path(env["NEWSBOT_HOME"]).expanduser().resolve()
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
        cfg = folder / "scrapy.cfg"
        if cfg.is_file() and _is_newsbot_scrapy_cfg(cfg):
            return folder
    if _is_newsbot_scrapy_cfg(PACKAGE_CHECKOUT / "scrapy.cfg"):
        return PACKAGE_CHECKOUT
    data_home = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "newsbot"


def read_settings_file(path: Path) -> SettingsFile:
    """``newsbot.toml``, validated: a bad key is an error naming the file and the key."""
    import tomllib

    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise SourceError(path, "", f"not valid TOML: {exc}") from None
    from pydantic import ValidationError

    try:
        return SettingsFile(**_settings_model().model_validate(data).model_dump())
    except ValidationError as exc:
        error = exc.errors()[0]
        problem = "unknown key" if error["type"] == "extra_forbidden" else error["msg"]
        raise SourceError(path, ".".join(map(str, error["loc"])), problem) from None


def _under(base: Path, value: str | Path) -> Path:
    return (base / Path(value).expanduser()).resolve()


def resolve_paths(
    *,
    db: Path | str | None = None,
    posts: Path | str | None = None,
    sources: Sequence[Path | str] = (),
    contact: str | None = None,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> ProjectPaths:
    """The paths this run uses; arguments are what the command line gave (None: not given)."""
    env = os.environ if env is None else env
    here = (cwd or Path.cwd()).resolve()
    root = find_root(here, env)
    file = root / SETTINGS_FILE
    settings = read_settings_file(file) if file.is_file() else SettingsFile()

    def pick(given: Path | str | None, env_name: str, setting: str | None, default: str) -> Path:
        if given not in (None, ""):
            return _under(here, given)  # type: ignore[arg-type]
        if env.get(env_name):
            return _under(here, env[env_name])
        if setting:
            return _under(root, setting)
        return _under(root, default)

    extra = [_under(root, d) for d in settings.sources]
    extra += [_under(here, d) for d in env.get("NEWSBOT_SOURCES", "").split(os.pathsep) if d]
    extra += [_under(here, d) for d in sources]
    return ProjectPaths(
        root=root,
        db=pick(db, "NEWSBOT_DB", settings.db, "data/newsbot.db"),
        posts=pick(posts, "NEWSBOT_POSTS_DIR", settings.posts, "data/site/_posts"),
        sources=list(dict.fromkeys(extra)),
        contact=contact or env.get("NEWSBOT_CONTACT") or settings.contact or DEFAULT_CONTACT,
        settings_file=file if file.is_file() else None,
    )


def setting_pairs(pairs: Sequence[str]) -> dict[str, str]:
    """``-s NAME=VALUE`` options as a dict; a malformed one is a configuration error."""
    settings: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise SourceError("-s", pair, "settings are given as NAME=VALUE")
        settings[name] = value
    return settings


def _agree(option: str, given: Path | None, setting: str, pairs: Mapping[str, str]) -> Path | None:
    value = pairs.get(setting)
    if value is None:
        return given
    if given is not None and Path(value).resolve() != given.resolve():
        raise SourceError("-s", setting, f"{value!r} disagrees with {option} {str(given)!r}")
    return Path(value)


def apply_to_args(args: Any) -> ProjectPaths:
    """Resolve the paths of a parsed command line and store them back on it (``args.db``,
    ``args.posts``, ``args.sources``, ``args.contact``, ``args.paths``). ``--db`` and
    ``-s NEWSBOT_DB`` mean the same; both given and different is a configuration error."""
    pairs = setting_pairs(getattr(args, "set", None) or [])
    extra = [d for d in pairs.get("NEWSBOT_SOURCES", "").split(",") if d.strip()]
    paths = resolve_paths(
        db=_agree("--db", getattr(args, "db", None), "NEWSBOT_DB", pairs),
        posts=_agree("--posts", getattr(args, "posts", None), "NEWSBOT_POSTS_DIR", pairs),
        sources=[*(getattr(args, "sources", None) or []), *(d.strip() for d in extra)],
        contact=pairs.get("NEWSBOT_CONTACT"),
    )
    args.db, args.posts, args.sources = paths.db, paths.posts, paths.sources
    args.contact, args.paths = paths.contact, paths
    return paths


def remembered_source_dirs(db: Path) -> list[Path]:
    """Source directories an earlier command named with ``--sources`` (none if no database)."""
    if not db.is_file():
        return []
    from newsbot.store import Store

    with Store.open_readonly(db) as store:
        return store.source_dirs()


def remember_source_dirs(db: Path, dirs: Sequence[Path]) -> None:
    """Remember ``dirs`` in the database, so ``export`` and later crawls read them too."""
    if not dirs:
        return
    from newsbot.store import Store

    with Store(db) as store:
        store.remember_source_dirs(Path(d).resolve() for d in dirs)
