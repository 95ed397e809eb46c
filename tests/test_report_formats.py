"""validate --format gitlab|sarif|junit: each report checked against its schema or read by a JUnit reader.

The records are a copy of the base case inside a git repository, so every path in the
reports is relative to the repository root (records/...), as the forges expect.
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from junitparser import Failure, JUnitXml

from generator.catalog import CATALOG
from generator.cli import main
from generator.cli.report_formats import _xml_text

from .support import ROOT

SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
AS_OF = "2026-04-10"


@pytest.fixture
def repo(base_records, monkeypatch) -> Path:
    """The base case with one error (art7.term, line 5) and one warning (art7.position), in a git repository."""
    subprocess.run(["git", "init", "-q", str(base_records.parent)], check=True)
    agreement = base_records / "agreements" / "a1.yml"
    text = agreement.read_text(encoding="utf-8").replace("end: 2027-02-28", "end: 2027-02-27")
    agreement.write_text(text.replace("position: 科技副总", "position: 顾问"), encoding="utf-8")
    monkeypatch.chdir(base_records.parent)
    return base_records.parent


@pytest.fixture
def report(capsys):
    """Run `gaoxin validate --format KIND` in the current folder: (exit code, standard output)."""

    def run(kind: str, records: str = "records") -> tuple[int, str]:
        code = main(["validate", "--records", records, "--as-of", AS_OF, "--format", kind])
        out, err = capsys.readouterr()
        assert err.startswith("已校验"), "the summary line goes to stderr, the report alone to stdout"
        return code, out

    return run


# --- GitLab Code Quality ----------------------------------------------------------------------------


def test_gitlab_code_quality_report(repo, report):
    code, out = report("gitlab")
    assert code == 1
    issues = json.loads(out)
    assert {issue["check_name"] for issue in issues} == {"art7.term", "art7.position"}
    term = next(issue for issue in issues if issue["check_name"] == "art7.term")
    assert term["severity"] == "major"
    assert term["location"] == {"path": "records/agreements/a1.yml", "lines": {"begin": 5}}
    assert term["description"].startswith("入驻期限不足12个月（第七条）")
    position = next(issue for issue in issues if issue["check_name"] == "art7.position")
    assert position["severity"] == "minor"
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1


def test_fingerprints_are_unique_and_survive_an_edit_above(repo, report):
    _, before = report("gitlab")
    agreement = repo / "records" / "agreements" / "a1.yml"
    agreement.write_text("# 新增的注释行\n" + agreement.read_text(encoding="utf-8"), encoding="utf-8")
    _, after = report("gitlab")
    before, after = json.loads(before), json.loads(after)
    assert [issue["location"]["lines"]["begin"] for issue in after] != [i["location"]["lines"]["begin"] for i in before]
    assert {i["check_name"]: i["fingerprint"] for i in before} == {i["check_name"]: i["fingerprint"] for i in after}
    assert len({issue["fingerprint"] for issue in after}) == len(after)


def test_findings_alike_but_for_their_line_get_different_fingerprints():
    from generator.cli.report_formats import fingerprints
    from generator.findings import Finding, Severity

    twins = [Finding("notes.txt", None, "file.unexpected", Severity.ERROR, "一"),
             Finding("notes.txt", None, "file.unexpected", Severity.ERROR, "二")]
    first, second = fingerprints(twins, "records")
    assert first != second and fingerprints(twins, "records") == [first, second]


def test_a_clean_program_gives_an_empty_report(base_records, report):
    code, out = report("gitlab", str(base_records))
    assert code == 0 and json.loads(out) == []


# --- SARIF 2.1.0 -------------------------------------------------------------------------------------


def check_sarif(text: str, folder: Path) -> subprocess.CompletedProcess:
    log = folder / "gaoxin.sarif"
    log.write_text(text, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--schemafile", str(SARIF_SCHEMA), str(log)],
                          check=False, capture_output=True, text=True)


def test_sarif_is_valid_against_the_sarif_2_1_0_schema(repo, report, tmp_path):
    _, out = report("sarif")
    done = check_sarif(out, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_schema_check_would_catch_a_broken_log(repo, report, tmp_path):
    _, out = report("sarif")
    broken = json.loads(out)
    broken["runs"][0]["results"][0]["level"] = "fatal"
    assert check_sarif(json.dumps(broken), tmp_path).returncode == 1


def test_sarif_carries_the_catalog_and_each_finding(repo, report):
    _, out = report("sarif")
    run = json.loads(out)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == list(CATALOG)
    term = next(result for result in run["results"] if result["ruleId"] == "art7.term")
    assert term["level"] == "error"
    assert rules[term["ruleIndex"]]["id"] == "art7.term"
    assert rules[term["ruleIndex"]]["properties"] == {"article": "第七条"}
    assert term["message"]["text"].startswith("入驻期限不足12个月")
    assert term["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "records/agreements/a1.yml"}, "region": {"startLine": 5}}
    position = next(result for result in run["results"] if result["ruleId"] == "art7.position")
    assert position["level"] == "warning"


# --- JUnit XML ---------------------------------------------------------------------------------------


def test_junit_has_one_case_per_record_file_and_failures_carry_the_findings(repo, report):
    code, out = report("junit")
    assert code == 1
    xml = JUnitXml.fromstring(out.encode("utf-8"))  # bytes: lxml refuses text that declares its encoding
    cases = {case.name: case for suite in xml for case in suite}
    files = sorted(path.relative_to(repo).as_posix() for path in (repo / "records").rglob("*.yml"))
    assert sorted(cases) == files
    failing = cases["records/agreements/a1.yml"]
    [failure] = failing.result
    assert isinstance(failure, Failure)
    assert failure.type == "art7.term"
    assert failure.message.startswith("1 个错误：入驻期限不足12个月")
    assert "第 5 行 错误 art7.term：入驻期限不足12个月" in failure.text
    assert "警告 art7.position" in failure.text, "warnings of a failing file are listed with its errors"
    assert all(case.is_passed for name, case in cases.items() if name != "records/agreements/a1.yml")
    assert xml.failures == 1 and xml.tests == len(files)


def test_junit_names_files_that_are_not_records(repo, report):
    (repo / "records" / "doctors" / "notes.txt").write_text("备忘\n", encoding="utf-8")
    _, out = report("junit")
    cases = {case.name: case for suite in JUnitXml.fromstring(out.encode("utf-8")) for case in suite}
    assert cases["records/doctors/notes.txt"].result[0].type == "file.unexpected"


def test_text_xml_cannot_hold_is_escaped_not_dropped():
    text = "铃\x07声\x00和\ufffe"
    element = ET.fromstring(f"<a>{_xml_text(text)}</a>")
    assert element.text == "铃\\x07声\\x00和\\ufffe"
