"""Errors every command may report, importable without the heavy modules that raise them."""

from __future__ import annotations

from pathlib import Path

__all__ = ["SourceError", "StoreNotFoundError"]


class SourceError(ValueError):
    """A source file that cannot be used: names the file, the key and the problem. A file
    with several problems carries them all in ``problems`` (one line each in the message);
    ``key`` and ``problem`` are the first."""

    def __init__(self, path: Path | str, key: str, problem: str, *more: tuple[str, str]) -> None:
        self.path = Path(path)
        self.key = key
        self.problem = problem
        self.problems = [(key, problem), *more]
        super().__init__(
            "\n".join(
                f"{self.path}: {f'key {k!r}' if k else 'file'}: {p}" for k, p in self.problems
            )
        )


class StoreNotFoundError(FileNotFoundError):
    """A database opened for reading does not exist (it is never created by a reader)."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"no database at {path}")
        self.path = path
