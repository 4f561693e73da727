"""The files of an output folder: their sha256, size and rows, as the manifest lists them.

No heavy import: the census and ``check`` use it too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sized
from pathlib import Path

WORKBOOK = "tables.xlsx"
MANIFEST = "manifest.json"
TABLE_KINDS = ("csv", "parquet")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def describe_files(folder: Path, tables: Mapping[str, Sized]) -> dict[str, dict]:
    """Every file under ``folder`` (but the manifest): sha256, bytes, rows or sheets."""
    files: dict[str, dict] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        if relative == MANIFEST:
            continue
        entry: dict = {"sha256": sha256_of(path), "bytes": path.stat().st_size}
        stem, _, kind = relative.rpartition(".")
        if kind in TABLE_KINDS and stem in tables:
            entry["rows"] = len(tables[stem])
        elif relative == WORKBOOK:
            entry["sheets"] = {name: len(frame) for name, frame in tables.items()}
        files[relative] = entry
    return files
