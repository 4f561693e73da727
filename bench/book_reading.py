"""A budget book read into its records, with or without each glyph checked by its shape:
the two sides of the glyph check's cost in `make bench`.

    python bench/book_reading.py [--trust-text-layer] BOOK.pdf...

In one process: ``extract.families.budget_book.read.book.read_book`` over the files (every
page laid out and read; the identities are not checked, nothing is written), then the number
of lines read and of glyph rows.
"""

import sys
from pathlib import Path

from extract.families.budget_book.read.book import read_book

arguments = sys.argv[1:]
check = "--trust-text-layer" not in arguments
paths = [Path(argument) for argument in arguments if not argument.startswith("--")]
book = read_book([(path.name, path.read_bytes()) for path in paths], check_glyphs=check)
print(len(book.lines), len(book.glyph_repairs))
