"""Spreadsheet cells: text that no spreadsheet will run as a formula, and Excel's cell size.

OWASP's rule against CSV/formula injection: a text cell that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return is written with an apostrophe before it
(``'=HYPERLINK(…)``), in the CSV and in the workbook alike. A text that already starts
with an apostrophe gets one more, so :func:`restore` undoes :func:`neutralize` exactly:
reading back strips one leading apostrophe. Numbers are not text and stay numbers, and so
does a number held as decimal text (``-1200000000``): it is no formula.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:  # pandas is imported where frames are handled: the census needs only neutralize
    import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
# A number written as decimal text (the census's value and high columns): no spreadsheet runs it
# as a formula, so it is written as it is and the CSV holds what the Parquet file holds.
DECIMAL_NUMBER = regex.compile(r"[-+]?[0-9]+(?:\.[0-9]+)?")
EXCEL_CELL_CHARS = 32_767  # the most characters an Excel cell holds
WORKBOOK_FLOAT = "%.16g"  # how openpyxl writes a float: 16 significant digits


def neutralize(text: str) -> str:
    """``'=1+1'`` -> ``"'=1+1"``; ``"'x"`` -> ``"''x"``; a plain decimal number (``-1200000000``,
    ``-0.5``: no formula, and a number column) and any other text unchanged."""
    if DECIMAL_NUMBER.fullmatch(text):
        return text
    if text.startswith(FORMULA_STARTS) or text.startswith(QUOTE):
        return QUOTE + text
    return text


def restore(text: str) -> str:
    """The text :func:`neutralize` was given."""
    return text[1:] if text.startswith(QUOTE) else text


def text_columns(frame: pd.DataFrame) -> list[str]:
    """Columns that hold text (object or string dtype)."""
    from pandas.api.types import is_string_dtype

    return [name for name, dtype in frame.dtypes.items() if dtype == object or is_string_dtype(dtype)]


def _map_text(frame: pd.DataFrame, function) -> pd.DataFrame:
    frame = frame.copy()
    for column in text_columns(frame):
        frame[column] = frame[column].map(lambda v: function(v) if isinstance(v, str) else v)
    return frame


def neutralized(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell neutralized."""
    return _map_text(frame, neutralize)


def restored(frame: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """A copy of ``frame`` with the text cells of ``columns`` (default: all) restored."""
    frame = frame.copy()
    for column in text_columns(frame) if columns is None else columns:
        frame[column] = frame[column].map(lambda v: restore(v) if isinstance(v, str) else v)
    return frame


def oversized_cells(tables: dict[str, pd.DataFrame], limit: int = EXCEL_CELL_CHARS) -> list[str]:
    """One message per text cell too long for a workbook (once neutralized)."""
    problems = []
    for name, frame in tables.items():
        for column in text_columns(frame):
            lengths = frame[column].map(lambda v: len(neutralize(v)) if isinstance(v, str) else 0)
            for index in lengths.index[lengths > limit]:
                row = frame.loc[index]
                line = f" l{row['line']}" if "line" in frame.columns else ""
                where = f"p{row['page']}{line}" if "page" in frame.columns else f"row {index}"
                problems.append(
                    f"[workbook_cell_size] {name} {row.iloc[0]} column {column}: "
                    f"{lengths[index]:,} characters at {where}, over the {limit:,} an Excel cell holds"
                )
    return problems


def inexact_numbers(tables: dict[str, pd.DataFrame]) -> list[str]:
    """One message per float a workbook cell would not give back exactly (more than 16
    significant digits: openpyxl writes ``%.16g``)."""
    import pandas as pd

    problems = []
    for name, frame in tables.items():
        for column in frame.columns:
            if not pd.api.types.is_float_dtype(frame[column].dtype):
                continue
            for index, value in frame[column].items():
                if pd.notna(value) and float(WORKBOOK_FLOAT % value) != value:
                    problems.append(f"[workbook_number_precision] {name} {frame.loc[index].iloc[0]} "
                                    f"column {column}: {value!r} has more significant digits than "
                                    "a workbook cell holds")
    return problems
