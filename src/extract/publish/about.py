"""What the outputs say about themselves: what they are, their source, its attribution and
licence, and what each column means.

One place for the front matter of the workbook's README sheet, ``datapackage.json`` and
``report.html``, made from a family's :class:`~extract.families.FrontMatter` and citation.
Column meanings come from the family's pandera models' descriptions, never from a second
list.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandera.pandas as pa

from extract.families import Citation, Family
from extract.validate.columns import PROVENANCE_COLUMNS, columns_of, field_type

README_SHEET = "README"
COLUMN_HEADER = ("sheet", "column", "type", "meaning")
TYPE_NAMES = {"string": "text", "integer": "integer", "number": "number", "boolean": "true/false"}


def type_name(column: pa.Column) -> str:
    """The column's type in words: text, integer, number or true/false."""
    return TYPE_NAMES[field_type(column)]


def columns(family: Family, name: str) -> list[tuple[str, pa.Column]]:
    """A table's columns in the order they are written, each with its model column."""
    return list(columns_of(family.models[name]).items())


def meaning(column: pa.Column) -> str:
    """What a column holds, from its model (every column has a description)."""
    if not column.description:
        raise ValueError(f"column {column.name} has no description in its model")
    return column.description


def citations(family: Family, sources: Iterable[dict]) -> list[tuple[dict, Citation]]:
    """Each source of a manifest with its family's citation, where it has one."""
    return [(source, family.citation) for source in sources if family.citation is not None]


def readme_rows(family: Family, sources: list[dict]) -> list[list[str | None]]:
    """The workbook's README sheet, row by row: what it is, its sources, then every column."""
    front = family.front
    rows: list[list[str | None]] = [[front.title], [], ["What this is", front.what]]
    for source, citation in citations(family, sources):
        rows += [
            ["Source", f"{citation.publisher_ja}{citation.title_ja} — {citation.publisher_en}, "
                       f"{citation.title_en}, {citation.issued}"],
            ["Source file", f"{source['file']} (sha256 {source['sha256']})"],
            ["Attribution", citation.attribution],
            ["Licence", citation.licence],
        ]
    rows += [["Reading it", front.reading], ["Keys", front.keys], [], list(COLUMN_HEADER)]
    for name in family.models:
        rows += [[name, column, type_name(spec), meaning(spec)] for column, spec in columns(family, name)]
    return rows


def markdown_columns(family: Family, name: str) -> str:
    """A table's own columns as the README's Markdown table (column, type, meaning); with
    ``name`` "provenance", the provenance columns every table ends with (as the family's
    first table states them)."""
    first = next(iter(family.models))
    table, keep = (first, PROVENANCE_COLUMNS.__contains__) if name == "provenance" else (
        name, lambda column: column not in PROVENANCE_COLUMNS)
    lines = ["| column | type | meaning |", "|---|---|---|"]
    for column, spec in columns(family, table):
        if keep(column):
            lines.append(f"| `{column}` | {type_name(spec)} | {meaning(spec).replace('|', '/')} |")
    return "\n".join(lines)
