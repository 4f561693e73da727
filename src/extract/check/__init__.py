"""``extract check``: prove any output folder from disk, whatever command wrote it."""
