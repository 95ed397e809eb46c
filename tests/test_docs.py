"""The docs cover every rule id and every policy key (datasette's test_docs idea)."""

import re

import pytest

from generator.catalog import CATALOG
from generator.cli.commands.reference import references
from generator.records.models import Policy
from generator.records.schema import schemas

from .support import ROOT


def _docs() -> str:
    pages = [ROOT / "README.md", *sorted((ROOT / "site_src").rglob("*.md"))]
    return "\n".join(page.read_text(encoding="utf-8") for page in pages if page.is_file())


DOCS = _docs()


@pytest.mark.parametrize("rule", sorted(CATALOG))
def test_rule_is_documented(rule):
    assert f"`{rule}`" in DOCS


@pytest.mark.parametrize("key", sorted(Policy.model_fields))
def test_policy_key_is_documented(key):
    assert f"`{key}`" in DOCS


def test_readme_starts_with_the_two_commands():
    head = (ROOT / "README.md").read_text(encoding="utf-8")[:400]
    assert "make site" in head and "make test" in head
    assert head.index("make site") < head.index("make test")


def test_every_rule_table_row_matches_the_catalog():
    """The README's table states each rule's severity as the catalog does."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule, info in CATALOG.items():
        row = next(line for line in readme.splitlines() if line.startswith(f"| `{rule}` |"))
        expected = "错误" if info.severity.value == "error" else "警告"
        assert f"| {expected} |" in row, rule
        if info.article:
            assert info.article in row, rule


def _schema_keys(node: dict, root: dict):
    """Every property name in a JSON Schema, nested mappings and list items included."""
    if "$ref" in node:
        target = root
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    for key, spec in node.get("properties", {}).items():
        yield key
        yield from _schema_keys(spec, root)
    for variant in node.get("oneOf", node.get("anyOf", ())):
        yield from _schema_keys(variant, root)
    if isinstance(node.get("items"), dict):
        yield from _schema_keys(node["items"], root)


SCHEMA_KEYS = sorted({(name, key) for name, schema in schemas().items() for key in _schema_keys(schema, schema)})


@pytest.mark.parametrize(("kind", "key"), SCHEMA_KEYS)
def test_every_schema_key_is_documented(kind, key):
    """The project's own Markdown names every key a record may have."""
    assert f"`{key}`" in DOCS or f"`{key}." in DOCS or f".{key}`" in DOCS, f"{kind}: {key}"


def test_the_references_are_current():
    """site_src/reference/ is what `gaoxin reference` writes today (run it after changing a model or a flag)."""
    for name, text in references().items():
        assert (ROOT / "site_src" / "reference" / name).read_text(encoding="utf-8") == text, name


def test_no_document_cites_a_contract_the_repository_does_not_ship():
    # A link between site pages, `](rules.md)`, is checked by mkdocs' strict build instead.
    cited = re.compile(r"(?<![\w/(])(records|rules|cli)\.md(?![\w.])")
    for path in [*ROOT.glob("*.md"), *(ROOT / "generator").rglob("*"), *(ROOT / "tests").rglob("*.py"),
                 *(ROOT / "site_src").rglob("*"), *(ROOT / "benchmarks").rglob("*.py"), ROOT / "records" / "README.md"]:
        if path.is_file() and path.suffix in (".py", ".md", ".j2", ".js", ".yml"):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                for match in cited.finditer(line):
                    shipped = (path.parent / match.group(0)).exists()
                    assert shipped, f"{path.relative_to(ROOT)}:{number} cites {match.group(0)}"
