"""Who is scored in an annual round (第十五、十六条), and the work each did in the year scored.

A round's rows, one per residency year due for its annual evaluation:

- every 年度 evaluation recorded with that `round` (whatever its `covers`), and
- every residency year (`residency_years`: the 12 months from the start, then the next 12…)
  whose first day falls in the round's year and whose last day is on or before `as_of`, that
  no 年度 evaluation of the agreement covers yet (the overlap `art16.evaluation-missing` uses),
  and whose doctor had not left the talent database before it ended. Such a row names the
  evaluation the scores will create: `e<round>-<doctor>` like the sample's, or
  `e<round>-<agreement>` when that id is taken.

The round is the year a residency year begins: the sample's round 2025 covers 2025-03-01 to
2026-02-28 and 2025-07-01 to 2026-06-30. A residency year not yet ended is left out: staff
score a year after it ends (export with a later --as-of to prepare the sheet ahead).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..records.dates import overlaps, parse_period, quarter_bounds, residency_years
from ..records.ids import FINAL
from ..records.models import AnnualEvaluation, QuarterlyReport
from ..records.program import Program
from .standing import exit_dates


@dataclass(frozen=True)
class YearWork:
    """What a residency year's quarterly reports record: how many reports, work items and outcomes."""

    reports: int
    work_items: int
    outcomes: int


@dataclass(frozen=True)
class DueEvaluation:
    """One row of a round's scoring: an evaluation recorded, or the one its scores will create."""

    evaluation_id: str
    agreement_id: str
    first: date  # the residency year scored (the evaluation's `covers`)
    last: date
    evaluation: AnnualEvaluation | None  # None: not recorded yet

    @property
    def new(self) -> bool:
        return self.evaluation is None


def due_evaluations(program: Program, round_: int, as_of: date) -> list[DueEvaluation]:
    """The round's rows, in evaluation id order."""
    annual = {evaluation_id: evaluation for evaluation_id, evaluation in program.evaluations.items()
              if isinstance(evaluation, AnnualEvaluation)}
    rows = [DueEvaluation(evaluation_id, evaluation.agreement, evaluation.covers.from_, evaluation.covers.to, evaluation)
            for evaluation_id, evaluation in annual.items() if evaluation.round == round_]
    taken = set(program.evaluations)
    exits = exit_dates(program)
    for agreement_id, agreement in sorted(program.agreements.items()):
        covered = [(e.covers.from_, e.covers.to) for e in annual.values() if e.agreement == agreement_id]
        left = exits.get(agreement.doctor)
        for _, first, last in residency_years(agreement.start, agreement.end):
            if first.year != round_ or last > as_of or (left is not None and left <= last):
                continue
            if any(overlaps(first, last, start, end) for start, end in covered):
                continue
            evaluation_id = new_evaluation_id(round_, agreement.doctor, agreement_id, taken)
            taken.add(evaluation_id)
            rows.append(DueEvaluation(evaluation_id, agreement_id, first, last, None))
    return sorted(rows, key=lambda row: row.evaluation_id)


def new_evaluation_id(round_: int, doctor: str, agreement_id: str, taken: set[str]) -> str:
    """`e2026-zhang-wei`, as the sample names its annual evaluations; `e2026-a2026-001` when that is taken."""
    preferred = f"e{round_}-{doctor}"
    return preferred if preferred not in taken and len(preferred) <= 64 else f"e{round_}-{agreement_id}"


def reports_between(program: Program, agreement_id: str, first: date, last: date) -> list[tuple[str, QuarterlyReport]]:
    """(period, report) of an agreement's quarters that overlap `first`..`last`, oldest first (a boundary quarter
    counts for both years it touches)."""
    found = []
    for period, report in sorted(program.reports.get(agreement_id, {}).items()):
        parsed = parse_period(period) if period != FINAL else None
        if parsed is not None and overlaps(*quarter_bounds(*parsed), first, last):
            found.append((period, report))
    return found


def year_work(program: Program, agreement_id: str, first: date, last: date) -> YearWork:
    """What the quarterly reports of a residency year record."""
    reports = [report for _, report in reports_between(program, agreement_id, first, last)]
    work_items = sum(len(report.work or ()) for report in reports)
    outcomes = sum(count for report in reports if report.outcomes
                   for count in report.outcomes.model_dump().values() if count)
    return YearWork(len(reports), work_items, outcomes)
