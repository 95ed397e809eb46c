"""The program's follow-up as of one day: visits (第九、十、十五条), problems (第十二条), supports (第十八、十九条).

`ProgramView.followup` holds one `FollowUp`; the internal 走访 and 问题整改 pages, the supports on
the public pages, the ledger's three sheets, the 走访记录表 and the quarter's 推进情况 read it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from ..records.models import Visit
from ..records.models.support import Stage
from ..records.models.visit import UNIVERSITY_VISIT
from ..records.program import Program
from .problems import DONE, OVERDUE, ProblemState, problem_order, problem_states
from .supports import SupportState, achievements, by_status, stages_between, support_states
from .visits import UniversityVisitDue, by_month, university_visits_due


@dataclass(frozen=True)
class QuarterFollowUp:
    """What a quarter's 推进情况 reports of the follow-up: its visits, problems and support stages."""

    first: date
    last: date
    at: date  # the day open and overdue problems are judged: the quarter's last day, or the view's day before it
    visits: list[tuple[str, Visit]]  # by date
    visits_by_kind: dict[str, int]  # every kind of policy.yml, in its order
    opened: list[ProblemState]  # raised in the quarter, as they stand on `at`
    closed: list[ProblemState]  # closed in the quarter
    overdue: list[ProblemState]  # open and past their deadline on `at`, whenever raised
    stages: dict[str, list[tuple[SupportState, Stage]]]  # the stages reached in the quarter, by stage


class FollowUp:
    """Visits, problems and supports of one program as of one day, each derived once."""

    def __init__(self, program: Program, as_of: date):
        self.program, self.policy, self.as_of = program, program.policy, as_of

    # Visits -------------------------------------------------------------------------------

    @cached_property
    def visits(self) -> list[tuple[str, Visit]]:
        """Every visit up to the day, newest first (ties by id)."""
        happened = [(vid, v) for vid, v in self.program.visits.items() if v.date <= self.as_of]
        return sorted(happened, key=lambda item: (-item[1].date.toordinal(), item[0]))

    @cached_property
    def visits_by_month(self) -> dict[str, list[tuple[str, Visit]]]:
        """YYYY-MM -> that month's visits by date, newest month first."""
        visits = dict(self.visits)
        return {month: [(vid, visits[vid]) for vid in ids] for month, ids in by_month(visits).items()}

    @cached_property
    def visits_of_enterprise(self) -> dict[str, list[tuple[str, Visit]]]:
        return self._group(lambda visit: visit.enterprise)

    @cached_property
    def visits_of_university(self) -> dict[str, list[tuple[str, Visit]]]:
        """University id -> its own 派出单位调研 visits, newest first (第九条)."""
        return self._group(lambda visit: visit.university if visit.kind == UNIVERSITY_VISIT else None)

    def _group(self, key) -> dict[str, list[tuple[str, Visit]]]:
        groups: dict[str, list] = defaultdict(list)
        for visit_id, visit in self.visits:
            if (value := key(visit)) is not None:
                groups[value].append((visit_id, visit))
        return dict(groups)

    @cached_property
    def university_visits_due(self) -> list[UniversityVisitDue]:
        """The active residencies and the 派出单位调研 each is due: overdue first, then by when it is due."""
        due = university_visits_due(self.program, self.as_of, self.policy.university_visit_months)
        return sorted(due, key=lambda item: (not item.overdue, item.next_due, item.agreement))

    # Problems -----------------------------------------------------------------------------

    @cached_property
    def problems(self) -> list[ProblemState]:
        """Every problem raised up to the day: 逾期 first, then 办理中 by deadline, then 已办结 newest first."""
        return sorted(problem_states(self.program, self.as_of), key=problem_order)

    @property
    def open_problems(self) -> list[ProblemState]:
        return [state for state in self.problems if state.is_open]

    @property
    def closed_problems(self) -> list[ProblemState]:
        return [state for state in self.problems if state.status == DONE]

    def problems_of(self, record) -> list[ProblemState]:
        """The problems one visit or meeting (a `RecordRef`) raised, in its order."""
        return sorted((s for s in self.problems if s.record == record), key=lambda s: s.index)

    # Supports -----------------------------------------------------------------------------

    @cached_property
    def supports(self) -> dict[str, SupportState]:
        return support_states(self.program, self.as_of)

    @cached_property
    def supports_by_status(self) -> dict[str, list[SupportState]]:
        return by_status(self.supports.values())

    @cached_property
    def public_supports_of_doctor(self) -> dict[str, list[SupportState]]:
        return self._public(lambda state: state.support.doctors or ())

    @cached_property
    def public_supports_of_enterprise(self) -> dict[str, list[SupportState]]:
        return self._public(lambda state: (state.support.enterprise,))

    def _public(self, keys) -> dict[str, list[SupportState]]:
        """Key -> the public supports it has, the latest success first (第十八、十九条)."""
        groups: dict[str, list] = defaultdict(list)
        for state in self.supports.values():
            if state.public:
                for key in dict.fromkeys(keys(state)):
                    groups[key].append(state)
        for items in groups.values():
            items.sort(key=lambda state: (-state.success.date.toordinal(), state.id))
        return dict(groups)

    @cached_property
    def achievements(self) -> dict[str, dict[str, int]]:
        """The home page's 成果: public supports counted by kind, then level."""
        return achievements(self.supports.values(), self.policy.support_kinds, self.policy.support_levels)

    # One quarter ----------------------------------------------------------------------------

    def quarter(self, first: date, last: date) -> QuarterFollowUp:
        at = min(last, self.as_of)
        states = problem_states(self.program, at)
        visits = sorted(((vid, v) for vid, v in self.program.visits.items() if first <= v.date <= at),
                        key=lambda item: (item[1].date, item[0]))
        counts = {kind: sum(1 for _, v in visits if v.kind == kind) for kind in self.policy.visit_kinds}
        return QuarterFollowUp(
            first, last, at, visits, counts,
            opened=[s for s in states if first <= s.raised],
            closed=[s for s in states if s.status == DONE and first <= s.problem.closed],
            overdue=sorted((s for s in states if s.status == OVERDUE), key=problem_order),
            stages=stages_between(support_states(self.program, at).values(), first, at),
        )
