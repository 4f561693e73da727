"""A run killed at any instant leaves --out holding the old output or the new one, complete.

Real processes, real SIGKILL/SIGTERM (tests/kill_harness.py forks one child per run):
first a kill injected before and after each step of the commit (like ``strace -e
inject=rename:signal=KILL``), on the one-step exchange and on the two-rename fallback;
then a loop of kills at random instants, which prints its outcome counts.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SOURCE, edited_source, rounds

HARNESS = ROOT / "tests" / "kill_harness.py"
KILLS = rounds(suite=6, deep=200)


def harness(mode: str, spec: dict):
    done = subprocess.run([sys.executable, str(HARNESS), mode, json.dumps(spec)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def sources(tmp_path_factory, source_text) -> dict[str, str]:
    """Three decks: the source (old), a consistent edit of it (new), one that fails a check."""
    folder = tmp_path_factory.mktemp("sources")
    new = edited_source(edited_source(source_text, "４６０億円", "４５０億円"), "４２０億円", "４３０億円")
    failing = edited_source(source_text, "１２０億円", "１２５億円")
    paths = {"old": str(SOURCE)}
    for name, text in (("new", new), ("failing", failing)):
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths[name] = str(path)
    return paths


def digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# (step, when, nth, fallback, existing, what --out holds right after the kill)
CASES = [
    ("exchange", "before", 1, False, True, "old"),
    ("exchange", "after", 1, False, True, "new"),
    ("remove_tree", "before", 1, False, True, "new"),
    ("rename", "before", 1, True, True, "old"),
    ("rename", "after", 1, True, True, "missing"),  # between the two renames
    ("rename", "before", 2, True, True, "missing"),
    ("rename", "after", 2, True, True, "new"),
    ("rename", "before", 1, False, False, "absent"),  # --out did not exist
    ("rename", "after", 1, False, False, "new"),
]


@pytest.mark.parametrize("path", ["native", "portable"])
def test_a_kill_at_each_commit_step_leaves_old_or_new_and_the_next_run_recovers(
        tmp_path, sources, fresh_output, path):
    """The portable path (no renameat2, no fcntl: os.replace and a filelock) is the
    two-rename fallback's cases: it never exchanges."""
    cases = [{"step": step, "when": when, "nth": nth, "fallback": fallback, "existing": existing,
              "expect": expect,
              # between the two renames --out is missing: the next run must restore it even
              # when that run itself fails a check (exit 1)
              "recovery_source": sources["failing" if expect == "missing" else "new"]}
             for step, when, nth, fallback, existing, expect in CASES
             if path == "native" or fallback or not existing]
    results = harness("inject", {"source": sources["new"], "base": str(fresh_output),
                                 "root": str(tmp_path), "cases": cases,
                                 "portable": path == "portable"})
    old, new = digest(sources["old"]), digest(sources["new"])
    for result in results:
        label = f"{result['step']} {result['when']} #{result['nth']} fallback={result['fallback']}"
        after = result["after_kill"]
        assert after["killed"], label
        if result["expect"] in ("old", "new"):
            assert after["complete"] and after["source"] == {"old": old, "new": new}[result["expect"]], (label, after)
        elif result["expect"] == "missing":  # only on the fallback: the old output waits aside
            assert not after["exists"] and any(".old-" in name for name in after["leftovers"]), (label, after)
        else:
            assert not after["exists"], (label, after)
        recovered = result["after_recovery"]
        assert recovered["leftovers"] == [], (label, recovered)
        assert recovered["complete"], (label, recovered)
        if result["expect"] == "missing":
            assert result["recovery_code"] == 1 and recovered["source"] == old, (label, recovered)
        else:
            assert result["recovery_code"] == 0 and recovered["source"] == new, (label, recovered)


def test_kills_at_random_instants_always_leave_a_complete_output(tmp_path, sources, capsys):
    result = harness("random", {"sources": [sources["old"], sources["new"]],
                                "out": str(tmp_path / "out"), "iterations": KILLS, "seed": 7,
                                "term_every": 4})
    with capsys.disabled():
        print(f"\nkill loop: {result['counts']} (a whole run took {result['run_seconds']} s)")
    assert result["broken"] == []
    assert sum(result["counts"].values()) == KILLS
    assert result["counts"]["old"] + result["counts"]["terminated"] > 0, "some kills hit before the commit"
    assert result["final_code"] == 0
    assert result["final"]["complete"] and result["final"]["leftovers"] == []


def test_killing_the_parent_of_figures_jobs_2_leaves_no_worker_and_nothing_waits(tmp_path, source_text):
    """SIGKILL of ``figures --jobs 2``'s parent at random instants: its workers die with it
    within seconds, and the next run and ``check`` end (within a timeout) and succeed."""
    paths = []
    for name in ("first", "second"):
        path = tmp_path / f"{name}.txt"
        path.write_text(source_text * 4, encoding="utf-8")
        paths.append(str(path))
    result = harness("figures", {"sources": paths, "out": str(tmp_path / "out"),
                                 "iterations": rounds(suite=3, deep=40), "seed": 11})
    for run in result["runs"]:
        assert run["workers_gone"], run
        assert (run["rerun"], run["check"]) == (0, 0), run
        assert run["complete"] and run["leftovers"] == [], run
