"""Names a document prints for the ids in the records (an id stands in when its record is missing)."""

from __future__ import annotations

from ..records.models.report import Outcomes
from ..records.program import Program

# outcome key -> (its title in the records format, the measure word a sentence counts it with)
OUTCOME_WORDS = {key: (field.title, {"patents_filed": "件", "papers": "篇", "platforms": "个"}.get(key, "项"))
                 for key, field in Outcomes.model_fields.items()}


def doctor_name(program: Program, doctor_id: str) -> str:
    doctor = program.doctors.get(doctor_id)
    return doctor.name if doctor else doctor_id


def enterprise_name(program: Program, enterprise_id: str) -> str:
    enterprise = program.enterprises.get(enterprise_id)
    return enterprise.name if enterprise else enterprise_id


def university_name(program: Program, doctor_id: str) -> str:
    doctor = program.doctors.get(doctor_id)
    university = program.universities.get(doctor.university) if doctor else None
    return university.name if university else ""


def residency_name(program: Program, agreement_id: str) -> str:
    """张伟（平顶山某某有限公司）: how a document names one residency."""
    agreement = program.agreements.get(agreement_id)
    if agreement is None:
        return agreement_id
    return f"{doctor_name(program, agreement.doctor)}（{enterprise_name(program, agreement.enterprise)}）"


def outcome_counts(outcomes: dict[str, int]) -> str:
    """申请专利2项、论文1篇、…: every outcome, zeros included (a report states what it lacks too)."""
    return "、".join(f"{OUTCOME_WORDS[key][0]}{count}{OUTCOME_WORDS[key][1]}" for key, count in outcomes.items()
                     if key in OUTCOME_WORDS)


def percent(fraction) -> str:
    """3/10 -> 30%, 29/100 -> 29%, 1/3 -> 33.33%."""
    value = fraction * 100
    return f"{value.numerator // value.denominator}%" if value.denominator == 1 else f"{float(value):.2f}%"
