"""Characters drawn as outlines over a blank of the text layer (外字), read by their shape.

Some books draw a character their font lacks (塡 in 補償、補塡及び賠償金) as filled paths,
over a blank that keeps its place in the text layer: the text then loses it. Each blank of
a page with paths standing over it, of a character's size, is rendered (PDFium, the page
cropped to the blank's em square) and judged as a glyph claiming a blank
(:func:`extract.read.glyphs.judge`): a clear match reads as that character; otherwise the
blank stays, and the row of ``glyph_repairs`` gives the box of what is drawn there and what
it looks most like: never dropped silently.
"""

from __future__ import annotations

import bisect
from typing import Any

import numpy as np

from extract.read import shapes

MIN_SIZE_EMS = 0.25  # paths this wide and tall (of the blank's size) at least are a character...
MAX_WIDTH_EMS = 1.5  # ...each no wider or taller than this (a rule or a frame is not)
INK = 64  # grey levels (0-255) darker than paper by this much are ink


def outlined_blanks(layout: Any) -> list[tuple[Any, tuple[float, float, float, float]]]:
    """Each blank character of a pdfminer page layout with paths of a character's size drawn
    in the em square at its origin (and over no character of the text layer: a digit drawn
    twice, as text and as paths, is that digit), and those paths' box (x0, y0, x1, y1, PDF
    coordinates)."""
    from pdfminer.layout import LTChar, LTContainer, LTCurve

    blanks: list[Any] = []
    inked: list[Any] = []
    paths: list[Any] = []
    stack = [iter(layout._objs)]
    while stack:
        for obj in stack[-1]:
            if isinstance(obj, LTChar):
                (inked if obj.get_text().strip() else blanks).append(obj)
            elif isinstance(obj, LTCurve):  # a glyph's straight subpaths come as lines and rects
                paths.append(obj)
            elif isinstance(obj, LTContainer):
                stack.append(iter(obj._objs))
                break
        else:
            stack.pop()
    if not blanks or not paths:
        return []
    inked.sort(key=lambda char: char.x0)
    starts = [char.x0 for char in inked]
    widest = max((char.width for char in inked), default=0.0)
    free = sorted((p for p in paths if not _under_text(p, inked, starts, widest)), key=lambda p: (p.x0 + p.x1) / 2)
    middles = [(p.x0 + p.x1) / 2 for p in free]
    found = []
    for blank in blanks:
        size = blank.size  # a 外字 is a full em wide, whatever the blank under it (a half-width space)
        window = free[bisect.bisect_left(middles, blank.x0):bisect.bisect_right(middles, blank.x0 + size)]
        over = [p for p in window if blank.y0 <= (p.y0 + p.y1) / 2 <= blank.y1
                and p.width <= MAX_WIDTH_EMS * size and p.height <= MAX_WIDTH_EMS * size]
        if over:
            box = (min(p.x0 for p in over), min(p.y0 for p in over), max(p.x1 for p in over), max(p.y1 for p in over))
            if min(box[2] - box[0], box[3] - box[1]) >= MIN_SIZE_EMS * size:
                found.append((blank, box))
    return found


def _under_text(path: Any, inked: list, starts: list[float], widest: float) -> bool:
    """Whether a path's centre stands inside a character of the text layer."""
    x, y = (path.x0 + path.x1) / 2, (path.y0 + path.y1) / 2
    for char in inked[bisect.bisect_left(starts, x - widest):bisect.bisect_right(starts, x)]:
        if char.x0 <= x <= char.x1 and char.y0 <= y <= char.y1:
            return True
    return False


def drawn_shape(document: Any, page_index: int, blank: Any) -> shapes.Shape | None:
    """The shape of what the page draws in the em square at ``blank``'s origin (the
    references' em box), rendered by PDFium at :data:`shapes.EM_PX` pixels per em."""
    size = blank.size
    ascent, descent = shapes.EM_BOX
    origin_x, baseline = blank.matrix[4], blank.matrix[5]
    advance = 1.0  # a full em from the blank's origin
    page = document[page_index]
    left, bottom, right, top = page.get_mediabox()
    square = (origin_x, baseline + descent * size, origin_x + advance * size, baseline + ascent * size)
    crop = (max(0.0, square[0] - left), max(0.0, square[1] - bottom), max(0.0, right - square[2]),
            max(0.0, top - square[3]))
    image = page.render(scale=shapes.EM_PX / size, crop=crop, grayscale=True).to_pil().convert("L")
    ink = 255 - np.asarray(image, np.int16)
    rows, columns = np.nonzero(ink > INK)
    if not len(rows):
        return None
    cut = np.clip(ink[rows.min():rows.max() + 1, columns.min():columns.max() + 1], 0, 255).astype(np.uint8)
    return shapes.shape_of(cut, int(columns.min()), round(ascent * shapes.EM_PX) - int(rows.min()), advance,
                           shapes.EM_BOX)
