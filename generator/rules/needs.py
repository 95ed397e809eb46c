"""Enterprise needs: the agreements that take them up (第五条 供需对接) and the ones left waiting (第十条)."""

from __future__ import annotations

from ..queries.needs import is_stale, need_states
from ..records.address import RecordRef
from ..records.program import Program
from . import Found, check


def _listed_needs(program: Program):
    """(agreement path, agreement, list index, need id, need) for every existing need an agreement lists."""
    for agreement_id, agreement in program.agreements.items():
        for index, need_id in enumerate(agreement.needs or ()):
            need = program.needs.get(need_id)
            if need is not None:
                yield RecordRef("agreement", agreement_id), agreement, index, need_id, need


@check("art5.need-enterprise", needs_policy=False)
def need_of_another_enterprise(program: Program, as_of) -> Found:
    for path, agreement, index, need_id, need in _listed_needs(program):
        if need.enterprise != agreement.enterprise:
            yield (
                path,
                ("needs", index),
                f"需求 {need_id} 是企业 {need.enterprise} 发布的，不是本协议的入驻企业 {agreement.enterprise}"
                "（第五条 供需对接）：协议只能承接本企业的需求，请核对需求 id",
            )


@check("art5.need-closed", needs_policy=False)
def need_closed_before_signing(program: Program, as_of) -> Found:
    for path, agreement, index, need_id, need in _listed_needs(program):
        if need.closed is not None and need.closed < agreement.signed:
            yield (
                path,
                ("needs", index),
                f"需求 {need_id} 已于 {need.closed} 关闭，早于协议签订日期 {agreement.signed}（第五条）："
                "已关闭的需求不能再对接；如需求仍然有效，请修改或删除该需求的 closed",
            )


@check("art5.need-after-signing", needs_policy=False)
def need_posted_after_signing(program: Program, as_of) -> Found:
    for path, agreement, index, need_id, need in _listed_needs(program):
        if need.posted > agreement.signed:
            yield (
                path,
                ("needs", index),
                f"需求 {need_id} 发布于 {need.posted}，晚于协议签订日期 {agreement.signed}"
                "（第五条：先供需对接、双向选择，再签订协议）：请核对需求的 posted",
            )


@check("art10.need-stale")
def stale_needs(program: Program, as_of) -> Found:
    days = program.policy.need_stale_days
    for need_id, state in need_states(program, as_of).items():
        if is_stale(state, days):
            yield (
                RecordRef("need", need_id),
                None,
                f"需求“{state.need.title}”自 {state.need.posted} 发布已 {state.days_open} 天仍在征集中，超过 {days} 天"
                "（第十条 及时了解掌握企业需求）：请联系企业跟进，对接后在协议的 needs 中写上本需求，"
                "需求有变化请更新，不再需要请写上 closed",
            )
