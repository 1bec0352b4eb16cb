"""The pure core must be usable without Scrapy."""

import subprocess
import sys

PURE = [
    "newsbot",
    "newsbot.extract",
    "newsbot.dates",
    "newsbot.clean",
    "newsbot.config",
    "newsbot.export",
    "newsbot.items",
    "newsbot.kinds.api",
    "newsbot.slugs",
    "newsbot.store",
]


def test_pure_modules_do_not_import_scrapy() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in PURE)
        + "print(sorted(m for m in sys.modules if m == 'scrapy' or m.startswith('scrapy.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
