"""The whole pipeline on the fixture PDF: the same tables as the text layer (but for where
each row was found), boxes on every amount, the CLI's exits, and the debug images."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from conftest import SOURCE
from extract.cli import main
from extract.debug_images import (AMOUNT_COLOUR, FIGURE_COLOUR, boxes_from_tables,
                                  draw_figures)
from extract.run import extract_tables

import pdf_samples

# Where a row was found differs between a text layer and a PDF; what it says must not.
PROVENANCE = ["source", "line", "source_text", "x0", "top", "x1", "bottom"]
AMOUNTS_PER_PAGE = {3: 35, 4: 1, 5: 1, 6: 4, 8: 5, 9: 5}



@pytest.fixture(scope="module")
def pdf_tables(deck_pdf: Path) -> dict[str, pd.DataFrame]:
    return extract_tables(deck_pdf.read_bytes(), "deck.pdf").tables


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
    assert sorted(pdf_tables) == sorted(text_tables)
    for name in text_tables:
        pd.testing.assert_frame_equal(_content(pdf_tables[name]), _content(text_tables[name]),
                                      check_dtype=False, obj=name)


def test_pdf_rows_are_on_the_same_pages(pdf_tables, text_tables):
    for name in text_tables:
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


# ------------------------------------------------------------------ the CLI


def test_cli_extracts_the_fixture_pdf(tmp_path, capsys, deck_pdf):
    out = tmp_path / "out"
    code, stdout, stderr = run_cli(capsys, deck_pdf, "--out", out)
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


def _corners(image: Image.Image, colour: tuple[int, int, int]) -> int:
    """Top-left corners of outlines drawn in ``colour``: one per box."""
    pixels = np.asarray(image.convert("RGB"))
    mask = np.all(pixels == colour, axis=2)
    padded = np.pad(mask, 1)
    here, left, up = padded[1:-1, 1:-1], padded[1:-1, :-2], padded[:-2, 1:-1]
    right, down = padded[1:-1, 2:], padded[2:, 1:-1]
    return int((here & right & down & ~left & ~up).sum())


def test_debug_images_box_every_figure_of_each_page(tmp_path, capsys, deck_pdf, pdf_tables,
                                                    text_tables):
    code, stdout, stderr = run_cli(capsys, deck_pdf, "--out", tmp_path / "out", "--debug-images")
    assert (code, stderr) == (0, "")
    assert stdout.endswith(f"extract: wrote debug images to {tmp_path / 'out'}/debug-images/\n")
    paths = sorted((tmp_path / "out" / "debug-images").iterdir())
    assert [p.name for p in paths] == [f"deck-page-{n:02d}.png" for n in range(1, 10)]

    figures = pdf_tables["figures"]
    others = figures[figures["held_by_table"] != "amounts"]
    amounts_per_page = pdf_tables["amounts"].groupby("page").size()
    others_per_page = others.groupby("page").size()
    # every number of the text layer is boxed: amounts + other figures = the census
    assert (amounts_per_page.sum() + others_per_page.sum()) == len(text_tables["figures"])
    for page, path in enumerate(paths, start=1):
        image = Image.open(path)
        grey = np.asarray(image.convert("L"))
        assert (grey < 100).sum() > 500, f"page {page} is blank"  # the text was rendered
        assert _corners(image, AMOUNT_COLOUR) == amounts_per_page.get(page, 0), page
        assert _corners(image, FIGURE_COLOUR) == others_per_page.get(page, 0), page


def test_draw_figures_outlines_each_box_in_its_colour(tmp_path, deck_pdf, pdf_tables):
    boxes = boxes_from_tables(pdf_tables)
    assert sum(label.startswith("amounts ") for _, _, label in boxes) == 51
    assert "amounts A01 " in " | ".join(label for _, _, label in boxes)
    paths = draw_figures(deck_pdf.read_bytes(), boxes, tmp_path, resolution=72)
    assert [p.name for p in paths] == [f"page-{n:02d}.png" for n in range(1, 10)]
    images = [np.asarray(Image.open(p).convert("RGB")) for p in paths]
    for page, box, label in boxes:
        pixels = images[page - 1]
        colour = AMOUNT_COLOUR if label.startswith("amounts ") else FIGURE_COLOUR
        x0, top = int(box.x0), int(box.top)  # resolution 72: one pixel per point
        x1, bottom = -int(-box.x1 // 1), -int(-box.bottom // 1)
        outline = pixels[top: bottom + 1, x0: x1 + 1]
        assert np.all(outline[0] == colour, axis=1).any(), label  # its top edge
        assert np.all(outline[:, 0] == colour, axis=1).any(), label  # its left edge
