"""入驻合作: every residency with its status, term, position and filing number."""

from __future__ import annotations

from collections import Counter

from ...records.address import RecordRef
from . import Page, Site


def pages(site: Site):
    view = site.view
    rows = []
    for residency in sorted(view.residencies.values(), key=lambda r: (r.agreement.start, r.id), reverse=True):
        row = {"residency": residency, "doctor": residency.doctor, "enterprise": residency.enterprise}
        rows.append(row)
        yield Page(
            f"residencies/{residency.id}.md",
            "residency.md.j2",
            {**row, "outcomes": view.outcomes_of(residency.id), "reports": _reports(site, residency.id)},
            record=RecordRef("agreement", residency.id).path,
        )
    yield Page("residencies/index.md", "residencies.md.j2", {"rows": rows,
               "statuses": Counter(row["residency"].status for row in rows)}, in_nav=True)


def _reports(site: Site, agreement_id: str):
    """Each report's text, for the internal audience only (第十三条 报送 bodies are internal)."""
    if not site.internal:
        return None
    reports = site.program.reports.get(agreement_id, {})
    return {
        "status": site.view.report_status.get(agreement_id, []),
        "items": sorted(reports.items(), key=lambda item: (item[0] == "final", item[0]), reverse=True),
        "evaluations": site.view.evaluations_of(agreement_id),
        "meetings": [(mid, m) for mid, m in sorted(site.program.meetings.items()) if agreement_id in m.agreements],
    }
