"""The validation pipeline: load the records, run every check, place and sort the findings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..findings import Finding
from ..records.loading import ReadCache, load
from ..records.positions import place
from ..records.program import Program
from . import run_checks


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


def validate_records(root: Path, as_of: date, extra: dict[str, str] | None = None,
                     cache: ReadCache | None = None) -> Result:
    """Check every record under `root` (plus the `extra` files not yet written) against every rule, as of `as_of`.

    With `cache`, files unchanged since the last load through it are not read again (`gaoxin serve`).
    Raises `RecordsFolderError` when `root` itself cannot be read.
    """
    program, findings = load(Path(root), extra, cache)
    findings += run_checks(program, as_of)
    return Result(program, sorted(place(findings, program.texts), key=Finding.sort_key), as_of)
