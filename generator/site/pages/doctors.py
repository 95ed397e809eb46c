"""博士名录: the talent database as a filterable table, and one page per doctor."""

from __future__ import annotations

from ...queries.view import pinyin_key
from ...records.address import RecordRef
from . import Page, Site


def pages(site: Site):
    view, program = site.view, site.program
    rows = []
    for doctor_id, doctor in sorted(program.doctors.items(), key=lambda item: (pinyin_key(item[1].name, person=True), item[0])):
        residencies = view.residencies_of_doctor.get(doctor_id, [])
        latest = residencies[0] if residencies else None
        enterprise = program.enterprises.get(latest.agreement.enterprise) if latest else None
        rows.append({
            "id": doctor_id,
            "doctor": doctor,
            "university": view.university_name(doctor.university),
            "enterprise_id": latest.agreement.enterprise if latest else None,
            "enterprise": enterprise,
            "standing": view.doctor_standing(doctor_id),
            "residency_status": latest.status if latest else "未入驻",
        })
        yield _doctor_page(site, doctor_id, doctor, residencies)
    yield Page("doctors/index.md", "doctors.md.j2", {"rows": rows}, in_nav=True)


def _doctor_page(site: Site, doctor_id, doctor, residencies) -> Page:
    view = site.view
    university = site.program.universities.get(doctor.university)
    context = {
        "id": doctor_id,
        "doctor": doctor,
        "university": university,
        "university_name": view.university_name(doctor.university),
        "standing": view.doctor_standing(doctor_id),
        "exit_date": view.exits.get(doctor_id),
        "residencies": [_residency_row(site, residency) for residency in residencies],
        "honors": view.honors_of_doctor.get(doctor_id, []),
        "supports": view.followup.public_supports_of_doctor.get(doctor_id, []),
        "offers": [_offer(site, match) for match in view.matches[1].get(doctor_id, ())],
        "internal": _internal(site, residencies) if site.internal else None,
    }
    return Page(f"doctors/{doctor_id}.md", "doctor.md.j2", context, record=RecordRef("doctor", doctor_id).path)


def _offer(site: Site, match) -> dict:
    need = site.program.needs[match.need]
    return {"match": match, "need": need, "enterprise": site.program.enterprises.get(need.enterprise)}


def _residency_row(site: Site, residency) -> dict:
    return {"residency": residency, "enterprise": residency.enterprise}


def _internal(site: Site, residencies) -> dict:
    """Report status per residency and the validator's warnings on them (internal audience)."""
    agreements = {residency.id for residency in residencies}
    doctor = residencies[0].agreement.doctor if residencies else None
    return {
        "reports": {residency.id: site.view.report_status.get(residency.id, []) for residency in residencies},
        "finals": {residency.id: site.view.final_report(residency.id) for residency in residencies},
        "warnings": site.view.warnings_by_doctor.get(doctor, []) if doctor else [],
        "evaluations": [item for agreement in sorted(agreements) for item in site.view.evaluations_of(agreement)],
    }
