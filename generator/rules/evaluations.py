"""Evaluations: 期满 (第十五条), annual rounds, the 30% cap, rewards and exits (第十六条)."""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction

from ..queries.honor_roll import UP, cap_rounding
from ..queries.honor_roll import excellent_cap as round_cap
from ..queries.standing import dated_actions, exit_dates
from ..records.address import RecordRef
from ..records.dates import overlaps, residency_years
from ..records.models import AnnualEvaluation, FinalEvaluation
from ..records.models.evaluation import CRITICISM, EXIT, REWARD
from ..records.program import FINAL, Program
from . import Found, check


def annual_evaluations(program: Program):
    for evaluation_id, evaluation in program.evaluations.items():
        if isinstance(evaluation, AnnualEvaluation):
            yield evaluation_id, evaluation


@check("schema.field")
def excellent_grade(program: Program, as_of) -> Found:
    allowed = program.policy.grades
    if program.policy.excellent_grade not in allowed:
        yield (RecordRef("policy"), ("excellent_grade",),
               f"excellent_grade“{program.policy.excellent_grade}”不在 grades 之中：请从 {'、'.join(allowed)} 中选择")


@check("art15.final-needs-report", needs_policy=False)
def final_needs_report(program: Program, as_of) -> Found:
    for evaluation_id, evaluation in program.evaluations.items():
        if isinstance(evaluation, FinalEvaluation) and not program.has_report(evaluation.agreement, FINAL):
            yield (
                RecordRef("evaluation", evaluation_id),
                ("kind",),
                f"协议 {evaluation.agreement} 还没有入驻工作总结（第十五条：期满后先提交总结，再评价）："
                f"请先提交 reports/{evaluation.agreement}/final.yml",
            )


@check("art15.evaluators")
def final_evaluators(program: Program, as_of) -> Found:
    required = program.policy.final_evaluators
    for evaluation_id, evaluation in program.evaluations.items():
        if isinstance(evaluation, FinalEvaluation):
            absent = [name for name in required if name not in evaluation.evaluators]
            if absent:
                yield (
                    RecordRef("evaluation", evaluation_id),
                    ("evaluators",),
                    f"期满评价缺少评价单位 {'、'.join(absent)}（第十五条：由{'、'.join(required)}共同评价）：请补入 evaluators",
                )


@check("art16.evaluation-missing")
def evaluation_missing(program: Program, as_of) -> Found:
    due_days = program.policy.evaluation_due_days
    covered = defaultdict(list)
    for _, evaluation in annual_evaluations(program):
        covered[evaluation.agreement].append((evaluation.covers.from_, evaluation.covers.to))
    for agreement_id, agreement in program.agreements.items():
        periods = covered.get(agreement_id, ())
        for year, first, last in residency_years(agreement.start, agreement.end):
            if (as_of - last).days <= due_days:
                break
            if not any(overlaps(first, last, start, end) for start, end in periods):
                yield (
                    RecordRef("agreement", agreement_id),
                    None,
                    f"第{year}个入驻年度（{first} 至 {last}）结束已超过 {due_days} 天，仍无年度评价（第十六条：每入驻12个月评价一次）："
                    f"请提交 kind: 年度、covers 为该期间的评价",
                )


@check("art16.excellent-cap")
def excellent_cap(program: Program, as_of) -> Found:
    ratio: Fraction = program.policy.excellent_fraction
    excellent_grade = program.policy.excellent_grade
    rounds = defaultdict(list)
    for evaluation_id, evaluation in annual_evaluations(program):
        rounds[evaluation.round].append((evaluation_id, evaluation.grade == excellent_grade))
    for round_, evaluations in rounds.items():
        excellent = [evaluation_id for evaluation_id, is_excellent in evaluations if is_excellent]
        allowed = round_cap(ratio, len(evaluations), cap_rounding(program.policy))  # exact: 0.29 x 100 is 29
        if len(excellent) > allowed:
            for evaluation_id in excellent:
                yield (
                    RecordRef("evaluation", evaluation_id),
                    ("grade",),
                    f"{round_} 轮年度评价优秀 {len(excellent)} 人，超过参评 {len(evaluations)} 人的 {_percent(ratio)}"
                    f"（第十六条：{_rounded(program.policy)}最多 {allowed} 人）：请调整本轮优秀名单",
                )


def _rounded(policy) -> str:
    return "按向上进位，" if cap_rounding(policy) == UP else ""


def _percent(ratio: Fraction) -> str:
    return f"{float(ratio * 100):g}%"


@check("art16.reward")
def reward(program: Program, as_of) -> Found:
    amount = program.policy.excellent_reward_yuan
    excellent_grade = program.policy.excellent_grade
    for evaluation_id, evaluation in program.evaluations.items():
        path = RecordRef("evaluation", evaluation_id)
        rewards = [(index, action) for index, action in enumerate(evaluation.actions or ()) if action.action == REWARD]
        is_excellent = evaluation.grade == excellent_grade
        if not is_excellent:
            for index, _ in rewards:
                yield (path, ("actions", index, "action"),
                       f"等次为“{evaluation.grade}”，不应有奖励（第十六条：只奖励评价为{excellent_grade}的博士）：请删除这项奖励")
        elif isinstance(evaluation, AnnualEvaluation):
            if not rewards:
                yield (path, ("grade",), f"评价为{excellent_grade}，但 actions 中没有奖励（第十六条：每人奖励{amount}元）："
                                         f"请加上 action: 奖励, amount_yuan: {amount}")
            for index, action in rewards:
                if action.amount_yuan != amount:
                    yield (path, ("actions", index, "amount_yuan"),
                           f"奖励金额 {action.amount_yuan} 元与规定不符（第十六条：每人奖励{amount}元）：amount_yuan 应为 {amount}")


@check("art16.exit-without-criticism", needs_policy=False)
def exit_without_criticism(program: Program, as_of) -> Found:
    actions = list(dated_actions(program))
    first_criticism = {}
    for item in actions:
        if item.action == CRITICISM and (item.doctor not in first_criticism or item.date < first_criticism[item.doctor]):
            first_criticism[item.doctor] = item.date
    for item in actions:
        if item.action == EXIT:
            criticised = first_criticism.get(item.doctor)
            if criticised is None or criticised >= item.date:
                yield (
                    RecordRef("evaluation", item.evaluation),
                    ("actions", item.index, "action"),
                    f"博士 {item.doctor} 在 {item.date} 退出人才库之前没有通报批评（第十六条：通报批评仍无推进的，才退出人才库）："
                    "请先记录通报批评，或删除这项措施",
                )


@check("art16.exited-doctor", needs_policy=False)
def exited_doctor(program: Program, as_of) -> Found:
    exits = exit_dates(program)
    for agreement_id, agreement in program.agreements.items():
        left = exits.get(agreement.doctor)
        if left is not None and agreement.start >= left:
            yield (
                RecordRef("agreement", agreement_id),
                ("start",),
                f"博士 {agreement.doctor} 已于 {left} 退出人才库（第十六条），不能再于 {agreement.start} 开始新的入驻",
            )
