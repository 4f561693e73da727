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
from extract.outdir import OutputFolder
from extract.sources import as_typed, read_source

if TYPE_CHECKING:
    import pandas as pd

    from extract.decks import Deck

# The stages (pandas, pandera, openpyxl, the Japanese core) are imported where they run,
# so a refusal (a missing file, a folder that may not be replaced) costs no heavy import.


def write_documents(folder: Path, tables: dict[str, pd.DataFrame], about: dict) -> None:
    """The data package and the report of the tables ``about`` (a manifest) describes."""
    from extract.datapackage import DATAPACKAGE, datapackage_text
    from extract.report import REPORT

    (folder / DATAPACKAGE).write_text(datapackage_text(about["sources"]), encoding="utf-8")
    (folder / REPORT).write_text(report_text(tables, about), encoding="utf-8")


def report_text(tables: dict[str, pd.DataFrame], about: dict) -> str:
    """``report.html`` for ``tables`` and their manifest ``about``: each source's deck tells
    its story, and the page lists every check the tables passed with what it proves."""
    from extract.contracts import reconciliation_contract
    from extract.decks import deck_named
    from extract.report import report_html

    decks = {source["deck"]: deck_named(source["deck"]) for source in about["sources"]}
    charts = [chart for deck in decks.values() for chart in deck.story(tables)]
    proves = {name: doc for group in reconciliation_contract().values() for name, doc in group.items()}
    return report_html(tables, about, charts, proves)

@dataclass(frozen=True)
class Extracted:
    """One source's tables, and the deck that read them."""

    deck: Deck
    tables: dict[str, pd.DataFrame]
    sha256: str


def extract_tables(data: bytes, name: str) -> Extracted:
    """Bytes of one source -> its tables (not yet validated). Pure: no I/O."""
    from extract.decks import find_deck
    from extract.figures import find_figures
    from extract.ingest import read_document
    from extract.lines import normalize_lines
    from extract.tables import English, build_tables

    document = read_document(data, name)
    deck = find_deck(document)
    lines = normalize_lines(deck.segment(document))
    figures = find_figures(lines, default_era=deck.default_era)  # first: refuses 0.5円
    pages: dict[int, list] = {}
    for line in lines:
        pages.setdefault(line.page, []).append(line)
    records = deck.parse(pages)
    tables = build_tables(records, figures, English(deck.english, deck.term_english))
    return Extracted(deck, tables, hashlib.sha256(data).hexdigest())


def combine(extracted: list[Extracted]) -> dict[str, pd.DataFrame]:
    """The tables of several sources, one below the other."""
    import pandas as pd

    from extract.models import MODELS

    return {
        name: pd.concat([e.tables[name] for e in extracted], ignore_index=True)
        for name in MODELS
    }


def manifest(extracted: list[Extracted], names: list[str], tables: dict[str, pd.DataFrame],
             checks: list[str]) -> dict:
    """What was read (file, sha256, deck), what was written, and which checks it passed.
    The writer adds ``files``: every file written, with its sha256, size and rows."""
    from extract.models import MODELS

    return {
        "tool": f"extract {__version__}",
        "sources": [
            {"file": name, "sha256": e.sha256, "deck": e.deck.name}
            for name, e in zip(names, extracted, strict=False)
        ],
        "rows": {name: len(frame) for name, frame in tables.items()},
        "checks_passed": {
            "schemas": [f"{name}: {MODELS[name].__name__}" for name in MODELS],
            "reconciliations": checks,
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


def run(sources: list[str], out: str, debug_images: bool = False, force: bool = False) -> dict[str, int]:
    """Read, parse, validate and write; returns the row count of each table written.

    ``out`` must be a folder this run may replace (:class:`~extract.outdir.OutputFolder`);
    that is checked before any source is read. With ``debug_images`` (PDF sources only)
    the output also holds one PNG per page in ``debug-images/``. With ``force`` a file of
    ``out`` edited since it was written is replaced too.
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
        from extract.debug_images import require_pdfs

        require_pdfs([shown(source) for source in sources], data)
    from extract.about import readme_rows
    from extract.cells import inexact_numbers, oversized_cells
    from extract.reconcile import GENERIC_CHECKS
    from extract.validate import validate
    from extract.write import DEBUG_IMAGES, write_outputs

    extracted = [_extract_labelled(d, name, typed) for d, name, typed in zip(data, names, sources, strict=False)]
    _one_each(sources, [e.deck.name for e in extracted],
              "are the same document (one deck, read twice would count every figure twice); "
              "give one of them")
    tables = combine(extracted)
    decks = {e.deck.name: e.deck for e in extracted}
    checks = {name: check for deck in decks.values() for name, check in deck.checks.items()}
    typed_tables, failures = validate(tables, checks)
    if failures:
        raise ValidationFailed(failures)
    unwritable = oversized_cells(typed_tables) + inexact_numbers(typed_tables)
    if unwritable:
        raise ValidationFailed(unwritable)
    about = manifest(extracted, names, tables, [*GENERIC_CHECKS, *checks])

    def extra(staging: Path) -> None:
        write_documents(staging, typed_tables, about)
        if debug_images:
            from extract.debug_images import write_debug_images

            write_debug_images(names, data, [e.tables for e in extracted], staging / DEBUG_IMAGES)

    try:
        write_outputs(typed_tables, about, folder, extra, readme_rows(about["sources"]))
    except OSError as error:
        reason = error.strerror or str(error)
        raise WriteFailed(f"could not write {folder.shown}/: {reason}; it is left as it was") from None
    return {name: len(frame) for name, frame in tables.items()}
