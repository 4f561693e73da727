"""Words, ruling edges and row bands of a page, as small frozen values."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Word:
    """One word as the text layer gives it, with its box in points (top from the page top)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class Edge:
    """A drawn vertical rule: its x and the vertical span it covers."""

    x: float
    top: float
    bottom: float


@dataclass(frozen=True, slots=True)
class Line:
    """A row band: words whose vertical middles lie within the tolerance, left to right."""

    words: tuple[Word, ...]
    top: float
    bottom: float

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def page_words(page) -> tuple[Word, ...]:
    """The words of a pdfplumber page (characters closer than the tolerance joined)."""
    found = page.extract_words(x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False, use_text_flow=False)
    return tuple(Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]))
                 for w in found)


def page_edges(page, min_length: float = 18.0) -> tuple[Edge, ...]:
    """The vertical rules drawn on a pdfplumber page (vertical lines and the sides of
    rects): at least ``min_length`` points long (shorter strokes are glyphs drawn as
    paths), and not the frame of the whole page. Curves are not read (slow, and no rule)."""
    edges = []
    objects = page.objects
    for line in objects.get("line", ()):
        if abs(line["x0"] - line["x1"]) < 1.0:
            edges.append(Edge(float(line["x0"]), float(line["top"]), float(line["bottom"])))
    for rect in objects.get("rect", ()):
        edges.append(Edge(float(rect["x0"]), float(rect["top"]), float(rect["bottom"])))
        edges.append(Edge(float(rect["x1"]), float(rect["top"]), float(rect["bottom"])))
    return tuple(e for e in edges if min_length <= e.bottom - e.top < 0.9 * float(page.height))


def page_rules_across(page, min_length: float = 18.0) -> tuple[float, ...]:
    """The y (from the page top) of each horizontal rule drawn on a pdfplumber page (lines
    and the top and bottom of rects) at least ``min_length`` points long, in order."""
    ys = set()
    objects = page.objects
    for line in objects.get("line", ()):
        if abs(line["top"] - line["bottom"]) < 1.0 and line["x1"] - line["x0"] >= min_length:
            ys.add(round(float(line["top"]), 1))
    for rect in objects.get("rect", ()):
        if rect["x1"] - rect["x0"] >= min_length:
            ys.update((round(float(rect["top"]), 1), round(float(rect["bottom"]), 1)))
    return tuple(sorted(ys))


def lines_of(words: tuple[Word, ...], tolerance: float = 2.5) -> tuple[Line, ...]:
    """Words grouped into row bands by their vertical middle, top to bottom."""
    bands: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.middle, w.x0)):
        if bands and abs(word.middle - bands[-1][-1].middle) <= tolerance:
            bands[-1].append(word)
        else:
            bands.append([word])
    return tuple(Line(tuple(sorted(band, key=lambda w: w.x0)), min(w.top for w in band),
                      max(w.bottom for w in band)) for band in bands)


@dataclass(frozen=True)
class Sheet:
    """What the layout reads of one page: its words, vertical rules, the y of its
    horizontal rules, and its width (two facing pages side by side are one sheet)."""

    words: tuple[Word, ...]
    edges: tuple[Edge, ...]
    rules_across: tuple[float, ...]
    width: float


def sheet_of(page) -> Sheet:
    """A pdfplumber page's words and rules."""
    return Sheet(page_words(page), page_edges(page), page_rules_across(page), float(page.width))
