"""政策与规则: the machine-checked rules and the policy parameters, from the code itself."""

from __future__ import annotations

from ...records.models import Policy
from ...records.models.policy import ABOUT_THE_RECORDS
from ...catalog import CATALOG
from . import Page, Site


def pages(site: Site):
    policy = site.policy
    parameters = [
        {"key": key, "title": field.title, "description": field.description or "", "value": getattr(policy, key)}
        for key, field in Policy.model_fields.items() if key not in ABOUT_THE_RECORDS
    ]
    yield Page("policy/rules.md", "rules.md.j2", {"rules": list(CATALOG.values()), "parameters": parameters},
               in_nav=True)
