"""The docs cover every rule id and every policy key (datasette's test_docs idea)."""


import pytest

from generator.records.models import Policy
from generator.catalog import CATALOG

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
