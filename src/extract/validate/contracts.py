"""Export the data contracts (every family's pandera models and named checks) as
reviewable JSON.

``make schemas`` writes them to schemas/: one file per table (table names are unique
across families) and ``reconciliations.json``, each family's named checks; a test fails
when schemas/ is stale.
"""

from __future__ import annotations

import inspect
import json
import warnings

import pandera.pandas as pa

from extract.families import known_families

UNSERIALIZED_CHECK = r"Only registered checks may be serialized"  # named checks: listed below instead


def _doc(function) -> str:
    """A check's docstring: its exported contract (a check without one is refused)."""
    doc = inspect.getdoc(function)
    if not doc:
        raise ValueError(f"{getattr(function, '__qualname__', function)!r} has no docstring: its contract")
    return doc


def table_contract(name: str, model: type[pa.DataFrameModel]) -> dict:
    """One table's model: columns with dtype, nullability and checks, and its named checks."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=UNSERIALIZED_CHECK, category=UserWarning)
        contract = json.loads(model.to_schema().to_json())
    schema = model.to_schema()
    for column, spec in contract["columns"].items():  # state nullability on every column
        spec["nullable"] = bool(schema.columns[column].nullable)
    contract["title"] = name
    contract["description"] = _doc(model)
    contract["named_checks"] = {
        check.name: _doc(getattr(model, check.name)) for check in model.to_schema().checks
    }
    contract.pop("checks", None)
    return contract


def reconciliation_contract() -> dict:
    """Each family's named checks, each with its docstring: what it proves."""
    return {
        family.name: {name: _doc(check) for name, check in family.checks.items()}
        for family in known_families()
    }


def export_contracts() -> dict[str, str]:
    """File name -> JSON text, for every contract in schemas/."""
    files: dict[str, dict] = {}
    for family in known_families():
        for name, model in family.models.items():
            contract = table_contract(name, model)
            if files.get(f"{name}.json", contract) != contract:  # a shared table (glyph_repairs) is one
                raise ValueError(f"two families declare a table {name!r} otherwise: schemas/ holds one")
            files[f"{name}.json"] = contract
    files["reconciliations.json"] = reconciliation_contract()
    return {
        file: json.dumps(content, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
        for file, content in files.items()
    }


def main() -> None:
    from pathlib import Path

    folder = Path("schemas")
    folder.mkdir(exist_ok=True)
    for file, text in export_contracts().items():
        (folder / file).write_text(text, encoding="utf-8")
        print(f"schemas/{file}")


if __name__ == "__main__":
    main()
