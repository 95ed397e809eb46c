"""The honor roll of an annual evaluation round (第十六条): who was excellent, against the cap."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from ..records.models import AnnualEvaluation
from ..records.models.evaluation import PRAISE, REWARD
from ..records.program import Program
from .name_order import stroke_key

DOWN, UP = "down", "up"  # the ways ratio × evaluated becomes a head count (evaluation.cap_rounding)


@dataclass(frozen=True)
class HonorEntry:
    evaluation: str
    agreement: str
    doctor: str
    doctor_name: str
    university: str
    university_name: str
    enterprise: str
    enterprise_name: str
    position: str
    reward_yuan: int


@dataclass(frozen=True)
class HonorRoll:
    round: int
    evaluated: int
    excellent: list[HonorEntry]
    ratio: Fraction
    cap: int  # the most excellent evaluations the ratio allows in this round
    total_reward_yuan: int
    rounding: str = DOWN  # how ratio × evaluated became `cap`

    @property
    def within_cap(self) -> bool:
        return len(self.excellent) <= self.cap


def rounds(program: Program) -> list[int]:
    """Every annual evaluation round, oldest first."""
    return sorted({e.round for e in program.evaluations.values() if isinstance(e, AnnualEvaluation)})


def honor_roll(program: Program, round_: int) -> HonorRoll:
    policy = program.policy
    evaluated = 0
    entries = []
    for evaluation_id, evaluation in sorted(program.evaluations.items()):
        if not isinstance(evaluation, AnnualEvaluation) or evaluation.round != round_:
            continue
        evaluated += 1
        if evaluation.grade != policy.excellent_grade:
            continue
        agreement = program.agreements.get(evaluation.agreement)
        if agreement is None:
            continue
        doctor = program.doctors.get(agreement.doctor)
        university = doctor.university if doctor else ""
        reward = sum(a.amount_yuan for a in evaluation.actions or () if a.action == REWARD)
        entries.append(
            HonorEntry(
                evaluation=evaluation_id,
                agreement=evaluation.agreement,
                doctor=agreement.doctor,
                doctor_name=program.name_of("doctors", agreement.doctor),
                university=university,
                university_name=program.name_of("universities", university) if university in program.universities else "",
                enterprise=agreement.enterprise,
                enterprise_name=program.name_of("enterprises", agreement.enterprise),
                position=agreement.position,
                reward_yuan=reward,
            )
        )
    entries.sort(key=lambda entry: (stroke_key(entry.doctor_name), entry.doctor))  # an official list: 姓氏笔画
    ratio, rounding = policy.excellent_fraction, cap_rounding(policy)
    return HonorRoll(
        round=round_,
        evaluated=evaluated,
        excellent=entries,
        ratio=ratio,
        cap=excellent_cap(ratio, evaluated, rounding),
        total_reward_yuan=sum(entry.reward_yuan for entry in entries),
        rounding=rounding,
    )


def cap_rounding(policy) -> str:
    """The policy's `evaluation.cap_rounding` (records format 3), or down: version 2's arithmetic."""
    return getattr(getattr(policy, "evaluation", None), "cap_rounding", None) or DOWN


def excellent_cap(ratio: Fraction, evaluated: int, rounding: str = DOWN) -> int:
    """At most this many excellent evaluations (第十六条): ratio × evaluated, rounded as the policy says."""
    exact = ratio * evaluated
    return math.ceil(exact) if rounding == UP else math.floor(exact)


def praise_dates(program: Program, round_: int) -> list[date]:
    """The distinct dates of the round's 通报表扬 actions (an undated one takes its evaluation's), oldest first."""
    return sorted({action.date or evaluation.date
                   for evaluation in program.evaluations.values()
                   if isinstance(evaluation, AnnualEvaluation) and evaluation.round == round_
                   for action in evaluation.actions or () if action.action == PRAISE})
