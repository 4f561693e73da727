"""The writer: a complete folder swapped in, or the old one left exactly as it was; every
file it wrote listed in the manifest; no text cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import json

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from conftest import tree_digest
from extract.errors import BadInput
from extract.publish.cells import (
    DECIMAL_NUMBER,
    EXCEL_CELL_CHARS,
    inexact_numbers,
    neutralize,
    oversized_cells,
    restore,
)
from extract.publish.files import sha256_of
from extract.publish.write import write_outputs

TABLES = {"alpha": pd.DataFrame({"x": [1, 2]}), "beta": pd.DataFrame({"y": ["ア", "イ"]})}
WRITTEN = ["alpha.csv", "alpha.parquet", "beta.csv", "beta.parquet", "manifest.json", "tables.xlsx"]
MANIFEST = {"tool": "extract test"}


def test_a_new_folder_replaces_the_previous_run_whole(tmp_path):
    out = tmp_path / "out"
    write_outputs({"gamma": pd.DataFrame({"z": [3]})}, MANIFEST, out)
    write_outputs(TABLES, MANIFEST, out)
    assert sorted(p.name for p in out.iterdir()) == WRITTEN
    assert pd.read_parquet(out / "beta.parquet")["y"].tolist() == ["ア", "イ"]
    assert [p.name for p in tmp_path.iterdir()] == ["out"], "no staging or retired folder left"


def test_the_manifest_lists_every_file_with_its_hash_size_and_rows(tmp_path):
    out = tmp_path / "out"
    write_outputs(TABLES, MANIFEST, out)
    files = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert sorted(files) == [name for name in WRITTEN if name != "manifest.json"]
    for name, entry in files.items():
        assert entry["sha256"] == sha256_of(out / name)
        assert entry["bytes"] == (out / name).stat().st_size
    assert files["alpha.csv"]["rows"] == files["beta.parquet"]["rows"] == 2
    assert files["tables.xlsx"]["sheets"] == {"alpha": 2, "beta": 2}


def test_a_crash_while_writing_leaves_the_old_folder_untouched(tmp_path, monkeypatch):
    out = tmp_path / "out"
    write_outputs(TABLES, MANIFEST, out)
    before = tree_digest(out)
    calls = []

    def failing_parquet(self, path, *args, **kwargs):
        calls.append(path)
        if len(calls) == 2:
            raise OSError("disk full")
        return original(self, path, *args, **kwargs)

    original = pd.DataFrame.to_parquet
    monkeypatch.setattr(pd.DataFrame, "to_parquet", failing_parquet)
    with pytest.raises(OSError, match="disk full"):
        write_outputs({"gamma": pd.DataFrame({"z": [3]}), **TABLES}, MANIFEST, out)
    assert len(calls) == 2
    assert tree_digest(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"], "the staging folder is cleaned up"


def test_a_folder_holding_anything_else_is_refused_untouched(tmp_path):
    out = tmp_path / "out"
    write_outputs(TABLES, MANIFEST, out)
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    before = tree_digest(out)
    with pytest.raises(BadInput, match="holds notes.txt, which this tool did not write"):
        write_outputs(TABLES, MANIFEST, out)
    assert tree_digest(out) == before


# ------------------------------------------------------------------ formula injection

INJECTIONS = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "'quoted"]


def test_text_cells_are_neutralized_in_csv_and_workbook(tmp_path):
    frame = pd.DataFrame({"text": INJECTIONS, "number": list(range(-3, len(INJECTIONS) - 3))})
    out = tmp_path / "out"
    write_outputs({"cells": frame}, MANIFEST, out)
    with open(out / "cells.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    assert [row[0] for row in rows] == ["'" + text for text in INJECTIONS]
    assert [row[1] for row in rows] == ["-3", "-2", "-1", "0", "1", "2", "3"]  # numbers stay numbers
    sheet = load_workbook(out / "tables.xlsx")["cells"]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"], "no formula cell"
    assert [sheet.cell(row=r, column=1).value for r in range(2, 2 + len(INJECTIONS))] == [
        "'" + text for text in INJECTIONS]
    assert [sheet.cell(row=r, column=2).data_type for r in range(2, 2 + len(INJECTIONS))] == ["n"] * 7
    # Parquet holds the values as they are
    assert pd.read_parquet(out / "cells.parquet")["text"].tolist() == INJECTIONS


@given(st.text())
def test_restore_undoes_neutralize(text):
    assert restore(neutralize(text)) == text
    assert not neutralize(text).startswith(("=", "+", "-", "@", "\t", "\r")) or DECIMAL_NUMBER.fullmatch(text)


@pytest.mark.parametrize("number", ["-1200000000", "-0.5", "+3", "42"])
def test_a_number_held_as_decimal_text_gets_no_apostrophe(number):
    assert neutralize(number) == number


@pytest.mark.parametrize("text", ["-1,234", "-1e5", "-5 円", "-0x10", "- 1", "-1.2.3"])
def test_text_that_is_no_plain_decimal_keeps_its_apostrophe(text):
    assert neutralize(text) == "'" + text


def test_a_cell_too_long_for_excel_is_a_named_failure():
    frame = pd.DataFrame({"id": ["A1", "A2"], "text": ["short", "x" * (EXCEL_CELL_CHARS + 1)]})
    problems = oversized_cells({"notes": frame})
    assert problems == [f"[workbook_cell_size] notes A2 column text: {EXCEL_CELL_CHARS + 1:,} characters "
                        f"at row 1, over the {EXCEL_CELL_CHARS:,} an Excel cell holds"]
    at_limit = pd.DataFrame({"id": ["A1"], "text": ["x" * EXCEL_CELL_CHARS]})
    assert oversized_cells({"notes": at_limit}) == []
    # neutralizing adds a character: a text at the limit that needs it is over
    assert oversized_cells({"notes": pd.DataFrame({"id": ["A1"], "text": ["=" * EXCEL_CELL_CHARS]})})


def test_a_number_a_workbook_cell_cannot_hold_exactly_is_a_named_failure():
    frame = pd.DataFrame({"id": ["F1", "F2", "F3"], "value": [12.4, 1.2345678901234567e16, 0.1 + 0.2]})
    problems = inexact_numbers({"figures": frame})
    assert [p.split(":")[0] for p in problems] == ["[workbook_number_precision] figures F2 column value",
                                                   "[workbook_number_precision] figures F3 column value"]
    assert inexact_numbers({"figures": frame.iloc[:1]}) == []
