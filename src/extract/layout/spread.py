"""Two-page spreads: the gutter of one printed on one landscape sheet, and two facing
pages printed separately put side by side again."""

from __future__ import annotations

from dataclasses import replace

from extract.layout.geometry import Sheet, Word


def _covered(words: tuple[Word, ...], width: float, step: float) -> list[bool]:
    """For each slice of the page's width, whether any word covers it."""
    slices = [False] * (int(width / step) + 1)
    for word in words:
        for index in range(max(0, int(word.x0 / step)), min(len(slices), int(word.x1 / step) + 1)):
            slices[index] = True
    return slices


def find_gutter(words: tuple[Word, ...], width: float, min_gap: float = 0.06,
                middle: tuple[float, float] = (0.3, 0.7), step: float = 1.0) -> float | None:
    """The x of the widest band no word crosses, in the middle part of the page.

    ``middle`` bounds where the band may lie (fractions of the width); a band narrower
    than ``min_gap`` of the width is no gutter (None): a single page. Words must stand on both
    sides of it.
    """
    slices = _covered(words, width, step)
    best: tuple[float, float] | None = None
    start = None
    for index, covered in enumerate([*slices, True]):
        if not covered and start is None:
            start = index
        elif covered and start is not None:
            x0, x1 = start * step, index * step
            inside = middle[0] * width <= (x0 + x1) / 2 <= middle[1] * width
            if inside and x1 - x0 >= min_gap * width and (best is None or x1 - x0 > best[1] - best[0]):
                best = (x0, x1)
            start = None
    if best is None:
        return None
    gutter = (best[0] + best[1]) / 2
    left = any(w.x1 <= gutter for w in words)
    right = any(w.x0 >= gutter for w in words)
    return gutter if left and right else None


def side_by_side(left: Sheet, right: Sheet) -> Sheet:
    """Two facing pages as one sheet: the right page's words and rules moved right by the
    left page's width (its rows stay level with the left page's)."""
    shift = left.width
    words = left.words + tuple(replace(w, x0=w.x0 + shift, x1=w.x1 + shift) for w in right.words)
    edges = left.edges + tuple(replace(e, x=e.x + shift) for e in right.edges)
    return Sheet(words, edges, tuple(sorted(set(left.rules_across) | set(right.rules_across))),
                 left.width + right.width)
