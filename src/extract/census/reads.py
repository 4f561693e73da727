"""One line of a page as the census read it (pure data, shared by the census's modules)."""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.census.column_heads import Headed
from extract.census.stacked import StackedLine
from extract.japanese.quantities import Quantity
from extract.read.lines import NormalizedLine


@dataclass(frozen=True, slots=True)
class Read:
    """One line of a page as the census read it: its figures and what the page says of them."""

    line: NormalizedLine
    quantities: list[Quantity]
    by_column: bool = False  # read cell by cell under a | table's per-column units
    declared_at: int | None = None  # the index of the line whose unit header is in force
    stacked: StackedLine | None = None  # the cells of a stacked | table on the line
    column_heads: dict[tuple[int, int], Headed] = field(default_factory=dict)  # span -> the unit line over it
    cell_end: int | None = None  # where another cell begins on the line (its item number: △28,960 1 返還金)
