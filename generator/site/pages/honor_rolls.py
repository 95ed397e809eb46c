"""年度光荣榜 (第十六条): one printable page per evaluation round."""

from __future__ import annotations

from . import Page, Site


def pages(site: Site):
    rolls = site.view.honor_rolls
    for round_, roll in sorted(rolls.items(), reverse=True):
        yield Page(f"honor-roll/{round_}.md", "honor_roll.md.j2", {"roll": roll}, in_nav=True)
    yield Page("honor-roll/index.md", "honor_rolls.md.j2",
               {"rolls": [rolls[r] for r in sorted(rolls, reverse=True)]}, in_nav=True)
