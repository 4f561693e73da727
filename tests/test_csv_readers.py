"""The CSV files as analysts read them: pandas, DuckDB and the csv module each give back
exactly what the Parquet holds; Excel gets a byte-order mark; integers are integers and
empty cells are empty."""

from __future__ import annotations

import csv
import math

import duckdb
import pandas as pd
import pytest

from extract.families.meti_deck.models import MODELS
from extract.publish.cells import restore

TABLES = list(MODELS)
BOM = b"\xef\xbb\xbf"


def parquet(folder, name) -> pd.DataFrame:
    return pd.read_parquet(folder / f"{name}.parquet")


def text_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if pd.api.types.is_string_dtype(frame[c].dtype)]


def same_cells(name: str, got: pd.DataFrame, want: pd.DataFrame) -> list[str]:
    """Every cell equal (NA where NA), no tolerance; text compared after one apostrophe is
    stripped (formula safety)."""
    assert list(got.columns) == list(want.columns), name
    assert len(got) == len(want), name
    texts = set(text_columns(want))
    differences = []
    for column in want.columns:
        for index, (a, b) in enumerate(zip(got[column].tolist(), want[column].tolist(), strict=False)):
            if pd.isna(b):
                ok = a is None or (not isinstance(a, str) and pd.isna(a))
            elif column in texts:
                ok = isinstance(a, str) and restore(a) == b
            else:
                ok = not isinstance(a, str) and bool(a == b)
            if not ok:
                differences.append(f"{name} row {index} {column}: {a!r} vs {b!r}")
    return differences


@pytest.mark.parametrize("name", TABLES)
def test_pandas_reads_every_csv_as_the_parquet(fresh_output, name):
    # the README's reading: nullable dtypes, and only an empty cell is missing
    got = pd.read_csv(fresh_output / f"{name}.csv", dtype_backend="numpy_nullable",
                      keep_default_na=False, na_values=[""])
    want = parquet(fresh_output, name)
    assert same_cells(name, got, want) == []
    for column in want.columns if len(want) else ():  # integers stay integers, even with empty cells
        # (a table with no row, glyph_repairs from a text layer, has no cell to infer a type
        # from: its types are datapackage.json's, tests/test_column_types.py)
        if pd.api.types.is_integer_dtype(want[column].dtype):
            assert pd.api.types.is_integer_dtype(got[column].dtype), (name, column, got[column].dtype)


@pytest.mark.parametrize("name", TABLES)
def test_duckdb_reads_every_csv_as_the_parquet(fresh_output, name):
    relation = duckdb.sql(f"SELECT * FROM read_csv('{fresh_output / name}.csv')")
    types = dict(zip(relation.columns, (str(t) for t in relation.types), strict=False))
    got = relation.df()
    want = parquet(fresh_output, name)
    assert list(types) == list(want.columns), "the BOM is not read into the first column's name"
    for column in want.columns if len(want) else ():  # no row: no type to infer (as above)
        if pd.api.types.is_integer_dtype(want[column].dtype):
            assert types[column] == "BIGINT", (name, column, types[column])
        if pd.api.types.is_bool_dtype(want[column].dtype):
            assert types[column] == "BOOLEAN", (name, column)
    got = got.astype(object).where(got.notna(), None)
    assert same_cells(name, got, want) == []


@pytest.mark.parametrize("name", TABLES)
def test_the_csv_module_reads_integers_as_integers_and_empty_as_empty(fresh_output, name):
    raw = (fresh_output / f"{name}.csv").read_bytes()
    assert raw.startswith(BOM), "Excel on a Japanese Windows needs the BOM to read UTF-8"
    assert raw.count(b"\r\n") >= len(parquet(fresh_output, name)) + 1 and b"\n" not in raw.replace(b"\r\n", b"")
    with open(fresh_output / f"{name}.csv", encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    want = parquet(fresh_output, name)
    assert header == list(want.columns)
    assert len(rows) == len(want)
    for column_number, column in enumerate(header):
        dtype = want[column].dtype
        for row, value in zip(rows, want[column].tolist(), strict=False):
            cell = row[column_number]
            if pd.isna(value):
                assert cell == "", (name, column, cell)
            elif pd.api.types.is_bool_dtype(dtype):
                assert cell == str(value), (name, column, cell)
            elif pd.api.types.is_integer_dtype(dtype):
                assert cell == str(int(value)), (name, column, cell)  # 2012, never 2012.0
            elif pd.api.types.is_float_dtype(dtype):
                assert float(cell) == value and not math.isnan(float(cell)), (name, column, cell)
            else:
                assert restore(cell) == value, (name, column, cell)


def test_default_readers_see_the_header_and_the_japanese_text(fresh_output):
    """pandas and DuckDB with no options: the BOM is not part of the first column's name."""
    want = parquet(fresh_output, "amounts")
    assert "希少金属代替材料開発" in want["item_ja"].tolist()
    plain = pd.read_csv(fresh_output / "amounts.csv")
    assert list(plain.columns) == list(want.columns)
    assert plain["item_ja"].tolist() == want["item_ja"].tolist()
    assert plain["amount"].tolist() == want["amount"].tolist()
    rows = duckdb.sql(f"SELECT amount_id, item_ja FROM read_csv('{fresh_output}/amounts.csv')").fetchall()
    assert rows == list(zip(want["amount_id"], want["item_ja"], strict=False))
