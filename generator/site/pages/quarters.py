"""季度推进情况 (第十三条): one page per quarter, and the list of quarters."""

from __future__ import annotations

from ..office import quarter_document
from . import Page, Site


def pages(site: Site):
    for quarter in site.view.quarters:
        yield Page(f"progress/{quarter.period}.md", "quarter.md.j2", {"quarter": quarter, "document": _document(site, quarter)})
    yield Page("progress/index.md", "quarters.md.j2", {"quarters": site.view.quarters}, in_nav=True)


def _document(site: Site, quarter) -> dict | None:
    """The quarter's Word document the site offers (internal only): the report, or the 征求意见稿 of the quarter under way."""
    for draft in (False, True):
        if site.download(quarter_document(quarter.period, draft)):
            return {"path": quarter_document(quarter.period, draft), "draft": draft}
    return None
