"""Properties of the whole validator on generated programs.

Valid programs stay valid however their files are ordered or named; any edit to
them (drop, duplicate, retype, re-date a field, rename a file, garble its text)
gives findings, never a crash, and the same findings every time, sorted.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from generator.catalog import CATALOG
from generator.rules.validate import validate_records

from .programs import mutations, renamed, renamings, render, valid_programs, write


@contextmanager
def records_folder():
    folder = Path(tempfile.mkdtemp(prefix="gaoxin-property-"))
    try:
        yield folder / "records"
    finally:
        shutil.rmtree(folder)


def _validate(texts: dict[str, str], as_of, order=None):
    with records_folder() as records:
        write(records, texts, order)
        return validate_records(records, as_of)


def _errors(result) -> list[str]:
    return [f"{f.file}:{f.line} {f.rule} {f.message}" for f in result.findings if f.is_error]


def _shown(result) -> list[tuple]:
    return [(f.file, f.line, f.rule, f.severity, f.message) for f in result.findings]


def _assert_well_formed(result, texts: dict[str, str]) -> None:
    findings = result.findings
    assert findings == sorted(findings, key=lambda f: (f.file, -1 if f.line is None else f.line, f.rule, f.message))
    for finding in findings:
        assert finding.rule in CATALOG
        assert finding.severity is CATALOG[finding.rule].severity
        assert finding.message.strip()
        assert not finding.file.startswith("/") and ".." not in finding.file.split("/")
        if finding.line is not None:
            text = texts.get(finding.file)
            assert finding.line >= 1
            if text is not None:
                assert finding.line <= text.count("\n") + 1, finding


@given(valid_programs())
def test_generated_programs_are_valid(program):
    result = _validate(render(program), program.as_of)
    assert _errors(result) == []


@given(st.data())
def test_any_edit_gives_findings_not_a_crash(data):
    program = data.draw(valid_programs())
    texts = data.draw(mutations(program))
    first = _validate(texts, program.as_of)
    _assert_well_formed(first, texts)
    again = _validate(texts, program.as_of, order=sorted(texts, reverse=True))
    assert _shown(again) == _shown(first), "findings depend on the order files were written in"


@given(st.data())
def test_valid_programs_stay_valid_when_renamed(data):
    program = data.draw(valid_programs())
    names = data.draw(renamings(program))
    before = _validate(render(program), program.as_of)
    after = _validate(render(renamed(program, names)), program.as_of)
    assert _errors(after) == []
    assert Counter(f.rule for f in after.findings) == Counter(f.rule for f in before.findings)


@given(valid_programs(), st.randoms(use_true_random=False))
def test_valid_programs_stay_valid_when_reordered(program, rng: random.Random):
    """Files created in any order, keys in any order: the same verdict."""
    texts = render(program)
    before = _validate(texts, program.as_of)
    for data in program.files.values():
        _shuffle_keys(data, rng)
    shuffled = render(program)
    order = list(shuffled)
    rng.shuffle(order)
    after = _validate(shuffled, program.as_of, order)
    assert _errors(after) == []
    assert Counter((f.file, f.rule, f.message) for f in after.findings) == Counter(
        (f.file, f.rule, f.message) for f in before.findings
    )


def _shuffle_keys(data, rng: random.Random) -> None:
    if isinstance(data, dict):
        items = list(data.items())
        rng.shuffle(items)
        data.clear()
        data.update(items)
        for value in data.values():
            _shuffle_keys(value, rng)
    elif isinstance(data, list):
        for value in data:
            _shuffle_keys(value, rng)
