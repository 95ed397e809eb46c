"""供需对接: the needs board, one page per need with its recommended doctors (第五条, 第十条)."""

from __future__ import annotations

from ...queries.view import need_order
from ...records.address import RecordRef
from . import Page, Site


def pages(site: Site):
    view, program = site.view, site.program
    by_need, _ = view.matches
    rows = []
    for state in sorted(view.needs.values(), key=need_order):
        row = {"state": state, "enterprise": program.enterprises.get(state.need.enterprise)}
        rows.append(row)
        yield Page(f"needs/{state.id}.md", "need.md.j2", {
            **row,
            "residencies": [view.residencies[a] for a in state.agreements if a in view.residencies],
            "candidates": [_candidate(site, match) for match in by_need.get(state.id, ())],
            # doctors in residence at the need's own enterprise: shown apart, never recommended (第五条)
            "in_residence": [view.residencies[resident.agreement] for resident in view.matcher.residents(state.id)]
            if state.is_open else [],
        }, record=RecordRef("need", state.id).path)
    yield Page("needs/index.md", "needs.md.j2", {"rows": rows, "take_up": view.take_up,
                                                  "open": sum(1 for row in rows if row["state"].is_open)}, in_nav=True)


def _candidate(site: Site, match) -> dict:
    doctor = site.program.doctors[match.doctor]
    return {"match": match, "doctor": doctor, "university": site.view.university_name(doctor.university)}
