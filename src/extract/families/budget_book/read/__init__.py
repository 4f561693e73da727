"""The book read: files → pages → records, from each part's header words and geometry."""
