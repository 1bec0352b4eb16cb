"""Mutation testing of the core modules with mutmut, bounded in time.

Run through ``make mutation`` (not part of ``make test``). ``pyproject.toml`` limits mutmut to
the core modules; mutmut runs for each mutant only the unit tests that call the mutated
function, and keeps every result in ``mutants/``:

- the core has about 8,700 mutants, more than one time budget can check, so a run checks a
  fixed sample: at most ``--sample`` (200) mutants per module group, the ones whose names
  have the smallest SHA-256 hashes. The same mutants are drawn every run, whatever the order
  mutmut lists them in, and one group's mutants never change another group's sample;
  ``--sample all`` (or 0) checks every mutant;
- a run tests only the sampled mutants that have no result yet (or whose function changed
  since), so a run stopped by its time budget is continued by the next one;
- when a core function changed since the last run, every unit test is mapped to the functions
  again (about a minute): mutmut alone maps only new tests, so a new function that old tests
  call would have "no tests";
- survivors and mutants that had no test are tested again first (``--no-recheck`` skips that),
  so a test added to kill them is seen without a full pass;
- ``--salt TEXT`` draws another fixed sample (the hash is of the salt and the name): mutants
  no test was written against, to measure what the suite catches on bugs it has not seen;
  the default, no salt, is the usual sample, so results stay comparable from run to run;
- ``--only store,export`` restricts a run to some module groups; ``--report-only`` prints the
  last results; ``--max-children 1`` runs one mutant at a time (mutmut's default is one per
  core).

The report prints, per module group, its mutants, how many are in the sample, and of the
sample those killed, surviving, triaged as equivalent in ``tests/mutation_equivalent.toml``
(mutant name = why no test can tell it apart), with no test at all ("no tests": no unit test
calls the function), and not yet checked. The score is
``killed / (killed + survived + no tests)`` over the sample: a mutant that no unit test
reaches counts as surviving, triaged equivalents are left out, and unchecked mutants are left
out but counted and named in the verdict line, so a partial run never passes for a full one.

    python tests/mutation.py [--minutes 45] [--sample 200|all] [--salt TEXT]
                             [--only store,export] [--max-children N] [--no-recheck]
                             [--report-only]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
import tomllib
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTMUT = Path(sys.executable).with_name("mutmut")
EQUIVALENT = Path(__file__).resolve().with_name("mutation_equivalent.toml")
# mutmut's map of tests to functions, with the hash of every function as it was mapped.
STATS = ROOT / "mutants" / "mutmut-stats.json"
TARGET = 0.85
# Mutants checked per module group by default: a run on a fresh clone (making the mutants and
# mapping tests to functions takes a few minutes) checks its sample well within the default
# 45 minutes, on two cores or on one.
SAMPLE = 200
# A mutant name that matches nothing: mutmut makes the mutants and maps the tests to the
# functions before it filters by name, then stops, having tested nothing.
NO_MUTANT = "newsbot.no_such_module.x_nothing__mutmut_0"

# Module groups of the core: name -> mutmut mutant-name prefix.
CORE = {
    "store": "newsbot.store.",
    "export": "newsbot.export.",
    "clean": "newsbot.clean.",
    "config": "newsbot.config.",
    "dates": "newsbot.dates.",
    "pipelines": "newsbot.pipelines.",
    "kinds": "newsbot.kinds.",
    "extract": "newsbot.extract.",
}
KILLED = {"killed", "timeout", "caught by type check", "segfault"}
COLUMNS = ("killed", "survived", "equivalent", "no tests", "not checked", "other")
RESULT_LINE = re.compile(r"^\s*(newsbot\.\S+): (.+?)\s*$")


def run_mutmut(names: list[str], children: int | None, deadline: float, log: Path) -> str:
    """Run mutmut (on ``names`` only, or on every mutant without a result) until it is done
    or ``deadline`` (monotonic) passes; its output goes to ``log``. Says how it ended."""
    log.parent.mkdir(exist_ok=True)
    left = deadline - time.monotonic()
    if left <= 0:
        return "no time left in the budget"
    limit = [] if children is None else ["--max-children", str(children)]
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [str(MUTMUT), "run", *limit, *names],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        proc.wait(timeout=left)
    except BaseException as exc:  # the budget, Ctrl-C or SIGTERM: mutmut stops too
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        if not isinstance(exc, subprocess.TimeoutExpired):
            raise
        return "time budget spent; the next run continues from mutants/"
    return "done" if proc.returncode == 0 else f"mutmut exited {proc.returncode}, see {log}"


def generate(children: int | None, deadline: float, log: Path) -> None:
    """Make (or bring up to date with the source) the mutants in ``mutants/`` and mutmut's map
    of tests to functions, testing no mutant, so that the sample can be drawn from their
    names. On a fresh clone this takes a few minutes; later it takes seconds."""
    log.parent.mkdir(exist_ok=True)
    seen = log.stat().st_size if log.exists() else 0
    how = run_mutmut([NO_MUTANT], children, deadline, log)
    with log.open("rb") as out:
        out.seek(seen)
        said = out.read().decode("utf-8", "replace")
    if "nothing matches" not in said:  # mutmut failed before it got to the names
        raise SystemExit(f"mutation: making the mutants failed ({how}):\n{said[-3000:]}")


def mapped_hashes(stats: Path = STATS) -> dict[str, str]:
    """The hash of every mutated function as mutmut last saved its map of tests to functions
    (empty without a map)."""
    try:
        hashes = json.loads(stats.read_text("utf-8")).get("function_hashes")
    except (OSError, ValueError, AttributeError):
        return {}
    return hashes if isinstance(hashes, dict) else {}


def prepare(children: int | None, deadline: float, log: Path, stats: Path = STATS) -> None:
    """:func:`generate`, then map every test to the functions again if a function changed
    since the map was made: mutmut itself maps only tests it has not seen before, so a new
    function called by old tests would have "no tests", and a changed one would keep the
    tests of its old calls. Mapping takes about a minute."""
    before = mapped_hashes(stats)
    generate(children, deadline, log)
    if before and mapped_hashes(stats) != before:
        print("mutation: the core changed since the tests were mapped: mapping again", flush=True)
        stats.unlink(missing_ok=True)
        generate(children, deadline, log)


def results() -> dict[str, str]:
    """Every mutant mutmut knows, with its status (empty before the first run)."""
    if not (ROOT / "mutants").is_dir():
        return {}
    for _ in range(5):  # a result file being written by a running mutmut fails a read
        done = subprocess.run(
            [str(MUTMUT), "results", "--all", "true"], cwd=ROOT, capture_output=True, text=True
        )
        if done.returncode == 0:
            break
        time.sleep(2)
    else:
        raise SystemExit(f"mutmut results failed:\n{done.stderr[-2000:]}")
    out = done.stdout
    return {m[1]: m[2] for line in out.splitlines() if (m := RESULT_LINE.match(line))}


def group_of(mutant: str) -> str | None:
    for name, prefix in CORE.items():
        if mutant.startswith(prefix):
            return name
    return None


def draw(mutant: str, salt: str = "") -> str:
    """The mutant's place in the sampling order: a hash of the salt and its name alone."""
    return hashlib.sha256(f"{salt}{mutant}".encode()).hexdigest()


def sample(mutants: Iterable[str], cap: int | None, salt: str = "") -> set[str]:
    """The core mutants to check: per module group, the ``cap`` whose names draw first (every
    one when ``cap`` is None). The same names give the same sample in any order, and a group's
    sample depends on that group's mutants only; another ``salt`` draws another sample."""
    by_group: dict[str, list[str]] = {}
    for mutant in set(mutants):
        group = group_of(mutant)
        if group is not None:
            by_group.setdefault(group, []).append(mutant)
    chosen: set[str] = set()
    for names in by_group.values():
        chosen.update(sorted(names, key=lambda m: (draw(m, salt), m))[:cap])
    return chosen


def sample_size(text: str) -> int | None:
    """``--sample``: a per-group cap, or None (every mutant) for ``all`` or 0."""
    if text.strip().lower() == "all":
        return None
    try:
        cap = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of mutants or 'all': {text!r}") from None
    if cap < 0:
        raise argparse.ArgumentTypeError(f"a sample cannot be negative: {cap}")
    return cap or None


def column(state: str, mutant: str, equivalent: dict[str, str]) -> str:
    if state in KILLED:
        return "killed"
    if state == "survived":
        return "equivalent" if mutant in equivalent else "survived"
    return state if state in COLUMNS else "other"


def row(*cells: object) -> None:
    widths = (10, 8, 7, 7, 9, 6, 9, 10, 6, 7)
    print(
        f"{cells[0]:<{widths[0]}}"
        + "".join(f"{c:>{w}}" for c, w in zip(cells[1:], widths[1:], strict=True))
    )


def report(
    status: dict[str, str], equivalent: dict[str, str], groups: list[str], chosen: set[str]
) -> float:
    """Print the per-group table of the sample ``chosen``, its untriaged survivors and the
    verdict; return the score over the checked mutants of the sample in ``groups``."""
    counts: dict[str, Counter[str]] = {name: Counter() for name in groups}
    sizes: Counter[str] = Counter()
    survivors: list[str] = []
    for mutant, state in sorted(status.items()):
        group = group_of(mutant)
        if group not in counts:
            continue
        sizes[group] += 1
        if mutant not in chosen:
            continue
        where = column(state, mutant, equivalent)
        counts[group][where] += 1
        if where == "survived":
            survivors.append(mutant)
    row(
        "group",
        "mutants",
        "sample",
        "killed",
        "survived",
        "equiv",
        "no tests",
        "unchecked",
        "other",
        "score",
    )
    total: Counter[str] = Counter()
    for name, c in [*counts.items(), ("all", None)]:
        c = total if c is None else c
        if c is not total:
            total.update(c)
        scored = c["killed"] + c["survived"] + c["no tests"]
        score = f"{c['killed'] / scored:.1%}" if scored else "-"
        size = sizes[name] if c is not total else sum(sizes.values())
        cells = (name, size, sum(c.values()), *(c[k] for k in COLUMNS), score)
        row(*cells)
    scored = total["killed"] + total["survived"] + total["no tests"]
    overall = total["killed"] / scored if scored else 0.0
    print(
        f"\nscore = killed / (killed + survived + no tests) = {total['killed']} / {scored} "
        f"= {overall:.1%}; {total['equivalent']} triaged equivalent mutants are left out."
    )
    unchecked = total["not checked"] + total["other"]
    if unchecked:
        floor = total["killed"] / (scored + unchecked)
        print(
            f"INCOMPLETE: {unchecked} mutants of the sample are not checked yet (run again to "
            f"continue); if all of them survived the score would be {floor:.1%}."
        )
    verdict = "meet" if scored and overall >= TARGET and not unchecked else "do not meet"
    print(f"The groups {', '.join(groups)} {verdict} the {TARGET:.0%} target.")
    if survivors:
        print(f"\n{len(survivors)} surviving mutants not triaged (mutmut show NAME):")
        for mutant in survivors:
            print(f"  {mutant}")
    stale = sorted(set(equivalent) - set(status)) if status else []
    if stale:
        print(f"\n{len(stale)} entries of {EQUIVALENT.name} name no current mutant:")
        for mutant in stale:
            print(f"  {mutant}")
    wrong = sorted(m for m in equivalent if status.get(m) in KILLED)
    if wrong:
        print(f"\n{len(wrong)} mutants triaged as equivalent are killed (drop them from the file):")
        for mutant in wrong:
            print(f"  {mutant}")
    return overall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=45.0, help="time budget of the run")
    parser.add_argument(
        "--sample",
        type=sample_size,
        default=SAMPLE,
        help=f"mutants checked per module group (default {SAMPLE}; 'all' or 0: every one)",
    )
    parser.add_argument(
        "--salt",
        default="",
        help="draw another fixed sample: mutants no test was aimed at (default: none)",
    )
    parser.add_argument("--only", default="", help="comma-separated module groups")
    parser.add_argument(
        "--max-children", type=int, help="mutants tested at once (default: one per core)"
    )
    parser.add_argument("--no-recheck", action="store_true", help="do not re-test survivors")
    parser.add_argument("--report-only", action="store_true", help="print the last results")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    groups = [g for g in args.only.split(",") if g] or list(CORE)
    unknown = sorted(set(groups) - set(CORE))
    if unknown:
        parser.error(f"unknown module group(s): {', '.join(unknown)}; known: {', '.join(CORE)}")
    equivalent = tomllib.loads(EQUIVALENT.read_text("utf-8")) if EQUIVALENT.exists() else {}
    if not args.report_only:
        started = time.monotonic()
        deadline = started + args.minutes * 60
        log = ROOT / "mutants" / "run.log"
        print("mutation: making the mutants (a few minutes on a fresh clone)", flush=True)
        prepare(args.max_children, deadline, log)
        status = results()
        chosen = sample(status, args.sample, args.salt)
        mine = {m: s for m, s in status.items() if m in chosen and group_of(m) in groups}
        print(
            f"mutation: {len(mine)} of {len(status)} mutants sampled in the groups asked for "
            f"({time.monotonic() - started:.0f} s so far)",
            flush=True,
        )
        if not args.no_recheck:
            # A mutant no test reached is tested again even if triaged: a new test may reach it.
            again = sorted(
                m
                for m, s in mine.items()
                if s == "no tests" or (s == "survived" and m not in equivalent)
            )
            if again:
                print(f"mutation: re-testing {len(again)} survivors and untested", flush=True)
                print(
                    f"mutation: {run_mutmut(again, args.max_children, deadline, log)}", flush=True
                )
        if args.sample is None and set(groups) == set(CORE):
            # mutmut itself resumes: it tests what has no result yet.
            print("mutation: testing the mutants not checked yet", flush=True)
            print(f"mutation: {run_mutmut([], args.max_children, deadline, log)}", flush=True)
        else:
            todo = sorted(m for m, s in mine.items() if s == "not checked")
            if todo:
                print(f"mutation: testing {len(todo)} unchecked mutants", flush=True)
                print(f"mutation: {run_mutmut(todo, args.max_children, deadline, log)}", flush=True)
        print(f"mutation: {time.monotonic() - started:.0f} s in all", flush=True)
    status = results()
    report(status, equivalent, groups, sample(status, args.sample, args.salt))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
