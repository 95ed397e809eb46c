"""The program's 台账: one workbook, a sheet per directory, plus the staff's own sheets.

The directories (博士, 企业, 需求, 入驻协议, 派出单位, 光荣榜, 季度推进) are the view's tables, the
same the open data reads: the public workbook holds what the public site shows and nothing
more. The internal workbook adds their internal columns and the sheets below: report status per
residency and quarter, the annual and final evaluations, the 恳谈会, the follow-up's
走访记录, 问题整改 and 支持项目 (`followup_sheets.py`), and 评分汇总 where the policy scores evaluations.
"""

from __future__ import annotations

from ..queries.view import DATE, NUMBER, STATUS, AnnualEvaluation, Column, FinalEvaluation, ProgramView, Table, shown
from ..records.markdown import plain_text
from .followup_sheets import followup_sheets
from .workbook import workbook_bytes


def _actions(evaluation) -> list[str]:
    return [f"{a.action}{f' {a.amount_yuan}元' if getattr(a, 'amount_yuan', None) else ''}" for a in evaluation.actions or ()]


def _evaluation_columns() -> list[Column]:
    """What every evaluation sheet starts with: which evaluation, of whom, where."""
    return [
        Column("id", "评价编号", lambda r: r[0], 18),
        Column("agreement", "协议编号", lambda r: r[1].agreement, 12),
        Column("doctor_name", "博士", lambda r: r[2].doctor_name if r[2] else "", 10),
        Column("enterprise_name", "入驻企业", lambda r: r[2].enterprise_name if r[2] else "", 24),
    ]


def _judgement_columns() -> list[Column]:
    """What every evaluation sheet ends with: the grade, who judged, the actions and the opinion."""
    return [
        Column("grade", "等次", lambda r: r[1].grade, 8),
        Column("evaluators", "评价单位", lambda r: list(r[1].evaluators), 24),
        Column("actions", "奖惩措施", lambda r: _actions(r[1]), 20),
        Column("opinion", "综合评价意见", lambda r: plain_text(r[1].opinion), 50),
    ]


def staff_sheets(view: ProgramView) -> list[Table]:
    """The internal sheets: report status (第十三条, 第十五条), evaluations (第十五、十六条), 恳谈会 (第十二条)."""
    program = view.program
    agreements = sorted(program.agreements.items())
    report_status = {(agreement, period): status + (f" {submitted.isoformat()}" if submitted else "")
                     for agreement, rows in view.report_status.items() for period, status, submitted in rows}
    quarters = list(reversed(view.quarters))
    return [
        Table("reports", "季度报送", "季度报送", [
            Column("id", "协议编号", lambda r: r[0], 12),
            Column("doctor_name", "博士", lambda r: view.doctor_name(r[1].doctor), 10),
            Column("enterprise_name", "入驻企业", lambda r: view.enterprise_name(r[1].enterprise), 24),
            *[Column(q.period, q.period, lambda r, p=q.period: report_status.get((r[0], p)), 16, STATUS,
                     note=f"截止 {q.due.isoformat()}：按时、逾期（附提交日期）、未报送、未到期") for q in quarters],
            Column("final", "期满总结", lambda r: view.final_status(r[0]), 18, STATUS, note="入驻工作总结（第十五条）"),
        ], agreements, internal=True),
        Table("annual-evaluations", "年度评价", "年度评价", [
            *_evaluation_columns(),
            Column("round", "评价轮次", lambda r: r[1].round, 10, NUMBER),
            Column("covers_from", "评价期间起", lambda r: r[1].covers.from_, 12, DATE),
            Column("covers_to", "评价期间止", lambda r: r[1].covers.to, 12, DATE),
            Column("date", "评价日期", lambda r: r[1].date, 12, DATE),
            *_judgement_columns(),
        ], view.evaluations(AnnualEvaluation), internal=True),
        Table("final-evaluations", "期满评价", "期满评价", [
            *_evaluation_columns(),
            Column("date", "评价日期", lambda r: r[1].date, 12, DATE),
            *_judgement_columns(),
        ], view.evaluations(FinalEvaluation), internal=True),
        Table("meetings", "恳谈会", "恳谈会", [
            Column("id", "编号", lambda r: r[0], 20),
            Column("date", "日期", lambda r: r[1].date, 12, DATE),
            Column("agreements", "相关协议", lambda r: list(r[1].agreements), 16),
            Column("doctors", "博士", lambda r: [view.residencies[a].doctor_name for a in r[1].agreements
                                                if a in view.residencies], 14),
            Column("attendees", "参会单位", lambda r: list(r[1].attendees), 30),
            Column("topics", "议题", lambda r: plain_text(r[1].topics), 50),
            Column("resolutions", "议定事项", lambda r: plain_text(r[1].resolutions), 50),
        ], sorted(program.meetings.items()), internal=True),
        *followup_sheets(view),
        *scoring_sheets(view),
    ]


def scoring_sheets(view: ProgramView) -> list[Table]:
    """评分汇总 (第十五、十六条), where the policy scores evaluations: each party's total, the weighted total, the grades."""
    scheme = view.policy.evaluation
    if scheme is None:
        return []
    rows = [(round_, item) for round_, scores in view.scoring.items() for item in scores.scored if item.party_totals]
    return [Table("scoring", "评分汇总", "评分汇总", [
        Column("round", "评价轮次", lambda r: r[0], 10, NUMBER),
        Column("id", "评价编号", lambda r: r[1].evaluation_id, 18),
        Column("doctor_name", "博士", lambda r: view.residencies[r[1].evaluation.agreement].doctor_name, 10),
        Column("enterprise_name", "入驻企业", lambda r: view.residencies[r[1].evaluation.agreement].enterprise_name, 24),
        *[Column(f"party:{party}", f"{party}（{scheme.party_weights[party]}%）",
                 lambda r, party=party: shown(r[1].party_totals.get(party)), 12, note=f"{party}各项指标得分之和（满分100）")
          for party in scheme.parties],
        Column("total", "加权总分", lambda r: shown(r[1].total), 10,
               note="按各单位权重加权；有单位未评分时按已评分单位的权重计算（一位小数，等次按精确值判定）"),
        Column("earned", "总分应得等次", lambda r: r[1].earned, 12, note="各单位都评分后才判定"),
        Column("grade", "评定等次", lambda r: r[1].grade, 10),
        Column("reason", "等次说明", lambda r: view.grade_reason(r[1]), 40),
    ], rows, internal=True)]


def sheets(view: ProgramView) -> list[Table]:
    """Every sheet in workbook order: the directories, then the staff's own."""
    by_name = {table.name: table for table in view.directories}
    order = ["doctors", "enterprises", "needs", "residencies", "universities", "reports", "progress", "honor-roll"]
    staff = {table.name: table for table in staff_sheets(view)}
    return [*(by_name.get(name) or staff[name] for name in order), *(t for n, t in staff.items() if n not in order)]


def ledger_bytes(view: ProgramView, internal: bool) -> bytes:
    """The 台账 workbook for the internal or the public audience."""
    return workbook_bytes(sheets(view), view.as_of, internal)
