"""The loaded program: every valid record by kind and id, and where each came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .ids import FINAL
from .models import Agreement, Doctor, Enterprise, FinalReport, Meeting, Need, Policy, Synonyms, University

__all__ = ["FINAL", "Program"]


@dataclass
class Program:
    """The records of one program after loading.

    Only records that passed their model are here; `present` also knows the ids of
    files that exist but failed, so a broken doctor file does not make every
    agreement that names it report `ref.missing` too.
    """

    root: Path
    policy: Policy | None = None
    universities: dict[str, University] = field(default_factory=dict)
    doctors: dict[str, Doctor] = field(default_factory=dict)
    enterprises: dict[str, Enterprise] = field(default_factory=dict)
    agreements: dict[str, Agreement] = field(default_factory=dict)
    # reports[agreement_id][period], period "2026Q3" or "final"
    reports: dict[str, dict[str, FinalReport]] = field(default_factory=dict)
    evaluations: dict[str, object] = field(default_factory=dict)
    meetings: dict[str, Meeting] = field(default_factory=dict)
    needs: dict[str, Need] = field(default_factory=dict)
    synonyms: Synonyms | None = None  # synonyms.yml is optional
    # folder -> ids of files present, valid or not ("reports" holds "<agreement>/<period>")
    present: dict[str, set[str]] = field(default_factory=dict)
    # relative path -> parsed mapping and source text, for rules over raw values (privacy)
    raw: dict[str, dict] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    record_count: int = 0

    def exists(self, folder: str, record_id: str) -> bool:
        return record_id in self.present.get(folder, ())

    @staticmethod
    def path(folder: str, record_id: str) -> str:
        return f"{folder}/{record_id}.yml"

    def report_path(self, agreement_id: str, period: str) -> str:
        return f"reports/{agreement_id}/{period}.yml"
