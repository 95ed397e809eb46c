"""Doctors: only holders of a doctorate are eligible (第四条)."""

from __future__ import annotations

from ..records.address import RecordRef
from ..records.program import Program
from . import Found, check

DEGREE = "博士"  # fixed by the records format, not a policy parameter


@check("art4.degree", needs_policy=False)
def degree(program: Program, as_of) -> Found:
    for doctor_id, doctor in program.doctors.items():
        if doctor.degree != DEGREE:
            yield (
                RecordRef("doctor", doctor_id),
                ("degree",),
                f"学位“{doctor.degree}”不符合选派范围（第四条）：只有具有博士学位的人员可以入库，degree 应为 {DEGREE}",
            )
