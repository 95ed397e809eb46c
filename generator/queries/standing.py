"""Derived facts about doctors: criticisms, exits from the talent database (第十六条).

A doctor's standing is never stored: it follows from evaluation actions.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ..records.models.evaluation import EXIT
from ..records.program import Program


@dataclass(frozen=True)
class DatedAction:
    doctor: str
    evaluation: str
    index: int
    action: str
    date: date
    amount_yuan: int | None


def dated_actions(program: Program) -> Iterator[DatedAction]:
    """Every action of every evaluation whose agreement is known, with its effective date."""
    for evaluation_id, evaluation in program.evaluations.items():
        agreement = program.agreements.get(evaluation.agreement)
        if agreement is None:
            continue
        for index, action in enumerate(evaluation.actions or ()):
            yield DatedAction(
                agreement.doctor,
                evaluation_id,
                index,
                action.action,
                action.date or evaluation.date,  # an action's date defaults to its evaluation's
                getattr(action, "amount_yuan", None),
            )


def exit_dates(program: Program) -> dict[str, date]:
    """Doctor id -> the date the doctor left the talent database (earliest 退出人才库)."""
    exits: dict[str, date] = {}
    for item in dated_actions(program):
        if item.action == EXIT and (item.doctor not in exits or item.date < exits[item.doctor]):
            exits[item.doctor] = item.date
    return exits


IN_DATABASE, LEFT_DATABASE = "在库", "已退出"
NOT_STARTED, ACTIVE, EXPIRED, TERMINATED = "未开始", "进行中", "已期满", "已终止"


def standing(program: Program, doctor_id: str, on: date, exits: dict[str, date] | None = None) -> str:
    """在库 or 已退出 on a given day."""
    exits = exit_dates(program) if exits is None else exits
    left = exits.get(doctor_id)
    return LEFT_DATABASE if left is not None and left <= on else IN_DATABASE


def residency_status(agreement, as_of: date, exits: dict[str, date]) -> tuple[str, date | None]:
    """(未开始 / 进行中 / 已期满 / 已终止, the day it ended early or None).

    A residency is 已终止 when its doctor left the talent database during its term (第十六条).
    """
    left = exits.get(agreement.doctor)
    if left is not None and agreement.start <= left <= agreement.end and left <= as_of:
        return TERMINATED, left
    if agreement.start > as_of:
        return NOT_STARTED, None
    if agreement.end < as_of:
        return EXPIRED, None
    return ACTIVE, None
