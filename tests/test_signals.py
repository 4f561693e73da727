"""Signals during ``extract figures --jobs 2``: Ctrl-C (SIGINT to the whole process group,
as a terminal sends it) is one line and no worker traceback; SIGTERM to the parent alone
stops the workers at once (it does not wait for them to finish their file); either way
nothing is written and no process of the run is left. Timeouts only guard against hangs."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT

HANG = 60  # seconds: far more than a stop takes, far less than the work it cuts short


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def group_gone(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.fixture(scope="module")
def long_sources(tmp_path_factory, source_text) -> list[str]:
    """Two sources whose census takes a worker far longer than :data:`HANG` would allow."""
    folder = tmp_path_factory.mktemp("long")
    paths = []
    for name in ("first", "second"):
        path = folder / f"{name}.txt"
        path.write_text(source_text * 400, encoding="utf-8")
        paths.append(str(path))
    return paths


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("how", ["ctrl-c to the group", "sigterm to the parent"])
def test_a_signal_during_jobs_2_stops_every_worker_at_once_with_one_line(tmp_path, long_sources, how):
    out = tmp_path / "out"
    run = subprocess.Popen([sys.executable, "-m", "extract", "figures", *long_sources, "--jobs", "2",
                            "--out", str(out)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, start_new_session=True)
    try:
        assert wait_for(lambda: len(children(run.pid)) >= 2, HANG), "the workers never started"
        time.sleep(1.0)  # let them start reading
        if how == "ctrl-c to the group":
            os.killpg(run.pid, signal.SIGINT)
        else:
            os.kill(run.pid, signal.SIGTERM)
        _, stderr = run.communicate(timeout=HANG)
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
    expected = (130, "interrupted") if how.startswith("ctrl-c") else (143, "terminated")
    assert run.returncode == expected[0], stderr
    assert stderr == f"extract: {expected[1]}; nothing was written\n", stderr
    assert wait_for(lambda: group_gone(run.pid), 10), "a worker outlived the run"
    assert sorted(p.name for p in tmp_path.iterdir()) == [], "nothing written, nothing left"


# ------------------------------------------------------------------ never swallowed, never silent


def test_a_signal_a_library_swallowed_still_stops_the_commit(tmp_path, capsys, monkeypatch, fresh_output):
    """A SIGTERM raised inside a library's ``except BaseException: pass`` (a callback, a
    ``__del__``) is lost to the run's code, but not to the commit: nothing is replaced."""
    import extract.publish.outdir as outdir
    from conftest import SOURCE, edited_source, tree_digest
    from extract.cli.main import main

    out = tmp_path / "out"
    shutil.copytree(fresh_output, out)
    before = tree_digest(out)
    source = tmp_path / "new.txt"
    source.write_text(edited_source(SOURCE.read_text(encoding="utf-8"), "４６０億円", "４６０億円"), encoding="utf-8")
    original = outdir.keep_mode

    def swallowing(*args):
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.01)  # the handler runs here and raises, and the library swallows it
        except BaseException:  # noqa: B036 (this is the library that swallows it)
            pass
        return original(*args)

    monkeypatch.setattr(outdir, "keep_mode", swallowing)
    code = main([str(source), "--out", str(out)])
    assert (code, capsys.readouterr().err) == (143, "extract: terminated; nothing was written\n")
    assert tree_digest(out) == before


def test_a_signal_during_the_swap_is_said_after_the_output_is_written(tmp_path, capsys, monkeypatch):
    import extract.publish.outdir as outdir
    from conftest import SOURCE
    from extract.cli.main import main

    original = outdir.swap_in

    def signalled(*args):
        os.kill(os.getpid(), signal.SIGTERM)
        return original(*args)

    monkeypatch.setattr(outdir, "swap_in", signalled)
    code = main([str(SOURCE), "--out", str(tmp_path / "out")])
    captured = capsys.readouterr()
    assert (code, captured.err) == (143, "extract: terminated after the output was written (it is complete)\n")
    assert (tmp_path / "out" / "manifest.json").is_file()
