"""reports/<agreement>/<period>.yml: quarterly 工作报送 (第十三条) and the final summary (第十五条)."""

from __future__ import annotations

from .common import MANY_ITEMS, Count, Day, Line, Markdown, Record, SomeOf, texts
from .markers import Choice


class WorkItem(Record):
    duty: Choice("duties", what="第八条规定的职责") = texts("职责", "第八条的五项职责之一")
    title: Line = texts("工作事项")
    detail: Markdown = texts("详细说明", "Markdown", default=None)


class Outcomes(SomeOf):
    empty = "应至少填写一项成果数量"

    patents_filed: Count = texts("申请专利", default=None)
    papers: Count = texts("论文", default=None)
    projects_applied: Count = texts("申报科技计划项目", "第八条（三）", default=None)
    results_transferred: Count = texts("成果转化", "第八条（四）", default=None)
    platforms: Count = texts("创新平台", "工程中心、新型研发机构等（第八条（五）、第十九条）", default=None)


class FinalReport(Record):
    submitted: Day = texts("提交日期")
    summary: Markdown = texts("工作总结", "Markdown（内部）")
    work: list[WorkItem] = texts("工作事项", default=None, min_length=1, max_length=MANY_ITEMS)
    outcomes: Outcomes = texts("成果", default=None)


class QuarterlyReport(FinalReport):
    work: list[WorkItem] = texts("工作事项", "至少一项，按第八条职责分类", min_length=1, max_length=MANY_ITEMS)


OUTCOME_KEYS = tuple(Outcomes.model_fields)
# outcome key -> its Chinese title (申请专利, 申报科技计划项目, ...)
OUTCOME_TITLES = {key: field.title for key, field in Outcomes.model_fields.items()}
