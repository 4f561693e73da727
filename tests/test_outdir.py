"""--out: the tool replaces only what it wrote, in one step, with the user's umask; runs
into one folder take turns; what dead runs left beside it is restored or removed."""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import extract.publish.outdir as outdir
from conftest import ROOT, SOURCE, tree_digest
from extract.cli.main import main


def run_cli(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def refused(capsys, out, why: str, *sources) -> None:
    """The run exits 2 with one line naming --out as typed and why."""
    code, stdout, stderr = run_cli(capsys, *(sources or (SOURCE,)), "--out", out)
    assert (code, stdout) == (2, ""), stderr
    assert stderr.count("\n") == 1 and stderr.startswith(f"extract: --out {out}: "), stderr
    assert why in stderr, stderr


def parent_digest(folder: Path) -> str:
    """The folder and every sibling: nothing added, removed or changed beside it."""
    return tree_digest(folder.parent)


# ------------------------------------------------------------------ what is refused


def test_a_folder_with_a_users_file_survives_byte_for_byte(tmp_path, capsys, previous_output):
    (previous_output / "thesis.docx").write_bytes(b"PK\x03\x04 my thesis")
    before = parent_digest(previous_output)
    refused(capsys, previous_output, "holds thesis.docx, which this tool did not write")
    assert parent_digest(previous_output) == before


def test_a_folder_of_user_files_only(tmp_path, capsys):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    (folder / "sub").mkdir()
    before = parent_digest(folder)
    refused(capsys, folder, "holds notes.txt, sub, which this tool did not write")
    assert parent_digest(folder) == before


@pytest.mark.parametrize("where", ["top", "nested"])
def test_a_symlink_inside_a_previous_output_is_not_ours(tmp_path, capsys, previous_output, where):
    folder = previous_output
    if where == "nested":  # a folder the manifest lists a file in, as with --debug-images
        folder = folder / "debug-images"
        folder.mkdir()
        (folder / "page-01.png").write_bytes(b"png")
        manifest = json.loads((previous_output / "manifest.json").read_text(encoding="utf-8"))
        manifest["files"]["debug-images/page-01.png"] = {"sha256": "0" * 64, "bytes": 3}
        (previous_output / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (folder / "link").symlink_to(tmp_path)
    before = parent_digest(previous_output)
    name = "debug-images/link" if where == "nested" else "link"
    refused(capsys, previous_output, f"holds {name}, which this tool did not write")
    assert parent_digest(previous_output) == before


def test_a_regular_file_is_not_replaced_by_a_folder(tmp_path, capsys):
    target = tmp_path / "report.csv"
    target.write_bytes(b"a,b\n1,2\n")
    before = parent_digest(target)
    refused(capsys, target, "is a file, not a folder")
    assert parent_digest(target) == before
    assert target.read_bytes() == b"a,b\n1,2\n"


@pytest.mark.parametrize("to", ["previous-output", "file", "dangling"])
@pytest.mark.parametrize("slash", ["", "/"])
def test_a_symlink_is_refused_and_its_target_untouched(tmp_path, capsys, previous_output, to, slash):
    target = {"previous-output": previous_output, "file": tmp_path / "f.txt",
              "dangling": tmp_path / "nowhere"}[to]
    if to == "file":
        target.write_text("x", encoding="utf-8")
    link = tmp_path / "link"
    link.symlink_to(target)
    before = tree_digest(tmp_path)
    refused(capsys, f"{link}{slash}", "is a symbolic link")
    assert tree_digest(tmp_path) == before
    assert link.is_symlink()


def test_a_read_only_folder_is_refused(tmp_path, capsys, previous_output):
    before = parent_digest(previous_output)
    previous_output.chmod(0o555)
    try:
        refused(capsys, previous_output, "is read-only")
    finally:
        previous_output.chmod(0o755)
    assert parent_digest(previous_output) == before


def test_a_folder_in_a_read_only_parent_is_refused(tmp_path, capsys):
    parent = tmp_path / "locked"
    parent.mkdir()
    parent.chmod(0o555)
    try:
        refused(capsys, parent / "out", "is read-only")
    finally:
        parent.chmod(0o755)
    assert list(parent.iterdir()) == []


def test_a_path_through_a_file_is_refused(tmp_path, capsys):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    refused(capsys, tmp_path / "file" / "out", "is not a folder")


@pytest.mark.parametrize("typed, why", [
    (".", "is the repository root, never replaced"),
    ("raw/..", "is the repository root, never replaced"),
    ("raw", "is the folder of the source raw/meti_rare_metals_2011-12.txt, never replaced"),
    ("raw/", "is the folder of the source raw/meti_rare_metals_2011-12.txt, never replaced"),
    ("src", "never replaced"),  # a folder of the repository's own files: not ours either way
    ("..", "holds the repository root, never replaced"),
    ("/", "is the root folder, never replaced"),
])
def test_the_repository_the_sources_folder_and_root_are_never_swept(capsys, monkeypatch, typed, why):
    monkeypatch.chdir(ROOT)
    before = tree_digest(ROOT / "raw")
    code, stdout, stderr = run_cli(capsys, "raw/meti_rare_metals_2011-12.txt", "--out", typed)
    assert (code, stdout) == (2, "")
    assert stderr.startswith(f"extract: --out {typed}: ") and stderr.count("\n") == 1, stderr
    assert why in stderr or typed == "src" and "which this tool did not write" in stderr, stderr
    assert tree_digest(ROOT / "raw") == before


def test_an_empty_out_is_refused(capsys):
    code, stdout, stderr = run_cli(capsys, SOURCE, "--out", "")
    assert (code, stdout, stderr) == (2, "", "extract: --out '': an empty path; name a folder\n")


def test_a_sources_folder_is_never_swept_even_when_empty_of_other_files(tmp_path, capsys, source_bytes):
    folder = tmp_path / "deck"
    folder.mkdir()
    source = folder / "deck.txt"
    source.write_bytes(source_bytes)
    refused(capsys, folder, f"is the folder of the source {source}, never replaced", source)
    refused(capsys, tmp_path, f"holds the folder of the source {source}, never replaced", source)
    typed = os.path.relpath(folder, Path.cwd())  # as typed: a relative path, shown as such
    refused(capsys, typed, "never replaced", source)
    assert source.read_bytes() == source_bytes


def test_home_and_a_git_repository_are_never_swept(tmp_path, capsys, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    refused(capsys, home, "is your home folder, never replaced")
    repository = tmp_path / "project"
    (repository / ".git").mkdir(parents=True)
    refused(capsys, repository, "holds .git (a repository), never replaced")
    assert (repository / ".git").is_dir()


def test_a_bad_manifest_does_not_vouch_for_anything(tmp_path, capsys, previous_output):
    manifest = previous_output / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["files"]["../escape.txt"] = {"sha256": "0" * 64, "bytes": 0}
    manifest.write_text(json.dumps(data), encoding="utf-8")
    refused(capsys, previous_output, "which this tool did not write")
    manifest.write_text("{not json", encoding="utf-8")
    refused(capsys, previous_output, "which this tool did not write")


# ------------------------------------------------------------------ what is replaced


def test_an_empty_folder_and_a_previous_output_are_replaced(tmp_path, capsys, previous_output):
    empty = tmp_path / "empty"
    empty.mkdir()
    for out in (empty, previous_output):
        code, _, stderr = run_cli(capsys, SOURCE, "--out", out)
        assert (code, stderr) == (0, "")
        assert (out / "manifest.json").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "out"], "nothing left beside"


def test_an_output_of_the_previous_version_is_replaced(tmp_path, capsys, previous_output):
    """extract 0.1.0 wrote a manifest without ``files``: its tables are listed under ``rows``."""
    manifest = json.loads((previous_output / "manifest.json").read_text(encoding="utf-8"))
    del manifest["files"]
    for later in ("datapackage.json", "report.html"):  # 0.1.0 wrote tables and the workbook only
        (previous_output / later).unlink()
    (previous_output / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    code, _, stderr = run_cli(capsys, SOURCE, "--out", previous_output)
    assert (code, stderr) == (0, "")
    assert "files" in json.loads((previous_output / "manifest.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077])
def test_new_folders_and_files_get_the_users_umask(tmp_path, capsys, umask):
    previous = os.umask(umask)
    try:
        code, _, _ = run_cli(capsys, SOURCE, "--out", tmp_path / "new" / "out")
    finally:
        os.umask(previous)
    assert code == 0
    for folder in (tmp_path / "new", tmp_path / "new" / "out"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o777 & ~umask, folder
    for path in (tmp_path / "new" / "out").iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask, path


def test_without_an_exchange_two_renames_do_the_same(tmp_path, capsys, monkeypatch, previous_output):
    calls = []

    def no_exchange(*args):
        calls.append(args)
        raise OSError(errno.ENOSYS, "Function not implemented")

    monkeypatch.setattr(outdir, "exchange", no_exchange)
    monkeypatch.setattr(outdir, "PORTABLE", False)  # the native path, whose exchange is refused
    (tmp_path / "stale").mkdir()
    code, _, stderr = run_cli(capsys, SOURCE, "--out", previous_output)
    assert (code, stderr) == (0, "") and len(calls) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "stale"]


def test_the_exchange_swaps_two_folders_in_one_step(tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / f"{name}.txt").write_text(name, encoding="utf-8")
    fd = os.open(tmp_path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        outdir.exchange(fd, "a", "b")
    finally:
        os.close(fd)
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["b.txt"]
    assert [p.name for p in (tmp_path / "b").iterdir()] == ["a.txt"]


def test_leftovers_of_dead_runs_are_removed_and_a_user_folder_alike_is_not(tmp_path, capsys, previous_output):
    stale = [tmp_path / ".out.tmp-0123456789ab", tmp_path / ".out.old-ba9876543210"]
    for folder in stale:
        folder.mkdir()
        (folder / "amounts.csv").write_text("half written", encoding="utf-8")
    mine = tmp_path / ".out.tmp-notes"
    mine.mkdir()
    code, _, _ = run_cli(capsys, SOURCE, "--out", previous_output)
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.tmp-notes", "out"]


def test_a_run_that_fails_a_check_still_restores_an_output_left_aside(tmp_path, capsys, fresh_output,
                                                                    source_text):
    """A two-rename swap killed between its renames left DIR as .DIR.old-*: the next run
    puts it back first, even one that then stops on a failed check."""
    retired = tmp_path / ".out.old-00112233aabb"
    shutil.copytree(fresh_output, retired)
    before = tree_digest(retired)
    bad = tmp_path / "bad.txt"
    bad.write_text(source_text.replace("１２０億円", "１２５億円"), encoding="utf-8")
    code, _, stderr = run_cli(capsys, bad, "--out", tmp_path / "out")
    assert code == 1 and "fy2010_package_total" in stderr
    assert tree_digest(tmp_path / "out") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt", "out"]


# ------------------------------------------------------------------ runs take turns


def test_two_runs_racing_into_one_folder_take_turns(tmp_path, fresh_output):
    out = tmp_path / "out"
    shutil.copytree(fresh_output, out)
    command = [sys.executable, "-m", "extract", str(SOURCE), "--out", str(out)]
    runs = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(3)]
    results = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], results
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"], "nothing stranded beside it"
    check = subprocess.run([sys.executable, "-m", "extract", "check", str(out)], cwd=ROOT,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def test_a_run_waits_for_the_lock_on_the_parent(tmp_path):
    """While another process holds the parent's lock, a run does not touch the folder."""
    out = tmp_path / "out"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, os, sys, time\n"
         f"fd = os.open({str(tmp_path)!r}, os.O_RDONLY)\n"
         "fcntl.flock(fd, fcntl.LOCK_EX)\nprint('locked', flush=True)\ntime.sleep(1.5)"],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline() == "locked\n"
    run = subprocess.Popen([sys.executable, "-m", "extract", str(SOURCE), "--out", str(out)],
                           cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        run.wait(timeout=1.0)
        finished_early = True
    except subprocess.TimeoutExpired:
        finished_early = False
    assert not finished_early and not out.exists(), "the run must wait for the lock"
    holder.wait(timeout=10)
    assert run.wait(timeout=60) == 0
    assert (out / "manifest.json").is_file()


def test_the_folder_a_linked_source_lives_in_is_never_swept(tmp_path, capsys, source_bytes):
    real = tmp_path / "library"
    real.mkdir()
    (real / "deck.txt").write_bytes(source_bytes)
    link = tmp_path / "deck.txt"
    link.symlink_to(real / "deck.txt")
    refused(capsys, real, f"is the folder of the source {link}, never replaced", link)
    assert (real / "deck.txt").read_bytes() == source_bytes


# ------------------------------------------------------------------ a user's edit is kept


def test_text_appended_to_a_written_csv_is_not_replaced_silently(tmp_path, capsys, previous_output):
    with open(previous_output / "amounts.csv", "a", encoding="utf-8") as handle:
        handle.write("my note: check row 3 with the ministry\r\n")
    before = parent_digest(previous_output)
    refused(capsys, previous_output, f"{previous_output}/amounts.csv changed since this tool wrote it")
    assert parent_digest(previous_output) == before
    code, _, stderr = run_cli(capsys, SOURCE, "--out", previous_output, "--force")
    assert (code, stderr) == (0, "")
    assert "my note" not in (previous_output / "amounts.csv").read_text(encoding="utf-8-sig")


def test_a_workbook_saved_again_from_a_spreadsheet_is_not_replaced_silently(tmp_path, capsys,
                                                                          previous_output):
    import openpyxl

    workbook = openpyxl.load_workbook(previous_output / "tables.xlsx")
    workbook.active["A1"] = "checked by hand"
    workbook.save(previous_output / "tables.xlsx")
    refused(capsys, previous_output, "tables.xlsx changed since this tool wrote it")
    assert openpyxl.load_workbook(previous_output / "tables.xlsx").active["A1"].value == "checked by hand"


def test_a_file_deleted_by_the_user_is_no_edit_to_keep(tmp_path, capsys, previous_output):
    (previous_output / "report.html").unlink()
    code, _, stderr = run_cli(capsys, SOURCE, "--out", previous_output)
    assert (code, stderr) == (0, "")


def test_a_private_folder_stays_private(tmp_path, capsys, previous_output):
    for path in previous_output.iterdir():
        path.chmod(0o600)
    previous_output.chmod(0o700)
    previous = os.umask(0o022)
    try:
        code, _, _ = run_cli(capsys, SOURCE, "--out", previous_output)
    finally:
        os.umask(previous)
    assert code == 0
    assert stat.S_IMODE(previous_output.stat().st_mode) == 0o700
    for path in previous_output.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


# ------------------------------------------------------------------ the portable path


@pytest.mark.parametrize("how", ["forced", "no fcntl"])
def test_the_portable_path_replaces_by_two_renames_under_a_file_lock(tmp_path, capsys, monkeypatch,
                                                                     previous_output, how):
    if how == "forced":
        monkeypatch.setattr(outdir, "PORTABLE", True)
    else:
        monkeypatch.setattr(outdir, "fcntl", None)
    calls = []
    monkeypatch.setattr(outdir, "exchange", lambda *args: calls.append(args))
    (tmp_path / ".out.old-0123456789ab").mkdir()  # a dead run's leftover: removed
    code, _, stderr = run_cli(capsys, SOURCE, "--out", previous_output)
    assert (code, stderr) == (0, "") and calls == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # the lock file is kept elsewhere
    assert outdir.lock_file(tmp_path, "out").is_file()
    code, _, stderr = run_cli(capsys, "check", previous_output)
    assert (code, stderr) == (0, "")


def test_the_portable_path_restores_an_output_left_aside(tmp_path, capsys, monkeypatch, fresh_output):
    monkeypatch.setattr(outdir, "PORTABLE", True)
    retired = tmp_path / ".out.old-00112233aabb"
    shutil.copytree(fresh_output, retired)
    before = tree_digest(retired)
    outdir.OutputFolder(str(tmp_path / "out")).recover()
    assert tree_digest(tmp_path / "out") == before
