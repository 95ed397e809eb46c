"""Problems raised on visits and at 恳谈会 (第十二条): where each stands as of one day, derived, never stored.

A problem is 已办结 when its `closed` date is on or before the day; otherwise 逾期 when the
day is after its deadline (`extended.to` when extended); otherwise 办理中. A `closed` date
still to come leaves the problem open: a date after `--as-of` has not happened yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..records.address import RecordRef
from ..records.models import Problem
from ..records.program import Program

OVERDUE, IN_PROGRESS, DONE = "逾期", "办理中", "已办结"
STATUSES = (OVERDUE, IN_PROGRESS, DONE)  # the order the 问题整改 page lists them in
SOURCES = {"visit": "走访", "meeting": "恳谈会"}  # where a problem was raised


@dataclass(frozen=True)
class ProblemState:
    record: RecordRef  # the visit or meeting that raised it
    raised: date  # that record's date
    index: int  # its place in the record's `problems`
    problem: Problem
    status: str
    days_left: int  # to its deadline from the day; negative when overdue (for a closed problem: unused)
    enterprises: tuple[str, ...]  # the visit's enterprise, or the enterprises of the meeting's agreements

    @property
    def full_id(self) -> str:
        """`visits/v2026-09-10-pds-xincai#p1`: a problem named across the program."""
        return f"{self.record.folder}/{self.record.id}#{self.problem.id}"

    @property
    def source(self) -> str:
        return SOURCES[self.record.kind]

    @property
    def deadline(self) -> date:
        return effective_deadline(self.problem)

    @property
    def is_open(self) -> bool:
        return self.status != DONE


def effective_deadline(problem: Problem) -> date:
    """The deadline in force: the extension's when extended (第十二条 延期)."""
    return problem.extended.to if problem.extended else problem.deadline


def problem_status(problem: Problem, as_of: date) -> str:
    if problem.closed is not None and problem.closed <= as_of:
        return DONE
    return OVERDUE if as_of > effective_deadline(problem) else IN_PROGRESS


def raised_problems(program: Program):
    """(record, its date, enterprises, index, problem) for every problem of every visit and meeting."""
    for visit_id, visit in sorted(program.visits.items()):
        for index, problem in enumerate(visit.problems or ()):
            yield RecordRef("visit", visit_id), visit.date, (visit.enterprise,), index, problem
    for meeting_id, meeting in sorted(program.meetings.items()):
        enterprises = tuple(dict.fromkeys(program.agreements[a].enterprise for a in meeting.agreements
                                          if a in program.agreements))
        for index, problem in enumerate(meeting.problems or ()):
            yield RecordRef("meeting", meeting_id), meeting.date, enterprises, index, problem


def problem_states(program: Program, as_of: date) -> list[ProblemState]:
    """Every problem raised on or before `as_of`, as it stands that day, in the order of their records."""
    return [ProblemState(record, raised, index, problem, problem_status(problem, as_of),
                         (effective_deadline(problem) - as_of).days, enterprises)
            for record, raised, enterprises, index, problem in raised_problems(program) if raised <= as_of]


def problem_order(state: ProblemState) -> tuple:
    """逾期 first (the longest overdue first), then 办理中 by deadline, then 已办结 newest first."""
    if state.status == DONE:
        return STATUSES.index(DONE), -state.problem.closed.toordinal(), state.full_id
    return STATUSES.index(state.status), state.days_left, state.full_id
