"""extract.japanese.normalize on the real text layer and on crafted and generated text."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.japanese import NormalizedText, Substitution, find_amounts, normalize, normalize_with_log
from extract.japanese.normalize import JAPANESE_FORMS, TEXT_LAYER_DEFECTS, equivalent_ideographs

RADICAL_BLOCKS = [*range(0x2E80, 0x2F00), *range(0x2F00, 0x2FE0)]


def lines_of(source_text: str) -> list[str]:
    return source_text.split("\n")


def line_with(source_text: str, fragment: str) -> str:
    (line,) = [line for line in lines_of(source_text) if fragment in line]
    return line


# ---------------------------------------------------------------- the real text layer


def test_text_layer_defect_repaired_in_source(source_text):
    assert source_text.count("尐") == 11
    assert source_text.count("希少") == 1
    repaired = normalize(source_text)
    assert repaired.count("尐") == 0
    assert repaired.count("希少") == 12


def test_text_layer_defect_logged_at_its_offsets(source_text):
    result = normalize_with_log(source_text)
    defects = [sub for sub in result.substitutions if sub.rule == "text-layer-defect"]
    assert len(defects) == 11
    assert {(sub.before, sub.after) for sub in defects} == {("尐", "少")}
    assert all(source_text[sub.offset] == "尐" for sub in defects)


def test_defects_are_opt_out(source_text):
    kept = normalize(source_text, defects=False)
    assert kept.count("尐") == 11
    assert kept.count("希少") == 1
    assert normalize("希尐金属", defects=False) == "希尐金属"
    assert TEXT_LAYER_DEFECTS == {"尐": "少"}


def test_no_radical_block_character_remains(source_text):
    repaired = normalize(source_text + "\n⼈材 国⺠ ⻑期")
    assert [c for c in repaired if ord(c) in RADICAL_BLOCKS] == []
    assert repaired.endswith("\n人材国民長期")


def test_source_lines_repaired_exactly(source_text):
    cases = {
        "○製造工程で発生 する": "○製造工程で発生するレアアースのリサイクル技術開発",
        "0.8億円【１.6億円】": "0.8億円【1.6億円】",
        " 6０億円": "60億円",
        "12.4億円（うち要望枠": "12.4億円(うち要望枠3.5億円)",
        "２００７ ２００８": "2007 2008 2009 2010 2011",
        "鉱物資源人材育成": "鉱物資源人材育成1.0億円【1.0億円】",
        "製錬技術対策": "レアメタルリサイクル・製錬技術対策6.4億円【4.8億円】",
        "委託事業": "委託事業平成19年度~",
        "ＳＡＲＥＣＯ 【カザフ】": "SARECO【カザフ】(カザフ原子力公社)",
        "双日＋ＪＯＧＭＥＣ": "双日+JOGMECで250百万$出資済み",
        "代替材（ＦeＮ）": "代替材(FeN)の開発代替技術開発(補正予算)",
        "ﾊｰﾄﾞ": "<パソコンHDD(ハードディスクドライブ)用ガラス基板、液晶パネル用研磨剤、"
        "レアアース合金技術、高性能磁石等>",
        "支援機関（JOGMEC": "・資源開発の多様なステージに対応し複数の支援機関(JOGMEC、JBIC、NEXI、JICA)と支援施",
    }
    for fragment, expected in cases.items():
        assert normalize(line_with(source_text, fragment)) == expected


def test_half_width_katakana_voiced_marks_join_and_map_back(source_text):
    line = line_with(source_text, "ﾊｰﾄﾞ")
    result = normalize_with_log(line)
    start = result.text.index("ハードディスクドライブ")
    do = start + 2  # ド, written as two half-width characters ﾄﾞ
    assert result.text[do] == "ド"
    assert line[result.origin[do] : result.origin[do + 1]] == "ﾄﾞ"
    assert Substitution(result.origin[do], "ﾄﾞ", "ド", "nfkc") in result.substitutions


def test_prolonged_sound_mark_kept_in_katakana_words(source_text):
    repaired = normalize(source_text)
    assert repaired.count("レアアース") == source_text.count("レアアース") == 41
    assert repaired.count("ー") == source_text.count("ー") + source_text.count("ｰ")


def test_whole_text_equals_lines_normalized_one_by_one(source_text):
    by_line = "\n".join(normalize(line) for line in lines_of(source_text)).strip("\n")
    assert normalize(source_text) == by_line


def test_source_is_fixed_point(source_text):
    once = normalize(source_text)
    assert normalize(once) == once
    assert normalize_with_log(once).substitutions == ()


def test_origin_maps_every_amount_back_to_the_written_line(source_text):
    checked = 0
    for line in lines_of(source_text):
        result = normalize_with_log(line)
        for amount in find_amounts(result.text):
            start, end = amount.span
            written = line[result.origin[start] : result.origin[end - 1] + 1]
            assert normalize(written) == amount.text
            checked += 1
    assert checked == 46


def test_origin_of_a_mixed_width_amount():
    line = "   6０億円 【71億円】"
    result = normalize_with_log(line)
    assert result.text == "60億円【71億円】"
    assert result.origin == (3, 4, 5, 6, 8, 9, 10, 11, 12, 13, len(line))


def test_substitution_before_is_the_original_text(source_text):
    result = normalize_with_log(source_text)
    assert len(result.origin) == len(result.text) + 1
    assert result.origin[-1] == len(source_text)
    for sub in result.substitutions:
        if sub.rule in ("nfkc", "space", "strip", "text-layer-defect"):
            assert source_text[sub.offset : sub.offset + len(sub.before)] == sub.before
    rules = {sub.rule for sub in result.substitutions}
    assert rules == {"nfkc", "space", "strip", "text-layer-defect"}  # ～ is NFKC's: no "dash"


# ---------------------------------------------------------------- radicals


def test_equivalent_unified_ideograph_table_covers_both_blocks():
    table = equivalent_ideographs()
    kangxi = [c for c in table if 0x2F00 <= ord(c) <= 0x2FDF]
    supplement = [c for c in table if 0x2E80 <= ord(c) <= 0x2EFF]
    assert len(kangxi) == 214  # every Kangxi radical, U+2F00..U+2FD5
    assert len(supplement) == 114  # every assigned supplement radical but U+2E80 REPEAT
    assert table["⺠"] == "民" and table["⻑"] == "長" and table["⼈"] == "人"


def test_vendored_table_agrees_with_nfkc_on_kangxi_radicals():
    table = equivalent_ideographs()
    for code in range(0x2F00, 0x2FD6):
        assert unicodedata.normalize("NFKC", chr(code)) == table[chr(code)]


def test_vendored_file_names_source_version_and_licence():
    from importlib import resources

    header = resources.files("extract.japanese").joinpath("data", "EquivalentUnifiedIdeograph.txt").read_text("utf-8")
    assert "https://www.unicode.org/Public/14.0.0/ucd/EquivalentUnifiedIdeograph.txt" in header
    assert "Unicode 14.0.0" in header
    assert "https://www.unicode.org/license.txt" in header


def test_japanese_forms_are_the_kangxi_equivalents_in_no_japanese_charset():
    derived = set()
    for radical, ideograph in equivalent_ideographs().items():
        if 0x2F00 <= ord(radical) <= 0x2FDF:
            try:
                ideograph.encode("euc_jp")
            except UnicodeEncodeError:
                derived.add(ideograph)
    assert derived == set(JAPANESE_FORMS) == {"戶", "靑", "黃", "黑"}
    assert all(form.encode("euc_jp") for form in JAPANESE_FORMS.values())


def test_radicals_become_japanese_forms_and_are_logged():
    result = normalize_with_log("⼾⿈⿊⾭ 戶")
    assert result.text == "戸黄黒青戶"  # a 戶 written as such is left alone
    assert result.substitutions[:2] == (
        Substitution(0, "⼾", "戶", "radical"),
        Substitution(0, "戶", "戸", "japanese-form"),
    )
    assert normalize("⼈⺠⻑") == "人民長"


# ---------------------------------------------------------------- NFKC, dashes, spaces


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("６０億円", "60億円"),
        ("３．５億円", "3.5億円"),
        ("（参考１）", "(参考1)"),
        ("【２３年度予算額】", "【23年度予算額】"),
        ("＜出資・融資＞", "<出資・融資>"),
        ("㍻２３年", "平成23年"),
        ("ﾚｱﾒﾀﾙ", "レアメタル"),
        ("平成１９年度～", "平成19年度~"),
        ("10〜20億円", "10~20億円"),
        ("2010‐2011", "2010-2011"),
        ("2010–2011", "2010-2011"),
        ("−5", "-5"),
        ("－5", "-5"),
        ("ああ—いい", "ああ―いい"),
        ("03ー1234ー5678", "03-1234-5678"),
        ("1ー 2", "1-2"),
        ("レアアース", "レアアース"),
        ("ー1", "ー1"),
    ],
)
def test_width_and_dash_forms(written, expected):
    assert normalize(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("発生 する", "発生する"),
        ("発生\u3000する", "発生する"),
        ("発生\u00a0する", "発生する"),
        ("JOGMEC 出資", "JOGMEC出資"),
        ("要求額 8.2億円", "要求額8.2億円"),
        ("2007 2008", "2007 2008"),
        ("２００７\u3000\u3000２００８", "2007 2008"),
        ("一 二", "一 二"),
        ("Rare  Earth\tMetals", "Rare Earth Metals"),
        ("FS 2011", "FS 2011"),
        ("(JOGMEC) (JBIC)", "(JOGMEC) (JBIC)"),
        ("  前後  \n  二行目  ", "前後\n二行目"),
        ("\n\n 本文 \n\n", "本文"),
        ("か ゛", "か \u3099"),
    ],
)
def test_spaces(written, expected):
    assert normalize(written) == expected


def test_space_log_keeps_the_run_written():
    result = normalize_with_log("A\u3000 B 発生 \u3000する")
    assert result.text == "A B発生する"
    assert [(s.offset, s.before, s.after, s.rule) for s in result.substitutions if s.rule == "space"] == [
        (1, "\u3000 ", " ", "space"),
        (4, " ", "", "space"),
        (7, " \u3000", "", "space"),
    ]


def test_empty_and_blank():
    assert normalize_with_log("") == NormalizedText("", (), (0,))
    assert normalize_with_log(" \u3000 ") == NormalizedText(
        "", (Substitution(0, " \u3000 ", "", "strip"), Substitution(1, "\u3000", " ", "nfkc")), (3,)
    )


# ---------------------------------------------------------------- properties


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


_JAPANESE_ALPHABET = st.sampled_from(list("レアー アース希尐⼈⺠ 　\n０１9.．億円ﾄﾞｰ゛ﾞ〜～—‐（）【】ab 1"))


@settings(max_examples=300, deadline=None)
@given(st.text(_JAPANESE_ALPHABET, max_size=40))
def test_normalize_is_idempotent_on_japanese_like_text(text):
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.text(_JAPANESE_ALPHABET, max_size=40)))
def test_origin_is_a_monotone_map_into_the_original(text):
    result = normalize_with_log(text)
    assert len(result.origin) == len(result.text) + 1
    assert result.origin[-1] == len(text)
    assert list(result.origin) == sorted(result.origin)
    assert all(0 <= offset < len(text) for offset in result.origin[:-1])
    assert all(0 <= sub.offset < len(text) for sub in result.substitutions)


# ---------------------------------------------------------------- the per-character path

# Everything the rules touch, and what sends a line to the rule-by-rule path: combining and
# half-width voiced marks, Hangul (compatibility jamo compose under NFKC), several lines.
_EVERY_RULE = st.sampled_from(list(
    "レアー アース希尐少⼈⺠⼾ 　\t\u00a0\u2003０１２9.．,，億円ﾄﾞｰﾞﾟ゛゜ｶﾞ〜～—–−‐-（）【】㈱①Ⅳ℃ab 1▲△+"
    "ーー03e\u0301\u3099ㄱㅏ가\n\r\x1c\u2028\u0085"
))


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), st.text(_EVERY_RULE, max_size=40)), st.booleans())
def test_the_per_character_path_and_the_rules_agree(text, defects):
    """Text, log and origin map: the fast path gives exactly what the rules give one by one."""
    from extract.japanese.normalize import _charwise, _rule_by_rule

    full = _rule_by_rule(text, defects)
    assert normalize_with_log(text, defects) == full
    assert normalize(text, defects) == full.text
    fast = _charwise(text, defects, logged=True)
    assert fast is None or fast == full


def test_the_per_character_path_takes_real_lines(source_text):
    """The deck's lines (full-width digits, blanks, the defect) go the per-character way, all
    but the one with a half-width voiced mark."""
    from extract.japanese.normalize import _charwise, _rule_by_rule

    lines = [line for line in lines_of(source_text) if line.strip()]
    voiced = [line for line in lines if "ﾞ" in line or "ﾟ" in line]
    assert len(voiced) == 1
    assert all(_charwise(line, True, logged=True) == _rule_by_rule(line) for line in lines if line not in voiced)
    assert _charwise("ﾊｰﾄﾞ", True, logged=True) is None  # a half-width voiced mark composes


def test_isolated_characters_fold_alone():
    """A character the per-character path takes folds under NFKC as it does beside any other."""
    import sys

    from extract.japanese.normalize import _isolated

    isolated = [chr(code) for code in range(0x10000) if _isolated(chr(code))]
    assert len(isolated) > 30_000
    neighbours = "aｶか가ᄀ\u1161e１㈱"
    for char in isolated:
        alone = unicodedata.normalize("NFKC", char)
        for other in neighbours:
            assert unicodedata.normalize("NFKC", other + char) == unicodedata.normalize("NFKC", other) + alone
        if _isolated(chr(ord(char) + 1) if ord(char) < sys.maxunicode else char):
            pair = char + chr(ord(char) + 1)
            assert unicodedata.normalize("NFKC", pair) == alone + unicodedata.normalize("NFKC", pair[1])


def test_the_whitespace_runs_are_what_isspace_accepts():
    import sys

    from extract.japanese.normalize import _WHITESPACE_RUN

    spaces = {chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()} - {"\n"}
    assert {c for c in spaces if _WHITESPACE_RUN.fullmatch(c)} == spaces
    assert _WHITESPACE_RUN.fullmatch("\n") is None
