"""The runner of ``python -m extract figures``: reads sources, writes the figures table.

Each source is read and censused in its own task (``--jobs N`` processes), page by page
(a PDF streamed: :func:`source_pages`, with per-page limits only, so any number of pages
costs time linear in the pages and memory for one page); its rows go to a part file in
batches of :data:`BATCH_ROWS` (CSV appended, Parquet row groups), so memory holds one page
and one batch. The parts are then joined in the order the sources were given
(deterministic whatever finished first) into ``figures.csv`` and ``figures.parquet``
beside a ``manifest.json`` and a ``datapackage.json``, in a staging folder that replaces
the output folder in one step when everything is written, under the same rules as the
deck's output (:class:`extract.publish.outdir.OutputFolder`: only a folder this tool wrote
is replaced).
Text cells are neutralized against formula injection (:mod:`extract.publish.cells`).
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from extract import __version__
from extract.census import KINDS
from extract.errors import BadInput, ValidationFailed, WriteFailed, shown
from extract.publish.cells import neutralize
from extract.publish.files import describe_files
from extract.publish.outdir import OutputFolder
from extract.read.document import Line
from extract.read.ingest import is_pdf, refuse_control_characters
from extract.read.limits import CENSUS_LIMITS, Limits, check_lines
from extract.read.sources import as_typed, read_source
from extract.workers import signals_blocked as _signals_blocked

if TYPE_CHECKING:
    import pandas as pd

    from extract.read.glyphs import GlyphCheck

# pyarrow and the census (the Japanese core) are imported where they run: a refusal
# (a missing source, a folder that may not be replaced) costs no heavy import.
TABLE = "figures"
GLYPH_TABLE = "glyph_repairs"
COMMAND = "figures"
MANIFEST = "manifest.json"
DATAPACKAGE = "datapackage.json"
CSV_ENCODING = "utf-8-sig"  # with a byte-order mark, as the deck's: Excel reads it as UTF-8
FIGURES_CHECKS = ("census_covers_every_digit", "csv_equals_parquet", "datapackage_matches",
                  "rows_match_manifest", "value_matches_text", "workbook_equals_parquet")
BATCH_ROWS = 10_000
UNIT_ORIGINS = ("inline", "column", "table")  # where a figure's unit was written (census.rows._origin)


@lru_cache(maxsize=1)
def schema():
    """The Parquet schema of the figures table."""
    import pyarrow as pa

    from extract.census.rows import FIELDS

    return pa.schema([(name, getattr(pa, kind)()) for name, kind in FIELDS.items()])


@dataclass(frozen=True)
class Part:
    """What one source's task wrote: its row count and hash, or the check failures it met."""

    name: str
    rows: int
    sha256: str
    failures: tuple[str, ...] = ()
    kinds: tuple[tuple[str, int], ...] = ()  # rows written of each kind, most first
    from_header: int = 0  # rows whose unit a table's header gave
    origins: tuple[tuple[str, int], ...] = ()  # rows by where their unit was written (unit_origin)
    glyphs: tuple[dict, ...] = ()  # a PDF's glyphs read otherwise than claimed (extract.read.glyphs)
    pages: int = 0  # pages read


def summary_line(part: Part) -> str:
    """One line on what a source gave: its rows by kind, and how many took a header's unit."""
    kinds = ", ".join(f"{kind} {count:,}" for kind, count in part.kinds) or "none"
    verdicts = Counter(row["verdict"] for row in part.glyphs)
    glyphs = "".join(f"; {count:,} glyph(s) {verdict}" for verdict, count in sorted(verdicts.items()))
    origins = dict(part.origins)
    written = ", ".join(f"{origin} {origins.get(origin, 0):,}" for origin in UNIT_ORIGINS)
    return (f"{part.name}: {part.rows:,} figure(s) ({kinds}); {part.from_header:,} in a table header's unit "
            f"(units written {written}){glyphs}")


class _Tally:
    """What a source's rows are, counted as they pass: by kind, from a header, by unit origin, pages."""

    def __init__(self, kinds: frozenset[str] | None, on_page: Callable[[int], None] | None):
        self.wanted, self.on_page = kinds, on_page
        self.kinds: Counter[str] = Counter()
        self.origins: Counter[str] = Counter()
        self.from_header = 0
        self.pages: set[int] = set()

    def kept(self, rows: Iterable[dict]) -> Iterator[dict]:
        """The rows of the kinds wanted, counted."""
        for row in rows:
            if self.wanted is None or row["kind"] in self.wanted:
                self.kinds[row["kind"]] += 1
                self.from_header += bool(row["unit_from_header"])
                if row["unit_origin"]:
                    self.origins[row["unit_origin"]] += 1
                yield row

    def paged(self, pages: Iterable[tuple[int, list[Line]]]) -> Iterator[tuple[int, list[Line]]]:
        """The pages, each told to ``on_page`` when first reached (a long text page comes in sections)."""
        for number, lines in pages:
            if number not in self.pages:
                self.pages.add(number)
                if self.on_page is not None:
                    self.on_page(1)
            yield number, lines


def census_part(path: str, name: str, folder: Path, kinds: frozenset[str] | None = None,
                on_page: Callable[[int], None] | None = None) -> Part:
    """Read one source and write its rows (those of ``kinds``, if given) to
    ``folder/<name>.csv`` and ``.parquet`` in batches, page by page (a refusal met on a
    later page is raised as it is met), calling ``on_page(1)`` as each page is reached.
    Every figure is read and checked either way."""
    from extract.census.rows import CensusCheckFailed, census_rows
    from extract.read.glyphs import GlyphCheck

    data = read_source(path, CENSUS_LIMITS)
    tally = _Tally(kinds, on_page)
    glyphs = GlyphCheck() if is_pdf(data) else None
    try:
        rows = census_rows(name, tally.paged(source_pages(data, name, glyphs=glyphs)))
        count = write_rows(tally.kept(rows), folder / f"{name}.csv", folder / f"{name}.parquet")
    except BadInput as error:
        raise as_typed(error, name, path) from None
    except CensusCheckFailed as failed:
        return Part(name, 0, "", tuple(failed.failures), pages=len(tally.pages))
    return Part(name, count, hashlib.sha256(data).hexdigest(), kinds=tuple(tally.kinds.most_common()),
                from_header=tally.from_header, origins=tuple(tally.origins.items()),
                glyphs=tuple(glyphs.rows(name)) if glyphs is not None else (), pages=len(tally.pages))


def page_total(path: str) -> int:
    """How many pages a source has, for a progress bar (0 where it cannot be told cheaply:
    the source is read, and refused if it must be, later)."""
    try:
        with open(path, "rb") as handle:
            if is_pdf(handle.read(1024)):
                import pypdfium2 as pdfium

                document = pdfium.PdfDocument(path)
                try:
                    return len(document)
                finally:
                    document.close()
            handle.seek(0)
            return 1 + sum(chunk.count(b"\f") for chunk in iter(lambda: handle.read(1 << 20), b""))
    except Exception:  # noqa: BLE001 - a count for a bar; the read itself reports what is wrong
        return 0


def source_pages(data: bytes, name: str, limits: Limits = CENSUS_LIMITS,
                 glyphs: GlyphCheck | None = None) -> Iterator[tuple[int, list[Line]]]:
    """A source's pages one at a time, each line numbered within its page, held to ``limits``:
    a PDF's pages as :func:`extract.read.pdf.iter_pdf_pages` reads them (after gatekeeping the
    whole file; each page's lines checked as it comes), a text layer's form-feed pages (its
    lines made one at a time, a long page in sections: :func:`~extract.census.rows.pages_of`);
    a PDF's characters read by their glyphs' shapes where ``glyphs`` is given."""
    from extract.census.rows import pages_of
    from extract.read.ingest import iter_text_lines

    if not is_pdf(data):
        yield from _checked(pages_of(iter_text_lines(data, name)), name, limits)
        return
    from extract.read.pdf import iter_pdf_pages

    pages = enumerate(iter_pdf_pages(data, name, limits.pdf, glyphs), start=1)
    yield from _checked(pages, name, limits, control_characters=True)


def _checked(pages: Iterable[tuple[int, list[Line]]], name: str, limits: Limits,
             control_characters: bool = False) -> Iterator[tuple[int, list[Line]]]:
    """Pages (or sections) as they come, each held to ``limits`` before it is yielded."""
    numerals, lines_before = 0, 0
    for number, lines in pages:
        if control_characters:
            refuse_control_characters((line.text for line in lines), name, first=lines_before + 1)
        numerals = check_lines(lines, name, limits, numerals)
        lines_before += len(lines)
        if limits.lines is not None and lines_before > limits.lines:
            raise BadInput(f"{name}: more than {limits.lines:,} lines, over the limit")
        yield number, lines


def write_rows(rows: Iterable[dict], csv_path: Path, parquet_path: Path) -> int:
    """Stream rows into a header-less CSV and a Parquet file, one batch at a time."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from extract.census.rows import COLUMNS

    count = 0
    with csv_path.open("w", encoding="utf-8", newline="") as csv_file, \
            pq.ParquetWriter(parquet_path, schema()) as parquet:
        writer = csv.writer(csv_file, lineterminator="\r\n")
        for batch in _batches(rows, BATCH_ROWS):
            writer.writerows([_csv_cell(row[column]) for column in COLUMNS] for row in batch)
            parquet.write_table(pa.Table.from_pylist(batch, schema=schema()))
            count += len(batch)
    return count


def _batches(rows: Iterable[dict], size: int) -> Iterator[list[dict]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    return neutralize(value) if isinstance(value, str) else value


def run_figures(sources: list[str], out: str, jobs: int = 1, force: bool = False,
                progress: Callable[[int], None] | None = None, kinds: frozenset[str] | None = None) -> list[Part]:
    """Census every source into ``out`` (replaced in one step; with ``force`` even where a
    file in it was edited since), writing only the rows of ``kinds`` if given; what each
    source gave. ``progress(n)`` is told of pages read: each page as it is reached (with
    ``jobs`` > 1, a source's pages when it is done)."""
    sources = [str(source) for source in sources]
    folder = OutputFolder(str(out), sources, force=force)
    folder.check()
    names = [shown(Path(source).name) for source in sources]
    if len(set(names)) != len(names):
        raise BadInput("two sources share a file name; rows could not be told apart")
    for source in sources:
        if not Path(source).is_file():
            read_source(source, CENSUS_LIMITS)  # raises the one-line refusal
    parts: list[Part] = []

    def fill(staging: Path) -> None:
        parts_folder = staging / "parts"
        parts_folder.mkdir()
        parts.extend(_run_parts(sources, names, parts_folder, jobs, progress, kinds))
        failures = [failure for part in parts for failure in part.failures]
        if failures:
            raise ValidationFailed(failures)
        _join(parts, parts_folder, staging)
        shutil.rmtree(parts_folder)
        from extract.publish.write import write_table

        glyphs = glyph_table(parts)
        write_table(glyphs, staging, GLYPH_TABLE)
        (staging / DATAPACKAGE).write_text(json.dumps(figures_package(), ensure_ascii=False, indent=2) + "\n",
                                           encoding="utf-8")
        total = range(sum(part.rows for part in parts))  # sized: the row count of both files
        from extract.census.workbook import write_figures_workbook

        manifest = manifest_of(parts, kinds)
        write_figures_workbook(staging, TABLE, GLYPH_TABLE, len(total), manifest["sources"])
        manifest["files"] = describe_files(staging, {TABLE: total, GLYPH_TABLE: glyphs})
        (staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                        encoding="utf-8")

    try:
        folder.commit(fill)
    except OSError as error:
        raise WriteFailed(f"could not write {folder.shown}/: {error.strerror or error}; "
                          "it is left as it was") from None
    return parts


def glyph_table(parts: list[Part]) -> pd.DataFrame:
    """glyph_repairs of every source, in source order, validated (a row that breaks the model
    stops the run as any failed check does)."""
    import pandera.errors

    from extract.validate.glyphs import GlyphRepairs, glyph_repairs_frame

    frame = glyph_repairs_frame([row for part in parts for row in part.glyphs])
    try:
        return GlyphRepairs.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as errors:
        raise ValidationFailed([f"[schema] {GLYPH_TABLE}: {line}" for line in
                                str(errors.failure_cases.head(20)).splitlines()]) from None


def _run_parts(sources: list[str], names: list[str], folder: Path, jobs: int,
               progress: Callable[[int], None] | None, kinds: frozenset[str] | None) -> list[Part]:
    """One part per source, in the given order; in ``jobs`` processes when more than one."""
    if jobs <= 1 or len(sources) == 1:
        return [census_part(path, name, folder, kinds, progress) for path, name in zip(sources, names, strict=False)]
    pool = _pool(jobs)
    try:
        with _signals_blocked():  # the workers start with them blocked, then ignore SIGINT
            futures: list[Future[Part]] = [pool.submit(census_part, p, n, folder, kinds)
                                           for p, n in zip(sources, names, strict=False)]
        parts = []
        for future in futures:
            parts.append(future.result())
            if progress:
                progress(parts[-1].pages)
        pool.shutdown()
        return parts
    except BaseException:
        stop_workers(pool)  # SIGTERM, Ctrl-C or a failure: no worker finishes its file
        raise


def _pool(jobs: int) -> ProcessPoolExecutor:
    """Worker processes started fresh (``spawn``: they inherit no lock and no thread),
    each dying with this process (:func:`extract.workers.bind_to_parent`)."""
    import multiprocessing

    from extract.workers import bind_to_parent

    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=bind_to_parent, initargs=(os.getpid(),))


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """Kill every worker of ``pool`` now, then let the pool wind down."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            process.kill()
        except (OSError, ValueError, AttributeError):
            pass
    pool.shutdown(wait=True, cancel_futures=True)


def _join(parts: list[Part], folder: Path, staging: Path) -> None:
    """The parts one after the other, in source order, into the table's CSV and Parquet."""
    import pyarrow.parquet as pq

    from extract.census.rows import COLUMNS

    with (staging / f"{TABLE}.csv").open("w", encoding=CSV_ENCODING, newline="") as joined:
        csv.writer(joined, lineterminator="\r\n").writerow(COLUMNS)
        for part in parts:
            with (folder / f"{part.name}.csv").open(encoding="utf-8", newline="") as piece:
                shutil.copyfileobj(piece, joined)
    with pq.ParquetWriter(staging / f"{TABLE}.parquet", schema()) as writer:
        for part in parts:
            for batch in pq.ParquetFile(folder / f"{part.name}.parquet").iter_batches(batch_size=BATCH_ROWS):
                writer.write_batch(batch)


def manifest_of(parts: list[Part], kinds: frozenset[str] | None = None) -> dict:
    """The deck's manifest shape: tool, sources, rows, checks passed (``files`` added after),
    with ``command`` naming the run that wrote it (and ``kinds``, the rows it kept, if not all)."""
    from extract.census.rows import COLUMNS

    kept = {} if kinds is None else {"kinds": sorted(kinds, key=KINDS.index)}
    return {
        **kept,
        "tool": f"extract {__version__}",
        "command": COMMAND,
        "sources": [{"file": part.name, "sha256": part.sha256, "rows": part.rows} for part in parts],
        "rows": {TABLE: sum(part.rows for part in parts), GLYPH_TABLE: sum(len(part.glyphs) for part in parts)},
        "checks_passed": checks_passed(),
        "columns": list(COLUMNS),
        "value_type": "decimal string (exact; read with decimal.Decimal)",
    }


def figures_package() -> dict:
    """``datapackage.json`` of a figures folder: the column types every reader should use."""
    from extract.census.rows import FIELDS
    from extract.publish.datapackage import model_resource, streamed_package
    from extract.validate.glyphs import GlyphRepairs

    package = streamed_package(TABLE, FIELDS, "extract figures: every figure of the sources",
                               "One row per figure (money, number with a unit, percentage, date) of each "
                               "source, with its page, line, box and text as written; value is an exact "
                               "decimal written as text.")
    package["resources"].append(model_resource(GLYPH_TABLE, GlyphRepairs))
    return package


def checks_passed() -> dict[str, list[str]]:
    """What every figures output was held to (``check`` proves each again from disk)."""
    return {"schemas": [f"{TABLE}: the census's columns and their types", f"{GLYPH_TABLE}: GlyphRepairs"],
            "reconciliations": list(FIGURES_CHECKS)}
