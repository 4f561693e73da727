"""Ingest a PDF: bytes -> a :class:`Document` of lines, each with one box per character.

Reading happens in two steps so a hostile file costs little:

1. *Gatekeeping*, before any text is extracted, by PDFium (C, fast) and a byte scan.
   The file must end in ``%%EOF`` (else it was cut short), PDFium must open it (else it
   is corrupt), it must not be encrypted, and it must stay within its use's
   :class:`~extract.read.limits.PdfLimits` (the deck's: at most 500 pages). No stream may
   inflate past :data:`MAX_STREAM_BYTES` (a font program: :data:`MAX_FONT_BYTES`; all
   streams together: the limits' ``inflated_bytes``, plus ``inflated_bytes_per_page`` per
   page for a census). Streams
   are found by scanning the raw bytes (every stream of a PDF is a top-level object, so
   this sees content, font, ToUnicode, object and xref streams alike) and decoded with a
   bounded decoder that stops one chunk past the limit, so a decompression bomb is
   refused after inflating at most that much, in 1 MiB pieces counted and dropped.
   Then PDFium parses the pages and counts
   their drawing objects (into form XObjects, per use) and characters, refusing more
   than the limits allow on one page or on all pages (the deck: 100,000 objects, 200,000
   characters, 30,000 on one page; a census: 100,000 objects and 30,000 characters on each
   page, no whole-file count): pdfminer's time grows with those counts, so this bounds the
   time step 2 takes (for the deck, to about ten seconds at the limits; for a census, per page).
2. *Extraction* with pdfplumber, page by page (each page's objects dropped once it is
   read, so memory holds one page), in content-stream order: the order the
   author wrote the slide in (a PowerPoint export draws each text box in turn, its title
   last though it stands on top). A line ends where the flow jumps: the next character
   does not continue along the same baseline (it drops to the next line, jumps back up
   the page, or lands more than :data:`BOX_GAP_EMS` font sizes away, in another box at the
   same height). Within a line characters are ordered by position, so digits keep their
   order even if the stream draws them backwards. Blank lines, which the deck's parsers
   read as the end of a block, are inferred from geometry as a text layer has them: one
   where the flow jumps back up the page or to another column, and k-1 where it moves
   down a column by k line pitches (the page's tightest baseline distance, in font sizes).
   Text written in another direction (rotated, or set vertically) is read the same way in
   its own frame, after the horizontal text (:mod:`extract.read.writing`); within a line,
   the characters of one shown string are one word however they are letter-spaced.

Every refusal is :class:`BadInput` with one sentence naming the file.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from extract.errors import BadInput
from extract.read.document import BBox, Document, Line
from extract.read.glyphs import GlyphCheck
from extract.read.limits import DECK_PDF_LIMITS, PdfLimits
from extract.read.writing import check_glyphs, page_layout, writing_frames

MAX_STREAM_BYTES = 16 * 2**20  # one decoded stream: content, form, CMap, object stream
MAX_FONT_BYTES = 64 * 2**20  # one decoded font program (a whole CJK font is ~16 MiB)
MAX_ATTACHMENT_BYTES = 64 * 2**20  # one attached file (/Type /EmbeddedFile): not content
MAX_ATTACHMENTS_BYTES = 256 * 2**20  # all attached files together
EOF_WINDOW = 1024  # %%EOF must appear within the last KiB (as readers expect)

Y_TOLERANCE = 3.0  # chars whose baselines differ by at most this share a line (points)...
BASELINE_SHARE = 0.4  # ...and by at most this share of their font size (small print)
X_TOLERANCE = 3.0  # a horizontal gap wider than this between two shown strings is a word break...
WORD_GAP_EMS = 0.3  # ...and one wider than this share of the font size (small type)...
MIN_WORD_GAP = 0.5  # ...but never one narrower than this (hidden microtext, positions rounded)
ASCENT_SHARE = 0.88  # of a font size above the baseline (CJK fonts: 0.88 up, 0.12 down)
BOX_GAP_EMS = 3.0  # a gap wider than this many font sizes on one baseline: another box
MIN_SPACING, MAX_SPACING = 1.0, 1.5  # bounds of a line pitch, in font sizes

CORRUPT = "not a readable PDF (corrupt or truncated)"
ENCRYPTED = "the PDF is encrypted; remove the password first"
NO_TEXT = "the PDF has no text layer (a scanned image?); OCR is not supported"


def iter_pdf_pages(data: bytes, name: str, limits: PdfLimits = DECK_PDF_LIMITS,
                   glyphs: GlyphCheck | None = None) -> Iterator[list[Line]]:
    """A PDF's bytes -> each page's numbered lines (with char boxes), one page at a time.

    The whole file is gatekept first (against ``limits``); a page is read only when the
    previous one has been taken, so a consumer holds one page's characters at a time. A
    damaged page tree, or a document without one character of text, is refused after its
    last page. With ``glyphs``, each character reads what its glyph shows
    (:mod:`extract.read.glyphs`), and ``glyphs`` keeps what it found.
    """
    page_count = _gatekeep(data, name, limits)
    yield from _extract_pages(data, name, page_count, _content_budget(limits, len(data)), glyphs)


def read_pdf(data: bytes, name: str, limits: PdfLimits = DECK_PDF_LIMITS,
             glyphs: GlyphCheck | None = None) -> Document:
    """A PDF's bytes -> Document(kind="pdf") with page-numbered lines and char boxes, each
    character read as its glyph shows it (``glyphs``: a :class:`GlyphCheck` of one's own
    settings; by default one with the table of known defects as its fallback)."""
    glyphs = glyphs if glyphs is not None else GlyphCheck()
    pages = list(iter_pdf_pages(data, name, limits, glyphs))
    lines = tuple(line for page in pages for line in page)
    return Document(source=name, kind="pdf", lines=lines, page_count=len(pages),
                    glyph_repairs=tuple(glyphs.rows(name)))


# --- gatekeeping ---------------------------------------------------------------------


def _gatekeep(data: bytes, name: str, limits: PdfLimits) -> int:
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
        if limits.pages is not None and page_count > limits.pages:
            raise BadInput(f"{name}: the PDF has {page_count} pages, over the limit of {limits.pages}")
        # before PDFium parses any page's content
        _check_streams(data, name, limits.inflated_bytes + limits.inflated_bytes_per_page * page_count)
        _check_complexity(document, name, limits)
        return page_count
    except pypdfium2.PdfiumError:
        raise BadInput(f"{name}: {CORRUPT}") from None
    finally:
        document.close()


def _check_complexity(document, name: str, limits: PdfLimits) -> None:
    """Count drawing objects (into form XObjects, per use) and characters with PDFium,
    stopping at the limits: pdfminer's time grows with these, not with bytes."""
    import pypdfium2.raw as pdfium_c

    objects = chars = 0

    def count_objects(found: int, before: int) -> int:
        """Objects on all pages so far, refusing past either limit (``before``: up to this page)."""
        total = objects + found
        if limits.objects is not None and total > limits.objects:
            raise BadInput(f"{name}: {_too_many('drawing objects', limits.objects)}")
        if limits.page_objects is not None and total - before > limits.page_objects:
            raise BadInput(f"{name}: {_too_many('drawing objects on one page', limits.page_objects)}")
        return total

    for index in range(len(document)):
        page = document[index]
        before = objects
        try:
            # objects are counted when found, before they are listed: memory stays bounded
            found = pdfium_c.FPDFPage_CountObjects(page.raw)
            objects = count_objects(found, before)
            stack = [(None, i) for i in range(found)]
            while stack:
                form, i = stack.pop()
                obj = (pdfium_c.FPDFPage_GetObject(page.raw, i) if form is None
                       else pdfium_c.FPDFFormObj_GetObject(form, i))
                if obj and pdfium_c.FPDFPageObj_GetType(obj) == pdfium_c.FPDF_PAGEOBJ_FORM:
                    found = pdfium_c.FPDFFormObj_CountObjects(obj)
                    objects = count_objects(found, before)
                    stack += [(obj, j) for j in range(found)]
            textpage = page.get_textpage()
            on_page = textpage.count_chars()  # PDFium stops counting at 32767 per page
            textpage.close()
        finally:
            page.close()
        chars += on_page
        if on_page > limits.page_chars:
            raise BadInput(f"{name}: {_too_many('characters on one page', limits.page_chars)}")
        if limits.chars is not None and chars > limits.chars:
            raise BadInput(f"{name}: {_too_many('characters', limits.chars)}")


def _too_many(what: str, limit: int) -> str:
    return f"the PDF has more than {limit} {what}; not read (a slide deck has far fewer)"


_STREAM_KEYWORD = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
_OBJ_HEADER = re.compile(rb"\d+\s+\d+\s+obj\b")
_FILTER = re.compile(rb"/(?:Filter|F)\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")  # pdfminer reads /F as /Filter
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_DIRECT_LENGTH = re.compile(rb"/Length\s+(\d+)\b(?!\s+\d+\s+R)")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_FONT_PROGRAM = re.compile(rb"/Length1\b|/Subtype\s*/(?:Type1C|CIDFontType0C|OpenType)\b")
_EMBEDDED_FILE = re.compile(rb"/Type\s*/EmbeddedFile\b")
_DICT_WINDOW = 64 * 1024

FLATE = {b"FlateDecode", b"Fl"}
LZW = {b"LZWDecode", b"LZW"}
ASCII85 = {b"ASCII85Decode", b"A85"}
ASCIIHEX = {b"ASCIIHexDecode", b"AHx"}
RUNLENGTH = {b"RunLengthDecode", b"RL"}


def _check_streams(data: bytes, name: str, all_streams: int) -> None:
    """Decode every non-image stream with a bound; refuse a file whose streams inflate past
    ``all_streams`` bytes together."""
    total = attached = 0
    for dictionary, raw in _raw_streams(data):
        if _IMAGE.search(dictionary):  # images are never decoded to read text
            continue
        if _EMBEDDED_FILE.search(dictionary):  # an attachment: bounded on its own, not content's budget
            attached += _stream_size(dictionary, raw, MAX_ATTACHMENT_BYTES, name)
            if attached > MAX_ATTACHMENTS_BYTES:
                raise BadInput(f"{name}: {_bomb('its attached files together inflate', MAX_ATTACHMENTS_BYTES)}")
            continue
        limit = MAX_FONT_BYTES if _FONT_PROGRAM.search(dictionary) else MAX_STREAM_BYTES
        total += _stream_size(dictionary, raw, limit, name)
        if total > all_streams:
            raise BadInput(f"{name}: {_bomb('its streams together inflate', all_streams)}")


def _stream_size(dictionary: bytes, raw: bytes, limit: int, name: str) -> int:
    """A stream's decoded size, refused (BadInput) past ``limit``."""
    filters = _filters(dictionary)
    size = _decoded_size(raw, filters, limit)
    if size <= limit and filters[:1] != [b"FlateDecode"] and _looks_deflated(raw):  # whatever the
        size = max(size, _inflate(raw, limit, keep=False)[1])  # dictionary says (5 0 R, out of sight)
    if size > limit:
        raise BadInput(f"{name}: {_bomb('a stream inflates', limit)}")
    return size


def _looks_deflated(raw: bytes) -> bool:
    """Whether ``raw`` opens with a zlib header (deflate, a valid check): such a stream is
    sized by inflating it, so a filter the byte scan cannot see (``/Filter 5 0 R``,
    ``[5 0 R]``, or past the scan's window) hides no bomb."""
    return len(raw) >= 2 and raw[0] & 0x0F == 8 and raw[0] >> 4 <= 7 and ((raw[0] << 8) | raw[1]) % 31 == 0


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


def _content_budget(limits: PdfLimits, size: int) -> int | None:
    """The content bytes a file of ``size`` bytes may have its pages draw, all uses counted."""
    if limits.content_bytes is None:
        return None
    return max(limits.content_bytes, limits.content_per_byte * size)


def _extract_pages(data: bytes, name: str, page_count: int, budget: int | None,
                   glyphs: GlyphCheck | None = None) -> Iterator[list[Line]]:
    """Each page's lines, read in content-stream order; refuses a damaged page tree or a
    document with no text once every page has been read, and, before a page is read, a
    document whose pages draw more content than ``budget`` (pages sharing one stream)."""
    import pdfplumber

    read = drawn = 0
    any_text = False
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            check_glyphs(pdf, glyphs)
            for number, page in enumerate(pdf.pages, start=1):
                if budget is not None:
                    drawn += _content_bytes(page)
                    if drawn > budget:
                        raise BadInput(f"{name}: its pages draw more than {budget // 2**20} MiB of content "
                                       f"from {len(data)} bytes (pages sharing one stream?); not read")
                try:
                    lines = _page_text(_deduped(page_chars(page)), number)
                finally:
                    page.close()  # its layout and objects: memory holds one page
                read, any_text = number, any_text or bool(lines)
                yield lines
    except BadInput:
        raise
    except Exception:  # pdfminer raises many types on a damaged file
        raise BadInput(f"{name}: {CORRUPT}") from None
    if read != page_count:  # PDFium and pdfminer disagree: a damaged page tree
        raise BadInput(f"{name}: {CORRUPT}")
    if not any_text:
        raise BadInput(f"{name}: {NO_TEXT}")


def _content_bytes(page) -> int:
    """The decoded size of the content streams a page draws (decoded now or when it is
    read: pdfminer keeps the stream's data)."""
    from pdfminer.pdftypes import resolve1

    return sum(len(resolve1(stream).get_data()) for stream in page.page_obj.contents)


CHAR_KEYS = ("text", "fontname", "size", "upright", "x0", "x1", "y0", "top", "bottom", "doctop", "matrix")


def page_chars(page) -> list[dict]:
    """pdfplumber's ``page.chars``, each with only :data:`CHAR_KEYS` (and the
    ``show`` and ``vertical`` of :func:`~extract.read.writing.page_layout`), in stream order:
    read from the page's pdfminer layout as pdfplumber reads it (the same coordinates, its
    MediaBox offset applied), without turning every other drawing object (and every
    attribute of each character: colours, colour spaces...) into a dict as well."""
    from pdfminer.layout import LTChar, LTContainer
    from pdfplumber.page import fix_fontname_bytes

    height, initial = page.height, page.initial_doctop
    mediabox_x0, mediabox_top = page.mediabox[:2]
    chars: list[dict] = []
    stack = [iter(page_layout(page)._objs)]
    while stack:
        for obj in stack[-1]:
            if isinstance(obj, LTChar):
                fontname = obj.fontname
                if isinstance(fontname, bytes):  # (rare) byte-encoded font names
                    fontname = fix_fontname_bytes(fontname)
                top = (height - obj.y1) + mediabox_top
                x0, x1 = (obj.x0 + mediabox_x0, obj.x1 + mediabox_x0) if mediabox_x0 != 0 else (obj.x0, obj.x1)
                chars.append({
                    "text": obj.get_text(), "fontname": fontname, "size": obj.size, "upright": obj.upright,
                    "x0": x0, "x1": x1, "y0": obj.y0, "top": top, "bottom": (height - obj.y0) + mediabox_top,
                    "doctop": initial + top, "matrix": obj.matrix,
                    "show": getattr(obj, "show", None), "vertical": getattr(obj, "vertical", False),
                })
            elif isinstance(obj, LTContainer):  # a form XObject's chars are the page's, in place
                stack.append(iter(obj._objs))
                break
        else:
            stack.pop()
    return chars


def _deduped(chars: list[dict]) -> list[dict]:
    """A page's chars, in stream order, without the copies an overprint (fake bold)
    leaves: as pdfplumber's ``dedupe_chars`` (same text, font and size, within a point
    down and across: chars of one kind clustered by ``doctop``, then each row by ``x0``,
    chaining values at most 1 apart, the first of each cluster by position kept), which
    restores the order with a quadratic ``list.index``; here one pass per kind, and the
    page as it is when nothing is overprinted."""
    kinds: dict[tuple, list[int]] = {}
    for index, char in enumerate(chars):
        kinds.setdefault((char["upright"], char["text"], char["fontname"], char["size"]), []).append(index)
    dropped: set[int] = set()
    for indices in kinds.values():
        if len(indices) > 1:
            for row in _chained(indices, [chars[i]["doctop"] for i in indices]):
                if len(row) > 1:
                    for cell in _chained(row, [chars[i]["x0"] for i in row]):
                        if len(cell) > 1:
                            kept = min(cell, key=lambda i: (chars[i]["doctop"], chars[i]["x0"], i))
                            dropped.update(i for i in cell if i != kept)
    if not dropped:
        return chars
    return [char for index, char in enumerate(chars) if index not in dropped]


def _chained(indices: list[int], values: list[float], tolerance: float = 1) -> Iterator[list[int]]:
    """``indices`` in clusters of their ``values``, sorted, each value at most ``tolerance``
    above the one before (pdfplumber's ``cluster_objects``)."""
    order = sorted(range(len(indices)), key=values.__getitem__)
    cluster = [indices[order[0]]]
    last = values[order[0]]
    for position in order[1:]:
        value = values[position]
        if value <= last + tolerance:
            cluster.append(indices[position])
        else:
            yield cluster
            cluster = [indices[position]]
        last = value
    yield cluster


@dataclass
class _Run:
    """One line as the content stream draws it: chars that continue along one baseline."""

    chars: list[dict]  # in stream order, blanks included
    baseline: float  # of the last visible char, in points from the page top
    size: float  # the largest font size on the line
    x0: float  # extent of the visible chars
    x1: float

    def continues(self, char: dict, baseline: float) -> bool:
        """Whether ``char`` goes on this line: on its baseline, and beside the line
        (a char drawn just left of it, as when digits are drawn backwards, still counts),
        not a jump of more than :data:`BOX_GAP_EMS` to another box on the same height."""
        size = min(self.size, char["size"]) or 1.0
        reach = BOX_GAP_EMS * max(self.size, char["size"])
        return (abs(baseline - self.baseline) <= min(Y_TOLERANCE, BASELINE_SHARE * size)
                and char["x0"] <= self.x1 + reach and char["x1"] >= self.x0 - reach)

    def add(self, char: dict, baseline: float) -> None:
        self.chars.append(char)
        self.baseline, self.size = baseline, max(self.size, char["size"])
        self.x0, self.x1 = min(self.x0, char["x0"]), max(self.x1, char["x1"])


def _baseline(char: dict) -> float:
    """Where a char stands, in points from the page top (or across its writing frame): its
    origin, not its box (chars of different sizes on one baseline have different tops)."""
    if "baseline" in char:
        return char["baseline"]
    return char["bottom"] + char["y0"] - char["matrix"][5]


def _page_box(char: dict) -> BBox:
    """A char's box on the page (a char in another writing frame keeps it as ``box``)."""
    return char.get("box") or BBox(char["x0"], char["top"], char["x1"], char["bottom"])


def _flow_lines(chars: list[dict]) -> list[_Run]:
    """A page's chars, in content-stream order, cut into lines where the flow jumps."""
    runs: list[_Run] = []
    for char in chars:
        baseline = _baseline(char)
        if not char["text"] or char["text"].isspace():
            if runs and abs(baseline - runs[-1].baseline) <= Y_TOLERANCE:
                runs[-1].chars.append(char)  # a word gap; leading blanks are dropped
            continue
        if runs and runs[-1].continues(char, baseline):
            runs[-1].add(char, baseline)
        else:
            runs.append(_Run([char], baseline, char["size"], char["x0"], char["x1"]))
    return runs


def _line_spacing(runs: list[_Run]) -> float:
    """The page's tightest baseline distance in font sizes (its line pitch), between
    :data:`MIN_SPACING` and :data:`MAX_SPACING`; the latter when no two lines follow
    each other down one column."""
    ratios = [
        (below.baseline - above.baseline) / max(above.size, below.size)
        for above, below in zip(runs, runs[1:], strict=False)
        if below.baseline - above.baseline > Y_TOLERANCE and max(above.size, below.size) > 0
        and _overlaps((above.x0, above.x1), below)
    ]
    return min(MAX_SPACING, max(MIN_SPACING, min(ratios, default=MAX_SPACING)))


def _overlaps(extent: tuple[float, float], run: _Run) -> bool:
    """Whether a line's extent overlaps a horizontal extent (one column)."""
    return run.x0 < extent[1] and run.x1 > extent[0]


def _page_text(chars: list[dict], page: int) -> list[Line]:
    """A page's lines: its horizontal text, then the text of each other writing direction
    (rotated, or set vertically) read in its own frame, a blank line between."""
    lines: list[Line] = []
    for frame in writing_frames(chars):
        if lines:
            lines.append(Line(page=page, number=len(lines) + 1, text="", char_boxes=()))
        lines += _page_lines(_flow_lines(frame), page, first=len(lines) + 1)
    return lines


def _page_lines(runs: list[_Run], page: int, first: int = 1) -> list[Line]:
    """Numbered lines of a page, in stream order, with the blank lines a text layer has
    between blocks: one where the flow jumps back up the page or to another column, and
    k-1 where it moves down one column by k line pitches."""
    spacing = _line_spacing(runs)
    lines: list[Line] = []
    above: _Run | None = None
    block = (0.0, 0.0)  # the current block's horizontal extent
    for run in runs:
        text, boxes = _line_text(sorted(run.chars, key=lambda c: c["x0"]))
        if not text:
            continue
        blanks = 0
        if above is not None:
            drop = run.baseline - above.baseline
            pitch = spacing * max(above.size, run.size)
            if drop < -Y_TOLERANCE or not _overlaps(block, run):
                blanks = 1  # back up the page, or across to another column
            elif pitch > 0:
                blanks = max(0, round(drop / pitch) - 1)
                if not blanks and _white_space(above, run, drop) > min(above.size, run.size):
                    blanks = 1  # taller than a line of the smaller type: large type over small
        for _ in range(blanks):
            lines.append(Line(page=page, number=first + len(lines), text="", char_boxes=()))
        if above is None or blanks:
            block = (run.x0, run.x1)
        else:
            block = (min(block[0], run.x0), max(block[1], run.x1))
        lines.append(Line(page=page, number=first + len(lines), text=text, char_boxes=boxes))
        above = run
    return lines


def _white_space(above: _Run, run: _Run, drop: float) -> float:
    """The empty height between two lines whose baselines are ``drop`` apart: a title in
    18 pt over body text in 8 pt, set as two boxes, falls within one pitch of the title's
    type, yet leaves more than a line of the body's type empty between them."""
    return drop - ASCENT_SHARE * run.size - (1 - ASCENT_SHARE) * above.size


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
        if previous is not None and (gap or _word_gap(previous, char)):
            parts.append(" ")
            edge = _page_box(previous)
            boxes.append(BBox(edge.x1, edge.top, edge.x1, edge.bottom))
        parts.append(text)
        boxes.extend(_char_boxes(char, len(text)))
        previous, gap = char, False
    return "".join(parts), tuple(boxes)


def _word_gap(previous: dict, char: dict) -> bool:
    """Whether a word ends between two chars side by side on a line: never within one
    shown string (its character spacing, however wide, is letter-spacing); between two
    strings, where the gap is wider than :data:`X_TOLERANCE` or :data:`WORD_GAP_EMS` of
    the smaller type (two 6-pt columns 2.5 pt apart are two words), and at least
    :data:`MIN_WORD_GAP`."""
    if previous.get("show") is not None and previous.get("show") == char.get("show"):
        return False
    scaled = WORD_GAP_EMS * min(previous["size"], char["size"])
    return char["x0"] - previous["x1"] > min(X_TOLERANCE, max(MIN_WORD_GAP, scaled))


def _char_boxes(char: dict, count: int) -> list[BBox]:
    """One box per character (on the page); a multi-character glyph (a ligature) is
    split evenly."""
    box = _page_box(char)
    x0, x1, top, bottom = box.x0, box.x1, box.top, box.bottom
    if count == 1:
        return [box]
    step = (x1 - x0) / count
    return [BBox(x0 + i * step, top, x0 + (i + 1) * step, bottom) for i in range(count)]
