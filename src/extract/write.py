"""Write stage: tables -> CSV + Parquet + one Excel workbook + manifest.json, in a folder.

The folder is a staging folder that :mod:`extract.outdir` swaps in whole; this module
only fills it. Text cells of the CSV and the workbook are neutralized against formula
injection (:mod:`extract.cells`); Parquet holds the values as they are. The manifest lists
every file written, with its sha256, its size and (tables) its row count, so ``check`` can
prove the files and the next run can tell its own files from a user's.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from extract.cells import neutralized

WORKBOOK = "tables.xlsx"
MANIFEST = "manifest.json"
DEBUG_IMAGES = "debug-images"
TABLE_KINDS = ("csv", "parquet")


def write_table(frame: pd.DataFrame, folder: Path, name: str) -> None:
    """One table as ``name.csv`` (neutralized text) and ``name.parquet``.

    The CSV is RFC 4180: UTF-8, CRLF line ends, so a field holding a bare CR or LF is quoted
    (with LF line ends Python's csv writer leaves a bare CR unquoted, and readers split there).
    """
    neutralized(frame).to_csv(folder / f"{name}.csv", index=False, encoding="utf-8", lineterminator="\r\n")
    frame.to_parquet(folder / f"{name}.parquet", index=False)


def write_workbook(tables: dict[str, pd.DataFrame], path: Path) -> None:
    """Every table as a sheet of one workbook, text cells neutralized.

    Saved only when every sheet is written: cut short (an error, SIGTERM), the workbook is
    dropped unsaved, so the error that cut it short is the one reported (saving a workbook
    without sheets would raise one of its own).
    """
    with open(path, "wb") as handle:
        workbook = pd.ExcelWriter(handle, engine="openpyxl")
        for name, frame in tables.items():
            neutralized(frame).to_excel(workbook, sheet_name=name[:31], index=False)
        workbook.close()  # saves; not reached when cut short


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def describe_files(folder: Path, tables: dict[str, pd.DataFrame]) -> dict[str, dict]:
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


def fill_folder(folder: Path, tables: dict[str, pd.DataFrame], manifest: dict,
                extra: Callable[[Path], None] | None = None) -> None:
    """Write every table, then ``extra`` (debug images), then the manifest listing them."""
    for name, frame in tables.items():
        write_table(frame, folder, name)
    write_workbook(tables, folder / WORKBOOK)
    if extra is not None:
        extra(folder)
    manifest = {**manifest, "files": describe_files(folder, tables)}
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                   encoding="utf-8")


def write_outputs(tables: dict[str, pd.DataFrame], manifest: dict, target,
                  extra: Callable[[Path], None] | None = None) -> None:
    """Write every table and a manifest into ``target`` (a path or an
    :class:`~extract.outdir.OutputFolder`), replacing it atomically.

    ``target`` must be a folder this tool may replace, else
    :class:`~extract.errors.BadInput`; an OSError while writing leaves it as it was.
    """
    from extract.outdir import OutputFolder

    folder = target if isinstance(target, OutputFolder) else OutputFolder(str(target))
    folder.commit(lambda staging: fill_folder(staging, tables, manifest, extra))
