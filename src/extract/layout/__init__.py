"""Tables on a PDF page from geometry: words, row bands, header columns, units, gutters.

Generic: knows no document. Everything is found from the words' positions, the header
words a caller names, and the ruling lines where drawn; never from fixed coordinates.
"""

from extract.layout.geometry import Edge, Line, Word, lines_of, page_edges, page_rules_across, page_words
from extract.layout.spread import find_gutter
from extract.layout.table import Column, Row, Settings, Table, find_table, find_tables

__all__ = ["Column", "Edge", "Line", "Row", "Settings", "Table", "Word", "find_gutter", "find_table",
           "find_tables", "lines_of", "page_edges", "page_rules_across", "page_words"]
