"""Visits and supports (records format 3): what keeps a synthetic program clean of the version-3 warnings.

Every residency active on --as-of that began more than ``university_visit_months`` ago gets a
派出单位调研 by its doctor's university within that interval (第九条); every 期满 evaluation a 联合走访
between the term's end minus 3 months and its date (第十五条). Some visits raise problems, closed
with their resolution or due after --as-of; some residencies carry a support through its stages.
"""

from __future__ import annotations

from datetime import date, timedelta

from .calendar import add_months
from .program import Program
from .words import POLICY, RESOLUTIONS, SUPPORT_NAMES, VISIT_FINDINGS, VISIT_PROBLEMS

UNIVERSITY_VISIT, JOINT_VISIT = POLICY["visit_kinds"][:2]


def build_visits(p: Program) -> None:
    months = POLICY["university_visit_months"]
    for a in p.agreements:
        if a.start <= p.as_of <= a.end and add_months(a.start, months) < p.as_of:
            first = max(add_months(p.as_of, -months) + timedelta(days=1), a.start)
            university = p.records[f"doctors/{a.doctor}.yml"]["university"]
            add_visit(p, a, UNIVERSITY_VISIT, p.day_between(first, p.as_of), university)
    for ev in p.evaluations:
        if ev.kind == "期满" and ev.date <= p.as_of:
            a = next(a for a in p.agreements if a.id == ev.agreement)
            first = max(add_months(a.end, -3), a.start)
            add_visit(p, a, JOINT_VISIT, p.day_between(first, ev.date), None)


def add_visit(p: Program, a, kind: str, day: date, university: str | None) -> None:
    units = [dict(p.universities)[university]] if university else ["党群工作部", "科技创新局", "派出单位", "入驻企业"]
    record = {"date": day, "kind": kind, "enterprise": a.enterprise, "agreements": [a.id]}
    if university:
        record["university"] = university
    record |= {"visitors": [{"unit": unit} for unit in units], "method": p.pick(["实地", "实地", "座谈"]),
               "findings": p.pick(VISIT_FINDINGS).format(t=a.topic)}
    if p.rng.random() < 0.3:
        record["problems"] = [problem(p, day)]
    p.records[f"visits/v{day.isoformat()}-{a.id}.yml"] = record


def problem(p: Program, raised: date) -> dict:
    description, owner = p.pick(VISIT_PROBLEMS)
    record = {"id": "p1", "description": description, "owner": owner}
    closed = p.day_between(raised, min(raised + timedelta(days=60), p.as_of))
    if closed < p.as_of and p.rng.random() < 0.7:  # 办结
        record |= {"deadline": closed + timedelta(days=p.rng.randint(0, 30)), "closed": closed,
                   "resolution": p.pick(RESOLUTIONS)}
    else:  # still open, its deadline to come
        record["deadline"] = p.as_of + timedelta(days=p.rng.randint(1, 90))
    return record


def build_supports(p: Program) -> None:
    for a in p.agreements:
        if a.start > p.as_of or p.rng.random() >= 0.1:
            continue
        kind = p.pick(POLICY["support_kinds"])
        applied = p.day_between(a.start, min(a.end, p.as_of))
        stages = [{"stage": "申报", "date": applied}]
        approved = applied + timedelta(days=p.rng.randint(30, 150))
        if approved <= p.as_of:
            stage = "认定" if kind == "新型研发机构" else "立项"
            stages.append({"stage": stage, "date": approved, "number": f"平科〔{approved.year}〕{len(p.records) % 90 + 1}号"})
        record = {"kind": kind, "name": SUPPORT_NAMES[kind].format(y=applied.year, t=a.topic),
                  "level": p.pick(POLICY["support_levels"][1:]), "enterprise": a.enterprise}
        if kind != "新型研发机构":
            record["doctors"] = [a.doctor]
        record["stages"] = stages
        p.records[f"supports/s-{a.id}.yml"] = record
