"""内部: report status, evaluations and meetings, for the internal audience only.

None of these pages exists in the public build; the public build's tests grep every output
file for the texts shown here.
"""

from __future__ import annotations

from ...queries.view import NOT_STARTED
from . import Page, Site


def pages(site: Site):
    if not site.internal:
        return
    program, view = site.program, site.view
    yield Page("internal/index.md", "internal/index.md.j2", {"warnings": site.findings}, in_nav=True)
    yield Page("internal/reports.md", "internal/reports.md.j2", {
        "rows": [{"residency": r, "doctor": r.doctor, "enterprise": r.enterprise,
                  "status": view.report_status.get(r.id, []), "final": view.final_report(r.id)}
                 for r in view.residencies.values() if r.status != NOT_STARTED],
        "warnings_by_doctor": sorted(view.warnings_by_doctor.items(), key=lambda item: item[0] or ""),
    }, in_nav=True)
    yield Page("internal/evaluations.md", "internal/evaluations.md.j2", {
        "evaluations": [(eid, e, program.agreements.get(e.agreement)) for eid, e in
                        sorted(program.evaluations.items(), key=lambda item: (item[1].date, item[0]), reverse=True)],
    }, in_nav=True)
    yield Page("internal/needs.md", "internal/needs.md.j2", {
        "stale": [(state, program.enterprises.get(state.need.enterprise), len(view.matches[0].get(state.id, ())))
                  for state in view.stale_needs],
        "days": site.policy.need_stale_days,
    }, in_nav=True)
    yield Page("internal/meetings.md", "internal/meetings.md.j2", {
        "meetings": sorted(program.meetings.items(), key=lambda item: (item[1].date, item[0]), reverse=True),
    }, in_nav=True)

