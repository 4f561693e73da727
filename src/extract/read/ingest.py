"""Ingest: the bytes of a source file -> a :class:`Document` of lines as written.

Text layers are accepted as UTF-8 (with or without BOM), UTF-16 or UTF-32 with a BOM, or
Shift_JIS/CP932, with LF, CRLF or CR line ends; a form feed (a page break, as pdftotext
writes it) ends a line. PDFs are handed to :mod:`extract.read.pdf`. Anything else is
:class:`BadInput`. Every document is held to :mod:`extract.read.limits` before it is parsed.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator

import regex

from extract.errors import BadInput
from extract.read.document import Document, Line
from extract.read.limits import DECK_LIMITS, Limits, check_document

PDF_MAGIC = b"%PDF-"
TEXT_ENCODINGS = ("utf-8-sig", "cp932")
# BOM -> codec; UTF-32 first: its little-endian BOM begins with UTF-16's.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab, LF, FF, CR never occur in a text layer; nor do the
# noncharacters U+FFFE/U+FFFF (no spreadsheet or XML file can hold them either).
_CONTROL_BYTES = regex.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")
_CONTROL_CHARS = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\ufffe\uffff]")
_LINE_BREAK = regex.compile(r"\r\n|\r|\n")
# A form feed starts a new page (as pdftotext writes it); a line break before it is the same break.
_PAGE_BREAK = regex.compile(r"(?:\r\n|\r|\n)?\f")


def is_pdf(data: bytes) -> bool:
    """Whether the bytes are a PDF (its magic, after leading blanks)."""
    return data.lstrip()[:5] == PDF_MAGIC


def read_document(data: bytes, name: str, limits: Limits = DECK_LIMITS) -> Document:
    """Turn a file's bytes into a Document, dispatching on what the bytes are; a document
    past ``limits`` is refused."""
    if not data.strip():
        raise BadInput(f"{name}: the file is empty")
    if is_pdf(data):
        from extract.read.pdf import read_pdf  # pdfplumber is imported only for PDFs

        document = read_pdf(data, name, limits.pdf)
        refuse_control_characters((line.text for line in document.lines), name)
    else:
        document = read_text(data, name)
    check_document(document, name, limits)
    return document


def decode_text(data: bytes, name: str) -> str:
    """Decode a text layer, refusing binary data and unknown encodings."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                raise BadInput(f"{name}: not readable as {codec.upper()} text") from None
    if _CONTROL_BYTES.search(data):
        raise BadInput(f"{name}: binary data, not a text layer or a PDF")
    for encoding in TEXT_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise BadInput(f"{name}: not readable as UTF-8 or Shift_JIS text")


def refuse_control_characters(lines: Iterable[str], name: str, first: int = 1) -> None:
    """Refuse text holding a control character (BadInput naming its line, counted from ``first``)."""
    for number, text in enumerate(lines, start=first):
        found = _CONTROL_CHARS.search(text)
        if found:
            raise BadInput(f"{name}: control character U+{ord(found[0]):04X} on line {number}; "
                           "binary data, not a text layer")


def read_text(data: bytes, name: str) -> Document:
    """A text layer -> Document whose lines are numbered within the file.

    Pages are unknown (``page`` None) unless the text has form feeds: then each line's
    ``page`` counts the form feeds before it, from 1. A deck re-segments pages by its anchors.
    """
    return Document(source=name, kind="text", lines=tuple(iter_text_lines(data, name)))


def iter_text_lines(data: bytes, name: str) -> Iterator[Line]:
    """A text layer's lines one at a time, numbered within the file (pages as
    :func:`read_text` says), a control character refused on the line it is met: the
    text is decoded whole, but no list of its lines is ever made."""
    text = decode_text(data, name)
    if not text.strip():
        raise BadInput(f"{name}: the file is empty")
    paged = _PAGE_BREAK.search(text) is not None
    number, held = 0, None  # an empty line is held back: the file's last one is dropped
    for page, line in _split_lines(text):
        if held is not None:
            yield held
            held = None
        number += 1
        refuse_control_characters([line], name, first=number)
        current = Line(page=page if paged else None, number=number, text=line)
        if line:
            yield current
        else:
            held = current


def _split_lines(text: str) -> Iterator[tuple[int, str]]:
    """(page, line) of a text, pages cut at form feeds, lines at any line break."""
    start = 0
    breaks = [*_PAGE_BREAK.finditer(text), None]
    for page, found in enumerate(breaks, start=1):
        end = found.start() if found else len(text)
        position = start
        for line_break in _LINE_BREAK.finditer(text, start, end):
            yield page, text[position:line_break.start()]
            position = line_break.end()
        yield page, text[position:end]
        if found:
            start = found.end()
