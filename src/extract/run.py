"""The runner: wires the stages; the only code that reads sources and writes outputs."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from extract import __version__
from extract.decks import Deck, find_deck
from extract.errors import BadInput, ValidationFailed, WriteFailed
from extract.figures import find_figures
from extract.ingest import read_document
from extract.lines import normalize_lines
from extract.models import MODELS
from extract.reconcile import GENERIC_CHECKS
from extract.tables import build_tables
from extract.validate import validate
from extract.write import write_outputs

MAX_SOURCE_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Extracted:
    """One source's tables, and the deck that read them."""

    deck: Deck
    tables: dict[str, pd.DataFrame]
    sha256: str


def read_source(path: Path) -> bytes:
    """A source file's bytes, or BadInput naming why it cannot be read."""
    if not path.exists():
        raise BadInput(f"{path.name}: no such file")
    if not path.is_file():
        raise BadInput(f"{path.name}: not a regular file")
    if path.stat().st_size > MAX_SOURCE_BYTES:
        raise BadInput(f"{path.name}: larger than {MAX_SOURCE_BYTES // 2**20} MiB, not this deck")
    try:
        return path.read_bytes()
    except OSError as error:
        raise BadInput(f"{path.name}: cannot be read ({error.strerror})") from None


def extract_tables(data: bytes, name: str) -> Extracted:
    """Bytes of one source -> its tables (not yet validated). Pure: no I/O."""
    document = read_document(data, name)
    deck = find_deck(document)
    lines = normalize_lines(deck.segment(document))
    pages: dict[int, list] = {}
    for line in lines:
        pages.setdefault(line.page, []).append(line)
    records = deck.parse(pages)
    figures = find_figures(lines, default_era=deck.default_era)
    return Extracted(deck, build_tables(records, figures, deck.english), hashlib.sha256(data).hexdigest())


def combine(extracted: list[Extracted]) -> dict[str, pd.DataFrame]:
    """The tables of several sources, one below the other."""
    return {
        name: pd.concat([e.tables[name] for e in extracted], ignore_index=True)
        for name in MODELS
    }


def manifest(extracted: list[Extracted], names: list[str], tables: dict[str, pd.DataFrame],
             checks: list[str]) -> dict:
    """What was read (file, sha256, deck), what was written, and which checks it passed."""
    return {
        "tool": f"extract {__version__}",
        "sources": [
            {"file": name, "sha256": e.sha256, "deck": e.deck.name}
            for name, e in zip(names, extracted)
        ],
        "rows": {name: len(frame) for name, frame in tables.items()},
        "checks_passed": {
            "schemas": [f"{name}: {MODELS[name].__name__}" for name in MODELS],
            "reconciliations": checks,
        },
    }


def run(sources: list[Path], out: Path, debug_images: Path | None = None) -> dict[str, int]:
    """Read, parse, validate and write; returns the row count of each table written.

    With ``debug_images`` (PDF sources only) also writes one PNG per page with every
    extracted figure boxed (:mod:`extract.debug_images`), after the tables.
    """
    names = [path.name for path in sources]
    if len(set(names)) != len(names):
        raise BadInput("two sources share a file name; rows could not be told apart")
    data = [read_source(path) for path in sources]
    if debug_images is not None:
        from extract.debug_images import require_pdfs

        require_pdfs(names, data)
    extracted = [extract_tables(d, name) for d, name in zip(data, names)]
    tables = combine(extracted)
    decks = {e.deck.name: e.deck for e in extracted}
    checks = {name: check for deck in decks.values() for name, check in deck.checks.items()}
    typed, failures = validate(tables, checks)
    if failures:
        raise ValidationFailed(failures)
    try:
        write_outputs(typed, manifest(extracted, names, tables, [*GENERIC_CHECKS, *checks]), out)
    except OSError as error:
        reason = error.strerror or str(error)
        raise WriteFailed(f"could not write {out}/: {reason}; it is left as it was") from None
    if debug_images is not None:
        from extract.debug_images import write_debug_images

        write_debug_images(names, data, [e.tables for e in extracted], debug_images)
    return {name: len(frame) for name, frame in tables.items()}
