"""``python -m extract budget``: exit codes, refusals, --keep-going, the files written."""

from __future__ import annotations

import json

import pandas as pd
from budget_books import LAYOUTS, render_book, sample_book, tamper

from extract.cli.main import main
from extract.families.budget_book.proof import (
    identities_rerun_from_the_tables,
    parents_are_the_level_above,
    unverified_rows_are_the_failed_ones,
)
from extract.families.budget_book.read.book import read_book
from extract.families.budget_book.tables import tables_of


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
    assert set(lines["level"]) == {"kan", "kou", "moku", "setsu", "saisetsu"}
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


def test_keep_going_writes_the_failures_into_budget_checks(tmp_path, capsys):
    tampered, planted = tamper(sample_book(3), "setsu")
    out = tmp_path / "out"
    assert main(["budget", *_sources(tampered, tmp_path), "--out", str(out), "--keep-going"]) == 0
    checks = pd.read_parquet(out / "budget_checks.parquet")
    failed = checks.loc[checks["status"] == "failed"]
    assert list(failed["check"]) == ["moku_is_sum_of_setsu"]
    assert (int(failed["stated"].iloc[0]), int(failed["computed"].iloc[0])) == (planted[0].stated, planted[0].computed)
    lines = pd.read_parquet(out / "budget_lines.parquet")
    assert list(lines.loc[~lines["verified"], "line_id"]) == list(failed["row_id"])
    assert lines.set_index("line_id").loc[failed["row_id"].iloc[0], "level"] == "moku"
    capsys.readouterr()
    assert main(["check", str(out)]) == 0  # the folder says what failed: it is what was read


def test_check_proves_a_budget_folder_and_catches_a_changed_figure(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["budget", *_sources(sample_book(3), tmp_path), "--out", str(out)]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["family"] == "budget_book" and len(manifest["sources"]) == len(_sources(sample_book(3), tmp_path))
    assert main(["check", str(out)]) == 0
    csv = out / "budget_lines.csv"
    text = csv.read_text(encoding="utf-8-sig")
    first_setsu = next(line for line in text.splitlines()[1:] if ",setsu," in line)
    cells = first_setsu.split(",")
    amount_at = text.splitlines()[0].split(",").index("amount")
    cells[amount_at] = str(int(cells[amount_at]) + 1000)
    csv.write_text("\ufeff" + text.replace(first_setsu, ",".join(cells)), encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(out)]) == 1
    assert "budget_lines.csv" in capsys.readouterr().err


def test_identities_rerun_from_the_tables_catch_a_consistent_edit():
    """A figure changed in every copy (so no file differs from another) still breaks the
    identities re-run from the tables: budget_checks no longer matches them."""
    tables = tables_of(sample_book_records())
    assert identities_rerun_from_the_tables(tables) == []
    assert unverified_rows_are_the_failed_ones(tables) == [] and parents_are_the_level_above(tables) == []
    lines = tables["budget_lines"].copy()
    setsu = lines.index[lines["level"] == "setsu"][0]
    lines.loc[setsu, "amount"] += 1000
    broken = identities_rerun_from_the_tables({**tables, "budget_lines": lines})
    assert broken and all(m.startswith("identities_rerun_from_the_tables:") for m in broken)
    assert any("moku_is_sum_of_setsu failed" in m for m in broken)
    marked = tables["budget_lines"].copy()
    marked.loc[setsu, "verified"] = False
    assert unverified_rows_are_the_failed_ones({**tables, "budget_lines": marked}) == [
        f"unverified_rows_are_the_failed_ones: row {marked.loc[setsu, 'line_id']} is marked unverified "
        "but no check about it failed"]
    orphan = tables["budget_lines"].copy()
    orphan.loc[setsu, "parent_id"] = orphan["line_id"].iloc[0]  # a 款, two levels up
    assert len(parents_are_the_level_above({**tables, "budget_lines": orphan})) == 1


def sample_book_records():
    """The generated book rendered and read back (the reader's records)."""
    return read_book(list(render_book(sample_book(3), LAYOUTS["portrait_ruled"])))


def test_bad_input_is_one_line_exit_2(tmp_path, capsys):
    text = tmp_path / "book.pdf"
    text.write_text("not a pdf")
    assert main(["budget", str(text), "--out", str(tmp_path / "out")]) == 2
    assert main(["budget", str(tmp_path / "missing.pdf"), "--out", str(tmp_path / "out")]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 2 and all("Traceback" not in line for line in lines)
    assert not (tmp_path / "out").exists()


def test_the_report_shows_the_book_by_kan_and_every_identity_counted(tmp_path):
    out = tmp_path / "out"
    book = sample_book(3)
    assert main(["budget", *_sources(book, tmp_path), "--out", str(out)]) == 0
    report = (out / "report.html").read_text(encoding="utf-8")
    first_kan = book.side("expenditure", "kan")[0]
    assert f"{first_kan.kan}款 {first_kan.name_ja}" in report and f"{first_kan.amount:,}" in report
    checks = pd.read_parquet(out / "budget_checks.parquet")
    held = int((checks["check"].eq("moku_is_sum_of_setsu") & checks["status"].eq("holds")).sum())
    assert held > 0
    assert f"<td>moku_is_sum_of_setsu</td><td class='num'>{held}</td>" in report
