"""The figures census of any Japanese document: pages of lines -> one row per figure.

Pure: no I/O. :func:`census_rows` reads one page at a time from any iterable (a PDF
reader yielding pages, or a text layer split at form feeds) and yields rows, so memory
holds one page however long the document.

Per page:

- each line is repaired with :func:`~extract.japanese.normalize_with_log` and read with
  :func:`~extract.japanese.quantities.find_quantities`; ``text`` is the figure as written
  (mapped back through the repair), ``context`` a window of the repaired line around it;
- a bare ``万 億 兆`` figure is an amount in yen only on a page that speaks of money
  (:data:`MONEY_WORDS`: 円, 予算, 決算, 歳出, 額, 費 …), and only as a table cell (in running
  text it is ambiguous: :mod:`~extract.japanese.amounts`); a ``セント`` alone is a hundredth
  of the one currency of :data:`CENT_CURRENCIES` the page names (ドル or ユーロ), if it names one;
- the unit a line declares (``(単位:10億ユーロ)``) is a code, not an amount;
- a unit header (``（単位：千円）``, a line ``（百万円）``: :mod:`~extract.japanese.units`)
  applies to the bare numbers after it, on its own line and the lines below, **until the
  next unit declaration, a run of two or more blank lines after the table's first figure,
  or the end of the page** (blank lines between a header and its column heads and rows do
  not end it); a second declaration of another money unit before the table's first figure
  (``(単位:円)`` above, ``(単位:億円)`` in a column head) makes its bare numbers ambiguous;
- a ``|`` table whose head names a unit per column (``配当金の総額(百万円) | 1株当たり配当額(円)``)
  applies each to the bare numbers of its column, in the rows below whose cells line up with
  the head (other rows are read as without it), until a line with no ``|`` or the next unit
  declaration;
- on a PDF page a unit line heads the column under it, in any text order
  (:mod:`~extract.census.column_heads`); item numbers and codes are never figures
  (:mod:`~extract.census.items`); a ``|`` table whose rows are broken over lines is read by
  its separator row (:mod:`~extract.census.stacked`); a row's unit written once in a 単位
  column applies to its bare figures;
- a number ending a line with a bare group after a myriad unit (``約7兆3000``, its 億円 cut
  off) is flagged, not read;
- a figure cut by a line break is flagged, not read: a line ending in a number with a
  scale (``予算現額 1 兆 957 億``) before a line starting with a digit, or a line ending
  in a bare number before a line starting with a scale or 円 (``… 16,538`` / ``百万円であり``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from decimal import Decimal

import regex

from extract.census.column_heads import Headed, column_head_units
from extract.census.items import headed_by_column, item_numbers_are_no_figures
from extract.census.labels import figure_labels
from extract.census.reads import Read
from extract.census.stacked import StackedLine, stacked_tables
from extract.japanese import normalize_with_log
from extract.japanese.eras import ERA_SPELLINGS
from extract.japanese.quantities import Quantity, find_quantities
from extract.japanese.units import UnitHeader, cells, column_units, declaration_span, declares_units, unit_header
from extract.read.document import Line
from extract.read.lines import NormalizedLine

# The figures table's columns, in order, each with its Arrow type (census_run.schema: Parquet).
FIELDS = {
    "source": "string", "page": "int32", "line": "int32", "kind": "string", "value": "string",
    "high": "string", "currency": "string", "unit": "string", "unit_from_header": "bool_", "unit_origin": "string",
    "approximate": "bool_", "bound": "string", "negative": "bool_", "date": "string", "reason": "string",
    "text": "string", "context": "string", "table": "string", "row_label": "string", "column_label": "string",
    "x0": "float64", "top": "float64", "x1": "float64", "bottom": "float64",
}
COLUMNS = tuple(FIELDS)
CONTEXT_CHARS = 15
# The currency a セント alone is a hundredth of: the one of these the page names, if only one.
_OTHER_DOLLARS = "香港|豪|豪州|オーストラリア|カナダ|ニュージーランド|NZ|シンガポール|台湾"
CENT_CURRENCIES = {
    "USD": regex.compile(rf"(?<!{_OTHER_DOLLARS})ドル|(?<![A-Za-z])[$＄]"), "EUR": regex.compile(r"ユーロ|€"),
    "other dollars": regex.compile(rf"(?:{_OTHER_DOLLARS})ドル|[A-Z]{{1,2}}[$＄]"),
}
MONEY_WORDS = regex.compile(r"円|ドル|予算|決算|歳出|歳入|補正|額|費|売上|収入|支出|財源|資金|投資|基金"
                            r"|補助|交付金|税収|利益|損失")
ENDS_WITH_SCALE = regex.compile(r"[0-9０-９〇一二三四五六七八九十百千]\s*[万億兆]\s*$")
ENDS_WITH_DIGIT = regex.compile(r"[0-9０-９]\s*$")
STARTS_WITH_DIGIT = regex.compile(r"^\s*[0-9０-９]")
STARTS_WITH_SCALE = regex.compile(r"^\s*(?:[万億兆]|百\s*万|千\s*円|円)")
# A number whose last group, after a myriad unit, has no unit of its own (…約7兆3000 at the
# line's end, the 億円 lost with the rest of the line): its value cannot be read.
ENDS_WITH_BARE_GROUP = regex.compile(r"[万億兆]\s*[0-9０-９][0-9０-９,，]*\s*$")
ENDS_WITH_POINT = regex.compile(r"[0-9０-９][.．]\s*$")
STARTS_WITH_DIGITS_AND_UNIT = regex.compile(r"^\s*[0-9０-９][0-9０-９,，.．]*\s*(?:[万億兆]|百\s*万|千\s*円|円|%)")
# What a figure cut by a line break may have been read as (ambiguous: 1兆 in running text).
CUT_KINDS = frozenset({"amount", "number", "ambiguous"})
BLANK_RUN_ENDS_HEADER = 2
SECTION_LINES = 2_000  # a text page longer than this is read in sections (pages_of)...
SECTION_MAX_LINES = 20_000  # ...none longer than this
YEAR_HEAD = regex.compile(r"(?:19|20)[0-9]{2}")
DIGIT_RUN = regex.compile(r"[0-9](?:[0-9]|[.,][0-9])*")  # ASCII: what normalize made of every digit
BRACKETED_CELL = regex.compile(r"\s*[(（](?P<figure>[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?)[)）]\s*")
UNIT_COLUMN_HEAD = regex.compile(r"(?:^|\s)単位(?=\s|$)")  # a column of each row's unit
UNIT_WRITTEN_APART = regex.compile(r"[0-9０-９]\s+\S+$")  # 388.98 百万円: the unit a blank after the figure
ERA_NAME = regex.compile(r"明治|大正|昭和|平成|令和|[㍾㍽㍼㍻㋿]")


class CensusCheckFailed(Exception):
    """The census is inconsistent: a digit of the text counted in two figure rows."""

    def __init__(self, failures: list[str]):
        self.failures = failures
        super().__init__("; ".join(failures))


def pages_of(lines: Iterable[Line]) -> Iterator[tuple[int, list[Line]]]:
    """A document's pages one at a time, each line numbered within its page (a text
    without form feeds is page 1; a PDF's lines keep their boxes). A long page is read in
    sections, so memory holds one section's figures: after :data:`SECTION_LINES` lines,
    it is cut where a run of :data:`BLANK_RUN_ENDS_HEADER` blank lines ends any table,
    and at :data:`SECTION_MAX_LINES` in any case (a unit header above the cut then no longer
    applies below it: its figures are read without that unit, never with a wrong one)."""
    number, blanks = 0, 0
    page: list[Line] = []
    within = 0  # lines of the current page so far
    for line in lines:
        current = line.page or 1
        if page and current != number:
            yield number, page
            page, within, blanks = [], 0, 0
        number, within = current, within + 1
        blanks = 0 if line.text.strip() else blanks + 1
        page.append(replace(line, page=current, number=within))
        if len(page) >= SECTION_MAX_LINES or (len(page) >= SECTION_LINES and blanks >= BLANK_RUN_ENDS_HEADER):
            yield number, page
            page = []
    if page:
        yield number, page


def census_rows(source: str, pages: Iterable[tuple[int, Sequence[Line]]]) -> Iterator[dict]:
    """Every figure of every page, one row each (columns :data:`COLUMNS`), page by page.

    Raises :class:`CensusCheckFailed` after the last page if any ASCII digit of the
    repaired text is covered by no row.
    """
    failures: list[str] = []
    eras: frozenset[str] = frozenset()
    tables_before: Counter[int] = Counter()  # tables numbered on each page (a long page comes in sections)
    for number, lines in pages:
        reads = read_page(source, number, lines, eras)
        eras |= eras_named(read.line for read in reads)
        labels = figure_labels(reads)
        tables: dict[tuple[str, int], str] = {}
        for index, read in enumerate(reads):
            failures += _counted_twice(read)
            quantities = sorted([*read.quantities, *_unread(read)], key=lambda q: q.span)
            for quantity in quantities:
                row, column, key = labels.get((index, quantity.span), (None, None, None))
                if key is None and quantity.span in read.column_heads:
                    key = ("header", read.column_heads[quantity.span].unit_line)
                elif key is None and quantity.unit_from_header and read.declared_at is not None:
                    key = ("header", read.declared_at)
                if key is not None and key not in tables:
                    tables_before[number] += 1
                    tables[key] = f"p{number}.t{tables_before[number]}"
                yield _row(read.line, quantity, _origin(read, quantity), (row, column),
                           tables[key] if key is not None else None)
    if failures:
        raise CensusCheckFailed(failures)


def eras_named(lines: Iterable[NormalizedLine]) -> frozenset[str]:
    """The eras the lines name (平成, 令和, ㍻ …)."""
    return frozenset(ERA_SPELLINGS[found[0]] for line in lines for found in ERA_NAME.finditer(line.text))


def read_page(source: str, page: int, lines: Sequence[Line], eras_before: frozenset[str] = frozenset()) -> list[Read]:
    """The figures of one page's lines, with money context, unit headers and line breaks applied.

    A year with no era (``23年度``) is read in the era the document names, if it names one
    (on this page or in ``eras_before``); else it is ambiguous.
    """
    normalized = [_normalized(source, page, line) for line in lines]
    eras = eras_before | eras_named(normalized)
    default_era = next(iter(eras)) if len(eras) == 1 else None
    money = "JPY" if any(MONEY_WORDS.search(line.text) for line in normalized) else None
    named = [code for code, words in CENT_CURRENCIES.items() if any(words.search(line.text) for line in normalized)]
    cents = named[0] if named in (["USD"], ["EUR"]) else None
    stacked = stacked_tables([line.text for line in normalized])
    stacked_heads = {index for table in stacked for index in table.head_lines}
    stacked_body = {index: cells for table in stacked for index, cells in table.body.items()}
    reads, header, blanks, body, columns, declared_at = [], None, 0, False, None, None
    for index, line in enumerate(normalized):
        blanks = blanks + 1 if line.blank else 0
        if blanks >= BLANK_RUN_ENDS_HEADER and body:
            header, body, declared_at = None, False, None
        header_from = 0
        if declares_units(line.text) and index not in stacked_heads:  # a stacked head's unit is its column's
            declared = unit_header(line.text)
            header = header.joined(declared) if header and declared and not body else declared
            header_from, body, columns, declared_at = (declared.span[1] if declared else 0), False, None, index
        if columns and "|" not in line.text and "｜" not in line.text:
            columns = None  # the | table has ended
        by_column = bool(columns and len(cells(line.text)) == len(columns))
        cell = stacked_body.get(index)
        if cell and cell.units:
            by_column, quantities = True, _stacked_cells(line.text, cell, money, cents)
        elif columns and by_column:
            quantities = _by_column(line.text, columns, money, cents)
        else:
            quantities = find_quantities(line.text, money, default_era, header=header, header_from=header_from,
                                         cents=cents)
        quantities = _year_heads_are_no_amounts(_declared_units_are_no_figures(line.text, quantities))
        body = body or any(q.unit_from_header or (q.kind == "ambiguous" and q.unit) for q in quantities)
        columns = None if declares_units(line.text) else column_units(line.text) or columns
        reads.append(Read(line, quantities, by_column, declared_at if header else None, cell))
    if any(line.line.char_boxes for line in normalized):
        _apply_column_heads(reads, money, cents)
    if any(UNIT_COLUMN_HEAD.search(line.written) for line in normalized):  # blanks kept: 単位 alone
        _row_units_shared(reads, money, cents)
    return _line_breaks_flagged(item_numbers_are_no_figures(reads))


def _row_units_shared(reads: list[Read], money: str | None, cents: str | None) -> None:
    """On a page whose table has a 単位 column (its head a word ``単位`` standing alone), a
    row that ends in bare figures and then one figure with its money unit, blanks apart
    (``104.18 388.98 百万円``), writes its unit once for the row: each bare figure before it
    takes that unit (in place)."""
    for read in reads:
        text = read.line.text
        ordered = sorted(read.quantities, key=lambda q: q.span)
        if len(ordered) < 2 or text[ordered[-1].span[1]:].strip():
            continue
        last = ordered[-1]
        header = unit_header(f"({last.unit})") if last.kind == "amount" and last.unit and not last.unit_from_header \
            else None
        if header is None or not UNIT_WRITTEN_APART.search(text, last.span[0], last.span[1]):
            continue
        shared = replace(header, column=True)
        again = {q.span: q for q in find_quantities(text, money, header=shared, cents=cents)}
        for before, after in zip(ordered[-2::-1], ordered[:0:-1], strict=False):
            if before.kind != "number" or before.unit is not None or not text[before.span[1]:after.span[0]].isspace():
                break
            read.quantities[read.quantities.index(before)] = again.get(before.span, before)
            read.column_heads[before.span] = Headed(again.get(before.span, before), -1, False)


def _apply_column_heads(reads: list[Read], money: str | None, cents: str | None) -> None:
    """Bare numbers of a PDF page read under the unit line standing over their column
    (:mod:`~extract.census.column_heads`), in place."""
    headed = column_head_units([read.line for read in reads], [read.quantities for read in reads], money, cents)
    for (index, span), found in headed.items():
        read = reads[index]
        read.quantities[:] = [found.quantity if q.span == span else q for q in read.quantities]
        read.column_heads[span] = found


def _by_column(text: str, columns: list[UnitHeader | None], money: str | None, cents: str | None) -> list[Quantity]:
    """A row of a ``|`` table whose cells line up with its head: each cell read under its column's unit."""
    found = []
    for (start, end), unit in zip(cells(text), columns, strict=False):
        found += [replace(q, span=(q.span[0] + start, q.span[1] + start))
                  for q in _in_column(text[start:end], unit, money, cents)]
    return found


def _stacked_cells(text: str, line: StackedLine, money: str | None, cents: str | None) -> list[Quantity]:
    """A line of a stacked table whose columns name units: each of its cells read under its column's unit."""
    found = []
    for cell in line.cells:
        found += [replace(q, span=(q.span[0] + cell.start, q.span[1] + cell.start))
                  for q in _in_column(text[cell.start:cell.end], cell.unit, money, cents)]
    return found


def _in_column(text: str, unit: UnitHeader | None, money: str | None, cents: str | None) -> list[Quantity]:
    """One cell of a column whose head names its unit: a figure in brackets alone in the cell
    (``(9.6)``, a part of the row above) is read as a figure, not as a list label ``(1)``."""
    inner = BRACKETED_CELL.fullmatch(text) if unit is not None else None
    if inner is None:
        return find_quantities(text, money, header=unit, cents=cents)
    return [replace(q, span=(q.span[0] + inner.start("figure"), q.span[1] + inner.start("figure")))
            for q in find_quantities(inner["figure"], money, header=unit, cents=cents)]


def _declared_units_are_no_figures(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """The unit a line declares (``予算額(単位:10億ユーロ)``) is a code, not an amount of 10億ユーロ."""
    span = declaration_span(text)
    if span is None:
        return quantities
    return [replace(q, kind="code", value=None, high=None, currency=None, approximate=False, negative=False,
                    bound=None, reason="the unit a table header declares")
            if span[0] <= q.span[0] and q.span[1] <= span[1] else q for q in quantities]


def _year_heads_are_no_amounts(quantities: list[Quantity]) -> list[Quantity]:
    """A row of years under a unit header (``2021 2022`` under ``（単位：百万円）``) heads the
    columns: its numbers are no amounts in the header's unit (ambiguous, not guessed as dates)."""
    heads = [q for q in quantities if q.unit_from_header]
    years = [int(q.text) for q in heads if YEAR_HEAD.fullmatch(q.text)]
    if len(heads) < 2 or len(years) != len(heads) or any(b != a + 1 for a, b in zip(years, years[1:], strict=False)):
        return quantities
    return [_ambiguous(q, "a row of successive years under a unit header: column heads, not amounts")
            if q.unit_from_header else q for q in quantities]


def _normalized(source: str, page: int, line: Line) -> NormalizedLine:
    """A line repaired (a PDF's, with boxes, without the table of known text-layer defects:
    its glyphs' shapes have decided its characters)."""
    repaired = normalize_with_log(line.text, defects=line.char_boxes is None)
    return NormalizedLine(source, page, line.number, line.text, repaired.text, repaired.substitutions,
                          repaired.origin, line)


def _line_breaks_flagged(reads: list[Read]) -> list[Read]:
    """Flag a figure a line break may have cut in two (see the module docstring)."""
    for here, after in zip(reads, [*reads[1:], None], strict=False):
        if not here.quantities:
            continue
        last = here.quantities[-1]
        if here.line.text[last.span[1] :].strip() not in ("", ".", "．") or last.kind not in CUT_KINDS:
            continue
        if ENDS_WITH_BARE_GROUP.search(here.line.text) and last.kind == "number":
            here.quantities[-1] = _ambiguous(last, "its last group has no unit: the rest of the figure is cut off")
            continue
        reason = _cut_reason(here.line.text, after.line.text) if after else None
        if reason is None or after is None:
            continue
        if last.kind != "ambiguous":
            here.quantities[-1] = _ambiguous(last, reason)
        first = after.quantities[0] if after.quantities else None
        if first and first.kind in ("amount", "number") and not after.line.text[: first.span[0]].strip():
            after.quantities[0] = _ambiguous(first, "it may continue the figure at the end of the line before")
    return reads


def _cut_reason(here: str, after: str) -> str | None:
    """Why a line break between ``here`` and ``after`` may cut a figure in two, or None."""
    if ENDS_WITH_POINT.search(here) and STARTS_WITH_DIGIT.match(after):
        return "a decimal point ends the line: the figure may continue on the next line"
    if ENDS_WITH_SCALE.search(here) and STARTS_WITH_DIGIT.match(after):
        return "the figure may continue on the next line"
    if ENDS_WITH_DIGIT.search(here) and STARTS_WITH_SCALE.match(after):
        return "its unit may be on the next line"
    if ENDS_WITH_DIGIT.search(here) and STARTS_WITH_DIGITS_AND_UNIT.match(after):
        return "digits end the line and digits with a unit start the next: the figure may continue"
    return None


def _ambiguous(quantity: Quantity, reason: str) -> Quantity:
    return replace(quantity, kind="ambiguous", value=None, high=None, currency=None, reason=reason,
                   unit_from_header=False)


UNREAD_REASON = "no rule of the census explains these digits: read them by hand"


def _unread(read: Read) -> list[Quantity]:
    """Each run of digits that no figure row holds, as a row of kind ``unread`` (the run goes on)."""
    text = read.line.text
    covered: set[int] = set()
    for quantity in read.quantities:
        covered.update(range(*quantity.span))
    runs = [m for m in DIGIT_RUN.finditer(text) if not covered.intersection(range(*m.span()))]
    return [Quantity("unread", m.span(), m[0], reason=UNREAD_REASON) for m in runs]


def _counted_twice(read: Read) -> list[str]:
    """The census is inconsistent where two rows hold one digit: a failure of ``census_counts_each_digit_once``."""
    seen: set[int] = set()
    text = read.line.text
    for quantity in read.quantities:
        here = {i for i in range(*quantity.span) if text[i].isascii() and text[i].isdigit()}
        if seen & here:
            line = read.line
            return [f"census_counts_each_digit_once: {line.source} page {line.page} line {line.number}: "
                    f"digit at {min(seen & here)} of {text!r} is in two figures"]
        seen |= here
    return []


def _origin(read: Read, quantity: Quantity) -> str | None:
    """Where a figure's unit was written: with it (inline), in its ``|`` column's head
    (column), in a 単位 declaration above (table); None where it has no unit."""
    if quantity.unit_from_header:
        return "column" if read.by_column or headed_by_column(read, quantity.span) else "table"
    return "inline" if quantity.unit else None


def _row(line: NormalizedLine, quantity: Quantity, origin: str | None = None,
         labels: tuple[str | None, str | None] | None = None, table: str | None = None) -> dict:
    start, end = quantity.span
    row_label, column_label = labels or (None, None)
    written_start, written_end = line.written_span(start, end)
    box = line.box_of(start, end)
    return {
        "source": line.source,
        "page": line.page,
        "line": line.number,
        "kind": quantity.kind,
        "value": decimal_text(quantity.value),
        "high": decimal_text(quantity.high),
        "currency": quantity.currency,
        "unit": quantity.unit,
        "unit_from_header": quantity.unit_from_header,
        "unit_origin": origin,
        "approximate": quantity.approximate,
        "bound": quantity.bound,
        "negative": quantity.negative,
        "date": quantity.date,
        "reason": quantity.reason,
        "text": line.written[written_start:written_end],
        "context": line.text[max(0, start - CONTEXT_CHARS) : end + CONTEXT_CHARS],
        "table": table,
        "row_label": row_label,
        "column_label": column_label,
        "x0": box.x0 if box else None,
        "top": box.top if box else None,
        "x1": box.x1 if box else None,
        "bottom": box.bottom if box else None,
    }


def decimal_text(value: Decimal | None) -> str | None:
    """An exact decimal as plain digits (no exponent, no ``-0``): ``1.5E+12`` -> ``'1500000000000'``."""
    if value is None:
        return None
    if value == 0:
        return "0"
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
