"""``datapackage.json``: a Frictionless (Tabular) Data Package describing every CSV.

Made from the pandera models (:mod:`extract.models`): each column's type, description and
constraints (required, enum, range, pattern), each table's primary key and the foreign
keys between tables. Money columns carry the Fiscal Data Package's ``columnType``
(``value``) and name the column that holds their currency; ``amounts.budget_phase`` is the
Fiscal Data Package budget phase of each ``stage`` (mapping in ``fiscalPhases``).

The licence is not CC BY: the deck is a public-sector work of the Government of Japan,
reused with attribution. METI's website terms follow the Government of Japan Standard Terms
of Use (version 2.0), written to be compatible with CC BY 4.0, but this repository does not
record the page or the terms under which the deck was obtained, so the package names the
Open Definition's ``other-at`` (another licence requiring attribution) with the credit line.
"""

from __future__ import annotations

import json

import pandera.pandas as pa

from extract.about import TITLE, WHAT, citations, columns, meaning
from extract.cells import QUOTE
from extract.models import BUDGET_PHASES, FOREIGN_KEYS, MODELS, PRIMARY_KEYS, field_type

DATAPACKAGE = "datapackage.json"
TRUE_VALUES, FALSE_VALUES = ["True"], ["False"]  # how pandas writes a bool
DIALECT = {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True, "header": True}
ENCODING = "utf-8"  # with a byte-order mark, so that Excel on a Japanese Windows reads it right


def _constraints(column: pa.Column) -> dict:
    """Table Schema constraints from a pandera column's checks and nullability."""
    constraints: dict = {"required": not column.nullable}
    for check in column.checks:
        stats = check.statistics or {}
        if check.name == "isin":
            constraints["enum"] = list(stats["allowed_values"])
        elif check.name in ("greater_than_or_equal_to", "greater_than"):
            constraints["minimum"] = stats["min_value"] + (1 if check.name == "greater_than" else 0)  # gt: ints only
        elif check.name == "less_than_or_equal_to":
            constraints["maximum"] = stats["max_value"]
        elif check.name == "str_matches":
            constraints["pattern"] = str(stats["pattern"]).removeprefix("^").removesuffix("$")
        elif check.name == "str_length" and stats.get("min_value"):
            constraints["minLength"] = stats["min_value"]
    return constraints


def field(name: str, column: pa.Column, table: str) -> dict:
    """One column as a Table Schema field."""
    kind = field_type(column)
    descriptor: dict = {"name": name, "type": kind, "description": meaning(column)}
    if kind == "boolean":
        descriptor |= {"trueValues": TRUE_VALUES, "falseValues": FALSE_VALUES}
    if kind == "integer":
        descriptor["bareNumber"] = True
    descriptor["constraints"] = _constraints(column)
    if PRIMARY_KEYS[table] == name:
        descriptor["constraints"]["unique"] = True
    metadata = column.metadata or {}
    if "column_type" in metadata:
        descriptor["columnType"] = metadata["column_type"]
    if "unit" in metadata:
        descriptor["unit"] = metadata["unit"]
    if metadata.get("money"):
        descriptor["currencyField"] = "currency"
        descriptor["unit"] = "whole units of the row's currency (yen for JPY, dollars for USD)"
    if name == "budget_phase":
        descriptor["fiscalPhases"] = {stage: phase for stage, phase in BUDGET_PHASES.items()}
    return descriptor


def schema(table: str) -> dict:
    """A table's Table Schema: its fields, primary key and foreign keys."""
    foreign = [
        {"fields": key.column, "reference": {"resource": "" if key.reference == table else key.reference,
                                             "fields": key.referenced}}
        for key in FOREIGN_KEYS if key.table == table
    ]
    descriptor: dict = {
        "fields": [field(name, column, table) for name, column in columns(table)],
        "missingValues": [""],
        "primaryKey": [PRIMARY_KEYS[table]],
    }
    if foreign:
        descriptor["foreignKeys"] = foreign
    return descriptor


def resource(table: str) -> dict:
    return {
        "name": table,
        "path": f"{table}.csv",
        "profile": "tabular-data-resource",
        "title": table,
        "description": MODELS[table].__doc__.strip(),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": ENCODING,
        "dialect": DIALECT,
        "schema": schema(table),
    }


def data_package(sources: list[dict]) -> dict:
    """The package descriptor of an output folder whose manifest lists ``sources``."""
    cited = citations(sources)
    return {
        "profile": "tabular-data-package",
        "name": "meti-rare-metals-2011-12" if cited else "extract-tables",
        "title": TITLE,
        "description": WHAT + (
            " The CSV files are UTF-8 with a byte-order mark and CRLF line ends; text cells that "
            f"would start with = + - @ or {QUOTE} carry one more leading {QUOTE} (formula safety)."),
        "licenses": [
            {"name": "other-at", "title": f"{citation.licence} {citation.attribution}"}
            for _, citation in cited
        ],
        "sources": [
            {"title": f"{citation.publisher_ja}{citation.title_ja} ({citation.publisher_en}, "
                      f"{citation.title_en}, {citation.issued}); file {source['file']}, "
                      f"sha256 {source['sha256']}"}
            for source, citation in cited
        ],
        "resources": [resource(table) for table in MODELS],
    }


def datapackage_text(sources: list[dict]) -> str:
    """``datapackage.json`` as written: indented UTF-8 JSON, Japanese unescaped."""
    return json.dumps(data_package(sources), ensure_ascii=False, indent=2) + "\n"
