"""Shared fixtures: the source as bytes, a way to edit a copy of it, and the CLI in-process."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "raw" / "meti_rare_metals_2011-12.txt"
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))  # make_fixture_pdf, make_slides_pdf, pdf_samples

DEEP = os.environ.get("EXTRACT_DEEP") == "1"  # `make deep`: the fuzzers and kill loops at length

# Property tests: `make test` (and CI) draws the same examples every run (derandomized, no
# example database on disk), so a test fails by its code, never by chance; `make deep`
# explores at random, and saves nothing either.
settings.register_profile("repeatable", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", database=None, print_blob=True)
settings.load_profile("explore" if DEEP else "repeatable")


def rounds(suite: int, deep: int) -> int:
    """How many examples a fuzzer or a kill loop runs: ``suite`` in `make test` (kept fast),
    ``deep`` under `make deep` (EXTRACT_DEEP=1)."""
    return deep if DEEP else suite


@pytest.fixture(scope="session")
def source_bytes() -> bytes:
    return SOURCE.read_bytes()


@pytest.fixture(scope="session")
def source_text(source_bytes: bytes) -> str:
    return source_bytes.decode("utf-8")


@pytest.fixture(scope="session")
def extracted(source_bytes: bytes):
    """The tables of the real source, extracted once for the session (not validated)."""
    from extract.pipeline import extract_tables

    return extract_tables(source_bytes, SOURCE.name)


@pytest.fixture(scope="session")
def tables(extracted):
    """The validated, typed tables of the real source."""
    from extract.validate.tables import validate

    typed, failures = validate(extracted.tables, extracted.family)
    assert failures == []
    return typed


@pytest.fixture(scope="session")
def deck_pdf(tmp_path_factory) -> Path:
    """The fixture PDF, built once per session from raw/ (about half a second)."""
    import make_fixture_pdf

    path = tmp_path_factory.mktemp("pdf") / "deck.pdf"
    path.write_bytes(make_fixture_pdf.build_fixture_pdf())
    return path


@pytest.fixture(scope="session")
def slides_pdf(tmp_path_factory) -> Path:
    """The slide-deck fixture PDF (16:9, boxes in columns, title emitted last), built once
    per session from raw/."""
    import make_slides_pdf

    path = tmp_path_factory.mktemp("slides") / "slides.pdf"
    path.write_bytes(make_slides_pdf.build_slides_pdf())
    return path


def edited_source(text: str, old: str, new: str, count: int = 1) -> str:
    """The source with ``old`` replaced by ``new`` exactly ``count`` times (asserted)."""
    assert text.count(old) == count, f"{old!r} occurs {text.count(old)} times, expected {count}"
    return text.replace(old, new)


def edited_at_once(text: str, edits: dict[str, str]) -> str:
    """The source with each key (occurring exactly once, asserted) replaced by its value, all
    in one pass over the original text: a new value equal to another key is not edited again
    (``460 -> 420`` beside ``420 -> 430``)."""
    for old in edits:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times, expected 1"
    pattern = "|".join(map(re.escape, edits))
    return re.sub(pattern, lambda match: edits[match.group(0)], text)


def tree_digest(folder: Path) -> str:
    """A digest of every file name and byte under ``folder``."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="session")
def fresh_output(tmp_path_factory) -> Path:
    """A real run's output folder, written once per session (do not modify: copy it)."""
    from extract.cli.main import main

    out = tmp_path_factory.mktemp("fresh") / "output"
    assert main([str(SOURCE), "--out", str(out)]) == 0
    return out


@pytest.fixture
def previous_output(tmp_path: Path, fresh_output: Path) -> Path:
    """An --out folder that already holds a previous run's files (a copy, free to change)."""
    out = tmp_path / "out"
    shutil.copytree(fresh_output, out)
    return out
