"""The 説明 column of the 明細書: each entry (事業 code, name, amount) under the 目 beside it.

Entries stand at a few indents (a 事業, its parts, their items). An indent is one where a
line with a code or an amount starts; a line of text alone that starts elsewhere continues
the entry above it (a wrapped name). The 説明 is not statutory: its amounts are read and
compared with the 目 (``notes_add_up``), never used to prove anything else.
"""

from __future__ import annotations

import regex

from extract.families.budget_book.read.figures import amount_of, name_of, normal, yen
from extract.families.budget_book.read.parse import Page, where_of
from extract.families.budget_book.records import Book, Line, Note
from extract.layout import Row, Table, Word

CODE = regex.compile(r"^\d{2,}$")
INDENT_SLACK = 2.5  # points: one indent whatever the rounding of the text layer


def _split(words: tuple[Word, ...]) -> tuple[str | None, str, int | None]:
    """A line's code (a leading run of digits), its name, and its trailing figure."""
    texts = [w.text for w in words]
    code = normal(texts[0]) if len(texts) > 1 and CODE.match(normal(texts[0])) else None
    rest = texts[1:] if code else texts
    figure = amount_of(rest[-1]) if rest else None
    name = " ".join(rest[:-1] if figure is not None else rest)
    return code, name, figure


def _indents(parsed: list[tuple[Row, Line | None, tuple[str | None, str, int | None]]]) -> list[float]:
    """The x where entries start: those of lines with a code or an amount, merged within the slack."""
    starts = sorted(row.cells["説明"][0].x0 for row, _, (code, _, figure) in parsed
                    if code is not None or figure is not None)
    indents: list[float] = []
    for x in starts:
        if not indents or x - indents[-1] > INDENT_SLACK:
            indents.append(x)
    return indents


def read_notes(page: Page, table: Table, lines: list[tuple[Row, Line | None]], book: Book) -> None:
    """The page's 説明 lines (each with the 目 open beside it) into ``book.notes``."""
    parsed = [(row, moku, _split(row.cells["説明"])) for row, moku in lines]
    indents = _indents(parsed)
    unit = table.units.get("説明") or page.unit
    for row, moku, (code, name, figure) in parsed:
        words = row.cells["説明"]
        level = next((i for i, x in enumerate(indents) if abs(words[0].x0 - x) <= INDENT_SLACK), None)
        last = book.notes[-1] if book.notes and book.notes[-1].moku is moku else None
        if last is not None and code is None and not name and figure is not None and last.amount is None:
            last.amount = yen(figure, unit)  # the entry's figure on a line of its own
            continue
        open_entry = last is not None and last.code is not None and last.amount is None
        if last is not None and code is None and figure is None and (level is None or open_entry):
            last.name_ja += name_of(name)  # a wrapped name (its figure not yet given, or indented apart)
            continue
        if moku is None:
            continue  # 説明 above any 目 (a heading's): nothing to explain
        amount = yen(figure, unit) if figure is not None else None
        book.notes.append(Note(moku, code, name_of(name), amount, level if level is not None else len(indents),
                               where_of(page, words)))
