"""The state of each enterprise need as of one day (第五条 供需对接, 第十条): derived, never stored.

A need is 已对接 when at least one agreement lists it in `needs`; otherwise 已关闭 when its
`closed` date is on or before the day; otherwise 征集中 (open, seeking a doctor).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from ..records.dates import ONE_DAY, add_months
from ..records.models import Need
from ..records.program import Program

OPEN, MATCHED, CLOSED = "征集中", "已对接", "已关闭"
STATUSES = (OPEN, MATCHED, CLOSED)  # the board lists open needs first


@dataclass(frozen=True)
class NeedState:
    id: str
    need: Need
    status: str
    agreements: tuple[str, ...]  # the agreements that take it up, by id
    days_open: int  # days from `posted` to the day (or to `closed` for a closed need)

    @property
    def is_open(self) -> bool:
        return self.status == OPEN


def taken_up(program: Program) -> dict[str, list[str]]:
    """Need id -> the ids of the agreements that list it, in id order."""
    agreements: dict[str, list[str]] = defaultdict(list)
    for agreement_id, agreement in sorted(program.agreements.items()):
        for need_id in dict.fromkeys(agreement.needs or ()):
            agreements[need_id].append(agreement_id)
    return agreements


def status(need: Need, agreements, as_of: date) -> str:
    if agreements:
        return MATCHED
    if need.closed is not None and need.closed <= as_of:
        return CLOSED
    return OPEN


def need_states(program: Program, as_of: date) -> dict[str, NeedState]:
    """Every need's state as of `as_of`, by id (in id order)."""
    taken = taken_up(program)
    states = {}
    for need_id, need in sorted(program.needs.items()):
        agreements = tuple(taken.get(need_id, ()))
        state = status(need, agreements, as_of)
        until = need.closed if state == CLOSED else as_of
        states[need_id] = NeedState(need_id, need, state, agreements, max(0, (until - need.posted).days))
    return states


def is_stale(state: NeedState, stale_days: int) -> bool:
    """Still open more than `stale_days` after it was posted (第十条: follow it up)."""
    return state.is_open and state.days_open > stale_days


@dataclass(frozen=True)
class TakeUp:
    """The needs posted in the twelve months up to a day, and how many were taken up."""

    since: date  # the first day of the window
    posted: int
    matched: int
    by_status: dict[str, int]

    @property
    def rate(self) -> float | None:
        return self.matched / self.posted if self.posted else None


def take_up(states: dict[str, NeedState], as_of: date) -> TakeUp:
    """需求对接率: the share of the needs posted in the last 12 months that were taken up."""
    since = add_months(as_of, -12) + ONE_DAY
    recent = [s for s in states.values() if since <= s.need.posted <= as_of]
    counts = {name: sum(1 for s in recent if s.status == name) for name in STATUSES}
    return TakeUp(since, len(recent), counts[MATCHED], counts)
