"""首页: the program in a paragraph, its key figures and charts."""

from __future__ import annotations

from ..charts import Chart, bar_chart, column_chart
from . import Page, Site


def pages(site: Site):
    view = site.view
    charts = [
        (Chart("universities", "在库博士（按派出单位）", view.doctors_by_university(), "人"), bar_chart),
        (Chart("industries", "累计入驻（按企业所属行业）", view.residencies_by("industry"), "人次"), bar_chart),
        (Chart("parks", "累计入驻（按园区）", view.residencies_by("park"), "人次"), bar_chart),
        (Chart("quarters", "各季度在岗入驻博士", view.residencies_over_time(), "人"), column_chart),
        (Chart("needs", "近 12 个月发布的企业需求（按状态）", view.recent_needs_by_status(), "项"), bar_chart),
    ]
    yield Page(
        "index.md",
        "home.md.j2",
        {
            "figures": view.figures,
            "achievements": view.followup.achievements,
            "take_up": view.take_up,
            "charts": [{"chart": chart, "svg": draw(chart)} for chart, draw in charts],
            "latest_roll": max(view.honor_rolls) if view.honor_rolls else None,
            # the newest quarter whose reports are due: the current one would read "0 reports"
            "latest_quarter": next((q for q in view.quarters if q.due < view.as_of), None),
        },
        in_nav=True,
    )
