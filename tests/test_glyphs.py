"""Glyphs read by their shape (extract.read.glyphs): PDFs whose ToUnicode map lies about
characters no table of the code knows, or is missing, and what the check reports.

The fixtures (tests/fixtures/glyph_fixtures.py) draw budget-book lines in Noto Serif JP and
Noto Sans JP, as simple TrueType fonts (reportlab) and as Type0 CID fonts, with their
ToUnicode rewritten (違 claims 遊, 3 claims 8, the comma a period …) or deleted. The table
of known text-layer defects is switched off here: only the shapes decide.
"""

from __future__ import annotations

import json

import glyph_fixtures as gf
import pandas as pd
import pytest
import regex

from extract.read import glyphs as glyphs_module
from extract.read.glyphs import GlyphCheck, judge
from extract.read.pdf import read_pdf
from extract.read.shapes import reference

SHOWN = [line.replace(" ", "") for line in gf.SHOWN_LINES]
AMOUNT = regex.compile(r"[△▲]?[0-9０-９][0-9０-９,]*")
KANJI = regex.compile(r"\p{Han}+")
UNMAPPED = regex.compile(r"\(cid:\d+\)")
BUILDS = {"simple TrueType": gf.build_scrambled_pdf, "Type0 CID": gf.build_scrambled_type0_pdf}


def _texts(document) -> list[str]:
    return [line.text.replace(" ", "") for line in document.lines if line.text]


@pytest.mark.parametrize("serif", [True, False], ids=["serif", "sans"])
@pytest.mark.parametrize("build", sorted(BUILDS))
def test_a_scrambled_tounicode_reads_as_the_page_shows(build, serif):
    data, swaps = BUILDS[build](serif)
    document = read_pdf(data, "scrambled.pdf", glyphs=GlyphCheck(fallback={}))
    assert _texts(document) == SHOWN
    repaired = {(row["claimed"], row["read"]) for row in document.glyph_repairs if row["verdict"] == "repaired"}
    assert repaired == {(claimed, shown) for shown, claimed in swaps.items()}


@pytest.mark.parametrize("serif", [True, False], ids=["serif", "sans"])
def test_a_deleted_tounicode_reads_its_amounts_and_kanji_by_shape(serif):
    """Without ToUnicode the text layer gives (cid:NN) and Latin-1 garble for every
    non-ASCII glyph; by shape every line reads as the page shows it (kana told apart only
    by a dakuten or by size included: ペ, ベ; び, ぴ; う, ぅ), but for a glyph a row reports
    doubtful, never guessed: the serif fixture's 填, which its subset draws unlike Noto Serif."""
    document = read_pdf(gf.build_no_tounicode_pdf(serif), "bare.pdf", glyphs=GlyphCheck(fallback={}))
    texts = _texts(document)
    doubted = [row["claimed"] for row in document.glyph_repairs if row["verdict"] != "repaired"]
    assert len(doubted) == (1 if serif else 0)
    assert [t for t, s in zip(texts, SHOWN, strict=True) if t != s] == (
        [SHOWN[9].replace("填", doubted[0])] if serif else [])
    assert not any(UNMAPPED.search(text) for text in texts)  # a glyph no shape decided reads U+FFFD
    assert [AMOUNT.findall(t) for t in texts] == [AMOUNT.findall(t) for t in SHOWN]
    doubtful = [row for row in document.glyph_repairs if row["verdict"] == "doubtful"]
    assert len(doubtful) <= 4
    assert not any(row["best"] in "0123456789０１２３４５６７８９,△▲" for row in doubtful)
    looks_like = {row[key] for row in doubtful for key in ("best", "runner_up")}  # what they might be
    claims = {row["read"] for row in doubtful if row["read"].strip()}
    for read, shown in zip(texts, SHOWN, strict=True):
        if not looks_like & set(shown) and not any(claim in read for claim in claims):
            assert KANJI.findall(read) == KANJI.findall(shown)
    repaired = sum(row["verdict"] == "repaired" for row in document.glyph_repairs)
    assert repaired >= 70  # every glyph but ASCII (which pdfminer reads from the encoding)


def test_a_clean_pdf_has_no_row(monkeypatch):
    """The fixture's page with a truthful ToUnicode: nothing repaired or doubted."""
    monkeypatch.setattr(gf, "SWAPS", {})
    data, _ = gf.build_scrambled_type0_pdf(False)
    document = read_pdf(data, "clean.pdf", glyphs=GlyphCheck(fallback={}))
    assert _texts(document) == SHOWN and document.glyph_repairs == ()


def test_a_claim_like_its_glyph_is_kept_and_a_foreign_one_repaired():
    sans = reference("sans")
    drawn = sans.candidate("違")
    assert judge(drawn, "違", sans).verdict == "kept"
    verdict = judge(drawn, "遊", sans)
    assert (verdict.verdict, verdict.text, verdict.best) == ("repaired", "違", "違")
    assert verdict.score is not None and verdict.best_score - verdict.score >= glyphs_module.GAP


def test_look_alikes_and_width_twins_are_never_repairs():
    """ロ drawn where 口 is claimed, or Ｊ where J is: no shape tells them apart, the claim stays."""
    sans = reference("sans")
    for drawn, claimed in (("ロ", "口"), ("口", "ロ"), ("Ｊ", "J"), ("一", "ー"), ("−", "-")):
        assert judge(sans.candidate(drawn), claimed, sans).verdict == "kept", (drawn, claimed)


def test_the_table_of_known_defects_is_the_fallback_only_where_the_shape_decided_nothing():
    check = GlyphCheck()
    seen = check._fallen_back(glyphs_module._Seen(glyphs_module.Verdict("尐", "尐", "unchecked", reason="x"), None))
    assert (seen.verdict.text, seen.verdict.verdict) == ("少", "unchecked")
    assert "table of known text-layer defects" in seen.verdict.reason
    off = GlyphCheck(fallback={})
    kept = off._fallen_back(glyphs_module._Seen(glyphs_module.Verdict("尐", "尐", "unchecked", reason="x"), None))
    assert kept.verdict.text == "尐"


def test_past_its_bound_a_document_says_its_glyphs_unchecked(monkeypatch):
    monkeypatch.setattr(glyphs_module, "MAX_GLYPHS", 5)
    data, _ = gf.build_scrambled_pdf(False)
    document = read_pdf(data, "many.pdf", glyphs=GlyphCheck(fallback={}))
    unchecked = [row for row in document.glyph_repairs if row["verdict"] == "unchecked"]
    assert unchecked and all("past the 5 glyphs" in row["reason"] for row in unchecked)
    assert len(document.glyph_repairs) >= len(unchecked)


def test_figures_and_budget_write_the_glyph_table_and_check_proves_it(tmp_path, capsys):
    """`extract figures` on a scrambled PDF: its amounts read as the page shows them (3,300,
    not 8.800), glyph_repairs.csv lists the ten repairs, the summary on stderr counts them,
    and `extract check` proves the folder; a tampered glyph row is caught."""
    from extract.cli.main import main

    data, swaps = gf.build_scrambled_pdf(False)
    pdf = tmp_path / "scrambled.pdf"
    pdf.write_bytes(data)
    out = tmp_path / "figures"
    assert main(["figures", str(pdf), "--out", str(out)]) == 0
    assert "10 glyph(s) repaired" in capsys.readouterr().err
    table = pd.read_csv(out / "glyph_repairs.csv", encoding="utf-8-sig", dtype=str)
    assert set(zip(table.claimed, table.read, strict=True)) == {(c, s) for s, c in swaps.items()}
    figures = pd.read_csv(out / "figures.csv", encoding="utf-8-sig", dtype=str)
    assert {"3,300", "3,456,789", "18,183"} <= set(figures.text)
    assert main(["check", str(out)]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["rows"]["glyph_repairs"] == 10
    edited = (out / "glyph_repairs.csv").read_text(encoding="utf-8-sig").replace(",違,", ",遣,", 1)
    (out / "glyph_repairs.csv").write_text(edited, encoding="utf-8-sig")
    assert main(["check", str(out)]) == 1


def test_a_glyph_with_no_character_never_gives_its_code_as_a_figure(tmp_path):
    """pdfminer writes a code with no character as (cid:27); the census must not read 27."""
    from extract.cli.main import main

    pdf = tmp_path / "bare.pdf"
    pdf.write_bytes(gf.build_no_tounicode_pdf(False))
    assert main(["figures", str(pdf), "--out", str(tmp_path / "out")]) == 0
    figures = pd.read_csv(tmp_path / "out" / "figures.csv", encoding="utf-8-sig", dtype=str)
    shown = {found for line in SHOWN for found in AMOUNT.findall(line)}
    assert set(figures.text) <= shown | {"令和６年度", "６年度"} and "27" not in set(figures.text)


def test_a_character_drawn_as_outlines_over_a_blank_is_read_or_marked():
    """外字: 塡 drawn as paths over a U+3000 of the text layer. Drawn as Noto Sans JP draws
    it, it reads 塡; the serif fixture's outline (its subset draws 塡 with 填's top, unlike
    Noto Serif JP itself) is like no candidate clearly: the blank stays, never a guess, and
    the row gives the box of what is drawn there."""
    data, shown = gf.build_outlined_gaiji_pdf(serif=False)
    document = read_pdf(data, "gaiji.pdf", glyphs=GlyphCheck(fallback={}))
    assert _texts(document) == [shown.replace(" ", "")]
    (row,) = document.glyph_repairs
    assert (row["font"], row["claimed"], row["read"], row["verdict"]) == ("(outlines)", "\u3000", "塡", "repaired")
    assert row["reason"].startswith("drawn as outlines over a blank at x 100.")
    data, _ = gf.build_outlined_gaiji_pdf(serif=True)
    document = read_pdf(data, "gaiji.pdf", glyphs=GlyphCheck(fallback={}))
    assert [line.text for line in document.lines if line.text] == [shown.replace("塡", " ")]  # the reader's blank
    (row,) = document.glyph_repairs
    assert (row["read"], row["verdict"]) == ("\u3000", "doubtful") and "no candidate" in row["reason"]
    assert row["reason"].startswith("drawn as outlines over a blank at x 100.")
