"""开放数据: every directory as CSV (UTF-8 with BOM, for Excel) and JSON, plus the JSON Schemas.

A table is declared once, as columns (JSON key, CSV header, value); both formats read the
same rows. Only public fields are exported, in both audiences: report bodies, opinions and
meetings never enter a download.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from ..records.models import OUTCOME_KEYS
from .facts import OUTCOME_TITLES, Facts
from .pages import Download
from .text import json_document, plain_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    key: str  # JSON key
    header: str  # CSV header (Chinese)
    value: Callable


@dataclass(frozen=True)
class Table:
    name: str  # file name stem
    title: str
    columns: list[Column]
    rows: list


def protect_cell(value):
    """Keep spreadsheet programs from running a cell as a formula (CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.header for column in table.columns])
    for row in table.rows:
        writer.writerow([protect_cell(_cell(column.value(row))) for column in table.columns])
    return buffer.getvalue().encode("utf-8-sig")


def to_json(table: Table, as_of) -> bytes:
    items = [{column.key: _json_value(column.value(row)) for column in table.columns} for row in table.rows]
    document = {"title": table.title, "as_of": as_of.isoformat(), "count": len(items), "items": items}
    return json_document(document)


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "；".join(str(item) for item in value)
    return str(value)


def _json_value(value):
    if value is None or isinstance(value, (int, str, list)):
        return value
    return str(value)


def tables(facts: Facts) -> list[Table]:
    program = facts.program
    doctors = sorted(program.doctors.items())
    enterprises = sorted(program.enterprises.items())
    residencies = list(facts.residencies.values())
    excellent = [(roll, entry) for _, roll in sorted(facts.honor_rolls.items()) for entry in roll.excellent]

    return [
        Table("doctors", "博士名录", [
            Column("id", "编号", lambda r: r[0]),
            Column("name", "姓名", lambda r: r[1].name),
            Column("university", "派出单位编号", lambda r: r[1].university),
            Column("university_name", "派出单位", lambda r: facts.university_name(r[1].university)),
            Column("discipline", "学科专业", lambda r: r[1].discipline),
            Column("title", "职称", lambda r: r[1].title),
            Column("research_areas", "研究方向", lambda r: list(r[1].research_areas)),
            Column("standing", "人才库状态", lambda r: facts.doctor_standing(r[0])),
            Column("bio", "简介", lambda r: plain_text(r[1].bio)),
        ], doctors),
        Table("enterprises", "企业名录", [
            Column("id", "编号", lambda r: r[0]),
            Column("name", "企业名称", lambda r: r[1].name),
            Column("credit_code", "统一社会信用代码", lambda r: r[1].credit_code),
            Column("industry", "所属行业", lambda r: r[1].industry),
            Column("industry_kind", "产业类别", lambda r: facts.industry_kind(r[1].industry)),
            Column("park", "所在园区", lambda r: r[1].park),
            Column("website", "网站", lambda r: r[1].website),
            Column("description", "企业简介", lambda r: plain_text(r[1].description)),
        ], enterprises),
        Table("needs", "企业需求", [
            Column("id", "编号", lambda r: r.id),
            Column("enterprise", "企业编号", lambda r: r.need.enterprise),
            Column("enterprise_name", "发布企业", lambda r: facts.enterprise_name(r.need.enterprise)),
            Column("industry", "所属行业", lambda r: _enterprise_value(facts, r, "industry")),
            Column("park", "所在园区", lambda r: _enterprise_value(facts, r, "park")),
            Column("title", "需求名称", lambda r: r.need.title),
            Column("fields", "技术领域", lambda r: list(r.need.fields or [])),
            Column("duty", "需要的帮助", lambda r: r.need.duty),
            Column("status", "状态", lambda r: r.status),
            Column("posted", "发布日期", lambda r: r.need.posted.isoformat()),
            Column("closed", "关闭日期", lambda r: r.need.closed.isoformat() if r.need.closed else None),
            Column("days_open", "已征集天数", lambda r: r.days_open if r.is_open else None),
            Column("agreements", "对接协议", lambda r: list(r.agreements)),
            Column("description", "需求描述", lambda r: plain_text(r.need.description)),
        ], list(facts.needs.values())),
        Table("residencies", "入驻合作", [
            Column("id", "协议编号", lambda r: r.id),
            Column("doctor", "博士编号", lambda r: r.agreement.doctor),
            Column("doctor_name", "博士", lambda r: facts.doctor_name(r.agreement.doctor)),
            Column("enterprise", "企业编号", lambda r: r.agreement.enterprise),
            Column("enterprise_name", "入驻企业", lambda r: facts.enterprise_name(r.agreement.enterprise)),
            Column("position", "入驻岗位", lambda r: r.agreement.position),
            Column("start", "开始日期", lambda r: r.agreement.start.isoformat()),
            Column("end", "结束日期", lambda r: r.agreement.end.isoformat()),
            Column("status", "状态", lambda r: r.status),
            Column("filing_number", "备案编号", lambda r: r.agreement.filing.number),
            Column("filing_date", "备案日期", lambda r: r.agreement.filing.date.isoformat()),
            Column("focus", "合作重点", lambda r: r.agreement.focus),
            Column("mode", "合作模式", lambda r: r.agreement.mode),
        ], residencies),
        Table("universities", "派出单位", [
            Column("id", "编号", lambda r: r[0]),
            Column("name", "单位名称", lambda r: r[1].name),
            Column("research_office", "科研管理部门", lambda r: r[1].research_office),
            Column("website", "网站", lambda r: r[1].website),
        ], sorted(program.universities.items())),
        Table("honor-roll", "年度光荣榜", [
            Column("round", "评价轮次", lambda r: r[0].round),
            Column("doctor", "博士编号", lambda r: r[1].doctor),
            Column("doctor_name", "博士", lambda r: r[1].doctor_name),
            Column("university_name", "派出单位", lambda r: r[1].university_name),
            Column("enterprise_name", "入驻企业", lambda r: r[1].enterprise_name),
            Column("position", "入驻岗位", lambda r: r[1].position),
            Column("agreement", "协议编号", lambda r: r[1].agreement),
            Column("reward_yuan", "奖励金额（元）", lambda r: r[1].reward_yuan),
        ], excellent),
        Table("progress", "季度推进情况", [
            Column("period", "季度", lambda q: q.period),
            Column("active", "在岗入驻", lambda q: q.active),
            Column("on_time", "按时报送", lambda q: q.on_time),
            Column("late", "逾期报送", lambda q: q.late),
            Column("missing", "未报送", lambda q: q.missing),
            Column("pending", "未到期", lambda q: q.pending),
            *[Column(f"work_{index + 1}", f"工作事项：{duty}", lambda q, d=duty: q.work_by_duty.get(d, 0))
              for index, duty in enumerate(program.policy.duties)],
            *[Column(key, OUTCOME_TITLES.get(key, key), lambda q, k=key: q.outcomes.get(k, 0)) for key in OUTCOME_KEYS],
        ], list(reversed(facts.quarters))),
    ]


def _enterprise_value(facts: Facts, state, attribute: str):
    enterprise = facts.program.enterprises.get(state.need.enterprise)
    return getattr(enterprise, attribute) if enterprise else None


def downloads(facts: Facts) -> list[Download]:
    """Every open-data file of the site."""
    from ..records.schema import schemas

    files = []
    for table in tables(facts):
        files.append(Download(f"data/files/{table.name}.csv", table.title, "CSV", len(table.rows), to_csv(table)))
        files.append(Download(f"data/files/{table.name}.json", table.title, "JSON", len(table.rows),
                              to_json(table, facts.as_of)))
    for kind, schema in schemas().items():
        files.append(Download(f"data/schema/{kind}.schema.json", schema.get("title", kind), "JSON Schema", None,
                              json_document(schema)))
    return files
