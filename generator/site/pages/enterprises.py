"""企业名录: host enterprises as a table, and one page per enterprise."""

from __future__ import annotations

from ...queries.view import pinyin_key
from ...records.address import RecordRef
from . import Page, Site


def pages(site: Site):
    view, program = site.view, site.program
    rows = []
    for enterprise_id, enterprise in sorted(program.enterprises.items(), key=lambda item: (pinyin_key(item[1].name), item[0])):
        residencies = view.residencies_of_enterprise.get(enterprise_id, [])
        needs = view.needs_of_enterprise.get(enterprise_id, [])
        rows.append({
            "id": enterprise_id,
            "enterprise": enterprise,
            "kind": view.industry_kind(enterprise.industry),
            "hosted": len(residencies),
            "active": sum(1 for residency in residencies if residency.status == "进行中"),
            "open_needs": sum(1 for state in needs if state.is_open),
        })
        yield Page(
            f"enterprises/{enterprise_id}.md",
            "enterprise.md.j2",
            {
                "id": enterprise_id,
                "enterprise": enterprise,
                "kind": view.industry_kind(enterprise.industry),
                "residencies": [{"residency": r, "doctor": program.doctors.get(r.agreement.doctor)}
                                for r in residencies],
                "needs": needs,
                "supports": view.followup.public_supports_of_enterprise.get(enterprise_id, []),
            },
            record=RecordRef("enterprise", enterprise_id).path,
        )
    yield Page("enterprises/index.md", "enterprises.md.j2", {"rows": rows}, in_nav=True)
