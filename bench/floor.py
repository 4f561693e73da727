"""The floor of the deck's pipeline in `make bench`: what reading the PDF costs with this stack.

    python bench/floor.py DECK.pdf

In one process, exactly: start the interpreter, import pdfplumber, pandas, pandera (its
pandas API, ``pandera.pandas``, as the pipeline imports it) and pyarrow, open the PDF with
pdfplumber and call ``extract_text()`` on every page, then print the number of characters
extracted. Nothing is validated or written: any tool that reads this deck with these
libraries pays at least this.
"""

import sys

import pandas  # noqa: F401
import pandera.pandas  # noqa: F401
import pdfplumber
import pyarrow  # noqa: F401

with pdfplumber.open(sys.argv[1]) as pdf:
    text = "\n".join(page.extract_text() for page in pdf.pages)
print(len(text))
