"""Debug images: every page of a PDF source with each extracted figure boxed and labelled.

    python -m extract deck.pdf --out DIR --debug-images     # PNGs in DIR/debug-images/

One PNG per page, with the boxes the source's family gives (for a deck: money amounts,
labelled ``amounts …``, boxed in :data:`AMOUNT_COLOUR`, every other number of its census in
:data:`FIGURE_COLOUR`); each box carries a label such as ``amounts A03 12.4億円``, set in
free space near the box — never over a character of the page or another box — with a
leader line when it stands off, or in a margin to the right of the page when there is no
room nearby. Boxes are drawn last, one pixel-exact outline each, so a test (or a
reviewer) can count them.
Labels are set in Noto Sans CJK JP when the ``noto-cjk-sans-jp-regular`` package is
installed; without it Pillow's default font is used and non-ASCII characters show as ``?``.

The PNGs are written into the output folder's staging copy, so they are committed with
the tables and listed in the manifest. A page whose image would pass
:data:`~extract.read.limits.MAX_IMAGE_PIXELS` is refused before anything is read or drawn.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from extract.errors import BadInput
from extract.read.document import BBox
from extract.read.limits import MAX_IMAGE_PIXELS

AMOUNT_COLOUR = (220, 0, 0)
FIGURE_COLOUR = (0, 90, 220)
GLYPH_COLOUR = (0, 150, 60)  # a glyph read otherwise than its text layer claims (glyph_repairs)
GLYPH_LABEL = "glyph "  # what such a box's label starts with
LABEL_COLOURS = {AMOUNT_COLOUR: (140, 0, 0), FIGURE_COLOUR: (0, 50, 140), GLYPH_COLOUR: (0, 95, 35)}
RESOLUTION = 144  # dpi: 2 pixels per PDF point
LABEL_PX = 11
LABEL_REACH = 120  # pixels: how far from its box a label may be set on the page
MARGIN_GAP = 8  # pixels between the page and a label set in the margin
BOX_WIDTH = 1

Box = tuple[int, BBox, str]


def colour_of(label: str) -> tuple[int, int, int]:
    """A box's colour: amounts rows in red, glyphs read by their shape in green, other
    figures in blue."""
    if label.startswith(GLYPH_LABEL):
        return GLYPH_COLOUR
    return AMOUNT_COLOUR if label.startswith("amounts") else FIGURE_COLOUR


class Pixels(NamedTuple):
    """A rectangle of pixels, edges inclusive: left, top, right, bottom."""

    x0: int
    top: int
    x1: int
    bottom: int


@dataclass(frozen=True)
class Label:
    """A label as drawn, in pixels: its rectangle, the box it labels, and a leader line
    from one to the other (None where the label touches its box)."""

    rect: Pixels
    box: Pixels
    text: str
    colour: tuple[int, int, int]
    leader: tuple[tuple[int, int], tuple[int, int]] | None


def draw_figures(pdf: bytes, boxes: Iterable[Box], out_dir: Path, *,
                 prefix: str = "", resolution: int = RESOLUTION) -> list[Path]:
    """Render every page of ``pdf`` with ``boxes`` drawn; one PNG per page, in page order.

    Each label sits in free space near its box, translucent, never over a character or
    a box of the page (:func:`label_layout`), joined to its box by a leader line when it
    is not beside it; where the page has no room near the box, in a margin to the right.
    """
    import pdfplumber
    from PIL import Image, ImageDraw

    by_page = _by_page(boxes)
    out_dir.mkdir(parents=True, exist_ok=True)
    font = _label_font()
    written = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        _check_pages(by_page, len(document.pages))
        for number, page in enumerate(document.pages, start=1):
            scale = resolution / 72
            _check_pixels(float(page.width) * scale, float(page.height) * scale, number, "the PDF")
            page_image = page.to_image(resolution=resolution).original.convert("RGB")
            labels = _page_labels(page, by_page.get(number, []), scale, font)
            width = max([page_image.width] + [label.rect.x1 + 2 for label in labels])
            height = max([page_image.height] + [label.rect.bottom + 2 for label in labels])
            image = Image.new("RGBA", (width, height), (255, 255, 255, 255))
            image.paste(page_image, (0, 0))
            overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
            draw = ImageDraw.Draw(overlay)
            for label in labels:
                _draw_label(draw, label, font)
            image = Image.alpha_composite(image, overlay).convert("RGB")
            draw = ImageDraw.Draw(image)
            for label in labels:  # after the labels: outlines stay exact
                x0, top, x1, bottom = label.box
                draw.rectangle((x0, top, max(x1, x0 + 1), max(bottom, top + 1)),
                               outline=label.colour, width=BOX_WIDTH)
            path = out_dir / f"{prefix}page-{number:02d}.png"
            image.save(path, optimize=True)
            written.append(path)
    return written


def label_layout(pdf: bytes, boxes: Iterable[Box], *,
                 resolution: int = RESOLUTION) -> dict[int, list[Label]]:
    """Where :func:`draw_figures` puts each page's labels (pixels at ``resolution``)."""
    import pdfplumber

    by_page = _by_page(boxes)
    font = _label_font()
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        _check_pages(by_page, len(document.pages))
        return {number: _page_labels(page, by_page.get(number, []), resolution / 72, font)
                for number, page in enumerate(document.pages, start=1)}


def _by_page(boxes: Iterable[Box]) -> dict[int, list[tuple[BBox, str]]]:
    by_page: dict[int, list[tuple[BBox, str]]] = {}
    for page, box, label in boxes:
        by_page.setdefault(page, []).append((box, label))
    return by_page


def _check_pages(by_page: dict, page_count: int) -> None:
    unknown = set(by_page) - set(range(1, page_count + 1))
    if unknown:
        raise ValueError(f"boxes on pages the PDF does not have: {sorted(unknown)}")


def pixel_box(box: BBox, page_bbox: tuple[float, float, float, float], scale: float) -> Pixels:
    """The pixels a PDF box covers, not one more (neighbours stay apart); ``page_bbox`` is
    pdfplumber's (x0, top, x1, bottom) of the page."""
    x_off, y_off, _, _ = page_bbox
    return Pixels(math.floor((box.x0 - x_off) * scale), math.floor((box.top - y_off) * scale),
                  math.ceil((box.x1 - x_off) * scale), math.ceil((box.bottom - y_off) * scale))


def _page_labels(page, items: list[tuple[BBox, str]], scale: float, font) -> list[Label]:
    """Every label of a page, placed clear of the page's characters, its figure boxes
    and each other; in the order given."""
    import numpy as np

    page_width, page_height = math.ceil(page.width * scale), math.ceil(page.height * scale)
    targets = [(pixel_box(box, page.bbox, scale), colour_of(text), _printable(text, font))
               for box, text in items]
    chars = [pixel_box(BBox(c["x0"], c["top"], c["x1"], c["bottom"]), page.bbox, scale)
             for c in page.chars if c["text"].strip()]
    taken = np.array(chars + [xy for xy, _, _ in targets], dtype=float).reshape(-1, 4)
    labels: list[Label] = []
    margin: list[Pixels] = []  # labels set in the right margin
    for xy, colour, text in targets:
        width, height = _text_size(text, font)
        rect = _free_spot(xy, width, height, taken, (page_width, page_height))
        if rect is None:
            rect = _margin_spot(xy, width, height, page_width, margin)
            margin.append(rect)
        taken = np.vstack([taken, rect])
        labels.append(Label(rect, xy, text, colour, _leader(rect, xy)))
    return labels


def _text_size(text: str, font) -> tuple[int, int]:
    from PIL import Image, ImageDraw

    left, upper, right, lower = ImageDraw.Draw(Image.new("L", (1, 1))).textbbox((0, 0), text, font=font)
    return int(right - left) + 4, int(lower - upper) + 3  # Pillow's box is whole pixels


def _free_spot(xy: Pixels, width: int, height: int, taken, size: tuple[int, int]) -> Pixels | None:
    """The nearest rectangle of ``width`` x ``height`` around box ``xy`` that stays on the
    page and overlaps nothing ``taken`` (with a pixel to spare), or None within reach."""
    import numpy as np

    x0, top, x1, bottom = xy
    page_width, page_height = size
    step = max(2, height // 2)
    xs = {x0, x1 + 2, x0 - width - 2, x1 - width}
    xs |= {x0 + dx for dx in range(-LABEL_REACH, LABEL_REACH + 1, step * 2)}
    ys = {top - height - 1, bottom + 1, (top + bottom - height) // 2}
    ys |= {top - height - 1 - dy for dy in range(step, LABEL_REACH + 1, step)}
    ys |= {bottom + 1 + dy for dy in range(step, LABEL_REACH + 1, step)}
    spots = np.array([(x, y, x + width, y + height) for x in xs for y in ys], dtype=float)
    spots = spots[(spots[:, 0] >= 0) & (spots[:, 1] >= 0)
                  & (spots[:, 2] <= page_width) & (spots[:, 3] <= page_height)]
    if not len(spots):
        return None
    dx = np.maximum(0, np.maximum(x0 - spots[:, 2], spots[:, 0] - x1))
    dy = np.maximum(0, np.maximum(top - spots[:, 3], spots[:, 1] - bottom))
    order = np.argsort(np.hypot(dx, dy) + 0.01 * np.abs(spots[:, 0] - x0), kind="stable")
    spots, distance = spots[order], np.hypot(dx, dy)[order]
    spots = spots[distance <= LABEL_REACH]
    for start in range(0, len(spots), 64):
        chunk = spots[start:start + 64]
        clash = ((chunk[:, None, 0] <= taken[None, :, 2] + 1) & (taken[None, :, 0] <= chunk[:, None, 2] + 1)
                 & (chunk[:, None, 1] <= taken[None, :, 3] + 1) & (taken[None, :, 1] <= chunk[:, None, 3] + 1))
        free = np.flatnonzero(~clash.any(axis=1))
        if len(free):
            return Pixels(*(int(v) for v in chunk[free[0]]))
    return None


def _margin_spot(xy: Pixels, width: int, height: int, page_width: int, margin: list[Pixels]) -> Pixels:
    """A spot in the margin right of the page, level with the box if free, else just
    below the margin labels in the way."""
    y = max(0, (xy.top + xy.bottom - height) // 2)
    while clash := [other for other in margin if y <= other.bottom + 1 and other.top <= y + height + 1]:
        y = max(other.bottom for other in clash) + 2
    x = page_width + MARGIN_GAP
    return Pixels(x, y, x + width, y + height)


def _leader(rect: Pixels, xy: Pixels) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """A line from the label's point nearest the box's centre to the box, or None if the
    label touches its box."""
    lx = _clamp((xy.x0 + xy.x1) // 2, rect.x0, rect.x1)
    ly = _clamp((xy.top + xy.bottom) // 2, rect.top, rect.bottom)
    bx, by = _clamp(lx, xy.x0, xy.x1), _clamp(ly, xy.top, xy.bottom)
    if abs(lx - bx) <= 2 and abs(ly - by) <= 2:
        return None
    return (lx, ly), (bx, by)


def _clamp(value: int, low: int, high: int) -> int:
    return min(max(value, low), high)


def _draw_label(draw, label: Label, font) -> None:
    """A translucent label and, where it stands off, a leader line to its box."""
    shade = LABEL_COLOURS[label.colour]
    if label.leader is not None:
        draw.line(label.leader, fill=shade + (160,), width=1)
    draw.rectangle(label.rect, fill=(255, 255, 255, 200), outline=shade + (90,))
    left, upper, _, _ = draw.textbbox((0, 0), label.text, font=font)
    draw.text((label.rect.x0 + 2 - left, label.rect.top + 1 - upper), label.text, font=font,
              fill=shade + (255,))


def _label_font():
    from PIL import ImageFont

    try:
        import noto_cjk_sans_jp_regular
    except ImportError:
        return ImageFont.load_default(size=LABEL_PX)
    path = Path(noto_cjk_sans_jp_regular.__file__).with_name("NotoSansCJKjp-Regular.otf")
    return ImageFont.truetype(str(path), LABEL_PX)


def _printable(label: str, font) -> str:
    """The label, with characters the fallback font cannot show as ``?``."""
    if getattr(font, "path", None):
        return label
    return "".join(c if c.isascii() else "?" for c in label)


def _check_pixels(width: float, height: float, page: int, label: str) -> None:
    if width * height > MAX_IMAGE_PIXELS:
        raise BadInput(
            f"{label}: page {page} would be a {width:,.0f} × {height:,.0f} pixel debug image, "
            f"over the limit of {MAX_IMAGE_PIXELS // 10**6} million pixels"
        )


def check_page_sizes(pdf: bytes, label: str, resolution: int = RESOLUTION) -> None:
    """Refuse a PDF whose page (MediaBox or CropBox, whichever is larger) would render
    past :data:`MAX_IMAGE_PIXELS`; PDFium reads the boxes without parsing any content."""
    import pypdfium2

    scale = resolution / 72
    try:
        document = pypdfium2.PdfDocument(pdf)
    except pypdfium2.PdfiumError:
        return  # not readable: ingest refuses it with its own message
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                boxes = [page.get_mediabox(), page.get_cropbox()]
            finally:
                page.close()
            width = max(abs(right - left) for left, _, right, _ in boxes) * scale
            height = max(abs(top - bottom) for _, bottom, _, top in boxes) * scale
            _check_pixels(width, height, index + 1, label)
    finally:
        document.close()


def require_pdfs(labels: list[str], data: list[bytes]) -> None:
    """``--debug-images`` draws on PDF pages: refuse a text-layer source, or a page too
    large to draw, up front."""
    from extract.read.ingest import is_pdf

    for label, content in zip(labels, data, strict=False):
        if not is_pdf(content):
            raise BadInput(f"{label}: --debug-images needs a PDF source; this is not a PDF")
        check_page_sizes(content, label)


def write_debug_images(names: list[str], data: list[bytes], boxes: list[list[Box]],
                       out_dir: Path) -> list[Path]:
    """Debug images of each source's pages (``boxes``: each source's, from its family),
    named ``<source stem>-page-NN.png``."""
    written: list[Path] = []
    for name, pdf, source_boxes in zip(names, data, boxes, strict=True):
        written += draw_figures(pdf, source_boxes, out_dir, prefix=f"{Path(name).stem}-")
    return written
