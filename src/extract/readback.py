"""Read written tables back from disk, as a consumer would, and re-run every check.

This is ``make check``: CSV and Parquet are each validated against the models and the
reconciliations, and must hold the same rows.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from extract.decks import deck_named
from extract.errors import BadInput
from extract.models import MODELS
from extract.validate import validate
from extract.write import MANIFEST


def _text_columns(name: str) -> list[str]:
    schema = MODELS[name].to_schema()
    return [column for column, spec in schema.columns.items() if "str" in str(spec.dtype).lower()]


def read_tables(folder: Path, kind: str) -> dict[str, pd.DataFrame]:
    """Every table of ``folder`` in one format ("csv" or "parquet")."""
    tables = {}
    for name in MODELS:
        path = folder / f"{name}.{kind}"
        if not path.is_file():
            raise BadInput(f"{folder.name}/{path.name}: missing; run `make extract` first")
        if kind == "csv":
            texts = _text_columns(name)
            frame = pd.read_csv(path, dtype={c: "str" for c in texts}, keep_default_na=False,
                                na_values={c: [""] for c in pd.read_csv(path, nrows=0).columns})
        else:
            frame = pd.read_parquet(path)
        tables[name] = frame
    return tables


def check_outputs(folder: Path) -> list[str]:
    """Failures found in ``folder``'s CSV and Parquet tables; empty when all hold."""
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        raise BadInput(f"{folder.name}/{MANIFEST}: missing; run `make extract` first")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    checks = {}
    for source in manifest["sources"]:
        checks.update(deck_named(source["deck"]).checks)
    failures: list[str] = []
    coerced = {}
    for kind in ("csv", "parquet"):
        tables = read_tables(folder, kind)
        coerced[kind], problems = validate(tables, checks)
        failures += [f"{kind}: {problem}" for problem in problems]
        for name, frame in tables.items():
            if len(frame) != manifest["rows"][name]:
                failures.append(f"{kind}: {name} has {len(frame)} rows, manifest says {manifest['rows'][name]}")
    for name in MODELS:
        csv, parquet = coerced["csv"].get(name), coerced["parquet"].get(name)
        if csv is None or parquet is None:
            continue
        try:
            pd.testing.assert_frame_equal(csv, parquet, check_dtype=False, check_exact=False)
        except AssertionError as error:
            failures.append(f"[csv_equals_parquet] {name}: {str(error).splitlines()[0]}")
    return failures
