"""Figures stage: every number in every repaired line, with its unit and kind.

The census that proves nothing was missed: each figure must later be held by a table
row or explained (a label, a date, an axis year, a supplementary round).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from extract.japanese import find_amounts, find_eras, find_numbers
from extract.japanese.budget import SUPPLEMENTARY_ROUND
from extract.lines import NormalizedLine

UNIT_AFTER = regex.compile(
    r"^\s*(?P<unit>百万\$|百万ドル|百万円|千円|万円|億円|兆円|円|億|万|%|年度|年|月|日|件|次|鉱種)"
)


@dataclass(frozen=True, slots=True)
class Figure:
    """One number as found: its value, where it stands and what it seems to be."""

    line: NormalizedLine
    value: Decimal
    text: str
    span: tuple[int, int]
    unit: str | None
    kind: str  # amount | date | percent | round | number


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(lo <= span[0] and span[1] <= hi for lo, hi in spans)


def find_figures(lines: tuple[NormalizedLine, ...], default_era: str | None = None) -> tuple[Figure, ...]:
    """Every number of every line, classified by what surrounds it."""
    figures: list[Figure] = []
    for line in lines:
        if not line.text:
            continue
        amounts = [a.span for a in find_amounts(line.text)]
        dates = [e.span for e in find_eras(line.text, default_era=default_era)]
        rounds = [m.span() for m in SUPPLEMENTARY_ROUND.finditer(line.text)]
        for number in find_numbers(line.text):
            unit = UNIT_AFTER.search(line.text[number.span[1] :])
            if _inside(number.span, amounts):
                kind = "amount"
            elif _inside(number.span, dates):
                kind = "date"
            elif _inside(number.span, rounds):
                kind = "round"
            elif unit and unit["unit"] == "%":
                kind = "percent"
            else:
                kind = "number"
            figures.append(
                Figure(line, number.value, number.text, number.span, unit["unit"] if unit else None, kind)
            )
    return tuple(figures)
