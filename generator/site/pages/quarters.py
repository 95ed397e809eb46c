"""季度推进情况 (第十三条): one page per quarter, and the list of quarters."""

from __future__ import annotations

from . import Page, Site


def pages(site: Site):
    for quarter in site.view.quarters:
        yield Page(f"progress/{quarter.period}.md", "quarter.md.j2", {"quarter": quarter})
    yield Page("progress/index.md", "quarters.md.j2", {"quarters": site.view.quarters}, in_nav=True)
