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
    tree = ast.parse("def f():\n    x = 1\n    return x\n\n\n"
                     "class A:\n    @property\n    def g(self):\n        return 1\n")
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
    from extract.families.meti_deck import glossary
    from extract.families.meti_deck.models import Measures

    (allowed,) = [check for check in Measures.to_schema().columns["account_ja"].checks if check.name == "isin"]
    read = {*glossary.ACCOUNTS_IN_PARENTHESES, *glossary.ACCOUNTS_ALONE}
    assert set(allowed.statistics["allowed_values"]) == read
    assert all(glossary.term_english(account) for account in read)


# ---------------------------------------------------------------------------- architecture

FAMILIES = SRC / "extract" / "families"
# What only the METI deck's family may name: its publisher, subject, tables, ids and figures.
DECK_IDENTIFIERS = regex.compile(
    r"\bMETI\b|\bmeti_|経済産業省|レアメタル|rare[- ]metal|recycling_cases|minerals|measure_id|JOGMEC"
    r"|1000億円|340億円|420億円|460億円", regex.IGNORECASE)


def module_name(path: Path) -> str:
    """src/extract/a/b.py -> extract.a.b; a package's __init__.py -> the package."""
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_only(tree: ast.Module) -> set[int]:
    """Line numbers of imports made only for the type checker (under ``if TYPE_CHECKING:``)."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            lines |= {inner.lineno for child in node.body for inner in ast.walk(child) if hasattr(inner, "lineno")}
    return lines


def imports_of(path: Path, tree: ast.Module, known: set[str]) -> set[str]:
    """The modules of ours a module imports, at its top or inside a function (not those only
    the type checker sees, nor its own enclosing packages)."""
    this = module_name(path)
    package = this if path.name == "__init__.py" else this.rpartition(".")[0]
    skip = _type_checking_only(tree)
    found: set[str] = set()
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parents = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parents + ([base] if base else []))
            names = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        found |= {name for name in names if name in known and name != this}
    return {name for name in found if not this.startswith(f"{name}.")}  # a package is not a cycle


def import_graph() -> dict[str, set[str]]:
    trees = _trees()
    known = {module_name(path) for path in trees}
    return {module_name(path): imports_of(path, tree, known) for path, tree in trees.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every module that lies on a cycle, as one path round it (depth-first search)."""
    found, done = [], set()

    def visit(node: str, path: list[str]) -> None:
        if node in path:
            found.append(path[path.index(node):] + [node])
            return
        if node in done:
            return
        for nxt in sorted(graph.get(node, ())):
            visit(nxt, [*path, node])
        done.add(node)

    for start in sorted(graph):
        visit(start, [])
    return found


def test_the_import_graph_is_measured():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
    tree = ast.parse("from . import x\nfrom .y import z\nif TYPE_CHECKING:\n    from extract.q import r\n")
    path = SRC / "extract" / "p" / "m.py"
    assert imports_of(path, tree, {"extract.p.x", "extract.p.y", "extract.q"}) == {"extract.p.x", "extract.p.y"}


def test_the_import_graph_has_no_cycle():
    assert cycles(import_graph()) == []


def test_shared_modules_import_no_family():
    """The core knows no family: only families/ (and the registry's dynamic import) reach in."""
    reaching = {module: sorted(m for m in imported if m.startswith("extract.families."))
                for module, imported in import_graph().items() if not module.startswith("extract.families")}
    assert {module: found for module, found in reaching.items() if found} == {}


def test_no_module_outside_families_names_the_deck():
    named = {str(path.relative_to(ROOT)): sorted(set(DECK_IDENTIFIERS.findall(path.read_text(encoding="utf-8"))))
             for path in sorted(SRC.rglob("*.py")) if FAMILIES not in path.parents}
    assert {path: found for path, found in named.items() if found} == {}


MOST_MODULES_PER_FOLDER = 12


def test_no_folder_of_src_holds_more_than_a_dozen_modules():
    """The layout shows the architecture: a folder that outgrows a dozen modules is split by stage."""
    sizes = {str(folder.relative_to(SRC)): len([p for p in folder.glob("*.py") if p.name != "__init__.py"])
             for folder in sorted({p.parent for p in SRC.rglob("*.py")})}
    assert {folder: n for folder, n in sizes.items() if n > MOST_MODULES_PER_FOLDER} == {}
    assert sizes["extract"] <= 6, sizes  # top level: entry points, errors, interrupts, workers, pipeline
