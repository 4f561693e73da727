"""The generic layout: header columns, units, rows and the gutter, from word geometry only."""

import random

import pytest

from extract.layout import Edge, Settings, Word, find_gutter, find_table, find_tables, lines_of
from extract.layout.table import _crossings

LABELS = Settings(labels=("目", "本年度予算額", "比較", "説明"))


def _word(text, x0, top, width=None):
    return Word(text, x0, x0 + (width if width is not None else 7 * len(text)), top, top + 7)


def _page(shift=0.0):
    """An unruled table: spaced-out 比 較, units under the header, numbers right-aligned."""
    return (
        _word("目", 40 + shift, 10), _word("本年度予算額", 120 + shift, 10), _word("比", 220 + shift, 10),
        _word("較", 250 + shift, 10), _word("説", 330 + shift, 10), _word("明", 400 + shift, 10),
        _word("千円", 160 + shift, 20), _word("千円", 250 + shift, 20),
        _word("1", 20 + shift, 32), _word("個人", 30 + shift, 32), _word("15,840,700", 104 + shift, 32),
        _word("△1,000", 222 + shift, 32), _word("現年課税分", 320 + shift, 32),
    )


def test_columns_units_and_rows_come_from_header_words_wherever_they_stand():
    for shift in (0.0, 37.5):
        table = find_table(lines_of(_page(shift)), (), LABELS)
        assert [c.label for c in table.columns] == ["目", "本年度予算額", "比較", "説明"]
        assert [c.unit for c in table.columns] == [None, "千円", "千円", None]
        (row,) = table.rows
        assert row.text("目") == "1 個人"
        assert row.text("本年度予算額") == "15,840,700"
        assert row.text("比較") == "△1,000"
        assert row.text("説明") == "現年課税分"


def test_rules_drawn_through_the_header_bound_the_columns():
    edges = (Edge(100.0, 0, 60), Edge(205.0, 0, 60), Edge(300.0, 0, 60))
    table = find_table(lines_of(_page()), edges, LABELS)
    spans = {c.label: (c.x0, c.x1) for c in table.columns}
    assert spans["本年度予算額"] == (100.0, 205.0)
    assert spans["比較"] == (205.0, 300.0)


def test_a_longer_spaced_phrase_is_not_its_first_label():
    words = tuple(_word(c, 20 + 12 * i, 10) for i, c in enumerate("本年度予算額の財源内訳"))
    assert find_table(lines_of(words), (), Settings(labels=("本年度予算額",), min_labels=1)) is None


def test_the_gutter_is_the_empty_band_not_half_the_width():
    left = tuple(_word("x" * 10, 20 + 80 * i, 10) for i in range(4))  # up to 330
    right = tuple(_word("y" * 10, 400 + 80 * i, 10) for i in range(5))
    assert abs(find_gutter(left + right, 842.0) - 365.0) <= 1.0  # width / 2 would be 421
    assert find_gutter(left, 842.0) is None


def test_unruled_columns_split_where_no_word_crosses():
    """A right-aligned figure ending close to the item number of the next column: the split
    is the empty river between them, not half-way between the header cells."""
    words = (_word("金額", 100, 10, 20), _word("区分", 160, 10, 20), _word("説明", 260, 10, 20),
             _word("98,225,000", 95, 30, 40), _word("4", 136, 30, 3), _word("共済費", 140, 30, 18),
             _word("1,000", 115, 45, 20), _word("18", 136, 45, 3), _word("負担金補助及び交付金", 140, 45, 60))
    table = find_table(lines_of(words), (), Settings(labels=("金額", "区分", "説明")))
    first, second = table.rows
    assert first.text("金額") == "98,225,000"
    assert first.text("区分") == "4 共済費"  # half-way between the header cells (140) would split 4 off
    assert second.text("区分") == "18 負担金補助及び交付金"


SPENDING = Settings(labels=("目", "本年度予算額", "前年度予算額", "比較", "特定財源", "説明"))


def _spending_header(joined: bool):
    """比 and 較 spaced across a ruled cell as wide as the gap to 特 定 財 源 in the next one;
    本年度予算額 and 前年度予算額 in two cells or (``joined``) one word of the text layer."""
    amounts = ([_word("本年度予算額前年度予算額", 40, 10)] if joined
               else [_word("本年度予算額", 40, 10), _word("前年度予算額", 82, 10)])
    return (_word("目", 10, 10), *amounts, _word("比", 130, 10), _word("較", 150, 10),
            _word("特", 170, 10), _word("定", 190, 10), _word("財", 210, 10), _word("源", 230, 10),
            _word("説", 260, 10), _word("明", 300, 10), _word("488,451", 50, 30), _word("499,446", 92, 30),
            _word("△10,995", 136, 30))


@pytest.mark.parametrize("joined", [False, True])
def test_a_rule_ends_a_spaced_label_and_joined_labels_are_cut_apart(joined):
    rule = (Edge(163.0, 0, 40),)  # between 較 and 特: two cells
    table = find_table(lines_of(_spending_header(joined)), rule, SPENDING)
    labels = [c.label for c in table.columns]
    assert labels == ["目", "本年度予算額", "前年度予算額", "比較", "特定財源", "説明"]
    (row,) = table.rows
    assert (row.text("本年度予算額"), row.text("前年度予算額"), row.text("比較")) == ("488,451", "499,446", "△10,995")
    unruled = find_table(lines_of(_spending_header(joined)), (), SPENDING)  # as close, no rule: one phrase
    assert "比較" not in [c.label for c in unruled.columns]


def test_a_caption_beside_a_label_widens_its_cell_and_the_split_falls_in_the_gap():
    """節 区分 (節 no label) over item numbers that start left of 区分: the figure column
    before it ends at the empty gap after its right-aligned figures, not at the wider space
    between the item's name and the header."""
    words = (_word("一般財源", 359, 10, 20), _word("節", 413, 10, 5), _word("区分", 419, 10, 10),
             _word("金額", 470, 10, 10),
             _word("33,995,000", 364, 30, 25), _word("11", 393, 30, 5), _word("役務費", 400, 30, 15),
             _word("33,995,000", 472, 30, 25))
    table = find_table(lines_of(words), (), Settings(labels=("一般財源", "区分", "金額")))
    (row,) = table.rows
    assert (row.text("一般財源"), row.text("区分"), row.text("金額")) == ("33,995,000", "11 役務費", "33,995,000")
    assert table.column("区分").x0 < 393 < table.column("一般財源").x1 + 5


def test_each_header_on_a_page_starts_a_table_of_its_own():
    """Both sides of a 総括 on one page: the second header names more columns than the first."""
    words = (_word("款", 20, 10), _word("本年度予算額", 100, 10), _word("1", 20, 25), _word("町税", 30, 25),
             _word("1,000", 120, 25),
             _word("款", 20, 45), _word("本年度予算額", 100, 45), _word("一般財源", 200, 45),
             _word("1", 20, 60), _word("議会費", 30, 60), _word("900", 128, 60), _word("900", 220, 60))
    settings = Settings(labels=("款", "本年度予算額", "一般財源"), min_labels=2)
    first, second = find_tables(lines_of(words), (), settings)
    assert [r.text("款") for r in first.rows] == ["1 町税"]
    assert [c.label for c in second.columns] == ["款", "本年度予算額", "一般財源"]
    assert [(r.text("款"), r.text("一般財源")) for r in second.rows] == [("1 議会費", "900")]


def test_river_crossings_count_each_word_the_x_lies_strictly_inside():
    """The running-sum count equals the direct count: steps on and off word edges."""
    rng = random.Random(5)
    for _ in range(400):
        start = rng.choice([rng.uniform(0, 500), rng.randint(0, 1000) / 2])
        steps = [start + 0.5 * i for i in range(rng.randint(0, 120))]
        body = []
        for _ in range(rng.randint(0, 20)):
            x0 = rng.choice([rng.uniform(start - 20, start + 80), start + 0.5 * rng.randint(-5, 125)])
            body.append(Word("w", x0, x0 + rng.choice([rng.uniform(0, 40), 0.5 * rng.randint(0, 40)]), 0, 1))
        assert _crossings(steps, start, tuple(body)) == [sum(w.x0 < x < w.x1 for w in body) for x in steps]
