"""The bureau's quarterly 工作推进情况 (第十三条), from `queries.progress` and the validator's findings.

总体情况 and 主要工作 state what the quarter's reports say; 存在问题 lists this quarter's late
and missing reports and every overdue report, summary and evaluation the validator found;
下步打算 appears only when staff wrote it (`--notes FILE`): the program never plans for them.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..queries.view import LATE, MISSING, Progress, ProgramView
from ..records.address import RecordRef
from ..records.markdown import plain_text
from .wording import outcome_counts
from .content import Gongwen, Heading, Paragraph, chinese_date, markdown_blocks, quarter_text

PER_DUTY = 3  # representative work items shown under each duty
# The findings that are overdue work, in the order the document lists them, with their heading.
OVERDUE = {
    "art13.report-missing": "季度工作报送逾期未报送（第十三条）",
    "art15.final-report-missing": "入驻工作总结逾期未提交（第十五条）",
    "art16.evaluation-missing": "年度评价逾期未完成（第十六条）",
}
_FIX = re.compile(r"：(?![^（]*）)")  # the first full-width colon outside （…）: what follows says how to fix it
_ARTICLE = re.compile(r"（第[一二三四五六七八九十]+条）$")


def progress_document(view: ProgramView, year: int, quarter: int, notes: str | None = None) -> Gongwen:
    policy = view.policy
    report = view.quarter(year, quarter)
    name = quarter_text(year, quarter)
    body = [
        Paragraph(f"根据《产学研合作工作办法》第十三条，现将{name}（{chinese_date(report.first)}至{chinese_date(report.last)}）"
                  f"“{policy.program}”工作推进情况报告如下。"),
        Heading(1, "总体情况"), *_overview(report),
        Heading(1, "主要工作"), *_work(view, report),
        Heading(1, "存在问题"), *_problems(view, report),
    ]
    if notes and notes.strip():
        body += [Heading(1, "下步打算"), *markdown_blocks(notes, top_level=2)]
    return Gongwen(f"{name}“{policy.program}”\n工作推进情况", policy.bureau_name, view.as_of, body)


def _overview(report: Progress) -> list[Paragraph]:
    due, as_of = chinese_date(report.due), chinese_date(report.as_of)
    if report.owed == 0:
        reports = f"本季度工作报送截止日期为{due}，截至{as_of}尚未到截止日期。"
    else:
        reports = (f"本季度工作报送截止日期为{due}。截至{as_of}，应报送{report.owed}份，其中按时报送{report.on_time}份、"
                   f"逾期报送{report.late}份、未报送{report.missing}份")
        reports += f"；另有{report.pending}份尚未到截止日期。" if report.pending else "。"
    total = sum(report.work_by_duty.values())
    duties = "、".join(f"{duty}{count}项" for duty, count in report.work_by_duty.items())
    work = f"按第八条五项职责统计，本季度报送工作事项{total}项：{duties}。" if total else "本季度尚无报送的工作事项。"
    return [
        Paragraph(f"本季度在岗入驻博士{report.active}人。{reports}"),
        Paragraph(work),
        Paragraph(f"本季度报送的成果：{outcome_counts(report.outcomes)}。"),
    ]


def _work(view: ProgramView, report: Progress) -> list:
    by_duty = defaultdict(list)
    for entry in report.work:
        by_duty[entry.duty].append(entry)
    if not by_duty:
        return [Paragraph("本季度尚无报送的工作事项。")]
    out = []
    for duty in [*report.work_by_duty, *(d for d in by_duty if d not in report.work_by_duty)]:
        entries = by_duty.get(duty)
        if not entries:
            continue
        out.append(Heading(2, duty))
        for entry in entries[:PER_DUTY]:
            detail = " ".join(plain_text(entry.detail).split()) if entry.detail else ""
            out.append(Paragraph(f"{view.residency_name(entry.agreement)}：{_sentence(entry.title)}{detail}"))
        if len(entries) > PER_DUTY:
            out.append(Paragraph(f"此外，本季度还报送{duty}方面的工作事项{len(entries) - PER_DUTY}项。"))
    return out


def _problems(view: ProgramView, report: Progress) -> list:
    out = []
    late = [row for row in report.residencies if row.report_status == LATE]
    missing = [row for row in report.residencies if row.report_status == MISSING]
    if late or missing:
        out.append(Heading(2, "本季度工作报送"))
        if late:
            names = "、".join(view.residency_name(row.agreement) for row in late)
            out.append(Paragraph(f"逾期报送{len(late)}份：{names}。"))
        if missing:
            names = "、".join(view.residency_name(row.agreement) for row in missing)
            out.append(Paragraph(f"截至{chinese_date(report.as_of)}仍未报送{len(missing)}份：{names}。"))
    overdue = defaultdict(list)
    for finding in view.findings:
        if finding.rule in OVERDUE:
            overdue[finding.rule].append(finding)
    for rule, heading in OVERDUE.items():
        if overdue.get(rule):
            out.append(Heading(2, heading))
            by_residency = defaultdict(list)
            for finding in overdue[rule]:
                by_residency[_residency_of(view, finding)].append(_what(finding.message))
            out += [Paragraph(f"{who}：{'；'.join(whats)}。") for who, whats in by_residency.items()]
    if not out:
        out.append(Paragraph(f"截至{chinese_date(report.as_of)}，没有逾期的季度工作报送、入驻工作总结和年度评价。"))
    return out


def _residency_of(view: ProgramView, finding) -> str:
    ref = RecordRef.parse(finding.file)
    return view.residency_name(ref.id) if ref and ref.kind == "agreement" else finding.file


def _what(message: str) -> str:
    """A finding's statement of the problem, without the advice on how to fix the record."""
    return _ARTICLE.sub("", _FIX.split(message, maxsplit=1)[0])  # the heading names the article


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith(("。", "！", "？", ".")) else text + "。"
