"""The slide-deck fixture (built from raw/ at test time): that it is laid out like a slide
deck, that the PDF reader follows its content stream back to the text layer block for
block, that sorting by position alone would not, and that a PDF whose stream no longer
follows its text layer is read right or refused, never written with other figures."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import make_fixture_pdf
import make_slides_pdf
import pandas as pd
import pdfplumber
import pytest

from extract.cli.main import main
from extract.errors import BadInput
from extract.pipeline import extract_tables
from extract.read import pdf as pdf_module
from extract.read.glyphs import GlyphCheck
from extract.read.pdf import read_pdf
from extract.validate.tables import validate

# provenance, and the ids that follow line order (a scrambled page numbers its rows anew)
PROVENANCE = ["amount_id", "measure_id", "restates", "source", "line", "source_text", "x0", "top", "x1", "bottom"]


@pytest.fixture(scope="module")
def layout(source_bytes: bytes) -> dict[int, make_slides_pdf.Slide]:
    return make_slides_pdf.slides(source_bytes)


@pytest.fixture(scope="module")
def text_blocks(source_bytes: bytes) -> dict[int, list[tuple[str, ...]]]:
    return {page: make_slides_pdf.blocks_of(lines)
            for page, lines in make_fixture_pdf.source_pages(source_bytes).items()}


@pytest.fixture(scope="module")
def pages(slides_pdf: Path) -> list[dict]:
    """What pdfplumber sees on each page: size, chars in stream order, vector graphics."""
    with pdfplumber.open(slides_pdf) as pdf:
        return [{"width": page.width, "height": page.height, "chars": page.chars,
                 "rects": len(page.rects), "lines": len(page.lines), "curves": len(page.curves)}
                for page in pdf.pages]


def _visible(chars: list[dict]) -> list[dict]:
    return [c for c in chars if c["text"].strip()]


def _blocks(lines) -> list[str]:
    """Runs of non-blank lines, each joined by single spaces."""
    blocks, current = [], []
    for line in list(lines) + [None]:
        if line is not None and line.text:
            current.append(line.text)
        elif current:
            blocks.append(" ".join(current))
            current = []
    return blocks


# ------------------------------------------------------------------ a slide deck


def test_pages_are_16_9_slides(pages):
    assert len(pages) == 9
    assert all((p["width"], p["height"]) == (960, 540) for p in pages)


def _char_count(box: make_slides_pdf.Box) -> int:
    return sum(len("".join(line.split())) for line in box.lines)


def test_blocks_are_set_in_two_to_four_columns_in_several_sizes(pages, layout, text_blocks):
    columns = []
    for number, page in enumerate(pages, start=1):
        if number == make_slides_pdf.TABLE_PAGE:
            continue  # a table: below
        slide = layout[number]
        assert [box.lines for box in slide.boxes] == text_blocks[number]  # a box per block
        body = _visible(page["chars"])[: -_char_count(slide.boxes[-1])]
        starts = {round(run.x0, 2) for run in pdf_module._flow_lines(body)}
        assert len(starts) == slide.columns, number  # every line starts at a column's edge
        assert len({round(c["size"], 2) for c in body}) >= 2, number  # sizes differ by block
        columns.append(slide.columns)
    assert all(2 <= count <= 4 for count in columns) and {2, 4} <= set(columns)


def _cell_chars(chars: list[dict], box: make_slides_pdf.Box) -> list[dict]:
    return [c for c in chars if box.x - make_slides_pdf.PAD <= (c["x0"] + c["x1"]) / 2
            <= box.x - make_slides_pdf.PAD + box.width and box.top <= c["top"] < box.bottom]


def test_page_5_is_a_table_of_minerals_label_left_text_right(pages, layout, text_blocks):
    """As on the real slide: under a header band, one row per mineral, its label in the
    left cell and its reduction text in the right cell of the same row; rows stacked."""
    number = make_slides_pdf.TABLE_PAGE
    slide, chars = layout[number], _visible(pages[number - 1]["chars"])
    header, cells = slide.boxes[0], slide.boxes[1:11]
    assert header.lines == text_blocks[number][0] and header.lines[0].startswith("鉱種")
    labels, texts = cells[0::2], cells[1::2]
    assert [box.lines[0] for box in labels] == [
        "ジスプロシウム（重稀土）", "ネオジム（軽稀土）", "タングステン", "コバルト", "タンタル"]
    previous_bottom = header.bottom
    for label, text in zip(labels, texts, strict=False):
        assert label.cell == text.cell and label.top == previous_bottom  # one row, stacked
        label_chars, text_chars = _cell_chars(chars, label), _cell_chars(chars, text)
        assert "".join(c["text"] for c in label_chars) == "".join(label.lines)
        assert "".join(c["text"] for c in text_chars) == "".join("".join(l.split()) for l in text.lines)
        assert max(c["x1"] for c in label_chars) < min(c["x0"] for c in text_chars)  # left, right
        assert {round(c["x0"], 3) for c in text_chars if c["x0"] < text.x + 1} == {round(text.x, 3)}
        for c in label_chars + text_chars:  # every character inside its row
            assert label.top < c["top"] and c["bottom"] < label.bottom
        previous_bottom = label.bottom
    # a label on its text's first line where the text layer has it there, else centred
    on_first_line = [label.baselines[0] == text.baselines[0] for label, text in zip(labels, texts, strict=False)]
    assert on_first_line == [True, False, False, True, True]
    centred = labels[1]
    assert centred.baselines[0] == (texts[1].baselines[0] + texts[1].baselines[-1]) / 2


def test_the_title_is_drawn_on_top_but_emitted_last(pages, layout):
    for number, page in enumerate(pages, start=1):
        title = layout[number].boxes[-1]
        chars = _visible(page["chars"])
        drawn_last, before = chars[-_char_count(title):], chars[: -_char_count(title)]
        assert "".join(c["text"] for c in drawn_last) == "".join(
            "".join(line.split()) for line in title.lines), number
        assert max(c["bottom"] for c in drawn_last) < min(c["top"] for c in before), number
        assert min(c["size"] for c in drawn_last) > max(c["size"] for c in before), number


def test_boxes_and_arrows_are_vector_graphics(pages, layout):
    for number, page in enumerate(pages, start=1):
        boxes = len(layout[number].boxes)
        assert page["rects"] == boxes + 1, number  # each box, and the title's banner
        assert page["lines"] == page["curves"] > 0, number  # an arrow: a line and its head


def test_lines_of_neighbouring_boxes_share_a_baseline(pages):
    """On every page, lines of two boxes side by side stand at exactly the same height."""
    for number, page in enumerate(pages, start=1):
        runs = pdf_module._flow_lines(_visible(page["chars"]))
        shared = [(a, b) for i, a in enumerate(runs) for b in runs[i + 1:]
                  if a.chars[0]["matrix"][5] == b.chars[0]["matrix"][5] and (a.x1 < b.x0 or b.x1 < a.x0)]
        assert shared, number


def test_chars_come_in_the_text_layers_order(pages, text_blocks):
    """pdfplumber yields chars in content-stream order, and the stream follows the text."""
    for number, page in enumerate(pages, start=1):
        streamed = "".join(c["text"] for c in _visible(page["chars"]))
        written = "".join("".join(line.split()) for block in text_blocks[number] for line in block)
        assert streamed == written, number


# ------------------------------------------------------------------ read back


def test_slides_read_back_block_for_block(slides_pdf, text_blocks):
    """Block for block the text layer, but for its lie: the deck font's 少 glyph claims 尐
    (11 times, pages 5, 6 and 8, as in the original) and reads 少 by its shape, table off."""
    document = read_pdf(slides_pdf.read_bytes(), "slides.pdf", glyphs=GlyphCheck(fallback={}))
    assert document.page_count == 9
    for page, lines in document.pages().items():
        assert _blocks(lines) == [" ".join(" ".join(line.replace("希尐", "希少").split()) for line in block)
                                  for block in text_blocks[page]], page
        assert all(len(line.char_boxes) == len(line.text) for line in lines)
    assert not any("尐" in l.text for l in document.lines)
    assert sorted((l.page, l.text.count("希少")) for l in document.lines if "希少" in l.text)[0] == (
        3, 1)  # its one true 希少, and the eleven the shapes read
    assert sum(l.text.count("希少") for l in document.lines) == 12
    (row,) = document.glyph_repairs
    assert (row["claimed"], row["read"], row["count"], row["pages"]) == ("尐", "少", 11, "5,6,8")


def _by_position(chars: list[dict]) -> list:
    """The reader before slides: every char of a page sorted by position, lines grouped by
    their tops (within 3pt), whatever the content stream's order."""
    runs: list = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if runs and char["top"] - runs[-1].chars[-1]["top"] <= pdf_module.Y_TOLERANCE:
            runs[-1].add(char, pdf_module._baseline(char))
        else:
            runs.append(pdf_module._Run([char], pdf_module._baseline(char), char["size"],
                                        char["x0"], char["x1"]))
    return runs


def _outcome(data: bytes, text_tables) -> str:
    try:
        extracted = extract_tables(data, "deck.pdf")
    except BadInput as error:
        return f"refused: {error}"
    _, failures = validate(extracted.tables, extracted.family)
    if failures:
        return f"failed: {failures[0]}"
    for name, frame in text_tables.items():
        if name == "glyph_repairs":  # a PDF's own: the text path has no glyph to check
            continue
        content = [c for c in frame.columns if c not in PROVENANCE and not c.endswith("_line")]
        if not frame[content].reset_index(drop=True).equals(
                extracted.tables[name][content].reset_index(drop=True)):
            return f"differs: {name}"
    return "same"


def test_sorting_by_position_alone_fails_on_slides_only(monkeypatch, slides_pdf, deck_pdf,
                                                       extracted, source_text):
    assert _outcome(slides_pdf.read_bytes(), extracted.tables) == "same"
    monkeypatch.setattr(pdf_module, "_flow_lines", _by_position)
    assert _outcome(deck_pdf.read_bytes(), extracted.tables) == "same"  # one column: fine
    outcome = _outcome(slides_pdf.read_bytes(), extracted.tables)
    assert outcome.startswith("refused: deck.pdf: not the METI deck"), outcome
    # because lines of neighbouring boxes merge into lines the text layer never had
    written = {" ".join(line.split()) for line in source_text.splitlines()}
    merged = [l for l in read_pdf(slides_pdf.read_bytes(), "slides.pdf").lines
              if l.text and l.text not in written]
    assert len(merged) > 40


# ------------------------------------------------------------------ a scrambled stream

# (page, seed, neighbour swaps or None for a full shuffle): a page's blocks emitted in
# another order than the text layer's, each drawn where it was. Between them they end in
# each way a run can: read right, stopped by a check, refused.
SCRAMBLES = [(3, 0, 1), (3, 2, 1), (3, 3, 1), (3, 5, 1), (3, 7, 1), (3, 1, 3),
             (5, 0, None), (8, 0, None), (9, 1, 3)]
GUARDS = {"amount_items_named", "requests_beside_budgets", "instruments_offered", "table_rows_as_drawn"}


@pytest.fixture(scope="module")
def scramble_outcomes(tmp_path_factory, source_bytes, layout, tables) -> list[tuple]:
    """Each scrambled PDF through the CLI into a folder: (case, exit, stderr, amounts)."""
    folder = tmp_path_factory.mktemp("scrambled")
    outcomes = []
    for page, seed, swaps in SCRAMBLES:
        order = make_slides_pdf.scrambled(len(layout[page].boxes), seed, swaps)
        path = folder / f"p{page}-s{seed}.pdf"
        path.write_bytes(make_slides_pdf.build_slides_pdf(source_bytes, orders={page: order}))
        out = folder / f"out-p{page}-s{seed}"
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main([str(path), "--out", str(out)])
        amounts = pd.read_parquet(out / "amounts.parquet") if code == 0 else None
        outcomes.append(((page, seed, swaps), code, err.getvalue(), amounts, out))
    return outcomes


def _rows(frame: pd.DataFrame) -> list[tuple]:
    """Amounts rows without their id and provenance, in a fixed order."""
    content = [c for c in frame.columns if c not in PROVENANCE]
    cells = frame[content].astype(object).map(lambda value: "" if pd.isna(value) else str(value))
    return sorted(map(tuple, cells.values.tolist()))


def test_a_scrambled_stream_is_read_right_or_refused(scramble_outcomes, tables):
    expected = _rows(tables["amounts"])
    for case, code, stderr, amounts, out in scramble_outcomes:
        assert code in (0, 1, 2), case
        if code == 0:
            assert stderr == "", case
            assert _rows(amounts) == expected, case  # the same figures, whatever their order
        else:
            assert not out.exists(), case
            if code == 1:
                assert stderr.startswith("extract: "), case
                assert "nothing was written" in stderr and "\n  [" in stderr, case
            else:
                assert stderr.count("\n") == 1 and "Traceback" not in stderr, case


def test_scrambles_cover_each_ending(scramble_outcomes):
    """The cases are not all refused up front: some read right, some stop at a check, and
    each check that guards the reading stops one of them."""
    codes = [code for _, code, _, _, _ in scramble_outcomes]
    assert {0, 1, 2} <= set(codes)
    named = {line.split("]")[0].strip(" [") for _, code, err, _, _ in scramble_outcomes
             if code == 1 for line in err.splitlines()[1:]}
    assert GUARDS <= named


# ------------------------------------------------------------------ the guards, one by one


def _edited(tables, name: str, edit) -> dict[str, pd.DataFrame]:
    copy = {key: frame.copy() for key, frame in tables.items()}
    copy[name] = edit(copy[name])
    return copy


def _first(frame: pd.DataFrame, **where) -> int:
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column] == value
    return frame.index[mask][0]


def _set(frame: pd.DataFrame, index: int, column: str, value) -> pd.DataFrame:
    frame.loc[index, column] = value
    return frame


GUARD_EDITS = {
    "amount_items_named": ("amounts", lambda f: _set(
        f, _first(f, item_ja="レアメタル備蓄", stage="request"), "item_ja", "：２４年度新規")),
    "requests_beside_budgets": ("amounts", lambda f: f.drop(
        index=_first(f, item_ja="レアメタル備蓄", stage="budget"))),
    "instruments_offered": ("amounts", lambda f: _set(
        f, _first(f, item_ja="JOGMEC出資・融資", stage="request"), "instrument_ja", None)),
    "one_figure_per_item_and_stage": ("amounts", lambda f: pd.concat(
        [f, f.loc[[_first(f, item_ja="レアメタル備蓄", stage="budget")]]])),
    "one_target_per_mineral": ("targets", lambda f: _set(
        f, _first(f, row_ja="タングステン"), "row_ja", "ジスプロシウム")),
}


@pytest.mark.parametrize("guard", sorted(GUARD_EDITS))
def test_each_guard_holds_on_the_source_and_fails_on_a_misreading(guard, tables, extracted):
    check = extracted.family.checks[guard]
    assert check(tables) == []
    name, edit = GUARD_EDITS[guard]
    failures = check(_edited(tables, name, edit))
    assert failures, guard  # each names the figure's page, line and text as written
    assert all(re.search(r"\(p\d l\d+ 「[^」]+」\)", failure) for failure in failures), failures
