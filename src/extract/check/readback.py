"""``extract check``: prove a written output folder from disk, as a consumer would read it.

1. The manifest must be one this tool wrote: valid JSON, every key, at least one source,
   every table's CSV and Parquet and the workbook listed. Else exit 2, one line.
2. Every listed file exists with the sha256 and size the manifest records, and the folder
   holds nothing else (``[files_match_manifest]``).
3. CSV, Parquet and every sheet of the workbook are read back (a file that cannot be read
   is one ``[readable]`` line), and each is validated against the models and the
   reconciliations of the family the manifest names (all of them, run on every source
   found in the data: the manifest cannot switch one off), and the sources it lists must
   be the sources in the data (``[sources_match_manifest]``).
4. Row counts match the manifest, and CSV = Parquet = workbook exactly, cell for cell
   (``[csv_equals_parquet]``, ``[workbook_equals_parquet]``); the workbook holds no formula.
5. The documents made from the contracts are the ones the contracts make today: the
   workbook's README sheet (``[workbook_readme_matches]``) and ``datapackage.json``
   (``[datapackage_matches]``), each regenerated from the models and the manifest's sources.
   The report is proven by its sha256 like every file.

Text cells of the CSV and workbook are read back through :func:`extract.publish.cells.restore`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pandas as pd

from extract.check.figures import TOOL, figures_failures
from extract.check.figures import manifest_problem as figures_manifest_problem
from extract.errors import BadInput, shown
from extract.families import Family, family_named, known_families
from extract.publish.cells import restore, restored
from extract.publish.datapackage import DATAPACKAGE, data_package
from extract.publish.files import MANIFEST, TABLE_KINDS, WORKBOOK, sha256_of
from extract.publish.outdir import MAX_MANIFEST_BYTES, foreign_entries, locked, safe_relative
from extract.publish.report import REPORT
from extract.publish.write import CSV_ENCODING, README_SHEET
from extract.validate.columns import Models, columns_of, field_type
from extract.validate.tables import validate

MAX_TABLE_BYTES = 256 * 2**20  # a file larger than this is not parsed (the deck's are ~100 KB)
SHA256 = re.compile(r"^[0-9a-f]{64}$")
DEBUG_IMAGE = re.compile(r"^debug-images/[^/]+\.png$")
KINDS = ("csv", "parquet", "xlsx")
KIND_NAMES = {"csv": "CSV", "parquet": "Parquet", "xlsx": "workbook"}
DIFFERENCES_SHOWN = 3
DOCUMENTS = (DATAPACKAGE, REPORT)  # written beside the tables by every run


def _text_columns(models: Models, name: str) -> list[str]:
    """The columns a table's model types as text (read from a CSV as str, never guessed)."""
    return [column for column, spec in columns_of(models[name]).items() if field_type(spec) == "string"]


# ---------------------------------------------------------------------------- manifest


def read_manifest(folder: Path, label: str) -> dict:
    """The folder's manifest, refused (BadInput, one line) unless it is complete: a deck
    run's, or (``command: figures``) a figures run's."""
    where = f"{label}/{MANIFEST}"
    manifest = load_manifest(folder, label)
    if isinstance(manifest, dict) and manifest.get("command") == "budget":
        raise BadInput(f"{where}: a budget book's folder written by an older extract; run "
                       "`extract budget` on the book again to write one `check` can prove")
    problem = _tool_problem(manifest)
    if problem is None and manifest.get("command") == "figures":
        problem = figures_manifest_problem(manifest)
    elif problem is None:
        problem = _manifest_problem(manifest)
    if problem:
        raise BadInput(f"{where}: {problem}; not a manifest this tool wrote (run `make extract` again)")
    return manifest


def family_of(manifest: dict) -> Family:
    """The document family whose tables a (complete, not figures) manifest lists."""
    return family_named(manifest["family"])


def _tool_problem(manifest) -> str | None:
    """Whether the manifest says another tool (or none) wrote it."""
    if not isinstance(manifest, dict):
        return "not a JSON object"
    tool = manifest.get("tool")
    if not isinstance(tool, str) or not TOOL.match(tool):
        return f"its tool is {str(tool)[:40]!r}, not extract"
    if manifest.get("command", "extract") not in ("extract", "figures"):
        return f"its command {str(manifest['command'])[:40]!r} is none of this tool's"
    return None


def load_manifest(folder: Path, label: str) -> dict:
    """The folder's manifest as JSON, refused (BadInput, one line) if it cannot be read."""
    path = folder / MANIFEST
    where = f"{label}/{MANIFEST}"
    if not path.is_file():
        raise BadInput(f"{where}: missing; run `make extract` first")
    try:
        if path.stat().st_size > MAX_MANIFEST_BYTES:
            raise BadInput(f"{where}: larger than {MAX_MANIFEST_BYTES // 2**20} MiB; not a manifest")
        manifest = json.loads(path.read_bytes().decode("utf-8"))
    except OSError as error:
        raise BadInput(f"{where}: cannot be read ({error.strerror})") from None
    except UnicodeDecodeError:
        raise BadInput(f"{where}: not UTF-8 text; not a manifest this tool wrote") from None
    except json.JSONDecodeError as error:
        raise BadInput(f"{where}: not valid JSON ({error.msg} at line {error.lineno}); "
                       "run `make extract` again") from None
    return manifest


def _manifest_problem(manifest) -> str | None:
    """What makes a manifest untrustworthy, or None."""
    if not isinstance(manifest, dict):
        return "not a JSON object"
    missing = [key for key in ("tool", "family", "sources", "rows", "files", "checks_passed")
               if key not in manifest]
    if missing:
        return f"lacks {', '.join(repr(key) for key in missing)}"
    if not isinstance(manifest["family"], str) or manifest["family"] not in {
            family.name for family in known_families()}:
        return f"names no document family this tool knows ({str(manifest['family'])[:40]!r})"
    models = family_of(manifest).models
    return (_sources_problem(manifest["sources"]) or _files_problem(manifest["files"])
            or _counts_problem(manifest["rows"], manifest["files"], models)
            or _extra_problem(manifest["files"], models)
            or _checks_problem(manifest["checks_passed"], models))


def _extra_problem(files: dict, models: Models) -> str | None:
    """A listed file no run of the family writes (a table, the workbook, a document, a debug image)."""
    expected = {f"{name}.{kind}" for name in models for kind in TABLE_KINDS} | {WORKBOOK, *DOCUMENTS}
    for name in files:
        if name not in expected and not DEBUG_IMAGE.match(name):
            return f"lists {name!r}, which no run of this tool writes"
    return None


def _checks_problem(checks, models: Models) -> str | None:
    """``checks_passed`` must name every table's schema and at least one reconciliation."""
    schemas = checks.get("schemas") if isinstance(checks, dict) else None
    reconciliations = checks.get("reconciliations") if isinstance(checks, dict) else None
    if not isinstance(schemas, list) or {str(s).split(":")[0] for s in schemas} != set(models):
        return "'checks_passed' does not name every table's schema"
    if not isinstance(reconciliations, list) or not reconciliations:
        return "'checks_passed' names no reconciliation"
    return None


def _sources_problem(sources) -> str | None:
    """What is wrong with a manifest's ``sources``, or None."""
    if not isinstance(sources, list) or not sources:
        return "lists no sources"
    for source in sources:
        if not (isinstance(source, dict) and all(isinstance(source.get(k), str) and source.get(k)
                                                 for k in ("file", "sha256"))):
            return "has a source without file and sha256"
    return None


def _files_problem(files) -> str | None:
    """What is wrong with a manifest's ``files`` entries, each alone, or None."""
    if not isinstance(files, dict):
        return "'files' is not an object"
    for name, entry in files.items():
        if not safe_relative(name):
            return f"lists {name!r}, a path outside the folder"
        if not (isinstance(entry, dict) and isinstance(entry.get("sha256"), str)
                and SHA256.match(entry["sha256"]) and _count(entry.get("bytes"))):
            return f"lists {name!r} without its sha256 and size"
    return None


def _counts_problem(rows, files: dict, models: Models) -> str | None:
    """Whether every table, sheet and document is listed, with one row count per table."""
    if not isinstance(rows, dict) or any(not _count(rows.get(name)) for name in models):
        return "lacks the row count of a table"
    for name in models:
        for kind in TABLE_KINDS:
            entry = files.get(f"{name}.{kind}")
            if entry is None or not _count(entry.get("rows")):
                return f"does not list {name}.{kind} with its rows"
    sheets = files.get(WORKBOOK, {}).get("sheets") if isinstance(files.get(WORKBOOK), dict) else None
    if not isinstance(sheets, dict) or any(not _count(sheets.get(name)) for name in models):
        return f"does not list {WORKBOOK} with the rows of each sheet"
    for document in DOCUMENTS:
        if document not in files:
            return f"does not list {document}"
    for name in models:
        counts = {rows[name], sheets[name], *(files[f"{name}.{kind}"]["rows"] for kind in TABLE_KINDS)}
        if len(counts) != 1:
            return f"gives {name} different row counts"
    return None


def _count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


# ---------------------------------------------------------------------------- files


def file_failures(folder: Path, manifest: dict) -> list[str]:
    """Each listed file exists with its recorded sha256 and size; nothing else is there."""
    failures = []
    for name, entry in manifest["files"].items():
        path = folder / name
        if not path.is_file() or path.is_symlink():
            failures.append(f"[files_match_manifest] {name}: missing")
            continue
        try:
            size = path.stat().st_size
            if size != entry["bytes"]:
                failures.append(f"[files_match_manifest] {name}: {size:,} bytes, the manifest says "
                                f"{entry['bytes']:,} (changed since it was written)")
            elif sha256_of(path) != entry["sha256"]:
                failures.append(f"[files_match_manifest] {name}: sha256 differs from the manifest "
                                "(changed since it was written)")
        except OSError as error:
            failures.append(f"[files_match_manifest] {name}: cannot be read ({error.strerror})")
    try:
        unlisted = foreign_entries(folder, set(manifest["files"]))
    except OSError as error:
        unlisted = [f"{error.filename} (cannot be read: {error.strerror})"]
    for name in unlisted:
        failures.append(f"[files_match_manifest] {shown(str(name))}: not listed in the manifest")
    return failures


def readme_failures(folder: Path, manifest: dict) -> list[str]:
    """The workbook's README sheet is the one :func:`extract.publish.about.readme_rows` makes for
    the manifest's sources, cell for cell."""
    from openpyxl import load_workbook

    from extract.publish.about import readme_rows

    path = folder / WORKBOOK
    if _too_large(path):
        return []  # reported as [readable] with the sheets
    try:
        workbook = load_workbook(path, read_only=True)
    except Exception:  # reported as [readable] with the sheets
        return []
    try:
        if README_SHEET not in workbook.sheetnames or workbook.sheetnames[0] != README_SHEET:
            return [f"[workbook_readme_matches] {WORKBOOK}: no {README_SHEET} sheet first"]
        found = [_trimmed([restore(v) if isinstance(v, str) else v for v in row])
                 for row in workbook[README_SHEET].iter_rows(values_only=True)]
    finally:
        workbook.close()
    expected = [_trimmed(row) for row in readme_rows(family_of(manifest), manifest["sources"])]
    for number, (got, want) in enumerate(zip(found, expected, strict=False), start=1):
        if got != want:
            return [f"[workbook_readme_matches] {WORKBOOK} {README_SHEET} row {number}: {got!r} "
                    f"where the models say {want!r}"]
    if len(found) != len(expected):
        return [f"[workbook_readme_matches] {WORKBOOK} {README_SHEET}: {len(found)} rows, "
                f"the models make {len(expected)}"]
    return []


def _trimmed(row) -> list:
    """A row without its trailing empty cells."""
    row = list(row)
    while row and row[-1] is None:
        row.pop()
    return row


def datapackage_failures(folder: Path, manifest: dict) -> list[str]:
    """``datapackage.json`` is the one :mod:`extract.publish.datapackage` makes for the manifest's
    sources from today's models."""
    path = folder / DATAPACKAGE
    try:
        written = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        return [f"[datapackage_matches] {DATAPACKAGE}: cannot be read ({error.strerror})"]
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return [f"[datapackage_matches] {DATAPACKAGE}: not JSON ({_first_line(error)})"]
    expected = data_package(family_of(manifest), manifest["sources"])
    if written == expected:
        return []
    if not isinstance(written, dict):
        return [f"[datapackage_matches] {DATAPACKAGE}: not a JSON object"]
    keys = sorted(key for key in set(written) | set(expected) if written.get(key) != expected.get(key))
    return [f"[datapackage_matches] {DATAPACKAGE}: {', '.join(keys)} differ from what the models make"]


def read_tables(folder: Path, kind: str, models: Models,
                broken: frozenset[str] | set[str] = frozenset()) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """Every table of ``folder`` in one format ("csv", "parquet" or "xlsx"), and a
    ``[readable]`` failure for each file or sheet that cannot be read; a file in ``broken``
    (its hash failed) is not read."""
    if kind == "xlsx":
        return ({}, []) if WORKBOOK in broken else _read_workbook(folder / WORKBOOK, models)
    tables, failures = {}, []
    for name in models:
        path = folder / f"{name}.{kind}"
        if path.name in broken:
            continue
        problem = _too_large(path)
        if problem:
            failures.append(f"[readable] {path.name}: {problem}")
            continue
        try:
            tables[name] = _read_csv(path, _text_columns(models, name)) if kind == "csv" else pd.read_parquet(path)
        except Exception as error:  # any library error here means the file cannot be read
            failures.append(f"[readable] {path.name}: not a readable {KIND_NAMES[kind]} table "
                            f"({_first_line(error)})")
    return tables, failures


def _too_large(path: Path) -> str | None:
    try:
        size = path.stat().st_size
    except OSError as error:
        return f"cannot be read ({error.strerror})"
    if size > MAX_TABLE_BYTES:
        return f"{size:,} bytes, too large to read back (limit {MAX_TABLE_BYTES // 2**20} MiB)"
    return None


def _read_csv(path: Path, text_columns: list[str]) -> pd.DataFrame:
    header = pd.read_csv(path, nrows=0, encoding=CSV_ENCODING).columns
    texts = [c for c in text_columns if c in header]
    frame = pd.read_csv(path, encoding=CSV_ENCODING, dtype={c: "str" for c in texts}, skip_blank_lines=False,
                        keep_default_na=False, na_values={c: [""] for c in header})  # floats exact (pandas 3)
    return restored(frame, texts)


def _read_workbook(path: Path, models: Models) -> tuple[dict[str, pd.DataFrame], list[str]]:
    from openpyxl import load_workbook

    problem = _too_large(path)
    if problem:
        return {}, [f"[readable] {path.name}: {problem}"]
    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except Exception as error:  # any library error here means the file cannot be read
        return {}, [f"[readable] {path.name}: not a readable workbook ({_first_line(error)})"]
    tables, failures = {}, []
    try:
        for name in models:
            if name not in workbook.sheetnames:
                failures.append(f"[readable] {path.name}: no sheet {name}")
                continue
            rows, formulas = _sheet_rows(workbook[name])
            failures += [f"[workbook_has_no_formulas] {path.name} {name}!{cell} holds a formula"
                         for cell in formulas[:DIFFERENCES_SHOWN]]
            header = [str(h) for h in rows[0]] if rows else []
            frame = pd.DataFrame(rows[1:], columns=header)
            tables[name] = restored(frame, [c for c in _text_columns(models, name) if c in header])
    except Exception as error:
        failures.append(f"[readable] {path.name}: not a readable workbook ({_first_line(error)})")
    finally:
        workbook.close()
    return tables, failures


def _sheet_rows(sheet) -> tuple[list[list], list[str]]:
    """A sheet's values row by row (empty cells None), and the cells holding a formula."""
    rows, formulas = [], []
    for row in sheet.iter_rows():
        values = []
        for cell in row:
            if getattr(cell, "data_type", None) == "f":
                formulas.append(cell.coordinate)
            values.append(getattr(cell, "value", None))
        rows.append(values)
    width = len(rows[0]) if rows else 0
    return [(r + [None] * width)[:width] for r in rows], formulas


def _first_line(error: Exception) -> str:
    text = " ".join(str(error).split())[:200]
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


# ---------------------------------------------------------------------------- comparison


def _same(left, right) -> bool:
    left_na, right_na = _is_na(left), _is_na(right)
    if left_na or right_na:
        return left_na and right_na
    return bool(left == right)


def _is_na(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def differences(name: str, left: pd.DataFrame, right: pd.DataFrame) -> list[str]:
    """Where two readings of one table differ, cell by cell (exactly; no tolerance)."""
    if list(left.columns) != list(right.columns):
        return [f"{name}: columns {list(left.columns)} vs {list(right.columns)}"]
    if len(left) != len(right):
        return [f"{name}: {len(left)} rows vs {len(right)}"]
    found = []
    key = left.columns[0]
    for column in left.columns:
        for index, (a, b) in enumerate(zip(left[column].tolist(), right[column].tolist(), strict=False)):
            if not _same(a, b):
                found.append(f"{name} {left[key].iloc[index]} column {column}: {a!r} vs {b!r}")
                if len(found) >= DIFFERENCES_SHOWN:
                    return found
    return found


# ---------------------------------------------------------------------------- check


@contextmanager
def _reading(folder: Path) -> Iterator[None]:
    """Hold a shared lock on the folder's parent, where it can be had: no run swaps the
    folder while it is being read."""
    real = folder.resolve()
    with ExitStack() as stack:
        try:
            stack.enter_context(locked(real.parent, shared=True, name=real.name))
        except OSError:  # a parent we may not lock (read-only, or gone): read unlocked
            pass
        yield


def _sources_in(tables: dict[str, pd.DataFrame]) -> set[str]:
    return {str(s) for frame in tables.values() if "source" in frame.columns for s in frame["source"].dropna()}


def check_outputs(folder: str | Path) -> list[str]:
    """Failures found in ``folder``; empty when every file and check holds.

    Raises :class:`BadInput` if ``folder`` is not an output folder or its manifest
    cannot be trusted.
    """
    label = shown(str(folder)).rstrip("/") or "/"
    path = Path(folder)
    if not path.is_dir():
        raise BadInput(f"{label}: no such folder; run `make extract` first")
    with _reading(path):
        return _check(path, label)


def _check(path: Path, label: str) -> list[str]:
    manifest = read_manifest(path, label)
    failures = file_failures(path, manifest)
    broken = {name for name in manifest["files"] if any(f.startswith(f"[files_match_manifest] {name}:")
                                                         for f in failures)}
    if manifest.get("command") == "figures":
        return failures + figures_failures(path, manifest, broken)
    return failures + _deck_failures(path, manifest, broken)


def _deck_failures(path: Path, manifest: dict, broken: set[str]) -> list[str]:
    """A family's files read back: README sheet, data package, every table three ways;
    a file whose hash failed (``broken``) is not read at all."""
    failures = []
    if WORKBOOK not in broken:
        failures += readme_failures(path, manifest)
    if DATAPACKAGE not in broken:
        failures += datapackage_failures(path, manifest)
    coerced: dict[str, dict[str, pd.DataFrame]] = {}
    for kind in KINDS:
        failures += _guarded(kind, lambda kind=kind: _kind_failures(path, manifest, kind, broken, coerced))
    return failures + _guarded("csv, workbook", lambda: _equality_failures(coerced))


def _guarded(kind: str, checks) -> list[str]:
    """``checks()``; an edit no check foresaw is one finding, never an internal error."""
    try:
        return checks()
    except Exception as error:
        return [f"{kind}: [readable] the tables could not be checked ({_first_line(error)})"]


def _kind_failures(path: Path, manifest: dict, kind: str, broken: set[str],
                   coerced: dict[str, dict[str, pd.DataFrame]]) -> list[str]:
    """The tables of one format: readable, of the manifest's sources and rows, every
    schema and reconciliation, each amount its text's; ``coerced`` gains them."""
    family = family_of(manifest)
    tables, unreadable = read_tables(path, kind, family.models, broken)
    failures = [f"{kind}: {problem}" for problem in unreadable]
    if len(tables) < len(family.models):
        return failures
    listed_sources = {source["file"] for source in manifest["sources"]}
    found = _sources_in(tables)
    if found != listed_sources:
        failures.append(f"{kind}: [sources_match_manifest] the tables hold rows of "
                        f"{sorted(found)}, the manifest lists {sorted(listed_sources)}")
    validated, problems = validate(tables, family)
    failures += [f"{kind}: {problem}" for problem in problems]
    if kind == "parquet":  # CSV and workbook are then held equal to it
        failures += amount_text_failures(validated)
    coerced[kind] = validated
    return failures + _row_count_failures(manifest, tables, kind)


def _equality_failures(coerced: dict[str, dict[str, pd.DataFrame]]) -> list[str]:
    """CSV = Parquet and workbook = Parquet, table by table."""
    failures = []
    for kind, check_name in (("csv", "csv_equals_parquet"), ("xlsx", "workbook_equals_parquet")):
        if kind not in coerced or "parquet" not in coerced:
            continue
        for name in coerced["parquet"]:
            left, right = coerced[kind].get(name), coerced["parquet"].get(name)
            if left is None or right is None:
                continue
            failures += [f"[{check_name}] {problem}" for problem in
                         differences(name, left.reset_index(drop=True), right.reset_index(drop=True))]
    return failures


def _row_count_failures(manifest: dict, tables: dict[str, pd.DataFrame], kind: str) -> list[str]:
    failures = []
    for name, frame in tables.items():
        expected = _expected_rows(manifest, name, kind)
        if len(frame) != expected:
            failures.append(f"{kind}: [rows_match_manifest] {name} has {len(frame)} rows, "
                            f"the manifest says {expected}")
    return failures


def amount_text_failures(tables: dict[str, pd.DataFrame]) -> list[str]:
    """``amount_matches_text``: every ``amount`` is the one its own ``amount_text`` gives,
    read again by the Japanese core (a forgery that changed the figure in every file, with
    the hashes updated, still disagrees with the text as written)."""
    from extract.japanese import normalize, parse_amount

    failures = []
    for name, frame in tables.items():
        if not {"amount", "amount_text"} <= set(frame.columns):
            continue
        for number, (amount, text) in enumerate(zip(frame["amount"], frame["amount_text"], strict=True), 1):
            try:
                read = parse_amount(normalize(str(text)), default_currency="JPY")
                value = -read.value if read.negative else read.value
            except ValueError:
                failures.append(f"[amount_matches_text] {name} row {number}: {str(text)[:40]!r} is no amount")
                continue
            if _is_na(amount) or value != amount:
                failures.append(f"[amount_matches_text] {name} row {number}: amount {amount} but its text "
                                f"{str(text)[:40]!r} reads {value}")
            if len(failures) >= DIFFERENCES_SHOWN:
                return failures
    return failures


def _expected_rows(manifest: dict, name: str, kind: str) -> int:
    if kind == "xlsx":
        return manifest["files"][WORKBOOK]["sheets"][name]
    return manifest["files"][f"{name}.{kind}"]["rows"]
