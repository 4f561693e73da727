"""The CLI's contract: exit 0 writes, exit 1 names the failed check and writes nothing,
exit 2 refuses bad input in one line. Edits to a copy of the source drive the checks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT, SOURCE, edited_source, tree_digest
from extract.cli import main

OKU = 10**8


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write_source(tmp_path: Path, text: str, name: str = "deck.txt", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# ------------------------------------------------------------------ exit 0


def test_extract_writes_every_table_in_every_format(tmp_path, capsys):
    out = tmp_path / "out"
    code, stdout, stderr = run_cli(capsys, SOURCE, "--out", out)
    assert (code, stderr) == (0, "")
    assert "amounts 51" in stdout
    for name in ("amounts", "measures", "projects", "minerals", "recycling_cases", "targets", "figures"):
        assert (out / f"{name}.csv").is_file() and (out / f"{name}.parquet").is_file()
    assert sorted(pd.ExcelFile(out / "tables.xlsx").sheet_names) == sorted(
        ["amounts", "measures", "projects", "minerals", "recycling_cases", "targets", "figures"])
    parquet = pd.read_parquet(out / "amounts.parquet")
    assert len(parquet) == 51 and str(parquet["amount"].dtype) == "int64"
    assert not list(tmp_path.glob(".out.*")), "no staging folder left behind"


@pytest.mark.parametrize("encoding, newline, bom", [
    ("cp932", "\n", b""), ("cp932", "\r\n", b""), ("utf-8", "\r\n", b"\xef\xbb\xbf")])
def test_other_encodings_and_line_ends_give_the_same_amounts(tmp_path, capsys, source_text, tables,
                                                           encoding, newline, bom):
    if encoding != "utf-8":  # 尐 (U+5C10) has no Shift_JIS code: such a layer would carry 少
        source_text = source_text.replace("尐", "少")
    path = tmp_path / "deck.txt"
    path.write_bytes(bom + source_text.replace("\n", newline).encode(encoding))
    code, _, stderr = run_cli(capsys, path, "--out", tmp_path / "out")
    assert (code, stderr) == (0, "")
    got = pd.read_csv(tmp_path / "out" / "amounts.csv")
    assert got["amount"].tolist() == tables["amounts"]["amount"].tolist()
    assert got["line"].tolist() == tables["amounts"]["line"].tolist()


def test_consistent_edit_flows_through(tmp_path, capsys, source_text):
    """460 -> 450 with 420 -> 430 keeps the package at 1000: the outputs follow the text."""
    text = edited_source(source_text, "４６０億円", "４５０億円")
    text = edited_source(text, "４２０億円", "４３０億円")
    code, _, stderr = run_cli(capsys, write_source(tmp_path, text), "--out", tmp_path / "out")
    assert (code, stderr) == (0, "")
    amounts = pd.read_csv(tmp_path / "out" / "amounts.csv")
    package = amounts[amounts["page"] == 6].set_index("amount_text")["amount"]
    assert package["４５０億円"] == 450 * OKU and package["４３０億円"] == 430 * OKU


# ------------------------------------------------------------------ exit 1


@pytest.mark.parametrize(
    "old, new, check, figures",
    [
        ("１２０億円", "１２５億円", "fy2010_package_total", ["125億円", "1000億円", "p6 l"]),
        ("3.2億円【3.2億円】", "3.3億円【3.2億円】", "recycling_group_sums", ["3.3億円", "6.4億円", "p3 l43"]),
        ("３次補正 ８５億円", "３次補正 ９５億円", "restated_figures_agree", ["95億円", "85億円", "p8 l1", "p3 l161"]),
        ("うち要望枠３．５億円", "うち要望枠１３．５億円", "request_frame_within_request", ["13.5億円", "12.4億円"]),
        ("１１．８億", "５００億", "recycling_subsidies_within_programme", ["521.9億円", "420億円"]),
        ("タングステン 検討中", "タングステン 検討中（３件）", "every_figure_accounted", ["３", "p2 l"]),
    ],
)
def test_a_wrong_figure_stops_the_run_and_names_the_check(tmp_path, capsys, source_text, previous_output,
                                                          old, new, check, figures):
    before = tree_digest(previous_output)
    source = write_source(tmp_path, edited_source(source_text, old, new))
    code, stdout, stderr = run_cli(capsys, source, "--out", previous_output)
    assert code == 1
    assert stdout == ""
    failed = [line for line in stderr.splitlines() if check in line]
    assert failed, stderr
    for figure in figures:
        assert any(figure in line for line in failed), (figure, failed)
    assert tree_digest(previous_output) == before, "--out must be left exactly as it was"


# ------------------------------------------------------------------ exit 2


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "no such file"),
        (b"", "the file is empty"),
        (b"  \n\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary data"),
        (b"\x80\x81\xff" * 50, "not readable as UTF-8 or Shift_JIS"),
        ("令和５年度 予算の概要\n総額 １２０億円\n".encode(), "not the METI deck"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<", "not a readable PDF"),
    ],
    ids=["missing", "empty", "blank", "binary", "undecodable", "other-document", "truncated-pdf"],
)
def test_bad_input_exits_2_with_one_line(tmp_path, capsys, previous_output, content, message):
    path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content)
    before = tree_digest(previous_output)
    code, stdout, stderr = run_cli(capsys, path, "--out", previous_output)
    assert code == 2
    assert stdout == ""
    assert len(stderr.strip().splitlines()) == 1, stderr
    assert stderr.startswith(f"extract: {path}: ") and message in stderr
    assert "Traceback" not in stderr
    assert tree_digest(previous_output) == before


def test_a_directory_is_bad_input(tmp_path, capsys):
    code, _, stderr = run_cli(capsys, tmp_path, "--out", tmp_path / "out")
    assert code == 2 and "not a regular file" in stderr
    assert not (tmp_path / "out").exists()


def test_a_deck_missing_a_page_is_not_this_deck(tmp_path, capsys, source_text):
    text = edited_source(source_text, "ＳＡＲＥＣＯ 【カザフ】（カザフ原子力公社）", "（削除）")
    code, _, stderr = run_cli(capsys, write_source(tmp_path, text), "--out", tmp_path / "out")
    assert code == 2
    assert "page 4 anchor 「ＳＡＲＥＣＯ 【カザフ】」 not found" in stderr


def test_module_entry_point_exit_codes(tmp_path):
    """`python -m extract` as a user runs it: real exit code, no traceback."""
    missing = subprocess.run([sys.executable, "-m", "extract", str(tmp_path / "nope.txt")],
                             capture_output=True, text=True, cwd=ROOT)
    assert missing.returncode == 2
    assert missing.stderr == f"extract: {tmp_path / 'nope.txt'}: no such file\n"


def test_an_unwritable_output_is_one_clear_line(tmp_path, capsys, monkeypatch, previous_output):
    import extract.run

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(extract.run, "write_outputs", full_disk)
    code, stdout, stderr = run_cli(capsys, SOURCE, "--out", previous_output)
    assert code == 1 and stdout == ""
    assert stderr == f"extract: could not write {previous_output}/: No space left on device; it is left as it was\n"
