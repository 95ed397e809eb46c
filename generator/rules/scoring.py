"""Scoring the annual evaluation (第十五、十六条): the parties' points, the grade a total earns, the order, the 公示."""

from __future__ import annotations

from collections import defaultdict

from ..queries.scoring import exact, rank, round_scores, shown
from ..records.address import RecordRef
from ..records.models import AnnualEvaluation, FinalEvaluation
from ..records.models.evaluation import PRAISE
from ..records.program import Program
from . import Found, check
from .evaluations import annual_evaluations


@check("art16.scores")
def scores(program: Program, as_of) -> Found:
    scheme = program.policy.evaluation
    for evaluation_id, evaluation in program.evaluations.items():
        path = RecordRef("evaluation", evaluation_id)
        if isinstance(evaluation, FinalEvaluation):
            if evaluation.scores:
                yield path, ("scores",), "期满评价不打分（第十五条：评分只用于年度评价）：请删除 scores，把各单位意见写在 opinion 中"
            continue
        if scheme is None:
            for key in ("scores", "grade_reason"):
                if getattr(evaluation, key) is not None:
                    yield path, (key,), (f"policy.yml 没有 evaluation（考核评分办法），不能写 {key}："
                                         "请先在 policy.yml 中写明评分单位、权重、考核指标和分数线，或删除这一项")
            continue
        yield from _scores_of(path, evaluation, scheme)


def _scores_of(path: RecordRef, evaluation: AnnualEvaluation, scheme) -> Found:
    seen = set()
    for index, score in enumerate(evaluation.scores or ()):
        where = ("scores", index)
        if score.party not in scheme.parties:
            yield path, (*where, "party"), (f"评分单位“{score.party}”不在 policy.yml 的 evaluation.parties 之中"
                                            f"（{'、'.join(scheme.parties)}）：请从中选择")
        elif score.party in seen:
            yield path, (*where, "party"), f"{score.party} 已经评过分：每个单位只评一次，请合并成一项"
        seen.add(score.party)
        absent = [item.name for item in scheme.indicators if item.name not in score.points]
        if absent:
            yield path, (*where, "points"), f"{score.party} 的评分缺少指标 {'、'.join(absent)}：每项考核指标都要打分"
        for name, points in score.points.items():
            weight = scheme.weight_of(name)
            if weight is None:
                yield path, (*where, "points", name), (f"考核指标“{name}”不在 policy.yml 的 evaluation.indicators 之中"
                                                       f"（{'、'.join(item.name for item in scheme.indicators)}）：请核对指标名称")
            elif not 0 <= exact(points) <= weight:
                yield path, (*where, "points", name), f"“{name}”得分 {points} 超出 0 至 {weight} 分：请核对"


@check("art16.scores-missing")
def scores_missing(program: Program, as_of) -> Found:
    scheme = program.policy.evaluation
    if scheme is None:
        return
    for evaluation_id, evaluation in annual_evaluations(program):
        scored = {score.party for score in evaluation.scores or ()}
        absent = [party for party in scheme.parties if party not in scored]
        if scored and absent and scored <= set(scheme.parties):  # a misspelt party is art16.scores
            yield (RecordRef("evaluation", evaluation_id), ("scores",),
                   f"还缺 {'、'.join(absent)} 的评分（第十五条：由{'、'.join(scheme.parties)}共同评价）：请补齐后再定等次")


@check("art16.score-grade")
def score_grade(program: Program, as_of) -> Found:
    policy = program.policy
    if policy.evaluation is None:
        return
    for round_ in _rounds(program):
        scored = round_scores(program, round_)
        for item in scored.scored:
            if not item.complete or item.grade not in policy.grades or not _clean(item.evaluation, policy.evaluation):
                continue
            given, earned = rank(item.grade, policy), rank(item.earned, policy)
            total = f"总分 {shown(item.total)}"
            if given < earned:
                yield (RecordRef("evaluation", item.evaluation_id), ("grade",),
                       f"{total} 应得“{item.earned}”，不能评为更高的“{item.grade}”（第十六条）：请核对评分或等次")
            elif given > earned and item.evaluation.grade_reason is None and not _capped(item, scored, policy):
                yield (RecordRef("evaluation", item.evaluation_id), ("grade",),
                       f"{total} 应得“{item.earned}”，评为“{item.grade}”：请在 grade_reason 中写明原因")


def _capped(item, scored, policy) -> bool:
    """Earned excellent, graded the next grade down, and the round's excellent places are all taken."""
    return (item.earned == policy.excellent_grade and rank(item.grade, policy) == rank(item.earned, policy) + 1
            and scored.cap_full)


@check("art16.score-order")
def score_order(program: Program, as_of) -> Found:
    policy = program.policy
    if policy.evaluation is None or policy.excellent_grade not in policy.evaluation.grade_floors:
        return
    floor = exact(policy.evaluation.grade_floors[policy.excellent_grade])
    for round_ in _rounds(program):
        complete = [item for item in round_scores(program, round_).scored
                    if item.complete and _clean(item.evaluation, policy.evaluation)]
        passed_over = [item for item in complete if item.grade != policy.excellent_grade and item.total >= floor]
        if not passed_over:
            continue
        best = max(passed_over, key=lambda item: item.total)
        for item in complete:
            if item.grade == policy.excellent_grade and item.total < best.total:
                yield (RecordRef("evaluation", item.evaluation_id), ("grade",),
                       f"评为{policy.excellent_grade}，总分 {shown(item.total)} 却低于达到{policy.excellent_grade}分数线而未评"
                       f"{policy.excellent_grade}的 {best.evaluation_id}（总分 {shown(best.total)}）"
                       "（第十六条：优秀名额按总分从高到低确定）：请核对评分或等次")


@check("art16.publicity", needs_policy=False)
def publicity(program: Program, as_of) -> Found:
    scheme = getattr(program.policy, "evaluation", None) if program.policy is not None else None
    for evaluation_id, evaluation in annual_evaluations(program):
        period = evaluation.publicity
        if period is None or period.to < period.from_:
            continue  # no 公示, or a reversed one (data.dates)
        path = RecordRef("evaluation", evaluation_id)
        days = (period.to - period.from_).days + 1
        if scheme is not None and days < scheme.publicity_days:
            yield path, ("publicity",), (f"公示期 {period.from_} 至 {period.to} 只有 {days} 天，少于规定的 "
                                         f"{scheme.publicity_days} 天：请延长公示期")
        for index, action in enumerate(evaluation.actions or ()):
            when = action.date or evaluation.date
            if action.action == PRAISE and when <= period.to:
                loc = ("actions", index, "date" if action.date else "action")
                yield path, loc, (f"通报表扬日期 {when} 不在公示期满（{period.to}）之后（第十六条：考核结果公示期满无异议后再通报）："
                                  "请核对通报日期或公示期")


def _clean(evaluation: AnnualEvaluation, scheme) -> bool:
    """Scores the rules can total: nothing art16.scores would report (known parties once each, every indicator in range)."""
    return not any(_scores_of(None, evaluation, scheme))


def _rounds(program: Program) -> dict[int, list[str]]:
    rounds = defaultdict(list)
    for evaluation_id, evaluation in annual_evaluations(program):
        if evaluation.scores:
            rounds[evaluation.round].append(evaluation_id)
    return rounds

