"""Write stage: tables -> CSV + Parquet (+ one Excel workbook), swapped in atomically.

Everything is written into a temporary folder beside the target, then the target is
replaced in two renames. A failure before the swap leaves the target exactly as it was.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pandas as pd

WORKBOOK = "tables.xlsx"
MANIFEST = "manifest.json"


def write_table(frame: pd.DataFrame, folder: Path, name: str) -> None:
    frame.to_csv(folder / f"{name}.csv", index=False, encoding="utf-8", lineterminator="\n")
    frame.to_parquet(folder / f"{name}.parquet", index=False)


def write_workbook(tables: dict[str, pd.DataFrame], path: Path) -> None:
    with pd.ExcelWriter(path, engine="openpyxl") as workbook:
        for name, frame in tables.items():
            frame.to_excel(workbook, sheet_name=name[:31], index=False)


def write_outputs(tables: dict[str, pd.DataFrame], manifest: dict, target: Path) -> None:
    """Write every table and a manifest into ``target``, replacing it atomically."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    try:
        for name, frame in tables.items():
            write_table(frame, staging, name)
        write_workbook(tables, staging / WORKBOOK)
        (staging / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        swap_in(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def swap_in(staging: Path, target: Path) -> None:
    """Replace ``target`` by ``staging``: rename the old one aside, rename, then delete."""
    retired = None
    if target.exists():
        retired = target.with_name(f".{target.name}.old-{staging.name.rsplit('-', 1)[-1]}")
        target.rename(retired)
    try:
        staging.rename(target)
    except BaseException:
        if retired is not None:
            retired.rename(target)
        raise
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)
