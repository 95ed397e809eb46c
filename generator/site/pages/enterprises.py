"""企业名录: host enterprises as a table, and one page per enterprise."""

from __future__ import annotations

from ...queries.name_order import pinyin_key
from . import Page, Site


def pages(site: Site):
    facts, program = site.facts, site.program
    rows = []
    for enterprise_id, enterprise in sorted(program.enterprises.items(), key=lambda item: (pinyin_key(item[1].name), item[0])):
        residencies = facts.residencies_of_enterprise.get(enterprise_id, [])
        needs = facts.needs_of_enterprise.get(enterprise_id, [])
        rows.append({
            "id": enterprise_id,
            "enterprise": enterprise,
            "kind": facts.industry_kind(enterprise.industry),
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
                "kind": facts.industry_kind(enterprise.industry),
                "residencies": [{"residency": r, "doctor": program.doctors.get(r.agreement.doctor)}
                                for r in residencies],
                "needs": needs,
            },
            record=f"enterprises/{enterprise_id}.yml",
        )
    yield Page("enterprises/index.md", "enterprises.md.j2", {"rows": rows}, in_nav=True)
