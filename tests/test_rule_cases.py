"""Every rule of the catalog, tested both ways from data: tests/cases/rules/<rule-id>.yml.

Each case overlays files on the small valid program in tests/cases/base/ and lists
the exact findings it must produce as "file:line rule" ("file rule" when the line
is null), a multiset. A case marked `safe: true` stands just on the allowed side of
its rule. The test fails if a rule has no triggering or no safe case, or a case
file names no known rule.

A case's keys:

- `files`: path -> content, applied in order. Content is the text of the file
  (written as UTF-8; it replaces whatever stands at the path, a folder included),
  null to remove the path, `{bytes_hex: "..."}` for exact bytes (a BOM, GBK), or
  `{symlink: target}` for a symbolic link.
- `generate`: a list of `{path, content, from, to}`: one file for each number n
  from `from` to `to` (inclusive), with every `{n}` in `path` and `content`
  replaced by n. Applied before `files`, for cases that need many similar
  records (the 30% cap with 100 evaluations).
- `as_of`: the `--as-of` date (default 2026-04-10).
- `expect`: the findings; `safe`: true for a case on the allowed side.

Case files may define YAML anchors outside `cases:` (e.g. under `templates:`)
to share file contents between cases.
"""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml

from generator.catalog import CATALOG
from generator.rules.validate import validate_records

from .support import BASE

CASES_DIR = Path(__file__).parent / "cases" / "rules"
DEFAULT_AS_OF = date(2026, 4, 10)


def _load_cases():
    for path in sorted(CASES_DIR.glob("*.yml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            yield path.stem, case


CASES = list(_load_cases())


def _remove(target: Path) -> None:
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    else:
        target.unlink(missing_ok=True)


def _apply(records: Path, files: dict) -> None:
    for relative, content in (files or {}).items():
        target = records / relative
        _remove(target)
        if content is None:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, dict) and "bytes_hex" in content:
            target.write_bytes(bytes.fromhex(content["bytes_hex"]))
        elif isinstance(content, dict) and "symlink" in content:
            target.symlink_to(content["symlink"])
        else:
            target.write_text(content, encoding="utf-8")


def _generate(records: Path, specs: list) -> None:
    for spec in specs or ():
        for n in range(spec["from"], spec["to"] + 1):
            _apply(records, {spec["path"].replace("{n}", str(n)): spec["content"].replace("{n}", str(n))})


def _shown(finding) -> str:
    where = finding.file if finding.line is None else f"{finding.file}:{finding.line}"
    return f"{where} {finding.rule}"


def test_base_program_is_valid():
    result = validate_records(BASE, DEFAULT_AS_OF)
    assert [_shown(f) for f in result.findings] == []


@pytest.mark.parametrize(("rule", "case"), CASES, ids=[f"{rule}:{case['name']}" for rule, case in CASES])
def test_case(rule, case, tmp_path):
    records = tmp_path / "records"
    shutil.copytree(BASE, records)
    _generate(records, case.get("generate"))
    _apply(records, case.get("files"))
    as_of = case.get("as_of", DEFAULT_AS_OF)
    result = validate_records(records, as_of)
    assert Counter(_shown(f) for f in result.findings) == Counter(case["expect"])
    if case.get("safe"):
        assert all(f.rule != rule for f in result.findings)
    else:
        assert any(f.rule == rule for f in result.findings), "a triggering case must produce its rule"


def test_every_rule_has_cases_both_ways():
    triggering = {rule for rule, case in CASES if not case.get("safe")}
    safe = {rule for rule, case in CASES if case.get("safe")}
    assert set(CATALOG) - triggering == set(), "rules without a triggering case"
    assert set(CATALOG) - safe == set(), "rules without a safe case"


def test_every_case_file_is_a_rule():
    assert {path.stem for path in CASES_DIR.glob("*.yml")} <= set(CATALOG)
    for rule, case in CASES:
        assert "expect" in case, f"{rule}: case {case['name']} has no expectation"
