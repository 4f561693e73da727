"""One type per column, however a table is read: the CSV by pandas with the README's recipe
(the types datapackage.json declares), the CSV by DuckDB's read_csv with the same declared
types, the Parquet, and the workbook's sheet — each column's type is the one its model
states (text, integer, number, true/false), also where every cell of a column is empty
(the box columns of a text-layer run, which pandas alone read as integers and DuckDB as
text)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from extract.cli.main import main

PANDAS = {"Int64": "integer", "Float64": "number", "boolean": "boolean", "string": "string"}
ARROW = {"int64": "integer", "int32": "integer", "double": "number", "bool": "boolean", "large_string": "string",
         "string": "string"}
DUCKDB = {"BIGINT": "integer", "DOUBLE": "number", "BOOLEAN": "boolean", "VARCHAR": "string"}
DUCKDB_NAMES = {"integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN", "string": "VARCHAR"}


def _readme_reader(folder: Path):
    """The README's `read` function, run as written on ``folder``."""
    from test_readme import _snippets

    python, _ = _snippets()
    python = python[:python.index("\namounts, measures")]  # the recipe's reader, not its deck example
    scope: dict = {}
    exec(python.replace("output/", f"{folder}/"), scope)  # noqa: S102 (the README's own code)
    return scope["read"]


def declared(folder: Path) -> dict[str, dict[str, str]]:
    """Each table's columns and their declared Table Schema types."""
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    return {r["name"]: {f["name"]: f["type"] for f in r["schema"]["fields"]} for r in package["resources"]}


def types_four_ways(folder: Path, name: str, columns: dict[str, str]) -> dict[str, dict[str, str]]:
    read = _readme_reader(folder)
    pandas_csv = {c: PANDAS[str(t)] for c, t in read(name).dtypes.items()}
    types = {column: DUCKDB_NAMES[kind] for column, kind in columns.items()}
    relation = duckdb.read_csv(str(folder / f"{name}.csv"), dtype=types)
    duck = {c: DUCKDB[str(t)] for c, t in zip(relation.columns, relation.types, strict=True)}
    arrow = {field.name: ARROW[str(field.type)] for field in pq.read_schema(folder / f"{name}.parquet")}
    ways = {"pandas csv": pandas_csv, "duckdb csv": duck, "parquet": arrow}
    if not (folder / "tables.xlsx").exists():  # `extract figures` streams its table: no workbook
        return ways
    sheet = pd.read_excel(folder / "tables.xlsx", sheet_name=name,
                          dtype={c: {"integer": "Int64", "number": "Float64", "boolean": "boolean",
                                     "string": "string"}[k] for c, k in columns.items()})
    workbook = {c: PANDAS[str(t)] for c, t in sheet.dtypes.items()}
    return {**ways, "workbook": workbook}


@pytest.fixture(scope="module")
def pdf_output(deck_pdf, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("typed") / "out"
    assert main([str(deck_pdf), "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def budget_output(tmp_path_factory) -> Path:
    """A generated budget book (spending side too), written by ``extract budget``."""
    from budget_books import LAYOUTS, render_book, sample_book

    folder = tmp_path_factory.mktemp("budget")
    sources = []
    for name, data in render_book(sample_book(3), LAYOUTS["portrait_ruled"]):
        (folder / name).write_bytes(data)
        sources.append(str(folder / name))
    assert main(["budget", *sources, "--out", str(folder / "out")]) == 0
    return folder / "out"


@pytest.fixture(scope="module")
def figures_output(deck_pdf, tmp_path_factory) -> Path:
    """``extract figures`` on the deck's PDF and its text layer (every kind of cell: bools,
    decimals as text, empty boxes for the text layer)."""
    out = tmp_path_factory.mktemp("figures") / "out"
    raw = Path(__file__).resolve().parents[1] / "raw"
    assert main(["figures", str(deck_pdf), *map(str, sorted(raw.glob("*.txt"))), "--out", str(out)]) == 0
    return out


RUNS = {"text layer": "fresh_output", "pdf": "pdf_output", "budget book": "budget_output",
        "figures": "figures_output"}


@pytest.mark.parametrize("run", RUNS)
def test_every_column_has_one_type_however_it_is_read(run, request):
    folder = request.getfixturevalue(RUNS[run])
    for name, columns in declared(folder).items():
        for way, found in types_four_ways(folder, name, columns).items():
            assert found == columns, (run, name, way, {c: (found.get(c), k) for c, k in columns.items()
                                                       if found.get(c) != k})


def test_the_box_columns_are_numbers_though_empty(fresh_output):
    amounts = pd.read_parquet(fresh_output / "amounts.parquet")
    assert amounts[["x0", "top", "x1", "bottom"]].isna().all().all()  # a text layer has no boxes
    read = _readme_reader(fresh_output)
    assert {str(t) for t in read("amounts")[["x0", "top", "x1", "bottom"]].dtypes} == {"Float64"}


def test_the_budget_recipe_sums_one_level_to_the_books_own_figures(budget_output):
    """docs/budget.md's recipe, run as written on a generated book: spending by 款 is each
    款's figure as the generator printed it (not as the reader read it), never 款 + 項."""
    from budget_books import sample_book

    doc = (Path(__file__).resolve().parents[1] / "docs" / "budget.md").read_text(encoding="utf-8")
    recipe = doc.split("```python\n", 1)[1].split("```", 1)[0].replace("print(", "result = (")
    scope = {"read": _readme_reader(budget_output)}
    exec(recipe, scope)  # noqa: S102 (the documentation's own code)
    truth = {line.kan: line.amount for line in sample_book(3).side("expenditure", "kan")}
    assert scope["result"].to_dict() == truth
