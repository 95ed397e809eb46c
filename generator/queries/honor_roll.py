"""The honor roll of an annual evaluation round (第十六条): who was excellent, against the cap."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ..records.models import AnnualEvaluation
from ..records.program import Program
from ..records.models.evaluation import REWARD


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
    entries.sort(key=lambda entry: (entry.university_name, entry.doctor_name, entry.doctor))
    ratio = policy.excellent_fraction
    return HonorRoll(
        round=round_,
        evaluated=evaluated,
        excellent=entries,
        ratio=ratio,
        cap=int(ratio * evaluated),
        total_reward_yuan=sum(entry.reward_yuan for entry in entries),
    )
