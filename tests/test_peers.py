"""The Japanese core against its peers, measured on the same inputs.

Each :class:`Case` is one input of one capability. Every column that has the capability in
scope is called on it (the call as a user would write it, with the most helpful options:
the format that matches the input for japanera, the dedicated function of jaconv where it
has one). Each output is read into the capability's common answer (the text; the number;
``(value, currency, approximate)``; ``(year, month, fiscal)``) and compared with the right
answer; where a peer's answer differs from the core's, the case says which is right and why.

The core is called live and its exact output asserted. The peers are not imported here: what
each gave (its output, or the type of the exception it raised) is recorded data,
``tests/data/peers/japanese_core.json``, which names the pinned versions that produced it
(requirements-peers.txt). ``make peers`` installs the peers and re-records it
(``tests/record_peers.py``), so a peer's upgrade is a deliberate step, never a broken suite.

The README table (section "The Japanese core") is computed from the core's live answers and
the recorded peer answers, and a test keeps the two identical:

    .venv/bin/python tests/test_peers.py            # print the README block
    .venv/bin/python tests/test_peers.py --write    # replace it in README.md
    .venv/bin/python tests/test_peers.py --details  # every (input, column): output, verdict
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import extract.japanese as core
from pins import canonical, pinned

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "docs" / "japanese.md"
RECORD = ROOT / "tests" / "data" / "peers" / "japanese_core.json"
BEGIN, END = "<!-- peers:begin -->", "<!-- peers:end -->"
RERECORD = "re-record with `make peers` (tests/record_peers.py)"

CORE = "extract.japanese"
PEERS = ("neologdn", "jaconv", "kanjize", "japanera", "jeraconv")
COLUMNS = (CORE, *PEERS)


def _same(output: Any) -> Any:
    return output


@dataclass(frozen=True)
class Call:
    """How a column is called on an input: ``label`` as a user writes it, ``read`` turns
    its output (plain data) into the capability's answer. ``fn`` is the core's function
    (called live); a peer's call has none here (tests/record_peers.py makes it), ``fmt`` is
    the format japanera is given."""

    label: str
    read: Callable[[Any], Any] = _same
    fn: Callable[[str], Any] | None = None
    fmt: str | None = None


@dataclass(frozen=True)
class Raised:
    """A call that raised: the exception's type name."""

    name: str

    def __repr__(self) -> str:
        return self.name


# ---- the calls ------------------------------------------------------------------------

NORMALIZE = Call("normalize(s)", fn=core.normalize)
NEOLOGDN = Call("neologdn.normalize(s)")
JACONV_NORMALIZE = Call("jaconv.normalize(s)")
JACONV_H2Z = Call("jaconv.h2z(s)")
JACONV_Z2H = Call("jaconv.z2h(s, kana=False, ascii=True, digit=True)")
PARSE_NUMBER = Call("parse_number(s)", fn=core.parse_number)
KANJI2NUMBER = Call("kanjize.kanji2number(s)")
PARSE_AMOUNT = Call("parse_amount(s)", lambda shape: shape[:3], lambda s: _amount_shape(core.parse_amount(s)))


def _amount_shape(amount: core.Amount) -> tuple:
    return (amount.value, amount.currency, amount.approximate, amount.high)


def parse_era_call(default_era: str | None = None) -> Call:
    label = f"parse_era(s, default_era={default_era!r})" if default_era else "parse_era(s)"

    def call(text: str) -> tuple:
        era = core.parse_era(text, default_era)
        return (era.year, era.month, era.day, era.fiscal, era.era)

    return Call(label, lambda shape: (shape[0], shape[1], shape[3]), call)


def japanera_call(fmt: str) -> Call:
    """``japanera.EraDate.strptime`` with the format that matches the input; its output is
    the list of dates it returns, each ``(year, month, day, era)``."""

    def read(dates: tuple[tuple, ...]) -> Any:
        if len(dates) != 1:
            return f"{len(dates)} candidates"
        year, month, _day, _era = dates[0]
        # A date always has a month; it is an answer only when the format read one.
        return (year, month if "%m" in fmt else None, False)

    return Call(f"japanera.EraDate.strptime(s, {fmt!r})", read, fmt=fmt)


J2W_CONVERT = Call("jeraconv.J2W().convert(s)", lambda year: (year, None, False))

KIND_CALLS: dict[str, dict[str, Call | None]] = {
    "text": {CORE: NORMALIZE, "neologdn": NEOLOGDN, "jaconv": JACONV_NORMALIZE},
    "number": {CORE: PARSE_NUMBER, "kanjize": KANJI2NUMBER},
    "amount": {CORE: PARSE_AMOUNT, "kanjize": KANJI2NUMBER},
    "era": {CORE: parse_era_call(), "japanera": None, "jeraconv": J2W_CONVERT},  # japanera: per case
}


# ---- the cases ------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One input: the right answer, the core's exact output, and why a peer is wrong."""

    capability: str
    kind: str
    text: str
    right: Any
    core: Any
    why: dict[str, str] = field(default_factory=dict)
    calls: dict[str, Call] = field(default_factory=dict)

    def call(self, column: str) -> Call | None:
        return self.calls.get(column) or KIND_CALLS[self.kind].get(column)

    def columns(self) -> list[str]:
        return [column for column in COLUMNS if self.call(column) is not None]

    @property
    def id(self) -> str:
        return f"{self.kind}:{self.text}"


GLYPH = "text-layer glyph defect: 希尐 → 希少"
KANGXI = "Kangxi radicals: ⼈ → 人 (⼾ → 戸, the Japanese form)"
SUPPLEMENT = "CJK Radicals Supplement: ⺠ → 民, ⻑ → 長"
HALF_KANA = "half-width katakana: ﾊｰﾄﾞﾃﾞｨｽｸ"
DIGIT_WIDTH = "full- and mixed-width digits: 6０億円"
SPACES = "spaces: dropped between Japanese words, kept between numbers"
RANGES = "range marks kept: 平成１９年度～, 10〜20億円"
SOURCE_LINE = "a line of the source: defect, widths and a space together"
KANJI = "kanji numerals: 二千九百五十, 一億二千万, 二〇一一"
ARABIC_UNITS = "digits with myriad units: 6０, 12.4億, 250百万, ８．２億"
SEPARATORS = "thousands separators: 1兆2,345億"
FORMAL = "formal numerals (大字): 壱萬, 弐阡"
NEGATIVE = "▲ negatives: ▲3億"
LARGE = "units up to 無量大数"
AMOUNTS = "money amounts: 12.4億円, 約７０億円, 250百万＄"
ERAS = "era dates: 平成二十三年, H23.12, 令和元年"
FISCAL = "fiscal years (年度), default era: 平成24年度, ２４年度"

NO_DEFECTS = "has no table of text-layer defects: 尐 (U+5C10) is a real, rare character to it"
NO_RADICALS = "leaves radicals alone (no NFKC): they look like ideographs but never compare equal to them"
NO_SUPPLEMENT = (
    "applies NFKC, which has no mapping for the CJK Radicals Supplement block; Unicode's "
    "EquivalentUnifiedIdeograph.txt gives the ideograph"
)
NO_SPACES = "keeps the spaces: NFKC removes none, and Japanese sets no spaces between words"
SPACE_KEPT = "the space before ８．２億円"
TILDE_DELETED = "deletes every tilde and wave dash (~ ∼ ∾ 〜 〰 ～), even between digits"
TILDE_TO_VOWEL = "turns 〜 and ～ into the prolonged sound mark ー, a katakana sign, not a range"
CURRENCY = (
    "reads numerals only: the currency, 約 and ▲ are not numerals, so it raises on the "
    "amount as written (it does read the bare numeral, see the digits-with-units row)"
)
J2W_FORMAT = "accepts only <era><one or two arabic digits>年 (regex ^[^0-9a-zA-Z]{2,4}[0-9]{1,2}年$)"

CASES: tuple[Case, ...] = (
    # ---- normalization: normalize vs neologdn.normalize vs jaconv
    Case(GLYPH, "text", "希尐金属", "希少金属",
         "希少金属",
         {"neologdn": f"neologdn {NO_DEFECTS}; the PDF page shows 希少金属 (rare metals), "
                      "its ToUnicode map is off by one (U+5C11 → U+5C10)",
          "jaconv": f"jaconv {NO_DEFECTS}; the page shows 希少金属"}),
    Case(KANGXI, "text", "⼈⼝", "人口",
         "人口",
         {"neologdn": f"neologdn {NO_RADICALS}: ⼈⼝ is U+2F08 U+2F1D, right is 人口"}),
    Case(KANGXI, "text", "⼾籍", "戸籍",
         "戸籍",
         {"neologdn": f"neologdn {NO_RADICALS}: right is 戸籍",
          "jaconv": "NFKC maps ⼾ to 戶 (U+6236), a traditional form in no Japanese character set "
                    "(not JIS X 0208/0212); a Japanese font draws the radical as 戸, and 戸籍 is the word"}),
    Case(SUPPLEMENT, "text", "国⺠", "国民",
         "国民",
         {"neologdn": f"neologdn {NO_RADICALS}: ⺠ is U+2EA0, right is 国民",
          "jaconv": f"jaconv {NO_SUPPLEMENT}: ⺠ U+2EA0 → 民, right is 国民"}),
    Case(SUPPLEMENT, "text", "⻑期", "長期",
         "長期",
         {"neologdn": f"neologdn {NO_RADICALS}: ⻑ is U+2ED1, right is 長期",
          "jaconv": f"jaconv {NO_SUPPLEMENT}: ⻑ U+2ED1 → 長, right is 長期"}),
    Case(HALF_KANA, "text", "ﾊｰﾄﾞﾃﾞｨｽｸ", "ハードディスク",
         "ハードディスク",
         calls={"jaconv": JACONV_H2Z}),
    Case(DIGIT_WIDTH, "text", "6０億円", "60億円",
         "60億円",
         calls={"jaconv": JACONV_Z2H}),
    Case(SPACES, "text", "レア メタル の 確保", "レアメタルの確保",
         "レアメタルの確保",
         {"jaconv": f"jaconv.normalize {NO_SPACES}: right is レアメタルの確保"}),
    Case(SPACES, "text", "2007 2008", "2007 2008",
         "2007 2008"),
    Case(RANGES, "text", "平成１９年度～", "平成19年度~",
         "平成19年度~",
         {"neologdn": f"neologdn {TILDE_DELETED}: 'from FY2007 on' (a line of the source) "
                      "becomes 'FY2007'; right keeps the range mark, 平成19年度~",
          "jaconv": f"jaconv.normalize {TILDE_TO_VOWEL}: right is 平成19年度~"}),
    Case(RANGES, "text", "10〜20億円", "10~20億円",
         "10~20億円",
         {"neologdn": f"neologdn {TILDE_DELETED}: the range ¥1-2 billion becomes 1020億円, "
                      "¥102 billion; right is 10~20億円",
          "jaconv": f"jaconv.normalize {TILDE_TO_VOWEL}: right is 10~20億円"}),
    Case(SOURCE_LINE, "text", "○希尐金属代替材料開発プロジェクト：平成２４年度要求額 ８．２億円 ",
         "○希少金属代替材料開発プロジェクト:平成24年度要求額8.2億円",
         "○希少金属代替材料開発プロジェクト:平成24年度要求額8.2億円",
         {"neologdn": f"neologdn gets all but the defect: it {NO_DEFECTS}; right is 希少金属…",
          "jaconv": f"jaconv.normalize keeps 希尐 (it {NO_DEFECTS}) and {SPACE_KEPT} (NFKC removes no spaces); "
                    "right is ○希少金属代替材料開発プロジェクト:平成24年度要求額8.2億円"}),
    # ---- numbers: parse_number vs kanjize.kanji2number
    Case(KANJI, "number", "二千九百五十", 2950, 2950),
    Case(KANJI, "number", "一億二千万", 120_000_000, 120_000_000),
    Case(KANJI, "number", "二〇一一", 2011, 2011),
    # kanjize reads mixed widths too: it calls int() on each run of digits, and int('6０') == 60.
    Case(ARABIC_UNITS, "number", "6０", 60, 60),
    Case(ARABIC_UNITS, "number", "12.4億", 1_240_000_000, 1_240_000_000),
    Case(ARABIC_UNITS, "number", "250百万", 250_000_000, 250_000_000),
    Case(ARABIC_UNITS, "number", "8.2億", 820_000_000, 820_000_000,
         {"kanjize": "kanjize computes in binary floating point and truncates: int(8.2 * 10**8) is "
                     "819999999; the source's 8.2億円 is 820000000 (the core computes in Decimal)"}),
    Case(ARABIC_UNITS, "number", "８．２億", 820_000_000, 820_000_000,
         {"kanjize": "kanjize reads full-width digits but not the full-width point ． (the source "
                     "writes ８．２億円): ValueError; right is 820000000"}),
    Case(SEPARATORS, "number", "1兆2,345億", 1_234_500_000_000,
         1_234_500_000_000,
         {"kanjize": "kanjize raises ValueError on the thousands separator in 2,345 "
                     "(\"Kanji `2,345` seems to be invalid\"); right is 1234500000000"}),
    Case(FORMAL, "number", "壱萬", 10_000, 10_000,
         {"kanjize": "kanjize reads formal digits (壱 弐 参) and 拾 阡, but not the formal myriad 萬: "
                     "its default unit table has 万 only (壱万 gives 10000); right is 10000"}),
    Case(FORMAL, "number", "弐阡", 2000, 2000),
    Case(NEGATIVE, "number", "▲3億", -300_000_000, -300_000_000,
         {"kanjize": "kanjize takes - and － as signs but not ▲, the minus of Japanese financial "
                     "tables; right is -300000000"}),
    Case(LARGE, "number", "1無量大数", 10**68, 10**68),
    # ---- money amounts: parse_amount vs kanjize.kanji2number on the same input
    Case(AMOUNTS, "amount", "12.4億円", (1_240_000_000, "JPY", False),
         (1_240_000_000, "JPY", False, None),
         {"kanjize": f"kanjize {CURRENCY}; right is 1240000000 JPY"}),
    Case(AMOUNTS, "amount", "約７０億円", (7_000_000_000, "JPY", True),
         (7_000_000_000, "JPY", True, None),
         {"kanjize": f"kanjize {CURRENCY}; right is 7000000000 JPY, approximate"}),
    Case(AMOUNTS, "amount", "250百万＄", (250_000_000, "USD", False),
         (250_000_000, "USD", False, None),
         {"kanjize": f"kanjize {CURRENCY}; right is 250000000 USD"}),
    Case(AMOUNTS, "amount", "6０億円", (6_000_000_000, "JPY", False),
         (6_000_000_000, "JPY", False, None),
         {"kanjize": f"kanjize {CURRENCY}; right is 6000000000 JPY"}),
    # ---- era dates: parse_era vs japanera (the matching format) vs jeraconv
    Case(ERAS, "era", "平成二十三年", (2011, None, False),
         (2011, None, None, False, "平成"),
         {"jeraconv": f"jeraconv {J2W_FORMAT}: kanji years raise ValueError; right is 2011"},
         calls={"japanera": japanera_call("%-K%-n年")}),
    Case(ERAS, "era", "H23.12", (2011, 12, False),
         (2011, 12, None, False, "平成"),
         {"jeraconv": f"jeraconv {J2W_FORMAT}: no initials, no months; right is December 2011"},
         calls={"japanera": japanera_call("%-h%-y.%m")}),
    Case(ERAS, "era", "平成23年12月", (2011, 12, False),
         (2011, 12, None, False, "平成"),
         {"jeraconv": f"jeraconv {J2W_FORMAT}: nothing may follow 年; right is December 2011"},
         calls={"japanera": japanera_call("%-K%-y年%m月")}),
    Case(ERAS, "era", "令和元年", (2019, None, False),
         (2019, None, None, False, "令和"),
         calls={"japanera": japanera_call("%-K%-y年")}),
    Case(FISCAL, "era", "平成24年度", (2012, None, True),
         (2012, None, None, True, "平成"),
         {"japanera": "japanera has no fiscal year: 年度 is literal text in the format and it returns "
                      "2012-01-01, a day of FY2011; 平成24年度 is FY2012 (April 2012 to March 2013)",
          "jeraconv": f"jeraconv {J2W_FORMAT}: 年度 raises ValueError; right is FY2012"},
         calls={"japanera": japanera_call("%-K%-y年度")}),
    Case(FISCAL, "era", "２４年度", (2012, None, True),
         (2012, None, None, True, "平成"),
         {"japanera": "japanera has no default era: without one it returns every era's year 24 "
                      "(10 dates, AD 24 to 令和24 = 2042); in a document dated 平成23年 the right "
                      "answer is FY2012 (parse_era's default_era='平成')",
          "jeraconv": f"jeraconv {J2W_FORMAT}: the era name is required; right is FY2012"},
         calls={CORE: parse_era_call("平成"), "japanera": japanera_call("%-y年度")}),
)


CAPABILITIES: tuple[str, ...] = tuple(dict.fromkeys(case.capability for case in CASES))


# ---- the recorded peers ---------------------------------------------------------------


def decoded(value: Any) -> Any:
    """JSON lists as tuples, all the way down (the answers are compared as tuples)."""
    return tuple(decoded(item) for item in value) if isinstance(value, list) else value


@cache
def record() -> dict:
    return json.loads(RECORD.read_text(encoding="utf-8"))


def record_key(kind: str, text: str, column: str) -> tuple[str, str, str]:
    return (kind, text, column)


@cache
def recorded() -> dict[tuple[str, str, str], dict]:
    """Each recorded peer output by (kind, input, column)."""
    return {record_key(entry["kind"], entry["input"], entry["column"]): entry for entry in record()["outputs"]}


def recorded_output(case: Case, column: str) -> Any:
    entry = recorded().get(record_key(case.kind, case.text, column))
    assert entry is not None, f"no recorded output of {column} on {case.text!r}: {RERECORD}"
    assert entry["call"] == case.call(column).label, (
        f"{column} on {case.text!r} was recorded as {entry['call']}, the case calls "
        f"{case.call(column).label}: {RERECORD}")
    return Raised(entry["raises"]) if "raises" in entry else decoded(entry["returns"])


# ---- running and judging --------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    output: Any  # plain data, or Raised
    answer: Any  # None when it raised
    right: bool


def core_output(case: Case) -> Any:
    """The core's output on the case, now (an exception as :class:`Raised`)."""
    try:
        return case.call(CORE).fn(case.text)
    except Exception as error:  # noqa: BLE001 -- a failure is a measurement
        return Raised(type(error).__name__)


def run(case: Case, column: str) -> Result:
    """The core's live output, or a peer's recorded one, with its answer and verdict."""
    call = case.call(column)
    assert call is not None
    output = core_output(case) if column == CORE else recorded_output(case, column)
    if isinstance(output, Raised):
        return Result(output, None, False)
    answer = call.read(output)
    return Result(output, answer, answer == case.right)


def _cell(results: list[Result]) -> str:
    if not results:
        return "—"
    right = sum(result.right for result in results)
    if right == len(results):
        return "✓"
    return "✗" if right == 0 else f"✗ {right}/{len(results)}"


def _header(column: str) -> str:
    return f"`{column}`" if column == CORE else f"{column} {record()['versions'][column]}"


def peer_table() -> str:
    """The README's table: one row per capability, a cell per column, from the measurements."""
    lines = [
        "| capability | " + " | ".join(_header(column) for column in COLUMNS) + " |",
        "|---|" + "---|" * len(COLUMNS),
    ]
    for capability in CAPABILITIES:
        cases = [case for case in CASES if case.capability == capability]
        cells = [_cell([run(case, column) for case in cases if column in case.columns()]) for column in COLUMNS]
        lines.append(f"| {capability} | " + " | ".join(cells) + " |")
    lines += [
        "",
        f"{len(CASES)} inputs; ✓ right on every input of the row, ✗ wrong on all, `✗ k/n` right on k "
        "of n, — not in the tool's scope (not called). The core's calls: `normalize`, `parse_number`, "
        "`parse_amount`, `parse_era`; the peers': `neologdn.normalize`, `jaconv.normalize` "
        "(`h2z`/`z2h` for widths), `kanjize.kanji2number`, `japanera.EraDate.strptime` with the "
        "format that matches the input, `jeraconv.J2W().convert`.",
        "Each input, each output and why the right answer is right: `tests/test_peers.py` "
        "(`.venv/bin/python tests/test_peers.py --details`); the peers' outputs are recorded in "
        "`tests/data/peers/japanese_core.json` by `make peers`.",
    ]
    return "\n".join(lines)


def peer_details() -> str:
    """Every (input, column): the call, its output or exception, and the verdict."""
    lines = ["| capability | input | column | call | output | right |", "|---|---|---|---|---|---|"]
    for case in CASES:
        for column in case.columns():
            result = run(case, column)
            lines.append(f"| {case.capability} | `{case.text}` | {column} | `{case.call(column).label}` "
                         f"| `{result.output!r}` | {'✓' if result.right else '✗ ' + case.why.get(column, '')} |")
    return "\n".join(lines)


def _section(readme: str) -> str:
    """docs/japanese.md's text (the section on the core, once the README's)."""
    return readme


def readme_block(readme: str) -> str:
    """The text between the peers markers of the README's "The Japanese core" section."""
    section = _section(readme)
    return section[section.index(BEGIN) + len(BEGIN) : section.index(END)].strip("\n")


def with_block(readme: str, block: str) -> str:
    """``readme`` with the text between the peers markers replaced by ``block``."""
    start, end = readme.index(BEGIN) + len(BEGIN), readme.index(END)
    assert BEGIN in _section(readme) and END in _section(readme)
    return readme[:start] + "\n" + block + "\n" + readme[end:]


# ---- the tests ------------------------------------------------------------------------

PEER_PAIRS = [pytest.param(case, column, id=f"{case.id}-{column}")
              for case in CASES for column in case.columns() if column != CORE]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_core_output(case: Case):
    """What the core gives, now, exactly."""
    assert core_output(case) == case.core, f"the core on {case.text!r}: {core_output(case)!r}, expected {case.core!r}"


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_core_is_right(case: Case):
    result = run(case, CORE)
    assert result.right, f"the core on {case.text!r} gives {result.output!r}, right is {case.right!r}"


@pytest.mark.parametrize(("case", "column"), PEER_PAIRS)
def test_peer_verdict_is_explained(case: Case, column: str):
    """A peer that disagrees with the core is wrong, and the case says why; one that agrees is right."""
    core_result, peer = run(case, CORE), run(case, column)
    if peer.answer == core_result.answer:
        assert peer.right and column not in case.why, f"{column} agrees with the core on {case.text!r}"
    else:
        assert not peer.right, f"{column} on {case.text!r}: {peer.output!r} is right and the core is not"
        assert case.why.get(column), (
            f"{column} disagrees with the core on {case.text!r} ({peer.output!r} vs "
            f"{core_result.output!r}): say which is right and why"
        )


def test_the_record_holds_exactly_the_calls_of_the_cases():
    """Every (case, peer) has one recorded output of the call the case makes, and nothing else."""
    wanted = {record_key(case.kind, case.text, column): case.call(column).label
              for case in CASES for column in case.columns() if column != CORE}
    entries = record()["outputs"]
    assert len(entries) == len(recorded()), "two recorded outputs of one (kind, input, column)"
    assert {key: entry["call"] for key, entry in recorded().items()} == wanted, RERECORD
    for entry in entries:
        assert ("returns" in entry) != ("raises" in entry), entry


def test_the_record_names_the_pinned_versions():
    """The data was made by the versions requirements-peers.txt pins (a bumped pin without a
    re-recording fails here)."""
    pins = pinned()
    assert record()["versions"] == {peer: pins[canonical(peer)] for peer in PEERS}, RERECORD


def test_every_peer_is_called():
    called = {column for case in CASES for column in case.columns()}
    assert called == set(COLUMNS)
    for case in CASES:
        assert set(case.why) <= set(case.columns()) - {CORE}, case.text
        if case.kind == "era":
            assert "japanera" in case.columns(), f"{case.text}: give japanera the format that matches it"


def test_every_peer_is_wrong_somewhere_the_core_is_right():
    """The table is not a tautology: each peer has at least one measured disagreement."""
    for peer in PEERS:
        assert any(peer in case.columns() and not run(case, peer).right for case in CASES), peer


def test_no_peer_is_imported():
    """The suite reads the peers' recorded answers; it never imports them."""
    assert not set(PEERS) & set(sys.modules)


def test_readme_table_is_the_measured_table():
    assert readme_block(README.read_text(encoding="utf-8")) == peer_table(), (
        "README's peer table is stale: run .venv/bin/python tests/test_peers.py --write"
    )


if __name__ == "__main__":
    if "--details" in sys.argv:
        print(peer_details())
    elif "--write" in sys.argv:
        text = README.read_text(encoding="utf-8")
        changed = readme_block(text) != peer_table()
        README.write_text(with_block(text, peer_table()), encoding="utf-8")
        print(f"README.md: peer table {'rewritten' if changed else 'unchanged'}")
    else:
        print(peer_table())
