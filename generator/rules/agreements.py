"""Agreements: filing (第五条), term, position and overlaps (第七条), effective date (第二十一条)."""

from __future__ import annotations

from collections import defaultdict

from ..records.address import RecordRef
from ..records.dates import min_end
from ..records.program import Program
from . import Found, check


@check("art5.filing", needs_policy=False)
def filed_before_signing(program: Program, as_of) -> Found:
    for agreement_id, agreement in program.agreements.items():
        if agreement.filing.date < agreement.signed:
            yield (
                RecordRef("agreement", agreement_id),
                ("filing", "date"),
                f"备案日期 {agreement.filing.date} 早于协议签订日期 {agreement.signed}（第五条：签订合作协议后备案）：请核对两个日期",
            )


@check("art5.filed-late", needs_policy=False)
def filed_after_start(program: Program, as_of) -> Found:
    for agreement_id, agreement in program.agreements.items():
        if agreement.filing.date > agreement.start:
            yield (
                RecordRef("agreement", agreement_id),
                ("filing", "date"),
                f"备案日期 {agreement.filing.date} 晚于入驻开始日期 {agreement.start}（第五条：应先备案再入驻）",
            )


@check("art7.term")
def term(program: Program, as_of) -> Found:
    months = program.policy.min_term_months
    for agreement_id, agreement in program.agreements.items():
        path = RecordRef("agreement", agreement_id)
        if agreement.end < agreement.start:
            yield path, ("end",), f"结束日期 {agreement.end} 早于开始日期 {agreement.start}（第七条）：请核对 start 与 end"
            continue
        earliest = min_end(agreement.start, months)
        if agreement.end < earliest:
            yield (
                path,
                ("end",),
                f"入驻期限不足{months}个月（第七条）：{agreement.start} 至 {agreement.end}，end 至少应为 {earliest}",
            )


@check("art7.overlap", needs_policy=False)
def overlap(program: Program, as_of) -> Found:
    by_doctor = defaultdict(list)
    for agreement_id, agreement in program.agreements.items():
        by_doctor[agreement.doctor].append((agreement.start, agreement_id, agreement))
    for residencies in by_doctor.values():
        residencies.sort(key=lambda item: item[:2])
        latest = None  # the earlier agreement that runs longest so far
        for start, agreement_id, agreement in residencies:
            if latest is not None and start <= latest[2].end:
                yield (
                    RecordRef("agreement", agreement_id),
                    ("start",),
                    f"与协议 {latest[1]}（{latest[2].start} 至 {latest[2].end}）期限重叠："
                    "同一博士同一时间只应有一份入驻协议（第七条），请核对 start",
                )
            if latest is None or agreement.end > latest[2].end:
                latest = (start, agreement_id, agreement)


@check("art21.before-effective")
def before_effective(program: Program, as_of) -> Found:
    effective = program.policy.effective_date
    for agreement_id, agreement in program.agreements.items():
        if agreement.signed < effective:
            yield (
                RecordRef("agreement", agreement_id),
                ("signed",),
                f"协议签订于 {agreement.signed}，早于办法施行日期 {effective}（第二十一条）：请确认该协议是否纳入本办法管理",
            )
