"""End to end on the real source: the tables hold every figure, right, with provenance."""

from __future__ import annotations

import pandas as pd
import pytest
import regex

from conftest import SOURCE
from deck_by_hand import AMOUNTS, FIGURES_PER_PAGE, KANJI_FIGURES, page_of

AMOUNT_COLUMNS = [
    "amount_id", "item_ja", "item_en", "measure_id", "stage", "budget_phase", "instrument_ja", "instrument_en",
    "fiscal_year", "supplementary_round", "amount", "currency", "approximate", "amount_text", "restates",
    "part_of", "parts_listed", "section_ja", "source", "page", "line", "source_text", "x0", "top", "x1", "bottom",
]
OKU = 10**8


def rows(amounts: pd.DataFrame, **where) -> pd.DataFrame:
    mask = pd.Series(True, index=amounts.index)
    for column, value in where.items():
        mask &= amounts[column] == value
    return amounts[mask]


def test_amounts_has_exactly_the_51_figures_with_the_columns(tables):
    amounts = tables["amounts"]
    assert list(amounts.columns) == AMOUNT_COLUMNS
    assert len(amounts) == 51


def test_amounts_are_the_documents_figures_read_by_hand(tables):
    """Each row, in id order, is the next money amount of the source as read by hand
    (tests/deck_by_hand.py): its page and line, the figure as written, its yen, its stage."""
    got = [(r.page, r.line, r.amount_text, r.amount, r.stage) for r in tables["amounts"].itertuples()]
    assert got == [(*page_of(line), text, yen, stage) for line, text, yen, stage in AMOUNTS]


def test_amount_dtypes_are_proper(tables):
    amounts = tables["amounts"]
    assert str(amounts["amount"].dtype) == "int64"
    assert str(amounts["fiscal_year"].dtype) == "Int64"
    assert str(amounts["supplementary_round"].dtype) == "Int64"
    assert str(amounts["approximate"].dtype) == "bool"


@pytest.mark.parametrize(
    "item, stage, fiscal_year, amount, written, page",
    [
        ("鉱物資源人材育成", "request", 2012, 1 * OKU, "1.0億円", 3),
        ("レアメタル資源基礎調査", "request", 2012, 1_240_000_000, "12.4億円", 3),
        ("レアメタル資源基礎調査", "request_frame", 2012, 350_000_000, "３．５億円", 3),
        ("レアメタル資源基礎調査", "budget", 2011, 1_270_000_000, "12.7億円", 3),
        ("製造工程で発生するレアアースのリサイクル技術開発", "budget", 2011, 160_000_000, "１.6億円", 3),
        ("JOGMEC出資・融資", "request", 2012, 60 * OKU, "6０億円", 3),
        ("JOGMEC出資・債務保証", "request", 2012, 0, "０億円", 3),
        ("JOGMEC出資・債務保証", "fund_balance", None, 360 * OKU, "３６０億円", 3),
        ("途上国におけるベースメタル資源基礎調査", "request_frame", 2012, 2 * OKU, "２億円", 3),
        ("国内立地推進事業", "supplementary", 2011, 2950 * OKU, "２９５０億円", 8),
        ("レアアース等鉱物資源対策", "supplementary", 2010, 1000 * OKU, "１０００億円", 6),
        ("タンタル", "supplementary", 2010, 520_000_000, "５．２億", 9),
    ],
)
def test_single_figures_read_right(tables, item, stage, fiscal_year, amount, written, page):
    found = rows(tables["amounts"], item_ja=item, stage=stage, page=page, amount_text=written)
    assert len(found) == 1
    row = found.iloc[0]
    assert row["amount"] == amount
    assert (pd.isna(row["fiscal_year"]) if fiscal_year is None else row["fiscal_year"] == fiscal_year)
    assert row["currency"] == "JPY"


def test_investment_in_dollars(tables):
    row = rows(tables["amounts"], stage="investment").iloc[0]
    assert (row["item_ja"], row["amount"], row["currency"], row["page"]) == (
        "マウントウェルド", 250_000_000, "USD", 4)
    assert row["amount_text"] == "250百万＄"


def test_approximate_only_where_the_text_says_yaku(tables):
    approximate = tables["amounts"][tables["amounts"]["approximate"]]
    assert approximate["amount_text"].tolist() == ["約７０億円"]
    assert approximate["fiscal_year"].tolist() == [2010]


def test_third_supplementary_written_both_ways_is_round_3(tables):
    third = rows(tables["amounts"], supplementary_round=3)
    assert sorted(third["amount"]) == [3_990_000_000, 80 * OKU, 85 * OKU, 85 * OKU, 2950 * OKU]  # ３９．９億円 …
    assert set(third["fiscal_year"]) == {2011}
    texts = " ".join(third["source_text"])
    assert "三次補正" in texts and "３次補正" in texts


def test_new_items_have_no_fy2011_budget_row(tables):
    amounts = tables["amounts"]
    new = tables["measures"][tables["measures"]["new_in_request"]]["item_ja"].tolist()
    assert sorted(new) == sorted([
        "リサイクル優先レアメタルの回収技術開発", "資源循環実証事業",
        "次世代自動車向け高効率モーター用磁性材料技術開発",
    ])
    for item in new:
        assert rows(amounts, item_ja=item, stage="budget").empty


def test_every_row_carries_its_provenance(tables, source_text):
    for name, frame in tables.items():
        assert frame["source"].eq("meti_rare_metals_2011-12.txt").all(), name
        assert frame["page"].between(1, 9).all(), name
    written_lines = source_text.split("\n")
    for _, row in tables["amounts"].iterrows():
        assert row["source_text"] in written_lines
        assert row["amount_text"] in row["source_text"]


def test_restated_figures_are_on_both_pages(tables):
    amounts = tables["amounts"]
    for item, stage in [
        ("レアアース・レアメタル使用量削減・利用部品代替支援事業", "supplementary"),
        ("次世代自動車向け高効率モーター用磁性材料技術開発", "request"),
        ("次世代自動車向け高効率モーター用磁性材料技術開発", "request_frame"),
        ("希少金属代替材料開発", "request"),
    ]:
        found = rows(amounts, item_ja=item, stage=stage)
        assert sorted(found["page"]) == [3, 8], (item, stage)
        assert found["amount"].nunique() == 1


def test_wrapped_request_frame_cites_the_line_it_is_on(tables):
    frame = rows(tables["amounts"], stage="request_frame", page=8).iloc[0]
    assert frame["amount"] == 30 * OKU
    assert frame["source_text"].strip().startswith("枠")


def test_projects_one_place_two_spellings(tables):
    projects = tables["projects"].set_index("project_ja")
    assert sorted(projects.index) == sorted(
        ["SARECO", "インディアンレアアース", "ドンパオ", "マウンテンパス", "マウントウェルド", "ソリカムスク"])
    assert projects.loc["マウントウェルド", "spellings_ja"] == "マウントウェルド、マウントウエルド"
    assert projects["country_iso"].to_dict() == {
        "SARECO": "KZ", "インディアンレアアース": "IN", "ドンパオ": "VN",
        "マウンテンパス": "US", "マウントウェルド": "AU", "ソリカムスク": "RU"}
    assert projects.loc["SARECO", "commodity_ja"] == "ウラン残渣・レアアース"
    assert projects.loc["インディアンレアアース", "partner_ja"] == "インド原子力庁子会社"
    assert pd.isna(projects.loc["ソリカムスク", "partner_ja"])


def test_minerals_five_targets_with_symbols(tables):
    minerals = tables["minerals"].set_index("element")
    assert sorted(minerals.index) == ["Co", "Dy", "Nd", "Ta", "W"]
    assert minerals.loc["Dy", "class_ja"] == "重稀土"
    assert minerals.loc["W", "overseas_supply_ja"] == "検討中"
    assert "希少金属代替材料開発プロジェクト" in minerals.loc["W", "reduction_ja"]
    assert "尐" not in "".join(minerals["reduction_ja"])


def test_recycling_cases(tables):
    cases = tables["recycling_cases"].set_index("element")
    assert cases["cases"].to_dict() == {"Dy": 12, "Nd": 14, "W": 16, "Co": 14, "Ta": 8}
    assert cases["subsidy"].sum() == 3_370_000_000
    assert cases.loc["W", "recovery_sources_ja"] == "超硬工具等"
    assert cases.loc["Dy", "recovery_sources_ja"] == "廃自動車、廃電気電子機器中のレアアース磁石等"


def test_targets(tables):
    targets = tables["targets"]
    assert sorted(targets["percent"]) == [25, 30, 30, 30, 40, 40, 40, 50]
    assert targets.groupby("kind").size().to_dict() == {"achieved": 5, "target": 3}
    dy = targets[targets["row_ja"] == "ジスプロシウム"].iloc[0]
    assert (dy["percent"], dy["bound"], dy["kind"], dy["page"]) == (30, "以上", "target", 5)


DIGITS = regex.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")


def test_census_accounts_for_every_number(extracted):
    """The census (before validation, so that this fails on its own) holds each number of the
    text once, each held by a row that exists or given a reason."""
    tables = extracted.tables
    figures = tables["figures"]
    raw = SOURCE.read_text(encoding="utf-8").split("\n")
    numbers = [(*page_of(index), found) for index, line in enumerate(raw, start=1)
               for found in DIGITS.findall(line)]
    numbers += [(*page_of(index), text) for index, text in KANJI_FIGURES]
    assert sorted(zip(figures["page"], figures["line"], figures["text"], strict=True)) == sorted(numbers)
    assert figures.groupby("page").size().to_dict() == FIGURES_PER_PAGE
    unaccounted = figures[figures["held_by_row"].isna() & figures["reason"].isna()]
    assert unaccounted.empty, f"neither held nor explained: {unaccounted['text'].tolist()}"
    for table, rows in figures.dropna(subset=["held_by_table"]).groupby("held_by_table"):
        ids = tables[table].iloc[:, 0]
        assert set(rows["held_by_row"]) <= set(ids), f"{table}: no rows {set(rows['held_by_row']) - set(ids)}"
    held = figures[figures["held_by_table"] == "amounts"]
    assert sorted(held["held_by_row"]) == sorted(tables["amounts"]["amount_id"])
    axis = figures[figures["reason"] == "year on the roadmap's axis"]
    assert axis["value"].tolist() == [2007, 2008, 2009, 2010, 2011]


def test_written_span_covers_a_character_that_normalization_merged():
    from extract.read.document import Document, Line
    from extract.read.lines import normalize_lines

    document = Document("x.txt", "text", (Line(1, 1, "ﾊｰﾄﾞﾃﾞｨｽｸ 12億円 】"),))
    (line,) = normalize_lines(document)
    start = line.text.index("ド")
    assert line.written[slice(*line.written_span(start, start + 1))] == "ﾄﾞ"
    start = line.text.index("12")
    assert line.written[slice(*line.written_span(start, start + 4))] == "12億円"


def test_every_item_and_project_has_an_english_name(tables):
    for table, column in [("amounts", "item_en"), ("measures", "item_en"), ("projects", "project_en")]:
        missing = tables[table][tables[table][column].isna()]
        assert missing.empty, f"{table}: no English name for {missing.iloc[:, 1].tolist()}"
    projects = tables["projects"].set_index("project_ja")["project_en"]
    assert projects["マウントウェルド"] == "Mount Weld"
    dy = tables["amounts"][tables["amounts"]["item_ja"] == "ジスプロシウム"]
    assert dy["item_en"].tolist() == ["Dysprosium"]


def test_jogmec_figures_say_which_instrument_they_are(tables):
    jogmec = tables["amounts"][tables["amounts"]["item_ja"].str.startswith("JOGMEC出資・")]
    got = [(r.item_ja, r.stage, None if pd.isna(r.instrument_ja) else r.instrument_ja, r.amount)
           for r in jogmec.itertuples()]
    assert got == [
        ("JOGMEC出資・融資", "request", "出資・融資", 60 * OKU),
        ("JOGMEC出資・融資", "budget", "出資・融資", 71 * OKU),
        ("JOGMEC出資・債務保証", "request", "債務保証", 0),
        ("JOGMEC出資・債務保証", "budget", "債務保証", 50 * OKU),
        ("JOGMEC出資・債務保証", "fund_balance", "債務保証", 360 * OKU),  # the guarantee fund's balance
        ("JOGMEC出資・債務保証", "request", "出資", 340 * OKU),
    ]
