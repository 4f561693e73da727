"""Tables on a PDF page from geometry: words, row bands, header columns, units, gutters.

Generic: knows no document. Everything is found from the words' positions, the header
words a caller names, and the ruling lines where drawn; never from fixed coordinates.
"""

from extract.layout.geometry import (
    Edge,
    Line,
    Sheet,
    Word,
    lines_of,
    page_edges,
    page_rules_across,
    page_words,
    sheet_of,
)
from extract.layout.spread import find_gutter, side_by_side
from extract.layout.table import Column, Row, Settings, Table, find_table, find_tables

__all__ = ["Column", "Edge", "Line", "Row", "Settings", "Sheet", "Table", "Word", "find_gutter", "find_table",
           "find_tables", "lines_of", "page_edges", "page_rules_across", "page_words", "sheet_of", "side_by_side"]
