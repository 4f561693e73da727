"""extract: METI's December 2011 rare-metal deck as validated, traceable tables.

The generic Japanese text core lives in :mod:`extract.japanese`; the deck's own
knowledge in :mod:`extract.decks.meti_2011_12`.
"""

__version__ = "0.1.0"  # the one version string: pyproject.toml reads it (dynamic version)
