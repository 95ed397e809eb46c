"""Findings as the reports CI systems read: GitLab Code Quality, SARIF 2.1.0 and JUnit XML.

Every path in these reports is relative to the repository root (`prefix` is the records
folder relative to it, see `output.repository_prefix`), so the forge can place each
finding on the file, and the line, of a merge request.

- GitLab Code Quality: a JSON list of issues (`description`, `check_name`, `fingerprint`,
  `severity`, `location.path`, `location.lines.begin`); GitLab shows them in the merge
  request widget and on the changed lines of its diff.
- SARIF 2.1.0: one run whose `tool.driver.rules` is the whole rule catalog; each result
  names its rule, level, message and place.
- JUnit XML: one test case per file of the records folder; a file with errors fails,
  and its failure lists every finding of that file.
"""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict

from .. import __version__
from ..catalog import CATALOG
from ..findings import Finding
from ..records.values import NOT_XML
from ..rules.validate import Result

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
TOOL = "gaoxin"
# GitLab's scale is info, minor, major, critical, blocker; an error blocks the merge, a warning only tells.
GITLAB_SEVERITY = {"error": "major", "warning": "minor"}
LEVEL_NAMES = {"error": "错误", "warning": "警告"}
_NOT_XML = re.compile(f"[{NOT_XML}]")  # characters XML 1.0 cannot carry at all


def in_repository(prefix: str, path: str) -> str:
    """A path under the records folder, as a path from the repository root."""
    return f"{prefix}/{path}" if prefix not in ("", ".") else path


def fingerprints(findings: list[Finding], prefix: str) -> list[str]:
    """One fingerprint per finding: the same finding gets the same one on every run.

    Made of the file, the rule and the key the finding is about, not the line or the
    message: a line moves when someone edits above it, and some messages count days,
    so either would make GitLab report an unchanged problem as fixed and new again.
    Findings that share file, rule and key are told apart by their order.
    """
    seen: Counter = Counter()
    out = []
    for finding in findings:
        identity = (in_repository(prefix, finding.file), finding.rule, finding.key)
        seen[identity] += 1
        text = "\0".join([*identity, str(seen[identity])])
        out.append(hashlib.sha256(text.encode("utf-8")).hexdigest())
    return out


def as_gitlab(result: Result, prefix: str) -> str:
    """The GitLab Code Quality report (artifacts:reports:codequality)."""
    issues = []
    for finding, fingerprint in zip(result.findings, fingerprints(result.findings, prefix)):
        issues.append({
            "description": f"{finding.message}（{finding.rule}）",
            "check_name": finding.rule,
            "fingerprint": fingerprint,
            "severity": GITLAB_SEVERITY[finding.severity.value],
            "location": {"path": in_repository(prefix, finding.file), "lines": {"begin": finding.line or 1}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2)


def as_sarif(result: Result, prefix: str) -> str:
    """One SARIF 2.1.0 log: the rule catalog as the tool's rules, every finding as a result."""
    index = {rule_id: position for position, rule_id in enumerate(CATALOG)}
    rules = [{
        "id": info.id,
        "name": info.id,
        "shortDescription": {"text": info.summary},
        "defaultConfiguration": {"level": info.severity.value},
        "properties": {"article": info.article} if info.article else {},
    } for info in CATALOG.values()]
    results = []
    for finding, fingerprint in zip(result.findings, fingerprints(result.findings, prefix)):
        location = {"artifactLocation": {"uri": in_repository(prefix, finding.file)}}
        if finding.line is not None:
            location["region"] = {"startLine": finding.line}
        results.append({
            "ruleId": finding.rule,
            "ruleIndex": index[finding.rule],
            "level": finding.severity.value,
            "message": {"text": finding.message},
            "locations": [{"physicalLocation": location}],
            "partialFingerprints": {"gaoxin/v1": fingerprint},
        })
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": TOOL, "version": __version__, "rules": rules}},
            "results": results,
            "invocations": [{"executionSuccessful": True}],
            "properties": {"as_of": result.as_of.isoformat()},
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)


def as_junit(result: Result, prefix: str) -> str:
    """JUnit XML: a test case per record file; errors fail it, every finding is in its text."""
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in result.findings:
        by_file[finding.file].append(finding)
    files = sorted(set(result.program.texts) | set(by_file))
    failed = sum(1 for path in files if any(f.is_error for f in by_file[path]))
    suites = ET.Element("testsuites", name="gaoxin validate", tests=str(len(files)), failures=str(failed),
                        errors="0", time="0")
    suite = ET.SubElement(suites, "testsuite", name=f"记录校验（截至 {result.as_of}）", tests=str(len(files)),
                          failures=str(failed), errors="0", skipped="0", time="0")
    for path in files:
        case = ET.SubElement(suite, "testcase", name=_xml_text(in_repository(prefix, path)),
                             classname=_xml_text(_classname(prefix, path)), time="0")
        findings = by_file[path]
        errors = [finding for finding in findings if finding.is_error]
        text = "\n".join(_junit_line(finding) for finding in findings)
        if errors:
            failure = ET.SubElement(case, "failure", type=errors[0].rule,
                                    message=_xml_text(f"{len(errors)} 个错误：{errors[0].message}"))
            failure.text = _xml_text(text)
        elif findings:
            ET.SubElement(case, "system-out").text = _xml_text(text)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")


def _classname(prefix: str, path: str) -> str:
    folder = path.split("/", 1)[0] if "/" in path else ""
    return in_repository(prefix, folder).rstrip("/") or "records"


def _junit_line(finding: Finding) -> str:
    where = f"第 {finding.line} 行" if finding.line is not None else "整个文件"
    return f"{where} {LEVEL_NAMES[finding.severity.value]} {finding.rule}：{finding.message}"


def _xml_text(text: str) -> str:
    """Text XML can hold: a character it cannot is written as its escape, e.g. \\x07."""
    return _NOT_XML.sub(lambda match: f"\\x{ord(match[0]):02x}" if ord(match[0]) < 0x100
                        else f"\\u{ord(match[0]):04x}", text)
