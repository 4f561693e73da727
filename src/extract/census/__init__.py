"""The census: every figure of any document, with its row, column and unit."""
