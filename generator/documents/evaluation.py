"""The 综合评价意见 of one 期满 evaluation (第十五条), issued in the name of the zone's 党工委."""

from __future__ import annotations

from ..errors import ExportError, UsageError
from ..queries.view import FinalEvaluation, ProgramView, Residency
from ..records.address import RecordRef
from ..records.ids import FINAL
from .content import Gongwen, Heading, Paragraph, chinese_date, markdown_blocks


def evaluation_document(view: ProgramView, evaluation_id: str) -> Gongwen:
    program = view.program
    evaluation = program.evaluations.get(evaluation_id)
    if evaluation is None:
        known = "、".join(sorted(i for i, e in program.evaluations.items() if isinstance(e, FinalEvaluation))) or "（无）"
        raise UsageError(f"没有评价 {evaluation_id}：已有的期满评价为 {known}")
    if not isinstance(evaluation, FinalEvaluation):
        raise UsageError(f"评价 {evaluation_id} 是年度评价：综合评价意见只对期满评价出具（第十五条）")
    if not evaluation.opinion:
        raise ExportError(f"评价 {evaluation_id} 没有填写 opinion（综合评价意见）：请先在 "
                          f"{RecordRef('evaluation', evaluation_id).path} 中填写，再出具文件")
    policy = view.policy
    residency = view.residencies[evaluation.agreement]
    name, enterprise, university = residency.doctor_name, residency.enterprise_name, residency.university_name
    evaluators = "、".join(evaluation.evaluators)
    body = [
        Paragraph(f"根据《产学研合作工作办法》第十五条，{evaluators}对{university}{name}同志入驻{enterprise}期间的工作"
                  f"进行了实地走访评价。现出具综合评价意见如下。"),
        Heading(1, "基本情况"),
        Paragraph(_background(view, residency)),
        Heading(1, "评价意见"),
        *markdown_blocks(evaluation.opinion, top_level=2),
        Heading(1, "评价等次"),
        Paragraph(f"经{evaluators}于{chinese_date(evaluation.date)}评价，{name}同志入驻期满综合评价等次为：{evaluation.grade}。"),
    ]
    for action in evaluation.actions or ():
        amount = f"{action.amount_yuan}元" if getattr(action, "amount_yuan", None) else ""
        body.append(Paragraph(f"根据第十六条，给予{action.action}{amount}（{chinese_date(action.date or evaluation.date)}）。"))
    return Gongwen(f"关于{name}同志“{policy.program}”\n入驻期满的综合评价意见", policy.party_committee_name, evaluation.date, body)


def _background(view: ProgramView, residency: Residency) -> str:
    agreement, doctor, name = residency.agreement, residency.doctor, residency.doctor_name
    title = doctor.title if doctor and doctor.title else ""
    discipline = f"，{doctor.discipline}专业" if doctor else ""
    reports = view.program.reports.get(residency.id, {})
    quarterly = sum(1 for period in reports if period != FINAL)
    final = reports.get(FINAL)
    summary = f"，并于{chinese_date(final.submitted)}提交入驻工作总结" if final else ""
    return (f"{name}，{residency.university_name}{title}{discipline}。按照合作协议（备案编号：{agreement.filing.number}），"
            f"于{chinese_date(agreement.start)}至{chinese_date(agreement.end)}入驻{residency.enterprise_name}，"
            f"任{agreement.position}，合作重点为{agreement.focus}。入驻期间提交季度工作报送{quarterly}份{summary}。")
