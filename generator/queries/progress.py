"""Quarterly progress (第十三条): residencies active, reports due and received, work by duty."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from ..records.dates import add_days, overlaps, quarter_bounds, quarter_name, quarters_between
from ..records.models import OUTCOME_KEYS
from ..records.program import Program

ON_TIME, LATE, MISSING, PENDING = "按时", "逾期", "未报送", "未到期"


@dataclass(frozen=True)
class ResidencyProgress:
    agreement: str
    doctor: str
    enterprise: str
    report_status: str  # 按时 / 逾期 / 未报送 / 未到期
    submitted: date | None


@dataclass(frozen=True)
class WorkEntry:
    """One work item a quarterly report lists (第八条), with the residency it belongs to."""

    agreement: str
    doctor: str
    enterprise: str
    duty: str
    title: str
    detail: str | None


@dataclass
class Progress:
    period: str
    first: date
    last: date
    due: date  # reports of this quarter are due on this day
    as_of: date
    residencies: list[ResidencyProgress] = field(default_factory=list)
    work_by_duty: dict[str, int] = field(default_factory=dict)
    outcomes: dict[str, int] = field(default_factory=dict)
    work: list[WorkEntry] = field(default_factory=list)  # every work item reported, by agreement

    def count(self, status: str) -> int:
        return sum(1 for row in self.residencies if row.report_status == status)

    @property
    def active(self) -> int:
        return len(self.residencies)

    @property
    def on_time(self) -> int:
        return self.count(ON_TIME)

    @property
    def late(self) -> int:
        return self.count(LATE)

    @property
    def missing(self) -> int:
        return self.count(MISSING)

    @property
    def pending(self) -> int:
        return self.count(PENDING)

    @property
    def owed(self) -> int:
        """Reports whose deadline has passed: received or missing."""
        return self.active - self.pending

    @property
    def received(self) -> int:
        return self.on_time + self.late


def progress(program: Program, year: int, quarter: int, as_of: date) -> Progress:
    """The progress of one quarter as it stands on `as_of`."""
    policy = program.policy
    first, last = quarter_bounds(year, quarter)
    period = quarter_name(year, quarter)
    due = add_days(last, policy.report_due_days)
    result = Progress(period, first, last, due, as_of)
    duties = Counter({duty: 0 for duty in policy.duties})
    outcomes = Counter({key: 0 for key in OUTCOME_KEYS})
    for agreement_id, agreement in sorted(program.agreements.items()):
        if not overlaps(first, last, agreement.start, agreement.end):
            continue
        report = program.reports.get(agreement_id, {}).get(period)
        if report is None:
            status = MISSING if as_of > due else PENDING
        else:
            status = ON_TIME if report.submitted <= due else LATE
            duties.update(item.duty for item in report.work or ())
            result.work += [WorkEntry(agreement_id, agreement.doctor, agreement.enterprise, item.duty, item.title, item.detail)
                            for item in report.work or ()]
            if report.outcomes:
                outcomes.update({k: v for k, v in report.outcomes.model_dump().items() if v})
        result.residencies.append(
            ResidencyProgress(agreement_id, agreement.doctor, agreement.enterprise, status,
                              report.submitted if report else None)
        )
    result.work_by_duty = dict(duties)
    result.outcomes = dict(outcomes)
    return result


def quarters(program: Program, as_of: date) -> list[tuple[int, int]]:
    """Every quarter from the first residency's start to the quarter of `as_of`, oldest first."""
    starts = [agreement.start for agreement in program.agreements.values()]
    if not starts or min(starts) > as_of:
        return []
    return list(quarters_between(min(starts), as_of))


def quarter_ended(year: int, quarter: int, as_of: date) -> bool:
    """Whether the quarter is over on `as_of` (on its last day it is still under way)."""
    return quarter_bounds(year, quarter)[1] < as_of


def quarter_begun(year: int, quarter: int, as_of: date) -> bool:
    """Whether the quarter's first day has come on `as_of`."""
    return quarter_bounds(year, quarter)[0] <= as_of


def overdue_reports(program: Program, as_of: date) -> dict[str, list[tuple[int, int]]]:
    """Agreement -> the quarters whose report is past due and missing on `as_of` (第十三条), oldest first."""
    due_days = program.policy.report_due_days
    overdue = {}
    for agreement_id, agreement in sorted(program.agreements.items()):
        missing = [(year, quarter) for year, quarter in quarters_between(agreement.start, agreement.end)
                   if (as_of - quarter_bounds(year, quarter)[1]).days > due_days
                   and quarter_name(year, quarter) not in program.reports.get(agreement_id, {})]
        if missing:
            overdue[agreement_id] = missing
    return overdue
