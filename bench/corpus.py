"""The inputs of `make bench`, built once and kept in a temporary folder.

- the fixture PDF of the deck (``tests/fixtures/make_fixture_pdf.py``);
- a long budget book (``tests/fixtures/budget_books``): an invented town's book with every
  identity holding, its 款 drawn :data:`BOOK_SCALE` times over, about 600 pages;
- a synthetic census corpus: the slide fixture (``tests/fixtures/make_slides_pdf.py``)
  built from :data:`VARIANTS` copies of the text layer whose figures (the digits before
  億円 百万 万円 % 件) are redrawn at random, one seed per copy, and its pages repeated in
  turn into PDFs of 100, 300 and 1,000 pages (pikepdf copies the pages: the fonts of a copy
  are shared by its repeats, as in a real long document, and each page has its own content
  stream).

The folder is named by a hash of everything the inputs are made from (raw/, the fixture
scripts, this file, the package versions), so a change rebuilds them; nothing is written to
the repository.
"""

from __future__ import annotations

import hashlib
import io
import random
import re
import sys
import tempfile
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw" / "meti_rare_metals_2011-12.txt"
FIXTURES = ROOT / "tests" / "fixtures"
VARIANTS = 4
BOOK_SCALE = 59  # draws of the generated book's 款: about 600 pages
SIZES = (100, 300, 1000)
FIGURE = re.compile(r"[0-9０-９][0-9０-９.．,，]*(?=億円|百万|万円|%|％|件)")


def folder() -> Path:
    """The cache folder of this version of the inputs (created)."""
    digest = hashlib.sha256()
    for path in [RAW, Path(__file__), *sorted(FIXTURES.glob("*.py")), *sorted(FIXTURES.glob("budget_books/*.py"))]:
        digest.update(path.read_bytes())
    for package in ("reportlab", "pikepdf", "fonttools"):
        digest.update(metadata.version(package).encode())
    path = Path(tempfile.gettempdir()) / f"extract-bench-{digest.hexdigest()[:12]}"
    path.mkdir(exist_ok=True)
    return path


def varied(raw: bytes, seed: int) -> bytes:
    """The text layer with the digits of its figures redrawn (same width: ASCII or full-width)."""
    rng = random.Random(seed)

    def redraw(match: re.Match) -> str:
        return "".join(
            (str(d) if c.isascii() else chr(0xFF10 + d)) if c.isdigit() and (d := rng.randrange(10)) >= 0 else c
            for c in match[0]
        )

    return FIGURE.sub(redraw, raw.decode("utf-8")).encode("utf-8")


def _build(path: Path, make) -> Path:
    if not path.exists():
        partial = path.with_suffix(".partial")
        partial.write_bytes(make())
        partial.replace(path)
    return path


def deck_pdf() -> Path:
    """The deck's fixture PDF (9 pages, every line full width)."""
    sys.path.insert(0, str(FIXTURES))
    import make_fixture_pdf

    return _build(folder() / "deck.pdf", make_fixture_pdf.build_fixture_pdf)


def budget_book_pdf() -> Path:
    """A generated budget book of about 600 pages, one PDF (ruled portrait pages)."""
    sys.path.insert(0, str(FIXTURES))
    from budget_books import LAYOUTS, render_book, sample_book

    def make() -> bytes:
        [(_, data)] = render_book(sample_book(3, BOOK_SCALE), LAYOUTS["portrait_ruled"])
        return data

    return _build(folder() / f"budget-book-{BOOK_SCALE}.pdf", make)


def census_pdf(pages: int) -> Path:
    """A corpus PDF of ``pages`` pages: the varied slide copies' pages in turn."""
    return _build(folder() / f"corpus-{pages}.pdf", lambda: _repeated(pages))


def census_split(pages: int, parts: int) -> list[Path]:
    """The corpus of ``pages`` pages as ``parts`` PDFs of equal size (for ``--jobs``)."""
    each = pages // parts
    return [_build(folder() / f"corpus-{pages}-part{index + 1:02d}.pdf", lambda: _repeated(each))
            for index in range(parts)]


def _variants() -> list[Path]:
    sys.path.insert(0, str(FIXTURES))
    import make_slides_pdf

    raw = RAW.read_bytes()
    return [_build(folder() / f"slides-{seed}.pdf", lambda seed=seed: make_slides_pdf.build_slides_pdf(varied(raw, seed)))
            for seed in range(VARIANTS)]


def _repeated(pages: int) -> bytes:
    import pikepdf

    sources = [pikepdf.open(path) for path in _variants()]
    try:
        pool = [page for source in sources for page in source.pages]
        out = pikepdf.new()
        for index in range(pages):
            out.pages.append(pool[index % len(pool)])
            page = out.pages[-1]  # its own content stream, as each page of a real document has
            page.obj.Contents = out.make_stream(page.obj.Contents.read_bytes())
        buffer = io.BytesIO()
        out.save(buffer, deterministic_id=True)
        return buffer.getvalue()
    finally:
        for source in sources:
            source.close()


if __name__ == "__main__":
    for size in SIZES:
        print(census_pdf(size))
