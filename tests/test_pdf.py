"""The PDF reader: lines and char boxes from a PDF, every bad PDF refused in one line, and
the fixture PDF (built from raw/ at test time) read back as the text layer, defect included."""

from __future__ import annotations

import dataclasses
import io
import subprocess
import sys
import time
import tracemalloc
import zlib
from pathlib import Path

import make_fixture_pdf  # noqa: E402
import numpy as np
import pdf_samples  # noqa: E402
import pytest

from conftest import ROOT
from extract.errors import BadInput
from extract.read import pdf as pdf_module
from extract.read.document import BBox
from extract.read.glyphs import GlyphCheck
from extract.read.limits import CENSUS_PDF_LIMITS, DECK_PDF_LIMITS
from extract.read.pdf import read_pdf


@pytest.fixture(scope="session")
def deck_document(deck_pdf: Path):
    """The fixture PDF read with the table of known text-layer defects switched off: each
    character is what its glyph's shape says."""
    return read_pdf(deck_pdf.read_bytes(), "deck.pdf", glyphs=GlyphCheck(fallback={}))


@pytest.fixture(scope="session")
def text_pages(source_bytes: bytes) -> dict[int, list[str]]:
    return make_fixture_pdf.source_pages(source_bytes)


# ------------------------------------------------------------------ lines and boxes


def test_digits_keep_their_order_when_drawn_backwards():
    # "12.4" drawn 4, ., 2, 1 (right to left); "A" two ems to the right and 1.5pt higher.
    data = pdf_samples.text_pdf([[(113.9, 100, "4"), (111.12, 100, "."), (105.56, 100, "2"),
                                  (100, 100, "1"), (140, 101.5, "A")]])
    document = read_pdf(data, "digits.pdf")
    assert (document.kind, document.page_count, document.source) == ("pdf", 1, "digits.pdf")
    [line] = document.lines
    assert (line.page, line.number, line.text) == (1, 1, "12.4 A")
    top, bottom = 200 - 100 - 7.93, 200 - 100 + 2.07  # Helvetica: ascent 0.718, descent -0.207
    assert [round(b.x0, 2) for b in line.char_boxes] == [100, 105.56, 111.12, 113.9, 119.46, 140]
    assert [round(b.x1, 2) for b in line.char_boxes] == [105.56, 111.12, 113.9, 119.46, 119.46, 146.67]
    space = line.char_boxes[4]  # the inserted space: zero width at the "4"'s right edge
    assert space.x0 == space.x1 == line.char_boxes[3].x1
    assert (round(space.top, 2), round(space.bottom, 2)) == (round(top, 2), round(bottom, 2))
    assert line.box_of(0, 4) == BBox(100, line.char_boxes[0].top, line.char_boxes[3].x1, line.char_boxes[0].bottom)


def _texts(data: bytes) -> list[tuple[int, int, str]]:
    return [(l.page, l.number, l.text) for l in read_pdf(data, "flow.pdf").lines]


def test_lines_come_in_content_stream_order():
    # drawn bottom line first; a space char, a wide gap and a 2pt jog stay on their line;
    # going back up the page ends a block (a blank line)
    data = pdf_samples.make_pdf([
        pdf_samples.text_ops([(20, 40, "c d"), (20, 160, "a"), (26, 162, "b"), (45, 160, "z")]),
        pdf_samples.text_ops([(20, 100, "p2")]),
    ])
    document = read_pdf(data, "lines.pdf")
    assert [(l.page, l.number, l.text) for l in document.lines] == [
        (1, 1, "c d"), (1, 2, ""), (1, 3, "ab z"), (2, 1, "p2")]
    assert all(len(l.char_boxes) == len(l.text) for l in document.lines)


def test_two_boxes_on_one_baseline_are_two_lines_in_stream_order():
    # two boxes' lines at exactly the same height, 18 ems apart: the flow jumps, and the
    # left box's next line follows its own first line, not the neighbour's
    pieces = [(20, 150, "L1"), (20, 138, "L2"), (200, 150, "R1"), (200, 138, "R2")]
    assert _texts(pdf_samples.text_pdf([pieces])) == [
        (1, 1, "L1"), (1, 2, "L2"), (1, 3, ""), (1, 4, "R1"), (1, 5, "R2")]
    right_first = pieces[2:] + pieces[:2]
    assert [t for _, _, t in _texts(pdf_samples.text_pdf([right_first]))] == [
        "R1", "R2", "", "L1", "L2"]


def test_blank_lines_are_inferred_from_the_drop_in_line_pitches():
    # size 10, pitch 12: one pitch is the next line, two are one blank, three are two;
    # a jump across to another column, even downwards, is one blank
    pieces = [(20, 150, "a"), (20, 138, "b"), (20, 114, "c"), (20, 78, "d"), (200, 70, "e")]
    assert [t for _, _, t in _texts(pdf_samples.text_pdf([pieces]))] == [
        "a", "b", "", "c", "", "", "d", "", "e"]


def test_a_line_of_mixed_sizes_is_one_line():
    # 12 at 10pt then ab at 6pt on one baseline: their tops differ by 4pt, their baseline not
    content = b"BT /F1 10 Tf 1 0 0 1 20 100 Tm (12) Tj /F1 6 Tf (ab) Tj ET"
    assert _texts(pdf_samples.make_pdf([content])) == [(1, 1, "12ab")]


def test_an_overprinted_word_is_read_once():
    # fake bold: the word drawn twice, 0.3pt apart, as some producers do
    content = b"BT /F1 10 Tf 1 0 0 1 20 100 Tm (Bold 12) Tj 1 0 0 1 20.3 100 Tm (Bold 12) Tj ET"
    assert _texts(pdf_samples.make_pdf([content])) == [(1, 1, "Bold 12")]


def test_pages_are_read_one_at_a_time(monkeypatch):
    read = []
    flow = pdf_module._flow_lines
    monkeypatch.setattr(pdf_module, "_flow_lines", lambda chars: read.append(1) or flow(chars))
    data = pdf_samples.text_pdf([[(20, 100, "one")], [(20, 100, "two")], [(20, 100, "three")]])
    pages = pdf_module.iter_pdf_pages(data, "three.pdf")
    assert [(l.page, l.number, l.text) for l in next(pages)] == [(1, 1, "one")]
    assert len(read) == 1  # the next page is not read before it is asked for
    assert [[(l.page, l.text) for l in page] for page in pages] == [[(2, "two")], [(3, "three")]]


def test_the_page_reader_refuses_as_read_pdf_does():
    with pytest.raises(BadInput, match="not a readable PDF"):  # before any page
        next(pdf_module.iter_pdf_pages(_cut_in_half(pdf_samples.text_pdf([[(20, 100, "x")]] * 3)), "cut.pdf"))
    pages = pdf_module.iter_pdf_pages(pdf_samples.no_text_pdf(2), "scan.pdf")
    assert next(pages) == []
    with pytest.raises(BadInput, match="no text layer"):  # once every page is known empty
        list(pages)


def test_a_page_at_the_character_limit_is_read_in_bounded_time(tmp_path):
    # 27,000 distinct characters on one page (the limit is 30,000): reading must stay
    # near-linear (pdfplumber's dedupe_chars restores stream order in quadratic time:
    # about 45 s here); in a subprocess, stopped after 20 s (it takes about 3)
    ops = [b"BT /F1 4 Tf"] + [b"1 0 0 1 %g %g Tm (x) Tj" % (5 + i % 250 * 2, 1000 - i // 250 * 4.5)
                             for i in range(27_000)] + [b"ET"]
    (tmp_path / "dense.pdf").write_bytes(pdf_samples.make_pdf([b"\n".join(ops)], size=(600, 1050)))
    script = ("import sys; from pathlib import Path; from extract.read.pdf import read_pdf; "
              "lines = read_pdf(Path(sys.argv[1]).read_bytes(), 'dense.pdf').lines; "
              "print(len(lines), sum(len(l.text) for l in lines))")
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "dense.pdf")],
                          capture_output=True, text=True, timeout=20)
    assert (done.returncode, done.stdout) == (0, "108 27000\n"), done.stderr


def test_five_hundred_pages_are_still_read():
    document = read_pdf(pdf_samples.many_pages_pdf(500), "long.pdf")
    assert document.page_count == 500
    assert [l.page for l in document.lines] == list(range(1, 501))



def test_a_census_reads_past_the_decks_page_limit():
    """The deck's limits are whole-file (500 pages); a census's are per page, so a long
    document is read, page by page."""
    data = pdf_samples.many_pages_pdf(501)
    with pytest.raises(BadInput, match="501 pages, over the limit of 500"):
        read_pdf(data, "long.pdf")
    pages = list(pdf_module.iter_pdf_pages(data, "long.pdf", CENSUS_PDF_LIMITS))
    assert len(pages) == 501 and [l.page for page in pages for l in page] == list(range(1, 502))


def test_a_census_bounds_each_page_not_the_file():
    many_pages = pdf_samples.make_pdf([_show("x" * 25_000)] * 9)  # 225,000 characters in all
    assert len(list(pdf_module.iter_pdf_pages(many_pages, "nine.pdf", CENSUS_PDF_LIMITS))) == 9
    for data, what in [(pdf_samples.make_pdf([_show("x" * 30_001)]), "30000 characters on one page"),
                       (pdf_samples.flate_pages_pdf([b"0 0 m 1 1 l S\n" * 100_001]),
                        "100000 drawing objects on one page")]:
        with pytest.raises(BadInput, match=f"more than {what}"):
            list(pdf_module.iter_pdf_pages(data, "dense.pdf", CENSUS_PDF_LIMITS))
    paths = [b"0 0 m 1 1 l S\n" * 60_000] * 2  # 120,000 objects: past the deck's limit, on two pages
    with pytest.raises(BadInput, match="more than 100000 drawing objects;"):
        read_pdf(pdf_samples.flate_pages_pdf([*paths, _show("x")]), "paths.pdf")
    assert len(list(pdf_module.iter_pdf_pages(pdf_samples.flate_pages_pdf([*paths, _show("x")]), "paths.pdf",
                                              CENSUS_PDF_LIMITS))) == 3


@pytest.mark.parametrize("fixture", ["deck_pdf", "slides_pdf"])
def test_page_chars_are_pdfplumbers_chars(fixture, request):
    """The reader takes each character from pdfminer's layout itself: the same values
    pdfplumber's ``page.chars`` gives, without its other objects and attributes."""
    import pdfplumber

    with pdfplumber.open(request.getfixturevalue(fixture)) as pdf:
        for page in pdf.pages:
            chars = pdf_module.page_chars(page)
            assert [{k: c[k] for k in pdf_module.CHAR_KEYS} for c in chars] == \
                [{k: c[k] for k in pdf_module.CHAR_KEYS} for c in page.chars]
            assert all(set(c) == {*pdf_module.CHAR_KEYS, "show", "vertical"} for c in chars)


def test_an_overprint_is_dropped_as_pdfplumber_drops_it():
    """Same text, font and size within a point down and across (chained): one is kept, the
    first by position; pdfplumber's dedupe_chars keeps the same characters."""
    import pdfplumber

    ops = [b"BT /F1 10 Tf"]
    for x, y, text in [(20, 100, "ab"), (20.4, 100.3, "ab"), (20.8, 100.6, "ab"), (60, 100, "ab"),
                       (20, 80, "c"), (21.5, 80, "c"), (22.2, 80, "c"), (40, 80, "d"), (40, 81.2, "d")]:
        ops.append(b"1 0 0 1 %g %g Tm (%s) Tj" % (x, y, text.encode()))
    data = pdf_samples.make_pdf([b"\n".join(ops + [b"ET"])])
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        expected = [{k: c[k] for k in pdf_module.CHAR_KEYS} for c in page.dedupe_chars().chars]
        kept = pdf_module._deduped(pdf_module.page_chars(page))
        assert [{k: c[k] for k in pdf_module.CHAR_KEYS} for c in kept] == expected
        assert 0 < len(expected) < len(page.chars)


# ------------------------------------------------------------------ bad PDFs


def _encrypted(user: str) -> bytes:
    import pikepdf

    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf_samples.text_pdf([[(20, 100, "secret")]]))) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(owner="owner", user=user))
    return out.getvalue()


def _show(text: str) -> bytes:
    return b"BT /F1 1 Tf 1 0 0 1 0 100 Tm (" + text.encode() + b") Tj ET"


def _cut_in_half(data: bytes) -> bytes:
    return data[: len(data) // 2]


BAD_PDFS = {
    "truncated": (lambda: _cut_in_half(pdf_samples.text_pdf([[(20, 100, "half")]] * 3)),
                  "cut.pdf: not a readable PDF (corrupt or truncated)"),
    "corrupt": (lambda: b"%PDF-1.7\n" + bytes(range(256)) * 64 + b"\n%%EOF\n",
                "cut.pdf: not a readable PDF (corrupt or truncated)"),
    "user password": (lambda: _encrypted("user"),
                      "cut.pdf: the PDF is encrypted; remove the password first"),
    "owner password only": (lambda: _encrypted(""),
                            "cut.pdf: the PDF is encrypted; remove the password first"),
    "no text layer": (lambda: pdf_samples.no_text_pdf(),
                      "cut.pdf: the PDF has no text layer (a scanned image?); OCR is not supported"),
    "501 pages": (lambda: pdf_samples.many_pages_pdf(501),
                  "cut.pdf: the PDF has 501 pages, over the limit of 500"),
    "bomb": (lambda: pdf_samples.bomb_pdf(17 * 2**20),
             "cut.pdf: a stream inflates past 16 MiB (a decompression bomb?); not read"),
    "100001 paths": (lambda: pdf_samples.flate_pages_pdf([b"0 0 m 1 1 l S\n" * 100_001]),
                     "cut.pdf: the PDF has more than 100000 drawing objects; not read "
                     "(a slide deck has far fewer)"),
    "a form of 1000 paths used 101 times": (
        lambda: pdf_samples.make_pdf([b"/X1 Do\n" * 101], form=b"0 0 m 1 1 l S\n" * 1000),
        "cut.pdf: the PDF has more than 100000 drawing objects; not read "
        "(a slide deck has far fewer)"),
    "30001 characters on a page": (
        lambda: pdf_samples.make_pdf([_show("x" * 30_001)]),
        "cut.pdf: the PDF has more than 30000 characters on one page; not read "
        "(a slide deck has far fewer)"),
    "9 pages of 25000 characters": (
        lambda: pdf_samples.make_pdf([_show("x" * 25_000)] * 9),
        "cut.pdf: the PDF has more than 200000 characters; not read "
        "(a slide deck has far fewer)"),
}


@pytest.mark.parametrize("case", list(BAD_PDFS))
def test_bad_pdfs_are_refused_in_one_line(case):
    make, message = BAD_PDFS[case]
    with pytest.raises(BadInput) as refused:
        read_pdf(make(), "cut.pdf")
    assert str(refused.value) == message
    assert refused.value.exit_code == 2


def test_a_gigabyte_bomb_is_refused_fast_and_small():
    bomb = pdf_samples.bomb_pdf(2**30)  # 1 GiB of blanks in ~1 MB
    assert len(bomb) < 2 * 2**20
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(BadInput, match="a stream inflates past 16 MiB"):
            read_pdf(bomb, "bomb.pdf")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 3
    assert peak < 16 * 2**20  # never holds more than a chunk of the inflated data


def test_many_streams_together_are_bounded():
    limits = dataclasses.replace(DECK_PDF_LIMITS, inflated_bytes=2**20)
    pages = [b"%" + b" " * (400 * 1024)] * 3  # 3 x 400 KiB: each fine, together 1.2 MiB
    with pytest.raises(BadInput) as refused:
        read_pdf(pdf_samples.flate_pages_pdf(pages), "many.pdf", limits)
    assert str(refused.value) == (
        "many.pdf: its streams together inflate past 1 MiB (a decompression bomb?); not read")


@pytest.mark.parametrize("filters, encode, size", [
    ([b"FlateDecode"], zlib.compress, 300_000),
    ([b"ASCIIHexDecode", b"FlateDecode"], lambda d: zlib.compress(d).hex().encode() + b">", 300_000),
    ([b"RunLengthDecode"], lambda d: bytes([129, 32]) * (len(d) // 128) + b"\x80", 299_904),
    ([b"DCTDecode"], lambda d: b"\xff\xd8jpeg", 6),  # image-only filter: not expanded
])
def test_stream_sizes_are_measured_through_their_filters(filters, encode, size):
    raw = encode(b" " * 300_000)
    assert pdf_module._decoded_size(raw, filters, 10**9) == size
    assert pdf_module._decoded_size(raw, filters, 1000) > 1000 or size <= 1000


# ------------------------------------------------------------------ the fixture PDF


def _trimmed(lines: list[str]) -> list[str]:
    """A page's lines as a PDF can show them: blanks collapsed, no blank lines at the ends."""
    collapsed = [" ".join(text.split()) for text in lines]
    while collapsed and not collapsed[0]:
        collapsed.pop(0)
    while collapsed and not collapsed[-1]:
        collapsed.pop()
    return collapsed


def test_fixture_pdf_reads_back_as_its_pages_show_the_text_layer(deck_document, text_pages):
    """Line for line the text layer, except where the original's ToUnicode lies: its pages
    show 少 where the text layer reads 尐, and the glyph's shape (no table) reads 少."""
    assert (deck_document.kind, deck_document.page_count) == ("pdf", 9)
    pages = deck_document.pages()
    assert sorted(pages) == list(range(1, 10))
    for page, lines in text_pages.items():
        # line for line, blank lines (from vertical gaps) included
        shown = [text.replace(make_fixture_pdf.READS_AS, make_fixture_pdf.SHOWN) for text in _trimmed(lines)]
        assert [line.text for line in pages[page]] == shown, f"page {page}"
        assert [line.number for line in pages[page]] == list(range(1, len(pages[page]) + 1))
    assert [len(pages[p]) for p in range(1, 10)] == [7, 24, 161, 52, 46, 30, 76, 37, 30]
    assert [sum(1 for l in pages[p] if l.text) for p in range(1, 10)] == [
        4, 12, 87, 30, 27, 17, 48, 22, 18]
    assert all(len(l.char_boxes) == len(l.text) for l in deck_document.lines)
    tops = [l.char_boxes[0].top for l in pages[3] if l.text]
    assert tops == sorted(tops)


def test_the_fixture_pdf_lie_is_repaired_by_shape_and_reported(deck_document):
    """One row: the deck font's 少 glyph claims 尐; nothing else is repaired or doubted."""
    (row,) = deck_document.glyph_repairs
    assert (row["font"].split("+")[-1], row["claimed"], row["read"], row["verdict"]) == (
        make_fixture_pdf.DECK_FONT, make_fixture_pdf.READS_AS, make_fixture_pdf.SHOWN, "repaired")
    assert row["best_score"] > 0.95 and row["reason"] == ""
    first = next(line for line in deck_document.lines if make_fixture_pdf.SHOWN in line.text and line.page == 5)
    at = first.text.index(make_fixture_pdf.SHOWN)  # where it is first drawn: the debug images' box
    box = first.char_boxes[at]
    assert (row["page"], row["x0"], row["top"], row["x1"], row["bottom"]) == pytest.approx(
        (5, box.x0, box.top, box.x1, box.bottom), abs=0.01)


def test_fixture_text_layer_has_the_originals_defect(deck_pdf):
    """Read trusting its text layer, the fixture says 希尐 where its pages show 希少, as the
    original does: 11 times, on pages 5, 6 and 8; its one true 希少 is on page 3."""
    trusting = read_pdf(deck_pdf.read_bytes(), "deck.pdf", glyphs=GlyphCheck(fallback={}, trust=True))
    wrong = [(l.page, l.number) for l in trusting.lines for _ in range(l.text.count("希尐"))]
    right = [(l.page, l.text) for l in trusting.lines if "希少" in l.text]
    assert len(wrong) == 11
    assert sorted({page for page, _ in wrong}) == [5, 6, 8]
    assert [page for page, _ in wrong].count(5) == 9
    assert right == [(3, "○希少金属代替材料開発")]
    assert sum(l.text.count("尐") for l in trusting.lines) == 11 and trusting.glyph_repairs == ()


def _ink(image) -> np.ndarray:
    """The dark pixels of a glyph image, cropped to their extent, at 48 x 48."""
    from PIL import Image

    dark = np.asarray(image.convert("L")) < 128
    rows, cols = np.nonzero(dark)
    dark = dark[rows.min(): rows.max() + 1, cols.min(): cols.max() + 1]
    scaled = Image.fromarray(dark.astype(np.uint8) * 255).resize((48, 48), Image.BILINEAR)
    return np.asarray(scaled) / 255.0


@pytest.mark.parametrize("fixture", ["deck_pdf", "slides_pdf"])
def test_fixture_page_shows_sho_where_its_text_layer_says_the_wrong_char(request, fixture):
    import pdfplumber
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(make_fixture_pdf.noto_otf()), 64)
    templates = {}
    for char in "少尐":
        image = Image.new("L", (96, 96), 255)
        ImageDraw.Draw(image).text((16, 0), char, font=font, fill=0)
        templates[char] = _ink(image)
    with pdfplumber.open(request.getfixturevalue(fixture)) as pdf:
        page = pdf.pages[5 - 1]
        said = [c for c in page.chars if c["text"] == "尐"]
        assert len(said) == 9
        for char in said:
            crop = page.crop((char["x0"], char["top"], char["x1"], char["bottom"]))
            seen = _ink(crop.to_image(resolution=600).original)
            to_sho = np.abs(seen - templates["少"]).mean()
            to_wrong = np.abs(seen - templates["尐"]).mean()
            assert to_sho < 0.08 < 0.2 < to_wrong, (to_sho, to_wrong)


@pytest.mark.parametrize("script, fixture", [("make_fixture_pdf.py", "deck_pdf"),
                                             ("make_slides_pdf.py", "slides_pdf")])
def test_fixture_script_writes_the_same_pdf(tmp_path, request, script, fixture):
    out = tmp_path / "again.pdf"
    done = subprocess.run([sys.executable, str(ROOT / "tests" / "fixtures" / script), str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, f"wrote {out}\n", "")
    built = request.getfixturevalue(fixture).read_bytes()
    assert out.read_bytes() == built  # deterministic: no need to commit it
    assert len(built) < 300 * 1024


def test_a_title_in_large_type_over_small_body_text_is_its_own_block():
    """An 18 pt title over 8 pt text: the baselines are within one pitch of the title's type,
    but more than a line of the body's type stands empty between them — two blocks, as in a
    slide whose title box the stream emits first (a layout's title placeholder)."""
    page = b"\n".join([pdf_samples.text_ops([(20, 500, "Title")], size=18),
                       pdf_samples.text_ops([(20, 470, "body one"), (20, 460, "body two")], size=8)])
    lines = [line.text for line in read_pdf(pdf_samples.make_pdf([page]), "title.pdf").lines]
    assert lines == ["Title", "", "body one", "body two"]
    tight = b"\n".join([pdf_samples.text_ops([(20, 500, "Title")], size=18),  # the body right below
                        pdf_samples.text_ops([(20, 488, "body one")], size=8)])
    assert [line.text for line in read_pdf(pdf_samples.make_pdf([tight]), "tight.pdf").lines] == ["Title", "body one"]
