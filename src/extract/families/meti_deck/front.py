"""What the deck's outputs say about themselves: title, what they hold, how to read and join them."""

from extract.families import FrontMatter

FRONT = FrontMatter(
    title="extract: METI's December 2011 rare-metal deck as validated, traceable tables",
    what=(
        "Every monetary figure of the deck, its budget measures, overseas projects, target minerals, "
        "recycling cases and percent targets, and a census of every number in its text. Each table is a "
        "CSV file, a Parquet file and a sheet of tables.xlsx, all holding the same cells; "
        "datapackage.json describes the CSV files and report.html tells the deck's story in charts."
    ),
    reading=(
        "Money is in whole units of the row's currency (yen for JPY, dollars for USD). A text cell that "
        "would start with = + - @ a tab, a carriage return or an apostrophe carries one more apostrophe "
        "in front (formula safety): strip one to read it. Every row ends with its provenance: source "
        "file, page, line, the line as written and, for a PDF, the figure's box."
    ),
    keys=(
        "Keys: amounts.measure_id → measures, amounts.restates → amounts (a figure stated again on a "
        "later page), recycling_cases.amount_id → amounts, recycling_cases.element → minerals. "
        "Sum amounts where restates is empty to count each figure once."
    ),
    package_name="meti-rare-metals-2011-12",
)
