"""内部: 走访 (第九、十、十五条), 问题整改 (第十二条) and 支持项目 (第十八、十九条), for the internal audience only.

The public build shows supports only once they reach 立项, 认定 or 备案, on the doctors' and the
enterprises' pages and in the home page's 成果; nothing of visits or problems.
"""

from __future__ import annotations

from . import Page, Site


def pages(site: Site):
    if not site.internal:
        return
    view, followup = site.view, site.view.followup
    yield Page("internal/visits.md", "internal/visits.md.j2", {
        "months": followup.visits_by_month,
        "due": followup.university_visits_due,
        "months_interval": site.policy.university_visit_months,
        "by_enterprise": sorted(followup.visits_of_enterprise.items(),
                                key=lambda item: (view.enterprise_name(item[0]), item[0])),
        "by_university": [(university, items, _enterprises(view, items)) for university, items in
                          sorted(followup.visits_of_university.items(),
                                 key=lambda item: (view.university_name(item[0]), item[0]))],
        "visits": followup.visits,
    }, in_nav=True)
    yield Page("internal/problems.md", "internal/problems.md.j2", {
        "open": followup.open_problems,
        "closed": followup.closed_problems,
    }, in_nav=True)
    yield Page("internal/supports.md", "internal/supports.md.j2", {
        "by_status": followup.supports_by_status,
    }, in_nav=True)


def _enterprises(view, visits) -> list[str]:
    """The names of the enterprises some visits went to, each once, the latest first."""
    return list(dict.fromkeys(view.enterprise_name(visit.enterprise) for _, visit in visits))
