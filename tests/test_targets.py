"""The targets table: every percent of pages 5, 7 and 8, read by hand from the source.

Each statement is its whole sentence, each subject what is cut or reached, and where the
text layer lost which chart row a figure stands in, the row says so instead of guessing.
"""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import edited_source
from extract.families.meti_deck.models import Targets
from extract.families.meti_deck.parse.targets import PERCENT, sentence_of, subject_of
from extract.read.document import Document, Line
from extract.read.lines import normalize_lines

NEO = "次世代自動車向け高効率モーター用磁性材料技術開発"

# (page, line, subject_ja, percent, bound, kind, row_ja, row_known, statement_ja), by hand:
EXPECTED = [
    # page 5's table: the mineral is the row; 現状から says from what, the header what is cut
    (5, 3, "使用量", 30, "以上", "target", "ジスプロシウム", True,
     "希少金属代替材料開発プロジェクトで現状から30%以上削減を目標として開発中。"),
    (5, 18, "使用量", 30, "以上", "target", "タングステン", True,
     "希少金属代替材料開発プロジェクトで現状から30%以上削減を目標として開発中。"),
    # page 7's roadmap cells: their chart rows are lost in the text layer
    (7, 4, "使用量", 40, None, "achieved", None, False, "単位あたり40%削減技術確立"),
    (7, 6, "使用量", 50, None, "achieved", None, False, "使用量50%削減達成。"),
    (7, 12, "中国以外から対応", 30, "以上", "achieved", None, False, "30%以上を中国以外から対応可。"),
    (7, 16, "使用量", 40, None, "achieved", None, False, "単位あたり40%削減技術確立"),
    # page 7's note on the magnet row names its row: 磁石は、
    (7, 66, "ジスプロ使用量", 40, None, "achieved", "磁石", True,
     "磁石は、ジスプロ使用量の40%削減技術が確立し立地支援中。"),
    # page 8's running text, the sentence from its first line
    (8, 12, "エネルギー損失", 25, None, "target", None, True,
     "ジスプロシウム等のレアアースを使用せず、それ以上に強力な磁性体の開発等を行うとともに、"
     "電力消費の半分を占めるモーターについて、設計及び試作を行い、エネルギー損失を25%削減できる"
     "高性能モーターを実現。"),
]
COLUMNS = ["page", "line", "subject_ja", "percent", "bound", "kind", "row_ja", "row_known", "statement_ja"]


def _rows(frame: pd.DataFrame) -> list[tuple]:
    return [tuple(None if pd.isna(value) else value for value in row)
            for row in frame[COLUMNS].itertuples(index=False)]


def test_every_target_as_read_by_hand(tables):
    targets = tables["targets"]
    assert targets["target_id"].tolist() == [f"T0{n}" for n in range(1, 9)]
    assert _rows(targets) == EXPECTED


def _blocks(source_bytes: bytes) -> dict[tuple[int, int], str]:
    """(page, line) -> the block (run of non-blank lines) it is in, as repaired text joined
    line to line."""
    from extract.families.meti_deck.parse.pages import segment_pages
    from extract.read.ingest import read_document

    document = read_document(source_bytes, "deck.txt")
    blocks: dict[tuple[int, int], str] = {}
    current: list = []
    for line in list(normalize_lines(segment_pages(document))) + [None]:
        if line is not None and line.text and (not current or current[-1].page == line.page):
            current.append(line)
            continue
        text = "".join(member.text for member in current)
        blocks.update({(member.page, member.number): text for member in current})
        current = [line] if line is not None and line.text else []
    return blocks


def test_statements_are_whole_sentences_of_the_source(tables, source_bytes):
    """A statement is text of one block of its page, read across line ends; it starts where
    its block does or after a 。 or a closing bracket (a caption, a row's label), and ends
    with its 。 — or where its block ends (a chart cell)."""
    blocks = _blocks(source_bytes)
    for row in tables["targets"].itertuples():
        block = blocks[(row.page, row.line)]
        start = block.index(row.statement_ja)
        end = start + len(row.statement_ja)
        assert start == 0 or block[start - 1] in "。)", (row.target_id, block[:start])
        assert row.statement_ja.endswith("。") or end == len(block) or block[end] != "。", row.target_id
        assert "。" not in row.statement_ja[:-1], row.target_id  # one sentence
    t07 = tables["targets"].set_index("target_id").loc["T07", "statement_ja"]
    assert t07.endswith("立地支援中。") and "入手がよ" not in t07  # not cut mid-word


def test_no_subject_is_a_qualifier(tables):
    subjects = set(tables["targets"]["subject_ja"])
    assert not {s for s in subjects if s.endswith(("あたり", "から", "可"))}, subjects


def _page(*texts: str, page: int = 7) -> list:
    lines = tuple(Line(page, number, text) for number, text in enumerate(texts, start=1))
    return list(normalize_lines(Document("x.txt", "text", lines)))


def _read(page: list, index: int, caption: str = "") -> tuple[str, str]:
    match = PERCENT.search(page[index].text)
    statement, position = sentence_of(page, index, *match.span())
    return statement, subject_of(statement, position, match, caption)


def test_a_sentence_wrapped_over_lines_is_joined_both_ways():
    page = _page("前置き。", "", "これは長い文で、途中で折り返し", "されたあと使用量の２０％を削減し、さら",
                 "に続く。次の文。")
    assert _read(page, 3) == ("これは長い文で、途中で折り返しされたあと使用量の20%を削減し、さらに続く。", "使用量")


def test_a_caption_set_apart_by_a_blank_is_not_part_of_the_sentence():
    page = _page("設備導入支援（補正予算） 使用量５０％削減達", "成。")
    assert _read(page, 0) == ("使用量50%削減達成。", "使用量")
    joined = _page("設備導入支援（補正予算）使用量５０％削減達成。")  # no blank: one text
    assert _read(joined, 0)[0] == "設備導入支援(補正予算)使用量50%削減達成。"


def test_a_chart_cell_is_not_joined_to_the_next_cell():
    page = _page("使用量低減技術開発（当初予算）", "単位あたり４０％削減技術確立", "代替材（ＦeＮ）の開発 代替技術開発（補正予算）")  # noqa: E501
    assert _read(page, 1, caption=page[0].text) == ("単位あたり40%削減技術確立", "使用量")


@pytest.mark.parametrize("text, subject", [
    ("エネルギー損失を２５％削減できる。", "エネルギー損失"),
    ("磁石は、ジスプロ使用量の４０％削減技術が確立。", "ジスプロ使用量"),
    ("３０％以上を中国以外から対応可。", "中国以外から対応"),
    ("現状から３０％以上削減を目標。", "使用量"),  # from the caption: 使用量削減
])
def test_the_subject_is_what_is_cut_or_reached(text, subject):
    page = _page(text)
    assert _read(page, 0, caption="鉱種 使用量削減・代替材料開発実施内容")[1] == subject


def test_a_qualifier_with_no_caption_to_say_what_is_cut_is_refused(source_text, tmp_path):
    """単位あたり under a caption that names no reduction: refused, never a made-up subject."""
    from extract.cli.main import main

    text = edited_source(source_text, "使用量低減技術開発（当初予算） \n単位あたり",
                         "技術開発（当初予算） \n単位あたり", count=2)
    source = tmp_path / "deck.txt"
    source.write_text(text, encoding="utf-8")
    assert main([str(source), "--out", str(tmp_path / "out")]) == 2
    assert not (tmp_path / "out").exists()


def test_an_unknown_row_is_left_empty_never_guessed(tables):
    unknown = tables["targets"][~tables["targets"]["row_known"]]
    assert unknown["row_ja"].isna().all() and set(unknown["page"]) == {7}
    guessed = tables["targets"].copy()
    guessed.loc[unknown.index[0], "row_ja"] = "磁石"
    with pytest.raises(Exception, match="unknown_rows_are_empty"):
        Targets.validate(guessed, lazy=True)


def test_a_statement_must_hold_its_percent(tables):
    edited = tables["targets"].copy()
    edited.loc[edited.index[0], "percent"] = 31
    with pytest.raises(Exception, match="statements_hold_their_percent"):
        Targets.validate(edited, lazy=True)
