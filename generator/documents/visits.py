"""The 走访记录表: every visit of a period, one table each (第九、十、十五条), with the problems it found (第十二条)."""

from __future__ import annotations

from datetime import date

from ..errors import ExportError
from ..queries.view import ProgramView
from ..records.address import RecordRef
from ..records.markdown import plain_text
from .content import Gongwen, Heading, Paragraph, Table, chinese_date
from .followup import problem_text


def visits_document(view: ProgramView, first: date | None = None, last: date | None = None) -> Gongwen:
    """The visits dated from `first` to `last` (both optional, both included), oldest first."""
    visits = [(vid, v) for vid, v in reversed(view.followup.visits)
              if (first is None or v.date >= first) and (last is None or v.date <= last)]
    span = _span(first, last)
    if not visits:
        raise ExportError(f"{span}没有走访记录：请核对 --from、--to，或先在 visits/ 中记录走访")
    first, last = visits[0][1].date, visits[-1][1].date
    policy = view.policy
    kinds = {kind: sum(1 for _, v in visits if v.kind == kind) for kind in policy.visit_kinds}
    problems = [state for vid, _ in visits for state in view.followup.problems_of(RecordRef("visit", vid))]
    done = sum(1 for state in problems if not state.is_open)
    counts = "、".join(f"{kind}{n}次" for kind, n in kinds.items() if n)
    body = [Paragraph(f"{chinese_date(first)}至{chinese_date(last)}，共走访调研{len(visits)}次（{counts}），"
                      f"发现问题{len(problems)}个，截至{chinese_date(view.as_of)}已办结{done}个。")]
    for visit_id, visit in visits:
        body += [Heading(1, f"{chinese_date(visit.date)} {view.enterprise_name(visit.enterprise)}"),
                 _table(view, visit_id, visit)]
    return Gongwen(f"“{policy.program}”\n走访记录表", policy.bureau_name, view.as_of, body)


def _span(first: date | None, last: date | None) -> str:
    if first and last:
        return f"{first} 至 {last} "
    return f"{first} 以后" if first else f"{last} 以前" if last else ""


def _table(view: ProgramView, visit_id: str, visit) -> Table:
    people = "\n".join(f"{v.unit}：{'、'.join(v.people)}" if v.people else v.unit for v in visit.visitors)
    residencies = "、".join(view.residency_name(a) for a in visit.agreements or ())
    problems = "\n".join(f"{n}. {problem_text(view, state)}：{state.status}"
                         f"{f'（{chinese_date(state.problem.closed)}）' if not state.is_open else ''}"
                         for n, state in enumerate(view.followup.problems_of(RecordRef("visit", visit_id)), 1))
    rows = [
        ["走访日期", chinese_date(visit.date)],
        ["走访类型", visit.kind],
        ["走访单位及人员", people],
        ["走访企业", view.enterprise_name(visit.enterprise)],
        ["涉及入驻", residencies or "—"],
        ["派出单位", view.university_name(visit.university)] if visit.university else None,
        ["走访方式", visit.method],
        ["走访情况", plain_text(visit.findings) or ""],
        ["发现问题", problems or "无"],
    ]
    return Table(["项目", "内容"], [row for row in rows if row], left=(1,), together=True)

