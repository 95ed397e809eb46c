"""The loaded program: every valid record by kind and id, and where each came from."""

from __future__ import annotations

import copy
from collections.abc import Iterator, Set
from pathlib import Path

from .address import RecordRef
from .ids import FINAL
from .kinds import BY_FOLDER, KINDS, REPORTS_FOLDER
from .models import (
    Agreement,
    AnnualEvaluation,
    Doctor,
    Enterprise,
    FinalEvaluation,
    FinalReport,
    Meeting,
    Need,
    Policy,
    QuarterlyReport,
    Support,
    Synonyms,
    University,
    Visit,
)

__all__ = ["FINAL", "Program", "RecordRef"]


_KINDS_IN = {kind.folder: {other.name for other in KINDS.values() if other.folder == kind.folder}
             for kind in KINDS.values() if kind.folder}  # folder -> the kinds it holds (reports: two)


class Program:
    """The records of one program after loading, stored by the kind registry (`kinds.py`).

    Only records that passed their model are here; `present` also knows the ids of
    files that exist but failed, so a broken doctor file does not make every
    agreement that names it report `ref.missing` too. A kind of one file (policy.yml,
    synonyms.yml) holds its record or None; a kind in a folder holds id -> record
    (reports: agreement id -> period -> report). The properties below are typed views
    of that storage, for readable access.
    """

    def __init__(self, root: Path):
        self.root = root
        self.files: dict[str, object | None] = {kind.name: None for kind in KINDS.values() if not kind.folder}
        self.folders: dict[str, dict] = {kind.folder: {} for kind in KINDS.values() if kind.folder}
        # folder (or one-file kind) -> ids of files present, valid or not ("reports": "<agreement>/<period>")
        self.present: dict[str, set[str]] = {}
        # relative path -> parsed mapping and source text, for rules over raw values (privacy)
        self.raw: dict[str, dict] = {}
        self.texts: dict[str, str] = {}
        self.record_count = 0

    def note_present(self, ref: RecordRef) -> None:
        """A file for `ref` exists, whether or not it is valid."""
        self.present.setdefault(ref.folder or ref.kind, set()).add(ref.record_id)

    def store(self, ref: RecordRef, record) -> None:
        """Keep a record that passed its model."""
        if not ref.folder:
            self.files[ref.kind] = record
        elif ref.period:
            self.folders[ref.folder].setdefault(ref.id, {})[ref.period] = record
        else:
            self.folders[ref.folder][ref.id] = record

    def records(self, kinds: Set[str] | None = None) -> Iterator[tuple[RecordRef, object]]:
        """Every valid record with its address, kind by kind in the registry's order (of `kinds` only, if given)."""
        for name, record in self.files.items():
            if record is not None and (kinds is None or name in kinds):
                yield RecordRef(name), record
        for folder, records in self.folders.items():
            if kinds is not None and kinds.isdisjoint(_KINDS_IN[folder]):
                continue
            for record_id, record in records.items():
                if isinstance(record, dict):  # reports: agreement -> period -> report (or final report)
                    for period, report in record.items():
                        ref = RecordRef.report(record_id, period)
                        if kinds is None or ref.kind in kinds:
                            yield ref, report
                else:
                    yield RecordRef(BY_FOLDER[folder].name, record_id), record

    def name_of(self, folder: str, record_id: str) -> str:
        """The name of the record `record_id` in `folder` (a university, doctor, enterprise), or the id when it is missing."""
        record = self.folders[folder].get(record_id)
        return record.name if record is not None else record_id

    def exists(self, ref: RecordRef) -> bool:
        """Whether a file for `ref` exists, valid or not."""
        return ref.record_id in self.present.get(ref.folder or ref.kind, ())

    def has_report(self, agreement_id: str, period: str) -> bool:
        """Whether reports/<agreement_id>/<period>.yml exists, valid or not: `exists` without an address per quarter."""
        return f"{agreement_id}/{period}" in self.present.get(REPORTS_FOLDER, ())  # a report's `RecordRef.record_id`

    def with_policy(self, policy) -> Program:
        """The same program read against another policy (the rules' partial policy)."""
        other = copy.copy(self)
        other.files = {**self.files, "policy": policy}
        return other

    @property
    def policy(self) -> Policy | None:
        return self.files["policy"]

    @property
    def synonyms(self) -> Synonyms | None:  # synonyms.yml is optional
        return self.files["synonyms"]

    @property
    def universities(self) -> dict[str, University]:
        return self.folders["universities"]

    @property
    def doctors(self) -> dict[str, Doctor]:
        return self.folders["doctors"]

    @property
    def enterprises(self) -> dict[str, Enterprise]:
        return self.folders["enterprises"]

    @property
    def agreements(self) -> dict[str, Agreement]:
        return self.folders["agreements"]

    @property
    def reports(self) -> dict[str, dict[str, QuarterlyReport | FinalReport]]:
        """agreement id -> period ("2026Q3" or "final") -> report."""
        return self.folders["reports"]

    @property
    def evaluations(self) -> dict[str, AnnualEvaluation | FinalEvaluation]:
        return self.folders["evaluations"]

    @property
    def meetings(self) -> dict[str, Meeting]:
        return self.folders["meetings"]

    @property
    def needs(self) -> dict[str, Need]:
        return self.folders["needs"]

    @property
    def visits(self) -> dict[str, Visit]:
        return self.folders["visits"]

    @property
    def supports(self) -> dict[str, Support]:
        return self.folders["supports"]
