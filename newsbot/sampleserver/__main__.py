"""``python -m newsbot.sampleserver``: serve until killed; the first stdout line is the URL."""

from __future__ import annotations

import argparse
import contextlib
from datetime import datetime

from newsbot.sampleserver import SampleServer


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m newsbot.sampleserver")
    parser.add_argument("--slow", type=float, default=5.0, help="seconds the slow article takes")
    parser.add_argument("--archive-articles", type=int, default=120, help="articles in /archive/")
    parser.add_argument("--archive-days", type=int, default=10, help="days /archive/ spans")
    parser.add_argument(
        "--archive-end",
        type=datetime.fromisoformat,
        help="time of the newest /archive/ article, ISO 8601 with offset (default: now)",
    )
    args = parser.parse_args()
    server = SampleServer(args.slow, args.archive_articles, args.archive_days, args.archive_end)
    print(server.url, flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()


if __name__ == "__main__":
    main()
