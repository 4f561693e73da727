"""pdfplumber's own word extraction, the anchor of ``extract budget`` in `make bench`.

    python bench/plumber_words.py BOOK.pdf...

In one process: import pdfplumber, open each PDF and call ``extract_words()`` on every page,
closing each page once read, then print the number of words extracted.
"""

import sys

import pdfplumber

words = 0
for path in sys.argv[1:]:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            words += len(page.extract_words())
            page.close()
print(words)
