"""``check`` of a folder ``extract figures`` wrote: its manifest, its files, and every row.

The manifest has the deck's shape (tool, sources, rows, checks_passed, files) with
``command: figures``. A file whose size or sha256 fails is reported and never parsed.
The two tables are then streamed side by side, one batch at a time (memory holds one
batch whatever the row count): the CSV (UTF-8 with its byte-order mark, the census's
header) must equal the Parquet cell for cell, the rows of each source must be the
manifest's, and each figure must be the one its own ``text`` says
(``value_matches_text``): the text, read again alone by the Japanese core, gives one
figure of the same kind, whose value and upper bound must be the row's. A row whose
value its text alone does not fix (a unit from a table's header, a figure read across
a line break, a text holding several) is counted as not tied, never as a pass.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path

from extract.census import KINDS
from extract.publish.cells import WORKBOOK_FLOAT, neutralize
from extract.publish.files import WORKBOOK

TABLE = "figures"
GLYPH_TABLE = "glyph_repairs"
FILES = (f"{TABLE}.csv", f"{TABLE}.parquet", "datapackage.json", f"{GLYPH_TABLE}.csv", f"{GLYPH_TABLE}.parquet",
         WORKBOOK)
BATCH_ROWS = 10_000
FINDINGS_SHOWN = 3
MAX_HEADER_EXPONENT = 16  # 京: the largest unit a header states
TOOL = re.compile(r"^extract \d+\.\d+(?:\.\d+)?$")


def manifest_problem(manifest: dict) -> str | None:
    """What makes a figures manifest untrustworthy, or None."""
    from extract.census.run import checks_passed

    missing = [key for key in ("tool", "sources", "rows", "files", "checks_passed") if key not in manifest]
    if missing:
        return f"lacks {', '.join(repr(key) for key in missing)}"
    if manifest["checks_passed"] != checks_passed():
        return "'checks_passed' is not the figures' checks"
    sources = manifest["sources"]
    if not isinstance(sources, list) or not sources or not all(
            isinstance(s, dict) and isinstance(s.get("file"), str) and isinstance(s.get("sha256"), str)
            and _count(s.get("rows")) for s in sources):
        return "has a source without file, sha256 and rows"
    rows, files = manifest["rows"], manifest["files"]
    if (not isinstance(rows, dict) or set(rows) != {TABLE, GLYPH_TABLE} or not _count(rows[TABLE])
            or not _count(rows[GLYPH_TABLE])):
        return f"does not give the rows of {TABLE} and {GLYPH_TABLE} alone"
    if not isinstance(files, dict) or set(files) != set(FILES):
        return f"does not list exactly {', '.join(FILES)}"
    for name, entry in files.items():
        table = name.rpartition(".")[0]
        if not (isinstance(entry, dict) and isinstance(entry.get("sha256"), str)
                and _count(entry.get("bytes")) and (table not in rows or entry.get("rows") == rows[table])):
            return f"lists {name} without its sha256, size and rows"
    if sum(s["rows"] for s in sources) != rows[TABLE]:
        return "its sources' rows do not add up to the table's"
    kinds = _kinds_kept(manifest)
    if not isinstance(kinds, list) or not kinds or not set(kinds) <= set(KINDS):
        return "its 'kinds' are not kinds of figure the census writes"
    return None


def _kinds_kept(manifest: dict):
    """The kinds of figure a run wrote: those ``--kind`` kept, or all."""
    return manifest.get("kinds", list(KINDS))


def _count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def figures_failures(folder: Path, manifest: dict, broken: set[str]) -> list[str]:
    """Findings of the two tables of ``folder`` (``broken``: files whose hash failed)."""
    if broken & set(FILES):
        return []  # the hash already failed: nothing of it is read
    try:
        return (_package_failures(folder) + _row_failures(folder, manifest) + _glyph_failures(folder, manifest)
                + workbook_failures(folder, manifest))
    except (OSError, ValueError, csv.Error, UnicodeDecodeError) as error:
        return [f"[csv_equals_parquet] {TABLE}: cannot be read ({_first_line(error)})"]


def workbook_failures(folder: Path, manifest: dict) -> list[str]:
    """tables.xlsx: a README sheet first, then the figures (over as many sheets as they
    need) and glyph_repairs, each cell the Parquet's (decimals compared as decimals)."""
    import pyarrow.parquet as pq
    from openpyxl import load_workbook

    from extract.census.workbook import README_SHEET, sheet_names

    figure_sheets = sheet_names(TABLE, manifest["rows"][TABLE])
    workbook = load_workbook(folder / WORKBOOK, read_only=True)
    try:
        expected = [README_SHEET, *figure_sheets, GLYPH_TABLE]
        if workbook.sheetnames != expected:
            return [f"[workbook_equals_parquet] {WORKBOOK}: sheets {workbook.sheetnames[:6]}, not {expected[:6]}"]
        figures = (row for name in figure_sheets for row in _sheet_rows(workbook[name]))
        failures = _cells_differ(figures, pq.ParquetFile(folder / FILES[1]), TABLE)
        glyphs = _sheet_rows(workbook[GLYPH_TABLE])
        return failures + _cells_differ(glyphs, pq.ParquetFile(folder / f"{GLYPH_TABLE}.parquet"), GLYPH_TABLE)
    finally:
        workbook.close()


def _sheet_rows(sheet) -> Iterator[tuple]:
    """A sheet's rows below its header (a header unlike the next sheet's is checked by the Parquet's names)."""
    rows = sheet.iter_rows(values_only=True)
    yield ("header", next(rows, ()))
    yield from (("row", row) for row in rows)


def _cells_differ(rows: Iterator[tuple], parquet, table: str) -> list[str]:
    """The first sheet cell that is not its Parquet cell, or a difference in length."""
    from extract.census.workbook import DECIMAL_COLUMNS, cell_of

    columns = parquet.schema_arrow.names
    number = 0
    for batch in parquet.iter_batches(batch_size=BATCH_ROWS):
        for row in batch.to_pylist():
            kind, cells = next(rows, (None, None))
            while kind == "header":
                if tuple(cells or ()) != tuple(columns):
                    return [f"[workbook_equals_parquet] {table}: a sheet's header is not the table's columns"]
                kind, cells = next(rows, (None, None))
            number += 1
            if cells is None:
                return [f"[workbook_equals_parquet] {table}: the workbook ends at row {number}"]
            for column, got in zip(columns, cells, strict=False):
                want = cell_of(column, row[column])
                if not _same_cell(column in DECIMAL_COLUMNS, got, want):
                    return [f"[workbook_equals_parquet] {table} row {number} {column}: workbook {str(got)[:40]!r}, "
                            f"Parquet {str(want)[:40]!r}"]
    if any(kind == "row" for kind, _ in rows):
        return [f"[workbook_equals_parquet] {table}: the workbook has more rows than the Parquet"]
    return []


def _same_cell(exact: bool, got: object, want: object) -> bool:
    """Whether a workbook cell is the one written for a Parquet value (``exact``: a decimal
    column, compared as decimals; a float as openpyxl writes it, to 16 digits)."""
    if exact and got is not None and want is not None:
        return _decimal(str(got)) == _decimal(str(want))
    if isinstance(want, float) and isinstance(got, (int, float)):
        return float(got) == float(WORKBOOK_FLOAT % want)
    return got == want


def _glyph_failures(folder: Path, manifest: dict) -> list[str]:
    """glyph_repairs: the model holds, the CSV is the Parquet cell for cell, and its rows
    are the manifest's."""
    import pandas as pd
    import pandera.errors

    from extract.validate.glyphs import GlyphRepairs

    parquet = pd.read_parquet(folder / f"{GLYPH_TABLE}.parquet")
    written = pd.read_csv(folder / f"{GLYPH_TABLE}.csv", encoding="utf-8-sig", dtype=str,
                          keep_default_na=False, na_values=[""])
    failures = []
    if len(parquet) != manifest["rows"][GLYPH_TABLE] or len(written) != len(parquet):
        failures.append(f"[rows_match_manifest] {GLYPH_TABLE}: {len(written)} CSV and {len(parquet)} Parquet "
                        f"rows, the manifest says {manifest['rows'][GLYPH_TABLE]}")
    elif list(written.columns) != list(parquet.columns) or not all(
            _cell(None if pd.isna(p) else p) == ("" if pd.isna(w) else w)
            for column in parquet.columns for p, w in zip(parquet[column], written[column], strict=True)):
        failures.append(f"[csv_equals_parquet] {GLYPH_TABLE}: the CSV is not the Parquet cell for cell")
    try:
        GlyphRepairs.validate(parquet, lazy=True)
    except pandera.errors.SchemaErrors as errors:
        failures.append(f"[schema] {GLYPH_TABLE}: {_first_line(errors)}")
    return failures


def _package_failures(folder: Path) -> list[str]:
    """datapackage.json declares the types this tool writes the table with."""
    import json

    from extract.census.run import DATAPACKAGE, figures_package

    if json.loads((folder / DATAPACKAGE).read_text(encoding="utf-8")) != figures_package():
        return [f"[datapackage_matches] {DATAPACKAGE}: differs from what the census writes"]
    return []


def _first_line(error: Exception) -> str:
    text = " ".join(str(error).split())
    return (text[:200] or type(error).__name__)


def _row_failures(folder: Path, manifest: dict) -> list[str]:
    from extract.census.rows import COLUMNS

    failures: list[str] = []
    per_source: Counter[str] = Counter()
    kinds = _kinds_kept(manifest)  # manifest_problem vetted it
    with open(folder / FILES[0], "rb") as raw:
        if raw.read(len(codecs.BOM_UTF8)) != codecs.BOM_UTF8:
            failures.append(f"[csv_equals_parquet] {FILES[0]}: no byte-order mark (Excel would read it as CP932)")
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        reader = csv.reader(text)
        header = next(reader, None)
        if tuple(header or ()) != COLUMNS:
            return [*failures, f"[csv_equals_parquet] {FILES[0]}: its header is not the census's columns"]
        count = 0
        for number, (csv_row, row) in enumerate(_paired(reader, folder / FILES[1]), start=1):
            count = number
            if csv_row is None or row is None:
                failures.append(f"[rows_match_manifest] {TABLE}: CSV and Parquet differ in length at row {number}")
                break
            failures += _row_findings(number, csv_row, row, COLUMNS)
            if row["kind"] not in kinds:
                failures.append(f"[rows_match_manifest] {TABLE} row {number}: kind {str(row['kind'])[:20]!r} "
                                f"is not among the kinds written ({', '.join(kinds)})")
            per_source[str(row["source"])] += 1
            tied = _tie(row)  # None (not tied) is no finding and no pass
            if tied:
                failures.append(f"[value_matches_text] {TABLE} row {number} ({row['source']} page "
                                f"{row['page']} line {row['line']}): {tied}")
            if len(failures) > FINDINGS_SHOWN:
                return failures[:FINDINGS_SHOWN] + ["… more findings not shown"]
    return failures + _count_findings(manifest, count, per_source)


def _paired(reader, parquet: Path) -> Iterator[tuple[list[str] | None, dict | None]]:
    """The CSV's rows beside the Parquet's, one batch at a time; None where one side ended."""
    import pyarrow.parquet as pq

    for batch in pq.ParquetFile(parquet).iter_batches(batch_size=BATCH_ROWS):
        for row in batch.to_pylist():
            yield next(reader, None), row
    for extra in reader:
        yield extra, None


def _cell(value) -> str:
    """How the figures CSV writes a Parquet value."""
    if value is None:
        return ""
    return neutralize(value) if isinstance(value, str) else str(value)


def _row_findings(number: int, csv_row: list[str], row: dict, columns) -> list[str]:
    if len(csv_row) != len(columns):
        return [f"[csv_equals_parquet] {TABLE} row {number}: {len(csv_row)} cells, not {len(columns)}"]
    for column, written in zip(columns, csv_row, strict=True):
        if written != _cell(row[column]):
            return [f"[csv_equals_parquet] {TABLE} row {number} {column}: CSV {written[:40]!r}, "
                    f"Parquet {_cell(row[column])[:40]!r}"]
    return []


def _tie(row: dict) -> str | None | bool:
    """What is wrong with a row's value for its text: a finding, False when they agree,
    None when the text alone does not fix the value (not tied)."""
    from extract.japanese import normalize
    from extract.japanese.quantities import find_quantities

    if row["value"] is None or not row["text"]:
        return None
    kinds = {row["kind"], "number"} if row["kind"] == "amount" else {row["kind"]}
    found = find_quantities(normalize(row["text"]))
    read = found[0] if len(found) == 1 else None
    if read is None or read.kind not in kinds or read.value is None:
        return None  # the text alone reads otherwise (a figure joined across blanks, a code)
    value, high = _decimal(row["value"]), _decimal(row["high"])
    if row["unit_from_header"]:  # the text's number times the header's unit, a power of ten
        if value is None:
            return f"value is empty but its text {row['text']!r} reads {read.value}"
        fits = value == 0 if read.value == 0 else _power_of_ten(value / read.value)
        return False if fits and (high is None) == (read.high is None) else (
            f"value {row['value']} is no power of ten times its text {row['text']!r} ({read.value})")
    if value != read.value or high != read.high:
        return (f"value {row['value']} (high {row['high']}) but its text {row['text']!r} reads "
                f"{read.value} (high {read.high})")
    return False


def _power_of_ten(ratio: Decimal) -> bool:
    """1, 10, 1000, 1e6… (a unit such as 千円 or 百万円); never a negative or fraction."""
    if not ratio.is_finite() or ratio < 1:
        return False
    digits = ratio.normalize().as_tuple()
    return digits.digits == (1,) and isinstance(digits.exponent, int) and digits.exponent <= MAX_HEADER_EXPONENT


def _decimal(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return Decimal("NaN")


def _count_findings(manifest: dict, count: int, per_source: Counter[str]) -> list[str]:
    failures = []
    if count != manifest["rows"][TABLE]:
        failures.append(f"[rows_match_manifest] {TABLE} has {count} rows, the manifest says {manifest['rows'][TABLE]}")
    for source in manifest["sources"]:
        if per_source[source["file"]] != source["rows"]:
            failures.append(f"[rows_match_manifest] {source['file']}: {per_source[source['file']]} rows, "
                            f"the manifest says {source['rows']}")
    return failures
