"""What the outputs say about themselves: what they are, their source, its attribution and
licence, and what each column means.

One place for the front matter of the workbook's README sheet, ``datapackage.json`` and
``report.html``. Column meanings come from the pandera models' descriptions
(:mod:`extract.models`), never from a second list.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandera.pandas as pa

from extract.decks import Citation, deck_named
from extract.models import MODELS, PROVENANCE_COLUMNS, columns_of, field_type

TITLE = "extract: METI's December 2011 rare-metal deck as validated, traceable tables"
WHAT = (
    "Every monetary figure of the deck, its budget measures, overseas projects, target minerals, "
    "recycling cases and percent targets, and a census of every number in its text. Each table is a "
    "CSV file, a Parquet file and a sheet of tables.xlsx, all holding the same cells; "
    "datapackage.json describes the CSV files and report.html tells the deck's story in charts."
)
READING = (
    "Money is in whole units of the row's currency (yen for JPY, dollars for USD). A text cell that "
    "would start with = + - @ a tab, a carriage return or an apostrophe carries one more apostrophe "
    "in front (formula safety): strip one to read it. Every row ends with its provenance: source "
    "file, page, line, the line as written and, for a PDF, the figure's box."
)
KEYS = (
    "Keys: amounts.measure_id → measures, amounts.restates → amounts (a figure stated again on a "
    "later page), recycling_cases.amount_id → amounts, recycling_cases.element → minerals. "
    "Sum amounts where restates is empty to count each figure once."
)
README_SHEET = "README"
COLUMN_HEADER = ("sheet", "column", "type", "meaning")
TYPE_NAMES = {"string": "text", "integer": "integer", "number": "number", "boolean": "true/false"}


def type_name(column: pa.Column) -> str:
    """The column's type in words: text, integer, number or true/false."""
    return TYPE_NAMES[field_type(column)]


def columns(name: str) -> list[tuple[str, pa.Column]]:
    """A table's columns in the order they are written, each with its model column."""
    return list(columns_of(name).items())


def meaning(column: pa.Column) -> str:
    """What a column holds, from its model (every column has a description)."""
    if not column.description:
        raise ValueError(f"column {column.name} has no description in extract.models")
    return column.description


def citations(sources: Iterable[dict]) -> list[tuple[dict, Citation]]:
    """Each source of a manifest with its deck's citation."""
    found = []
    for source in sources:
        citation = deck_named(source["deck"]).citation
        if citation is not None:
            found.append((source, citation))
    return found


def readme_rows(sources: list[dict]) -> list[list[str | None]]:
    """The workbook's README sheet, row by row: what it is, its sources, then every column."""
    rows: list[list[str | None]] = [[TITLE], [], ["What this is", WHAT]]
    for source, citation in citations(sources):
        rows += [
            ["Source", f"{citation.publisher_ja}{citation.title_ja} — {citation.publisher_en}, "
                       f"{citation.title_en}, {citation.issued}"],
            ["Source file", f"{source['file']} (sha256 {source['sha256']})"],
            ["Attribution", citation.attribution],
            ["Licence", citation.licence],
        ]
    rows += [["Reading it", READING], ["Keys", KEYS], [], list(COLUMN_HEADER)]
    for name in MODELS:
        rows += [[name, column, type_name(spec), meaning(spec)] for column, spec in columns(name)]
    return rows


def markdown_columns(name: str) -> str:
    """A table's own columns as the README's Markdown table (column, type, meaning); with
    ``name`` "provenance", the provenance columns every table ends with."""
    table, keep = ("amounts", PROVENANCE_COLUMNS.__contains__) if name == "provenance" else (
        name, lambda column: column not in PROVENANCE_COLUMNS)
    lines = ["| column | type | meaning |", "|---|---|---|"]
    for column, spec in columns(table):
        if keep(column):
            lines.append(f"| `{column}` | {type_name(spec)} | {meaning(spec).replace('|', '/')} |")
    return "\n".join(lines)
