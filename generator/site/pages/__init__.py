"""Which pages the site has: one planner per section, each yielding `Page`s.

Deciding what exists (here) is kept apart from writing it (`render.py`, `generate.py`): a planner looks at
the program and returns page paths, templates and the context each template needs. A page
is `in_nav` when the navigation lists it (a section's pages); record pages (one per doctor,
enterprise, residency, quarter) are reached through the directories and stay out of the
menu, which would otherwise carry every doctor on every page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...queries.view import ProgramView
from ..history import History

PUBLIC, INTERNAL = "public", "internal"
AUDIENCES = (PUBLIC, INTERNAL)


@dataclass(frozen=True)
class Download:
    """One open-data file: where it lands in the site, what it holds, its bytes."""

    path: str  # docs-relative, e.g. "data/files/doctors.csv"
    title: str
    format: str  # CSV / JSON / JSON Schema
    rows: int | None
    content: bytes


@dataclass(frozen=True)
class Page:
    path: str  # docs-relative markdown path, e.g. "doctors/zhang-wei.md"
    template: str
    context: dict = field(default_factory=dict)
    in_nav: bool = False
    record: str | None = None  # the record file the page shows, relative to records/


@dataclass
class Site:
    """Everything a planner or a template may read: the program's view, for one audience."""

    view: ProgramView  # its findings are the validator's warnings (a build with errors stops earlier)
    audience: str
    history: History
    intro: str  # the home page's excerpt of site_src/about.md (trusted, hand-written markdown)
    downloads: list[Download] = field(default_factory=list)
    directory_urls: bool = True  # mkdocs.yml's use_directory_urls: a page's address is doctors/d1/, else doctors/d1.html

    @property
    def internal(self) -> bool:
        return self.audience == INTERNAL

    def download(self, path: str) -> Download | None:
        """The file the site offers at `path`, if it offers one."""
        return next((download for download in self.downloads if download.path == path), None)

    @property
    def program(self):
        return self.view.program

    @property
    def policy(self):
        return self.view.policy

    @property
    def findings(self) -> list:
        return self.view.warnings


def plan(site: Site) -> list[Page]:
    """Every generated page of the site, in a stable order."""
    from . import (
        doctors,
        enterprises,
        followup,
        home,
        honor_rolls,
        internal,
        needs,
        open_data,
        policy,
        quarters,
        residencies,
    )

    planners = (home, doctors, enterprises, needs, residencies, honor_rolls, quarters, policy, open_data, internal, followup)
    return [page for planner in planners for page in planner.pages(site)]
