"""The tunable choices of automatic extraction, in one explicit object.

Every threshold, weight and candidate-choice parameter that a benchmark may tune lives here,
not in module globals, so that a caller (or the leave-one-set-out check of
``bench/bench_extract.py``) can pass other values without touching the code.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_OPTIONS", "ExtractOptions"]


@dataclass(frozen=True)
class ExtractOptions:
    """Tunable extraction parameters. The defaults are the shipped choice."""

    # Body: container choice.
    #: a sibling block joins the best container when its score reaches this share of the best.
    sibling_share: float = 0.2
    #: extra share credited to a sibling with the same class as the best container.
    same_class_bonus: float = 0.2
    #: climb from the best block to its parent while the block holds this share of its text.
    wrapper_share: float = 0.95
    #: a block whose class says boilerplate is kept when it holds more than this share of the
    #: page text (a "page-with-sidebar" wrapper), unless its class names the block itself.
    negative_keep_share: float = 0.4
    #: structured-data ``articleBody`` wins over the page text when it is this much longer.
    jsonld_longer: float = 1.3
    #: a body shorter than this (characters) is looked for again with class words ignored.
    min_body_chars: int = 200


DEFAULT_OPTIONS = ExtractOptions()
