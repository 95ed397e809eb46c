"""The program's directories as tables, each declared once: the open data and the ledger read them.

A directory (doctors, enterprises, needs, residencies, …) is a list of columns: the JSON key,
the Chinese header of the CSV and of the ledger's sheet, the value, how a sheet writes it, and
whether it is internal. The open-data CSV and JSON hold every public column; the public ledger
holds the same; the internal ledger adds the columns marked internal. So the public ledger can
hold nothing the public site does not show, and both read every text through the one Markdown
reading (`records/markdown.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..records.markdown import plain_text
from ..records.models.report import OUTCOME_TITLES

TEXT, DATE, NUMBER, STATUS = "text", "date", "number", "status"


@dataclass(frozen=True)
class Column:
    key: str  # the JSON key
    header: str  # the CSV header and the sheet's column title (Chinese)
    value: Callable  # row -> str | int | date | list | None
    width: float = 14  # the sheet's column width
    kind: str = TEXT  # how a sheet writes it: TEXT, DATE, NUMBER or STATUS (coloured by status)
    internal: bool = False  # never in the open data or the public ledger
    note: str | None = None  # the sheet's header comment


@dataclass(frozen=True)
class Table:
    name: str  # the download's file stem: doctors -> data/files/doctors.csv
    title: str  # the download's title
    sheet: str  # the ledger's sheet name
    columns: list[Column]
    rows: list
    internal: bool = False  # the whole table is internal: the ledger's, never a download
    validations: dict[int, list[str]] = field(default_factory=dict)  # column index -> a sheet's drop-down values

    def public_columns(self) -> list[Column]:
        return [column for column in self.columns if not column.internal]


def directories(view) -> list[Table]:
    """Every directory of the program, public columns and internal ones, as of the view's day."""
    program = view.program
    doctors = sorted(program.doctors.items())
    excellent = [(roll, entry) for _, roll in sorted(view.honor_rolls.items()) for entry in roll.excellent]
    maintainers = Column("maintainers", "维护人", lambda r: list(r[1].maintainers or ()), 16, internal=True)
    return [
        Table("doctors", "博士名录", "博士", [
            Column("id", "编号", lambda r: r[0]),
            Column("name", "姓名", lambda r: r[1].name, 10),
            Column("university", "派出单位编号", lambda r: r[1].university),
            Column("university_name", "派出单位", lambda r: view.university_name(r[1].university), 18),
            Column("degree", "学位", lambda r: r[1].degree, 8),
            Column("discipline", "学科专业", lambda r: r[1].discipline, 18),
            Column("title", "职称", lambda r: r[1].title, 10),
            Column("research_areas", "研究方向", lambda r: list(r[1].research_areas), 30),
            Column("standing", "人才库状态", lambda r: view.doctor_standing(r[0]), 10),
            Column("bio", "简介", lambda r: plain_text(r[1].bio), 50),
            maintainers,
        ], doctors),
        Table("enterprises", "企业名录", "企业", [
            Column("id", "编号", lambda r: r[0]),
            Column("name", "企业名称", lambda r: r[1].name, 28),
            Column("credit_code", "统一社会信用代码", lambda r: r[1].credit_code, 22),
            Column("industry", "所属行业", lambda r: r[1].industry),
            Column("industry_kind", "产业类别", lambda r: view.industry_kind(r[1].industry), 10),
            Column("park", "所在园区", lambda r: r[1].park, 18),
            Column("needs", "技术需求", lambda r: [s.need.title for s in view.needs_of_enterprise.get(r[0], ())], 30),
            Column("website", "网站", lambda r: r[1].website, 24),
            Column("description", "企业简介", lambda r: plain_text(r[1].description), 50),
            maintainers,
        ], sorted(program.enterprises.items())),
        Table("needs", "企业需求", "需求", [  # 第五条 供需对接, 第十条
            Column("id", "编号", lambda r: r.id, 22),
            Column("enterprise", "企业编号", lambda r: r.need.enterprise),
            Column("enterprise_name", "发布企业", lambda r: view.enterprise_name(r.need.enterprise), 24),
            Column("industry", "所属行业", lambda r: _of_enterprise(view, r.need.enterprise, "industry")),
            Column("park", "所在园区", lambda r: _of_enterprise(view, r.need.enterprise, "park")),
            Column("title", "需求名称", lambda r: r.need.title, 24),
            Column("fields", "技术领域", lambda r: list(r.need.fields or []), 24),
            Column("duty", "需要的帮助", lambda r: r.need.duty, 12),
            Column("status", "状态", lambda r: r.status, 8),
            Column("posted", "发布日期", lambda r: r.need.posted, 12, DATE),
            Column("closed", "关闭日期", lambda r: r.need.closed, 12, DATE),
            Column("days_open", "已征集天数", lambda r: r.days_open if r.is_open else None, 10, NUMBER),
            Column("agreements", "对接协议", lambda r: list(r.agreements), 16),
            Column("description", "需求描述", lambda r: plain_text(r.need.description), 50),
        ], list(view.needs.values())),
        Table("residencies", "入驻合作", "入驻协议", [
            Column("id", "协议编号", lambda r: r.id, 12),
            Column("doctor", "博士编号", lambda r: r.agreement.doctor),
            Column("doctor_name", "博士", lambda r: r.doctor_name, 10),
            Column("university_name", "派出单位", lambda r: r.university_name, 18),
            Column("enterprise", "企业编号", lambda r: r.agreement.enterprise),
            Column("enterprise_name", "入驻企业", lambda r: r.enterprise_name, 28),
            Column("position", "入驻岗位", lambda r: r.agreement.position),
            Column("start", "开始日期", lambda r: r.agreement.start, 12, DATE),
            Column("end", "结束日期", lambda r: r.agreement.end, 12, DATE),
            Column("status", "状态", lambda r: r.status, 8),
            Column("signed", "签订日期", lambda r: r.agreement.signed, 12, DATE),
            Column("filing_number", "备案编号", lambda r: r.agreement.filing.number, 20),
            Column("filing_date", "备案日期", lambda r: r.agreement.filing.date, 12, DATE),
            Column("focus", "合作重点", lambda r: r.agreement.focus, 36),
            Column("mode", "合作模式", lambda r: r.agreement.mode, 12),
            Column("coordinator", "企业项目推进负责人", lambda r: r.agreement.coordinator, 12),
            Column("funding_yuan", "企业经费保障（元）", lambda r: r.agreement.funding_yuan, 14, NUMBER),
        ], list(view.residencies.values())),
        Table("universities", "派出单位", "派出单位", [
            Column("id", "编号", lambda r: r[0]),
            Column("name", "单位名称", lambda r: r[1].name, 24),
            Column("research_office", "科研管理部门", lambda r: r[1].research_office),
            Column("website", "网站", lambda r: r[1].website, 24),
        ], sorted(program.universities.items())),
        Table("honor-roll", "年度光荣榜", "光荣榜", [
            Column("round", "评价轮次", lambda r: r[0].round, 10, NUMBER),
            Column("doctor", "博士编号", lambda r: r[1].doctor),
            Column("doctor_name", "博士", lambda r: r[1].doctor_name, 10),
            Column("university_name", "派出单位", lambda r: r[1].university_name, 18),
            Column("enterprise_name", "入驻企业", lambda r: r[1].enterprise_name, 28),
            Column("position", "入驻岗位", lambda r: r[1].position),
            Column("agreement", "协议编号", lambda r: r[1].agreement, 12),
            Column("reward_yuan", "奖励金额（元）", lambda r: r[1].reward_yuan, 12, NUMBER),
        ], excellent),
        Table("progress", "季度推进情况", "季度推进", [
            Column("period", "季度", lambda q: q.period, 10),
            Column("active", "在岗入驻", lambda q: q.active, 10, NUMBER),
            Column("on_time", "按时报送", lambda q: q.on_time, 10, NUMBER),
            Column("late", "逾期报送", lambda q: q.late, 10, NUMBER),
            Column("missing", "未报送", lambda q: q.missing, 10, NUMBER),
            Column("pending", "未到期", lambda q: q.pending, 10, NUMBER),
            *[Column(f"work_{index + 1}", f"工作事项：{duty}", lambda q, d=duty: q.work_by_duty.get(d, 0), 14, NUMBER)
              for index, duty in enumerate(view.policy.duties)],
            *[Column(key, title, lambda q, k=key: q.outcomes.get(k, 0), 12, NUMBER) for key, title in OUTCOME_TITLES.items()],
        ], list(reversed(view.quarters))),
    ]


def _of_enterprise(view, enterprise_id: str, attribute: str):
    enterprise = view.program.enterprises.get(enterprise_id)
    return getattr(enterprise, attribute) if enterprise else None
