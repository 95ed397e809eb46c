"""The program's 台账: one workbook, a sheet per kind of record, declared as a table of sheets.

The public workbook holds what the public site shows and nothing more: no report status per
residency, no grades but the honor roll's, no opinions, criticism or meetings. Adding a sheet
(the 需求 of the needs issue) is one more `Sheet(...)` in `sheets()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from ..queries.honor_roll import honor_roll, rounds
from ..queries.needs import need_states
from ..queries.progress import Progress, progress, quarters
from ..queries.standing import exit_dates, residency_status, standing
from ..records.models import AnnualEvaluation, FinalEvaluation
from ..records.program import FINAL, Program
from .markdown_blocks import blocks
from .names import OUTCOME_WORDS, doctor_name, enterprise_name, university_name
from .workbook import DATE, NUMBER, STATUS, Column, Sheet, workbook_bytes

SUBMITTED, NOT_SUBMITTED, NOT_DUE = "已提交", "未提交", "未到期"


@dataclass
class Ledger:
    """What the sheets read: the program and the facts derived from it as of one day."""

    program: Program
    as_of: date

    @cached_property
    def exits(self) -> dict[str, date]:
        return exit_dates(self.program)

    @cached_property
    def quarters(self) -> list[Progress]:
        """Every quarter up to `as_of`, oldest first."""
        return [progress(self.program, year, quarter, self.as_of) for year, quarter in quarters(self.program, self.as_of)]

    @cached_property
    def report_status(self) -> dict[tuple[str, str], str]:
        """(agreement, period) -> 按时 / 逾期 / 未报送 / 未到期, with the submission date when there is one."""
        cells = {}
        for quarter in self.quarters:
            for row in quarter.residencies:
                day = f" {row.submitted.isoformat()}" if row.submitted else ""
                cells[(row.agreement, quarter.period)] = row.report_status + day
        return cells

    def final_status(self, agreement_id: str) -> str:
        """The 入驻工作总结 (第十五条): 已提交 and its date, 未提交 once the term is over, else 未到期."""
        final = self.program.reports.get(agreement_id, {}).get(FINAL)
        if final:
            return f"{SUBMITTED} {final.submitted.isoformat()}"
        return NOT_SUBMITTED if self.program.agreements[agreement_id].end < self.as_of else NOT_DUE


def plain(markdown: str | None) -> str | None:
    """Markdown as the plain paragraphs a reader sees."""
    return "\n".join(block.text for block in blocks(markdown)) if markdown else None


def _evaluations(program: Program, kind) -> list:
    return [(i, e, program.agreements.get(e.agreement)) for i, e in sorted(program.evaluations.items()) if isinstance(e, kind)]


def _actions(evaluation) -> list[str]:
    return [f"{a.action}{f' {a.amount_yuan}元' if getattr(a, 'amount_yuan', None) else ''}" for a in evaluation.actions or ()]


def sheets(ledger: Ledger) -> list[Sheet]:
    program, as_of = ledger.program, ledger.as_of
    policy = program.policy
    doctors, enterprises = sorted(program.doctors.items()), sorted(program.enterprises.items())
    agreements = sorted(program.agreements.items())
    party = lambda r: doctor_name(program, r[2].doctor) if r[2] else ""  # noqa: E731
    host = lambda r: enterprise_name(program, r[2].enterprise) if r[2] else ""  # noqa: E731
    needs = list(need_states(program, as_of).items())
    needs_of = {enterprise_id: [state.need.title for _, state in needs if state.need.enterprise == enterprise_id]
                for enterprise_id in program.enterprises}
    excellent = [(roll, entry) for roll in (honor_roll(program, n) for n in rounds(program)) for entry in roll.excellent]

    return [
        Sheet("博士", [
            Column("编号", lambda r: r[0], 14),
            Column("姓名", lambda r: r[1].name, 10),
            Column("派出单位", lambda r: university_name(program, r[0]), 18),
            Column("学位", lambda r: r[1].degree, 8),
            Column("学科专业", lambda r: r[1].discipline, 18),
            Column("职称", lambda r: r[1].title, 10),
            Column("研究方向", lambda r: list(r[1].research_areas), 30),
            Column("人才库状态", lambda r: standing(program, r[0], as_of, ledger.exits), 10),
            Column("简介", lambda r: plain(r[1].bio), 50),
            Column("维护人", lambda r: list(r[1].maintainers or ()), 16, internal=True),
        ], doctors),
        Sheet("企业", [
            Column("编号", lambda r: r[0], 14),
            Column("企业名称", lambda r: r[1].name, 28),
            Column("统一社会信用代码", lambda r: r[1].credit_code, 22),
            Column("所属行业", lambda r: r[1].industry, 14),
            Column("产业类别", lambda r: "主导产业" if r[1].industry in policy.industries.leading else "新兴产业", 10),
            Column("所在园区", lambda r: r[1].park, 18),
            Column("技术需求", lambda r: needs_of.get(r[0], []), 30),
            Column("网站", lambda r: r[1].website, 24),
            Column("企业简介", lambda r: plain(r[1].description), 50),
            Column("维护人", lambda r: list(r[1].maintainers or ()), 16, internal=True),
        ], enterprises),
        Sheet("需求", [  # 第五条 供需对接, 第十条
            Column("需求编号", lambda r: r[0], 22),
            Column("发布企业", lambda r: enterprise_name(program, r[1].need.enterprise), 24),
            Column("需求名称", lambda r: r[1].need.title, 24),
            Column("技术领域", lambda r: list(r[1].need.fields or ()), 24),
            Column("需要的帮助", lambda r: r[1].need.duty, 12),
            Column("发布日期", lambda r: r[1].need.posted, 12, DATE),
            Column("关闭日期", lambda r: r[1].need.closed, 12, DATE),
            Column("状态", lambda r: r[1].status, 8),
            Column("已征集天数", lambda r: r[1].days_open, 10, NUMBER),
            Column("对接协议", lambda r: list(r[1].agreements), 16),
            Column("需求描述", lambda r: plain(r[1].need.description), 50),
        ], needs),
        Sheet("入驻协议", [
            Column("协议编号", lambda r: r[0], 12),
            Column("博士", lambda r: doctor_name(program, r[1].doctor), 10),
            Column("派出单位", lambda r: university_name(program, r[1].doctor), 18),
            Column("入驻企业", lambda r: enterprise_name(program, r[1].enterprise), 28),
            Column("入驻岗位", lambda r: r[1].position, 14),
            Column("开始日期", lambda r: r[1].start, 12, DATE),
            Column("结束日期", lambda r: r[1].end, 12, DATE),
            Column("状态", lambda r: residency_status(r[1], as_of, ledger.exits)[0], 8),
            Column("签订日期", lambda r: r[1].signed, 12, DATE),
            Column("备案编号", lambda r: r[1].filing.number, 20),
            Column("备案日期", lambda r: r[1].filing.date, 12, DATE),
            Column("合作重点", lambda r: r[1].focus, 36),
            Column("合作模式", lambda r: r[1].mode, 12),
            Column("企业项目推进负责人", lambda r: r[1].coordinator, 12),
            Column("企业经费保障（元）", lambda r: r[1].funding_yuan, 14, NUMBER),
        ], agreements),
        Sheet("季度报送", [
            Column("协议编号", lambda r: r[0], 12),
            Column("博士", lambda r: doctor_name(program, r[1].doctor), 10),
            Column("入驻企业", lambda r: enterprise_name(program, r[1].enterprise), 24),
            *[Column(q.period, lambda r, p=q.period: ledger.report_status.get((r[0], p)), 16, STATUS,
                     note=f"截止 {q.due.isoformat()}：按时、逾期（附提交日期）、未报送、未到期") for q in ledger.quarters],
            Column("期满总结", lambda r: ledger.final_status(r[0]), 18, STATUS, note="入驻工作总结（第十五条）"),
        ], agreements, internal=True),
        Sheet("季度推进", [
            Column("季度", lambda q: q.period, 10),
            Column("在岗入驻", lambda q: q.active, 10, NUMBER),
            Column("按时报送", lambda q: q.on_time, 10, NUMBER),
            Column("逾期报送", lambda q: q.late, 10, NUMBER),
            Column("未报送", lambda q: q.missing, 10, NUMBER),
            Column("未到期", lambda q: q.pending, 10, NUMBER),
            *[Column(f"工作事项：{duty}", lambda q, d=duty: q.work_by_duty.get(d, 0), 14, NUMBER) for duty in policy.duties],
            *[Column(title, lambda q, k=key: q.outcomes.get(k, 0), 12, NUMBER) for key, (title, _) in OUTCOME_WORDS.items()],
        ], list(reversed(ledger.quarters))),
        Sheet("光荣榜", [
            Column("评价轮次", lambda r: r[0].round, 10, NUMBER),
            Column("博士", lambda r: r[1].doctor_name, 10),
            Column("派出单位", lambda r: r[1].university_name, 18),
            Column("入驻企业", lambda r: r[1].enterprise_name, 28),
            Column("入驻岗位", lambda r: r[1].position, 14),
            Column("奖励（元）", lambda r: r[1].reward_yuan, 12, NUMBER),
        ], excellent),
        Sheet("年度评价", [
            Column("评价编号", lambda r: r[0], 18),
            Column("协议编号", lambda r: r[1].agreement, 12),
            Column("博士", party, 10),
            Column("入驻企业", host, 24),
            Column("评价轮次", lambda r: r[1].round, 10, NUMBER),
            Column("评价期间起", lambda r: r[1].covers.from_, 12, DATE),
            Column("评价期间止", lambda r: r[1].covers.to, 12, DATE),
            Column("评价日期", lambda r: r[1].date, 12, DATE),
            Column("等次", lambda r: r[1].grade, 8),
            Column("评价单位", lambda r: list(r[1].evaluators), 24),
            Column("奖惩措施", lambda r: _actions(r[1]), 20),
            Column("综合评价意见", lambda r: plain(r[1].opinion), 50),
        ], _evaluations(program, AnnualEvaluation), internal=True),
        Sheet("期满评价", [
            Column("评价编号", lambda r: r[0], 18),
            Column("协议编号", lambda r: r[1].agreement, 12),
            Column("博士", party, 10),
            Column("入驻企业", host, 24),
            Column("评价日期", lambda r: r[1].date, 12, DATE),
            Column("等次", lambda r: r[1].grade, 8),
            Column("评价单位", lambda r: list(r[1].evaluators), 24),
            Column("奖惩措施", lambda r: _actions(r[1]), 20),
            Column("综合评价意见", lambda r: plain(r[1].opinion), 50),
        ], _evaluations(program, FinalEvaluation), internal=True),
        Sheet("恳谈会", [
            Column("编号", lambda r: r[0], 20),
            Column("日期", lambda r: r[1].date, 12, DATE),
            Column("相关协议", lambda r: list(r[1].agreements), 16),
            Column("博士", lambda r: [doctor_name(program, program.agreements[a].doctor)
                                     for a in r[1].agreements if a in program.agreements], 14),
            Column("参会单位", lambda r: list(r[1].attendees), 30),
            Column("议题", lambda r: plain(r[1].topics), 50),
            Column("议定事项", lambda r: plain(r[1].resolutions), 50),
        ], sorted(program.meetings.items()), internal=True),
    ]


def ledger_bytes(program: Program, as_of: date, internal: bool) -> bytes:
    """The 台账 workbook for the internal or the public audience."""
    return workbook_bytes(sheets(Ledger(program, as_of)), as_of, internal)
