"""The ledger's follow-up sheets (internal): 走访记录 (第九、十、十五条), 问题整改 (第十二条), 支持项目 (第十八、十九条)."""

from __future__ import annotations

from ..queries.view import DATE, NUMBER, STATUS, Column, ProgramView, Table
from ..records.markdown import plain_text


def _visitors(visit) -> list[str]:
    return [f"{v.unit}：{'、'.join(v.people)}" if v.people else v.unit for v in visit.visitors]


def followup_sheets(view: ProgramView) -> list[Table]:
    followup = view.followup
    return [
        Table("visits", "走访记录", "走访记录", [
            Column("id", "编号", lambda r: r[0], 24),
            Column("date", "走访日期", lambda r: r[1].date, 12, DATE),
            Column("kind", "走访类型", lambda r: r[1].kind, 12),
            Column("enterprise", "企业编号", lambda r: r[1].enterprise),
            Column("enterprise_name", "走访企业", lambda r: view.enterprise_name(r[1].enterprise), 24),
            Column("university_name", "派出单位", lambda r: view.university_name(r[1].university) if r[1].university else None, 16),
            Column("visitors", "走访单位及人员", lambda r: _visitors(r[1]), 30),
            Column("method", "走访方式", lambda r: r[1].method, 8),
            Column("agreements", "涉及入驻", lambda r: [view.residency_name(a) for a in r[1].agreements or ()], 24),
            Column("findings", "走访情况", lambda r: plain_text(r[1].findings), 50),
            Column("problems", "发现问题（个）", lambda r: len(r[1].problems or ()), 10, NUMBER),
        ], list(reversed(followup.visits)), internal=True),
        Table("problems", "问题整改", "问题整改", [
            Column("id", "问题编号", lambda s: s.full_id, 30),
            Column("source", "来源", lambda s: s.source, 8),
            Column("raised", "提出日期", lambda s: s.raised, 12, DATE),
            Column("enterprises", "企业", lambda s: [view.enterprise_name(e) for e in s.enterprises], 24),
            Column("description", "问题", lambda s: s.problem.description, 30),
            Column("owner", "主办单位", lambda s: s.problem.owner, 14),
            Column("helpers", "协办单位", lambda s: list(s.problem.helpers or ()), 14),
            Column("deadline", "办理期限", lambda s: s.problem.deadline, 12, DATE),
            Column("extended", "延期至", lambda s: s.problem.extended.to if s.problem.extended else None, 12, DATE),
            Column("extension_reason", "延期原因", lambda s: s.problem.extended.reason if s.problem.extended else None, 20),
            Column("status", "状态", lambda s: s.status, 8, STATUS, note="逾期：超过办理期限（延期的以延期为准）仍未办结（第十二条）"),
            Column("days_left", "剩余天数", lambda s: s.days_left if s.is_open else None, 10, NUMBER,
                   note="距办理期限的天数；负数为已逾期的天数"),
            Column("closed", "办结日期", lambda s: s.problem.closed if not s.is_open else None, 12, DATE),
            Column("resolution", "办结情况", lambda s: plain_text(s.problem.resolution), 40),
            Column("revisit", "回访日期", lambda s: s.problem.revisit.date if s.problem.revisit else None, 12, DATE),
            Column("satisfaction", "回访满意度", lambda s: s.problem.revisit.satisfaction if s.problem.revisit else None, 10),
        ], followup.problems, internal=True),
        Table("supports", "支持项目", "支持项目", [
            Column("id", "编号", lambda s: s.id, 26),
            Column("kind", "类型", lambda s: s.support.kind, 12),
            Column("name", "名称", lambda s: s.support.name, 36),
            Column("level", "级别", lambda s: s.support.level, 8),
            Column("enterprise_name", "企业", lambda s: view.enterprise_name(s.support.enterprise), 24),
            Column("doctors", "博士", lambda s: [view.doctor_name(d) for d in s.support.doctors or ()], 12),
            Column("status", "当前阶段", lambda s: s.status, 10),
            Column("date", "阶段日期", lambda s: s.current.date if s.current else None, 12, DATE),
            Column("number", "文号", lambda s: next((x.number for x in reversed(s.reached) if x.number), None), 22,
                   note="最近一个写明文号的阶段（区推荐、立项、认定、备案）的文号"),
            Column("stages", "全部阶段", lambda s: [f"{x.stage} {x.date}" for x in s.reached], 36),
            Column("requested", "申请金额（元）", lambda s: s.support.amount_yuan.requested if s.support.amount_yuan else None, 14, NUMBER),
            Column("approved", "批准金额（元）", lambda s: s.support.amount_yuan.approved if s.support.amount_yuan else None, 14, NUMBER),
        ], list(followup.supports.values()), internal=True),
    ]
