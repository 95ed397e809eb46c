"""首页: the program in a paragraph, its key figures and charts."""

from __future__ import annotations

from ..charts import Chart, bar_chart, column_chart
from . import Page, Site


def pages(site: Site):
    facts = site.facts
    charts = [
        (Chart("universities", "在库博士（按派出单位）", facts.doctors_by_university(), "人"), bar_chart),
        (Chart("industries", "累计入驻（按企业所属行业）", facts.residencies_by("industry"), "人次"), bar_chart),
        (Chart("parks", "累计入驻（按园区）", facts.residencies_by("park"), "人次"), bar_chart),
        (Chart("quarters", "各季度在岗入驻博士", facts.residencies_over_time(), "人"), column_chart),
        (Chart("needs", "近 12 个月发布的企业需求（按状态）", facts.recent_needs_by_status(), "项"), bar_chart),
    ]
    yield Page(
        "index.md",
        "home.md.j2",
        {
            "figures": facts.figures,
            "take_up": facts.take_up,
            "charts": [{"chart": chart, "svg": draw(chart)} for chart, draw in charts],
            "latest_roll": max(facts.honor_rolls) if facts.honor_rolls else None,
            # the newest quarter whose reports are due: the current one would read "0 reports"
            "latest_quarter": next((q for q in facts.quarters if q.due < facts.as_of), None),
        },
        in_nav=True,
    )
