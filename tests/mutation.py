"""Mutation testing of the core modules with mutmut, bounded in time per module.

Run through ``make mutation`` (not part of ``make test``: it takes tens of minutes). Each module
group gets its own time budget; mutmut keeps its results in ``mutants/``, so a second run
continues where the first stopped and re-tests only functions that changed. The report prints,
per module group, the mutants killed, surviving and not yet checked, and the score over the
checked ones, then every surviving mutant that is not triaged as equivalent in
``tests/mutation_equivalent.toml`` (mutant name = why no test can tell it apart).

    python tests/mutation.py [--minutes 8] [--only store,export] [--report-only]
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTMUT = Path(sys.executable).with_name("mutmut")
EQUIVALENT = Path(__file__).resolve().with_name("mutation_equivalent.toml")

# Module groups of the core: name -> mutmut mutant-name glob.
CORE = {
    "store": "newsbot.store.*",
    "export": "newsbot.export.*",
    "clean": "newsbot.clean.*",
    "config": "newsbot.config.*",
    "dates": "newsbot.dates.*",
    "pipelines": "newsbot.pipelines.*",
    "kinds": "newsbot.kinds.*",
    "extract": "newsbot.extract.*",
}
KILLED = {"killed", "timeout", "caught by type check"}
RESULT_LINE = re.compile(r"^\s*(newsbot\.\S+): (.+?)\s*$")


def run_group(pattern: str, minutes: float, log: Path) -> str:
    """Run mutmut on one group for at most ``minutes``, its output to ``log``; says how it
    ended."""
    log.parent.mkdir(exist_ok=True)
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(MUTMUT), "run", pattern],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        proc.wait(timeout=minutes * 60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        return "time budget spent, the next run continues"
    return "done" if proc.returncode == 0 else f"mutmut exited {proc.returncode}, see {log}"


def results() -> dict[str, str]:
    """Every mutant mutmut knows, with its status."""
    out = subprocess.run(
        [str(MUTMUT), "results", "--all", "true"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {m[1]: m[2] for line in out.splitlines() if (m := RESULT_LINE.match(line))}


def group_of(mutant: str) -> str | None:
    for name, pattern in CORE.items():
        if mutant.startswith(pattern.removesuffix("*")):
            return name
    return None


def report(status: dict[str, str], equivalent: dict[str, str]) -> int:
    """Print the per-group table and the untriaged survivors; return the overall score x 1000."""
    counts: dict[str, Counter[str]] = {name: Counter() for name in CORE}
    survivors: list[str] = []
    for mutant, state in sorted(status.items()):
        group = group_of(mutant)
        if group is None:
            continue
        if state == "survived" and mutant in equivalent:
            state = "equivalent"
        elif state == "survived":
            survivors.append(mutant)
        known = KILLED | {"survived", "equivalent", "not checked"}
        counts[group][state if state in known else "other"] += 1
    header = f"{'module':<10} {'mutants':>7} {'killed':>7} {'survived':>8} {'equiv':>6} "
    print(header + f"{'unchecked':>9} {'other':>6} {'score':>7}")
    total_killed = total_scored = 0
    for name, c in counts.items():
        killed = sum(c[s] for s in KILLED)
        scored = killed + c["survived"]
        total_killed += killed
        total_scored += scored
        score = f"{killed / scored:.1%}" if scored else "-"
        print(
            f"{name:<10} {sum(c.values()):>7} {killed:>7} {c['survived']:>8} {c['equivalent']:>6} "
            f"{c['not checked']:>9} {c['other']:>6} {score:>7}"
        )
    overall = total_killed / total_scored if total_scored else 0.0
    print(f"{'core':<10} score {overall:.1%} ({total_killed} of {total_scored} checked mutants)")
    if survivors:
        print(f"\n{len(survivors)} surviving mutants not triaged (mutmut show NAME):")
        for mutant in survivors:
            print(f"  {mutant}")
    stale = sorted(set(equivalent) - set(status))
    if stale:
        print(f"\n{len(stale)} entries of {EQUIVALENT.name} name no current mutant:")
        for mutant in stale:
            print(f"  {mutant}")
    return round(overall * 1000)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=8.0, help="time budget per module group")
    parser.add_argument("--only", default="", help="comma-separated module groups")
    parser.add_argument("--report-only", action="store_true", help="print the last results")
    args = parser.parse_args(argv)
    groups = [g for g in args.only.split(",") if g] or list(CORE)
    unknown = sorted(set(groups) - set(CORE))
    if unknown:
        parser.error(f"unknown module group(s): {', '.join(unknown)}; known: {', '.join(CORE)}")
    if not args.report_only:
        for name in groups:
            log = ROOT / "mutants" / f"run-{name}.log"
            print(f"mutation: {name}: {run_group(CORE[name], args.minutes, log)}", flush=True)
    equivalent = tomllib.loads(EQUIVALENT.read_text("utf-8")) if EQUIVALENT.exists() else {}
    report(results(), equivalent)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
