"""Records: what the deck parsers read, each citing the line and span it came from.

Records are plain values; :mod:`extract.tables` turns them into DataFrames.
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.read.document import BBox
from extract.read.lines import NormalizedLine


@dataclass(frozen=True, slots=True)
class Cite:
    """A span of a repaired line that a record read a value from."""

    line: NormalizedLine
    span: tuple[int, int]

    @property
    def key(self) -> tuple[int, int, int, int]:
        return (self.line.page, self.line.number, self.span[0], self.span[1])

    @property
    def text(self) -> str:
        return self.line.text[self.span[0] : self.span[1]]

    @property
    def bbox(self) -> BBox | None:
        return self.line.box_of(*self.span)

    def covers(self, page: int, number: int, span: tuple[int, int]) -> bool:
        """Whether a figure at (page, line, span) lies inside this cited span."""
        return (
            page == self.line.page
            and number == self.line.number
            and self.span[0] <= span[0]
            and span[1] <= self.span[1]
        )


@dataclass(frozen=True, slots=True)
class AmountRecord:
    item_ja: str
    stage: str
    fiscal_year: int | None
    supplementary_round: int | None
    amount: int
    currency: str
    approximate: bool
    section_ja: str
    cite: Cite
    instrument: str | None = None  # the ＜出資＞-style label the figure stands under


@dataclass(frozen=True, slots=True)
class MeasureRecord:
    item_ja: str
    parent_ja: str | None
    account: str | None
    instrument: str | None
    new_in_request: bool
    cite: Cite


@dataclass(frozen=True, slots=True)
class ProjectRecord:
    project_ja: str
    spellings_ja: str
    country_ja: str
    country_iso: str
    partner_ja: str | None
    commodity_ja: str | None
    cite: Cite


@dataclass(frozen=True, slots=True)
class MineralRecord:
    mineral_ja: str
    element: str
    name_en: str
    class_ja: str | None
    overseas_supply_ja: str
    reduction_ja: str
    cite: Cite
    reduction_cite: Cite


@dataclass(frozen=True, slots=True)
class RecyclingCaseRecord:
    mineral_ja: str
    element: str
    cases: int
    recovery_sources_ja: str
    subsidy: int
    currency: str
    cite: Cite
    cases_cite: Cite


@dataclass(frozen=True, slots=True)
class TargetRecord:
    subject_ja: str  # what is cut or reached
    percent: int
    bound: str | None
    kind: str
    statement_ja: str  # the whole sentence
    row_ja: str | None  # the slide's row it stands in, where the text says
    row_known: bool  # false: the slide has a row the text layer lost
    cite: Cite


@dataclass(frozen=True, slots=True)
class Explained:
    """A number that no table row holds, and why (a label, a date, an axis year, ...)."""

    reason: str
    cite: Cite


@dataclass(frozen=True, slots=True)
class DeckRecords:
    """Everything a deck parser read (tuples: the records of one reading, never changed)."""

    amounts: tuple[AmountRecord, ...] = ()
    measures: tuple[MeasureRecord, ...] = ()
    projects: tuple[ProjectRecord, ...] = ()
    minerals: tuple[MineralRecord, ...] = ()
    recycling_cases: tuple[RecyclingCaseRecord, ...] = ()
    targets: tuple[TargetRecord, ...] = ()
    explained: tuple[Explained, ...] = ()
