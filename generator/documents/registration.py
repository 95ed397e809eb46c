"""The 考核登记表 of one 年度 evaluation (第十五、十六条): who, the year's work, each party's points, the grade.

A form to print and sign: each scoring party has its own box with the points it gave, its
opinion and a line for the signature and seal; a party that has not scored yet gets an empty
box to fill in by hand, so the form can go round the parties before the scores are recorded.
"""

from __future__ import annotations

from ..errors import UsageError
from ..queries.view import AnnualEvaluation, ProgramView, Residency, ScoredEvaluation, outcome_totals, shown
from ..records.markdown import plain_text
from .content import Gongwen, Heading, Paragraph, Table, chinese_date, chinese_number, quarters_text
from .wording import outcome_counts

BLANK = "　" * 6  # room to write by hand
SIGNATURE = f"负责人签字：{BLANK}（盖章）\n日期："


def registration_document(view: ProgramView, evaluation_id: str) -> Gongwen:
    """The form, closed by the 党工委's name and the 评价日期 (never the day it is printed)."""
    evaluation = _annual(view, evaluation_id)
    policy = view.policy
    residency = view.residencies[evaluation.agreement]
    scored = view.scored_evaluation(evaluation_id)
    body = [
        Heading(1, "基本情况"),
        _basics(residency, evaluation),
        Heading(1, "年度工作及成果"),
        *_work(view, evaluation),
        Heading(1, "各单位评分"),
        _points(view, evaluation, scored),
        Heading(1, "各单位意见"),
        *(block for party in policy.evaluation.parties
          for block in (Heading(2, party), _party_box(view, evaluation, party, scored))),
        Heading(1, "考核结果"),
        *_result(view, evaluation, scored),
    ]
    title = f"{evaluation.round}年度“{policy.program}”\n入驻博士考核登记表"
    return Gongwen(title, policy.party_committee_name, evaluation.date, body)


def _annual(view: ProgramView, evaluation_id: str) -> AnnualEvaluation:
    """The evaluation, or why this form cannot be made for it."""
    evaluation = view.program.evaluations.get(evaluation_id)
    if view.policy.evaluation is None:
        raise UsageError("policy.yml 没有 evaluation（考核评分办法）：考核登记表按其中的评分单位和考核指标填写，"
                         "请先在 policy.yml 中写明 evaluation（见记录格式说明）")
    if evaluation is None:
        known = "、".join(eid for eid, *_ in view.evaluations(AnnualEvaluation)) or "（无）"
        raise UsageError(f"没有评价 {evaluation_id}：已有的年度评价为 {known}")
    if not isinstance(evaluation, AnnualEvaluation):
        raise UsageError(f"评价 {evaluation_id} 是期满评价：考核登记表只对年度评价填写（第十六条）；"
                         f"期满评价请用 gaoxin export evaluation {evaluation_id}")
    return evaluation


def _basics(residency: Residency, evaluation: AnnualEvaluation) -> Table:
    agreement, doctor = residency.agreement, residency.doctor
    rows = [
        ["姓名", residency.doctor_name],
        ["派出单位", residency.university_name],
        ["职称及专业", "，".join(x for x in (doctor.title, doctor.discipline) if x) if doctor else ""],
        ["入驻企业", residency.enterprise_name],
        ["入驻岗位", agreement.position],
        ["入驻期限", f"{chinese_date(agreement.start)}至{chinese_date(agreement.end)}"],
        ["考核期间", f"{chinese_date(evaluation.covers.from_)}至{chinese_date(evaluation.covers.to)}"],
        ["合作重点", agreement.focus],
    ]
    return Table(["项目", "内容"], rows, left=(1,), together=True)


def _work(view: ProgramView, evaluation: AnnualEvaluation) -> list:
    """The work items of the quarterly reports in `covers`, and the outcomes they count."""
    reports = view.covered_reports(evaluation)
    if not reports:
        return [Paragraph("考核期间没有季度工作报送。")]
    quarters = [_quarter(period) for period, _ in reports]
    outcomes = outcome_counts(outcome_totals(report for _, report in reports))
    rows = [[_quarter_cell(period), item.duty, item.title + (f"：{plain_text(item.detail)}" if item.detail else "")]
            for period, report in reports for item in report.work or ()]
    return [
        Paragraph(f"考核期间提交季度工作报送{len(reports)}份（{quarters_text(quarters)}），共计{outcomes}。"),
        Table(["季度", "职责", "工作事项"], rows, left=(2,)),
    ]


def _quarter(period: str) -> tuple[int, int]:
    year, _, number = period.partition("Q")
    return int(year), int(number)


def _quarter_cell(period: str) -> str:
    """2025年 over 第一季度: two short lines that never break inside."""
    year, number = _quarter(period)
    return f"{year}年\n第{chinese_number(number)}季度"


def _points(view: ProgramView, evaluation: AnnualEvaluation, scored: ScoredEvaluation | None) -> Table:
    """Indicators down, parties across; the parties' totals and weights below."""
    scheme = view.policy.evaluation
    by_party = {score.party: score for score in evaluation.scores or ()}
    parties = scheme.parties
    rows = [[indicator.name, str(indicator.weight),
             *(_number(by_party[party].points.get(indicator.name)) if party in by_party else "" for party in parties)]
            for indicator in scheme.indicators]
    totals = scored.party_totals if scored else {}
    rows.append(["合计", "100", *(shown(totals[party]) if party in totals else "" for party in parties)])
    rows.append(["权重", "", *(f"{scheme.party_weights[party]}%" for party in parties)])
    return Table(["考核指标", "分值", *map(_two_lines, parties)], rows)


def _two_lines(party: str) -> str:
    """高校\n科研处: a party's name of five characters or more on two lines, so its column stays narrow."""
    return party if len(party) <= 4 else f"{party[:2]}\n{party[2:]}"


def _number(points) -> str:
    return "" if points is None else f"{points:g}"


def _party_box(view: ProgramView, evaluation: AnnualEvaluation, party: str, scored: ScoredEvaluation | None) -> Table:
    """One party's total, opinion and signature line, kept on one page."""
    score = next((score for score in evaluation.scores or () if score.party == party), None)
    total = scored.party_totals.get(party) if scored else None
    weight = view.policy.evaluation.party_weights[party]
    rows = [
        ["得分合计", f"{shown(total)}分（权重{weight}%）" if total is not None else f"{BLANK}分（权重{weight}%）"],
        ["评分意见", plain_text(score.opinion) if score and score.opinion else "\n\n"],  # or room to write it
        ["签字盖章", SIGNATURE + (chinese_date(score.date) if score else f"{BLANK}年{'　' * 2}月{'　' * 2}日")],
    ]
    return Table(["项目", "内容"], rows, left=(1,), together=True)


def _result(view: ProgramView, evaluation: AnnualEvaluation, scored: ScoredEvaluation | None) -> list:
    scheme = view.policy.evaluation
    weights = "、".join(f"{party}{scheme.party_weights[party]}%" for party in scheme.parties)
    if scored is None or scored.total is None:
        lines = [Paragraph(f"尚无评分：加权总分按各单位得分合计加权（{weights}）计算。")]
    else:
        missing = [party for party in scheme.parties if party not in scored.party_totals]
        partial = f"（{'、'.join(missing)}尚未评分，按已评分单位的权重计算）" if missing else ""
        lines = [Paragraph(f"加权总分{shown(scored.total)}分（{weights}）{partial}"
                           f"{_place(view, evaluation, scored)}。")]
        if scored.earned:
            lines.append(Paragraph(f"按总分应得等次：{scored.earned}。"))
    lines.append(Paragraph(f"评定等次：{evaluation.grade}。{_reason(view, evaluation, scored)}"))
    return lines


def _place(view: ProgramView, evaluation: AnnualEvaluation, scored: ScoredEvaluation) -> str:
    scores = view.scoring[evaluation.round]
    place = next(n for n, item in enumerate(scores.scored, 1) if item is scored)
    return f"，在{evaluation.round}年度参评的{scores.evaluated}人中排第{place}名"


def _reason(view: ProgramView, evaluation: AnnualEvaluation, scored: ScoredEvaluation | None) -> str:
    """Why the grade differs from what the total earns (the record's reason, or the full cap of 第十六条)."""
    reason = view.grade_reason(scored) if scored else evaluation.grade_reason
    return f"说明：{reason}。" if reason else ""
