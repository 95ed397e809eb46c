"""The bureau's quarterly 工作推进情况 (第十三条), from the view: the quarter's progress and the validator's findings.

It goes to the 党工委 and the 管委会 (`policy.progress_addressee`). 总体情况 and 主要工作 state
what the quarter's reports say; 存在问题 lists this quarter's late and missing reports, the
other quarters' reports still missing, and the overdue summaries and evaluations the validator
found, each residency once, people in 姓氏笔画 order; 下步打算 appears only when staff wrote it
(`--notes FILE`): the program never plans for them. A quarter is reported once it has ended;
the one under way only as a 征求意见稿.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..errors import UsageError
from ..queries.view import LATE, MISSING, ProgramView, Progress, stroke_key
from ..records.address import RecordRef
from ..records.dates import parse_period
from ..records.markdown import plain_text
from . import followup
from .content import Gongwen, Heading, Paragraph, chinese_date, markdown_blocks, prose, quarter_text, quarters_text
from .wording import outcome_counts

PER_DUTY = 3  # representative work items shown under each duty
# The findings that are overdue work besides quarterly reports, in the order the document lists them.
OVERDUE = {
    "art15.final-report-missing": "入驻工作总结逾期未提交（第十五条）",
    "art16.evaluation-missing": "年度评价逾期未完成（第十六条）",
}
_FIX = re.compile(r"：(?![^（]*）)")  # the first full-width colon outside （…）: what follows says how to fix it
_ARTICLE = re.compile(r"（第[一二三四五六七八九十]+条）$")
DRAFT = "（征求意见稿）"


def progress_document(view: ProgramView, year: int, quarter: int, notes: str | None = None,
                      draft: bool = False) -> Gongwen:
    """The report of a quarter that has ended on the view's day; of one under way only as a `draft` (征求意见稿)."""
    policy, as_of = view.policy, view.as_of
    name = quarter_text(year, quarter)
    if not view.quarter_begun(year, quarter):
        raise UsageError(f"{name}尚未开始（截至{as_of}）：只能出具已结束季度的工作推进情况")
    if not draft and not view.quarter_ended(year, quarter):
        raise UsageError(f"{name}尚未结束（截至{as_of}）：季度结束后才能出具工作推进情况；"
                         f"如需本季度至今的征求意见稿，请加 --draft")
    report, follow = view.quarter(year, quarter), view.quarter_followup(year, quarter)
    body = [
        Paragraph(f"根据《产学研合作工作办法》第十三条，现将{name}（{chinese_date(report.first)}至{chinese_date(report.last)}）"
                  f"“{policy.program}”工作推进情况报告如下。"),
        Heading(1, "总体情况"), *_overview(report), *followup.overview(follow),
        Heading(1, "主要工作"), *_work(view, report), *followup.work(view, follow),
        Heading(1, "存在问题"), *_problems(view, report), *followup.problems(view, follow),
    ]
    if notes and notes.strip():
        body += [Heading(1, "下步打算"), *markdown_blocks(notes, top_level=2)]
    title = f"{name}“{policy.program}”\n工作推进情况" + (f"\n{DRAFT}" if draft else "")
    return Gongwen(title, policy.bureau_name, as_of, body, addressee=policy.progress_addressee)


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
        for entry in sorted(entries, key=lambda entry: _order(view, entry.agreement))[:PER_DUTY]:
            detail = " ".join(plain_text(entry.detail).split()) if entry.detail else ""
            out.append(Paragraph(f"{view.residency_name(entry.agreement)}：{_sentence(entry.title)}{detail}"))
        if len(entries) > PER_DUTY:
            out.append(Paragraph(f"此外，本季度还报送{duty}方面的工作事项{len(entries) - PER_DUTY}项。"))
    return out


def _problems(view: ProgramView, report: Progress) -> list:
    """存在问题: this quarter's late and missing reports, other quarters' overdue ones, overdue summaries and evaluations."""
    out = [*_this_quarter(view, report), *_other_quarters(view, report), *_overdue(view)]
    return out or [Paragraph(f"截至{chinese_date(report.as_of)}，没有逾期的季度工作报送、入驻工作总结和年度评价。")]


def _this_quarter(view: ProgramView, report: Progress) -> list:
    late = [row.agreement for row in report.residencies if row.report_status == LATE]
    missing = [row.agreement for row in report.residencies if row.report_status == MISSING]
    out = [Heading(2, "本季度工作报送")] if late or missing else []
    if late:
        out.append(Paragraph(f"逾期报送{len(late)}份：{_residencies(view, late)}。"))
    if missing:
        out.append(Paragraph(f"截至{chinese_date(report.as_of)}仍未报送{len(missing)}份：{_residencies(view, missing)}。"))
    return out


def _other_quarters(view: ProgramView, report: Progress) -> list:
    """Every other quarter's report still missing past its due day (this quarter's are counted above)."""
    this_quarter = parse_period(report.period)
    others = {agreement: [q for q in quarters if q != this_quarter]
              for agreement, quarters in view.overdue_reports.items()}
    others = {agreement: quarters for agreement, quarters in others.items() if quarters}
    if not others:
        return []
    return [Heading(2, "其他季度工作报送逾期未报送（第十三条）"),
            *(Paragraph(f"{view.residency_name(agreement)}：{quarters_text(others[agreement])}。")
              for agreement in sorted(others, key=lambda agreement: _order(view, agreement)))]


def _overdue(view: ProgramView) -> list:
    """The validator's overdue summaries and evaluations, one paragraph per residency."""
    out = []
    for rule, heading in OVERDUE.items():
        by_residency = defaultdict(list)
        for finding in view.findings:
            if finding.rule == rule:
                by_residency[_agreement_of(finding)].append(prose(_what(finding.message)))
        if by_residency:
            out.append(Heading(2, heading))
            out += [Paragraph(f"{view.residency_name(agreement)}：{'；'.join(whats)}。")
                    for agreement, whats in sorted(by_residency.items(), key=lambda item: _order(view, item[0]))]
    return out


def _residencies(view: ProgramView, agreements: list[str]) -> str:
    """张伟（…公司）、王浩（…公司）: residencies in 姓氏笔画 order of their doctors."""
    return "、".join(view.residency_name(agreement) for agreement in sorted(agreements, key=lambda a: _order(view, a)))


def _order(view: ProgramView, agreement_id: str) -> tuple:
    """Where a residency stands in a list: its doctor's name in 姓氏笔画 order (an official list)."""
    residency = view.residencies.get(agreement_id)
    return stroke_key(residency.doctor_name) if residency else (), agreement_id


def _agreement_of(finding) -> str:
    """The agreement a finding is reported on (agreements/<id>.yml), or its file."""
    ref = RecordRef.parse(finding.file)
    return ref.id if ref and ref.kind == "agreement" else finding.file


def _what(message: str) -> str:
    """A finding's statement of the problem, without the advice on how to fix the record."""
    return _ARTICLE.sub("", _FIX.split(message, maxsplit=1)[0])  # the heading names the article


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith(("。", "！", "？", ".")) else text + "。"
