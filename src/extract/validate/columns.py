"""What every output table shares, whatever family wrote it: the provenance columns, how a
table's columns are typed and ordered, and how tables join (primary and foreign keys).

A family states its tables as pandera ``DataFrameModel`` subclasses of :class:`Provenance`
(one model per table, cross-column rules as named checks). Each column's ``description`` is
the one statement of what it means: the workbook's README sheet, ``datapackage.json`` and
the README's column tables are made from it. ``metadata`` says what a consumer's format
needs beyond the type: a money column (``money``), a Fiscal Data Package column type
(``column_type``), a unit (``unit``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

NullableInt = pd.Int64Dtype
MONEY = {"money": True, "column_type": "value"}  # whole units of the row's `currency`
POINTS = {"unit": "pt"}  # PDF points, 1/72 inch
# Each model dtype as a Table Schema type (string, integer, number, boolean).
FIELD_TYPES = {"str": "string", "string[pyarrow]": "string", "string": "string", "int64": "integer",
               "Int64": "integer", "float64": "number", "bool": "boolean"}

Models = Mapping[str, type[pa.DataFrameModel]]


def text_field(description: str, **kwargs) -> Any:
    """A text column that is never empty."""
    return pa.Field(str_length={"min_value": 1}, description=description, **kwargs)


class Provenance(pa.DataFrameModel):
    """Where every row came from: file, page, line, the line as written, its PDF box."""

    source: Series[str] = text_field("File name of the source the row was read from.")
    page: Series[int] = pa.Field(ge=1, description="Page of the source, from 1.")
    line: Series[int] = pa.Field(ge=1, description="Line within the page.")
    source_text: Series[str] = text_field("The source line as written, defects and all.")
    x0: Series[float] = pa.Field(nullable=True, ge=0, metadata=POINTS, description=(
        "Left edge of the cited text's box on the PDF page, in points; empty for a text layer."))
    top: Series[float] = pa.Field(nullable=True, ge=0, metadata=POINTS, description=(
        "Top edge of the box, in points from the top of the page; empty for a text layer."))
    x1: Series[float] = pa.Field(nullable=True, ge=0, metadata=POINTS, description=(
        "Right edge of the box, in points; empty for a text layer."))
    bottom: Series[float] = pa.Field(nullable=True, ge=0, metadata=POINTS, description=(
        "Bottom edge of the box, in points from the top of the page; empty for a text layer."))

    @pa.dataframe_check
    def bbox_all_or_none(cls, df: pd.DataFrame) -> Series[bool]:
        """The four box edges are all given (PDF) or all empty (text layer)."""
        present = df[["x0", "top", "x1", "bottom"]].notna()
        return present.all(axis=1) | (~present).all(axis=1)

    @pa.dataframe_check
    def bbox_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        """A box's left edge is left of its right edge, its top above its bottom."""
        return df["x0"].isna() | ((df["x0"] <= df["x1"]) & (df["top"] <= df["bottom"]))

    class Config:
        coerce = True
        strict = True


PROVENANCE_COLUMNS: tuple[str, ...] = tuple(Provenance.to_schema().columns)
BOX_COLUMNS: tuple[str, ...] = PROVENANCE_COLUMNS[-4:]  # x0, top, x1, bottom


@dataclass(frozen=True)
class ForeignKey:
    """``table.column`` names a row of ``reference`` by its primary key (empty: none)."""

    table: str
    column: str
    reference: str


def primary_keys(models: Models) -> dict[str, str]:
    """Each table's one-column primary key: the model's ``unique=True`` column."""
    return {
        name: next(column for column, spec in model.to_schema().columns.items() if spec.unique)
        for name, model in models.items()
    }


def field_type(column: pa.Column) -> str:
    """A column's type as a Table Schema names it: string, integer, number or boolean."""
    return FIELD_TYPES[str(column.dtype)]


def columns_of(model: type[pa.DataFrameModel]) -> dict[str, pa.Column]:
    """A table's columns in the order they are written, each with its dtype, description and
    metadata: the model's own columns as it declares them, then the provenance columns."""
    schema = model.to_schema().columns
    own = [column for column in schema if column not in PROVENANCE_COLUMNS]
    return {column: schema[column] for column in (*own, *(c for c in PROVENANCE_COLUMNS if c in schema))}


def money_columns(model: type[pa.DataFrameModel] | None) -> set[str]:
    """The columns of a model that hold money (``metadata`` ``money``)."""
    if model is None:
        return set()
    return {column for column, spec in model.to_schema().columns.items() if (spec.metadata or {}).get("money")}
