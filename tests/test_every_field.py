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

from .support import sample_records, schema_string_fields, with_value

# What no text field may hold: bidi controls reorder what is shown, control characters
# reach terminals and files, invisible-only text shows nothing.
HOSTILE = {
    "bidi override": "改性车间\u202e线",
    "bidi isolate": "\u2067平顶山\u2069",
    "bell": "改性\x07车间",
    "nul": "改性\x00车间",
    "escape sequence": "\x1b[31m改性车间",
    "c1 control": "改性\x9b车间",
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
