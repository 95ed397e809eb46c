"""Visits (第九、十五条): the 派出单位调研 each residency is due, and the 联合走访 before a final evaluation.

The rules (`art9.university-visit`, `art15.field-visit`) and the internal 走访 page read the
same answers from here. Windows use the calendar-month arithmetic of 第七条 and include both
ends; a visit dated after the day has not happened and counts for nothing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from ..records.dates import add_months
from ..records.models import Agreement, Visit
from ..records.models.visit import UNIVERSITY_VISIT
from ..records.program import Program
from .standing import ACTIVE, exit_dates, residency_status


def visits_of(program: Program, kind: str, as_of: date) -> dict[str, list[tuple[date, str]]]:
    """Enterprise id -> (date, visit id) of its visits of `kind` up to `as_of`, oldest first."""
    found: dict[str, list[tuple[date, str]]] = defaultdict(list)
    for visit_id, visit in sorted(program.visits.items(), key=lambda item: (item[1].date, item[0])):
        if visit.kind == kind and visit.date <= as_of:
            found[visit.enterprise].append((visit.date, visit_id))
    return found


@dataclass(frozen=True)
class UniversityVisitDue:
    """One active residency and the 派出单位调研 it is due (第九条 单位负责人要适时到入驻企业调研)."""

    agreement: str
    university: str
    enterprise: str
    last: date | None  # the latest 派出单位调研 by the doctor's university to the enterprise
    next_due: date  # the last visit (or the start) plus the interval: when the next one is due
    overdue: bool  # art9.university-visit: started more than the interval ago, no visit within it
    window: tuple[date, date]  # the interval up to the day in which a visit would count


def university_visits_due(program: Program, as_of: date, months: int) -> list[UniversityVisitDue]:
    """Every residency active on `as_of` (with its doctor, university and enterprise on record), in id order."""
    exits = exit_dates(program)
    visits = visits_of(program, UNIVERSITY_VISIT, as_of)
    window = (add_months(as_of, -months), as_of)
    due = []
    for agreement_id, agreement in sorted(program.agreements.items()):
        doctor = program.doctors.get(agreement.doctor)
        if (residency_status(agreement, as_of, exits)[0] != ACTIVE or doctor is None
                or doctor.university not in program.universities or agreement.enterprise not in program.enterprises):
            continue  # not active, or a missing record: ref.missing says so
        dates = [day for day, visit_id in visits.get(agreement.enterprise, ())
                 if program.visits[visit_id].university == doctor.university]
        last = max(dates, default=None)
        started_long_ago = add_months(agreement.start, months) < as_of
        within = any(window[0] <= day <= window[1] for day in dates)
        next_due = add_months(max(last, agreement.start) if last else agreement.start, months)
        due.append(UniversityVisitDue(agreement_id, doctor.university, agreement.enterprise, last, next_due,
                                      started_long_ago and not within, window))
    return due


def field_visit_window(agreement: Agreement, evaluated: date) -> tuple[date, date]:
    """第十五条 实地走访评价: from the term's end minus 3 months to the final evaluation's date."""
    return add_months(agreement.end, -3), evaluated


def field_visits(joint_visits: dict[str, list[tuple[date, str]]], agreement: Agreement, evaluated: date) -> list[str]:
    """The 联合走访 visits to the agreement's enterprise inside its field-visit window.

    `joint_visits` is `visits_of(program, JOINT_VISIT, as_of)`, read once for every evaluation.
    """
    first, last = field_visit_window(agreement, evaluated)
    return [visit_id for day, visit_id in joint_visits.get(agreement.enterprise, ()) if first <= day <= last]


def by_month(visits: dict[str, Visit]) -> dict[str, list[str]]:
    """YYYY-MM -> the visit ids of that month, newest month first, each month by date."""
    months: dict[str, list[str]] = defaultdict(list)
    for visit_id, visit in sorted(visits.items(), key=lambda item: (item[1].date, item[0])):
        months[visit.date.strftime("%Y-%m")].append(visit_id)
    return dict(sorted(months.items(), reverse=True))
