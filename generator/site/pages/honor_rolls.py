"""年度光荣榜 (第十六条): one printable page per evaluation round."""

from __future__ import annotations

from ...documents.honor_roll import undated_reason
from ..office import honor_roll_notice
from . import Page, Site


def pages(site: Site):
    rolls = site.view.honor_rolls
    for round_, roll in sorted(rolls.items(), reverse=True):
        yield Page(f"honor-roll/{round_}.md", "honor_roll.md.j2", {"roll": roll, **_notice(site, round_)}, in_nav=True)
    yield Page("honor-roll/index.md", "honor_rolls.md.j2",
               {"rolls": [rolls[r] for r in sorted(rolls, reverse=True)]}, in_nav=True)


def _notice(site: Site, round_: int) -> dict:
    """The round's 通报 (Word) when the site offers it; otherwise why not (told to staff only)."""
    path = honor_roll_notice(round_)
    if site.download(path):
        return {"notice": path, "notice_missing": None}
    return {"notice": None, "notice_missing": undated_reason(site.view, round_)}
