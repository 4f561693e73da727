"""extract: Japanese government documents as verified, traceable tables.

The generic Japanese text core lives in :mod:`extract.japanese`; what the tool knows of
each kind of document, in its family's folder under :mod:`extract.families`.
"""

__version__ = "0.1.0"  # the one version string: pyproject.toml reads it (dynamic version)
