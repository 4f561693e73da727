"""The README says what the code does: its column tables are the models' descriptions, its
reading snippets run, it names every reconciliation, and every repository file it names
exists.

    .venv/bin/python tests/test_readme.py --write   # regenerate the column tables
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BLOCK = re.compile(r"(<!-- columns:(?P<name>\w+):begin -->\n)(?P<body>.*?)(<!-- columns:(?P=name):end -->)", re.S)
REPOSITORY_PATH = re.compile(r"(?<![\w/.])((?:src|tests|docs|raw|schemas|bench|\.ci)/[\w./-]*[\w])")


def with_columns(text: str) -> str:
    """The README with every column block made from the models."""
    from extract.about import markdown_columns
    from extract.families.meti_deck import FAMILY

    return BLOCK.sub(lambda m: m.group(1) + markdown_columns(FAMILY, m.group("name")) + "\n" + m.group(4), text)


def test_column_tables_are_the_models_descriptions():
    from extract.families.meti_deck.models import MODELS

    text = README.read_text(encoding="utf-8")
    names = [m.group("name") for m in BLOCK.finditer(text)]
    assert names == ["provenance", *MODELS]
    assert text == with_columns(text), "README column tables are stale: run `.venv/bin/python tests/test_readme.py --write`"


def _snippets() -> tuple[str, str]:
    text = README.read_text(encoding="utf-8")
    block = text.split("<!-- reading:begin -->", 1)[1].split("<!-- reading:end -->", 1)[0]
    python = block.split("```python\n", 1)[1].split("```", 1)[0]
    sql = block.split("```sql\n", 1)[1].split("```", 1)[0]
    return python, sql


def test_the_reading_snippets_run_on_a_written_folder(fresh_output, tables):
    python, sql = _snippets()
    scope: dict = {}
    exec(python.replace("output/", f"{fresh_output}/"), scope)  # noqa: S102 (the README's own code)
    assert scope["amounts"]["fiscal_year"].dtype.name == "Int64"
    assert len(scope["with_measures"]) == len(tables["amounts"])
    assert len(scope["each_once"]) == len(tables["amounts"]) - 4
    assert len(scope["top"]) == len(scope["each_once"]) - scope["each_once"]["part_of"].notna().sum()
    rows = duckdb.sql(sql.replace("output/", f"{fresh_output}/").rstrip().rstrip(";")).fetchall()
    assert len(rows) == len(tables["amounts"]) - 4
    accounts = {row[4] for row in rows}
    assert {"General account", "Special account", "Official development assistance", None} <= accounts


def test_every_reconciliation_is_in_the_checks_table():
    from extract.families.meti_deck.checks import DECK_CHECKS
    from extract.families.meti_deck.reconcile import GENERIC_CHECKS

    text = README.read_text(encoding="utf-8")
    table = text.split("| check | where | what it proves |", 1)[1].split("\n\n", 1)[0]
    listed = re.findall(r"^\| `(\w+)` \| (\S+) \|", table, flags=re.M)
    assert sorted(name for name, _ in listed) == sorted([*GENERIC_CHECKS, *DECK_CHECKS])
    assert {where for name, where in listed if name in GENERIC_CHECKS} == {"reconcile.py"}
    assert {where for name, where in listed if name in DECK_CHECKS} == {"checks.py"}


def test_every_repository_file_the_readme_names_exists():
    text = README.read_text(encoding="utf-8")
    named = set(REPOSITORY_PATH.findall(text)) | set(re.findall(r'<img src="([^"]+)"', text))
    assert "src/extract/families/meti_deck/models.py" in named and "docs/report.png" in named
    missing = sorted(path for path in named if not (ROOT / path.rstrip("/")).exists()
                     and not any(ROOT.glob(path)))
    assert missing == []


if __name__ == "__main__":
    if "--write" in sys.argv:
        README.write_text(with_columns(README.read_text(encoding="utf-8")), encoding="utf-8")
        print("README.md column tables written")
