"""data.dates beyond what the models check: reversed ranges and past events dated in the future."""

from __future__ import annotations

from ..queries.problems import raised_problems
from ..records.address import RecordRef
from ..records.models import AnnualEvaluation
from ..records.program import Program
from . import Found, check


def _past_dates(program: Program):
    """(path, loc, what, date) for every date that records something already done."""
    for agreement_id, agreement in program.agreements.items():
        path = RecordRef("agreement", agreement_id)
        yield path, ("signed",), "协议签订日期", agreement.signed
        yield path, ("filing", "date"), "备案日期", agreement.filing.date
    for agreement_id, reports in program.reports.items():
        for period, report in reports.items():
            yield RecordRef.report(agreement_id, period), ("submitted",), "提交日期", report.submitted
    for evaluation_id, evaluation in program.evaluations.items():
        path = RecordRef("evaluation", evaluation_id)
        yield path, ("date",), "评价日期", evaluation.date
        for index, action in enumerate(evaluation.actions or ()):
            if action.date is not None:
                yield path, ("actions", index, "date"), "措施日期", action.date
        for index, score in enumerate(evaluation.scores or ()):
            yield path, ("scores", index, "date"), f"{score.party}的评分日期", score.date
    for meeting_id, meeting in program.meetings.items():
        yield RecordRef("meeting", meeting_id), ("date",), "恳谈会日期", meeting.date
    for need_id, need in program.needs.items():
        yield RecordRef("need", need_id), ("posted",), "需求发布日期", need.posted
    for visit_id, visit in program.visits.items():
        yield RecordRef("visit", visit_id), ("date",), "走访日期", visit.date
    for record, _, _, index, problem in raised_problems(program):
        if problem.closed is not None:
            yield record, ("problems", index, "closed"), "问题办结日期", problem.closed
        if problem.revisit is not None:
            yield record, ("problems", index, "revisit", "date"), "回访日期", problem.revisit.date
    for support_id, support in program.supports.items():
        for index, stage in enumerate(support.stages):
            yield RecordRef("support", support_id), ("stages", index, "date"), f"阶段“{stage.stage}”的日期", stage.date


@check("data.dates", needs_policy=False)
def future_dates(program: Program, as_of) -> Found:
    for path, loc, what, day in _past_dates(program):
        if day > as_of:
            yield path, loc, f"{what} {day} 晚于今天（{as_of}）：只能填写已经发生的日期，请核对"


@check("data.dates", needs_policy=False)
def reversed_covers(program: Program, as_of) -> Found:
    for evaluation_id, evaluation in program.evaluations.items():
        if isinstance(evaluation, AnnualEvaluation) and evaluation.covers.to < evaluation.covers.from_:
            yield (
                RecordRef("evaluation", evaluation_id),
                ("covers", "to"),
                f"covers.to {evaluation.covers.to} 早于 covers.from {evaluation.covers.from_}：请核对评价期间",
            )
        publicity = getattr(evaluation, "publicity", None)
        if publicity is not None and publicity.to < publicity.from_:
            yield (
                RecordRef("evaluation", evaluation_id),
                ("publicity", "to"),
                f"publicity.to {publicity.to} 早于 publicity.from {publicity.from_}：请核对公示期",
            )


@check("data.dates", needs_policy=False)
def need_closed_before_posted(program: Program, as_of) -> Found:
    for need_id, need in program.needs.items():
        if need.closed is not None and need.closed < need.posted:
            yield (
                RecordRef("need", need_id),
                ("closed",),
                f"关闭日期 {need.closed} 早于发布日期 {need.posted}：请核对需求的 closed 与 posted",
            )
