"""RecordRef: every record file's address parses back to itself, and nothing else parses."""

from __future__ import annotations

import pytest

from generator.records.address import RecordRef
from generator.records.kinds import KINDS
from generator.records.loading import discover
from tests.support import ROOT


def test_every_shipped_record_file_parses_back_to_its_address():
    files, _ = discover(ROOT / "records")
    assert files
    for ref in files:
        assert RecordRef.parse(ref.path) == ref
    assert {ref.kind for ref in files} == set(KINDS)


@pytest.mark.parametrize("ref, path", [
    (RecordRef("doctor", "zhang-wei"), "doctors/zhang-wei.yml"),
    (RecordRef.report("a2026-001", "2026Q3"), "reports/a2026-001/2026Q3.yml"),
    (RecordRef.report("a2026-001", "final"), "reports/a2026-001/final.yml"),
    (RecordRef("policy"), "policy.yml"),
    (RecordRef("synonyms"), "synonyms.yml"),
])
def test_addresses(ref, path):
    assert ref.path == path
    assert RecordRef.parse(path) == ref


def test_a_final_report_is_its_own_kind():
    assert RecordRef.report("a1", "final").kind == "final-report"
    assert RecordRef.report("a1", "2026Q1").kind == "report"


@pytest.mark.parametrize("path", [
    "doctors/Zhang.yml", "doctors/a/b.yml", "doctors/x.yaml", "reports/a1/2026Q5.yml", "reports/a1.yml",
    "unknown/x.yml", "doctors/x.yml\n", "policy.yaml", "doctors/../policy.yml", "",
])
def test_what_is_not_a_record_file_parses_to_none(path):
    assert RecordRef.parse(path) is None
