"""``python -m newsbot.sampleserver``: serve until killed; the first stdout line is the URL."""

from __future__ import annotations

import argparse
import contextlib

from newsbot.sampleserver import SampleServer


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m newsbot.sampleserver")
    parser.add_argument("--slow", type=float, default=5.0, help="seconds the slow article takes")
    args = parser.parse_args()
    server = SampleServer(slow_seconds=args.slow)
    print(server.url, flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()


if __name__ == "__main__":
    main()
