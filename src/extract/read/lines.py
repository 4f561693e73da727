"""Normalize stage: a segmented Document -> NormalizedLines, with an audit trail.

Each line keeps its text as written beside the repaired text, the substitutions the
Japanese core made, and a map from repaired offsets back to written offsets (so a
figure found in repaired text can be located in the PDF).
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.japanese import Substitution, normalize_with_log
from extract.read.document import BBox, Document, Line


@dataclass(frozen=True, slots=True)
class NormalizedLine:
    """One line: where it is, what it says as written, and what it says repaired."""

    source: str
    page: int
    number: int
    written: str
    text: str
    substitutions: tuple[Substitution, ...]
    origin: tuple[int, ...]
    line: Line

    def written_span(self, start: int, end: int) -> tuple[int, int]:
        """The span in the written text that the repaired span ``[start, end)`` came from.

        It ends where the next repaired character begins (so ﾄﾞ -> ド covers both written
        characters), less any blanks that normalization dropped in between.
        """
        low = self.origin[start]
        if end <= start:
            return low, low
        high = max(self.origin[end], self.origin[end - 1] + 1)
        while high - 1 > low and self.written[high - 1].isspace():
            high -= 1
        return low, high

    def box_of(self, start: int, end: int) -> BBox | None:
        """The PDF box of the repaired span, or None for a text layer."""
        lo, hi = self.written_span(start, end)
        return self.line.box_of(lo, hi)

    @property
    def blank(self) -> bool:
        return not self.text


def normalize_lines(document: Document) -> tuple[NormalizedLine, ...]:
    """Repair every line of a segmented document with the Japanese core (a PDF's without the
    table of known text-layer defects: its glyphs' shapes have decided its characters)."""
    out = []
    defects = document.kind != "pdf"
    for line in document.lines:
        if line.page is None:
            raise ValueError("normalize_lines needs a document segmented into pages")
        repaired = normalize_with_log(line.text, defects=defects)
        out.append(
            NormalizedLine(
                source=document.source,
                page=line.page,
                number=line.number,
                written=line.text,
                text=repaired.text,
                substitutions=repaired.substitutions,
                origin=repaired.origin,
                line=line,
            )
        )
    return tuple(out)
