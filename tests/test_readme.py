"""The README and docs/ say what the code does: the column tables (docs/tables.md) are the
models' descriptions, the README's reading snippets run, docs/checks.md names every
reconciliation, every repository file they name exists, and the README stays short.

    .venv/bin/python tests/test_readme.py --write   # regenerate the column tables
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
TABLES_DOC = ROOT / "docs" / "tables.md"
CHECKS_DOC = ROOT / "docs" / "checks.md"
DOCS = [README, *sorted((ROOT / "docs").glob("*.md"))]
README_LINES = 200  # a few screens: the long reference lives in docs/
BLOCK = re.compile(r"(<!-- columns:(?P<name>\w+):begin -->\n)(?P<body>.*?)(<!-- columns:(?P=name):end -->)", re.S)
REPOSITORY_PATH = re.compile(r"(?<![\w/.])((?:src|tests|docs|raw|schemas|bench|\.ci)/[\w./-]*[\w])")


def with_columns(text: str) -> str:
    """The text with every column block made from the models."""
    from extract.families.meti_deck import FAMILY
    from extract.publish.about import markdown_columns

    return BLOCK.sub(lambda m: m.group(1) + markdown_columns(FAMILY, m.group("name")) + "\n" + m.group(4), text)


def test_column_tables_are_the_models_descriptions():
    from extract.families.meti_deck.models import MODELS

    text = TABLES_DOC.read_text(encoding="utf-8")
    names = [m.group("name") for m in BLOCK.finditer(text)]
    assert names == ["provenance", *MODELS]
    assert text == with_columns(text), (
        "docs/tables.md column tables are stale: run `.venv/bin/python tests/test_readme.py --write`")


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

    text = CHECKS_DOC.read_text(encoding="utf-8")
    table = text.split("| check | where | what it proves |", 1)[1].split("\n\n", 1)[0]
    listed = re.findall(r"^\| `(\w+)` \| (\S+) \|", table, flags=re.M)
    assert sorted(name for name, _ in listed) == sorted([*GENERIC_CHECKS, *DECK_CHECKS])
    assert {where for name, where in listed if name in GENERIC_CHECKS} == {"reconcile.py"}
    assert {where for name, where in listed if name in DECK_CHECKS} == {"checks.py"}


def test_every_repository_file_the_readme_names_exists():
    text = "\n".join(path.read_text(encoding="utf-8") for path in DOCS)
    named = set(REPOSITORY_PATH.findall(text)) | set(re.findall(r'<img src="([^"]+)"', text))
    named |= {f"docs/{link}" for link in re.findall(r"\]\(((?!\.\./)[\w.-]+\.md)\)", text)}
    assert "src/extract/families/meti_deck/models.py" in named and "docs/report.png" in named
    missing = sorted(path for path in named if not (ROOT / path.rstrip("/")).exists()
                     and not any(ROOT.glob(path)))
    assert missing == []


def test_the_readme_is_short_and_has_a_japanese_section():
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= README_LINES
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    assert headings[:2] == ["Two commands", "日本語"]
    japanese = text.split("## 日本語", 1)[1].split("\n## ", 1)[0]
    assert all(part in japanese for part in ("何ができるか", "使い方", "出力の表"))
    links = set(re.findall(r"\]\((docs/[\w.-]+\.md)\)", text))
    assert links == {f"docs/{path.name}" for path in DOCS[1:]}, "every doc is linked from the README"


if __name__ == "__main__":
    if "--write" in sys.argv:
        TABLES_DOC.write_text(with_columns(TABLES_DOC.read_text(encoding="utf-8")), encoding="utf-8")
        print("docs/tables.md column tables written")
