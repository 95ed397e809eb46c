"""Supports (第十八、十九条): the stage each has reached as of one day, and what is public, derived, never stored.

A support's status is its last stage dated on or before the day (a stage still to come has
not happened). It is public once it has reached 立项, 认定 or 备案, unless it was later
撤销: the public site shows it from that success on, never the stages before it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from ..records.models import Support
from ..records.models.support import REVOKED, STAGES, SUCCESSES, Stage
from ..records.program import Program


@dataclass(frozen=True)
class SupportState:
    id: str
    support: Support
    reached: tuple[Stage, ...]  # the stages dated on or before the day, as listed

    @property
    def current(self) -> Stage | None:
        return self.reached[-1] if self.reached else None

    @property
    def status(self) -> str:
        return self.current.stage if self.current else "未开始"

    @property
    def success(self) -> Stage | None:
        """The first 立项, 认定 or 备案 reached."""
        return next((stage for stage in self.reached if stage.stage in SUCCESSES), None)

    @property
    def public(self) -> bool:
        return self.success is not None and self.status != REVOKED

    @property
    def public_stages(self) -> tuple[Stage, ...]:
        """What the public site shows: the stages from the first success on."""
        if not self.public:
            return ()
        return self.reached[self.reached.index(self.success):]


def support_states(program: Program, as_of: date) -> dict[str, SupportState]:
    """Every support as of `as_of`, by id (in id order)."""
    return {support_id: SupportState(support_id, support, tuple(s for s in support.stages if s.date <= as_of))
            for support_id, support in sorted(program.supports.items())}


def by_status(states) -> dict[str, list[SupportState]]:
    """Status (申报 … 撤销, then 未开始) -> the supports standing there, in the order of the stages."""
    groups = {stage: [] for stage in (*STAGES, "未开始")}
    for state in states:
        groups[state.status].append(state)
    return {stage: items for stage, items in groups.items() if items}


def achievements(states, kinds: list[str], levels: list[str]) -> dict[str, dict[str, int]]:
    """Public supports counted by kind, then level (the home page's 成果), in the policy's order."""
    counts = Counter((state.support.kind, state.support.level) for state in states if state.public)
    return {kind: {level: counts[kind, level] for level in levels} for kind in kinds}


def stages_between(states, first: date, last: date) -> dict[str, list[tuple[SupportState, Stage]]]:
    """Stage -> (support, that stage) for every stage dated from `first` to `last`, in the order of the stages."""
    found = {stage: [] for stage in STAGES}
    for state in states:
        for stage in state.reached:
            if first <= stage.date <= last:
                found[stage.stage].append((state, stage))
    return {stage: items for stage, items in found.items() if items}
