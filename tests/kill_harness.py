"""Kill runs of ``extract`` at chosen or random instants, and report what --out holds.

Run as a script by tests/test_kill.py (``python tests/kill_harness.py MODE JSON``); prints
one JSON object. The harness imports the pipeline once, then forks one child per run, so a
run costs its work, not the interpreter's start-up. A child is a real process killed with
a real SIGKILL (or SIGTERM): no Python cleanup runs in it.

Modes:
  inject  {"source", "recovery_source", "base", "root", "cases": [{"step", "when", "nth",
          "fallback", "existing"}]}: kill a run right before/after the n-th call of one
          commit step (a rename, the exchange, the removal of the old tree), as
          ``strace -e inject=rename:signal=KILL`` does; then run again, which must recover.
  random  {"sources", "out", "iterations", "seed", "term_every"}: kill at random delays.
  figures {"sources", "out", "iterations", "seed"}: ``figures --jobs 2``, its parent killed
          (SIGKILL) at random delays; its workers must die with it within seconds, and
          the next run and ``check`` must not wait on anything it held.

``"portable": true`` in a spec runs every child on the portable commit path.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sys
import time
from pathlib import Path

import extract.check.readback  # noqa: F401  (imported before forking: children start warm)
import extract.pipeline  # noqa: F401
import extract.publish.outdir as outdir
from extract.cli.main import main

STEPS = ("exchange", "rename", "remove_tree")


def state(out: Path) -> dict:
    """What ``out`` holds: complete (every manifest file with its sha256, nothing else) and
    the sha256 of the source it was made from; and what leftovers sit beside it."""
    leftovers = sorted(p.name for p in out.parent.iterdir()
                       if p.name.startswith(f".{out.name}.") and p.name != f".{out.name}.lock")
    if not out.exists():
        return {"exists": False, "complete": False, "source": None, "leftovers": leftovers}
    try:
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        files = manifest["files"]
        present = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
        complete = present == sorted([*files, "manifest.json"]) and all(
            hashlib.sha256((out / name).read_bytes()).hexdigest() == entry["sha256"]
            for name, entry in files.items())
        source = "+".join(source["sha256"] for source in manifest["sources"])
    except (OSError, ValueError, KeyError):
        complete, source = False, None
    return {"exists": True, "complete": complete, "source": source, "leftovers": leftovers}


STDERR = Path(os.environ.get("TMPDIR", "/tmp")) / f"kill-harness-{os.getpid()}.stderr"


def _child(argv: list[str], group: bool = False) -> None:
    """In a forked child: stdout silenced, stderr kept for the report; run the CLI, exit
    with its code (``group``: in a process group of its own, which its workers share)."""
    if group:
        os.setpgid(0, 0)
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(os.open(STDERR, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 2)
    code = 1
    try:
        code = main(argv)
    finally:
        os._exit(code)


def _patch_kill(step: str, when: str, nth: int) -> None:
    """Make the ``nth`` call of a commit step kill this process, before or after it runs."""
    original = getattr(outdir, step)
    calls = {"n": 0}

    def killing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == nth and when == "before":
            os.kill(os.getpid(), signal.SIGKILL)
        result = original(*args, **kwargs)
        if calls["n"] == nth and when == "after":
            os.kill(os.getpid(), signal.SIGKILL)
        return result

    setattr(outdir, step, killing)


def _no_exchange(*args, **kwargs):
    raise OSError(38, "Function not implemented")  # ENOSYS: an old kernel or libc


def inject(spec: dict) -> dict:
    """One run killed at one commit step; then an ordinary run, which must recover."""
    out = Path(spec["out"])
    pid = os.fork()
    if pid == 0:
        outdir.PORTABLE = bool(spec.get("portable"))
        if spec.get("fallback"):
            outdir.exchange = _no_exchange
        _patch_kill(spec["step"], spec["when"], spec.get("nth", 1))
        _child([spec["source"], "--out", spec["out"]])
    _, status = os.waitpid(pid, 0)
    killed = {"killed": os.WIFSIGNALED(status), **state(out)}
    outdir.PORTABLE = bool(spec.get("portable"))
    recovery_code = _run([spec["recovery_source"], "--out", spec["out"]])
    return {"after_kill": killed, "recovery_code": recovery_code, "after_recovery": state(out)}


def inject_all(spec: dict) -> list[dict]:
    """Each case of ``spec["cases"]`` on a fresh --out: a copy of ``spec["base"]`` or none."""
    import shutil

    results = []
    for number, case in enumerate(spec["cases"]):
        out = Path(spec["root"]) / f"case{number}" / "out"
        out.parent.mkdir(parents=True)
        if case.get("existing", True):
            shutil.copytree(spec["base"], out)
        results.append({**case, **inject({**spec, **case, "out": str(out)})})
    return results


def _run(argv: list[str], seconds: float | None = None) -> int | str:
    """Run the CLI in a forked child; its exit code, or "hung" (killed) after ``seconds``."""
    pid = os.fork()
    if pid == 0:
        _child(argv)
    return _waited(pid, seconds)


def _waited(pid: int, seconds: float | None) -> int | str:
    deadline = None if seconds is None else time.monotonic() + seconds
    while deadline is None or time.monotonic() < deadline:
        done, status = os.waitpid(pid, 0 if deadline is None else os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return "hung"


def _group_gone(group: int, seconds: float) -> bool:
    """Whether every process of ``group`` has ended within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    os.killpg(group, signal.SIGKILL)
    return False


def figures_kills(spec: dict) -> dict:
    """``figures --jobs 2`` killed (SIGKILL of the parent) at random instants; after each,
    its workers are gone within seconds, and a rerun and ``check`` end without waiting."""
    rng = random.Random(spec["seed"])
    out = Path(spec["out"])
    argv = ["figures", *spec["sources"], "--jobs", "2", "--out", str(out)]
    start = time.monotonic()
    assert _run(argv, 120) == 0, STDERR.read_text()
    duration = time.monotonic() - start
    results = []
    for _ in range(spec["iterations"]):
        pid = os.fork()
        if pid == 0:
            _child(argv, group=True)
        time.sleep(duration * rng.uniform(0.2, 0.9))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        gone = _group_gone(pid, 10)
        rerun = _run(argv, 120)
        check = _run(["check", str(out)], 60)
        results.append({"workers_gone": gone, "rerun": rerun, "check": check, **state(out)})
    return {"runs": results, "run_seconds": round(duration, 2)}


def random_kills(spec: dict) -> dict:
    """Run into one --out over and over, alternating sources, killing each run at a random
    instant; after each, --out must hold a complete output of one of the sources."""
    rng = random.Random(spec["seed"])
    sources, out = spec["sources"], Path(spec["out"])
    digests = [hashlib.sha256(Path(s).read_bytes()).hexdigest() for s in sources]
    durations = []
    for source in (*sources, *sources):  # whole runs, to spread the kills over
        start = time.monotonic()
        assert _run([source, "--out", str(out)]) == 0
        durations.append(time.monotonic() - start)
    duration = sorted(durations)[len(durations) // 2]
    counts = {"old": 0, "new": 0, "finished": 0, "terminated": 0}
    broken: list[dict] = []
    for index in range(spec["iterations"]):
        earlier = state(out)
        before = earlier["source"]
        source = sources[(index + 1) % len(sources)]
        term = spec.get("term_every") and index % spec["term_every"] == 0
        pid = os.fork()
        if pid == 0:
            _child([source, "--out", str(out)])
        # the first half of a run only reads and parses; one kill (the second) lands early in
        # any case, so a loop on a loaded machine still kills some run before its commit
        time.sleep(duration * (0.1 if index == 1 else rng.uniform(0.5, 1.2)))
        try:
            os.kill(pid, signal.SIGTERM if term else signal.SIGKILL)
        except ProcessLookupError:
            pass
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        now = state(out)
        outcome = ("finished" if code == 0 else "terminated" if code == 143
                   else "new" if now["source"] != before else "old")
        counts[outcome] += 1
        wanted = now["complete"] and now["source"] in digests
        if term and code == 143:  # a handled SIGTERM removes its own staging folder
            wanted = (wanted and set(now["leftovers"]) <= set(earlier["leftovers"])
                      and now["source"] == before)
        if code not in (0, 143, -signal.SIGKILL) or not wanted:
            broken.append({"iteration": index, "code": code, "stderr": STDERR.read_text(), **now})
    final = _run([sources[0], "--out", str(out)])
    return {"counts": counts, "broken": broken, "final_code": final, "final": state(out),
            "run_seconds": round(duration, 2)}


def warm_up(scratch: Path, source: str) -> None:
    """One whole run in this process before forking: the children start with every lazy
    import done and every schema built (pyarrow re-creates its thread pool after fork)."""
    null = os.open(os.devnull, os.O_WRONLY)
    saved = os.dup(1)
    os.dup2(null, 1)
    try:
        assert main([source, "--out", str(scratch)]) == 0
    finally:
        os.dup2(saved, 1)


if __name__ == "__main__":
    mode, spec = sys.argv[1], json.loads(sys.argv[2])
    outdir.PORTABLE = bool(spec.get("portable"))
    if mode != "figures":  # its workers start fresh (spawn): nothing to warm
        warm_up(Path(spec.get("root") or Path(spec["out"]).parent) / "warm-up",
                spec.get("source") or spec["sources"][0])
    modes = {"inject": inject_all, "random": random_kills, "figures": figures_kills}
    try:
        print(json.dumps(modes[mode](spec)))
    finally:
        STDERR.unlink(missing_ok=True)
