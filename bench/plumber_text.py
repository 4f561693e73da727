"""pdfplumber's own text extraction, the anchor of the census in `make bench`.

    python bench/plumber_text.py CORPUS.pdf

In one process: import pdfplumber, open the PDF and call ``extract_text()`` on every page,
closing each page once read (as pdfplumber advises for long documents, so its memory is
that of one page), then print the number of characters extracted.
"""

import sys

import pdfplumber

characters = 0
with pdfplumber.open(sys.argv[1]) as pdf:
    for page in pdf.pages:
        characters += len(page.extract_text())
        page.close()
print(characters)
