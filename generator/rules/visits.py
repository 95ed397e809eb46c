"""Visits: the universities' visits (第九条), the joint field visit before a final evaluation (第十五条), and what a visit names."""

from __future__ import annotations

from ..queries.visits import field_visit_window, field_visits, university_visits_due, visits_of
from ..records.address import RecordRef
from ..records.models import FinalEvaluation
from ..records.models.visit import JOINT_VISIT, UNIVERSITY_VISIT
from ..records.program import Program
from . import Found, check


@check("art9.university-visit")
def university_visit(program: Program, as_of) -> Found:
    months = program.policy.university_visit_months
    for due in university_visits_due(program, as_of, months):
        if due.overdue:
            first, last = due.window
            last_visit = f"上次调研为 {due.last}" if due.last else "入驻以来没有调研记录"
            yield (
                RecordRef("agreement", due.agreement),
                None,
                f"入驻已满 {months} 个月，近 {months} 个月（{first} 至 {last}）没有派出单位 "
                f"{program.name_of('universities', due.university)} 到 {program.name_of('enterprises', due.enterprise)} "
                f"的调研记录，{last_visit}（第九条：单位负责人要适时到入驻企业调研）：请派出单位安排调研，"
                f"并提交走访记录 visits/<id>.yml（kind: {UNIVERSITY_VISIT}，university: {due.university}）",
            )


@check("art15.field-visit")
def field_visit(program: Program, as_of) -> Found:
    joint_visits = visits_of(program, JOINT_VISIT, as_of)
    for evaluation_id, evaluation in sorted(program.evaluations.items()):
        agreement = program.agreements.get(evaluation.agreement)
        if not isinstance(evaluation, FinalEvaluation) or agreement is None or evaluation.date > as_of:
            continue
        if not field_visits(joint_visits, agreement, evaluation.date):
            first, last = field_visit_window(agreement, evaluation.date)
            yield (
                RecordRef("evaluation", evaluation_id),
                ("kind",),
                f"期满评价没有实地走访记录：{first} 至 {last} 没有到 {program.name_of('enterprises', agreement.enterprise)} "
                f"的{JOINT_VISIT}（第十五条：党群工作部、科技创新局、派出单位和入驻企业实地走访评价）："
                f"请补录走访记录 visits/<id>.yml（kind: {JOINT_VISIT}，enterprise: {agreement.enterprise}）",
            )


@check("art9.visit-university", needs_policy=False)
def visit_university(program: Program, as_of) -> Found:
    for visit_id, visit in sorted(program.visits.items()):
        if visit.kind == UNIVERSITY_VISIT and visit.university is None:
            yield (
                RecordRef("visit", visit_id),
                ("university",),  # missing: the mapping's first line
                f"{UNIVERSITY_VISIT}没有写 university（第九条：派出单位负责人到入驻企业调研）："
                "请写上来访高校的 id（universities/ 下的文件名）",
            )
        elif visit.kind != UNIVERSITY_VISIT and visit.university is not None:
            yield (
                RecordRef("visit", visit_id),
                ("university",),
                f"只有{UNIVERSITY_VISIT}写 university，这是“{visit.kind}”（第九条）：如果是派出单位负责人来调研，"
                f"请把 kind 改为 {UNIVERSITY_VISIT}；否则请删除 university，来访单位写在 visitors 中",
            )


@check("ref.mismatch", needs_policy=False)
def visit_agreements(program: Program, as_of) -> Found:
    for visit_id, visit in sorted(program.visits.items()):
        for index, agreement_id in enumerate(visit.agreements or ()):
            agreement = program.agreements.get(agreement_id)
            if agreement is not None and agreement.enterprise != visit.enterprise:
                yield (
                    RecordRef("visit", visit_id),
                    ("agreements", index),
                    f"协议 {agreement_id} 是 {program.name_of('enterprises', agreement.enterprise)} 的入驻，"
                    f"不是本次走访的企业 {program.name_of('enterprises', visit.enterprise)}：agreements 只列本企业的协议，请核对",
                )
