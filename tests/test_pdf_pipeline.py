"""The whole pipeline on both fixture PDFs (one line per source line; a slide deck): the
same tables as the text layer (but for where each row was found), boxes on every figure,
the CLI's exits, and the debug images."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pdf_samples
import pytest
from PIL import Image

from conftest import SOURCE
from deck_by_hand import AMOUNTS_PER_PAGE, FIGURES_PER_PAGE
from extract.cli.main import main
from extract.families.meti_deck import FAMILY
from extract.pipeline import boxes_to_draw, extract_tables
from extract.publish.debug_images import (
    AMOUNT_COLOUR,
    FIGURE_COLOUR,
    GLYPH_COLOUR,
    LABEL_COLOURS,
    draw_figures,
    label_layout,
    pixel_box,
)
from extract.read.document import BBox
from extract.validate.tables import validate

# Where a row was found differs between a text layer and a PDF; what it says must not.
PROVENANCE = ["source", "line", "source_text", "x0", "top", "x1", "bottom"]
LAYOUTS = ["deck_pdf", "slides_pdf"]  # one line per source line; a 16:9 slide deck


def boxes_from_tables(tables):
    """The boxes the debug images draw (the deck's figures, and the glyph read by its shape)."""
    return boxes_to_draw(FAMILY, tables)


@pytest.fixture(scope="module", params=LAYOUTS)
def layout_pdf(request) -> Path:
    return request.getfixturevalue(request.param)


@pytest.fixture(scope="module")
def pdf_extracted(layout_pdf: Path):
    return extract_tables(layout_pdf.read_bytes(), "deck.pdf")


@pytest.fixture(scope="module")
def pdf_tables(pdf_extracted) -> dict[str, pd.DataFrame]:
    return pdf_extracted.tables


@pytest.fixture(scope="module")
def text_tables(source_bytes: bytes) -> dict[str, pd.DataFrame]:
    return extract_tables(source_bytes, "deck.txt").tables


def _content(frame: pd.DataFrame) -> pd.DataFrame:
    """A table without its provenance columns (line numbers are provenance too)."""
    drop = [c for c in frame.columns if c in PROVENANCE or c.endswith("_line")]
    return frame.drop(columns=drop).reset_index(drop=True)


def run_cli(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# ------------------------------------------------------------------ same tables both ways


def test_pdf_and_text_layer_give_the_same_tables(pdf_tables, text_tables):
    """Every table alike, but glyph_repairs: the PDF's one glyph that claims 尐 and shows 少."""
    assert sorted(pdf_tables) == sorted(text_tables)
    assert len(text_tables["glyph_repairs"]) == 0
    assert pdf_tables["glyph_repairs"][["claimed", "read", "verdict"]].values.tolist() == [["尐", "少", "repaired"]]
    for name in (name for name in text_tables if name != "glyph_repairs"):
        pd.testing.assert_frame_equal(_content(pdf_tables[name]), _content(text_tables[name]),
                                      check_dtype=False, obj=name)


def test_pdf_amounts_equal_the_text_layers_row_for_row(pdf_tables, text_tables):
    columns = ["amount_id", "item_ja", "stage", "instrument_ja", "fiscal_year",
               "supplementary_round", "amount", "currency", "approximate", "amount_text",
               "section_ja", "page"]
    pdf_rows = pdf_tables["amounts"][columns].astype(str).values.tolist()
    assert pdf_rows == text_tables["amounts"][columns].astype(str).values.tolist()


def test_every_check_passes_on_the_pdf(pdf_extracted):
    _, failures = validate(pdf_extracted.tables, pdf_extracted.family)
    assert failures == []


def test_pdf_rows_are_on_the_same_pages(pdf_tables, text_tables):
    for name in (name for name in text_tables if name != "glyph_repairs"):
        assert pdf_tables[name]["page"].tolist() == text_tables[name]["page"].tolist(), name
        assert pdf_tables[name]["page"].between(1, 9).all(), name


def test_every_pdf_amount_has_its_box(pdf_tables, text_tables):
    amounts = pdf_tables["amounts"]
    assert len(amounts) == len(text_tables["amounts"]) == 51
    assert amounts.groupby("page").size().to_dict() == AMOUNTS_PER_PAGE
    boxes = amounts[["x0", "top", "x1", "bottom"]].astype(float)
    assert boxes.notna().all().all()
    assert ((boxes["x0"] < boxes["x1"]) & (boxes["top"] < boxes["bottom"])).all()
    assert text_tables["amounts"][["x0", "top", "x1", "bottom"]].isna().all().all()
    assert (amounts["source"] == "deck.pdf").all()


def _figure_rows(tables: dict[str, pd.DataFrame]) -> list[tuple[int, str, BBox]]:
    """(page, text as written, box) of every amount and every other figure of the census."""
    rows = [(int(r.page), r.amount_text, BBox(r.x0, r.top, r.x1, r.bottom))
            for r in tables["amounts"].itertuples()]
    figures = tables["figures"]
    rows += [(int(r.page), r.text, BBox(r.x0, r.top, r.x1, r.bottom))
             for r in figures[figures["held_by_table"] != "amounts"].itertuples()]
    return rows


def test_every_figure_box_is_on_its_page_around_its_characters(layout_pdf, pdf_tables):
    import pdfplumber

    rows = _figure_rows(pdf_tables)
    assert len(rows) == len(pdf_tables["figures"])  # the census: amounts and the rest
    with pdfplumber.open(layout_pdf) as pdf:
        chars = {n: [c for c in page.chars if c["text"].strip()] for n, page in enumerate(pdf.pages, 1)}
        sizes = {n: (page.width, page.height) for n, page in enumerate(pdf.pages, 1)}
    for page, text, box in rows:
        width, height = sizes[page]
        assert 0 <= box.x0 < box.x1 <= width and 0 <= box.top < box.bottom <= height, (page, text)
        inside = sorted((c for c in chars[page] if box.x0 - 0.01 <= c["x0"] and c["x1"] <= box.x1 + 0.01
                         and box.top - 0.01 <= c["top"] and c["bottom"] <= box.bottom + 0.01),
                        key=lambda c: c["x0"])
        # the box holds the figure's characters, every one of them and nothing else
        assert "".join(c["text"] for c in inside) == "".join(text.split()), (page, text)


# ------------------------------------------------------------------ the CLI


def test_cli_extracts_the_fixture_pdf(tmp_path, capsys, layout_pdf):
    out = tmp_path / "out"
    code, stdout, stderr = run_cli(capsys, layout_pdf, "--out", out)
    assert (code, stderr) == (0, "")
    assert "amounts 51" in stdout
    assert len(pd.read_csv(out / "amounts.csv")) == 51


def test_cli_refuses_a_pdf_of_another_document(tmp_path, capsys):
    other = tmp_path / "other.pdf"
    other.write_bytes(pdf_samples.text_pdf([[(20, 100, "Quarterly report 2011")]] * 2))
    code, stdout, stderr = run_cli(capsys, other, "--out", tmp_path / "out")
    assert (code, stdout) == (2, "")
    assert stderr.startswith(f"extract: {other}: not the METI deck")
    assert stderr.count("\n") == 1 and "Traceback" not in stderr
    assert not (tmp_path / "out").exists()


def test_cli_refuses_a_broken_pdf_in_one_line(tmp_path, capsys):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(pdf_samples.no_text_pdf())
    code, stdout, stderr = run_cli(capsys, broken, "--out", tmp_path / "out")
    assert (code, stdout) == (2, "")
    assert stderr == (f"extract: {broken}: the PDF has no text layer (a scanned image?); "
                      "OCR is not supported\n")


def test_debug_images_need_a_pdf_source(tmp_path, capsys):
    code, stdout, stderr = run_cli(capsys, SOURCE, "--out", tmp_path / "out", "--debug-images")
    assert (code, stdout) == (2, "")
    assert stderr == (f"extract: {SOURCE}: --debug-images needs a PDF "
                      "source; this is not a PDF\n")
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------ debug images


def _outlines(boxes: list[tuple[int, int, int, int]], size: tuple[int, int]) -> np.ndarray:
    """The pixels of each box's one-pixel outline, as drawn (a box at least 2 x 2)."""
    mask = np.zeros((size[1], size[0]), dtype=bool)
    for x0, top, x1, bottom in boxes:
        x1, bottom = max(x1, x0 + 1), max(bottom, top + 1)
        mask[top, x0:x1 + 1] = mask[bottom, x0:x1 + 1] = True
        mask[top:bottom + 1, x0] = mask[top:bottom + 1, x1] = True
    return mask


def test_debug_images_box_every_figure_of_each_page(tmp_path, capsys, layout_pdf, pdf_tables):
    code, stdout, stderr = run_cli(capsys, layout_pdf, "--out", tmp_path / "out", "--debug-images")
    assert (code, stderr) == (0, "")
    assert stdout.endswith(f"extract: wrote debug images to {tmp_path / 'out'}/debug-images/\n")
    paths = sorted((tmp_path / "out" / "debug-images").iterdir())
    assert [p.name for p in paths] == [f"{layout_pdf.stem}-page-{n:02d}.png" for n in range(1, 10)]

    # every number of the page is boxed (counted by hand, tests/deck_by_hand.py): its amounts
    # in one colour, its other figures in another
    amounts_per_page = AMOUNTS_PER_PAGE
    others_per_page = {page: count - AMOUNTS_PER_PAGE.get(page, 0) for page, count in FIGURES_PER_PAGE.items()}
    layout = label_layout(layout_pdf.read_bytes(), boxes_from_tables(pdf_tables))
    for page, path in enumerate(paths, start=1):
        image = Image.open(path)
        grey = np.asarray(image.convert("L"))
        assert (grey < 100).sum() > 500, f"page {page} is blank"  # the text was rendered
        assert [label.colour for label in layout[page]].count(AMOUNT_COLOUR) == amounts_per_page.get(page, 0)
        assert [label.colour for label in layout[page]].count(FIGURE_COLOUR) == others_per_page.get(page, 0)
        # and on page 5 the glyph read by its shape (少, whose text layer says 尐), in green
        assert [label.text for label in layout[page] if label.colour == GLYPH_COLOUR] == (
            ["glyph 尐→少"] if page == 5 else [])
        rgb = np.asarray(image.convert("RGB"))
        for colour in (AMOUNT_COLOUR, FIGURE_COLOUR, GLYPH_COLOUR):
            # exactly the outlines of this colour's boxes are drawn in it: each one whole,
            # and no other pixel of the image (labels and leaders are other shades)
            drawn = np.all(rgb == colour, axis=2)
            expected = _outlines([l.box for l in layout[page] if l.colour == colour], image.size)
            assert np.array_equal(drawn, expected), (page, colour)
        # each label is drawn where label_layout says: its text in the label's colour
        pixels = np.asarray(image.convert("RGB")).astype(int)
        for label in layout[page]:
            x0, top, x1, bottom = label.rect
            shade = np.array(LABEL_COLOURS[label.colour])
            ink = np.abs(pixels[top:bottom, x0:x1] - shade).sum(axis=2) < 60
            assert ink.sum() > 10, (page, label.text)


def _overlap(a, b) -> bool:
    """Whether two pixel rectangles share a pixel (both edges inclusive, as drawn)."""
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def test_labels_hide_no_character_and_no_box(layout_pdf, pdf_tables):
    """A label never covers a character of the page (the figure it labels, the line above
    it, any other) nor a figure's box nor another label; a label set apart has a leader."""
    import pdfplumber

    boxes = boxes_from_tables(pdf_tables)
    labels = label_layout(layout_pdf.read_bytes(), boxes)  # pixels at 144 dpi: 2 per point
    assert sum(len(on_page) for on_page in labels.values()) == len(boxes)
    with pdfplumber.open(layout_pdf) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            chars = [pixel_box(BBox(c["x0"], c["top"], c["x1"], c["bottom"]), page.bbox, 2)
                     for c in page.chars if c["text"].strip()]
            figures = [label.box for label in labels[number]]
            for index, label in enumerate(labels[number]):
                rect = label.rect
                assert not any(_overlap(rect, char) for char in chars), (number, label.text)
                assert not any(_overlap(rect, box) for box in figures), (number, label.text)
                assert not any(_overlap(rect, other.rect) for other in labels[number][index + 1:])
                apart = not _overlap((rect[0] - 2, rect[1] - 2, rect[2] + 2, rect[3] + 2), label.box)
                assert (label.leader is not None) == apart, (number, label.text)


def test_a_label_with_no_room_on_the_page_goes_to_the_margin(tmp_path):
    # a page covered in text: the figure's label cannot sit on it without hiding a char
    rows = [(4, y, "0123456789" * 6) for y in range(4, 200, 8)]
    data = pdf_samples.make_pdf([pdf_samples.text_ops(rows, size=8)], size=(300, 200))
    box = BBox(4 + 8 * 4.448, 200 - 100 - 8 * 0.718, 4 + 10 * 4.448, 200 - 100 + 8 * 0.207)
    boxes = [(1, box, "amounts A01 23"), (1, box, "figures F01 23")]
    [first, second] = label_layout(data, boxes)[1]
    assert first.rect[0] >= 600 and second.rect[0] >= 600  # right of the page (2 px a point)
    assert first.rect[3] < second.rect[1]  # stacked, not on top of each other
    assert first.leader is not None and first.leader[1][0] == first.box[2]
    [path] = draw_figures(data, boxes, tmp_path)
    assert Image.open(path).width > first.rect[2] >= 600


def test_draw_figures_outlines_each_box_in_its_colour(tmp_path, layout_pdf, pdf_tables):
    boxes = boxes_from_tables(pdf_tables)
    assert sum(label.startswith("amounts ") for _, _, label in boxes) == 51
    assert "amounts A01 " in " | ".join(label for _, _, label in boxes)
    paths = draw_figures(layout_pdf.read_bytes(), boxes, tmp_path, resolution=72)
    assert [p.name for p in paths] == [f"page-{n:02d}.png" for n in range(1, 10)]
    images = [np.asarray(Image.open(p).convert("RGB")) for p in paths]
    for page, box, label in boxes:
        pixels = images[page - 1]
        colour = AMOUNT_COLOUR if label.startswith("amounts ") else \
            GLYPH_COLOUR if label.startswith("glyph ") else FIGURE_COLOUR
        x0, top = int(box.x0), int(box.top)  # resolution 72: one pixel per point
        x1, bottom = -int(-box.x1 // 1), -int(-box.bottom // 1)
        outline = pixels[top: bottom + 1, x0: x1 + 1]
        assert np.all(outline[0] == colour, axis=1).any(), label  # its top edge
        assert np.all(outline[:, 0] == colour, axis=1).any(), label  # its left edge
