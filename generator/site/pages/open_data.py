"""开放数据: the list of downloadable files (the files themselves come from `downloads.py`)."""

from __future__ import annotations

from . import Page, Site


def pages(site: Site):
    yield Page("data/downloads.md", "downloads.md.j2", {"downloads": site.downloads}, in_nav=True)
