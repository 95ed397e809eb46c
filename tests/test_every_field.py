"""Every string field of every record kind goes through the same value checks.

The fields are found by walking the JSON Schemas `gaoxin schema` writes, so a field added
to a model later is covered without touching this test. Each field is set, in a valid
sample record, to a value no text may hold; the record must then be refused at that key.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from generator.records.kinds import KINDS
from generator.records.schema import schemas
from generator.records.schema_errors import schema_findings

from .support import ROOT, sample_records, schema_nodes, schema_string_fields, with_value

# What no text field may hold: bidi controls reorder what is shown, control characters
# reach terminals and files, non-characters cannot be saved in Word, invisible-only text shows nothing.
HOSTILE = {
    "bidi override": "改性车间\u202e线",
    "bidi isolate": "\u2067平顶山\u2069",
    "bell": "改性\x07车间",
    "nul": "改性\x00车间",
    "escape sequence": "\x1b[31m改性车间",
    "c1 control": "改性\x9b车间",
    "non-character": "刘\ufffe洋",
    "astral non-character": "刘\U0003fffe洋",
    "invisible only": "\u200b\u2060",
    "blank": " \u3000 ",
}
SAMPLES = sample_records()
FIELDS = [(kind, path) for kind, schema in schemas().items() for path in schema_string_fields(schema)]


def test_every_kind_has_string_fields_and_a_sample():
    assert {kind for kind, _ in FIELDS} == set(KINDS)
    assert set(SAMPLES) == set(KINDS)


@pytest.mark.parametrize(("kind", "path"), FIELDS, ids=[f"{kind}:{'.'.join(map(str, path))}" for kind, path in FIELDS])
@pytest.mark.parametrize("what", HOSTILE)
def test_every_string_field_refuses_what_no_text_may_hold(kind, path, what):
    records = [record for record in (with_value(data, path, HOSTILE[what]) for data in SAMPLES[kind]) if record is not None]
    assert records, f"no sample {kind} record has the parent of {path}: add one to records/"
    for record in records:
        try:
            KINDS[kind].adapter.validate_python(record)
        except ValidationError as error:
            findings = schema_findings(error, f"{kind}.yml")
            assert any(finding.loc[:len(path)] == path for finding in findings), [f.message for f in findings]
            continue
        pytest.fail(f"{kind} accepted {HOSTILE[what]!r} at {path}")


# --- lengths: every text field has a maximum suited to it (a phrase, a line, a page or a few) ------------


@pytest.mark.parametrize(("kind", "path"), FIELDS, ids=[f"{kind}:{'.'.join(map(str, path))}" for kind, path in FIELDS])
def test_every_string_field_has_a_maximum_length_in_its_schema(kind, path):
    """A value with a fixed set of choices, or a date, is bounded by its shape; any other has maxLength."""
    for node in schema_nodes(schemas()[kind], path):
        assert "const" in node or "enum" in node or node.get("format") == "date" or node.get("maxLength"), node


def _lists(node: dict, schema: dict, path: tuple = ()):
    if "$ref" in node:
        target = schema
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    if node.get("type") == "array":
        yield path, node
        yield from _lists(node["items"], schema, (*path, 0))
    for key, spec in node.get("properties", {}).items():
        yield from _lists(spec, schema, (*path, key))
    for variant in (*node.get("oneOf", ()), *node.get("anyOf", ())):
        yield from _lists(variant, schema, path)


LISTS = [(kind, path, node) for kind, schema in schemas().items() for path, node in _lists(schema, schema)]


@pytest.mark.parametrize(("kind", "path", "node"), LISTS, ids=[f"{k}:{'.'.join(map(str, p))}" for k, p, _ in LISTS])
def test_every_list_has_a_maximum_number_of_items(kind, path, node):
    assert node.get("maxItems"), (kind, path)


TEXT_FIELDS = [(kind, path, node["maxLength"]) for kind, path in FIELDS for node in schema_nodes(schemas()[kind], path)[:1]
               if "maxLength" in node and "format" not in node and "pattern" in node
               and node["pattern"].startswith("^[^\\u202a")]


@pytest.mark.parametrize(("kind", "path", "most"), TEXT_FIELDS,
                         ids=[f"{kind}:{'.'.join(map(str, path))}" for kind, path, _ in TEXT_FIELDS])
def test_a_text_over_its_limit_is_refused_saying_the_limit_and_the_length(kind, path, most):
    over = "研" * (most + 1)
    for data in SAMPLES[kind]:
        data, path = _extra_item(data, path)  # a policy list's items may all be ones the rules read by name
        record = _renamed(with_value(data, path, "研" * most), path)
        if record is None:
            continue
        KINDS[kind].adapter.validate_python(record)  # at the limit: accepted
        with pytest.raises(ValidationError) as refused:
            KINDS[kind].adapter.validate_python(_renamed(with_value(data, path, over), path))
        [finding] = [f for f in schema_findings(refused.value, f"{kind}.yml") if f.loc[:len(path)] == path]
        assert finding.rule == "schema.field"
        assert f"最多 {most} 个字符" in finding.message and f"实际 {most + 1} 个字符" in finding.message, finding.message
        return
    pytest.fail(f"no sample {kind} record has the parent of {path}")


def _renamed(record: dict | None, path: tuple) -> dict | None:
    """`record` with a scoring party renamed at `path` renamed in `evaluation.party_weights` too (they must match)."""
    if record is None or path[:2] != ("evaluation", "parties"):
        return record
    scheme = record["evaluation"]
    weights = dict(zip(scheme["parties"], scheme["party_weights"].values(), strict=True))
    return {**record, "evaluation": {**scheme, "party_weights": weights}}


def _extra_item(data: dict, path: tuple) -> tuple[dict, tuple]:
    """`data` with one more item at the end of a top-level list, and `path` into that item instead of the first."""
    if len(path) == 2 and path[1] == 0 and isinstance(data.get(path[0]), list) and data[path[0]]:
        items = data[path[0]]
        return {**data, path[0]: [*items, items[-1]]}, (path[0], len(items))
    return data, path


def test_the_kinds_of_text_are_bounded_as_documented():
    """A research area is a phrase, a title one line, a bio a page or a few (the numbers SECURITY.md states)."""
    by_field = {(kind, path): most for kind, path, most in TEXT_FIELDS}
    assert by_field[("doctor", ("research_areas", 0))] == by_field[("doctor", ("name",))] == 60
    assert by_field[("need", ("fields", 0))] == by_field[("doctor", ("discipline",))] == 60
    assert by_field[("need", ("title",))] == by_field[("report", ("work", 0, "title"))] == 100
    assert by_field[("doctor", ("bio",))] == by_field[("report", ("summary",))] == 10_000
    security = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    for most in sorted(set(by_field.values())):
        assert f"{most:,}" in security, most


def test_a_list_over_its_limit_is_refused_saying_the_limit_and_the_count():
    [doctor] = [d for d in SAMPLES["doctor"] if d["name"] == "陈磊"]
    areas = [f"方向{n}" for n in range(21)]
    with pytest.raises(ValidationError) as refused:
        KINDS["doctor"].adapter.validate_python({**doctor, "research_areas": areas})
    [finding] = schema_findings(refused.value, "doctors/chen-lei.yml")
    assert finding.message == "research_areas 最多 20 项，实际有 21 项：请只列出最主要的几项"


# What an editor's JSON Schema check can see: ECMAScript patterns without the `u` flag
# cannot name a character beyond the first plane, so the astral non-character is left to gaoxin.
SCHEMA_HOSTILE = [name for name, value in HOSTILE.items() if all(ord(char) <= 0xFFFF for char in value)]


@pytest.mark.parametrize(("kind", "path"), FIELDS, ids=[f"{kind}:{'.'.join(map(str, path))}" for kind, path in FIELDS])
def test_every_string_field_of_the_json_schemas_refuses_it_too(kind, path):
    """Editors (the YAML language server) flag the same values while they are typed."""
    from jsonschema import Draft202012Validator

    schema = schemas()[kind]
    for node in schema_nodes(schema, path):
        validator = Draft202012Validator({**node, "$defs": schema.get("$defs", {})},
                                         format_checker=Draft202012Validator.FORMAT_CHECKER)
        accepted = [name for name in SCHEMA_HOSTILE if validator.is_valid(HOSTILE[name])]
        assert accepted == [], node
