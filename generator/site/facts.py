"""What the pages show that no single record states: residency status, standing, figures.

Everything here is derived from the loaded program as of one day, once per build, and
shared by every page planner.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from ..queries.honor_roll import HonorRoll, honor_roll, rounds
from ..records.models import Agreement
from ..records.models.evaluation import REWARD
from ..records.models.report import Outcomes
from ..records.program import FINAL, Program
from ..queries.matching import Match, Matcher
from ..queries.needs import STATUSES, NeedState, TakeUp, is_stale, need_states, take_up
from ..queries.progress import Progress, progress, quarters
from .text import shown_words
from ..queries.standing import (
    ACTIVE,
    IN_DATABASE,
    dated_actions,
    exit_dates,
    residency_status,
    standing,
)

# outcome key -> its Chinese title, from the model (申请专利, 申报科技计划项目, ...)
OUTCOME_TITLES = {key: field.title for key, field in Outcomes.model_fields.items()}


@dataclass(frozen=True)
class Residency:
    """One agreement with what it means on the day of the build."""

    id: str
    agreement: Agreement
    status: str  # 未开始 / 进行中 / 已期满 / 已终止
    ended_early: date | None  # the doctor's exit from the talent database, inside the term


class Facts:
    """Derived facts of one program as of one day."""

    def __init__(self, program: Program, as_of: date):
        self.program = program
        self.policy = program.policy
        self.as_of = as_of
        self.exits = exit_dates(program)

    # People and places ------------------------------------------------------------------

    def doctor_standing(self, doctor_id: str) -> str:
        return standing(self.program, doctor_id, self.as_of, self.exits)

    def university_name(self, university_id: str) -> str:
        return _name(self.program.universities, university_id)

    def doctor_name(self, doctor_id: str) -> str:
        return _name(self.program.doctors, doctor_id)

    def enterprise_name(self, enterprise_id: str) -> str:
        return _name(self.program.enterprises, enterprise_id)

    def industry_kind(self, industry: str) -> str:
        """主导产业 or 新兴产业 (第六条)."""
        return "主导产业" if industry in self.policy.industries.leading else "新兴产业"

    # Residencies -------------------------------------------------------------------------

    @cached_property
    def residencies(self) -> dict[str, Residency]:
        return {agreement_id: self._residency(agreement_id, agreement)
                for agreement_id, agreement in sorted(self.program.agreements.items())}

    def _residency(self, agreement_id: str, agreement: Agreement) -> Residency:
        return Residency(agreement_id, agreement, *residency_status(agreement, self.as_of, self.exits))

    @cached_property
    def residencies_of_doctor(self) -> dict[str, list[Residency]]:
        return self._group(lambda residency: residency.agreement.doctor)

    @cached_property
    def residencies_of_enterprise(self) -> dict[str, list[Residency]]:
        return self._group(lambda residency: residency.agreement.enterprise)

    def _group(self, key) -> dict[str, list[Residency]]:
        groups: dict[str, list[Residency]] = defaultdict(list)
        for residency in self.residencies.values():
            groups[key(residency)].append(residency)
        for items in groups.values():
            items.sort(key=lambda residency: (residency.agreement.start, residency.id), reverse=True)
        return groups

    @cached_property
    def started(self) -> list[Residency]:
        """Residencies that have begun by the build day (the charts count these)."""
        return [r for r in self.residencies.values() if r.agreement.start <= self.as_of]

    # Enterprise needs (第五条 供需对接, 第十条) ---------------------------------------------

    @cached_property
    def needs(self) -> dict[str, NeedState]:
        return need_states(self.program, self.as_of)

    @cached_property
    def needs_of_enterprise(self) -> dict[str, list[NeedState]]:
        """Enterprise id -> its needs, open first, then newest first."""
        groups: dict[str, list[NeedState]] = defaultdict(list)
        for state in self.needs.values():
            groups[state.need.enterprise].append(state)
        for items in groups.values():
            items.sort(key=need_order)
        return groups

    @cached_property
    def take_up(self) -> TakeUp:
        return take_up(self.needs, self.as_of)

    @cached_property
    def stale_needs(self) -> list[NeedState]:
        """Open needs unanswered longer than need_stale_days (第十条), the oldest first."""
        days = self.policy.need_stale_days
        return sorted((s for s in self.needs.values() if is_stale(s, days)), key=lambda s: (s.need.posted, s.id))

    @cached_property
    def matcher(self) -> Matcher:
        return Matcher(self.program, self.as_of, shown_words)

    @cached_property
    def matches(self) -> tuple[dict[str, list[Match]], dict[str, list[Match]]]:
        """(open need -> its 5 best doctors, doctor -> their 3 best open needs), in one pass."""
        return self.matcher.ranked(top_doctors=5, top_needs=3)

    # Evaluation rounds and quarters ------------------------------------------------------

    @cached_property
    def honor_rolls(self) -> dict[int, HonorRoll]:
        return {round_: honor_roll(self.program, round_) for round_ in rounds(self.program)}

    @cached_property
    def honors_of_doctor(self) -> dict[str, list[HonorRoll]]:
        honors: dict[str, list[HonorRoll]] = defaultdict(list)
        for roll in self.honor_rolls.values():
            for entry in roll.excellent:
                honors[entry.doctor].append(roll)
        return honors

    @cached_property
    def quarters(self) -> list[Progress]:
        """The progress of every quarter up to the build day, newest first (第十三条)."""
        return [progress(self.program, year, quarter, self.as_of)
                for year, quarter in reversed(quarters(self.program, self.as_of))]

    @cached_property
    def report_status(self) -> dict[str, list[tuple[str, str, date | None]]]:
        """Agreement id -> (period, 按时/逾期/未报送/未到期, submitted) for each quarter so far."""
        statuses: dict[str, list] = defaultdict(list)
        for quarter in reversed(self.quarters):
            for row in quarter.residencies:
                statuses[row.agreement].append((quarter.period, row.report_status, row.submitted))
        return statuses

    def final_report(self, agreement_id: str):
        return self.program.reports.get(agreement_id, {}).get(FINAL)

    # Figures and charts -----------------------------------------------------------------

    @cached_property
    def figures(self) -> dict[str, int]:
        """The key figures of the home page."""
        reports = sum(1 for by_period in self.program.reports.values()
                      for report in by_period.values() if report.submitted <= self.as_of)
        rewards = sum(item.amount_yuan or 0 for item in dated_actions(self.program)
                      if item.action == REWARD and item.date <= self.as_of)
        return {
            "doctors": sum(1 for d in self.program.doctors if self.doctor_standing(d) == IN_DATABASE),
            "enterprises": len(self.program.enterprises),
            "active": sum(1 for r in self.residencies.values() if r.status == ACTIVE),
            "reports": reports,
            "rewards_yuan": rewards,
            "open_needs": sum(1 for state in self.needs.values() if state.is_open),
        }

    def doctors_by_university(self) -> list[tuple[str, int]]:
        counts = Counter(self.university_name(doctor.university)
                         for doctor_id, doctor in self.program.doctors.items()
                         if self.doctor_standing(doctor_id) == IN_DATABASE)
        return counts.most_common()

    def residencies_by(self, attribute: str) -> list[tuple[str, int]]:
        """Started residencies counted by an attribute of their enterprise (industry, park)."""
        counts = Counter()
        for residency in self.started:
            enterprise = self.program.enterprises.get(residency.agreement.enterprise)
            counts[getattr(enterprise, attribute) if enterprise else "未知"] += 1
        return counts.most_common()

    def recent_needs_by_status(self) -> list[tuple[str, int]]:
        """The needs posted in the last 12 months, by status (the 需求对接率 chart)."""
        return [(status, self.take_up.by_status[status]) for status in STATUSES if self.take_up.posted]

    def residencies_over_time(self) -> list[tuple[str, int]]:
        """Residencies active in each quarter, oldest first."""
        return [(quarter.period, quarter.active) for quarter in reversed(self.quarters)]


def need_order(state: NeedState) -> tuple:
    """征集中 first, then 已对接, then 已关闭; newest first within each; ties by id."""
    return STATUSES.index(state.status), -state.need.posted.toordinal(), state.id


def _name(records: dict, record_id: str) -> str:
    """A record's name, or its id when the record is missing."""
    record = records.get(record_id)
    return record.name if record else record_id
