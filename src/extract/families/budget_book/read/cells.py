"""A ruled table's cells of several lines: which row bands belong to one entry.

A 第2表 or 第3表 entry may hold several lines (a name wrapped above and below its figure,
a period over two lines, a clause under a 限度額). Each band goes to an anchor (a band
with the entry's figure) in the same ruled cell, or, where no rules are drawn, to the
nearest anchor.
"""

from __future__ import annotations

from extract.layout import Row


def middle(row: Row) -> float:
    return (row.top + row.bottom) / 2


def cell_of(row: Row, rules: tuple[float, ...]) -> tuple[float, float]:
    """The horizontal rules above and below a band (its ruled cell); ±inf where none."""
    above = [y for y in rules if y <= middle(row)]
    below = [y for y in rules if y > middle(row)]
    return (above[-1] if above else float("-inf"), below[0] if below else float("inf"))


def bands_by_anchor(rows: list[Row], anchors: list[Row], rules: tuple[float, ...]) -> dict[int, list[Row]]:
    """Each band under its anchor (keyed by the anchor's id): the one in the same ruled
    cell, else (no rules, or a band in no anchor's cell) the nearest; each list top down."""
    cells: dict[int, list[Row]] = {id(a): [] for a in anchors}
    bounds = {id(a): cell_of(a, rules) for a in anchors}
    for row in rows:
        inside = [a for a in anchors if bounds[id(a)][0] < middle(row) < bounds[id(a)][1]]
        nearest = min(inside or anchors, key=lambda a: abs(middle(a) - middle(row)))
        cells[id(nearest)].append(row)
    return {key: sorted(bands, key=middle) for key, bands in cells.items()}
