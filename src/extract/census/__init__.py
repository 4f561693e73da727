"""The census: every figure of any document, with its row, column and unit."""

#: The kinds of row the census writes (``extract figures --kind``).
KINDS = ("amount", "number", "percent", "date", "code", "ambiguous", "unread")
