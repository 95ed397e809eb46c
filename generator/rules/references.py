"""ref.missing: every id a record names must exist."""

from __future__ import annotations

from ..records.address import RecordRef
from ..records.kinds import BY_FOLDER
from ..records.program import Program
from . import Found, check


def _missing(program: Program, folder: str, record_id: str, what: str) -> str | None:
    ref = RecordRef(BY_FOLDER[folder].name, record_id)
    if program.exists(ref):
        return None
    return f"{what} {record_id} 不存在：请先提交 {ref.path}，或改正 id 的拼写"


@check("ref.missing", needs_policy=False)
def references(program: Program, as_of) -> Found:
    for doctor_id, doctor in program.doctors.items():
        if problem := _missing(program, "universities", doctor.university, "派出单位"):
            yield RecordRef("doctor", doctor_id), ("university",), problem
    for agreement_id, agreement in program.agreements.items():
        path = RecordRef("agreement", agreement_id)
        if problem := _missing(program, "doctors", agreement.doctor, "博士"):
            yield path, ("doctor",), problem
        if problem := _missing(program, "enterprises", agreement.enterprise, "企业"):
            yield path, ("enterprise",), problem
        for index, need_id in enumerate(agreement.needs or ()):
            if problem := _missing(program, "needs", need_id, "需求"):
                yield path, ("needs", index), problem
    for report_id in sorted(program.present.get("reports", ())):
        agreement_id, _, period = report_id.partition("/")
        if problem := _missing(program, "agreements", agreement_id, "报送所属的协议"):
            yield RecordRef.report(agreement_id, period), None, problem
    for evaluation_id, evaluation in program.evaluations.items():
        if problem := _missing(program, "agreements", evaluation.agreement, "协议"):
            yield RecordRef("evaluation", evaluation_id), ("agreement",), problem
    for need_id, need in program.needs.items():
        if problem := _missing(program, "enterprises", need.enterprise, "发布需求的企业"):
            yield RecordRef("need", need_id), ("enterprise",), problem
    for meeting_id, meeting in program.meetings.items():
        for index, agreement_id in enumerate(meeting.agreements):
            if problem := _missing(program, "agreements", agreement_id, "协议"):
                yield RecordRef("meeting", meeting_id), ("agreements", index), problem
