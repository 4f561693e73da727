"""Japanese municipal budget books (予算書): 第1条, 第1表 歳入歳出予算, 第2表 債務負担行為,
第3表 地方債 and the 事項別明細書 (its 総括, then 款 → 項 → 目 → 節), read from the page layout
and proven by the statutory identities.

Read only when a command names the family (``extract budget``): a book is one document
given as several files, so the family reads the set (:func:`read_tables`)."""

from typing import NoReturn

from extract.errors import BadInput
from extract.families import Family, FrontMatter
from extract.read.document import Document

from .models import FOREIGN_KEYS, MODELS
from .proof import CHECKS, failed_identities
from .story import boxes_to_draw, report_sections
from .tables import read_tables

FRONT = FrontMatter(
    title="extract: a municipal budget book (予算書) as verified tables",
    what=("Every 款, 項, 目 and 節 of the book's 事項別明細書, the 款 of its 総括 and the 款 and 項 of its 第1表 "
          "(budget_lines), every total it states (budget_totals), the 第2表 債務負担行為 (debt_burdens), the "
          "第3表 地方債 (bonds), the 説明 (budget_notes), and every statutory identity checked at every place "
          "(budget_checks). Each table is a CSV file, a Parquet file and a sheet of tables.xlsx; "
          "datapackage.json describes the CSV files and report.html shows the book by 款."),
    reading=("Amounts are integer yen (a 千円 page's figures times 1,000; △ or ▲ a negative). Sum one level "
             "at a time: a 款 is the sum of its 項, so never add rows of two levels together "
             "(filter on part, side and level). A row with verified false was written by --keep-going "
             "though a check about it failed. Every row ends with its file, PDF page, box and words as written."),
    keys=("Keys: budget_lines.parent_id → budget_lines.line_id (the 款/項/目 above); budget_checks.row_id → "
          "budget_lines.line_id or budget_totals.total_id (the row the check is about)."),
    package_name="budget-book",
)


def _by_the_budget_command(document: Document) -> NoReturn:
    """Neither recognised nor read one file at a time: a book is read whole, by its command."""
    raise BadInput("a budget book is read as a whole, with `extract budget SOURCE...`")


FAMILY = Family(
    name="budget_book",
    recognise=_by_the_budget_command,
    read=_by_the_budget_command,
    models=MODELS,
    front=FRONT,
    foreign_keys=FOREIGN_KEYS,
    checks=CHECKS,
    report_sections=report_sections,
    debug_boxes=boxes_to_draw,
    automatic=False,
    read_set=read_tables,
    stops=failed_identities,
)

__all__ = ["FAMILY", "FRONT"]
