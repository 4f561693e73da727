"""The runner: wires the stages; the only code that reads sources and writes outputs.

Sources and ``--out`` are strings as the user typed them: messages name them that way
(``../nope/x.txt``, not ``x.txt``); rows name a source by its file name.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from extract import __version__
from extract.errors import BadInput, ValidationFailed, WriteFailed, shown
from extract.publish.outdir import OutputFolder
from extract.read.sources import as_typed, read_source

if TYPE_CHECKING:
    import pandas as pd

    from extract.families import Family

# The stages (pandas, pandera, openpyxl, the Japanese core) are imported where they run,
# so a refusal (a missing file, a folder that may not be replaced) costs no heavy import.


def write_documents(folder: Path, family: Family, tables: dict[str, pd.DataFrame], about: dict) -> None:
    """The data package and the report of the tables ``about`` (a manifest) describes."""
    from extract.publish.datapackage import DATAPACKAGE, datapackage_text
    from extract.publish.report import REPORT

    (folder / DATAPACKAGE).write_text(datapackage_text(family, about["sources"]), encoding="utf-8")
    (folder / REPORT).write_text(report_text(family, tables, about), encoding="utf-8")


def report_text(family: Family, tables: dict[str, pd.DataFrame], about: dict) -> str:
    """``report.html`` for ``tables`` and their manifest ``about``: the family tells their
    story, and the page lists every check the tables passed with what it proves."""
    from extract.publish.about import citations
    from extract.publish.report import Page, report_html
    from extract.validate.contracts import reconciliation_contract

    page = Page(title=family.front.title, cited=citations(family, about["sources"]),
                sections=family.report_sections(tables), checks=reconciliation_contract()[family.name])
    return report_html(about, page, family.story(tables))


@dataclass(frozen=True)
class Extracted:
    """One source's tables, and the family that read them."""

    family: Family
    tables: dict[str, pd.DataFrame]
    sha256: str


def boxes_to_draw(family: Family, tables: dict[str, pd.DataFrame]) -> list:
    """What the debug images draw for one source's tables: the family's boxes, and each glyph
    of glyph_repairs where it is first drawn."""
    from extract.validate.glyphs import GLYPH_TABLE, glyph_boxes

    return family.debug_boxes(tables) + glyph_boxes(tables.get(GLYPH_TABLE))


def extract_tables(data: bytes, name: str) -> Extracted:
    """Bytes of one source -> its family and tables (not yet validated). Pure: no I/O."""
    from extract.families import find_family
    from extract.read.ingest import read_document
    from extract.validate.glyphs import GLYPH_TABLE, glyph_repairs_frame

    document = read_document(data, name)
    family = find_family(document)
    tables = family.read(document)
    if GLYPH_TABLE in family.models:  # the shared table of glyphs read by their shape
        tables[GLYPH_TABLE] = glyph_repairs_frame(list(document.glyph_repairs))
    return Extracted(family, tables, hashlib.sha256(data).hexdigest())


def combine(family: Family, extracted: list[Extracted]) -> dict[str, pd.DataFrame]:
    """The tables of several sources, one below the other."""
    import pandas as pd

    from extract.validate.glyphs import GLYPH_TABLE, numbered

    tables = {
        name: pd.concat([e.tables[name] for e in extracted if name in e.tables], ignore_index=True)
        for name in family.models
    }
    if GLYPH_TABLE in tables:
        tables[GLYPH_TABLE] = numbered(tables[GLYPH_TABLE])
    return tables


def manifest(family: Family, extracted: list[Extracted], names: list[str], tables: dict[str, pd.DataFrame]) -> dict:
    """What was read (file, sha256), by which family, what was written, and which checks it
    passed. The writer adds ``files``: every file written, with its sha256, size and rows."""
    return {
        "tool": f"extract {__version__}",
        "family": family.name,
        "sources": [
            {"file": name, "sha256": e.sha256}
            for name, e in zip(names, extracted, strict=True)
        ],
        "rows": {name: len(frame) for name, frame in tables.items()},
        "checks_passed": {
            "schemas": [f"{name}: {model.__name__}" for name, model in family.models.items()],
            "reconciliations": list(family.checks),
        },
    }


def _one_each(sources: list[str], keys: list[str], why: str) -> None:
    """Refuse two sources with the same key (file name, bytes, deck), naming both."""
    seen: dict[str, str] = {}
    for source, key in zip(sources, keys, strict=False):
        if key in seen:
            raise BadInput(f"{shown(seen[key])} and {shown(source)} {why}")
        seen[key] = source


def _extract_labelled(data: bytes, name: str, typed: str) -> Extracted:
    """:func:`extract_tables`, with a refusal naming the source as the user typed it."""
    try:
        return extract_tables(data, name)
    except BadInput as error:
        raise as_typed(error, name, typed) from None


def _extract_set(family_name: str, data: list[bytes], names: list[str]) -> tuple[Family, list[Extracted]]:
    """Sources a command gives to the family it names, read together as one document (a
    book split into files): the tables ride on the first source, every source keeps its hash."""
    from extract.families import family_named

    family = family_named(family_name)
    assert family.read_set is not None, f"{family_name}: a family a command names reads its sources as a set"
    tables = family.read_set(list(zip(names, data, strict=True)))
    return family, [Extracted(family, tables if i == 0 else {}, hashlib.sha256(d).hexdigest())
                    for i, d in enumerate(data)]


def run(sources: list[str], out: str, debug_images: bool = False, force: bool = False,
        family_name: str | None = None, keep_going: bool = False) -> dict[str, pd.DataFrame]:
    """Read, parse, validate and write; returns the tables written.

    ``out`` must be a folder this run may replace (:class:`~extract.publish.outdir.OutputFolder`);
    that is checked before any source is read. With ``debug_images`` (PDF sources only)
    the output also holds one PNG per page in ``debug-images/``. With ``force`` a file of
    ``out`` edited since it was written is replaced too. ``family_name`` reads the sources
    as that family's (a command that names its family); otherwise each source's family is
    recognised. With ``keep_going`` the family's stopping findings are written as data.
    """
    sources = [str(source) for source in sources]
    folder = OutputFolder(str(out), sources, force=force)
    try:
        folder.recover()  # a run cut short between two renames left DIR aside: restore it
    except OSError:
        pass  # the parent cannot be opened: the check below says why in one line
    folder.check()
    names = [shown(Path(source).name) for source in sources]
    _one_each(sources, names, "share a file name; rows could not be told apart")
    data = [read_source(source) for source in sources]
    _one_each(sources, [hashlib.sha256(d).hexdigest() for d in data],
              "are the same file (identical bytes); give it once")
    if debug_images:
        from extract.publish.debug_images import require_pdfs

        require_pdfs([shown(source) for source in sources], data)
    from extract.publish.about import readme_rows
    from extract.publish.write import DEBUG_IMAGES, write_outputs

    if family_name is None:
        extracted = [_extract_labelled(d, name, typed) for d, name, typed in zip(data, names, sources, strict=True)]
        family = _one_family(sources, extracted)
    else:
        family, extracted = _extract_set(family_name, data, names)
    tables = combine(family, extracted)
    typed_tables = checked(family, tables, keep_going)
    about = manifest(family, extracted, names, tables)

    def extra(staging: Path) -> None:
        write_documents(staging, family, typed_tables, about)
        if debug_images:
            from extract.publish.debug_images import write_debug_images
            boxes = [boxes_to_draw(family, {n: f[f["source"] == name] for n, f in typed_tables.items()})
                     for name in names]
            write_debug_images(names, data, boxes, staging / DEBUG_IMAGES)

    try:
        write_outputs(typed_tables, about, folder, extra, readme_rows(family, about["sources"]),
                      models=family.models)
    except OSError as error:
        reason = error.strerror or str(error)
        raise WriteFailed(f"could not write {folder.shown}/: {reason}; it is left as it was") from None
    return typed_tables


def checked(family: Family, tables: dict[str, pd.DataFrame], keep_going: bool = False) -> dict[str, pd.DataFrame]:
    """The tables typed by the family's models, every check passed, every cell writable;
    ValidationFailed naming each failure otherwise. With ``keep_going`` the family's
    stopping findings (its ``stops``) are written as data instead."""
    from extract.publish.cells import inexact_numbers, oversized_cells
    from extract.validate.tables import validate

    typed_tables, failures = validate(tables, family)
    if failures:
        raise ValidationFailed(failures)
    stops = [] if keep_going else family.stops(typed_tables)
    if stops:
        raise ValidationFailed(stops)
    unwritable = oversized_cells(typed_tables) + inexact_numbers(typed_tables)
    if unwritable:
        raise ValidationFailed(unwritable)
    return typed_tables


def _one_family(sources: list[str], extracted: list[Extracted]) -> Family:
    """The family every source belongs to; two sources that are one document, or documents
    of two families, are refused."""
    _one_each(sources, [e.family.name for e in extracted],
              "are the same document (one deck, read twice would count every figure twice); "
              "give one of them")
    first = extracted[0].family
    for source, other in zip(sources, extracted, strict=True):
        if other.family is not first:
            raise BadInput(f"{shown(sources[0])} and {shown(source)} are documents of two kinds "
                           f"({first.name}, {other.family.name}); give them in two runs")
    return first
