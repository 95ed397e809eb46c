"""内部: report status, evaluations, the scoring ranking and meetings, for the internal audience only.

None of these pages exists in the public build; the public build's tests grep every output
file for the texts shown here.
"""

from __future__ import annotations

from ...queries.view import NOT_STARTED, shown
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
    if view.scored_rounds():
        yield Page("internal/scoring.md", "internal/scoring.md.j2", {"rounds": _rankings(view)}, in_nav=True)
    yield Page("internal/needs.md", "internal/needs.md.j2", {
        "stale": [(state, program.enterprises.get(state.need.enterprise), len(view.matches[0].get(state.id, ())))
                  for state in view.stale_needs],
        "days": site.policy.need_stale_days,
    }, in_nav=True)
    yield Page("internal/meetings.md", "internal/meetings.md.j2", {
        "meetings": sorted(program.meetings.items(), key=lambda item: (item[1].date, item[0]), reverse=True),
    }, in_nav=True)



def _rankings(view) -> list[dict]:
    """Each scored round, newest first: its ranking split at the cap (the places the excellent grade may take)."""
    rounds = []
    for round_ in reversed(view.scored_rounds()):
        scores = view.scoring[round_]
        rows = [{"place": place if item.total is not None else None, "item": item,
                 "residency": view.residencies.get(item.evaluation.agreement),
                 "totals": [shown(item.party_totals.get(party)) for party in view.policy.evaluation.parties],
                 "total": shown(item.total), "reason": view.grade_reason(item)}
                for place, item in enumerate(scores.scored, 1)]
        rounds.append({"scores": scores, "roll": view.honor_rolls[round_],
                       "above": rows[:scores.cap], "below": rows[scores.cap:]})
    return rounds
