"""What the quarterly 推进情况 says of the follow-up: visits (第九、十、十五条), problems (第十二条), supports (第十八、十九条)."""

from __future__ import annotations

from ..queries.view import ProgramView, QuarterFollowUp
from .content import Block, Heading, Paragraph, chinese_date


def month_day(day) -> str:
    return f"{day.month}月{day.day}日"


def visitor_units(visit) -> str:
    return "、".join(visitor.unit for visitor in visit.visitors)


def problem_text(view: ProgramView, state) -> str:
    """中试场地不足（平顶山某某有限公司，主办：科技创新局，期限：2026年10月31日）."""
    problem = state.problem
    where = "、".join(view.enterprise_name(e) for e in state.enterprises)
    extended = "（已延期）" if problem.extended else ""
    return (f"{problem.description}（{where + '，' if where else ''}主办：{problem.owner}，"
            f"期限：{chinese_date(state.deadline)}{extended}）")


def support_text(view: ProgramView, support) -> str:
    """平顶山某某有限公司（张伟）省级人才计划项目“…”."""
    doctors = "、".join(view.doctor_name(d) for d in support.doctors or ())
    return (f"{view.enterprise_name(support.enterprise)}{f'（{doctors}）' if doctors else ''}"
            f"{support.level}{support.kind}“{support.name}”")


def overview(quarter: QuarterFollowUp) -> list[Paragraph]:
    kinds = "、".join(f"{kind}{n}次" for kind, n in quarter.visits_by_kind.items() if n)
    visits = f"本季度走访调研{len(quarter.visits)}次（{kinds}）" if quarter.visits else "本季度没有走访调研记录"
    problems = (f"新提出问题{len(quarter.opened)}个，办结{len(quarter.closed)}个，"
                f"截至{chinese_date(quarter.at)}逾期未办结{len(quarter.overdue)}个")
    stages = "、".join(f"{stage}{len(items)}项" for stage, items in quarter.stages.items())
    supports = f"人才计划项目、新型研发机构和科技项目本季度{stages}" if stages else "人才计划项目、新型研发机构和科技项目本季度没有新的进展"
    return [Paragraph(f"{visits}；{problems}；{supports}。")]


def work(view: ProgramView, quarter: QuarterFollowUp) -> list[Block]:
    out: list[Block] = []
    if quarter.visits:
        out.append(Heading(2, "走访调研"))
        out += [Paragraph(f"{month_day(visit.date)}，{visitor_units(visit)}到{view.enterprise_name(visit.enterprise)}"
                          f"走访（{visit.kind}，{visit.method}）。") for _, visit in quarter.visits]
    if quarter.stages:
        out.append(Heading(2, "人才项目与平台"))
        for stage_name, items in quarter.stages.items():
            for state, stage in items:
                out.append(Paragraph(f"{support_text(view, state.support)}：{month_day(stage.date)}{stage_name}"
                                     f"{f'（{stage.number}）' if stage.number else ''}。"))
    return out


def problems(view: ProgramView, quarter: QuarterFollowUp) -> list[Block]:
    if not quarter.overdue:
        return []
    return [Heading(2, "问题逾期未办结（第十二条）"),
            *(Paragraph(f"{problem_text(view, state)}，已逾期{(quarter.at - state.deadline).days}天。")
              for state in quarter.overdue)]
