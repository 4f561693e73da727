"""Repair the text layer of a Japanese PDF, logging every change and where it came from.

The rules run in this order (each is logged under the rule name in brackets):

1. ``radical`` -- a character of the Kangxi Radicals (U+2F00-2FDF) or CJK Radicals
   Supplement (U+2E80-2EFF) block becomes its equivalent unified ideograph, from
   Unicode's own EquivalentUnifiedIdeograph.txt (vendored in ``data/``): ``⼈`` -> ``人``,
   ``⺠`` -> ``民``, ``⻑`` -> ``長``. PDF fonts emit radicals where the glyph is shared.
   NFKC would map the Kangxi block too, but doing it here logs it under its real cause.
2. ``japanese-form`` -- where the Unicode equivalent is a traditional form in no Japanese
   character set, the Japanese form (:data:`JAPANESE_FORMS`): ``⼾`` -> ``戶`` -> ``戸``.
   Only characters that were radicals are touched: a deliberately written ``戶`` stays.
3. ``nfkc`` -- Unicode NFKC: full-width digits and Latin to ASCII, half-width katakana
   to full-width (``ﾄﾞ`` -> ``ド``, two characters to one), ``（）`` -> ``()``, ``：`` ->
   ``:``, ``～`` -> ``~``, ``－`` -> ``-``, U+3000 and NBSP -> space. ``【】「」『』〈〉`` are
   untouched by NFKC; ASCII ``( ) < > [ ]`` are the normal forms of their full-width twins.
   Enclosed, superscript and subscript numbers and fractions (``①``, ``⑴``, ``⒈``, ``㉑``,
   ``❶``, ``¹``, ``₂``, ``½``) are kept as written: NFKC would join them to the digits beside
   them (``②30億円`` -> ``230億円``, a footnote ``5,000¹`` -> ``5,0001``).
4. ``text-layer-defect`` -- known ToUnicode defects (:data:`TEXT_LAYER_DEFECTS`), opt-out
   with ``defects=False``.
5. ``dash`` -- context-free dash forms (:data:`DASH_FORMS`): hyphen, figure dash, en dash
   and minus sign become ASCII ``-``; em dash becomes ``―`` (U+2015, the JIS full-width
   dash, which CP932 maps to U+2014); the wave dash ``〜`` becomes ``~``, the one range
   mark (NFKC already makes ``～`` into ``~``). ``―`` and ``─`` (box drawing) are kept.
6. ``space`` -- a run of whitespace inside a line (spaces, tabs, and what NFKC made of
   U+3000 / NBSP) is removed when a Japanese character (Han, kana, ``ー``, CJK symbols
   and punctuation, remaining full-width forms) is on either side of it, because
   Japanese sets no spaces between words (``発生 する`` -> ``発生する``, ``要求額 8.2億円``
   -> ``要求額8.2億円``) -- unless numerals are on both sides (ASCII digits or kanji
   digits: ``2007 2008`` stays two numbers), an ASCII digit is on the left (``4,100 合計``:
   a table cell and the label after it stay apart; ``27 年度`` keeps its blank) or the
   right side is a combining mark, or a sign (``- + ▲ △``) before a digit or a blank opens
   the right side (``-0.48円 -0.06円``: the blank says the second minus is a sign, not a
   range mark), or a dash ``ー ― ─`` is on the left and a digit on the right (``ー 1,234円``:
   a dash meaning none before a cell, or a minus sign; the blank is kept for the reader).
   Any other run (between Latin words, digits, ASCII symbols) becomes one space.
   ``strip`` -- whitespace at the start and end of the text and of each line is removed;
   newlines inside the text are kept.
   ``invisible`` -- zero-width characters and the soft hyphen (:data:`INVISIBLE`) are
   removed (``1``, U+200B, ``234億円`` -> ``1234億円``): they would cut a figure in two.
7. ``dash`` -- the prolonged sound mark ``ー`` between two ASCII digits becomes ``-``
   (``03ー1234`` -> ``03-1234``). ``ー`` anywhere else (``レアアース``) is never touched.

The result is idempotent: ``normalize(normalize(x)) == normalize(x)``.

Speed: a line of one or more characters that combine with no neighbour under NFKC (kana,
kanji, Latin, full- and half-width forms, symbols: :func:`_isolated`; no newline) is
repaired one character at a time from a per-character table (``str.translate``), and its
blanks by one pass over the runs; text with nothing to repair comes back as it is. Any
other text (combining marks, half-width voiced marks, Hangul jamo, several lines) takes the
rule-by-rule path. Both give the same text, log and origin map (a property test checks it).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import regex

from extract.japanese import numerals

__all__ = [
    "DASH_FORMS",
    "JAPANESE_FORMS",
    "NormalizedText",
    "Substitution",
    "TEXT_LAYER_DEFECTS",
    "equivalent_ideographs",
    "normalize",
    "normalize_with_log",
]

RADICAL_BLOCKS = ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF))
DATA_FILE = "EquivalentUnifiedIdeograph.txt"

# The Kangxi radicals whose Unicode equivalent (戶 靑 黃 黑) is in no Japanese character set
# (neither JIS X 0208 nor JIS X 0212, i.e. not encodable in EUC-JP): each is the traditional
# form of a JIS X 0208 character, which is the glyph a Japanese font draws for the radical and
# so what the text meant. These four are the complete list for the Kangxi block (a test
# checks the derivation); the C-simplified radicals of the supplement block are Chinese
# forms and keep their Unicode equivalent.
JAPANESE_FORMS: dict[str, str] = {
    "戶": "戸",  # from ⼾ KANGXI RADICAL DOOR
    "靑": "青",  # from ⾭ KANGXI RADICAL BLUE
    "黃": "黄",  # from ⿈ KANGXI RADICAL YELLOW
    "黑": "黒",  # from ⿊ KANGXI RADICAL BLACK
}

# Text-layer defects: characters a broken ToUnicode map emits in place of the intended one.
# 尐 (U+5C10) for 少 (U+5C11): an off-by-one in the ToUnicode CMap of a font seen in ministry
# PDFs (希尐金属 for 希少金属). 尐 is a rare but legitimate character, so the table is
# opt-out: ``normalize(text, defects=False)``.
TEXT_LAYER_DEFECTS: dict[str, str] = {
    "尐": "少",
}

# Context-free dash forms, applied after NFKC (so U+2011, U+FE58, U+FE63, U+FF0D, U+FF5E
# arrive here already as U+2010, U+2014, "-", "-", "~").
DASH_FORMS: dict[str, str] = {
    "\u2010": "-",  # ‐ HYPHEN
    "\u2012": "-",  # ‒ FIGURE DASH
    "\u2013": "-",  # – EN DASH (ranges in Latin typography)
    "\u2212": "-",  # − MINUS SIGN
    "\u2014": "\u2015",  # — EM DASH -> ― HORIZONTAL BAR (JIS X 0208 1-29, CP932 differs)
    "\u301c": "~",  # 〜 WAVE DASH -> ~ (NFKC turns ～ FULLWIDTH TILDE into ~ too)
}

# Invisible characters a text layer or an editor leaves inside words and figures: zero-width
# space, non-joiner and joiner, word joiner, byte order mark, soft hyphen. Left in place they
# cut a figure in two (1, U+200B, 234億円 read as 234億円); removed, the origin map keeps where they stood.
INVISIBLE: dict[str, str] = {char: "" for char in "\u200b\u200c\u200d\u2060\ufeff\u00ad"}

PROLONGED_SOUND_MARK = "\u30fc"
DIGITS = frozenset("0123456789")
SIGNS = frozenset("-+▲△▼▽Δ∆")  # signs before a number, as NFKC and the dash rule leave them
KANJI_DIGITS = frozenset(numerals.KANJI_DIGITS)
DASH_MARKS = frozenset("ー―─")  # a minus sign or a dash meaning none, before a figure

JAPANESE_CHAR = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\u3000-\u303f\u30fb\u30fc\uff00-\uffef\u2e80-\u2fdf]"
)
NEEDS_NFKC_CHECK = regex.compile(r"[^\x00-\x7f]")


@dataclass(frozen=True, slots=True)
class Substitution:
    """One change: ``before`` at ``offset`` in the original text became ``after`` by ``rule``."""

    offset: int
    before: str
    after: str
    rule: str


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """Normalized text, its change log, and ``origin[i]``: the original offset of char ``i``."""

    text: str
    substitutions: tuple[Substitution, ...]
    origin: tuple[int, ...]


@cache
def equivalent_ideographs() -> dict[str, str]:
    """Radical -> unified ideograph for the two radical blocks, from the vendored UCD file."""
    table: dict[str, str] = {}
    data = resources.files("extract.japanese").joinpath("data", DATA_FILE).read_text("utf-8")
    for line in data.splitlines():
        entry = line.split("#", 1)[0].strip()
        if not entry:
            continue
        points, target = (part.strip() for part in entry.split(";"))
        first, _, last = points.partition("..")
        for code in range(int(first, 16), int(last or first, 16) + 1):
            if any(lo <= code <= hi for lo, hi in RADICAL_BLOCKS):
                table[chr(code)] = chr(int(target, 16))
    return table


# A character of the working text: [what it is now, start, end of the original it came from].
_Char = list


# Enclosed, superscript and subscript numbers and vulgar fractions stay as written (①, ⑴,
# ⒈, ㉑, ❶, ㊀, ¹, ₂, ½): NFKC would join them to the digits beside them — the list mark of
# ②30億円 into 230億円, ⒈30億円 into 1.30億円, the note of 5,000¹ into 5,0001, 10¹²円 into
# 1012円, 1½億円 into 11⁄2億円.
ENCLOSED_NUMBERS = regex.compile(
    r"[\u2460-\u24ff\u2776-\u2793\u3248-\u325f\u3280-\u3289\u32b1-\u32bf"
    r"\u00b2\u00b3\u00b9\u00bc-\u00be\u2070-\u2079\u2080-\u2089\u2150-\u215f\u2189]"
)


@lru_cache(maxsize=1 << 16)
def _nfkc(text: str) -> str:
    """Unicode NFKC, but for the number forms of :data:`ENCLOSED_NUMBERS`, which stay as written."""
    if not ENCLOSED_NUMBERS.search(text):
        return unicodedata.normalize("NFKC", text)
    pieces, last = [], 0
    for enclosed in ENCLOSED_NUMBERS.finditer(text):
        pieces += [unicodedata.normalize("NFKC", text[last : enclosed.start()]), enclosed[0]]
        last = enclosed.end()
    return "".join(pieces) + unicodedata.normalize("NFKC", text[last:])


def _is_mark(char: str) -> bool:
    return unicodedata.category(char)[0] == "M"


def _radicals_to_ideographs(text: str, log: list[Substitution]) -> list[str]:
    """Each original char, with radicals replaced by their (Japanese-form) ideograph."""
    table = equivalent_ideographs()
    out = list(text)
    for offset, char in enumerate(text):
        ideograph = table.get(char)
        if ideograph is None:
            continue
        log.append(Substitution(offset, char, ideograph, "radical"))
        japanese = JAPANESE_FORMS.get(ideograph)
        if japanese:
            log.append(Substitution(offset, ideograph, japanese, "japanese-form"))
            ideograph = japanese
        out[offset] = ideograph
    return out


def _segments_to_nfkc(text: str, mapped: list[str], log: list[Substitution]) -> list[_Char]:
    """NFKC over segments that compose together (``ﾄﾞ`` is one segment), keeping origins."""
    chars: list[_Char] = []
    start = 0
    segment = ""
    for offset, char in enumerate(mapped):
        if segment and NEEDS_NFKC_CHECK.match(char) and _nfkc(segment + char) != _nfkc(segment) + _nfkc(char):
            segment += char
            continue
        if segment:
            _emit_segment(text, start, offset, segment, chars, log)
        start, segment = offset, char
    if segment:
        _emit_segment(text, start, len(text), segment, chars, log)
    return chars


def _emit_segment(text: str, start: int, end: int, segment: str, chars: list[_Char],
                  log: list[Substitution]) -> None:
    folded = _nfkc(segment)
    if folded != segment:
        log.append(Substitution(start, segment, folded, "nfkc"))
    chars.extend([char, start, end] for char in folded)


def _replace_chars(chars: list[_Char], table: dict[str, str], rule: str,
                   log: list[Substitution]) -> None:
    for item in chars:
        replacement = table.get(item[0])
        if replacement is not None:
            log.append(Substitution(item[1], item[0], replacement, rule))
            item[0] = replacement


def _is_numeral(char: str) -> bool:
    return char in DIGITS or char in KANJI_DIGITS


def _keeps_space(left: str, right: str, after: str = "", before: str = "") -> bool:
    """Whether a whitespace run between ``left`` and ``right`` (``after`` follows ``right``,
    ``before`` precedes ``left``) separates anything."""
    if _is_mark(right):
        return True
    if left in DASH_MARKS and right in DIGITS and before not in DIGITS:
        return True  # ー 1,234円: the blank says the dash may be no minus sign (quantities flags it)
    if right in SIGNS and (after in DIGITS or after.isspace()):
        return True  # a sign opens a figure: 円 -0.06円 is not 円-0.06円 (a range mark)
    if _is_numeral(left) and _is_numeral(right):
        return True
    if left in DIGITS and JAPANESE_CHAR.match(right):
        return True  # a number, then a blank: the word after it is not glued to it (4,100 合計)
    return not (JAPANESE_CHAR.match(left) or JAPANESE_CHAR.match(right))


def _spaces_collapsed(text: str, chars: list[_Char], log: list[Substitution]) -> list[_Char]:
    """Drop or collapse whitespace runs inside lines; strip lines and the text."""
    out: list[_Char] = []
    index, count = 0, len(chars)
    while index < count:
        char = chars[index][0]
        if char == "\n" or not char.isspace():
            out.append(chars[index])
            index += 1
            continue
        end = index
        while end < count and chars[end][0] != "\n" and chars[end][0].isspace():
            end += 1
        run_start, run_end = chars[index][1], chars[end - 1][2]
        before = text[run_start:run_end]
        left = out[-1][0] if out else "\n"
        right = chars[end][0] if end < count else "\n"
        after = chars[end + 1][0] if end + 1 < count else "\n"
        if left == "\n" or right == "\n":
            log.append(Substitution(run_start, before, "", "strip"))
        elif _keeps_space(left, right, after, out[-2][0] if len(out) > 1 else "\n"):
            if before != " ":
                log.append(Substitution(run_start, before, " ", "space"))
            out.append([" ", run_start, run_end])
        else:
            log.append(Substitution(run_start, before, "", "space"))
        index = end
    return _newlines_stripped(out, log)


def _newlines_stripped(chars: list[_Char], log: list[Substitution]) -> list[_Char]:
    """Leading and trailing newlines of the whole text removed (whitespace already gone)."""
    first = 0
    while first < len(chars) and chars[first][0] == "\n":
        log.append(Substitution(chars[first][1], "\n", "", "strip"))
        first += 1
    last = len(chars)
    while last > first and chars[last - 1][0] == "\n":
        last -= 1
        log.append(Substitution(chars[last][1], "\n", "", "strip"))
    return chars[first:last]


def _numeric_dashes(chars: list[_Char], log: list[Substitution]) -> None:
    """``ー`` between two ASCII digits is a dash the text layer mistook for a kana mark."""
    for index in range(1, len(chars) - 1):
        if (chars[index][0] == PROLONGED_SOUND_MARK and chars[index - 1][0] in DIGITS
                and chars[index + 1][0] in DIGITS):
            log.append(Substitution(chars[index][1], PROLONGED_SOUND_MARK, "-", "dash"))
            chars[index][0] = "-"


def normalize_with_log(text: str, defects: bool = True) -> NormalizedText:
    """Normalize ``text`` (see the module docstring) and say what changed where."""
    fast = _charwise(text, defects, logged=True)
    return fast if fast is not None else _rule_by_rule(text, defects)


def _rule_by_rule(text: str, defects: bool = True) -> NormalizedText:
    """The rules of the module docstring one after the other over the whole text."""
    log: list[Substitution] = []
    mapped = _radicals_to_ideographs(text, log)
    chars = _segments_to_nfkc(text, mapped, log)
    if defects:
        _replace_chars(chars, TEXT_LAYER_DEFECTS, "text-layer-defect", log)
    _replace_chars(chars, DASH_FORMS, "dash", log)
    _replace_chars(chars, INVISIBLE, "invisible", log)
    chars = _spaces_collapsed(text, [item for item in chars if item[0]], log)
    _numeric_dashes(chars, log)
    log.sort(key=lambda sub: sub.offset)  # stable: rules stay in order at one offset
    return NormalizedText(
        text="".join(item[0] for item in chars),
        substitutions=tuple(log),
        origin=tuple(item[1] for item in chars) + (len(text),),
    )


def normalize(text: str, defects: bool = True) -> str:
    """``text`` repaired: radicals, NFKC, text-layer defects, dashes, spaces (see module doc)."""
    fast = _charwise(text, defects, logged=False)
    return fast if fast is not None else _rule_by_rule(text, defects).text


# --- the per-character path ----------------------------------------------------------

# Ranges whose characters may be isolated (see _isolated); everything else takes the
# rule-by-rule path: combining marks, Indic and Hangul (jamo compose under NFKC), ...
_ISOLATED_RANGES = (
    (0x0000, 0x02FF),  # ASCII, Latin-1, Latin Extended, IPA, spacing modifiers
    (0x2000, 0x2E7F),  # punctuation, super/subscripts, symbols, arrows, math, box drawing...
    (0x2E80, 0x312F),  # CJK radicals, Kangxi, CJK symbols, kana, bopomofo
    (0x3190, 0xA4CF),  # kanbun, CJK strokes, enclosed CJK, CJK compatibility, ideographs, Yi
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE10, 0xFE1F), (0xFE30, 0xFE6F),  # vertical, compatibility and small forms
    (0xFF00, 0xFF9D), (0xFFE0, 0xFFEF),  # full-width and half-width forms (not ﾞﾟ or Hangul)
    (0x20000, 0x3FFFF),  # CJK ideographs, extensions B and after
)
_JAMO_RANGES = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xD7B0, 0xD7FF))
_NOT_ISOLATED = "\uffff"  # what a character that is not isolated translates to
_WHITESPACE_RUN = regex.compile(
    r"[\t\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+"
)  # exactly the characters str.isspace() accepts, but \n (a test checks it)
_NUMERIC_DASH = regex.compile(r"(?<=[0-9])\u30fc(?=[0-9])")


def _in(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(low <= code <= high for low, high in ranges)


def _stands_alone(char: str) -> bool:
    """A character no neighbour changes under NFKC: no mark, no jamo, not composable."""
    return unicodedata.combining(char) == 0 and not _is_mark(char) and not _in(ord(char), _JAMO_RANGES)


def _isolated(char: str) -> bool:
    """Whether NFKC of any text is NFKC of this character apart from its neighbours': it is
    in :data:`_ISOLATED_RANGES`, is no mark or jamo, and neither is anything it folds into
    (compatibility jamo fold into conjoining jamo, which compose)."""
    if not _in(ord(char), _ISOLATED_RANGES) or char in "\n\uffff":
        return False
    mapped = equivalent_ideographs().get(char, char)
    return _stands_alone(mapped) and all(_stands_alone(c) for c in _nfkc(mapped))


class _CharTable(dict):
    """char code -> the character repaired alone (its replacement string), filled on first use;
    :data:`_NOT_ISOLATED` for a character the per-character path cannot take."""

    def __init__(self, defects: bool):
        super().__init__()
        self.defects = defects
        self.logs: dict[str, tuple[tuple[str, str, str], ...]] = {}

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if not _isolated(char):
            self[code] = _NOT_ISOLATED
            return _NOT_ISOLATED
        log: list[Substitution] = []
        mapped = _radicals_to_ideographs(char, log)
        chars = _segments_to_nfkc(char, mapped, log)
        if self.defects:
            _replace_chars(chars, TEXT_LAYER_DEFECTS, "text-layer-defect", log)
        _replace_chars(chars, DASH_FORMS, "dash", log)
        _replace_chars(chars, INVISIBLE, "invisible", log)
        replacement = "".join(item[0] for item in chars)
        if log:
            self.logs[char] = tuple((sub.before, sub.after, sub.rule) for sub in log)
        self[code] = replacement
        return replacement


_TABLES = {True: _CharTable(True), False: _CharTable(False)}


def _charwise(text: str, defects: bool, logged: bool):  # noqa: C901 (one pass per character: the fast path)
    """:func:`normalize_with_log` (``logged``) or :func:`normalize` of a line of isolated
    characters, one character at a time; None for any other text."""
    table = _TABLES[defects]
    mapped = text.translate(table)
    if _NOT_ISOLATED in mapped:
        return None
    blanks = _WHITESPACE_RUN.search(mapped) is not None
    if not logged:
        if blanks:
            mapped = _blanks_collapsed(mapped)[0]
        return _NUMERIC_DASH.sub("-", mapped) if PROLONGED_SOUND_MARK in mapped else mapped
    if mapped == text and not blanks and (PROLONGED_SOUND_MARK not in text or not _NUMERIC_DASH.search(text)):
        return NormalizedText(text, (), tuple(range(len(text) + 1)))
    log: list[Substitution] = []
    logs = table.logs
    origin: list[int] = []
    ends: list[int] | None = None
    if len(mapped) == len(text):  # every character repaired into one
        origin = list(range(len(text)))
        if mapped != text:
            for offset, char in enumerate(text):
                subs = logs.get(char)
                if subs:
                    log += [Substitution(offset, *sub) for sub in subs]
    else:
        ends = []
        for offset, char in enumerate(text):
            subs = logs.get(char)
            if subs:
                log += [Substitution(offset, *sub) for sub in subs]
            width = len(table[ord(char)])
            origin += [offset] * width
            ends += [offset + 1] * width
    if blanks:
        mapped, kept = _blanks_collapsed(mapped, text, origin, ends, log)
        origin = kept if kept is not None else origin
    if PROLONGED_SOUND_MARK in mapped:
        for found in _NUMERIC_DASH.finditer(mapped):
            log.append(Substitution(origin[found.start()], PROLONGED_SOUND_MARK, "-", "dash"))
        mapped = _NUMERIC_DASH.sub("-", mapped)
    log.sort(key=lambda sub: sub.offset)
    return NormalizedText(mapped, tuple(log), (*origin, len(text)))


def _blanks_collapsed(mapped: str, text: str | None = None, origin: list[int] | None = None,
                      ends: list[int] | None = None,
                      log: list[Substitution] | None = None) -> tuple[str, list[int] | None]:
    """The ``space`` and ``strip`` rules over the whitespace runs of one repaired line:
    the text, and (given the origin of each character) the origin of what is kept. With
    ``log``, each run is logged as :func:`_spaces_collapsed` logs it (``ends``: the end of
    each character's original, when one original character became several)."""
    pieces: list[str] = []
    kept: list[int] | None = [] if origin is not None else None
    position, size = 0, len(mapped)
    for run in _WHITESPACE_RUN.finditer(mapped):
        start, end = run.span()
        pieces.append(mapped[position:start])
        if kept is not None and origin is not None:
            kept += origin[position:start]
        position = end
        left = mapped[start - 1] if start else "\n"
        right = mapped[end] if end < size else "\n"
        stripped = left == "\n" or right == "\n"
        keep = not stripped and _keeps_space(left, right, mapped[end + 1] if end + 1 < size else "\n",
                                             mapped[start - 2] if start > 1 else "\n")
        if keep:
            pieces.append(" ")
            if kept is not None and origin is not None:
                kept.append(origin[start])
        if log is not None:
            assert origin is not None and text is not None, "a log needs the origins and the text"
            run_start = origin[start]
            run_end = ends[end - 1] if ends is not None else origin[end - 1] + 1
            before = text[run_start:run_end]
            if stripped:
                log.append(Substitution(run_start, before, "", "strip"))
            elif not keep:
                log.append(Substitution(run_start, before, "", "space"))
            elif before != " ":
                log.append(Substitution(run_start, before, " ", "space"))
    pieces.append(mapped[position:])
    if kept is not None and origin is not None:
        kept += origin[position:]
    return "".join(pieces), kept
