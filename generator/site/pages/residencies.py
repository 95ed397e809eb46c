"""入驻合作: every residency with its status, term, position and filing number."""

from __future__ import annotations

from collections import Counter

from ...records.address import RecordRef
from ...records.models import OUTCOME_KEYS
from . import Page, Site


def pages(site: Site):
    facts, program = site.facts, site.program
    rows = []
    for residency in sorted(facts.residencies.values(), key=lambda r: (r.agreement.start, r.id), reverse=True):
        row = {
            "residency": residency,
            "doctor": program.doctors.get(residency.agreement.doctor),
            "enterprise": program.enterprises.get(residency.agreement.enterprise),
        }
        rows.append(row)
        yield Page(
            f"residencies/{residency.id}.md",
            "residency.md.j2",
            {**row, "outcomes": _outcomes(site, residency.id), "reports": _reports(site, residency.id)},
            record=RecordRef("agreement", residency.id).path,
        )
    yield Page("residencies/index.md", "residencies.md.j2", {"rows": rows,
               "statuses": Counter(row["residency"].status for row in rows)}, in_nav=True)


def _outcomes(site: Site, agreement_id: str) -> dict[str, int]:
    """Outcome counts summed over the residency's reports (numbers only: public)."""
    totals = Counter({key: 0 for key in OUTCOME_KEYS})
    for report in site.program.reports.get(agreement_id, {}).values():
        if report.outcomes:
            totals.update({k: v for k, v in report.outcomes.model_dump().items() if v})
    return dict(totals)


def _reports(site: Site, agreement_id: str):
    """Each report's text, for the internal audience only (第十三条 报送 bodies are internal)."""
    if not site.internal:
        return None
    reports = site.program.reports.get(agreement_id, {})
    return {
        "status": site.facts.report_status.get(agreement_id, []),
        "items": sorted(reports.items(), key=lambda item: (item[0] == "final", item[0]), reverse=True),
        "evaluations": [(eid, e) for eid, e in sorted(site.program.evaluations.items()) if e.agreement == agreement_id],
        "meetings": [(mid, m) for mid, m in sorted(site.program.meetings.items()) if agreement_id in m.agreements],
    }
