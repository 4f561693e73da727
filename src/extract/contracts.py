"""Export the data contracts (pandera models and named checks) as reviewable JSON.

``make schemas`` writes them to schemas/; a test fails when schemas/ is stale.
"""

from __future__ import annotations

import inspect
import json
import warnings

from extract.decks.meti_2011_12.checks import DECK_CHECKS
from extract.models import MODELS
from extract.reconcile import GENERIC_CHECKS

UNSERIALIZED_CHECK = r"Only registered checks may be serialized"  # named checks: listed below instead


def _doc(function) -> str:
    """A check's docstring: its exported contract (a check without one is refused)."""
    doc = inspect.getdoc(function)
    if not doc:
        raise ValueError(f"{getattr(function, '__qualname__', function)!r} has no docstring: its contract")
    return doc


def table_contract(name: str) -> dict:
    """One table's model: columns with dtype, nullability and checks, and its named checks."""
    model = MODELS[name]
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
    return {
        "generic": {name: _doc(check) for name, check in GENERIC_CHECKS.items()},
        "meti_2011_12": {name: _doc(check) for name, check in DECK_CHECKS.items()},
    }


def export_contracts() -> dict[str, str]:
    """File name -> JSON text, for every contract in schemas/."""
    files = {f"{name}.json": table_contract(name) for name in MODELS}
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
