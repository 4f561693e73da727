"""`python -m extract figures`: the census of any document, its rows, and the CLI contract."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from conftest import SOURCE, tree_digest
from extract.census import run as census_run
from extract.census.rows import census_rows, decimal_text, pages_of, read_page
from extract.cli.main import main
from extract.read.document import Line
from extract.read.ingest import read_document


def run_cli(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def page_of(*texts: str) -> list:
    """The figures of one page made of ``texts``, as (line, kind, value, unit, from_header, reason)."""
    reads = read_page("doc.txt", 1, [Line(1, n, t) for n, t in enumerate(texts, start=1)])
    return [(r.line.number, q.kind, q.value, q.unit, q.unit_from_header, q.reason) for r in reads for q in r.quantities]


def amounts_of(*texts: str) -> list[tuple[int, Decimal, bool]]:
    return [(line, value, header) for line, kind, value, _, header, _ in page_of(*texts) if kind == "amount"]


# ---------------------------------------------------------------- the METI deck


def figures_of(path: Path) -> pd.DataFrame:
    document = read_document(path.read_bytes(), path.name)
    return pd.DataFrame(list(census_rows(path.name, pages_of(document.lines))))


def test_the_census_of_the_deck_holds_every_amount_with_the_same_value(extracted):
    amounts = extracted.tables["amounts"]
    figures = figures_of(SOURCE)
    census = figures[figures["kind"] == "amount"]
    assert Counter(zip(amounts["amount"].map(int), amounts["currency"], strict=False)) == Counter(
        zip(census["value"].map(lambda v: int(Decimal(v))), census["currency"], strict=False))
    # the same figures as written, on the same lines as written
    assert Counter(amounts["amount_text"]) == Counter(census["text"])
    assert set(amounts["source_text"]) <= {
        line for line in SOURCE.read_text(encoding="utf-8").splitlines() if line.strip()}


def test_the_census_of_the_deck_pdf_has_boxes_and_the_same_amounts(deck_pdf, extracted):
    figures = figures_of(deck_pdf)
    census = figures[figures["kind"] == "amount"]
    assert sorted(census["value"].map(lambda v: int(Decimal(v)))) == sorted(extracted.tables["amounts"]["amount"])
    assert census[["x0", "top", "x1", "bottom"]].notna().all().all()
    assert set(census["page"]) == set(extracted.tables["amounts"]["page"])


# ---------------------------------------------------------------- unit headers and their reach


def test_a_header_applies_to_the_bare_numbers_below_it():
    assert amounts_of("(単位:千円)", "市税 12,345,678", "地方交付税 △ 1,234", "繰越金 0") == [
        (2, Decimal(12_345_678_000), True), (3, Decimal(-1_234_000), True), (4, Decimal(0), True)]


def test_a_header_applies_after_itself_on_its_own_line():
    assert amounts_of("2019 (単位:億円) 歳出 41,143 (1)国債費 ▲ 4,175") == [
        (1, Decimal(4_114_300_000_000), True), (1, Decimal(-417_500_000_000), True)]


def test_a_header_reaches_until_the_next_declaration():
    assert amounts_of("(単位:千円)", "12", "(単位:百万円)", "12", "(単位:事業、百万円)", "12") == [
        (2, Decimal(12_000), True), (4, Decimal(12_000_000), True)]


def test_a_header_reaches_over_one_blank_line_but_not_two():
    assert amounts_of("（単位：千円）", "", "12", "", "", "34") == [(3, Decimal(12_000), True)]


def test_a_header_ends_with_its_page():
    document = read_document("（単位：千円）\n12\n\f34\n".encode(), "doc.txt")
    rows = list(census_rows("doc.txt", pages_of(document.lines)))
    assert [(r["page"], r["kind"], r["value"]) for r in rows] == [(1, "amount", "12000"), (2, "number", "34")]


def test_under_a_header_decimals_are_ambiguous_and_labels_are_codes():
    kinds = [(kind, reason and reason.split(" (")[0]) for _, kind, *_, reason in
             page_of("（単位：百万円）", "(1) 表2 第3 2.既定 46.3 1,385")]
    assert kinds == [("code", "a label or an ordinal"), ("code", "a label or an ordinal"),
                     ("code", "a label or an ordinal"), ("code", "a label or an ordinal"),
                     ("ambiguous", "a decimal under the header 単位:百万円"), ("amount", None)]


def test_numbers_with_a_unit_and_dates_are_never_header_amounts():
    assert amounts_of("(単位:千円)", "平成27年度 12月 5人 30% 4,100 合計") == [(2, Decimal(4_100_000), True)]


# ---------------------------------------------------------------- money context and line breaks


def test_a_bare_scale_is_yen_only_on_a_page_about_money():
    assert amounts_of("補助額", "３．１億") == [(2, Decimal(310_000_000), False)]
    assert page_of("人口", "1億2千万") == [(2, "number", Decimal(120_000_000), None, False, None)]


def test_a_figure_cut_by_a_line_break_is_ambiguous_on_both_lines():
    found = page_of("予算現額 1 兆 957 億", "1,453 万円に対する割合")
    assert [(line, kind) for line, kind, *_ in found] == [(1, "ambiguous"), (2, "ambiguous")]
    found = page_of("の減少等により 213", "億 9,300 万円(26.2%)減少")
    assert [(line, kind) for line, kind, *_ in found][:2] == [(1, "ambiguous"), (2, "ambiguous")]


def test_a_digit_no_rule_reads_is_a_row_of_kind_unread_and_the_run_goes_on(monkeypatch):
    from extract.census import rows as census

    monkeypatch.setattr(census, "find_quantities", lambda *args, **kwargs: [])
    rows = list(census_rows("doc.txt", [(1, [Line(1, 1, "歳出 5億円と12.5%")])]))
    assert [(row["kind"], row["text"], row["value"]) for row in rows] == [("unread", "5", None),
                                                                         ("unread", "12.5", None)]
    assert all(row["reason"] for row in rows)


def test_a_digit_counted_in_two_figures_fails_the_census(monkeypatch):
    from extract.census import rows as census
    from extract.japanese.quantities import Quantity

    twice = [Quantity("number", (2, 3), "5"), Quantity("amount", (2, 5), "5億円")]
    monkeypatch.setattr(census, "find_quantities", lambda *args, **kwargs: list(twice))
    with pytest.raises(census.CensusCheckFailed, match="census_counts_each_digit_once: doc.txt page 1 line 1"):
        list(census_rows("doc.txt", [(1, [Line(1, 1, "歳出 5億円")])]))


def test_pages_are_read_one_at_a_time():
    """Rows of a page come out before the next page is read: a long document streams."""
    read: list[int] = []

    def pages():
        for number in (1, 2, 3):
            read.append(number)
            yield number, [Line(number, 1, f"予算 {number}億円")]

    rows = census_rows("doc.txt", pages())
    assert next(rows)["value"] == "100000000" and read == [1]
    assert next(rows)["value"] == "200000000" and read == [1, 2]


@pytest.mark.parametrize(("value", "text"), [
    (Decimal("1.5E+12"), "1500000000000"), (Decimal("-0"), "0"), (Decimal("19.880"), "19.88"),
    (Decimal("286.00"), "286"), (Decimal("-4175000000"), "-4175000000"), (None, None)])
def test_values_are_written_as_plain_exact_decimals(value, text):
    assert decimal_text(value) == text


# ---------------------------------------------------------------- the command


def test_figures_writes_csv_and_parquet_with_the_same_rows(tmp_path, capsys):
    out = tmp_path / "figs"
    code, stdout, stderr = run_cli(capsys, "figures", SOURCE, "--out", out)
    written = Counter(row["unit_origin"] for row in pq.read_table(out / "figures.parquet").to_pylist())
    assert (code, stderr) == (0, f"extract: {SOURCE.name}: 108 figure(s) (amount 51, date 18, number 18, code 13, "
                                 "percent 8); 0 in a table header's unit (units written inline "
                                 f"{written['inline']}, column 0, table 0)\n")
    assert written["inline"] == sum(count for origin, count in written.items() if origin)  # every unit inline
    assert stdout == f"extract: wrote 108 figures from 1 source(s) to {out}/\n"
    csv = pd.read_csv(out / "figures.csv", dtype=str, keep_default_na=False)
    parquet = pd.read_parquet(out / "figures.parquet")
    assert len(csv) == len(parquet) == 108
    assert list(csv["value"]) == list(parquet["value"].fillna(""))
    assert pq.read_schema(out / "figures.parquet").field("value").type == "string"
    assert (csv["kind"] == "amount").sum() == 51
    assert not list(tmp_path.glob(".figs.*")), "no staging folder left behind"


def test_jobs_give_the_same_output_in_the_order_of_the_sources(tmp_path, capsys):
    sources = []
    for name, text in (("a.txt", "予算 1億円\n"), ("b.txt", "決算 2,000千円\n平成23年度\n"), ("c.txt", "3兆円\n")):
        sources.append(tmp_path / name)
        sources[-1].write_text(text, encoding="utf-8")
    assert run_cli(capsys, "figures", *sources, "--out", tmp_path / "one")[0] == 0
    assert run_cli(capsys, "figures", *sources, "--out", tmp_path / "two", "--jobs", "2")[0] == 0
    one = (tmp_path / "one" / "figures.csv").read_bytes()
    assert one == (tmp_path / "two" / "figures.csv").read_bytes()
    assert list(pd.read_csv(tmp_path / "two" / "figures.csv")["source"]) == ["a.txt", "b.txt", "b.txt", "c.txt"]
    assert pd.read_parquet(tmp_path / "two" / "figures.parquet").equals(
        pd.read_parquet(tmp_path / "one" / "figures.parquet"))


def test_the_parquet_schema_has_the_columns_of_the_rows():
    from extract.census.rows import COLUMNS

    assert tuple(census_run.schema().names) == COLUMNS
    assert {census_run.schema().field(name).type for name in ("value", "high")} == {"string"}


def test_rows_are_written_in_batches(tmp_path, monkeypatch):
    monkeypatch.setattr(census_run, "BATCH_ROWS", 7)
    rows = ({"source": "x", "page": 1, "line": n, "kind": "number", "value": str(n), "high": None,
             "currency": None, "unit": None, "unit_from_header": False, "unit_origin": None, "approximate": False,
             "bound": None, "negative": False, "date": None, "reason": None, "text": str(n), "context": "",
             "table": None, "row_label": None, "column_label": None,
             "x0": None, "top": None, "x1": None, "bottom": None}
            for n in range(20))
    assert census_run.write_rows(rows, tmp_path / "p.csv", tmp_path / "p.parquet") == 20
    assert pq.ParquetFile(tmp_path / "p.parquet").num_row_groups == 3
    assert len((tmp_path / "p.csv").read_text().splitlines()) == 20


@pytest.mark.parametrize(("name", "content", "message"), [
    ("missing.txt", None, "missing.txt: no such file"),
    ("empty.txt", b"", "empty.txt: the file is empty"),
    ("binary.txt", b"\x00\x01\x02abc", "binary.txt: binary data, not a text layer or a PDF"),
    ("broken.pdf", b"%PDF-1.4\nnot really", "broken.pdf:"),
])
def test_bad_input_is_one_line_exit_2_and_nothing_written(tmp_path, capsys, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    out = tmp_path / "out"
    assert run_cli(capsys, "figures", SOURCE, "--out", out)[0] == 0  # a previous run's output
    before = tree_digest(out)
    code, stdout, stderr = run_cli(capsys, "figures", SOURCE, path, "--out", out)
    assert (code, stdout) == (2, "")
    assert stderr.startswith(f"extract: {tmp_path}/{message}") and stderr.count("\n") == 1
    assert tree_digest(out) == before
    assert not list(tmp_path.glob(".out.*"))


def test_two_sources_with_one_name_are_refused(tmp_path, capsys):
    (tmp_path / "x").mkdir()
    copy = tmp_path / "x" / SOURCE.name
    copy.write_bytes(SOURCE.read_bytes())
    code, _, stderr = run_cli(capsys, "figures", SOURCE, copy, "--out", tmp_path / "out")
    assert code == 2 and "share a file name" in stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("args", [["figures"], ["figures", "--jobs", "0", "x.txt"], ["figures", "--nope", "x"]])
def test_bad_arguments_are_one_line_exit_2(capsys, args):
    code, stdout, stderr = run_cli(capsys, *args)
    assert code == 2 and stdout == "" and stderr.count("\n") == 1


def test_a_failed_check_is_exit_1_and_the_previous_output_stays(tmp_path, capsys, monkeypatch):
    from extract.census import rows as census

    out = tmp_path / "out"
    assert run_cli(capsys, "figures", SOURCE, "--out", out)[0] == 0  # a previous run's output
    before = tree_digest(out)
    real = census.find_quantities

    def counted_twice(*args, **kwargs):  # an inconsistent census: the first figure of a line twice
        found = real(*args, **kwargs)
        return found + found[:1]

    monkeypatch.setattr(census, "find_quantities", counted_twice)
    code, stdout, stderr = run_cli(capsys, "figures", SOURCE, "--out", out)
    assert (code, stdout) == (1, "")
    assert "census_counts_each_digit_once: meti_rare_metals_2011-12.txt page 1 line 2" in stderr
    assert tree_digest(out) == before


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path, capsys):
    code, _, stderr = run_cli(capsys, "figures", SOURCE, "--out", tmp_path / "out")
    assert code == 0 and len(stderr.splitlines()) == 1
    assert stderr.startswith(f"extract: {SOURCE.name}: 108 figure(s) (amount 51, date 18, number 18, code 13, "
                             "percent 8); 0 in a table header's unit (units written inline ")


def test_a_progress_bar_on_a_terminal(tmp_path, capsys, monkeypatch):
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    code, _, stderr = run_cli(capsys, "figures", SOURCE, "--out", tmp_path / "out")
    assert code == 0 and "1/1" in stderr and "page/s" in stderr  # the text is one page


def test_a_folder_holding_a_users_file_is_never_replaced(tmp_path, capsys):
    """The census writes under the deck's rules: only a folder this tool wrote is replaced."""
    out = tmp_path / "thesis"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"a user's work")
    code, stdout, stderr = run_cli(capsys, "figures", SOURCE, "--out", out)
    assert (code, stdout) == (2, "")
    assert "holds thesis.docx, which this tool did not write" in stderr and stderr.count("\n") == 1
    assert (out / "thesis.docx").read_bytes() == b"a user's work"
    assert sorted(p.name for p in out.iterdir()) == ["thesis.docx"]


def test_a_text_layer_with_form_feeds_has_pages(tmp_path, capsys):
    source = tmp_path / "paged.txt"
    source.write_text("予算 12億円\n\f決算 3億円\n", encoding="utf-8")
    code, _, stderr = run_cli(capsys, "figures", source, "--out", tmp_path / "out")
    assert (code, stderr) == (0, "extract: paged.txt: 2 figure(s) (amount 2); 0 in a table header's unit "
                                 "(units written inline 2, column 0, table 0)\n")
    rows = pd.read_csv(tmp_path / "out" / "figures.csv", dtype=str)
    assert rows[["page", "line", "value"]].values.tolist() == [["1", "1", "1200000000"], ["2", "1", "300000000"]]


# ---------------------------------------------------------------- a long text, streamed


def _long_text(blocks: int) -> str:
    """``blocks`` tables of 300 lines under their own unit header, two blank lines apart."""
    block = ["（単位：千円）", *(f"第{i}項 {i * 7:,}" for i in range(1, 300)), "", ""]
    return "\n".join(block * blocks)


def test_a_text_layers_lines_are_made_one_at_a_time():
    from extract.read.ingest import iter_text_lines

    lines = iter_text_lines(b"a\nb\r\nc\rd\fe\n", "doc.txt")
    assert next(lines) == Line(page=1, number=1, text="a")  # the rest not yet split
    assert [(line.page, line.number, line.text) for line in lines] == [(1, 2, "b"), (1, 3, "c"), (1, 4, "d"),
                                                                        (2, 5, "e")]
    assert read_document(b"x\n\ny\n\n", "doc.txt").lines == (
        Line(None, 1, "x"), Line(None, 2, ""), Line(None, 3, "y"), Line(None, 4, ""))


def test_a_long_page_is_read_in_sections_cut_where_tables_end():
    """A text of 9,030 lines and no form feed: sections of 2,000 lines or a little more,
    each ending in two blank lines; every line keeps its number in the file."""
    from extract.census.rows import SECTION_LINES
    from extract.read.ingest import iter_text_lines

    sections = list(pages_of(iter_text_lines(_long_text(30).encode(), "doc.txt")))
    sizes = [len(lines) for _, lines in sections]
    assert sum(sizes) == 30 * 302 - 1  # the file's last (blank) line dropped
    assert all(SECTION_LINES <= size < SECTION_LINES + 302 for size in sizes[:-1])
    assert all(lines[-1].text == lines[-2].text == "" for _, lines in sections[:-1])
    numbers = [line.number for _, lines in sections for line in lines]
    assert numbers == list(range(1, sum(sizes) + 1)) and {page for page, _ in sections} == {1}


def test_sections_give_the_rows_the_whole_page_gives():
    from extract.read.ingest import iter_text_lines, read_text

    text = _long_text(12).encode()
    whole = [(1, list(read_text(text, "doc.txt").lines))]
    sectioned = list(pages_of(iter_text_lines(text, "doc.txt")))
    assert len(sectioned) > 1
    by_whole = list(census_rows("doc.txt", [(1, [Line(1, line.number, line.text) for line in whole[0][1]])]))
    assert list(census_rows("doc.txt", sectioned)) == by_whole
    assert Counter(row["kind"] for row in by_whole) == {"amount": 12 * 299, "code": 12 * 299}


def test_a_page_with_no_blank_run_is_cut_at_the_most_lines():
    from extract.census.rows import SECTION_MAX_LINES

    lines = [Line(None, n, f"{n}円") for n in range(1, SECTION_MAX_LINES * 2 + 2)]
    assert [len(page) for _, page in pages_of(lines)] == [SECTION_MAX_LINES, SECTION_MAX_LINES, 1]


# ---------------------------------------------------------------- item numbers on a PDF page


def _table_pdf(rows: list[list[tuple[float, str]]]) -> bytes:
    """A page under （単位：千円）, each row's cells drawn as strings of their own in the
    order given (so a row may come out as several lines, as real books draw them)."""
    import pdf_samples

    ops = [(b"1 0 0 1 300 280 Tm", "（単位：千円）")]
    for index, row in enumerate(rows):
        ops += [(b"1 0 0 1 %g %g Tm" % (x, 250 - 20 * index), text) for x, text in row]
    chars = "".join({char for _, row in [(0, ops)] for _, text in row for char in text})
    return pdf_samples.cid_pdf(chars, [ops], size=(420, 300))


def _census_of_pdf(data: bytes) -> list[tuple[str, str | None, str]]:
    from extract.read.pdf import read_pdf

    document = read_pdf(data, "doc.pdf")
    return [(row["kind"], row["value"], row["text"]) for row in census_rows("doc.pdf", pages_of(document.lines))]


def test_a_number_with_its_rows_name_just_right_of_it_is_an_item_number():
    """The 区分 column: ``1`` then ``個人`` on the same row (drawn after the row's amounts,
    so they are lines of their own): the 1 is the item's number, never 1千円."""
    data = _table_pdf([[(40, "1"), (150, "15,840"), (220, "14,297"), (52, "個人")],
                       [(40, "2"), (150, "2,580"), (220, "2,441"), (52, "法人")]])
    rows = _census_of_pdf(data)
    assert [(kind, value) for kind, value, _ in rows if kind == "amount"] == [
        ("amount", "15840000"), ("amount", "14297000"), ("amount", "2580000"), ("amount", "2441000")]
    assert [(kind, text) for kind, _, text in rows if kind == "code"][-2:] == [("code", "1"), ("code", "2")]


def test_a_small_amount_beside_a_distant_note_stays_an_amount():
    """A 1千円 cell (a 科目存置) with the 説明 column's text far right of it, and one with no
    name beside it at all: amounts, as the page says."""
    data = _table_pdf([[(150, "1"), (260, "科目存置")], [(52, "手数料"), (150, "3")]])
    amounts = [(kind, value) for kind, value, _ in _census_of_pdf(data) if kind == "amount"]
    assert amounts == [("amount", "1000"), ("amount", "3000")]


def test_fujis_item_numbers_are_no_amounts():
    """Fuji FY2025 市税, page 1: 目 1 個人 and 2 法人 (read from the page) are codes (the
    books are beside the repository in ``shared/budgets``; without them this fails)."""
    from extract.read.pdf import read_pdf

    path = Path(__file__).resolve().parents[1].parent / "shared" / "budgets" / "fuji-r7" / "歳入_01款_市税.pdf"
    lines = [line for line in read_pdf(path.read_bytes(), path.name).lines if line.page == 1]
    rows = list(census_rows(path.name, [(1, lines)]))
    by_text = {(row["text"], row["kind"]) for row in rows}
    assert {("1", "code"), ("2", "code")} <= by_text
    assert ("1", "amount") not in by_text and ("2", "amount") not in by_text
    assert {("15,840,700", "amount"), ("2,580,200", "amount")} <= by_text


def _labelled(rows) -> dict[str, tuple]:
    return {row["text"]: (row["row_label"], row["column_label"], row["unit_origin"]) for row in rows}


def test_fujis_table_cells_know_their_row_and_column():
    """Fuji FY2025 市税, page 1, read from the page: the 目 個人 row's three figures under
    本年度予算額, 前年度予算額 and 比 較 (letters set apart), in the 千円 over each column,
    the 節 現年課税分's 金額 on the facing half (its head 区 分 金 額 over two cells), and
    the 款 heading's figure written with its own 千円, which is no column's cell."""
    from extract.read.pdf import read_pdf

    path = Path(__file__).resolve().parents[1].parent / "shared" / "budgets" / "fuji-r7" / "歳入_01款_市税.pdf"
    lines = [line for line in read_pdf(path.read_bytes(), path.name).lines if line.page == 1]
    rows = [row for row in census_rows(path.name, [(1, lines)]) if row["kind"] == "amount"]
    labelled = _labelled(rows)
    assert labelled["15,840,700"] == ("個人", "本年度予算額", "column")
    assert labelled["14,297,700"] == ("個人", "前年度予算額", "column")
    assert labelled["1,543,000"] == ("個人", "比較", "column")
    assert labelled["138,900"] == ("法人", "比較", "column")
    heading = next(row for row in rows if row["text"] == "48,352,400千円")
    assert (heading["column_label"], heading["unit_origin"]) == (None, "inline")
    setsu = [row for row in rows if row["text"] == "15,717,000"]
    assert [(row["row_label"], row["column_label"]) for row in setsu] == [
        ("現年課税分", "金額"), ("現年課税分", "説明")]


def test_a_table_in_another_layout_labels_its_cells_and_leaves_running_text_alone():
    """Heads set at other x, a row label on the same string as its figures, a sentence with
    a figure in it: only the table's cells get labels."""
    import pdf_samples

    ops = [(b"1 0 0 1 300 280 Tm", "（単位：千円）"), (b"1 0 0 1 40 255 Tm", "区分"),
           (b"1 0 0 1 160 255 Tm", "予算額"), (b"1 0 0 1 250 255 Tm", "決算額"),
           (b"1 0 0 1 40 235 Tm", "道路費"), (b"1 0 0 1 165 235 Tm", "1,200"), (b"1 0 0 1 255 235 Tm", "1,150"),
           (b"1 0 0 1 40 215 Tm", "橋りょう費 300"), (b"1 0 0 1 255 215 Tm", "280"),
           (b"1 0 0 1 40 150 Tm", "前年度は決算額が900千円であった。")]
    chars = "".join({char for _, text in ops for char in text})
    rows = _census_of_pdf_rows(pdf_samples.cid_pdf(chars, [ops], size=(420, 300)))
    labelled = {row["text"]: (row["row_label"], row["column_label"]) for row in rows if row["kind"] == "amount"}
    assert labelled == {"1,200": ("道路費", "予算額"), "1,150": ("道路費", "決算額"), "300": ("橋りょう費", "予算額"),
                        "280": ("橋りょう費", "決算額"), "900千円": (None, None)}


def _census_of_pdf_rows(data: bytes) -> list[dict]:
    from extract.read.pdf import read_pdf

    return list(census_rows("doc.pdf", pages_of(read_pdf(data, "doc.pdf").lines)))


def test_a_text_tables_cells_know_their_row_and_column():
    """A ``|`` table whose head names each column's unit, and a row label before blanks."""
    text = ("区分 | 配当金の総額(百万円) | 1株当たり配当額(円)\n"
            "期末 | 5,000 | 40\n"
            "\n\n"
            "（単位：千円）\n"
            "市税 48,352,400\n"
            "歳入は前年度より2,700,000千円増えた。\n")
    rows = list(census_rows("t.txt", [(1, [Line(1, n, t) for n, t in enumerate(text.split("\n"), start=1)])]))
    labelled = _labelled(row for row in rows if row["kind"] == "amount")
    assert labelled["5,000"] == ("期末", "配当金の総額(百万円)", "column")
    assert labelled["40"] == ("期末", "1株当たり配当額(円)", "column")
    assert labelled["48,352,400"] == ("市税", None, "table")
    assert labelled["2,700,000千円"] == (None, None, "inline")


def test_body_text_under_a_row_of_cells_is_no_head():
    """A wrapped name's end (料) and a 説明 entry on the band under a row of cells: two words
    and no figure, but body text; the row below keeps the table's head."""
    import pdf_samples

    ops = [(b"1 0 0 1 300 280 Tm", "（単位：千円）"), (b"1 0 0 1 40 255 Tm", "区分"),
           (b"1 0 0 1 160 255 Tm", "予算額"), (b"1 0 0 1 300 255 Tm", "説明"),
           (b"1 0 0 1 40 235 Tm", "農林水産業使用"), (b"1 0 0 1 165 235 Tm", "1,200"),
           (b"1 0 0 1 40 221 Tm", "料"), (b"1 0 0 1 300 221 Tm", "施設使用料"),
           (b"1 0 0 1 40 200 Tm", "手数料"), (b"1 0 0 1 170 200 Tm", "300")]
    chars = "".join({char for _, text in ops for char in text})
    rows = _census_of_pdf_rows(pdf_samples.cid_pdf(chars, [ops], size=(420, 300)))
    labelled = {row["text"]: (row["row_label"], row["column_label"]) for row in rows if row["kind"] == "amount"}
    assert labelled == {"1,200": ("農林水産業使用", "予算額"), "300": ("手数料", "予算額")}


def _text_rows(text: str) -> list[dict]:
    return list(census_rows("t.txt", pages_of([Line(1, n, t) for n, t in enumerate(text.split("\n"), start=1)])))


def test_a_stacked_pipe_table_reads_each_cell_under_its_columns_unit():
    """eumag.jp/questions/f0612 as copied (each cell and each | a line): 10億ユーロ heads the
    second column only; (9.6) is a part of the row above, not a list label; % stays a rate."""
    text = "\n".join(["大項目/事業項目", "|", "予算額(単位:10億ユーロ)", "|", "予算全体に占める割合", "|",
                      "---|---|---|",
                      "持続可能な成長", "|", "67.5", "|", "45.9%", "|",
                      "成長と雇用のための競争力(次の5項目を含む)", "|", "14.8", "|", "|",
                      "第7次研究枠組み計画", "|", "(9.6)", "|", "6.5%", "|"])
    rows = [row for row in _text_rows(text) if row["kind"] in ("amount", "percent")]
    assert [(r["text"], r["kind"], r["value"], r["currency"], r["unit_origin"], r["row_label"], r["column_label"])
            for r in rows] == [
        ("67.5", "amount", "67500000000", "EUR", "column", "持続可能な成長", "予算額(単位:10億ユーロ)"),
        ("45.9%", "percent", "45.9", None, "inline", "持続可能な成長", "予算全体に占める割合"),
        ("14.8", "amount", "14800000000", "EUR", "column", "成長と雇用のための競争力(次の5項目を含む)",
         "予算額(単位:10億ユーロ)"),
        ("9.6", "amount", "9600000000", "EUR", "column", "第7次研究枠組み計画", "予算額(単位:10億ユーロ)"),
        ("6.5%", "percent", "6.5", None, "inline", "第7次研究枠組み計画", "予算全体に占める割合")]
    assert {r["table"] for r in rows} == {"p1.t1"}


def test_a_stacked_table_in_another_layout_keeps_its_columns_apart():
    """Four columns, a name wrapped over two lines, an empty cell, a column of people; the
    page's 単位 above the table does not reach into it, and applies again to a table below."""
    text = "\n".join(["（単位：百万円）", "市税 1,200", "", "",
                      "事業", "|", "予算額", "(千円)", "|", "職員数(人)", "|", "決算額(千円)", "|", "---|---|---|---|",
                      "道路", "維持費", "|", "3,500", "|", "12", "|", "3,400", "|",
                      "橋りょう費", "|", "|", "4", "|", "980", "|",
                      "", "", "（単位：千円）", "手数料 75"])
    rows = _text_rows(text)
    amounts = [(r["text"], r["value"], r["row_label"], r["column_label"], r["table"]) for r in rows
               if r["kind"] == "amount"]
    assert amounts == [("1,200", "1200000000", "市税", None, "p1.t1"),
                       ("3,500", "3500000", "道路 維持費", "予算額 (千円)", "p1.t2"),
                       ("3,400", "3400000", "道路 維持費", "決算額(千円)", "p1.t2"),
                       ("980", "980000", "橋りょう費", "決算額(千円)", "p1.t2"),
                       ("75", "75000", "手数料", None, "p1.t3")]
    people = [(r["text"], r["kind"], r["column_label"]) for r in rows if r["text"] in ("12", "4")]
    assert people == [("12", "number", "職員数(人)"), ("4", "number", "職員数(人)")]


def test_a_separator_row_whose_head_has_other_cells_is_no_stacked_table():
    """Three columns said by the separator, two head cells above it: the columns cannot be
    counted, so the lines are read as plain lines (the 単位 above applies, no column label)."""
    text = "\n".join(["（単位：千円）", "区分", "|", "予算額", "|", "---|---|---|", "市税", "|", "500", "|"])
    rows = [r for r in _text_rows(text) if r["kind"] == "amount"]
    assert [(r["text"], r["value"], r["column_label"], r["unit_origin"]) for r in rows] == [
        ("500", "500000", None, "table")]


def test_a_unit_line_heads_the_column_under_it_whatever_the_text_order():
    """A head drawn after the body (as the 第1表 of a budget book is): 千円 under 予算額
    gives its column its unit, (人) makes 職員数 no money though the page declares 円 first,
    the item number stays a code, and a figure below a line of words in the column (another
    table) takes no unit from the head above that line."""
    import pdf_samples

    ops = [(b"1 0 0 1 300 285 Tm", "（単位：円）")]
    for index, (number, name, amount, staff) in enumerate([("1", "道路費", "1,200", "34"),
                                                           ("2", "橋りょう費", "980", "8")]):
        y = 240 - 20 * index
        ops += [(b"1 0 0 1 40 %d Tm" % y, number), (b"1 0 0 1 165 %d Tm" % y, amount),
                (b"1 0 0 1 262 %d Tm" % y, staff), (b"1 0 0 1 52 %d Tm" % y, name)]
    ops += [(b"1 0 0 1 100 170 Tm", "参考 前年度の実績による見込み"), (b"1 0 0 1 170 150 Tm", "900"),
            (b"1 0 0 1 40 270 Tm", "区分"), (b"1 0 0 1 160 270 Tm", "予算額"), (b"1 0 0 1 250 270 Tm", "職員数"),
            (b"1 0 0 1 180 257 Tm", "千円"), (b"1 0 0 1 262 257 Tm", "(人)")]
    chars = "".join({char for _, text in ops for char in text})
    rows = _census_of_pdf_rows(pdf_samples.cid_pdf(chars, [ops], size=(420, 300)))
    found = {row["text"]: (row["kind"], row["value"], row["unit_origin"]) for row in rows}
    assert found["1,200"] == ("amount", "1200000", "column")
    assert found["980"] == ("amount", "980000", "column")
    assert found["34"] == ("number", "34", None)
    assert found["8"] == ("number", "8", None)
    assert found["1"][0] == found["2"][0] == "code"
    # not 900千円 (the 千円 stands above a line of words in its column); the (人) read before
    # it in the text ended the page's 円, so it is a number with no unit guessed
    assert found["900"] == ("number", "900", None)
    assert {row["table"] for row in rows if row["text"] in ("1,200", "980")} == {"p1.t1"}


def _fuji_rows(name: str, pages: set[int]) -> list[dict]:
    from extract.read.pdf import read_pdf

    path = Path(__file__).resolve().parents[1].parent / "shared" / "budgets" / "fuji-r7" / name
    lines = [line for line in read_pdf(path.read_bytes(), path.name).lines if line.page in pages]
    return list(census_rows(path.name, pages_of(lines)))


def test_fujis_first_table_is_read_under_the_千円_its_text_layer_gives_last():
    """Fuji FY2025 第1表 (00_概要 pages 4–9): its text layer gives the rows first and the
    head (款 項 金 額, 千円) last. Every 款 and 項 figure, read by eye (test_budget_fuji's
    TABLE1_*), and the two 合計 (104,500,000) are amounts in 千円 of the 金額 column, and
    nothing else on those pages is an amount (款 and 項 numbers are codes)."""
    from test_budget_fuji import TABLE1_REVENUE, TABLE1_SPENDING

    rows = _fuji_rows("00_概要.pdf", set(range(4, 10)))
    amounts = [row for row in rows if row["kind"] == "amount"]
    expected = sorted([*TABLE1_REVENUE.values(), *TABLE1_SPENDING.values(), 104_500_000, 104_500_000])
    assert sorted(int(row["value"]) // 1000 for row in amounts) == expected
    assert {(row["unit"], row["unit_origin"], row["column_label"]) for row in amounts} == {("千円", "column", "金額")}
    assert {row["text"] for row in rows if row["kind"] == "code"} >= {str(n) for n in range(1, 23)}


def test_fujis_節_amounts_of_one_figure_are_no_item_numbers():
    """Fuji FY2025 18款 寄附金, page 1, read by eye: the 節 金額 column's 1, 2, 500 (千円) stand
    with the 説明's names just right of them, yet are amounts (the 千円 over the column says
    so); the 節 numbers 1 1 1 2 1 1 2 3 at the left of 区分 are codes."""
    rows = _fuji_rows("歳入_18款_寄附金.pdf", {1})
    by_column = {column: [int(r["value"]) // 1000 for r in rows
                          if r["kind"] == "amount" and r["column_label"] == column] for column in ("金額", "説明")}
    assert by_column == {"金額": [5_009_820, 3_000, 1_800, 1, 2, 1, 1, 500],
                         "説明": [5_000_000, 1_500, 8_320, 3_000, 1_800, 1, 1, 1, 1, 1, 500]}
    facing = [r for r in rows if r["x0"] is not None and r["x0"] > 440]
    assert [r["text"] for r in facing if r["kind"] == "code"] == ["1", "1", "1", "2", "1", "1", "2", "3"]
    # the 節 names, wrapped onto a second line on the page (総務管理費寄 / 附金), read whole
    assert [r["row_label"] for r in rows if r["kind"] == "amount" and r["column_label"] == "金額"] == [
        "総務管理費寄附金", "社会福祉費寄附金", "環境対策費寄附金", "病院費寄附金", "消防費寄附金", "小学校費寄附金",
        "中学校費寄附金", "社会教育費寄附金"]


def test_digits_after_a_leading_zero_are_a_code_whatever_the_unit():
    """事業 codes (``01020101``, ``事業 001``) under a 単位 header are codes, never 1,020,101千円;
    0 and 0.5 keep their meaning."""
    rows = _text_rows("（単位：千円）\n01020101 職員人件費 1,200\n事業 001 道路 300\n比較 0\n")
    assert [(r["text"], r["kind"], r["value"]) for r in rows] == [
        ("01020101", "code", None), ("1,200", "amount", "1200000"), ("001", "code", None),
        ("300", "amount", "300000"), ("0", "amount", "0")]


def test_a_lone_number_in_a_column_of_item_numbers_is_one_too():
    """1 個人, 2 法人 and 4 雑入, 16. with its name set lower (a two-line name centred on its
    row), and a 3 with no name beside it, in one column under （単位：千円）: all are item numbers,
    never 16千円 or 3千円; the amounts stay."""
    import pdf_samples

    ops = [(b"1 0 0 1 300 280 Tm", "（単位：千円）"), (b"1 0 0 1 34 250 Tm", "1"), (b"1 0 0 1 52 250 Tm", "個人"),
           (b"1 0 0 1 150 250 Tm", "15,840"), (b"1 0 0 1 34 230 Tm", "2"), (b"1 0 0 1 52 230 Tm", "法人"),
           (b"1 0 0 1 150 230 Tm", "2,580"), (b"1 0 0 1 14 210 Tm", "16."), (b"1 0 0 1 52 202 Tm", "県支出"),
           (b"1 0 0 1 52 190 Tm", "金"), (b"1 0 0 1 150 210 Tm", "900"), (b"1 0 0 1 34 170 Tm", "3"),
           (b"1 0 0 1 150 170 Tm", "45"), (b"1 0 0 1 34 150 Tm", "4"), (b"1 0 0 1 52 150 Tm", "雑入"),
           (b"1 0 0 1 150 150 Tm", "12")]
    chars = "".join({char for _, text in ops for char in text})
    rows = _census_of_pdf_rows(pdf_samples.cid_pdf(chars, [ops], size=(420, 300)))
    found = {row["text"]: (row["kind"], row["value"]) for row in rows}
    assert (found["1"][0], found["2"][0], found["16"][0], found["3"][0]) == ("code",) * 4
    assert [found[t] for t in ("15,840", "2,580", "900", "45", "12")] == [
        ("amount", "15840000"), ("amount", "2580000"), ("amount", "900000"), ("amount", "45000"), ("amount", "12000")]


def test_progress_counts_pages_as_they_are_read(tmp_path, deck_pdf):
    """The bar's unit is the page: a text of three form-feed pages and the fixture PDF are
    counted page by page, in one process and in two (there, a source's pages when it is done)."""
    from extract.read.pdf import read_pdf

    text = tmp_path / "three.txt"
    text.write_text("予算 1,200円\f決算 900円\f差 300円\n", encoding="utf-8")
    pdf = deck_pdf
    pages = read_pdf(pdf.read_bytes(), pdf.name).page_count
    assert (census_run.page_total(str(text)), census_run.page_total(str(pdf))) == (3, pages)
    for jobs in (1, 2):
        told: list[int] = []
        census_run.run_figures([str(text), str(pdf)], str(tmp_path / f"out{jobs}"), jobs=jobs, progress=told.append)
        assert sum(told) == 3 + pages and (jobs == 2 or set(told) == {1})


def test_a_text_aligned_by_blanks_gets_no_guessed_column():
    """Fuji FY2025 18款 page 1 as pdfplumber's layout text (columns set apart by blanks, each
    character one column wide whatever it is): its characters stand only roughly where the
    page has them (a right-aligned 3,000 ends past its head 本年度予算額 and under the start
    of 前年度予算額), so no column label is given and no unit is taken from the row of five
    千円; the 款 heading's own 千円 is read."""
    import pdfplumber

    path = Path(__file__).resolve().parents[1].parent / "shared" / "budgets" / "fuji-r7" / "歳入_18款_寄附金.pdf"
    with pdfplumber.open(path) as pdf:
        text = pdf.pages[0].extract_text(layout=True, x_density=4, y_density=13)
    rows = _text_rows(text)
    assert {row["column_label"] for row in rows} == {None}
    assert [row["text"] for row in rows if row["kind"] == "amount"] == ["5,015,125千円", "5,015,125千円"]
    assert {"5,009,820", "3,000", "500"} <= {row["text"] for row in rows if row["kind"] == "number"}


def test_a_unit_column_gives_each_row_its_unit_written_once():
    """A table with a 単位 column: a row's unit written once at its end (12.5 13.0 億円) is
    the unit of its bare figures; a row in 人 stays numbers; without a 単位 head nothing is
    shared."""
    text = "区分  本年度  前年度  単位\n人件費  12.5  13.0 億円\n職員数  120  118 人\n"
    rows = _text_rows(text)
    found = {(r["text"], r["kind"], r["value"], r["unit_origin"]) for r in rows}
    assert {("12.5", "amount", "1250000000", "column"), ("13.0 億円", "amount", "1300000000", "inline")} <= found
    assert [r["kind"] for r in rows if r["text"] in ("120", "118 人")] == ["ambiguous", "ambiguous"]  # no money
    alone = {(r["text"], r["kind"]) for r in _text_rows("人件費  12.5  13.0 億円\n")}
    assert ("12.5", "number") in alone


def test_a_stacked_table_with_a_two_level_head_gives_each_column_its_unit():
    """mitsui-soko.com's dividend table as copied (rows cut over lines, a head of two levels
    flattened): 1株あたりの配当 spans the three [円銭] columns of the second head row, so the
    figures below take, column by column, 円銭, 円銭, 円銭, 百万円 and two rates."""
    text = "\n".join(["配当金の推移", "決算期 | 1株あたりの配当 |", "配当金総額(年間) [百万円] |",
                      "配当性向(連結)[%] | 純資産配当率(連結)[%] | ||", "---|---|---|---|---|---|---|",
                      "第2四半期末 [円銭] |", "期末 [円銭] |", "年間 [円銭] |", "||||", "2024年3月期 |",
                      "67.00 | 79.00 | 146.00 | 3,636 | 30.0 | 3.6 |"])
    rows = [r for r in _text_rows(text) if r["line"] == 11]
    assert [(r["text"], r["kind"], r["value"], r["column_label"]) for r in rows] == [
        ("67.00", "amount", "67", "1株あたりの配当 第2四半期末[円銭]"),
        ("79.00", "amount", "79", "1株あたりの配当 期末[円銭]"),
        ("146.00", "amount", "146", "1株あたりの配当 年間[円銭]"),
        ("3,636", "amount", "3636000000", "配当金総額(年間) [百万円]"),
        ("30.0", "number", "30", "配当性向(連結)[%]"), ("3.6", "number", "3.6", "純資産配当率(連結)[%]")]
    assert {r["row_label"] for r in rows} == {"2024年3月期"}


def test_a_second_head_row_that_does_not_fit_leaves_the_columns_unknown():
    """The same table with a fourth [円銭] in the second head row: its units do not fill the
    columns, so which column a figure is under is not known: no column label, no unit."""
    text = "\n".join(["決算期 | 1株あたりの配当 |", "配当金総額(年間) [百万円] |", "配当性向(連結)[%] | ||",
                      "---|---|---|---|---|---|", "中間 [円銭] |", "期末 [円銭] |", "年間 [円銭] |", "特別 [円銭] |",
                      "||", "2024年3月期 |", "67.00 | 79.00 | 146.00 | 3,636 | 30.0 |"])
    rows = [r for r in _text_rows(text) if r["line"] == 11]
    assert [(r["text"], r["kind"], r["column_label"]) for r in rows] == [
        ("67.00", "number", None), ("79.00", "number", None), ("146.00", "number", None), ("3,636", "number", None),
        ("30.0", "number", None)]


def test_a_unit_word_in_a_head_string_heads_its_column():
    """Fuji FY2026 予備費 page 2 (給与費明細書, read by eye): under （単位 千円）, the 職員数
    column has 人 under its head, drawn in one string with 報 酬 給 料 職員手当等 計; its
    1,850, 1,874 and △24 are people, never 千円, and the 給料 column stays in 千円."""
    from extract.read.pdf import read_pdf

    path = Path(__file__).resolve().parents[1].parent / "shared" / "budgets" / "fuji-r8" / "歳出_14款_予備費.pdf"
    lines = [line for line in read_pdf(path.read_bytes(), path.name).lines if line.page == 2]
    found = {(row["text"], row["kind"], row["value"]) for row in census_rows(path.name, pages_of(lines))}
    assert {("1,850", "number", "1850"), ("1,874", "number", "1874"), ("△24", "number", "-24")} <= found
    assert {("7,765,896", "amount", "7765896000"), ("16,143,712", "amount", "16143712000")} <= found
    assert not {text for text, kind, _ in found if kind == "amount"} & {"1,850", "1,874", "△24"}


def test_a_head_word_set_apart_from_its_band_still_heads_its_column():
    """Fuji FY2026 予備費 page 4 (read by eye): 教育職 is set above the head's other words,
    （高校等） under it; the 405,410 of its column is labelled by it, not by 技能労務職 beside."""
    from extract.read.pdf import read_pdf

    path = Path(__file__).resolve().parents[1].parent / "shared" / "budgets" / "fuji-r8" / "歳出_14款_予備費.pdf"
    lines = [line for line in read_pdf(path.read_bytes(), path.name).lines if line.page == 4]
    labels = {row["text"]: row["column_label"] for row in census_rows(path.name, pages_of(lines))}
    assert (labels["405,410"], labels["342,312"], labels["357,245"]) == ("（高校等）", "技能労務職", "一般行政職")
