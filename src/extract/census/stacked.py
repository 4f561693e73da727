"""Stacked ``|`` tables: a Markdown table copied from a web page with each cell on a line of its own.

Pure: no I/O. Copied text often keeps a table's cells but not its rows: each cell is a line,
each ``|`` a line of its own, and only the separator row (``---|---|---|``) says how many
columns there are::

    大項目/事業項目
    |
    予算額(単位:10億ユーロ)
    |
    予算全体に占める割合
    |
    ---|---|---|
    持続可能な成長
    |
    67.5
    |
    45.9%
    |

The separator row's ``k`` columns are believed only where the head above it is exactly ``k``
cells; the body's cells are then counted off ``k`` to a row, so the ``n``-th cell below the
separator stands in column ``n mod k``. A line holding a ``|`` and text (a row of a flat table),
a run of two blank lines or the end of the page ends the body. A cell of several lines (a
wrapped name) is one cell; two ``|`` lines in a row leave a cell empty.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

SEPARATOR_ROW = regex.compile(r"^\s*[|｜]?\s*:?-{3,}:?\s*(?:[|｜]\s*:?-{3,}:?\s*)+[|｜]?\s*$")
LONE_BAR = regex.compile(r"^\s*[|｜]\s*$")
BAR = regex.compile(r"[|｜]")
BLANK_RUN_ENDS_TABLE = 2


@dataclass(frozen=True, slots=True)
class StackedCell:
    """Where a line of a stacked table's body stands: its column, that column's head, the row's label."""

    column: int
    head: str
    row_label: str | None  # the text of the row's first cell (None for a line of that cell)
    table: int  # the index of the table's separator row among the page's lines


@dataclass(frozen=True, slots=True)
class StackedTable:
    """One stacked table of a page: the lines of its head (separator row included), its head
    cells, and each body line (by index among the page's lines) with where it stands."""

    head_lines: range
    heads: tuple[str, ...]
    body: dict[int, StackedCell]


def _head(texts: Sequence[str], separator: int) -> tuple[int, list[str]]:
    """The first line of the head above a separator row, and its cells (each a run of lines
    ended by a ``|`` line); no cells where the lines above are no stacked head."""
    cells: list[str] = []
    current: list[str] | None = None
    index = separator - 1
    while index >= 0:
        text = texts[index]
        if LONE_BAR.match(text):
            if current is not None:
                cells.append(" ".join(reversed(current)))
            current = []
        elif not text.strip() or BAR.search(text) or current is None:
            break
        else:
            current.append(text.strip())
        index -= 1
    if current:
        cells.append(" ".join(reversed(current)))
    return index + 1, list(reversed(cells))


def stacked_tables(texts: Sequence[str]) -> list[StackedTable]:
    """The stacked tables of a page's lines, top to bottom."""
    found = []
    for separator, text in enumerate(texts):
        if not SEPARATOR_ROW.match(text):
            continue
        columns = len([part for part in BAR.split(text.strip().strip("|｜")) if part.strip()])
        first, heads = _head(texts, separator)
        if len(heads) == columns:
            found.append(StackedTable(range(first, separator + 1), tuple(heads), _body(texts, separator, heads)))
    return found


def _body(texts: Sequence[str], separator: int, heads: list[str]) -> dict[int, StackedCell]:
    """The body lines below a separator row, each with its column (cells counted off ``len(heads)`` to a row)."""
    found: dict[int, StackedCell] = {}
    cell, blanks, row_label = 0, 0, ""
    started = False  # whether the current cell has a line yet
    for index in range(separator + 1, len(texts)):
        text = texts[index]
        if LONE_BAR.match(text):
            cell, started, blanks = cell + 1, False, 0
            continue
        if not text.strip():
            blanks += 1
            if blanks >= BLANK_RUN_ENDS_TABLE:
                break
            continue
        if BAR.search(text) or SEPARATOR_ROW.match(text):
            break
        blanks = 0
        column = cell % len(heads)
        if column == 0:
            row_label = f"{row_label} {text.strip()}" if started else text.strip()
        started = True
        found[index] = StackedCell(column, heads[column], row_label if column else None, separator)
    return found
