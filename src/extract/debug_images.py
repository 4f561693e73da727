"""Debug images: every page of a PDF source with each extracted figure boxed and labelled.

    python -m extract deck.pdf --out DIR --debug-images     # PNGs in DIR/debug-images/

One PNG per page. Money amounts (the ``amounts`` table) are boxed in
:data:`AMOUNT_COLOUR`, every other number of the ``figures`` census in
:data:`FIGURE_COLOUR`; each box carries a label such as ``amounts A03 12.4億円``. Boxes
are drawn last, one pixel-exact outline each, so a test (or a reviewer) can count them.
Labels are set in Noto Sans CJK JP when the ``noto-cjk-sans-jp-regular`` package is
installed; without it Pillow's default font is used and non-ASCII characters show as ``?``.

The PNGs are written into the output folder's staging copy, so they are committed with
the tables and listed in the manifest. A page whose image would pass
:data:`~extract.limits.MAX_IMAGE_PIXELS` is refused before anything is read or drawn.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from extract.document import BBox
from extract.errors import BadInput
from extract.limits import MAX_IMAGE_PIXELS

AMOUNT_COLOUR = (220, 0, 0)
FIGURE_COLOUR = (0, 90, 220)
LABEL_COLOURS = {AMOUNT_COLOUR: (140, 0, 0), FIGURE_COLOUR: (0, 50, 140)}
RESOLUTION = 144  # dpi: 2 pixels per PDF point
LABEL_PX = 11
BOX_WIDTH = 1

Box = tuple[int, BBox, str]


def colour_of(label: str) -> tuple[int, int, int]:
    """A box's colour: amounts rows in red, other figures in blue."""
    return AMOUNT_COLOUR if label.startswith("amounts") else FIGURE_COLOUR


def boxes_from_tables(tables: dict[str, pd.DataFrame]) -> list[Box]:
    """The boxes to draw: every amounts row, and every figure no amounts row holds."""
    boxes: list[Box] = []
    amounts = tables["amounts"]
    for row in amounts.itertuples(index=False):
        box = _bbox(row)
        if box is not None:
            boxes.append((int(row.page), box, f"amounts {row.amount_id} {row.amount_text}"))
    figures = tables["figures"]
    for row in figures.itertuples(index=False):
        box = _bbox(row)
        if box is not None and row.held_by_table != "amounts":
            boxes.append((int(row.page), box, f"figures {row.figure_id} {row.text}"))
    return boxes


def _bbox(row) -> BBox | None:
    edges = (row.x0, row.top, row.x1, row.bottom)
    if any(pd.isna(edge) for edge in edges):
        return None
    return BBox(*(float(edge) for edge in edges))


def draw_figures(pdf: bytes, boxes: Iterable[Box], out_dir: Path, *,
                 prefix: str = "", resolution: int = RESOLUTION) -> list[Path]:
    """Render every page of ``pdf`` with ``boxes`` drawn; one PNG per page, in page order."""
    import pdfplumber
    from PIL import Image, ImageDraw

    by_page: dict[int, list[tuple[BBox, str]]] = {}
    for page, box, label in boxes:
        by_page.setdefault(page, []).append((box, label))
    out_dir.mkdir(parents=True, exist_ok=True)
    font = _label_font()
    written = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        unknown = set(by_page) - set(range(1, len(document.pages) + 1))
        if unknown:
            raise ValueError(f"boxes on pages the PDF does not have: {sorted(unknown)}")
        for number, page in enumerate(document.pages, start=1):
            scale = resolution / 72
            _check_pixels(float(page.width) * scale, float(page.height) * scale, number, "the PDF")
            x_off, y_off = page.bbox[0], page.bbox[1]
            image = page.to_image(resolution=resolution).original.convert("RGB")
            overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
            labels = ImageDraw.Draw(overlay)
            pixel_boxes = []
            for box, label in by_page.get(number, []):
                xy = (  # the pixels the box covers, not one more: neighbours stay apart
                    math.floor((box.x0 - x_off) * scale), math.floor((box.top - y_off) * scale),
                    math.ceil((box.x1 - x_off) * scale), math.ceil((box.bottom - y_off) * scale),
                )
                pixel_boxes.append((xy, colour_of(label), label))
            placed = [xy for xy, _, _ in pixel_boxes]  # a label covers no box, no label
            for xy, colour, label in pixel_boxes:
                _draw_label(labels, xy, _printable(label, font), font, LABEL_COLOURS[colour], placed)
            image = Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
            draw = ImageDraw.Draw(image)
            for xy, colour, _ in pixel_boxes:  # after the labels: outlines stay exact
                draw.rectangle((xy[0], xy[1], max(xy[2], xy[0] + 1), max(xy[3], xy[1] + 1)),
                               outline=colour, width=BOX_WIDTH)
            path = out_dir / f"{prefix}page-{number:02d}.png"
            image.save(path, optimize=True)
            written.append(path)
    return written


def _draw_label(draw, xy, text, font, colour, placed: list) -> None:
    """The label just above its box (below at the page top), lifted clear of earlier labels."""
    x0, top, _, bottom = xy
    left, upper, right, lower = draw.textbbox((0, 0), text, font=font)
    width, height = right - left + 3, lower - upper + 2
    y = top - height - 2 if top - height - 2 >= 0 else bottom + 2
    for _ in range(6):
        rect = (x0 - 1, y, x0 - 1 + width, y + height)
        if not any(_overlap(rect, other) for other in placed) or y - height - 1 < 0:
            break
        y -= height + 1
    placed.append(rect)
    draw.rectangle(rect, fill=(255, 255, 255, 210))
    draw.text((x0 + 1 - left, y + 1 - upper), text, font=font, fill=colour + (255,))


def _overlap(a, b) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


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
    from extract.ingest import is_pdf

    for label, content in zip(labels, data):
        if not is_pdf(content):
            raise BadInput(f"{label}: --debug-images needs a PDF source; this is not a PDF")
        check_page_sizes(content, label)


def write_debug_images(names: list[str], data: list[bytes],
                       tables: list[dict[str, pd.DataFrame]], out_dir: Path) -> list[Path]:
    """Debug images of each source's pages, named ``<source stem>-page-NN.png``."""
    written: list[Path] = []
    for name, pdf, source_tables in zip(names, data, tables):
        written += draw_figures(pdf, boxes_from_tables(source_tables), out_dir,
                                prefix=f"{Path(name).stem}-")
    return written
