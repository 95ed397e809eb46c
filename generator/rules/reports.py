"""Reports: quarterly 工作报送 (第十三条) and the final summary (第十五条)."""

from __future__ import annotations

from ..records.address import RecordRef
from ..records.dates import overlaps, parse_period, quarter_bounds, quarter_name, quarters_between
from ..records.program import FINAL, Program
from . import Found, check


@check("art13.report-period", needs_policy=False)
def report_period(program: Program, as_of) -> Found:
    for agreement_id, reports in program.reports.items():
        agreement = program.agreements.get(agreement_id)
        for period, report in reports.items():
            if period == FINAL:
                continue
            first, last = quarter_bounds(*parse_period(period))
            if agreement and not overlaps(first, last, agreement.start, agreement.end):
                yield (
                    RecordRef.report(agreement_id, period),
                    None,
                    f"{period} 不在协议 {agreement_id} 的入驻期限（{agreement.start} 至 {agreement.end}）之内（第十三条）："
                    "请核对文件名中的季度",
                )
            if report.submitted < first:
                yield (
                    RecordRef.report(agreement_id, period),
                    ("submitted",),
                    f"提交日期 {report.submitted} 早于 {period} 开始（{first}）（第十三条）：季度报送应在季度开始之后提交",
                )


@check("art13.report-missing")
def report_missing(program: Program, as_of) -> Found:
    due_days = program.policy.report_due_days
    for agreement_id, agreement in program.agreements.items():
        for year, quarter in quarters_between(agreement.start, agreement.end):
            _, last = quarter_bounds(year, quarter)
            if (as_of - last).days <= due_days:
                break  # later quarters are even less overdue
            period = quarter_name(year, quarter)
            if not program.has_report(agreement_id, period):
                yield (
                    RecordRef("agreement", agreement_id),
                    None,
                    f"缺少 {period} 季度工作报送（第十三条）：该季度已于 {last} 结束，应在 {due_days} 天内报送，"
                    f"请提交 reports/{agreement_id}/{period}.yml",
                )


@check("art15.final-report-missing")
def final_report_missing(program: Program, as_of) -> Found:
    due_days = program.policy.final_report_due_days
    for agreement_id, agreement in program.agreements.items():
        if (as_of - agreement.end).days > due_days and not program.has_report(agreement_id, FINAL):
            yield (
                RecordRef("agreement", agreement_id),
                None,
                f"入驻已于 {agreement.end} 期满，超过 {due_days} 天仍未提交入驻工作总结（第十五条）："
                f"请提交 reports/{agreement_id}/final.yml",
            )
