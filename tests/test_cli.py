"""The CLI's contract: exit 0 writes, exit 1 names the failed check and writes nothing,
exit 2 refuses bad input in one line. Edits to a copy of the source drive the checks."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT, SOURCE, edited_source, tree_digest
from extract.cli.main import main

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
    for name in ("amounts", "measures", "projects", "minerals", "recycling_cases", "targets", "figures",
                 "glyph_repairs"):
        assert (out / f"{name}.csv").is_file() and (out / f"{name}.parquet").is_file()
    assert pd.ExcelFile(out / "tables.xlsx").sheet_names == [
        "README", "amounts", "measures", "projects", "minerals", "recycling_cases", "targets", "figures",
        "glyph_repairs"]
    assert (out / "datapackage.json").is_file() and (out / "report.html").is_file()
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
    import extract.publish.write

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(extract.publish.write, "write_outputs", full_disk)
    code, stdout, stderr = run_cli(capsys, SOURCE, "--out", previous_output)
    assert code == 1 and stdout == ""
    assert stderr == f"extract: could not write {previous_output}/: No space left on device; it is left as it was\n"


# ------------------------------------------------------------------ text layers as the world makes them


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le-bom", "utf-16-be-bom", "utf-32", "utf-32-be-bom"])
def test_utf16_and_utf32_with_a_bom_read_like_utf8(tmp_path, capsys, source_text, tables, encoding):
    codec, _, bom = encoding.partition("-bom")
    data = source_text.encode(codec)
    if encoding.endswith("-bom"):
        import codecs

        marks = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
                 "utf-32-be": codecs.BOM_UTF32_BE}
        data = marks[codec] + data
    path = tmp_path / "deck.txt"
    path.write_bytes(data)
    code, _, stderr = run_cli(capsys, path, "--out", tmp_path / "out")
    assert (code, stderr) == (0, "")
    got = pd.read_parquet(tmp_path / "out" / "amounts.parquet")
    assert got["amount"].tolist() == tables["amounts"]["amount"].tolist()
    assert got["source_text"].tolist() == tables["amounts"]["source_text"].tolist()


def test_a_form_feed_is_a_page_break_not_a_crash(tmp_path, capsys, source_text, tables):
    """pdftotext writes a form feed before each page's first line."""
    lines = source_text.split("\n")
    text = "\n".join(f"\f{line}" if line.startswith("（参考") else line for line in lines)
    assert text.count("\f") >= 3
    code, _, stderr = run_cli(capsys, write_source(tmp_path, text), "--out", tmp_path / "out")
    assert (code, stderr) == (0, "")
    got = pd.read_parquet(tmp_path / "out" / "amounts.parquet")
    assert got["amount"].tolist() == tables["amounts"]["amount"].tolist()


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\ufffe"])
def test_a_control_character_anywhere_is_bad_input(tmp_path, capsys, source_text, previous_output, char):
    """Also past the first 64 KiB (the workbook writer would refuse it after the checks)."""
    text = source_text + " " * 70_000 + "\n" + f"tail {char} end\n"
    before = tree_digest(previous_output)
    code, stdout, stderr = run_cli(capsys, write_source(tmp_path, text), "--out", previous_output)
    assert (code, stdout) == (2, "")
    assert "binary data, not a text layer" in stderr and stderr.count("\n") == 1, stderr
    assert tree_digest(previous_output) == before


@pytest.mark.parametrize("inserted, figure, unit", [("単価0.5円", "0.5円", "yen"), ("1.5ドル", "1.5ドル", "dollars"),
                                                    ("単価12.345円", "12.345円", "yen")])
def test_a_fraction_of_the_base_unit_is_a_named_check(tmp_path, capsys, source_text, previous_output,
                                                      inserted, figure, unit):
    """The tables hold whole yen (int64): 0.5円 is named, never rounded, never a traceback."""
    text = edited_source(source_text, "経済産業省 \n", f"経済産業省 {inserted}\n")
    before = tree_digest(previous_output)
    code, stdout, stderr = run_cli(capsys, write_source(tmp_path, text), "--out", previous_output)
    assert (code, stdout) == (1, "")
    failures = [line for line in stderr.splitlines() if "[amounts_in_whole_units]" in line]
    assert len(failures) == 1 and repr(figure) in failures[0] and "p1 l8" in failures[0], stderr
    assert tree_digest(previous_output) == before


def test_a_fractional_amount_from_the_core_is_caught_where_it_becomes_a_row(tmp_path, capsys, monkeypatch):
    """The core may return an exact Decimal for 0.5円: the figures stage names it."""
    from decimal import Decimal

    import extract.census.figures
    from extract.japanese import find_amounts

    def exact(text, default_currency=None):
        found = find_amounts(text.replace("単価0.5円", "単価5円"), default_currency)
        return [a if a.text != "5円" else type(a)(Decimal("0.5"), a.currency, a.approximate, a.span, None, "0.5円")
                for a in found]

    monkeypatch.setattr(extract.census.figures, "find_amounts", exact)
    text = edited_source(SOURCE.read_text(encoding="utf-8"), "経済産業省 \n", "経済産業省 単価0.5円\n")
    code, _, stderr = run_cli(capsys, write_source(tmp_path, text), "--out", tmp_path / "out")
    assert code == 1 and "not a whole amount: '0.5円' is 0.5 yen" in stderr, stderr


def test_a_count_read_differently_from_its_text_is_a_named_check(tmp_path, capsys, source_text):
    """1.5件 read as 1 case would be a wrong number in the tables: it stops the run."""
    text = edited_source(source_text, "タングステン １６ 超硬工具等", "タングステン １６.５ 超硬工具等")
    code, _, stderr = run_cli(capsys, write_source(tmp_path, text), "--out", tmp_path / "out")
    assert code == 1, stderr
    assert "[held_figures_as_written]" in stderr and "'１６.５'" in stderr, stderr
    assert not (tmp_path / "out").exists()


def test_a_file_name_that_is_not_utf8(tmp_path, capsys, source_bytes):
    path = os.fsencode(tmp_path) + b"/deck\xff.txt"
    with open(path, "wb") as handle:
        handle.write(source_bytes)
    out = tmp_path / "out"
    code, stdout, stderr = run_cli(capsys, os.fsdecode(path), "--out", out)
    assert (code, stderr) == (0, "")
    assert pd.read_parquet(out / "amounts.parquet")["source"].unique().tolist() == ["deck\\xff.txt"]
    missing = os.fsdecode(os.fsencode(tmp_path) + b"/nope\xfe.txt")
    code, _, stderr = run_cli(capsys, missing, "--out", out)
    assert code == 2 and stderr == f"extract: {tmp_path}/nope\\xfe.txt: no such file\n"


# ------------------------------------------------------------------ spreadsheet safety


def test_formulas_in_the_source_never_become_live_in_the_workbook(tmp_path, capsys, source_text):
    """A line and a file name starting with =HYPERLINK(…): text in every format."""
    from openpyxl import load_workbook

    line = '=HYPERLINK("http://example.com","平成２３年１２月")'
    text = edited_source(source_text, "平成２３年１２月 \n", line + "\n")
    source = write_source(tmp_path, text, name='=HYPERLINK("http:x","y").txt')
    out = tmp_path / "out"
    code, _, stderr = run_cli(capsys, source, "--out", out)
    assert (code, stderr) == (0, "")
    book = load_workbook(out / "tables.xlsx")
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    assert all(not str(cell.value).startswith(("=", "+", "-", "@")) for cell in cells
               if cell.data_type == "s")
    assert f"'{line}" in [cell.value for cell in cells]
    csv = (out / "figures.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK(" in csv and ",=" not in csv
    figures = pd.read_parquet(out / "figures.parquet")
    assert line in figures["source_text"].tolist()  # Parquet keeps the text as written
    assert main(["check", str(out)]) == 0


# ------------------------------------------------------------------ the same document twice


def test_the_same_bytes_under_two_names_are_refused(tmp_path, capsys, source_bytes):
    copy = tmp_path / "copy.txt"
    copy.write_bytes(source_bytes)
    code, stdout, stderr = run_cli(capsys, SOURCE, copy, "--out", tmp_path / "out")
    assert (code, stdout) == (2, "")
    assert stderr == f"extract: {SOURCE} and {copy} are the same file (identical bytes); give it once\n"
    assert not (tmp_path / "out").exists()


def test_the_pdf_and_its_text_layer_are_one_document(tmp_path, capsys, deck_pdf):
    code, stdout, stderr = run_cli(capsys, deck_pdf, SOURCE, "--out", tmp_path / "out")
    assert (code, stdout) == (2, "")
    assert stderr.startswith(f"extract: {deck_pdf} and {SOURCE} are the same document") and stderr.count("\n") == 1
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------ one error boundary


def test_an_unexpected_error_is_one_line_and_writes_nothing(tmp_path, capsys, monkeypatch, previous_output):
    import extract.families.meti_deck.tables as deck_tables

    def bug(*args, **kwargs):
        raise RuntimeError("something\nunexpected")

    monkeypatch.setattr(deck_tables, "build_tables", bug)
    before = tree_digest(previous_output)
    code, stdout, stderr = run_cli(capsys, SOURCE, "--out", previous_output)
    assert (code, stdout) == (1, "")
    assert stderr.startswith("extract: internal error: RuntimeError: something unexpected; nothing was written")
    assert stderr.count("\n") == 1 and "Traceback" not in stderr and "--traceback" in stderr
    assert tree_digest(previous_output) == before


@pytest.mark.parametrize("how", ["flag", "environment"])
def test_an_internal_error_shows_its_traceback_when_asked(tmp_path, capsys, monkeypatch, how):
    """For a bug report: --traceback (anywhere) or EXTRACT_TRACEBACK=1 prints the traceback
    before the one line; nothing is written either way."""
    import extract.families.meti_deck.tables as deck_tables

    def bug(*args, **kwargs):
        raise RuntimeError("something unexpected")

    monkeypatch.setattr(deck_tables, "build_tables", bug)
    args = [SOURCE, "--out", tmp_path / "out"]
    if how == "flag":
        args.append("--traceback")
    else:
        monkeypatch.setenv("EXTRACT_TRACEBACK", "1")
    code, _, stderr = run_cli(capsys, *args)
    assert code == 1 and not (tmp_path / "out").exists()
    assert stderr.startswith("Traceback (most recent call last):") and "in bug" in stderr
    assert stderr.rstrip("\n").splitlines()[-1].startswith("extract: internal error: RuntimeError")



def test_argument_errors_are_one_line(capsys):
    code, stdout, stderr = run_cli(capsys, SOURCE, "--bogus")
    assert (code, stdout) == (2, "")
    assert stderr.count("\n") == 1 and "--bogus" in stderr and "python -m extract tables --help" in stderr
    code, _, stderr = run_cli(capsys, "--out")
    assert code == 2 and stderr.count("\n") == 1 and "--out" in stderr


def test_version_and_help(capsys):
    from extract import __version__
    from extract.cli.main import commands

    assert run_cli(capsys, "--version") == (0, f"extract {__version__}\n", "")
    code, stdout, _ = run_cli(capsys, "--help")
    assert code == 0
    listed = {line.split()[0] for line in stdout.split("commands:\n", 1)[1].split("\n\n", 1)[0].splitlines()}
    assert listed == set(commands()) >= {"tables", "figures", "check", "budget"}
    for name in commands():  # each subcommand has its own help, with an example
        code, stdout, _ = run_cli(capsys, name, "--help")
        assert code == 0 and f"python -m extract {name}" in stdout and "example" in stdout, name
    code, stdout, _ = run_cli(capsys, "tables", "--help")
    assert "--debug-images" in stdout and "DIR/debug-images/" in stdout


@pytest.mark.parametrize(("typed", "nearest"), [("chek", "check"), ("figure", "figures"), ("tabels", "tables")])
def test_an_unknown_subcommand_names_the_nearest(capsys, typed, nearest):
    code, stdout, stderr = run_cli(capsys, typed, "output")
    assert (code, stdout) == (2, "")
    assert stderr.count("\n") == 1 and f"python -m extract {nearest}`" in stderr


def test_a_word_that_is_neither_command_nor_file_lists_the_commands(capsys):
    code, _, stderr = run_cli(capsys, "zzz")
    assert code == 2 and "commands: tables, figures" in stderr


def test_library_logging_never_reaches_stderr(tmp_path):
    """pdfminer logs bad operators on its own; a refusal is still exactly one line."""
    import pdf_samples

    pdf = tmp_path / "noisy.pdf"
    pdf.write_bytes(pdf_samples.make_pdf([b"BT /F1 10 Tf 1 0 0 1 20 100 Tm (Hello) Tj ET (x) g 1 0 (q) rg"]))
    done = subprocess.run([sys.executable, "-m", "extract", str(pdf), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 2
    assert done.stderr == (f"extract: {pdf}: not the METI deck 「レアメタル等の確保に向けた取組の全体像」 "
                           "(its title is missing)\n")


# ------------------------------------------------------------------ interrupted


@pytest.mark.parametrize("signum, code, word", [(signal.SIGINT, 130, "interrupted"),
                                                (signal.SIGTERM, 143, "terminated")])
@pytest.mark.parametrize("stage", ["parsing", "writing"])
def test_an_interrupted_run_leaves_out_as_it_was(tmp_path, capsys, monkeypatch, previous_output,
                                                 signum, code, word, stage):
    import extract.families.meti_deck.tables as deck_tables
    import extract.publish.write

    module, name = (deck_tables, "build_tables") if stage == "parsing" else (extract.publish.write, "write_workbook")
    original = getattr(module, name)

    def interrupted(*args, **kwargs):
        os.kill(os.getpid(), signum)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, interrupted)
    before = tree_digest(tmp_path)
    got = run_cli(capsys, SOURCE, "--out", previous_output)
    assert got == (code, "", f"extract: {word}; nothing was written\n")
    assert tree_digest(tmp_path) == before, "no staging folder left, --out untouched"


def test_a_signal_during_the_swap_lets_it_finish(tmp_path, capsys, monkeypatch, previous_output, source_text):
    """The swap finishes, whole; the signal is then said in one line, with its exit code."""
    import extract.publish.outdir

    original = extract.publish.outdir.exchange

    def signalled(*args):
        os.kill(os.getpid(), signal.SIGTERM)
        return original(*args)

    monkeypatch.setattr(extract.publish.outdir, "exchange", signalled)
    monkeypatch.setattr(extract.publish.outdir, "PORTABLE", False)  # the native swap (renameat2) is the one hooked
    text = edited_source(edited_source(source_text, "４６０億円", "４５０億円"), "４２０億円", "４３０億円")
    code, stdout, stderr = run_cli(capsys, write_source(tmp_path, text), "--out", previous_output)
    assert (code, stderr) == (143, "extract: terminated after the output was written (it is complete)\n")
    assert "amounts 51" in stdout
    amounts = pd.read_parquet(previous_output / "amounts.parquet")
    assert 450 * OKU in amounts["amount"].tolist(), "the new output is in place, whole"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.txt", "out"]


def test_a_cell_too_long_for_the_workbook_stops_the_run(tmp_path, capsys, source_text, previous_output):
    """20 wrapped lines of recovery sources make one 36,005-character cell: named, not cut."""
    long = "\n".join(["超硬工具等の回収先" * 200] * 20)
    text = edited_source(source_text, "タングステン １６ 超硬工具等 ８．８億 \n",
                         f"タングステン １６ 超硬工具等 ８．８億 \n{long}\n")
    before = tree_digest(previous_output)
    code, stdout, stderr = run_cli(capsys, write_source(tmp_path, text), "--out", previous_output)
    assert (code, stdout) == (1, "")
    assert ("[workbook_cell_size] recycling_cases R03 column recovery_sources_ja: 36,005 characters "
            "at p9 l26, over the 32,767 an Excel cell holds") in stderr
    assert tree_digest(previous_output) == before


@pytest.mark.parametrize("kind, message", [("loop", "a loop of symbolic links"), ("fifo", "not a regular file"),
                                           ("through-a-file", "no such file")])
def test_sources_that_are_not_files_are_named_for_what_they_are(tmp_path, capsys, kind, message):
    path = tmp_path / "source.txt"
    if kind == "loop":
        path.symlink_to(path)
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        (tmp_path / "file").write_text("x", encoding="utf-8")
        path = tmp_path / "file" / "source.txt"
    code, stdout, stderr = run_cli(capsys, path, "--out", tmp_path / "out")
    assert (code, stdout) == (2, "")
    assert stderr.startswith(f"extract: {path}: {message}") and stderr.count("\n") == 1, stderr


def test_messages_name_sources_as_typed(tmp_path, capsys, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    code, _, stderr = run_cli(capsys, "../nope/x.txt", "--out", "out")
    assert (code, stderr) == (2, "extract: ../nope/x.txt: no such file\n")
    (tmp_path / "other.txt").write_text("令和５年度 予算の概要\n", encoding="utf-8")
    code, _, stderr = run_cli(capsys, "../other.txt", "--out", "out")
    assert code == 2 and stderr.startswith("extract: ../other.txt: not the METI deck")


def test_a_figure_too_precise_for_the_workbook_stops_the_run(tmp_path, capsys, source_text):
    """資料12345678901234567 is a label the census explains; its value has 17 significant
    digits, which a workbook cell (and so `check`) could not give back exactly."""
    text = edited_source(source_text, "資料３ ", "資料12345678901234567 ")
    code, _, stderr = run_cli(capsys, write_source(tmp_path, text), "--out", tmp_path / "out")
    assert code == 1
    assert "[workbook_number_precision] figures F001 column value: 1.2345678901234568e+16" in stderr
    assert not (tmp_path / "out").exists()


def test_a_signal_while_a_library_cleans_up_is_still_an_interruption(capsys, monkeypatch, tmp_path):
    """A library whose cleanup raises while SIGTERM unwinds it (a workbook saved without a
    sheet raises IndexError) does not turn the interruption into an internal error."""
    import extract.families.meti_deck.tables as deck_tables

    def cleanup_fails(*args, **kwargs):
        try:
            os.kill(os.getpid(), signal.SIGTERM)
        finally:
            raise IndexError("At least one sheet must be visible")

    monkeypatch.setattr(deck_tables, "build_tables", cleanup_fails)
    assert run_cli(capsys, SOURCE, "--out", tmp_path / "out") == (143, "", "extract: terminated; nothing was written\n")
