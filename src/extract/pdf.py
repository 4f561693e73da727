"""Ingest a PDF: bytes -> a :class:`Document` of lines, each with one box per character.

Reading happens in two steps so a hostile file costs little:

1. *Gatekeeping*, before any text is extracted, by PDFium (C, fast) and a byte scan.
   The file must end in ``%%EOF`` (else it was cut short), PDFium must open it (else it
   is corrupt), it must not be encrypted, and it must have at most :data:`MAX_PAGES`
   pages. No stream may inflate past :data:`MAX_STREAM_BYTES` (a font program:
   :data:`MAX_FONT_BYTES`; all streams together: :data:`MAX_INFLATED_BYTES`). Streams
   are found by scanning the raw bytes (every stream of a PDF is a top-level object, so
   this sees content, font, ToUnicode, object and xref streams alike) and decoded with a
   bounded decoder that stops one chunk past the limit, so a decompression bomb is
   refused after inflating at most that much, in 1 MiB pieces counted and dropped.
   Then PDFium parses the pages and counts
   their drawing objects (into form XObjects, per use) and characters, refusing more
   than :data:`MAX_OBJECTS`, :data:`MAX_CHARS` or :data:`MAX_PAGE_CHARS` on one page:
   pdfminer's time grows with those counts, so this bounds the time step 2 takes
   (to about ten seconds at the limits).
2. *Extraction* with pdfplumber: characters are grouped into lines by their vertical
   position and ordered left to right within a line, so digits keep their order even if
   the content stream draws them out of order. Between a page's first and last line, a
   gap of k line pitches (a line's height times the document's tightest line spacing)
   yields k-1 blank lines, as a text layer has them: the deck's parsers read a blank
   line as the end of a block.

Every refusal is :class:`BadInput` with one sentence naming the file.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterator

from extract.document import BBox, Document, Line
from extract.errors import BadInput

MAX_PAGES = 500
MAX_STREAM_BYTES = 16 * 2**20  # one decoded stream: content, form, CMap, object stream
MAX_FONT_BYTES = 64 * 2**20  # one decoded font program (a whole CJK font is ~16 MiB)
MAX_INFLATED_BYTES = 256 * 2**20  # all decoded streams together
MAX_OBJECTS = 100_000  # drawing objects on all pages (pdfminer: ~50 us each)
MAX_CHARS = 200_000  # characters on all pages (pdfminer: ~25 us each)
MAX_PAGE_CHARS = 30_000  # characters on one page (a dense slide has ~3,000)
EOF_WINDOW = 1024  # %%EOF must appear within the last KiB (as readers expect)

Y_TOLERANCE = 3.0  # chars whose tops differ by at most this share a line (pdfplumber's default)
X_TOLERANCE = 3.0  # a horizontal gap wider than this between chars is a word break

CORRUPT = "not a readable PDF (corrupt or truncated)"
ENCRYPTED = "the PDF is encrypted; remove the password first"
NO_TEXT = "the PDF has no text layer (a scanned image?); OCR is not supported"


def read_pdf(data: bytes, name: str) -> Document:
    """A PDF's bytes -> Document(kind="pdf") with page-numbered lines and char boxes."""
    page_count = _gatekeep(data, name)
    pages = _extract_pages(data, name)
    if len(pages) != page_count:  # PDFium and pdfminer disagree: a damaged page tree
        raise BadInput(f"{name}: {CORRUPT}")
    lines = tuple(line for page in pages for line in page)
    if not any(line.text.strip() for line in lines):
        raise BadInput(f"{name}: {NO_TEXT}")
    return Document(source=name, kind="pdf", lines=lines, page_count=page_count)


# --- gatekeeping ---------------------------------------------------------------------


def _gatekeep(data: bytes, name: str) -> int:
    """Refuse a truncated, corrupt, encrypted, huge, bomb or overly complex PDF; return
    its page count. PDFium (C, fast) answers the questions; pdfminer is not yet involved."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    if b"%%EOF" not in data[-EOF_WINDOW:]:
        raise BadInput(f"{name}: {CORRUPT}")
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        if error.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise BadInput(f"{name}: {ENCRYPTED}") from None
        raise BadInput(f"{name}: {CORRUPT}") from None
    try:
        # Refuse an owner-password-only file too: its streams are encrypted, so they
        # cannot be size-checked before pdfminer decrypts and inflates them.
        if pdfium_c.FPDF_GetSecurityHandlerRevision(document.raw) != -1:
            raise BadInput(f"{name}: {ENCRYPTED}")
        page_count = len(document)
        if page_count == 0:
            raise BadInput(f"{name}: {CORRUPT}")
        if page_count > MAX_PAGES:
            raise BadInput(f"{name}: the PDF has {page_count} pages, over the limit of {MAX_PAGES}")
        _check_streams(data, name)  # before PDFium parses any page's content
        _check_complexity(document, name)
        return page_count
    except pypdfium2.PdfiumError:
        raise BadInput(f"{name}: {CORRUPT}") from None
    finally:
        document.close()


def _check_complexity(document, name: str) -> None:
    """Count drawing objects (into form XObjects, per use) and characters with PDFium,
    stopping at the limits: pdfminer's time grows with these, not with bytes."""
    import pypdfium2.raw as pdfium_c

    objects = chars = 0
    for index in range(len(document)):
        page = document[index]
        try:
            # objects are counted when found, before they are listed: memory stays bounded
            found = pdfium_c.FPDFPage_CountObjects(page.raw)
            objects += found
            if objects > MAX_OBJECTS:
                raise BadInput(f"{name}: {_too_many('drawing objects', MAX_OBJECTS)}")
            stack = [(None, i) for i in range(found)]
            while stack:
                form, i = stack.pop()
                obj = (pdfium_c.FPDFPage_GetObject(page.raw, i) if form is None
                       else pdfium_c.FPDFFormObj_GetObject(form, i))
                if obj and pdfium_c.FPDFPageObj_GetType(obj) == pdfium_c.FPDF_PAGEOBJ_FORM:
                    found = pdfium_c.FPDFFormObj_CountObjects(obj)
                    objects += found
                    if objects > MAX_OBJECTS:
                        raise BadInput(f"{name}: {_too_many('drawing objects', MAX_OBJECTS)}")
                    stack += [(obj, j) for j in range(found)]
            textpage = page.get_textpage()
            on_page = textpage.count_chars()  # PDFium stops counting at 32767 per page
            textpage.close()
        finally:
            page.close()
        chars += on_page
        if on_page > MAX_PAGE_CHARS:
            raise BadInput(f"{name}: {_too_many('characters on one page', MAX_PAGE_CHARS)}")
        if chars > MAX_CHARS:
            raise BadInput(f"{name}: {_too_many('characters', MAX_CHARS)}")


def _too_many(what: str, limit: int) -> str:
    return f"the PDF has more than {limit} {what}; not read (a slide deck has far fewer)"


_STREAM_KEYWORD = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
_OBJ_HEADER = re.compile(rb"\d+\s+\d+\s+obj\b")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_DIRECT_LENGTH = re.compile(rb"/Length\s+(\d+)\b(?!\s+\d+\s+R)")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_FONT_PROGRAM = re.compile(rb"/Length1\b|/Subtype\s*/(?:Type1C|CIDFontType0C|OpenType)\b")
_DICT_WINDOW = 64 * 1024

FLATE = {b"FlateDecode", b"Fl"}
LZW = {b"LZWDecode", b"LZW"}
ASCII85 = {b"ASCII85Decode", b"A85"}
ASCIIHEX = {b"ASCIIHexDecode", b"AHx"}
RUNLENGTH = {b"RunLengthDecode", b"RL"}


def _check_streams(data: bytes, name: str) -> None:
    """Decode every non-image stream with a bound; refuse a file that inflates too far."""
    total = 0
    for dictionary, raw in _raw_streams(data):
        if _IMAGE.search(dictionary):  # images are never decoded to read text
            continue
        limit = MAX_FONT_BYTES if _FONT_PROGRAM.search(dictionary) else MAX_STREAM_BYTES
        size = _decoded_size(raw, _filters(dictionary), limit)
        total += size
        if size > limit:
            raise BadInput(f"{name}: {_bomb('a stream inflates', limit)}")
        if total > MAX_INFLATED_BYTES:
            raise BadInput(f"{name}: {_bomb('its streams together inflate', MAX_INFLATED_BYTES)}")


def _bomb(what: str, limit: int) -> str:
    return f"{what} past {limit // 2**20} MiB (a decompression bomb?); not read"


def _raw_streams(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    """(dictionary, raw bytes) of every stream object, found lexically."""
    for match in _STREAM_KEYWORD.finditer(data):
        window_start = max(0, match.start() - _DICT_WINDOW)
        headers = list(_OBJ_HEADER.finditer(data, window_start, match.start()))
        dictionary = data[headers[-1].end() if headers else window_start : match.start() + 2]
        start = match.end()
        length = _DIRECT_LENGTH.search(dictionary)
        end = -1
        if length:
            end = start + int(length.group(1))
            if b"endstream" not in data[end : end + 32]:
                end = -1  # a wrong /Length: fall back to the keyword
        if end < 0:
            end = data.find(b"endstream", start)
            if end < 0:
                end = len(data)
        yield dictionary, data[start:end]


def _filters(dictionary: bytes) -> list[bytes]:
    match = _FILTER.search(dictionary)
    return _NAME.findall(match.group(1)) if match else []


def _decoded_size(raw: bytes, filters: list[bytes], limit: int) -> int:
    """Size of ``raw`` decoded through ``filters``; stops once it exceeds ``limit``.

    Intermediate results are only kept while they are within the limit; an unknown or
    image-only filter ends decoding (pdfminer does not expand those for text either).
    """
    data, size = raw, len(raw)
    for index, name in enumerate(filters):
        keep = index < len(filters) - 1  # the last step's output is only counted
        if name in FLATE:
            data, size = _inflate(data, limit, keep)
        elif name in LZW:
            data, size = _lzw(data, limit, keep)
        elif name in RUNLENGTH:
            data, size = _runlength(data, limit, keep)
        elif name in ASCII85 or name in ASCIIHEX:
            from pdfminer.ascii85 import ascii85decode, asciihexdecode

            try:  # these only shrink their input
                data = ascii85decode(data) if name in ASCII85 else asciihexdecode(data)
            except Exception:
                return size
            size = len(data)
        else:
            return size
        if size > limit:
            return size
    return size


def _inflate(raw: bytes, limit: int, keep: bool) -> tuple[bytes, int]:
    inflater = zlib.decompressobj()
    chunks: list[bytes] = []
    size = 0
    pending = raw
    try:
        while pending and not inflater.eof:
            out = inflater.decompress(pending, 1 << 20)
            size += len(out)
            if size > limit:
                return b"", size
            if keep:
                chunks.append(out)
            pending = inflater.unconsumed_tail
            if not out and not pending:
                break
    except zlib.error:
        pass  # pdfminer keeps what decoded before the error; so do we
    return b"".join(chunks), size


def _lzw(raw: bytes, limit: int, keep: bool) -> tuple[bytes, int]:
    from pdfminer.lzw import LZWDecoder

    chunks: list[bytes] = []
    size = 0
    try:
        for out in LZWDecoder(io.BytesIO(raw)).run():
            size += len(out)
            if size > limit:
                return b"", size
            if keep:
                chunks.append(out)
    except Exception:
        pass
    return b"".join(chunks), size


def _runlength(raw: bytes, limit: int, keep: bool) -> tuple[bytes, int]:
    """RunLengthDecode sized without expanding (a run of 128 bytes costs 2)."""
    size, index = 0, 0
    while index < len(raw):
        length = raw[index]
        if length == 128:
            break
        if length < 128:
            size += length + 1
            index += length + 2
        else:
            size += 257 - length
            index += 2
        if size > limit:
            return b"", size
    if keep:
        from pdfminer.runlength import rldecode

        return rldecode(raw), size
    return b"", size


# --- extraction ----------------------------------------------------------------------


def _extract_pages(data: bytes, name: str) -> list[list[Line]]:
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            rows = [_page_rows(page.dedupe_chars().chars) for page in pdf.pages]
    except BadInput:
        raise
    except Exception:  # pdfminer raises many types on a damaged file
        raise BadInput(f"{name}: {CORRUPT}") from None
    spacing = _line_spacing(rows)
    return [_page_lines(page_rows, number, spacing) for number, page_rows in enumerate(rows, 1)]


_Row = tuple[float, float, str, tuple[BBox, ...]]  # top, height, text, char boxes


def _page_rows(chars: list[dict]) -> list[_Row]:
    """Group a page's chars into lines (by top), each read left to right."""
    groups: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if groups and char["top"] - groups[-1][-1]["top"] <= Y_TOLERANCE:
            groups[-1].append(char)
        else:
            groups.append([char])
    rows = []
    for group in groups:
        text, boxes = _line_text(sorted(group, key=lambda c: c["x0"]))
        if text:
            top = min(c["top"] for c in group)
            rows.append((top, max(c["bottom"] for c in group) - top, text, boxes))
    return rows


def _line_spacing(pages: list[list[_Row]]) -> float:
    """The document's tightest baseline distance, in line heights (at least 1)."""
    ratios = [
        (below[0] - above[0]) / above[1]
        for rows in pages for above, below in zip(rows, rows[1:])
        if below[0] - above[0] > Y_TOLERANCE and above[1] > 0
    ]
    return max(1.0, min(ratios, default=1.0))


def _page_lines(rows: list[_Row], page: int, spacing: float) -> list[Line]:
    """Numbered lines of a page; a gap of k line pitches holds k-1 blank lines."""
    lines: list[Line] = []
    above: _Row | None = None
    for row in rows:
        if above is not None and above[1] > 0:
            pitches = round((row[0] - above[0]) / (above[1] * spacing))
            for _ in range(max(0, pitches - 1)):
                lines.append(Line(page=page, number=len(lines) + 1, text="", char_boxes=()))
        lines.append(Line(page=page, number=len(lines) + 1, text=row[2], char_boxes=row[3]))
        above = row
    return lines


def _line_text(row: list[dict]) -> tuple[str, tuple[BBox, ...]]:
    """Chars of one line -> text with single spaces at word gaps, and one box per char."""
    parts: list[str] = []
    boxes: list[BBox] = []
    previous: dict | None = None
    gap = False
    for char in row:
        text = char["text"]
        if not text or text.isspace():
            gap = previous is not None
            continue
        if previous is not None and (gap or char["x0"] - previous["x1"] > X_TOLERANCE):
            parts.append(" ")
            edge = previous["x1"]
            boxes.append(BBox(edge, previous["top"], edge, previous["bottom"]))
        parts.append(text)
        boxes.extend(_char_boxes(char, len(text)))
        previous, gap = char, False
    return "".join(parts), tuple(boxes)


def _char_boxes(char: dict, count: int) -> list[BBox]:
    """One box per character; a multi-character glyph (a ligature) is split evenly."""
    x0, x1, top, bottom = char["x0"], char["x1"], char["top"], char["bottom"]
    if count == 1:
        return [BBox(x0, top, x1, bottom)]
    step = (x1 - x0) / count
    return [BBox(x0 + i * step, top, x0 + (i + 1) * step, bottom) for i in range(count)]
