"""The deck read: a recognised document -> its tables (not yet validated). Pure: no I/O."""

from __future__ import annotations

from typing import TYPE_CHECKING

from extract.read.document import Document

if TYPE_CHECKING:
    import pandas as pd


def read_deck(document: Document) -> dict[str, pd.DataFrame]:
    """The deck's pages -> normalized lines -> the census and the slide parsers -> tables."""
    from extract.census.figures import find_figures
    from extract.read.lines import normalize_lines

    from .glossary import english, term_english
    from .parse.pages import segment_pages
    from .parse.slides import DEFAULT_ERA, parse_deck
    from .tables import English, build_tables

    lines = normalize_lines(segment_pages(document))
    figures = find_figures(lines, default_era=DEFAULT_ERA)  # first: refuses 0.5円
    pages: dict[int, list] = {}
    for line in lines:
        pages.setdefault(line.page, []).append(line)
    records = parse_deck(pages)
    return build_tables(records, figures, English(english, term_english))
