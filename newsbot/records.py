"""Articles as records for other pipelines: JSON Lines or CSV, streamed, optionally only
those changed since a time (the same ``updated_at`` sync as downstream sites use)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

__all__ = ["FORMATS", "write_records"]

FORMATS = ("jsonl", "csv")


def write_records(rows: Iterable[dict[str, Any]], out: TextIO, fmt: str) -> int:
    """Write ``rows`` (decoded ``articles`` rows) to ``out`` as ``fmt``; returns the count.

    JSON Lines: one object per line, lists as arrays. CSV: a header of the first row's
    columns, lists as JSON arrays."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    count = 0
    writer = None
    for row in rows:
        if fmt == "jsonl":
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(row), extrasaction="ignore")
                writer.writeheader()
            flat = {
                k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
                for k, v in row.items()
            }
            writer.writerow(flat)
        count += 1
    return count
