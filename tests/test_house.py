"""The house rules of src/, measured: no function over 60 lines; every third-party module
src/ imports is a declared dependency of the package; one version string."""

from __future__ import annotations

import ast
import importlib.metadata
import sys
import tomllib
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
MAX_FUNCTION_LINES = 60
REQUIREMENT_NAME = regex.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*")


def _trees() -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(SRC.rglob("*.py"))}


def function_lengths(tree: ast.Module) -> dict[str, int]:
    """Each function's (and method's) name -> its lines, decorators and docstring included."""
    return {
        f"{node.name}:{node.lineno}": node.end_lineno - min([node.lineno, *(d.lineno for d in node.decorator_list)]) + 1
        for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }


def test_function_lengths_are_measured():
    tree = ast.parse("def f():\n    x = 1\n    return x\n\n\nclass A:\n    @property\n    def g(self):\n        return 1\n")
    assert function_lengths(tree) == {"f:1": 3, "g:8": 3}


def test_no_function_in_src_is_over_60_lines():
    long = {f"{path.relative_to(ROOT)}:{name}": lines for path, tree in _trees().items()
            for name, lines in function_lengths(tree).items() if lines > MAX_FUNCTION_LINES}
    assert long == {}


def third_party_modules(trees) -> set[str]:
    """The top-level modules src/ imports that are neither the standard library nor ours."""
    found: set[str] = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {name for name in found if name not in sys.stdlib_module_names and name not in ("extract", "__future__")}


def _canonical(name: str) -> str:
    return regex.sub(r"[-_.]+", "-", name).lower()


def declared_dependencies() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {_canonical(REQUIREMENT_NAME.match(requirement)[0]) for requirement in project["dependencies"]}


def test_every_module_src_imports_is_a_declared_dependency():
    modules = third_party_modules(_trees().values())
    assert {"pandas", "pandera", "pdfplumber", "pypdfium2", "PIL", "fontTools", "noto_cjk_sans_jp_regular"} <= modules
    distributions = importlib.metadata.packages_distributions()
    undeclared = {module: distributions.get(module) for module in modules
                  if not {_canonical(d) for d in distributions.get(module, [])} & declared_dependencies()}
    assert undeclared == {}


def test_one_version_string_the_package_metadata_reads():
    import extract

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "extract.__version__"}
    assert importlib.metadata.version("extract") == extract.__version__
    assert sum(f'"{extract.__version__}"' in path.read_text(encoding="utf-8") for path in SRC.rglob("*.py")) == 1


def test_the_account_names_the_model_allows_are_the_ones_the_deck_reads():
    from extract.decks.meti_2011_12 import glossary
    from extract.models import Measures

    (allowed,) = [check for check in Measures.to_schema().columns["account_ja"].checks if check.name == "isin"]
    read = {*glossary.ACCOUNTS_IN_PARENTHESES, *glossary.ACCOUNTS_ALONE}
    assert set(allowed.statistics["allowed_values"]) == read
    assert all(glossary.term_english(account) for account in read)
