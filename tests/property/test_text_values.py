"""Every string field of every kind refuses what no text may hold, wherever it stands, and any text too long.

A field is drawn from the JSON Schemas (so a field added later is drawn too), a sample
record of its kind is taken from records/, and the field is set to visible text with one
refused character anywhere in it: a control character, a bidi control or other invisible
format character, a non-character of any plane. The record must be refused at that key.
Text one character over the field's `maxLength` must be refused with a message that says
the limit and the length.
"""

from __future__ import annotations

import sys

from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from generator.records.kinds import KINDS
from generator.records.schema import schemas
from generator.records.schema_errors import schema_findings
from generator.records.values import FORMAT

from ..support import sample_records, schema_nodes, schema_string_fields, with_value

SAMPLES = sample_records()
FIELDS = [(kind, path) for kind, schema in schemas().items() for path in schema_string_fields(schema)]
VISIBLE = st.text(alphabet=st.characters(categories=("Lo", "Lu", "Ll", "Nd")), min_size=1, max_size=8)


def _format_characters() -> list[str]:
    """The singles and the ends of the ranges of the character class FORMAT."""
    return [char for part in FORMAT.split("-") for char in part]


REFUSED = st.one_of(
    st.sampled_from([chr(code) for code in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]]),
    st.sampled_from(_format_characters()),
    st.integers(0xFDD0, 0xFDEF).map(chr),
    st.tuples(st.integers(0, 16), st.sampled_from([0xFFFE, 0xFFFF])).map(lambda pair: chr(pair[0] << 16 | pair[1])),
)


def _refused_at(kind: str, path: tuple, value) -> list:
    """The findings at `path` when the field is set to `value` in each sample that has its parent."""
    refused = []
    for data in SAMPLES[kind]:
        record = with_value(data, path, value)
        if record is None:
            continue
        try:
            KINDS[kind].adapter.validate_python(record)
        except ValidationError as error:
            refused.append([f for f in schema_findings(error, "x.yml") if f.loc[:len(path)] == path])
        else:
            refused.append([])
    assert refused, f"no sample {kind} has the parent of {path}"
    return refused


@given(st.sampled_from(FIELDS), VISIBLE, REFUSED, VISIBLE)
def test_a_refused_character_anywhere_is_refused_in_every_field(field, before, char, after):
    kind, path = field
    assert sys.maxunicode >= ord(char)
    assert all(findings for findings in _refused_at(kind, path, before + char + after)), (kind, path, repr(char))


def _most(kind: str, path: tuple) -> int | None:
    return max((node.get("maxLength", 0) for node in schema_nodes(schemas()[kind], path)), default=0) or None


@given(st.sampled_from([field for field in FIELDS if _most(*field)]), st.integers(1, 50))
def test_text_over_its_limit_is_refused_saying_by_how_much(field, extra):
    kind, path = field
    most = _most(kind, path)
    for findings in _refused_at(kind, path, "a" * (most + extra)):
        assert any(f"最多 {most} 个字符，实际 {most + extra} 个字符" in finding.message for finding in findings)
