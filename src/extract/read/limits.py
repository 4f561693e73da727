"""Limits that bound what one run may cost: refused early (exit 2), before memory grows.

The deck's text layer is 13 KB, 474 lines, at most 67 characters and 5 digit runs a line,
109 numbers in all; each limit leaves ample room for a bigger deck of the same kind while
keeping time and memory linear and small. Every row carries its line as written, so the
output grows with (numbers × line length): the limits on both bound it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass

import regex

from extract.errors import BadInput
from extract.read.document import Document, Line

MAX_TEXT_BYTES = 2 * 2**20  # a text layer (the deck's is 13 KB)
MAX_PDF_BYTES = 200 * 2**20  # a PDF (its own gatekeeping bounds what is inside)
MAX_LINES = 20_000  # lines of a document
MAX_LINE_CHARS = 2_000  # characters on one line
MAX_NUMBERS_PER_LINE = 100  # numeral runs on one line
MAX_NUMBERS = 3_000  # numeral runs in the whole document
MAX_NUMERAL_SPAN = 48  # one run of numerals with kanji or 万億兆 (the longest number is 32)
MAX_IMAGE_PIXELS = 40_000_000  # one debug image (a 16:9 slide at 144 dpi is 2 million)

# A run of digits or kanji numerals: what may become a number. Counting these over-counts
# (一般 holds 一), never under-counts, and costs one pass.
NUMERAL_RUN = regex.compile(r"[\p{Nd}〇一二三四五六七八九十百千万萬億兆壱弐参拾]+")
# Runs joined by blanks, as the Japanese core may join them: its time grows faster than
# linearly in such a span's length once kanji numerals or myriad units are in it, so one
# longer than MAX_NUMERAL_SPAN (1万1万1万…, 一億二千万一億二千万…) is refused, not read for minutes.
NUMERAL_SPAN = regex.compile(r"[\p{Nd}〇一二三四五六七八九十百千万萬億兆壱弐参拾]+"
                             r"(?:[ \t\u3000\u00a0]+[\p{Nd}〇一二三四五六七八九十百千万萬億兆壱弐参拾]+)*")
KANJI_NUMERAL = regex.compile(r"[〇一二三四五六七八九十百千万萬億兆壱弐参拾]")


@dataclass(frozen=True)
class PdfLimits:
    """What a PDF may hold before its text is extracted (:mod:`extract.read.pdf`, step 1);
    ``None`` means no limit of that kind. Streams are always bounded one by one
    (``MAX_STREAM_BYTES``, ``MAX_FONT_BYTES`` in :mod:`extract.read.pdf`)."""

    pages: int | None
    objects: int | None  # drawing objects on all pages (into form XObjects, per use)
    page_objects: int | None  # on one page
    chars: int | None  # characters on all pages
    page_chars: int  # on one page
    inflated_bytes: int  # all decoded streams together...
    inflated_bytes_per_page: int = 0  # ...plus this much for each page
    content_bytes: int | None = None  # content streams the pages draw, all pages, each use...
    content_per_byte: int = 0  # ...or this many per byte of the file, if more


@dataclass(frozen=True)
class Limits:
    """What one document may hold; ``None`` means no limit of that kind."""

    text_bytes: int
    pdf_bytes: int
    lines: int | None
    line_chars: int
    numbers_per_line: int
    numbers: int | None
    pdf: PdfLimits


MAX_PAGES = 500  # pages of the deck's PDF
MAX_OBJECTS = 100_000  # drawing objects on all pages (pdfminer: ~50 us each)
MAX_PAGE_OBJECTS = 100_000  # drawing objects on one page (a census: no whole-file limit)
MAX_CHARS = 200_000  # characters on all pages (pdfminer: ~25 us each)
MAX_PAGE_CHARS = 30_000  # characters on one page (a dense slide has ~3,000)
# A census has no whole-file count, but what its pages draw is bounded by the file's size:
# pages that share one content stream draw it again and again (a 16 KB file of 1,000 such
# pages was an hour of work). Real books draw at most 4 decoded content bytes per byte of
# file (Fuji's); past MAX_CONTENT_BYTES, more than MAX_CONTENT_PER_BYTE is refused.
MAX_CONTENT_BYTES = 4 * 2**20
MAX_CONTENT_PER_BYTE = 64
MAX_INFLATED_BYTES = 256 * 2**20  # all decoded streams of a PDF together
INFLATED_BYTES_PER_PAGE = 2**20  # a census: and this much more per page

#: The deck's PDF: one document of slides, read whole; each whole-file bound keeps one run
#: (pdfminer's time grows with characters and objects) to about ten seconds at the limits.
DECK_PDF_LIMITS = PdfLimits(pages=MAX_PAGES, objects=MAX_OBJECTS, page_objects=None, chars=MAX_CHARS,
                            page_chars=MAX_PAGE_CHARS, inflated_bytes=MAX_INFLATED_BYTES)
#: A census PDF is streamed page by page: any number of pages, each page bounded, so the
#: cost grows linearly with the pages and memory holds one page.
CENSUS_PDF_LIMITS = PdfLimits(pages=None, objects=None, page_objects=MAX_PAGE_OBJECTS, chars=None,
                              page_chars=MAX_PAGE_CHARS, inflated_bytes=MAX_INFLATED_BYTES,
                              inflated_bytes_per_page=INFLATED_BYTES_PER_PAGE,
                              content_bytes=MAX_CONTENT_BYTES, content_per_byte=MAX_CONTENT_PER_BYTE)

#: The deck: one document of nine slides, every number held by a row or explained.
DECK_LIMITS = Limits(MAX_TEXT_BYTES, MAX_PDF_BYTES, MAX_LINES, MAX_LINE_CHARS,
                     MAX_NUMBERS_PER_LINE, MAX_NUMBERS, DECK_PDF_LIMITS)
#: ``extract figures`` on any document: streamed page by page, so the document may be long;
#: only what one page or line may cost is bounded (the census is linear in a line's length).
CENSUS_LIMITS = Limits(text_bytes=MAX_PDF_BYTES, pdf_bytes=MAX_PDF_BYTES, lines=None,
                       line_chars=20_000, numbers_per_line=2_000, numbers=None, pdf=CENSUS_PDF_LIMITS)


def check_document(document: Document, label: str, limits: Limits = DECK_LIMITS) -> None:
    """Refuse a document past the line, line-length or numeral limits (BadInput)."""
    if limits.lines is not None and len(document.lines) > limits.lines:
        raise BadInput(f"{label}: {len(document.lines):,} lines, over the limit of {limits.lines:,}")
    check_lines(document.lines, label, limits)


def check_lines(lines: Iterable[Line], label: str, limits: Limits, total: int = 0) -> int:
    """Refuse lines past the line-length or numeral limits (BadInput), ``total`` numerals
    having been counted before them; the count after them."""
    for index, line in enumerate(lines, start=1):
        where = f"page {line.page} line {line.number}" if line.page else f"line {index}"
        if len(line.text) > limits.line_chars:
            raise BadInput(f"{label}: {where} has {len(line.text):,} characters, over the limit "
                           f"of {limits.line_chars:,}")
        runs = sum(1 for _ in NUMERAL_RUN.finditer(line.text))
        if runs > limits.numbers_per_line:
            raise BadInput(f"{label}: {where} has {runs} numbers, over the limit of "
                           f"{limits.numbers_per_line} a line")
        _check_numeral_spans(line.text, label, where)
        total += runs
        if limits.numbers is not None and total > limits.numbers:
            raise BadInput(f"{label}: more than {limits.numbers:,} numbers, over the limit for "
                           "one document")
    return total


def _check_numeral_spans(text: str, label: str, where: str) -> None:
    """Refuse a span of numerals with kanji in it longer than :data:`MAX_NUMERAL_SPAN`."""
    for span in NUMERAL_SPAN.finditer(text):
        if len(span[0]) > MAX_NUMERAL_SPAN and KANJI_NUMERAL.search(span[0]):
            raise BadInput(f"{label}: {where} has a run of {len(span[0]):,} numerals ({span[0][:12]}…), "
                           f"over the limit of {MAX_NUMERAL_SPAN}; no number is that long")


# ---------------------------------------------------------------------------- --jobs

JOB_MEMORY = 400 * 2**20  # what one worker of `figures` may take (20,000 pages ran in 251 MB)


def machine() -> tuple[int, int | None]:
    """The cores this process may run on, and the memory available (bytes; None unknown)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return cores, _available_memory()


def _available_memory() -> int | None:
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, OSError, ValueError):
        return None


def capped_jobs(asked: int, cores: int, available: int | None) -> tuple[int, str | None]:
    """``--jobs`` held to the cores and to the memory (:data:`JOB_MEMORY` a job); with the
    one line that says so when it is capped."""
    by_memory = None if available is None else max(1, available // JOB_MEMORY)
    cap = max(1, min(cores, by_memory if by_memory is not None else cores))
    if asked <= cap:
        return asked, None
    memory = "" if available is None else f", {available / 2**30:.1f} GB of memory available " \
        f"({JOB_MEMORY // 2**20} MB a job)"
    return cap, f"--jobs {asked} capped to {cap}: {cores} core(s){memory}"
