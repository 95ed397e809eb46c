"""The validation pipeline: load the records, run every check, place and sort the findings."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path


from .findings import Finding
from .loading import load
from .program import Program
from .rules import run_checks
from .yamlfile import line_in, compose


@dataclass
class Result:
    program: Program
    findings: list[Finding]
    as_of: date

    @property
    def errors(self) -> int:
        return sum(1 for finding in self.findings if finding.is_error)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors


def validate_records(root: Path, as_of: date) -> Result:
    """Check every record under `root` against rules.md, as of `as_of`.

    Raises `RecordsFolderError` when `root` itself cannot be read.
    """
    program, findings = load(Path(root))
    findings += run_checks(program, as_of)
    return Result(program, sorted(place(findings, program.texts), key=Finding.sort_key), as_of)


def place(findings: list[Finding], texts: dict[str, str]) -> list[Finding]:
    """Fill in the line of every finding that points into a record (one parse per file)."""
    trees: dict[str, object] = {}
    placed = []
    for finding in findings:
        if finding.line is None and finding.loc is not None and finding.file in texts:
            if finding.file not in trees:
                trees[finding.file] = compose(texts[finding.file])
            finding = replace(finding, line=line_in(trees[finding.file], finding.loc, finding.missing))
        placed.append(finding)
    return placed


