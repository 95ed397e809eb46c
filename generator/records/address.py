"""One record address: a record's kind, id and period, and the file it lives in under records/.

Every place that names a record file (the rules placing a finding, the site linking a page to
its record, the ownership check, import) goes through `RecordRef`, so the layout of records/ is
declared once, by the kinds (`kinds.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .ids import is_id, is_period
from .kinds import BY_FILE, BY_FOLDER, KINDS, REPORT, REPORTS_FOLDER, report_kind


@dataclass(frozen=True, order=True)
class RecordRef:
    """A record: `RecordRef("doctor", "zhang-wei")`, `RecordRef.report("a2026-001", "2026Q3")`, `RecordRef("policy")`."""

    kind: str  # a name in KINDS
    id: str = ""  # the file name without .yml; a report's agreement; a kind of one file: its name
    period: str | None = None  # a report's YYYYQn or final

    def __post_init__(self):
        if not self.id and not KINDS[self.kind].folder:
            object.__setattr__(self, "id", self.kind)

    @classmethod
    def report(cls, agreement_id: str, period: str) -> RecordRef:
        """The quarterly report or final summary of one agreement."""
        return cls(report_kind(period).name, agreement_id, period)

    @cached_property  # validation asks each record's path several times; fields alone make equality and order
    def path(self) -> str:
        """The record's file, relative to the records folder."""
        kind = KINDS[self.kind]
        if kind.id_shape == REPORT:
            return f"{kind.folder}/{self.id}/{self.period}.yml"
        return kind.path(self.id)

    @property
    def folder(self) -> str:
        return KINDS[self.kind].folder

    @property
    def record_id(self) -> str:
        """The id as `present` and the ownership check name it: a report's is `<agreement>/<period>`."""
        return f"{self.id}/{self.period}" if self.period else self.id

    @classmethod
    def parse(cls, path: str) -> RecordRef | None:
        """The record a path relative to records/ names, or None when it names none (a stray file, a bad id)."""
        if path in BY_FILE:
            return cls(BY_FILE[path].name)
        stem, dot_yml, _ = path.rpartition(".yml")
        if not dot_yml or path != f"{stem}.yml":
            return None
        folder, _, rest = stem.partition("/")
        if folder == REPORTS_FOLDER:
            agreement, _, period = rest.partition("/")
            if is_id(agreement) and is_period(period):
                return cls.report(agreement, period)
            return None
        kind = BY_FOLDER.get(folder)
        return cls(kind.name, rest) if kind and is_id(rest) else None
