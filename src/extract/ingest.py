"""Ingest: the bytes of a source file -> a :class:`Document` of lines as written.

Text layers are accepted as UTF-8 (with or without BOM) or Shift_JIS/CP932, with LF or
CRLF line ends. PDFs are handed to :mod:`extract.pdf`. Anything else is :class:`BadInput`.
"""

from __future__ import annotations

from extract.document import Document, Line
from extract.errors import BadInput

PDF_MAGIC = b"%PDF-"
TEXT_ENCODINGS = ("utf-8-sig", "cp932")
# Control characters other than tab, LF, CR, FF never occur in a text layer.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def read_document(data: bytes, name: str) -> Document:
    """Turn a file's bytes into a Document, dispatching on what the bytes are."""
    if not data.strip():
        raise BadInput(f"{name}: the file is empty")
    if data.lstrip()[:5] == PDF_MAGIC:
        from extract.pdf import read_pdf  # pdfplumber is imported only for PDFs

        return read_pdf(data, name)
    return read_text(data, name)


def decode_text(data: bytes, name: str) -> str:
    """Decode a text layer, refusing binary data and unknown encodings."""
    head = data[:65536]
    if any(byte in _CONTROL_BYTES for byte in head):
        raise BadInput(f"{name}: binary data, not a text layer or a PDF")
    for encoding in TEXT_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise BadInput(f"{name}: not readable as UTF-8 or Shift_JIS text")


def read_text(data: bytes, name: str) -> Document:
    """A text layer -> Document whose lines are numbered within the file (pages unknown)."""
    text = decode_text(data, name)
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if raw_lines and raw_lines[-1] == "":
        raw_lines.pop()
    lines = tuple(Line(page=None, number=n, text=t) for n, t in enumerate(raw_lines, start=1))
    return Document(source=name, kind="text", lines=lines)
