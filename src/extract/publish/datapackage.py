"""``datapackage.json``: a Frictionless (Tabular) Data Package describing every CSV.

Made from a family's pandera models: each column's type, description and constraints
(required, enum, range, pattern), each table's primary key and the foreign keys between
tables. Money columns carry the Fiscal Data Package's ``columnType`` (``value``) and name
the column that holds their currency; a column whose metadata maps codes to Fiscal Data
Package budget phases (``fiscal_phases``) says so in ``fiscalPhases``.

The licence is the Open Definition's ``other-at`` (another licence requiring attribution)
with the source's credit line: a public-sector work reused with attribution, without a
record of the terms under which it was obtained, claims no CC licence.
"""

from __future__ import annotations

import json

import pandera.pandas as pa

from extract.families import Family
from extract.publish.about import citations, columns, meaning
from extract.publish.cells import QUOTE
from extract.validate.columns import columns_of, field_type, primary_keys

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


def field(name: str, column: pa.Column, primary_key: str) -> dict:
    """One column as a Table Schema field."""
    kind = field_type(column)
    descriptor: dict = {"name": name, "type": kind, "description": meaning(column)}
    if kind == "boolean":
        descriptor |= {"trueValues": TRUE_VALUES, "falseValues": FALSE_VALUES}
    if kind == "integer":
        descriptor["bareNumber"] = True
    descriptor["constraints"] = _constraints(column)
    if primary_key == name:
        descriptor["constraints"]["unique"] = True
    metadata = column.metadata or {}
    if "column_type" in metadata:
        descriptor["columnType"] = metadata["column_type"]
    if "unit" in metadata:
        descriptor["unit"] = metadata["unit"]
    if metadata.get("money"):
        descriptor["currencyField"] = "currency"
        descriptor["unit"] = "whole units of the row's currency (yen for JPY, dollars for USD)"
    if "fiscal_phases" in metadata:
        descriptor["fiscalPhases"] = dict(metadata["fiscal_phases"])
    return descriptor


def schema(family: Family, table: str) -> dict:
    """A table's Table Schema: its fields, primary key and foreign keys."""
    keys = primary_keys(family.models)
    foreign = [
        {"fields": key.column, "reference": {"resource": "" if key.reference == table else key.reference,
                                             "fields": keys[key.reference]}}
        for key in family.foreign_keys if key.table == table
    ]
    descriptor: dict = {
        "fields": [field(name, column, keys[table]) for name, column in columns(family, table)],
        "missingValues": [""],
        "primaryKey": [keys[table]],
    }
    if foreign:
        descriptor["foreignKeys"] = foreign
    return descriptor


def _csv_resource(table: str, description: str, table_schema: dict) -> dict:
    """A Tabular Data Resource: ``table``.csv as this tool writes every CSV."""
    return {
        "name": table,
        "path": f"{table}.csv",
        "profile": "tabular-data-resource",
        "title": table,
        "description": description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": ENCODING,
        "dialect": DIALECT,
        "schema": table_schema,
    }


def model_resource(table: str, model: type[pa.DataFrameModel]) -> dict:
    """A table of a folder that has no family (``extract figures``'s glyph_repairs), from its model."""
    key = primary_keys({table: model})[table]
    fields = [field(name, column, key) for name, column in columns_of(model).items()]
    return _csv_resource(table, (model.__doc__ or "").strip(),
                         {"fields": fields, "missingValues": [""], "primaryKey": [key]})


def resource(family: Family, table: str) -> dict:
    return _csv_resource(table, (family.models[table].__doc__ or "").strip(), schema(family, table))


def data_package(family: Family, sources: list[dict]) -> dict:
    """The package descriptor of an output folder of ``family`` whose manifest lists ``sources``."""
    cited = citations(family, sources)
    return {
        "profile": "tabular-data-package",
        "name": family.front.package_name if cited else "extract-tables",
        "title": family.front.title,
        "description": family.front.what + (
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
        "resources": [resource(family, table) for table in family.models],
    }


def datapackage_text(family: Family, sources: list[dict]) -> str:
    """``datapackage.json`` as written: indented UTF-8 JSON, Japanese unescaped."""
    return json.dumps(data_package(family, sources), ensure_ascii=False, indent=2) + "\n"


# A streamed table's column types (Arrow's names, as a Parquet writer declares them) as a
# Table Schema names them.
ARROW_FIELD_TYPES = {"string": "string", "int32": "integer", "int64": "integer", "float64": "number",
                     "bool_": "boolean"}


def streamed_package(table: str, arrow_fields: dict[str, str], title: str, description: str) -> dict:
    """The descriptor of a folder holding one table written in batches (no pandera model to
    read: its columns and their Arrow types), so every reader gets the same types."""
    return {
        "profile": "tabular-data-package",
        "name": f"extract-{table}",
        "title": title,
        "resources": [_csv_resource(table, description, {"fields": [
            {"name": name, "type": ARROW_FIELD_TYPES[kind],
             **({"trueValues": TRUE_VALUES, "falseValues": FALSE_VALUES} if kind == "bool_" else {})}
            for name, kind in arrow_fields.items()], "missingValues": [""]})],
    }
