"""The package's layers import downward only, and only the command line prints or exits."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.support import ROOT

PACKAGE = ROOT / "generator"

# Lower layers never import higher ones. Within a layer, modules import each other freely.
LAYERS = {
    "errors": 0, "findings": 0, "catalog": 0, "forge": 0,
    "records": 1,
    "queries": 2,
    "rules": 3,
    "ownership": 3,
    "documents": 4,
    "importing": 4,
    "site": 4,
    "cli": 5, "__main__": 5, "__init__": 5,
}


def _layer_of(module: str) -> str:
    return module.split(".")[1] if "." in module else "__init__"


def _imports(path: Path) -> list[str]:
    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    package = package.removesuffix(".__init__")
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [f"{target}.{alias.name}" for alias in node.names] if not node.module else [target]
            found += names
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
    return [name for name in found if name.startswith("generator.")]


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_downward(path):
    here = LAYERS[_layer_of(".".join(path.relative_to(ROOT).with_suffix("").parts))]
    upward = [name for name in _imports(path) if LAYERS.get(_layer_of(name), 0) > here]
    assert not upward, f"{path.relative_to(ROOT)} imports a higher layer: {upward}"


def test_rules_and_ownership_are_independent():
    for path in MODULES:
        layer = _layer_of(".".join(path.relative_to(ROOT).with_suffix("").parts))
        other = {"rules": "ownership", "ownership": "rules"}.get(layer)
        if other:
            assert not [n for n in _imports(path) if _layer_of(n) == other], path


@pytest.mark.parametrize("path", [p for p in MODULES
                                  if _layer_of(".".join(p.relative_to(ROOT).with_suffix("").parts)) not in ("cli", "__main__")],
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_the_library_never_prints_or_exits(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            name = ast.unparse(node.func)
            assert name not in ("print", "sys.exit", "exit", "quit", "os._exit"), f"{path}: {name}()"


RENDERERS = ("documents", "site")


@pytest.mark.parametrize("path", [p for p in MODULES if _layer_of(".".join(p.relative_to(ROOT).with_suffix("").parts)) in RENDERERS],
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_renderers_read_the_program_through_the_view(path):
    """Documents and the site derive nothing themselves: of the queries, they import the view alone."""
    queries = [name for name in _imports(path) if _layer_of(name) == "queries"]
    assert all(name == "generator.queries.view" or name.startswith("generator.queries.view.") for name in queries), \
        f"{path.relative_to(ROOT)} imports {queries}: read it from queries/view.py (ProgramView) instead"


def test_the_benchmarks_never_import_the_tests():
    """The tests may use the benchmarks' data and browser (one way); the benchmarks run without the tests."""
    offenders = [f"{path.relative_to(ROOT)} imports {name}"
                 for path in sorted((ROOT / "benchmarks").rglob("*.py"))
                 for name in _imports(path) if name == "tests" or name.startswith("tests.")]
    assert offenders == []
