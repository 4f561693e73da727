"""``python -m extract budget``: exit codes, refusals, --keep-going, the files written."""

from __future__ import annotations

import pandas as pd
from budget_books import LAYOUTS, render_book, sample_book, tamper

from extract.cli.main import main


def _sources(book, tmp_path):
    paths = []
    for name, data in render_book(book, LAYOUTS["portrait_ruled"]):
        path = tmp_path / name
        path.write_bytes(data)
        paths.append(str(path))
    return paths


def test_a_book_whose_identities_hold_is_written(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["budget", *_sources(sample_book(3), tmp_path), "--out", str(out)]) == 0
    assert (out / "budget_lines.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    lines = pd.read_parquet(out / "budget_lines.parquet")
    assert set(lines["level"]) == {"kan", "kou", "moku", "setsu"}
    assert lines["amount"].dtype.name == "Int64"
    checks = pd.read_parquet(out / "budget_checks.parquet")
    assert "failed" not in set(checks["status"])
    assert (out / "tables.xlsx").is_file() and (out / "manifest.json").is_file()


def test_a_failed_identity_exits_1_naming_it_and_writes_nothing(tmp_path, capsys):
    tampered, _ = tamper(sample_book(3), "setsu")
    out = tmp_path / "out"
    assert main(["budget", *_sources(tampered, tmp_path), "--out", str(out)]) == 1
    error = capsys.readouterr().err
    assert "moku_is_sum_of_setsu" in error and "p." in error and "stated" in error and "computed" in error
    assert not out.exists()


def test_keep_going_writes_the_failures_into_budget_checks(tmp_path):
    tampered, _ = tamper(sample_book(3), "setsu")
    out = tmp_path / "out"
    assert main(["budget", *_sources(tampered, tmp_path), "--out", str(out), "--keep-going"]) == 0
    checks = pd.read_parquet(out / "budget_checks.parquet")
    assert list(checks.loc[checks["status"] == "failed", "check"]) == ["moku_is_sum_of_setsu"]


def test_bad_input_is_one_line_exit_2(tmp_path, capsys):
    text = tmp_path / "book.pdf"
    text.write_text("not a pdf")
    assert main(["budget", str(text), "--out", str(tmp_path / "out")]) == 2
    assert main(["budget", str(tmp_path / "missing.pdf"), "--out", str(tmp_path / "out")]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 2 and all("Traceback" not in line for line in lines)
    assert not (tmp_path / "out").exists()
