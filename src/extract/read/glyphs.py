"""Glyphs checked by their shape: the character a PDF's text layer claims for each glyph,
compared with the glyph its font draws.

A re-saved PDF can carry a ToUnicode map that says other characters than the page shows
(報酬 drawn, 報郸 in the text layer; 違 drawn, 遊 claimed), or none at all ((cid:NN)).
No table of known defects can know the next document's. Here each distinct glyph of each
font (not each occurrence: a 600-page book has a few thousand) is rendered from the font
program embedded in the PDF and compared (:mod:`extract.read.shapes`) with the claimed
character drawn in a reference font of the same style. The verdicts:

* ``kept`` — the glyph looks like what it claims (or nearly as much as like anything else).
* ``repaired`` — it does not, and one candidate (JIS X 0208 or ASCII) is clearly what it
  looks like: good (:data:`ACCEPT`), far better than the claim (:data:`GAP`) and better
  than the runner-up by :data:`MARGIN`. The text reads that candidate.
* ``doubtful`` — it does not, and no candidate is clearly best: the claim is kept, flagged.
* ``unchecked`` — the glyph could not be drawn (a Type 3 font, a program FreeType refuses,
  a glyph past the document's bound): the claim is kept, and said.

Every verdict but ``kept`` is a row of the ``glyph_repairs`` table.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import regex

from extract.read import shapes

SHORTLIST = 8  # candidates compared closely
CLOSE = 0.05  # a claim within this of the best candidate is kept
ACCEPT = 0.75  # a repair's candidate is at least this like the glyph...
ACCEPT_UNCLAIMED = 0.80  # ...(this, where the claim cannot be drawn to compare)...
GAP = 0.20  # ...this much more like it than the claim...
MARGIN = 0.04  # ...and this much more than the runner-up (or its square clearly more alike).
PIXEL_MARGIN = 0.03  # squares this much more alike break a tie of edges
SAME_DRAWING, SAME_DRAWING_MARGIN = 0.995, 0.01  # a glyph drawn exactly as a candidate (the page's
# font is the reference's design) needs only this lead: ペ over ベ, び over ぴ, う over ぅ
DISPLACED, DISPLACED_SLACK = 0.5, 0.1  # likeness lost per em a candidate's ink stands away from
# the glyph's, past a slack (two fonts draw one character a little apart)
EXACT, EXACT_GAP, EXACT_SHARE = 0.95, 0.10, 0.6  # A candidate drawn exactly as the glyph (the
# page's font is the reference's design) needs a smaller gap: most of what the claim lacks
NEAR_CENTRE, NEAR_SIZE = 0.3, 0.3  # ems: a candidate's ink stands where the glyph's does
MAX_FONTS = 400  # fonts checked in one document; past them, said unchecked
MAX_GLYPHS = 40_000  # distinct glyphs checked in one document
MAX_PAGES_LISTED = 20  # a row lists this many pages, then "…"
MAX_OUTLINED_PER_PAGE = 200  # blanks with outlines over them read on one page

VERDICTS = ("kept", "repaired", "doubtful", "unchecked")
UNMAPPED = regex.compile(r"\(cid:\d+\)")  # pdfminer's text for a code with no character
NO_CHARACTER = "\ufffd"  # what such a glyph reads where its shape decided nothing
SERIF_NAME = regex.compile(r"(?i)mincho|ming|serif|song|明朝")
SANS_NAME = regex.compile(r"(?i)gothic|sans|goth|ゴシック|arial|helvetica|meiryo|メイリオ")


@dataclass(frozen=True)
class Verdict:
    """What one glyph was judged to be."""

    claimed: str
    text: str  # what the text layer reads from now on
    verdict: str  # kept | repaired | doubtful | unchecked
    score: float | None = None  # the claim's likeness to the glyph
    best: str | None = None
    best_score: float | None = None
    runner_up: str | None = None
    runner_up_score: float | None = None
    reason: str = ""


@dataclass
class _Seen:
    verdict: Verdict
    glyph: int | None
    pages: set[int] = field(default_factory=set)
    count: int = 0
    box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # where it is first drawn (top down)


def judge(shape: shapes.Shape, claimed: str, reference: shapes.Reference) -> Verdict:
    """The verdict on a glyph of ``shape`` whose text layer says ``claimed``: its
    :data:`SHORTLIST` nearest candidates by the coarse shape (where their ink stands as
    the glyph's does), ranked by the fine one."""
    drawn = reference.shape(claimed) if len(claimed) == 1 else None
    score = shapes.similarity(shape, drawn) if drawn is not None else None
    if score is not None and score >= 1 - CLOSE:  # no candidate can be more than CLOSE better:
        return Verdict(claimed, claimed, "kept", score)  # kept, without a search
    ranked = _ranked(shape, reference)
    best, best_score = ranked[0]
    twins = [(char, value) for char, value in ranked if _same(char, best)]
    if len(twins) > 1:  # full- and half-width twins: the one whose advance is the glyph's
        best = min(twins, key=lambda twin: abs(reference.candidate(twin[0]).geometry[4] - shape.geometry[4]))[0]
    runner_up, runner_up_score = next(((c, v) for c, v in ranked if not _same(c, best)), ("", -1.0))

    def verdict(text: str, kind: str, reason: str = "") -> Verdict:
        return Verdict(claimed, text, kind, score, best, best_score, runner_up, runner_up_score, reason)

    if _same(best, claimed) or (score is not None and score >= best_score - CLOSE):
        return verdict(claimed, "kept")
    clear = best_score - runner_up_score >= (SAME_DRAWING_MARGIN if best_score >= SAME_DRAWING else MARGIN)
    if score is None:
        clear = clear and best_score >= ACCEPT_UNCLAIMED
    else:
        gap = best_score - score
        exact = best_score >= EXACT and gap >= EXACT_GAP and gap >= EXACT_SHARE * (1 - score)
        clear = clear and best_score >= ACCEPT and (gap >= GAP or exact)
    if clear:
        return verdict(best, "repaired")
    return verdict(claimed, "doubtful", "no candidate is clearly what the glyph shows")


def _displaced(shape: shapes.Shape, candidate: shapes.Shape) -> float:
    """What a candidate loses for standing elsewhere in the em square than the glyph."""
    return DISPLACED * max(0.0, shapes.displacement(shape, candidate) - DISPLACED_SLACK)


def _ranked(shape: shapes.Shape, reference: shapes.Reference) -> list[tuple[str, float]]:
    """The shortlist of candidates, each with its fine likeness less what it loses for
    standing elsewhere (:func:`_displaced`: ょ is よ drawn small), best first; where the first
    two are within :data:`MARGIN`, their squares' likeness decides between them (ペ, ベ)."""
    chars, vectors, geometry = reference.bank()
    scores = vectors @ shape.vector
    centre, size = np.array(shape.geometry[:2]), np.array(shape.geometry[2:4])
    elsewhere = ((np.abs(geometry[:, :2] - centre).max(axis=1) > NEAR_CENTRE)
                 | (np.abs(geometry[:, 2:4] - size).max(axis=1) > NEAR_SIZE))
    scores = np.where(elsewhere, -1.0, scores)
    shortlist = [chars[int(i)] for i in np.argsort(-scores, kind="stable")[:SHORTLIST]]
    drawn = {char: reference.candidate(char) for char in shortlist}
    fine = sorted(((char, shapes.similarity(shape, drawn[char]) - _displaced(shape, drawn[char]))
                   for char in shortlist), key=lambda pair: -pair[1])
    (first, first_score), (second, second_score) = fine[0], fine[1]
    if first_score - second_score < MARGIN and not _same(first, second):
        pixels = {char: shapes.pixel_similarity(shape, drawn[char]) for char in (first, second)}
        if pixels[second] - pixels[first] >= PIXEL_MARGIN:
            first_score, second_score = second_score, first_score
            first, second = second, first
        if abs(pixels[first] - pixels[second]) >= PIXEL_MARGIN:  # the tie is broken: the runner-up
            second_score = min(second_score, first_score - 2 * MARGIN)  # is no longer a rival
        fine[0], fine[1] = (first, first_score), (second, second_score)
    return fine


def style_named(font_name: str) -> str | None:
    """The reference style a font's name says (明朝, Mincho: serif; Gothic: sans), or None."""
    return "serif" if SERIF_NAME.search(font_name) else "sans" if SANS_NAME.search(font_name) else None


def _same(candidate: str, claimed: str) -> bool:
    """Whether a candidate is, for a reader, the claim: the same character once normalized
    (Ｊ and J, − and -, 〜 and ~: one drawing, told apart by the advance if at all), or its
    look-alike by design (:data:`LOOK_ALIKES`: ロ and 口), which no shape can tell apart."""
    if candidate == claimed:
        return True
    key = _normal(candidate)
    return key == _normal(claimed) or LOOK_ALIKES.get(key, key) == LOOK_ALIKES.get(_normal(claimed), None)


@functools.cache
def _normal(char: str) -> str:
    from extract.japanese.normalize import normalize

    return normalize(char, defects=False) or char


def _look_alikes(*groups: str) -> dict[str, str]:
    return {char: group[0] for group in groups for char in group}


LOOK_ALIKES = _look_alikes("ー一―─━-", "ロ口", "カ力", "エ工", "ニ二", "ハ八", "ト卜", "タ夕", "ヘへ", "ペぺ", "ベべ",
                           "リり", "〇○◯O0", "l1I|亅", "・･.", "、,", "。゜°", "ヶケ", "ゃャ", "ゅュ", "ょョ", "っッ")


def watch_fonts(rsrcmgr: Any) -> None:
    """Make pdfminer's resource manager keep each font's dictionary on the font it makes
    (``glyph_spec``): a CID font's CIDToGIDMap is there, and pdfminer keeps it nowhere."""
    if getattr(rsrcmgr, "_watched", False):
        return
    make = rsrcmgr.get_font

    def get_font(objid, spec):
        font = make(objid, spec)
        if not hasattr(font, "glyph_spec"):
            font.glyph_spec = spec  # the innermost first: a Type0's descendant CID font
        return font

    rsrcmgr.get_font = get_font
    rsrcmgr._watched = True


class _Program:
    """One PDF font's program as FreeType reads it, and how a code finds its glyph."""

    def __init__(self, font: Any) -> None:
        from pdfminer.pdffont import PDFCIDFont, PDFType3Font
        from pdfminer.pdftypes import resolve1, stream_value

        self.name = str(getattr(font, "basefont", "") or getattr(font, "fontname", "?"))
        if isinstance(font, PDFType3Font):
            raise shapes.GlyphUnreadable("a Type 3 font (glyphs drawn as page content)")
        descriptor = font.descriptor or {}
        stream = next((descriptor[key] for key in ("FontFile2", "FontFile3", "FontFile") if key in descriptor), None)
        if stream is None:
            raise shapes.GlyphUnreadable("no embedded font program")
        self.face = shapes.face_of(stream_value(stream).get_data())
        self.cid_font = isinstance(font, PDFCIDFont)
        self.vertical = bool(font.is_vertical())
        cid_to_gid = resolve1((getattr(font, "glyph_spec", None) or {}).get("CIDToGIDMap"))
        self.cid_to_gid = cid_to_gid.get_data() if hasattr(cid_to_gid, "get_data") else None
        self.differences = _differences((getattr(font, "glyph_spec", None) or {}).get("Encoding"))
        ascent, descent = float(getattr(font, "ascent", 0) or 0) / 1000, float(getattr(font, "descent", 0) or 0) / 1000
        self.em_box = (ascent, descent) if 0.8 <= ascent - descent <= 1.3 else shapes.EM_BOX
        self.style = style_named(self.name)
        self.font = font  # kept alive: fonts are known by id()

    def glyph(self, code: int, claimed: str) -> int:
        """The glyph index drawing ``code``: a CID through the CIDToGIDMap (identity without
        one); a simple font's code through its /Differences' glyph name, else the program's
        own encoding (Adobe's, for a CFF or Type 1 program) or cmap (symbol, Mac, Unicode)."""
        if self.cid_font:
            if self.cid_to_gid is not None:
                at = 2 * code
                return int.from_bytes(self.cid_to_gid[at:at + 2], "big") if at + 2 <= len(self.cid_to_gid) else 0
            return code
        name = self.differences.get(code)
        if name:
            found = self.face.get_name_index(name.encode("latin-1", "replace"))
            if found:
                return int(found)
        for charmap in self.face.charmaps:
            self.face.set_charmap(charmap)
            key = (charmap.platform_id, charmap.encoding_id)
            tries = {(3, 0): (0xF000 + code, code), (1, 0): (code,)}.get(key, (code,) if key[0] == 7 else ())
            if key in ((3, 1), (0, 3)) and len(claimed) == 1:
                tries = (ord(claimed),)
            for wanted in tries:
                found = self.face.get_char_index(wanted)
                if found:
                    return int(found)
        return 0

    def shape(self, glyph: int, advance: float) -> shapes.Shape | None:
        drawn = shapes.glyph_ink(self.face, glyph)
        return None if drawn is None else shapes.shape_of(*drawn, advance, self.em_box)


def _differences(encoding: Any) -> dict[int, str]:
    """A simple font's /Encoding /Differences: code -> glyph name."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral

    encoding = resolve1(encoding)
    found: dict[int, str] = {}
    code = 0
    for item in resolve1(encoding.get("Differences", [])) if isinstance(encoding, dict) else []:
        if isinstance(item, int):
            code = item
        elif isinstance(item, PSLiteral):
            found[code] = str(item.name)
            code += 1
    return found


class GlyphCheck:
    """A document's glyphs, each judged once, with where each verdict but ``kept`` was met."""

    def __init__(self, fallback: Mapping[str, str] | None = None, trust: bool = False) -> None:
        """``fallback``: what a claim reads where its glyph's shape decided nothing (doubtful
        or unchecked): by default the table of known text-layer defects (尐 → 少); ``{}``: none.
        ``trust``: check nothing, every character as the text layer says (to see its lies)."""
        self.trust = trust
        from extract.japanese.normalize import TEXT_LAYER_DEFECTS

        self.fallback: Mapping[str, str] = TEXT_LAYER_DEFECTS if fallback is None else fallback
        self.programs: dict[int, _Program | str] = {}  # id(font) -> program, or why none
        self.outlined: list[dict] = []  # blanks with a character drawn over them (extract.read.outlines)
        self._pdfium: Any = None
        self.seen: dict[tuple[int, int], _Seen] = {}
        self.style_votes: dict[int, dict[str, float]] = {}

    def text_of(self, font: Any, code: int, claimed: str, page: int,
                box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)) -> str:
        """What the text layer should read for ``code`` of ``font`` on ``page`` (drawn in
        ``box``: x0, top, x1, bottom), where it says ``claimed``."""
        if self.trust:
            return claimed
        key = (id(font), code)
        seen = self.seen.get(key)
        if seen is None:
            seen = self.seen[key] = self._fallen_back(self._judge(font, code, claimed))
        if seen.verdict.verdict != "kept":
            if not seen.count:
                seen.box = box
            seen.count += 1
            seen.pages.add(page)
        return seen.verdict.text

    def read_outlines(self, page: Any, layout: Any) -> None:
        """Each blank of a page's layout with a character drawn as outlines over it reads as
        that character where its shape clearly is one, else stays a blank; each is a row
        (the box of what is drawn, and what it looks most like)."""
        from extract.read import outlines

        if self.trust:
            return
        for blank, box in outlines.outlined_blanks(layout)[:MAX_OUTLINED_PER_PAGE]:
            shape = outlines.drawn_shape(self._document(page), page.page_number - 1, blank)
            named = style_named(str(blank.fontname))
            styles = (named,) if named is not None else ("serif", "sans")
            verdicts = [judge(shape, blank.get_text(), shapes.reference(style)) for style in styles] if shape else []
            verdict = max(verdicts, key=lambda v: v.best_score or 0.0) if verdicts else None
            claimed = blank.get_text()
            read = verdict.text if verdict is not None and verdict.verdict == "repaired" else claimed
            blank._text = read
            where = f"drawn as outlines over a blank at x {box[0]:.1f}-{box[2]:.1f}, y {box[1]:.1f}-{box[3]:.1f} pt"
            self.outlined.append({
                "font": "(outlines)", "code": 0, "glyph": None, "claimed": claimed,
                "read": read, "verdict": "repaired" if read != claimed else "doubtful",
                "score": None, "best": verdict.best if verdict else None,
                "best_score": _rounded(verdict.best_score) if verdict else None,
                "runner_up": verdict.runner_up if verdict else None,
                "runner_up_score": _rounded(verdict.runner_up_score) if verdict else None,
                "reason": where if read != claimed else f"{where}; no candidate is clearly what it shows",
                "pages": str(page.page_number), "page": page.page_number, "count": 1,
                "x0": round(box[0], 2), "top": round(float(page.height) - box[3], 2), "x1": round(box[2], 2),
                "bottom": round(float(page.height) - box[1], 2)})

    def _document(self, page: Any) -> Any:
        """The PDF as PDFium reads it (to render a blank's square), opened once."""
        if self._pdfium is None:
            import pypdfium2

            stream = page.pdf.stream
            at = stream.tell()
            stream.seek(0)
            self._pdfium = pypdfium2.PdfDocument(stream.read())
            stream.seek(at)
        return self._pdfium

    def _fallen_back(self, seen: _Seen) -> _Seen:
        """A glyph whose shape decided nothing, read by the table of known defects if it is
        there; one with no character at all (pdfminer's ``(cid:27)``) as U+FFFD, so that the
        digits of its code are never read as a figure."""
        verdict = seen.verdict
        if verdict.verdict != "kept" and verdict.text == verdict.claimed and UNMAPPED.fullmatch(verdict.claimed):
            seen.verdict = replace(verdict, text=NO_CHARACTER)
        elif verdict.verdict in ("doubtful", "unchecked") and verdict.claimed in self.fallback:
            read = self.fallback[verdict.claimed]
            seen.verdict = replace(verdict, text=read, reason=f"{verdict.reason}; read as {read} by the table of "
                                                               "known text-layer defects")
        return seen

    def _program(self, font: Any) -> _Program | str:
        known = self.programs.get(id(font))
        if known is None:
            if len(self.programs) >= MAX_FONTS:
                known = f"past the {MAX_FONTS} fonts checked in one document"
            else:
                try:
                    known = _Program(font)
                except shapes.GlyphUnreadable as error:
                    known = str(error)
            self.programs[id(font)] = known
        return known

    def _judge(self, font: Any, code: int, claimed: str) -> _Seen:
        program = self._program(font)
        if isinstance(program, str):
            return _Seen(Verdict(claimed, claimed, "unchecked", reason=program), None)
        if len(self.seen) >= MAX_GLYPHS:
            return _Seen(Verdict(claimed, claimed, "unchecked",
                                 reason=f"past the {MAX_GLYPHS} glyphs checked in one document"), None)
        glyph = program.glyph(code, claimed)
        try:
            shape = program.shape(glyph, float(font.char_width(code)) or 1.0) if glyph else None
        except shapes.GlyphUnreadable as error:
            return _Seen(Verdict(claimed, claimed, "unchecked", reason=str(error)), glyph)
        if shape is None:  # no ink: a space, or a glyph the program does not have
            verdict = "kept" if not claimed.strip() else "unchecked"
            why = "" if verdict == "kept" else "the glyph draws nothing"
            return _Seen(Verdict(claimed, claimed, verdict, reason=why),
                         glyph)
        if program.vertical:
            shape = replace(shape, geometry=(0.0, 0.0, *shape.geometry[2:]))  # no em box to stand in
        return _Seen(judge(shape, claimed, shapes.reference(self._style(program, claimed, shape))), glyph)

    def _style(self, program: _Program, claimed: str, shape: shapes.Shape) -> str:
        """The reference style for a font: its name's (明朝, Gothic...), else the one its
        glyphs have looked more like so far (serif on a tie)."""
        if program.style is not None:
            return program.style
        votes = self.style_votes.setdefault(id(program.font), {"serif": 0.0, "sans": 0.0})
        for style in votes:
            drawn = shapes.reference(style).shape(claimed) if len(claimed) == 1 else None
            votes[style] += shapes.similarity(shape, drawn) if drawn is not None else 0.0
        return "sans" if votes["sans"] > votes["serif"] else "serif"

    def rows(self, source: str) -> list[dict]:
        """Every glyph whose verdict is not ``kept``: the glyph_repairs table's rows."""
        rows = []
        for (font_id, code), seen in self.seen.items():
            if seen.verdict.verdict == "kept" or not seen.count:
                continue
            program = self.programs.get(font_id)
            pages = sorted(seen.pages)
            listed = ",".join(str(p) for p in pages[:MAX_PAGES_LISTED])
            listed += ",…" if len(pages) > MAX_PAGES_LISTED else ""
            v = seen.verdict
            rows.append({
                "source": source, "font": program.name if isinstance(program, _Program) else "",
                "code": code, "glyph": seen.glyph, "claimed": v.claimed, "read": v.text, "verdict": v.verdict,
                "score": _rounded(v.score), "best": v.best, "best_score": _rounded(v.best_score),
                "runner_up": v.runner_up, "runner_up_score": _rounded(v.runner_up_score),
                "reason": v.reason, "pages": listed, "page": pages[0], "count": seen.count,
                **dict(zip(("x0", "top", "x1", "bottom"), (round(b, 2) for b in seen.box), strict=True)),
            })
        rows += [{"source": source, **row} for row in self.outlined]
        return sorted(rows, key=lambda r: (r["page"], r["font"], r["code"]))


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
