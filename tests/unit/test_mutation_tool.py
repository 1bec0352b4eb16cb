"""The mutation run's own logic (tests/mutation.py): which mutants it samples and what it
reports about them."""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
from pathlib import Path

import pytest

TOOL = Path(__file__).resolve().parents[1] / "mutation.py"
_spec = importlib.util.spec_from_file_location("mutation_tool", TOOL)
assert _spec is not None and _spec.loader is not None
tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tool)


def names(group: str, count: int) -> list[str]:
    prefix = tool.CORE[group]
    return [f"{prefix}x_f{i % 7}__mutmut_{i}" for i in range(1, count + 1)]


def by_group(chosen: set[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for mutant in chosen:
        out.setdefault(tool.group_of(mutant), set()).add(mutant)
    return out


def test_the_sample_is_capped_per_group_and_keeps_small_groups_whole() -> None:
    mutants = [*names("store", 50), *names("dates", 30), *names("clean", 4)]
    mutants.append("newsbot.cli.x_main__mutmut_1")  # not a core module: never sampled
    groups = by_group(tool.sample(mutants, 10))
    assert {g: len(s) for g, s in groups.items()} == {"store": 10, "dates": 10, "clean": 4}
    assert groups["clean"] == set(names("clean", 4))


def test_the_same_mutants_are_drawn_whatever_the_order() -> None:
    mutants = [*names("store", 60), *names("export", 40)]
    first = tool.sample(mutants, 12)
    shuffled = mutants[:]
    for seed in range(3):
        random.Random(seed).shuffle(shuffled)
        assert tool.sample(shuffled, 12) == first
    # the draw is a hash of the name itself, not Python's per-process hash()
    assert tool.sample(names("store", 5), 2) == {
        "newsbot.store.x_f4__mutmut_4",
        "newsbot.store.x_f5__mutmut_5",
    }


def test_a_group_sample_depends_on_that_group_alone() -> None:
    store = names("store", 40)
    alone = tool.sample(store, 8)
    with_others = tool.sample([*store, *names("extract", 500)], 8)
    assert {m for m in with_others if m.startswith("newsbot.store.")} == alone


def test_a_larger_cap_only_adds_mutants_and_none_means_all() -> None:
    mutants = [*names("kinds", 30), *names("config", 3)]
    smaller, larger = tool.sample(mutants, 5), tool.sample(mutants, 9)
    assert smaller < larger
    assert tool.sample(mutants, None) == set(mutants)


def test_sample_size_reads_a_cap_or_all() -> None:
    assert tool.sample_size("200") == 200
    assert tool.sample_size("all") is None
    assert tool.sample_size("0") is None
    for bad in ("-1", "many"):
        with pytest.raises(argparse.ArgumentTypeError):
            tool.sample_size(bad)


def test_the_report_counts_the_sample_only(capsys: pytest.CaptureFixture[str]) -> None:
    status = {
        "newsbot.dates.x_a__mutmut_1": "killed",
        "newsbot.dates.x_a__mutmut_2": "killed",
        "newsbot.dates.x_a__mutmut_3": "killed",
        "newsbot.dates.x_a__mutmut_4": "survived",
        "newsbot.dates.x_a__mutmut_5": "survived",
        "newsbot.dates.x_a__mutmut_6": "not checked",  # outside the sample below
    }
    chosen = set(list(status)[:5])
    equivalent = {"newsbot.dates.x_a__mutmut_5": "why"}
    score = tool.report(status, equivalent, ["dates"], chosen)
    out = capsys.readouterr().out
    assert score == 0.75
    assert out.splitlines()[1].split() == ["dates", "6", "5", "3", "1", "1", "0", "0", "0", "75.0%"]
    assert "INCOMPLETE" not in out
    assert "The groups dates do not meet the 85% target." in out
    assert "newsbot.dates.x_a__mutmut_4" in out.split("not triaged")[1]

    score = tool.report(status, equivalent, ["dates"], set(status))
    out = capsys.readouterr().out
    assert "INCOMPLETE: 1 mutants of the sample are not checked yet" in out
    assert "would be 60.0%" in out


def test_a_salt_draws_another_sample_and_none_is_the_usual_one() -> None:
    mutants = [*names("store", 200), *names("dates", 200)]
    usual = tool.sample(mutants, 20)
    assert tool.sample(mutants, 20, "") == usual
    salted = tool.sample(mutants, 20, "b")
    # Another fixed sample of the same size per group, drawn the same in any order.
    assert {g: len(s) for g, s in by_group(salted).items()} == {"store": 20, "dates": 20}
    assert salted != usual and len(salted & usual) < 10
    assert tool.sample(list(reversed(mutants)), 20, "b") == salted
    assert tool.sample(mutants, 20, "c") != salted
    # The draw hashes the salt and the name.
    assert tool.draw("newsbot.store.x_f1__mutmut_1", "b") == tool.draw(
        "bnewsbot.store.x_f1__mutmut_1"
    )


def test_the_salt_option_reaches_the_sample_of_the_report(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # mutmut's results: the usual sample of 5 is killed, every other mutant survived.
    mutants = names("kinds", 40)
    usual = tool.sample(mutants, 5)
    status = {m: "killed" if m in usual else "survived" for m in mutants}
    monkeypatch.setattr(tool, "results", lambda: status)
    salted = tool.sample(mutants, 5, "b")
    for salt, killed in (("", 5), ("b", len(salted & usual))):
        tool.main(["--report-only", "--sample", "5", "--only", "kinds", "--salt", salt])
        table = capsys.readouterr().out.splitlines()[1].split()
        assert table[:5] == ["kinds", "40", "5", str(killed), str(5 - killed)]
    assert len(salted & usual) < 5


def test_the_tests_are_mapped_again_when_a_core_function_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # mutmut's making of the mutants, reduced to what it does to its map: it extends the map
    # found (or makes one) and saves the functions' hashes of now.
    stats = tmp_path / "mutmut-stats.json"
    hashes = {"newsbot.store.x_f": "1"}
    found: list[bool] = []

    def generate(children: int | None, deadline: float, log: Path) -> None:
        found.append(stats.exists())
        stats.write_text(json.dumps({"function_hashes": hashes}), "utf-8")

    monkeypatch.setattr(tool, "generate", generate)
    tool.prepare(1, 0.0, tmp_path / "run.log", stats)  # no map yet: mutmut makes it whole
    assert found == [False]
    tool.prepare(1, 0.0, tmp_path / "run.log", stats)  # nothing changed: the map is kept
    assert found == [False, True]
    for change in ({"newsbot.store.x_f": "2"}, {"newsbot.store.x_g": "3"}):
        hashes.update(change)  # a changed function, then a new one: a whole new map
        tool.prepare(1, 0.0, tmp_path / "run.log", stats)
        assert found[-2:] == [True, False]
    assert tool.mapped_hashes(stats) == {"newsbot.store.x_f": "2", "newsbot.store.x_g": "3"}
    stats.write_text("not json", "utf-8")
    assert tool.mapped_hashes(stats) == {}
    assert tool.mapped_hashes(tmp_path / "missing.json") == {}
