"""Figures stage: every number in every repaired line, with its unit and kind.

The census that proves nothing was missed: each figure must later be held by a table
row or explained (a label, a date, an axis year, a supplementary round).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate

import regex

from extract.errors import ValidationFailed
from extract.japanese import Amount, find_amounts, find_eras, find_numbers
from extract.japanese.budget import SUPPLEMENTARY_ROUND
from extract.read.lines import NormalizedLine

UNIT_AFTER = regex.compile(  # matched at a position: no copy of the rest of the line
    r"\s*(?P<unit>百万\$|百万ドル|百万円|千円|万円|億円|兆円|円|億|万|%|年度|年|月|日|件|次|鉱種)"
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


WHOLE_UNITS_CHECK = "amounts_in_whole_units"
UNIT_NAMES = {"JPY": "yen", "USD": "dollars"}


class Spans:
    """Spans of one line, asked whether they contain a span: O(log n) per question."""

    def __init__(self, spans: list[tuple[int, int]]):
        ordered = sorted(spans)
        self._starts = [lo for lo, _ in ordered]
        self._reach = list(accumulate((hi for _, hi in ordered), max))  # furthest end so far

    def contain(self, span: tuple[int, int]) -> bool:
        """Whether some span starts at or before ``span`` and ends at or after it."""
        index = bisect_right(self._starts, span[0])
        return index > 0 and self._reach[index - 1] >= span[1]


def whole_amount_problem(amount: Amount) -> str | None:
    """Why an amount cannot be a row of whole base units (0.5円, 1.5ドル), or None."""
    unit = UNIT_NAMES.get(amount.currency, amount.currency)
    for bound in (amount.value, amount.high):
        if bound is not None and not is_whole(bound):
            return f"not a whole amount: {amount.text!r} is {Decimal(bound)} {unit}; the tables hold whole {unit}"
    return None


def is_whole(value) -> bool:
    """Whether a number (int, Decimal) has no fractional part."""
    value = Decimal(value)
    return value.is_finite() and value == value.to_integral_value()


def _amounts_of(line: NormalizedLine, failures: list[str]) -> list[Amount]:
    """The line's money amounts; a fraction of the base unit is a failure, not a row."""
    amounts = find_amounts(line.text)
    for amount in amounts:
        problem = whole_amount_problem(amount)
        if problem:
            where = f"p{line.page} l{line.number} 「{line.written.strip()}」"
            failures.append(f"[{WHOLE_UNITS_CHECK}] {line.source}: {problem} ({where})")
    return amounts


def find_figures(lines: tuple[NormalizedLine, ...], default_era: str | None = None) -> tuple[Figure, ...]:
    """Every number of every line, classified by what surrounds it.

    Raises :class:`ValidationFailed` if an amount is not a whole number of its currency's
    base unit (``単価0.5円``): a table of int64 yen could only hold it rounded.
    """
    figures: list[Figure] = []
    failures: list[str] = []
    for line in lines:
        if not line.text:
            continue
        amounts = Spans([a.span for a in _amounts_of(line, failures)])
        dates = Spans([e.span for e in find_eras(line.text, default_era=default_era)])
        rounds = Spans([m.span() for m in SUPPLEMENTARY_ROUND.finditer(line.text)])
        for number in find_numbers(line.text):
            unit = UNIT_AFTER.match(line.text, number.span[1])
            if amounts.contain(number.span):
                kind = "amount"
            elif dates.contain(number.span):
                kind = "date"
            elif rounds.contain(number.span):
                kind = "round"
            elif unit and unit["unit"] == "%":
                kind = "percent"
            else:
                kind = "number"
            figures.append(
                Figure(line, number.value, number.text, number.span, unit["unit"] if unit else None, kind)
            )
    if failures:
        raise ValidationFailed(failures)
    return tuple(figures)
