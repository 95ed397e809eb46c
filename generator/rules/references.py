"""ref.missing: every id a record names must exist (the fields marked `Ref` on the models)."""

from __future__ import annotations

from ..records.address import RecordRef
from ..records.kinds import BY_FOLDER, kinds_marked
from ..records.models.markers import RefMarker, marked, values_at, values_under
from ..records.program import Program
from . import Found, check


def _missing(program: Program, folder: str, record_id: str, what: str) -> str | None:
    if record_id in program.present.get(folder, ()):  # `program.exists`, without an address per reference
        return None
    ref = RecordRef(BY_FOLDER[folder].name, record_id)
    return f"{what} {record_id} 不存在：请先提交 {ref.path}，或改正 id 的拼写"


@check("ref.missing", needs_policy=False)
def references(program: Program, as_of) -> Found:
    for ref, record in program.records(kinds=kinds_marked(RefMarker)):
        for path, marker in marked(type(record), RefMarker):
            if program.present.get(marker.folder, set()).issuperset(values_under(record, path)):
                continue  # nearly always: no loc to work out
            for loc, record_id in values_at(record, path):
                if problem := _missing(program, marker.folder, record_id, marker.noun):
                    yield ref, loc, problem
    # A report's folder names its agreement (reports/<agreement>/<period>.yml), valid report or not.
    for report_id in sorted(program.present.get("reports", ())):
        agreement_id, _, period = report_id.partition("/")
        if problem := _missing(program, "agreements", agreement_id, "报送所属的协议"):
            yield RecordRef.report(agreement_id, period), None, problem
