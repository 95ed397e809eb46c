"""One view of the program as of one day: every derived fact, computed once, for every output.

The site's pages and downloads, the ledger, the Word documents and the `progress`,
`honor-roll` and `match` commands are renderers of a `ProgramView`: none of them derives a
status, a standing, a quarter's progress or a name on its own, so two outputs cannot disagree
about the same fact. Facts are computed when first asked for and kept.

Renderers import from here only (a test holds `documents/` and `site/pages/` to it); the
constants and types they need are re-exported below.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from ..findings import Finding
from ..records.address import RecordRef
from ..records.dates import parse_period, quarter_bounds
from ..records.ids import FINAL
from ..records.models import Agreement, AnnualEvaluation, Doctor, Enterprise, FinalEvaluation, FinalReport, QuarterlyReport
from ..records.models.evaluation import REWARD
from ..records.models.report import OUTCOME_TITLES
from ..records.program import Program
from .directories import DATE, NUMBER, STATUS, TEXT, Column, Table, directories
from .followup import FollowUp, QuarterFollowUp
from .honor_roll import DOWN, UP, HonorEntry, HonorRoll, honor_roll, praise_dates, rounds
from .matching import Match, Matcher, matcher_for
from .name_order import pinyin_key, stroke_key
from .needs import CLOSED, MATCHED, OPEN, STATUSES, NeedState, TakeUp, is_stale, need_states, take_up
from .progress import (
    LATE,
    MISSING,
    ON_TIME,
    PENDING,
    Progress,
    overdue_reports,
    progress,
    quarter_begun,
    quarter_ended,
    quarters,
)
from .scoring import RoundScores, ScoredEvaluation, earned_grade, round_scores, shown
from .scoring_round import DueEvaluation, YearWork, due_evaluations, reports_between, year_work
from .standing import (
    ACTIVE,
    EXPIRED,
    IN_DATABASE,
    LEFT_DATABASE,
    NOT_STARTED,
    TERMINATED,
    dated_actions,
    exit_dates,
    residency_status,
    standing,
)

SUBMITTED, NOT_SUBMITTED, NOT_DUE = "已提交", "未提交", "未到期"  # a residency's 入驻工作总结 (第十五条)

__all__ = [
    "ACTIVE",
    "CLOSED",
    "DATE",
    "DOWN",
    "EXPIRED",
    "IN_DATABASE",
    "LATE",
    "LEFT_DATABASE",
    "MATCHED",
    "MISSING",
    "NOT_DUE",
    "NOT_STARTED",
    "NOT_SUBMITTED",
    "NUMBER",
    "ON_TIME",
    "OPEN",
    "OUTCOME_TITLES",
    "PENDING",
    "STATUS",
    "STATUSES",
    "SUBMITTED",
    "TERMINATED",
    "TEXT",
    "UP",
    "AnnualEvaluation",
    "Column",
    "DueEvaluation",
    "FinalEvaluation",
    "FollowUp",
    "HonorEntry",
    "HonorRoll",
    "Match",
    "NeedState",
    "ProgramView",
    "Progress",
    "QuarterFollowUp",
    "Residency",
    "RoundScores",
    "ScoredEvaluation",
    "Table",
    "TakeUp",
    "YearWork",
    "earned_grade",
    "need_order",
    "outcome_totals",
    "pinyin_key",
    "shown",
    "stroke_key",
]


@dataclass(frozen=True)
class Residency:
    """One agreement with what it means on the view's day, and the records it names."""

    id: str
    agreement: Agreement
    status: str  # 未开始 / 进行中 / 已期满 / 已终止
    ended_early: date | None  # the doctor's exit from the talent database, inside the term
    doctor: Doctor | None
    enterprise: Enterprise | None
    doctor_name: str
    enterprise_name: str
    university_name: str

    @property
    def name(self) -> str:
        """张伟（平顶山某某有限公司）: how a document names one residency."""
        return f"{self.doctor_name}（{self.enterprise_name}）"


class ProgramView:
    """Derived facts of one program as of one day (`findings`: the validator's, for what they flag)."""

    def __init__(self, program: Program, as_of: date, findings: list[Finding] | tuple = ()):
        self.program = program
        self.policy = program.policy
        self.as_of = as_of
        self.findings = list(findings)
        self._quarters: dict[tuple[int, int], Progress] = {}

    # People and places ------------------------------------------------------------------

    @cached_property
    def exits(self) -> dict[str, date]:
        """Doctor id -> the day the doctor left the talent database (第十六条)."""
        return exit_dates(self.program)

    def doctor_standing(self, doctor_id: str) -> str:
        return standing(self.program, doctor_id, self.as_of, self.exits)

    def university_name(self, university_id: str) -> str:
        return self.program.name_of("universities", university_id)

    def doctor_name(self, doctor_id: str) -> str:
        return self.program.name_of("doctors", doctor_id)

    def enterprise_name(self, enterprise_id: str) -> str:
        return self.program.name_of("enterprises", enterprise_id)

    def university_of_doctor(self, doctor_id: str) -> str:
        """The name of a doctor's 派出单位, or "" when the doctor or the university is unknown."""
        doctor = self.program.doctors.get(doctor_id)
        return self.university_name(doctor.university) if doctor and doctor.university in self.program.universities else ""

    def industry_kind(self, industry: str) -> str:
        """主导产业 or 新兴产业 (第六条)."""
        return "主导产业" if industry in self.policy.industries.leading else "新兴产业"

    # Residencies -------------------------------------------------------------------------

    @cached_property
    def residencies(self) -> dict[str, Residency]:
        """Every agreement as a residency, in id order."""
        return {agreement_id: self._residency(agreement_id, agreement)
                for agreement_id, agreement in sorted(self.program.agreements.items())}

    def _residency(self, agreement_id: str, agreement: Agreement) -> Residency:
        program = self.program
        return Residency(agreement_id, agreement, *residency_status(agreement, self.as_of, self.exits),
                         program.doctors.get(agreement.doctor), program.enterprises.get(agreement.enterprise),
                         self.doctor_name(agreement.doctor), self.enterprise_name(agreement.enterprise),
                         self.university_of_doctor(agreement.doctor))

    def residency_name(self, agreement_id: str) -> str:
        residency = self.residencies.get(agreement_id)
        return residency.name if residency else agreement_id

    @cached_property
    def residencies_of_doctor(self) -> dict[str, list[Residency]]:
        """Doctor id -> their residencies, newest first."""
        return self._group(lambda residency: residency.agreement.doctor)

    @cached_property
    def residencies_of_enterprise(self) -> dict[str, list[Residency]]:
        """Enterprise id -> its residencies, newest first."""
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
        """Residencies that have begun by the view's day (the charts count these)."""
        return [r for r in self.residencies.values() if r.agreement.start <= self.as_of]

    def outcomes_of(self, agreement_id: str) -> dict[str, int]:
        """Outcome counts summed over a residency's reports (numbers only: public)."""
        return outcome_totals(self.program.reports.get(agreement_id, {}).values())

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
        return matcher_for(self.program, self.as_of)

    @cached_property
    def matches(self) -> tuple[dict[str, list[Match]], dict[str, list[Match]]]:
        """(open need -> its 5 best doctors, doctor -> their 3 best open needs), in one pass."""
        return self.matcher.ranked(top_doctors=5, top_needs=3)

    # Evaluation rounds -------------------------------------------------------------------

    @cached_property
    def honor_rolls(self) -> dict[int, HonorRoll]:
        """Round -> its honor roll (第十六条), oldest round first."""
        return {round_: honor_roll(self.program, round_) for round_ in rounds(self.program)}

    @cached_property
    def honors_of_doctor(self) -> dict[str, list[HonorRoll]]:
        honors: dict[str, list[HonorRoll]] = defaultdict(list)
        for roll in self.honor_rolls.values():
            for entry in roll.excellent:
                honors[entry.doctor].append(roll)
        return honors

    def praise_dates(self, round_: int) -> list[date]:
        """The distinct dates of a round's 通报表扬 actions, oldest first (the 通报's 成文日期 is the one date)."""
        return praise_dates(self.program, round_)

    @cached_property
    def scoring(self) -> dict[int, RoundScores]:
        """Round -> its evaluations ranked by total with the cap (第十五、十六条); empty without policy `evaluation`."""
        if getattr(self.policy, "evaluation", None) is None:
            return {}
        return {round_: round_scores(self.program, round_) for round_ in rounds(self.program)}

    def scored_rounds(self) -> list[int]:
        """The rounds in which some evaluation carries scores, oldest first."""
        return [round_ for round_, scores in self.scoring.items() if any(item.party_totals for item in scores.scored)]

    def scored_evaluation(self, evaluation_id: str) -> ScoredEvaluation | None:
        """One annual evaluation as its round's scoring sees it (None without policy `evaluation`)."""
        evaluation = self.program.evaluations.get(evaluation_id)
        scores = self.scoring.get(getattr(evaluation, "round", None))
        return next((item for item in scores.scored if item.evaluation_id == evaluation_id), None) if scores else None

    def grade_reason(self, scored: ScoredEvaluation) -> str:
        """Why a grade differs from what its total earns: the record's `grade_reason`, or the round's full cap.

        An evaluation that earned excellent but is graded lower because the cap is full needs no
        reason written (第十六条: the cap keeps the highest totals); "" when nothing needs saying.
        """
        if scored.evaluation.grade_reason:
            return scored.evaluation.grade_reason
        excellent = self.policy.excellent_grade
        scores = self.scoring.get(scored.evaluation.round)
        if scored.differs and scored.earned == excellent and scores and scores.cap_full:
            return f"总分达到{excellent}分数线，本轮{excellent}名额（{scores.cap}人）已满"
        return ""

    def graded(self, round_: int) -> dict[str, list[tuple[str, AnnualEvaluation, Residency | None]]]:
        """A round's 年度 evaluations by grade, in `policy.grades` order (every grade, even one nobody got).

        Each group is in 姓氏笔画 order, the order of official name lists (公示, 通报).
        """
        groups: dict[str, list] = {grade: [] for grade in self.policy.grades}
        for evaluation_id, evaluation, residency in self.evaluations(AnnualEvaluation):
            if evaluation.round == round_:
                groups.setdefault(evaluation.grade, []).append((evaluation_id, evaluation, residency))
        for items in groups.values():
            items.sort(key=lambda item: (stroke_key(item[2].doctor_name if item[2] else item[1].agreement), item[0]))
        return groups

    def publicity_periods(self, round_: int) -> dict[tuple[date, date] | None, list[str]]:
        """(from, to) of a round's 公示 -> the evaluations posted then, the most shared period first (None: not recorded)."""
        periods: dict[tuple[date, date] | None, list[str]] = defaultdict(list)
        for evaluation_id, evaluation, _ in self.evaluations(AnnualEvaluation):
            if evaluation.round == round_:
                publicity = evaluation.publicity
                periods[(publicity.from_, publicity.to) if publicity else None].append(evaluation_id)
        return dict(sorted(periods.items(), key=lambda item: (item[0] is None, -len(item[1]), item[0] or ())))

    def covered_reports(self, evaluation: AnnualEvaluation) -> list[tuple[str, QuarterlyReport]]:
        """The quarterly reports of the quarters an annual evaluation's `covers` overlaps, oldest first."""
        return reports_between(self.program, evaluation.agreement, evaluation.covers.from_, evaluation.covers.to)

    def due_evaluations(self, round_: int) -> list[DueEvaluation]:
        """A round's rows to score: its 年度 evaluations and the residency years ended by the view's day without one."""
        return due_evaluations(self.program, round_, self.as_of)

    def year_work(self, due: DueEvaluation) -> YearWork:
        """The reports, work items and outcomes of the residency year a row scores."""
        return year_work(self.program, due.agreement_id, due.first, due.last)

    def evaluations(self, kind: type[AnnualEvaluation] | type[FinalEvaluation]) -> list[tuple[str, object, Residency | None]]:
        """(id, evaluation, its residency) of one kind, in id order."""
        return [(evaluation_id, evaluation, self.residencies.get(evaluation.agreement))
                for evaluation_id, evaluation in sorted(self.program.evaluations.items()) if isinstance(evaluation, kind)]

    def evaluations_of(self, agreement_id: str) -> list[tuple[str, object]]:
        return [(eid, e) for eid, e in sorted(self.program.evaluations.items()) if e.agreement == agreement_id]

    # Quarters (第十三条) ----------------------------------------------------------------

    @cached_property
    def quarters(self) -> list[Progress]:
        """The progress of every quarter from the first residency up to the view's day, newest first."""
        return [self.quarter(year, number) for year, number in reversed(quarters(self.program, self.as_of))]

    def quarter(self, year: int, number: int) -> Progress:
        """The progress of any quarter as it stands on the view's day."""
        if (year, number) not in self._quarters:
            self._quarters[year, number] = progress(self.program, year, number, self.as_of)
        return self._quarters[year, number]

    def quarter_named(self, period: str) -> Progress | None:
        parsed = parse_period(period)
        return self.quarter(*parsed) if parsed else None

    def quarter_ended(self, year: int, number: int) -> bool:
        """Whether the quarter is over on the view's day (on its last day it is still under way)."""
        return quarter_ended(year, number, self.as_of)

    def quarter_begun(self, year: int, number: int) -> bool:
        return quarter_begun(year, number, self.as_of)

    @cached_property
    def overdue_reports(self) -> dict[str, list[tuple[int, int]]]:
        """Agreement -> the quarters whose report is past due and missing (第十三条), oldest first."""
        return overdue_reports(self.program, self.as_of)

    @cached_property
    def report_status(self) -> dict[str, list[tuple[str, str, date | None]]]:
        """Agreement id -> (period, 按时/逾期/未报送/未到期, submitted) for each quarter so far, oldest first."""
        statuses: dict[str, list] = defaultdict(list)
        for quarter in reversed(self.quarters):
            for row in quarter.residencies:
                statuses[row.agreement].append((quarter.period, row.report_status, row.submitted))
        return statuses

    def final_report(self, agreement_id: str) -> FinalReport | None:
        return self.program.reports.get(agreement_id, {}).get(FINAL)

    def final_status(self, agreement_id: str) -> str:
        """The 入驻工作总结 (第十五条): 已提交 and its date, 未提交 once the term is over, else 未到期."""
        final = self.final_report(agreement_id)
        if final:
            return f"{SUBMITTED} {final.submitted.isoformat()}"
        return NOT_SUBMITTED if self.program.agreements[agreement_id].end < self.as_of else NOT_DUE

    # Follow-up: visits (第九、十、十五条), problems (第十二条), supports (第十八、十九条) ------------

    @cached_property
    def followup(self) -> FollowUp:
        return FollowUp(self.program, self.as_of)

    def quarter_followup(self, year: int, number: int) -> QuarterFollowUp:
        """The visits, problems and support stages one quarter's 推进情况 reports."""
        return self.followup.quarter(*quarter_bounds(year, number))

    # What the validator flagged ----------------------------------------------------------

    @cached_property
    def warnings(self) -> list[Finding]:
        return [finding for finding in self.findings if not finding.is_error]

    @cached_property
    def warnings_by_doctor(self) -> dict[str | None, list[Finding]]:
        """The validator's warnings grouped by the doctor they concern (None: no one doctor)."""
        groups = defaultdict(list)
        for finding in self.warnings:
            groups[self._doctor_of(finding.file)].append(finding)
        return dict(groups)

    def _doctor_of(self, record_file: str) -> str | None:
        """The doctor a record file is about, through the agreement it belongs to."""
        ref, program = RecordRef.parse(record_file), self.program
        if ref is None:
            return None
        if ref.kind == "doctor":
            return ref.id
        agreement_id = ref.id if ref.kind in ("agreement", "report", "final-report") else None
        if ref.kind == "evaluation" and ref.id in program.evaluations:
            agreement_id = program.evaluations[ref.id].agreement
        agreement = program.agreements.get(agreement_id) if agreement_id else None
        return agreement.doctor if agreement else None

    # Directories and figures -------------------------------------------------------------

    @cached_property
    def directories(self) -> list[Table]:
        """Every directory as a table (open data, ledger), public and internal columns."""
        return directories(self)


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
            counts[getattr(residency.enterprise, attribute) if residency.enterprise else "未知"] += 1
        return counts.most_common()

    def recent_needs_by_status(self) -> list[tuple[str, int]]:
        """The needs posted in the last 12 months, by status (the 需求对接率 chart)."""
        return [(status, self.take_up.by_status[status]) for status in STATUSES if self.take_up.posted]

    def residencies_over_time(self) -> list[tuple[str, int]]:
        """Residencies active in each quarter, oldest first."""
        return [(quarter.period, quarter.active) for quarter in reversed(self.quarters)]


def outcome_totals(reports) -> dict[str, int]:
    """Outcome counts summed over some reports, every outcome present (zeros too)."""
    totals = Counter({key: 0 for key in OUTCOME_TITLES})
    for report in reports:
        if report.outcomes:
            totals.update({k: v for k, v in report.outcomes.model_dump().items() if v})
    return dict(totals)


def need_order(state: NeedState) -> tuple:
    """征集中 first, then 已对接, then 已关闭; newest first within each; ties by id."""
    return STATUSES.index(state.status), -state.need.posted.toordinal(), state.id
