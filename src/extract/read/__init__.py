"""Read stage: source bytes -> a Document (text layers, PDFs, limits)."""
