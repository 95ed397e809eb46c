"""Whatever text a record, a file name or a cell holds, `display` shows it on one line, in its own order."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from generator.catalog import severity_of
from generator.cli.output import as_text, workflow_command
from generator.findings import Finding
from generator.records.values import BLANK, FILLERS, display

# Anything, with the characters that forge lines or reorder text made likely.
HOSTILE = st.text(alphabet=st.one_of(st.characters(), st.sampled_from("\n\r\t\x1b\x85\u2028\u2029\u202e\u2066\ufffe:,%")))


_SHOWN_NOTHING = re.compile(f"[{BLANK}{FILLERS}]")  # variation selectors, Hangul fillers: draw nothing


def _hidden(char: str) -> bool:
    code = ord(char)
    return (unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp") or bool(_SHOWN_NOTHING.match(char))
            or 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE)


@given(HOSTILE)
def test_display_leaves_nothing_hidden_and_no_line_break(text):
    shown = display(text)
    assert [char for char in shown if _hidden(char)] == []
    assert shown == text or any(_hidden(char) for char in text)


@given(st.lists(st.tuples(HOSTILE, HOSTILE), min_size=1, max_size=5))
def test_text_and_github_outputs_have_one_line_per_finding(named):
    findings = [Finding(f"doctors/{name}", 1, "schema.id", severity_of("schema.id"), message) for name, message in named]
    result = SimpleNamespace(findings=findings, program=SimpleNamespace(record_count=9), as_of=date(2026, 4, 10),
                             errors=len(findings), warnings=0)
    lines = as_text(result).split("\n")
    assert len([line for line in lines if line]) == len(findings) + 1
    for finding in findings:
        annotation = workflow_command("error", finding.file, 1, finding.rule, finding.message)
        assert "\n" not in annotation and "\r" not in annotation
