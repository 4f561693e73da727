"""How a PDF writes its text: which shown string drew each character, and in which direction.

Two facts the page's geometry alone does not give:

* **The shown string.** A PDF draws text in strings (``Tj``, or the pieces of a ``TJ`` array
  between two offsets). Characters of one string stand together whatever the character
  spacing (``Tc``) puts between them: a line set letter-spaced (均等割付, 8 pt between the
  characters of 12.4億円) is one word, not six. Between strings, only the gap decides.
  :func:`page_layout` runs pdfplumber's own layout device, counting strings, so each
  character learns its string (``show``) and whether its font writes top to bottom
  (``vertical``: an Identity-V or other vertical CMap, as 縦書き is set).
* **The writing direction.** A character's direction is its text matrix's first axis (a
  vertical font's: the matrix's second axis, downwards). :func:`writing_frames` groups a
  page's characters by direction and gives each group coordinates in which it reads left
  to right, top to bottom: text drawn rotated 90° or set vertically is then cut into lines
  exactly as horizontal text is, and keeps its page boxes for provenance.
"""

from __future__ import annotations

import functools
import math
from typing import Any

import regex

from extract.read.document import BBox

ANGLE_STEP = 1.0  # degrees: directions closer than this are one frame
STACK_MIN = 3  # upright chars drawn one under another, one string each, read as a column...
STACK_ALIGN_EMS = 0.15  # ...the narrower within the wider, give or take this...
STACK_GAP_EMS = 0.5  # ...each at most this far under the one before...
_KANJI_OR_KANA = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")  # ...one of them Japanese


def check_glyphs(pdf: Any, glyphs: Any) -> None:
    """Have every page of a pdfplumber ``pdf`` read its characters through ``glyphs`` (an
    :class:`extract.read.glyphs.GlyphCheck`; None: as the text layer says)."""
    pdf.glyph_check = glyphs


def page_layout(page: Any) -> Any:
    """The page's pdfminer layout, as pdfplumber makes it, each char with ``show`` and
    ``vertical``; pdfplumber's own objects (``page.chars``, ``page.rects`` ...) then come
    from this layout."""
    from pdfminer.pdfinterp import PDFPageInterpreter

    if not hasattr(page, "_layout"):
        device = _string_counter()(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
        device.glyph_check = getattr(page.pdf, "glyph_check", None)
        device.page_frame = (float(page.mediabox[0]), float(page.height) + float(page.mediabox[1]))
        if device.glyph_check is not None:
            from extract.read.glyphs import watch_fonts

            watch_fonts(page.pdf.rsrcmgr)
        PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
        page._layout = device.get_result()
        if device.glyph_check is not None:
            device.glyph_check.read_outlines(page, page._layout)
    return page._layout


@functools.cache
def _string_counter() -> type:
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    class StringCounter(PDFPageAggregatorWithMarkedContent):
        """pdfplumber's layout device, numbering the strings it draws: a ``TJ`` array is
        cut at each offset into strings of its own (the offsets' arithmetic unchanged:
        pdfminer adds the character spacing after an offset just as after a character)."""

        shown = 0
        glyph_check = None  # an extract.read.glyphs.GlyphCheck: each char's text by its glyph's shape
        page_frame = (0.0, 0.0)  # a box's x offset and the y its top is measured down from

        def render_string(self, textstate, seq, ncs, graphicstate) -> None:
            piece: list = []
            for item in seq:
                if isinstance(item, int | float) and piece:
                    self._render(textstate, piece, ncs, graphicstate)
                    piece = []
                piece.append(item)
            if piece:
                self._render(textstate, piece, ncs, graphicstate)

        def _render(self, textstate, seq, ncs, graphicstate) -> None:
            self.shown += 1
            super().render_string(textstate, seq, ncs, graphicstate)

        def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):
            advance = super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate)
            char = self.cur_item._objs[-1]
            char.show, char.vertical = self.shown, font.is_vertical()
            if self.glyph_check is not None:
                left, height = self.page_frame
                box = (char.x0 + left, height - char.y1, char.x1 + left, height - char.y0)
                char._text = self.glyph_check.text_of(font, cid, char._text, self.pageno, box)
            return advance

    return StringCounter


def direction(char: dict) -> tuple[float, float]:
    """The unit vector a character's text advances along, in page coordinates (x right,
    y down)."""
    a, b, c, d = char["matrix"][:4]
    x, y = (-c, -d) if char.get("vertical") else (a, b)
    length = math.hypot(x, y) or 1.0
    return x / length, -y / length  # PDF space has y up; the page's coordinates, y down


def _angle(char: dict) -> float:
    x, y = direction(char)
    return round(math.degrees(math.atan2(y, x)) / ANGLE_STEP) * ANGLE_STEP % 360


def writing_frames(chars: list[dict]) -> list[list[dict]]:
    """A page's chars grouped by writing direction, horizontal text first, then each
    other direction in stream order; each other char carries ``box`` (its page box) and, in
    its frame's coordinates, ``x0``/``x1`` along the writing, ``top``/``bottom`` across
    it and ``baseline`` (its origin's distance across). Horizontal chars are as they
    were."""
    _mark_stacks(chars)
    groups: dict[float, list[dict]] = {}
    for char in chars:
        groups.setdefault(_angle(char), []).append(char)
    return [_framed(group, angle) for angle, group in sorted(groups.items(), key=lambda item: item[0] != 0)]


def _framed(chars: list[dict], angle: float) -> list[dict]:
    out = []
    along = (math.cos(math.radians(angle)), math.sin(math.radians(angle)))
    across = (-along[1], along[0])  # a quarter turn on from the writing: the next line
    for char in chars:
        box = BBox(char["x0"], char["top"], char["x1"], char["bottom"])
        if angle == 0:
            out.append(char)
            continue
        origin = (char["matrix"][4], char["bottom"] + char["y0"] - char["matrix"][5])
        corners = [(x, y) for x in (box.x0, box.x1) for y in (box.top, box.bottom)]
        alongs = [x * along[0] + y * along[1] for x, y in corners]
        acrosses = [x * across[0] + y * across[1] for x, y in corners]
        out.append({
            **char, "box": box, "x0": min(alongs), "x1": max(alongs), "top": min(acrosses),
            "bottom": max(acrosses), "baseline": origin[0] * across[0] + origin[1] * across[1],
        })
    return out


def _mark_stacks(chars: list[dict]) -> None:
    """Mark as ``vertical`` the chars of each column of text set without a vertical font:
    :data:`STACK_MIN` or more upright chars in a row of the stream, each alone in its
    string, each straight under the one before (touching, or at most
    :data:`STACK_GAP_EMS` below), one of them kanji or kana (a column of single digits
    down a table's rows is not a word)."""
    stack: list[dict] = []
    for char in chars:
        if not char["text"].strip():
            continue
        if stack and _under(stack[-1], char):
            stack.append(char)
            continue
        _mark(stack)
        stack = [char]
    _mark(stack)


def _under(above: dict, char: dict) -> bool:
    size = above["size"]
    return (
        not above.get("vertical") and not char.get("vertical") and above["upright"] and char["upright"]
        and char["show"] != above["show"] and abs(char["size"] - size) < 0.05 * size
        and _within(char, above, STACK_ALIGN_EMS * size)
        and -0.05 * size <= char["top"] - above["bottom"] <= STACK_GAP_EMS * size
    )


def _mark(stack: list[dict]) -> None:
    if len(stack) >= STACK_MIN and any(_KANJI_OR_KANA.match(char["text"]) for char in stack):
        for char in stack:
            char["vertical"] = True


def _within(one: dict, other: dict, margin: float) -> bool:
    """Whether the narrower of two chars stands across within the wider (give or take
    ``margin``): a digit under a kanji, centred or flush with it."""
    narrow, wide = sorted((one, other), key=lambda char: char["x1"] - char["x0"])
    return wide["x0"] - margin <= narrow["x0"] and narrow["x1"] <= wide["x1"] + margin
