"""Text read in its writing direction and by its shown strings (issue 16, "PDF layouts").

Each PDF is written by hand (``pdf_samples.cid_pdf``: a Japanese CID font, Identity-H or
Identity-V), so a test sets every operator: character spacing (``Tc``), the offsets of a
``TJ`` array, a rotated text matrix, a vertical font, characters stacked one string each.
Expected lines and amounts are read from the strings the test draws.
"""

from __future__ import annotations

import math

import pdf_samples
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.census.rows import census_rows
from extract.read.pdf import read_pdf

HELVETICA_WIDTHS = {**dict.fromkeys("0123456789", 556), ",": 278}  # per 1000 of the type size
CHARS = "歳出合計補正額予算総務費の千万円億△,.0123456789()単位："


def lines_of(data: bytes) -> list[str]:
    return [line.text for line in read_pdf(data, "doc.pdf").lines if line.text]


def amounts_of(data: bytes) -> list[tuple[str, str]]:
    """(kind, value) of every figure the census lists for the PDF."""
    document = read_pdf(data, "doc.pdf")
    pages: dict[int, list] = {}
    for line in document.lines:
        pages.setdefault(line.page, []).append(line)
    return [(row["kind"], row["value"]) for row in census_rows("doc.pdf", sorted(pages.items()))]


# --- letter-spacing and shown strings ---------------------------------------------


@pytest.mark.parametrize("spacing", [2, 6, 12])
def test_a_letter_spaced_string_is_one_word(spacing):
    """均等割付 sets the characters of one string apart (Tc): the gap between them is no
    word break, however wide."""
    data = pdf_samples.cid_pdf(CHARS, [[(b"1 0 0 1 20 250 Tm %d Tc" % spacing, "歳出合計3,456,789千円")]])
    assert lines_of(data) == ["歳出合計3,456,789千円"]
    assert amounts_of(data) == [("amount", "3456789000")]


def test_a_letter_spaced_decimal_keeps_its_whole_part():
    data = pdf_samples.cid_pdf(CHARS, [[(b"1 0 0 1 20 250 Tm 9 Tc", "補正額12.75億円")]])
    assert amounts_of(data) == [("amount", "1275000000")]


def test_separate_strings_far_apart_stay_two_words():
    data = pdf_samples.cid_pdf(CHARS, [[(b"1 0 0 1 20 250 Tm", "予算"), (b"1 0 0 1 50 250 Tm", "1,200千円")]])
    assert lines_of(data) == ["予算 1,200千円"]


def test_a_wide_offset_in_a_tj_array_is_a_word_break():
    """One ``TJ`` array may draw two cells, an offset between them: the offset's gap
    decides, not the array."""
    font = pdf_samples.CidFont(CHARS, first=6)
    content = (b"BT /F2 10 Tf 1 0 0 1 20 250 Tm [" + font.show("12,341") + b" -2500 " + font.show("200")
               + b"] TJ ET")
    data = pdf_samples.make_pdf([content], size=(300, 300), more=font.objects, fonts=b"/F2 " + font.ref)
    assert lines_of(data) == ["12,341 200"]


def test_kerning_in_a_tj_array_joins_the_pieces():
    font = pdf_samples.CidFont(CHARS, first=6)
    content = (b"BT /F2 10 Tf 1 0 0 1 20 250 Tm [" + font.show("1,2") + b" 40 " + font.show("00千円")
               + b"] TJ ET")
    data = pdf_samples.make_pdf([content], size=(300, 300), more=font.objects, fonts=b"/F2 " + font.ref)
    assert lines_of(data) == ["1,200千円"]


@pytest.mark.parametrize(("size", "gap"), [(6, 2.5), (7, 2.4), (8, 2.9)])
def test_two_narrow_columns_of_small_type_are_not_joined(size, gap):
    """Two columns of 6-8 pt figures a little less than 3 pt apart are two cells: the word
    gap shrinks with the type (a third of an em), never joining across a column edge."""
    ops = []
    for row, (left, right) in enumerate([("12,341", "200"), ("5,000", "31")]):
        y = 250 - row * (size + 2)
        width = sum(HELVETICA_WIDTHS[char] for char in left) * size / 1000
        ops.append(b"BT /F1 %g Tf 1 0 0 1 %g %g Tm (%s) Tj ET" % (size, 60 - width, y, left.encode()))
        ops.append(b"BT /F1 %g Tf 1 0 0 1 %g %g Tm (%s) Tj ET" % (size, 60 + gap, y, right.encode()))
    lines = lines_of(pdf_samples.make_pdf([b"\n".join(ops)], size=(300, 300)))
    assert lines == ["12,341 200", "5,000 31"]


# --- rotated text and vertical writing --------------------------------------------


@pytest.mark.parametrize("matrix", [b"0 1 -1 0 100 40", b"0 -1 1 0 200 280", b"-1 0 0 -1 250 100"])
def test_rotated_text_is_read_along_its_direction(matrix):
    """A line drawn a quarter turn either way, or upside down, reads as the line it is."""
    data = pdf_samples.cid_pdf(CHARS, [[(matrix + b" Tm", "補正額△1,200万円")]])
    assert lines_of(data) == ["補正額△1,200万円"]
    assert amounts_of(data) == [("amount", "-12000000")]


def test_rotated_lines_keep_their_order_and_their_page_boxes():
    """Two lines written upwards: the first stands left of the second (the page turned a
    quarter); each character's box is its box on the page, one above the other."""
    data = pdf_samples.cid_pdf(CHARS, [[(b"0 1 -1 0 100 40 Tm", "予算1,000千円"),
                                        (b"0 1 -1 0 114 40 Tm", "総務費200千円")]])
    lines = [line for line in read_pdf(data, "doc.pdf").lines if line.text]
    assert [line.text for line in lines] == ["予算1,000千円", "総務費200千円"]
    first = lines[0].char_boxes
    assert all(box.x1 < 114 for box in first)  # left of the second line's baseline
    tops = [box.top for box in first]
    assert tops == sorted(tops, reverse=True)  # read upwards: each char above the one before


def test_vertical_writing_reads_top_to_bottom_columns_right_to_left():
    """An Identity-V font writes down the page; the next column stands to the left."""
    data = pdf_samples.cid_pdf(CHARS, [[(b"1 0 0 1 250 280 Tm", "歳出合計12.4億円"),
                                        (b"1 0 0 1 235 280 Tm", "補正額△300万円")]], vertical=True)
    assert lines_of(data) == ["歳出合計12.4億円", "補正額△300万円"]
    assert amounts_of(data) == [("amount", "1240000000"), ("amount", "-3000000")]


def test_horizontal_text_comes_first_then_each_other_direction():
    data = pdf_samples.cid_pdf(CHARS, [[(b"0 1 -1 0 30 40 Tm", "総務費"),
                                        (b"1 0 0 1 60 250 Tm", "予算1,000千円")]])
    lines = [line.text for line in read_pdf(data, "doc.pdf").lines]
    assert lines == ["予算1,000千円", "", "総務費"]


def test_characters_stacked_one_string_each_are_read_as_a_column():
    """Vertical text set without a vertical font: each character its own string, straight
    under the one before (digits flush left under kanji)."""
    ops = [(b"1 0 0 1 250 %g Tm" % (280 - 11 * index), char) for index, char in enumerate("予算12.4億円")]
    data = pdf_samples.cid_pdf(CHARS, [ops])
    assert lines_of(data) == ["予算12.4億円"]
    assert amounts_of(data) == [("amount", "1240000000")]


def test_a_column_of_single_digits_down_a_table_is_not_a_word():
    """Single digits one under another (a 節 column, rows 1 em apart) stay one per line:
    a stack is read as a word only with kanji or kana in it."""
    ops = [(b"1 0 0 1 40 %g Tm" % (280 - 11 * index), digit) for index, digit in enumerate("1234")]
    data = pdf_samples.cid_pdf(CHARS, [ops])
    assert lines_of(data) == ["1", "2", "3", "4"]


# --- fuzzed: any amount, any of these layouts --------------------------------------

LAYOUTS = ["spaced", "rotated", "vertical", "stacked"]


def _drawn(text: str, layout: str, spacing: float, angle: int) -> bytes:
    if layout == "stacked":
        ops = [(b"1 0 0 1 150 %g Tm" % (280 - 11 * index), char) for index, char in enumerate(text)]
        return pdf_samples.cid_pdf(CHARS, [ops], size=(300, 320))
    if layout == "vertical":
        return pdf_samples.cid_pdf(CHARS, [[(b"1 0 0 1 150 300 Tm %g Tc" % spacing, text)]], vertical=True,
                                   size=(300, 320))
    cos, sin = (round(value, 6) for value in (math.cos(math.radians(angle)), math.sin(math.radians(angle))))
    matrix = b"%g %g %g %g 150 160 Tm %g Tc" % (cos, sin, -sin, cos, spacing)
    return pdf_samples.cid_pdf(CHARS, [[(matrix, text)]], size=(320, 320))


@settings(max_examples=60, deadline=None)
@given(thousands=st.integers(min_value=1, max_value=9_999_999), negative=st.booleans(),
       layout=st.sampled_from(LAYOUTS), spacing=st.sampled_from([0, 1.5, 4, 8]),
       angle=st.sampled_from([0, 30, 90, 180, 270, 315]))
def test_an_amount_in_any_of_these_layouts_reads_as_written(thousands, negative, layout, spacing, angle):
    """A 千円 amount, signed or not, letter-spaced, rotated, set vertically or stacked:
    the census gives its value, never a piece of it."""
    text = f"予算{'△' if negative else ''}{thousands:,}千円"
    value = -thousands * 1000 if negative else thousands * 1000
    assert amounts_of(_drawn(text, layout, spacing, angle)) == [("amount", str(value))]
