"""Supports: done with a doctor during a residency (第十八、十九条), through their stages in order (第十八条)."""

from __future__ import annotations

from collections import defaultdict

from ..records.address import RecordRef
from ..records.models.support import CONCLUDED, ENDINGS, NUMBERED, PLATFORM, SUCCESSES, WITH_DOCTORS
from ..records.program import Program
from . import Found, check


def _residencies(program: Program) -> dict[str, list]:
    """Enterprise id -> its agreements (read once per rule, not once per support)."""
    by_enterprise = defaultdict(list)
    for agreement in program.agreements.values():
        by_enterprise[agreement.enterprise].append(agreement)
    return by_enterprise


def _agreements_at(residencies: dict[str, list], doctor: str | None, enterprise: str):
    return [a for a in residencies.get(enterprise, ()) if doctor is None or a.doctor == doctor]


@check("schema.field", needs_policy=False)
def doctors_named(program: Program, as_of) -> Found:
    for support_id, support in sorted(program.supports.items()):
        if support.kind in WITH_DOCTORS and support.doctors is None:
            yield (
                RecordRef("support", support_id),
                ("doctors",),  # missing: the mapping's first line
                f"缺少必填键 doctors：{support.kind}须写明参与的博士（第十八条 柔性引进），请写上 doctors/ 下的博士 id",
            )


@check("ref.mismatch", needs_policy=False)
def doctor_of_another_enterprise(program: Program, as_of) -> Found:
    residencies = _residencies(program)
    for support_id, support in sorted(program.supports.items()):
        if support.enterprise not in program.enterprises:
            continue  # ref.missing
        for index, doctor in enumerate(support.doctors or ()):
            if doctor in program.doctors and not _agreements_at(residencies, doctor, support.enterprise):
                yield (
                    RecordRef("support", support_id),
                    ("doctors", index),
                    f"博士 {program.name_of('doctors', doctor)}（{doctor}）没有在 {program.name_of('enterprises', support.enterprise)} "
                    "入驻过：doctors 只列在本企业入驻的博士，请核对博士或企业",
                )


@check("art18.support-residency", needs_policy=False)
def doctors_in_residence(program: Program, as_of) -> Found:
    residencies = _residencies(program)
    for support_id, support in sorted(program.supports.items()):
        if support.kind not in WITH_DOCTORS or support.enterprise not in program.enterprises:
            continue
        first = support.stages[0].date
        for index, doctor in enumerate(support.doctors or ()):
            agreements = _agreements_at(residencies, doctor, support.enterprise) if doctor in program.doctors else []
            if agreements and not any(a.start <= first <= a.end for a in agreements):
                terms = "、".join(f"{a.start} 至 {a.end}" for a in sorted(agreements, key=lambda a: a.start))
                yield (
                    RecordRef("support", support_id),
                    ("doctors", index),
                    f"{support.kind}的第一个阶段（{support.stages[0].stage} {first}）不在博士 {program.name_of('doctors', doctor)} "
                    f"在本企业的入驻期限内（{terms}）（第十八条：以柔性引进的博士申报）：请核对阶段日期或博士",
                )


@check("art19.platform-residency", needs_policy=False)
def platform_in_residence(program: Program, as_of) -> Found:
    residencies = _residencies(program)
    for support_id, support in sorted(program.supports.items()):
        if support.kind != PLATFORM or support.enterprise not in program.enterprises:
            continue
        first = support.stages[0].date
        if not any(a.start <= first <= a.end for a in _agreements_at(residencies, None, support.enterprise)):
            yield (
                RecordRef("support", support_id),
                ("enterprise",),
                f"{PLATFORM}的第一个阶段（{support.stages[0].stage} {first}）时，{program.name_of('enterprises', support.enterprise)} "
                "没有入驻的博士（第十九条：与入驻博士联合建设新型研发机构的，优先推荐申报）：请核对阶段日期或企业",
            )


@check("art18.stages", needs_policy=False)
def stages_in_order(program: Program, as_of) -> Found:
    for support_id, support in sorted(program.supports.items()):
        ref = RecordRef("support", support_id)
        ended = succeeded = None
        for index, stage in enumerate(support.stages):
            previous = support.stages[index - 1] if index else None
            if previous and stage.date < previous.date:
                yield ref, ("stages", index, "date"), (
                    f"阶段“{stage.stage}”的日期 {stage.date} 早于上一阶段“{previous.stage}”的 {previous.date}"
                    "（第十八条）：阶段按日期先后排列，请核对日期或顺序")
            if ended:
                yield ref, ("stages", index, "stage"), (
                    f"“{ended}”之后不能再有阶段“{stage.stage}”（第十八条）：未获批或撤销的项目重新申报时，请另建一条记录")
            if stage.stage == CONCLUDED and not succeeded:
                yield ref, ("stages", index, "stage"), (
                    "结项之前须有立项、认定或备案（第十八条）：请补上该阶段，或核对阶段名称")
            if stage.stage in NUMBERED and stage.number is None:  # a missing key: the line of its stage
                yield ref, ("stages", index, "number"), (
                    f"阶段“{stage.stage}”缺少文号 number（第十八条）：区推荐、立项、认定、备案须写明文件编号，如 平高科〔2026〕12号")
            ended = ended or (stage.stage if stage.stage in ENDINGS else None)
            succeeded = succeeded or stage.stage in SUCCESSES
