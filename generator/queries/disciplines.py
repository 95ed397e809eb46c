"""Read a doctor's discipline as one of the national catalogue's 一级学科 (disciplines.yml).

The catalogue (研究生教育学科专业目录, 2022) groups the 一级学科 under 学科门类. Matching uses it only
to rank: doctors of the 一级学科 whose doctors, taken together, share most of a need's words come
a little earlier (matching.py). A discipline the catalogue does not know is simply not grouped.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from .terms import normal

CATALOGUE = Path(__file__).with_name("disciplines.yml")


@dataclass(frozen=True)
class Discipline:
    """One 一级学科 (or 专业学位类别) of the catalogue, with its 学科门类."""

    code: str
    name: str
    category: str  # the 学科门类, such as 工学


@cache
def _names() -> dict[str, Discipline]:
    """Normalised name or alias -> its discipline; the catalogue's own names win over aliases."""
    catalogue = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    names: dict[str, Discipline] = {}
    aliases: dict[str, Discipline] = {}
    for category in catalogue["categories"]:
        for entry in [*category["disciplines"], *category.get("professional", ())]:
            discipline = Discipline(entry["code"], entry["name"], category["name"])
            names.setdefault(normal(entry["name"]), discipline)
            for alias in entry.get("aliases", ()):
                aliases.setdefault(normal(alias), discipline)
    return {**aliases, **names}


@cache
def _longest_first() -> list[tuple[str, Discipline]]:
    return sorted(_names().items(), key=lambda item: (-len(item[0]), item[0]))


def discipline_of(text: str) -> Discipline | None:
    """The 一级学科 a doctor's `discipline` names: exactly, or the longest catalogue name inside it.

    材料科学与工程 and 高分子材料与工程 are both 0805; 材料科学与工程（高分子方向） too. None when no
    name of the catalogue is in the text. The catalogue is about two hundred names, so this is
    linear in the text.
    """
    folded = " ".join(normal(text).split())
    names = _names()
    if folded in names:
        return names[folded]
    return next((discipline for name, discipline in _longest_first() if name in folded), None)
