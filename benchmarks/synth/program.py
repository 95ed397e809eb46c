"""The program in memory and its builders: universities → doctors → enterprises → agreements →
needs → reports → evaluations → meetings, all drawn from one seeded ``random.Random`` in a fixed order.
"""

from __future__ import annotations

import random
from calendar import monthrange  # the standard library's, not .calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction

from .calendar import CREDIT_ALPHABET, credit_code, quarter_bounds, quarters_overlapping, residency_years, term_end
from .words import (
    AREA_CODES,
    ATTENDEES,
    BIO_EXTRAS,
    BRAND_CHARS,
    CITIES,
    CN_NUMBERS,
    COLLEGE_KINDS,
    DESCRIPTIONS,
    DETAILS,
    DISCIPLINE_BY_INDUSTRY,
    DISCIPLINES,
    DUTY_TITLES,
    EXCELLENT,
    FAIL,
    FINAL_OPINIONS,
    FIRM_WORDS,
    GIVEN,
    GOALS,
    INDUSTRIES,
    MEETING_RESOLUTIONS,
    MEETING_TOPICS,
    MODES,
    NEED_PROBLEMS,
    NEED_TITLES,
    NEED_TRIED,
    NEED_WISHES,
    NEXT_STEPS,
    OPINIONS,
    OUTCOME_KEYS,
    PARKS,
    PASS,
    POLICY,
    PROGRESS,
    QUARTER_OPENINGS,
    SURNAMES,
    TITLES,
    TOPICS,
    UNIVERSITIES,
)


@dataclass
class Agreement:
    id: str
    doctor: str
    enterprise: str
    start: date
    end: date
    signed: date
    filed: date
    filing_number: str = ""
    topic: str = ""  # the enterprise topic the work is about
    quarterly: list[tuple[str, bool]] = field(default_factory=list)  # (period, was it due)
    final: date | None = None  # the final report's submission date


@dataclass
class Need:
    id: str
    enterprise: str
    posted: date
    closed: date | None = None
    agreement: Agreement | None = None  # the agreement that takes it up


@dataclass
class Evaluation:
    id: str
    agreement: str
    doctor: str
    kind: str
    date: date
    round: int | None = None
    grade: str = PASS
    due: bool = False  # a required 年度 evaluation (art16.evaluation-missing otherwise)
    record: dict = field(default_factory=dict)


@dataclass
class Program:
    rng: random.Random
    as_of: date
    records: dict = field(default_factory=dict)  # relative path -> mapping, or str (raw text)
    universities: list = field(default_factory=list)  # (id, name)
    doctors: dict = field(default_factory=dict)  # id -> (name, discipline, university name)
    enterprises: dict = field(default_factory=dict)  # id -> industry
    agreements: list[Agreement] = field(default_factory=list)
    evaluations: list[Evaluation] = field(default_factory=list)
    last_start: dict = field(default_factory=dict)  # doctor id -> start of their last agreement
    need_count: dict = field(default_factory=dict)  # enterprise id -> needs written so far
    needs: list[Need] = field(default_factory=list)
    faults: list[tuple[str, str]] = field(default_factory=list)  # (rule, file) to be found
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (rule, what) not injected

    def pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def day_between(self, lo: date, hi: date) -> date:
        return lo + timedelta(days=self.rng.randint(0, (hi - lo).days))

    def person_name(self) -> tuple[str, str]:
        surname, given = self.pick(SURNAMES), [self.pick(GIVEN)]
        if self.rng.random() < 0.6:
            given.append(self.pick(GIVEN))
        return (surname[0] + "".join(g[0] for g in given),
                f"{surname[1]}-{''.join(g[1] for g in given)}")


def unique_id(base: str, taken: dict) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


# --------------------------------------------------------------------------------------------
# Building the records


def build_universities(p: Program, count: int) -> None:
    pool = list(UNIVERSITIES)
    synthetic = [(f"{c[0]}-{k[0]}", c[1] + k[1], f"https://www.{c[0]}{k[0]}.edu.cn")
                 for c in CITIES for k in COLLEGE_KINDS]
    p.rng.shuffle(synthetic)
    pool += synthetic
    for i in range(count):
        uid, name, site = pool[i] if i < len(pool) else (f"univ-{i:04d}", f"中原科技学院第{i}分院", None)
        record = {"name": name}
        if p.rng.random() < 0.7:
            record["research_office"] = p.pick(["科研处", "科学技术处", "科技处", "社会合作处"])
        if site and p.rng.random() < 0.8:
            record["website"] = site
        p.records[f"universities/{uid}.yml"] = record
        p.universities.append((uid, name))


def build_doctors(p: Program, count: int) -> None:
    # The two universities the 办法 names (第四条) send most doctors.
    weights = [6 if i < 2 else 1 for i in range(len(p.universities))]
    for _ in range(count):
        name, base = p.person_name()
        did = unique_id(base, p.doctors)
        uid, uname = p.rng.choices(p.universities, weights)[0]
        discipline = p.pick(list(DISCIPLINES))
        areas = p.rng.sample(DISCIPLINES[discipline], p.rng.randint(1, 3))
        record = {"name": name, "university": uid, "degree": "博士", "discipline": discipline}
        if p.rng.random() < 0.9:
            record["title"] = p.pick(TITLES)
        record["research_areas"] = areas
        if p.rng.random() < 0.6:
            record["bio"] = (f"{uname}{discipline}专业博士，主要从事{areas[0]}方面的研究，"
                             f"{p.pick(BIO_EXTRAS)}。")
        if p.rng.random() < 0.3:
            record["maintainers"] = [did]
        p.records[f"doctors/{did}.yml"] = record
        p.doctors[did] = (name, discipline, uname)


def build_enterprises(p: Program, count: int) -> None:
    names: dict = {}
    for _ in range(count):
        industry = p.pick(INDUSTRIES)
        while True:
            b1, b2 = p.pick(BRAND_CHARS), p.pick(BRAND_CHARS)
            tag, word = p.pick(FIRM_WORDS[industry])
            suffix = "股份有限公司" if p.rng.random() < 0.2 else "有限公司"
            name = f"平顶山{b1[1]}{b2[1]}{word}{suffix}"
            if b1 != b2 and name not in names:
                break
        names[name] = True
        eid = unique_id(f"pds-{b1[0]}{b2[0]}-{tag}", p.enterprises)
        body = "91" + p.pick(AREA_CODES) + "MA" + "".join(p.pick(CREDIT_ALPHABET) for _ in range(7))
        record = {"name": name, "credit_code": credit_code(body), "industry": industry,
                  "park": PARKS[industry] if p.rng.random() < 0.85 else "高新技术创业服务中心"}
        if p.rng.random() < 0.5:
            record["description"] = (p.pick(DESCRIPTIONS).format(t=p.pick(TOPICS[industry]), i=industry)
                                     + "。")
        if p.rng.random() < 0.3:
            record["website"] = f"https://www.{eid.replace('-', '')}.com"
        if p.rng.random() < 0.2:
            record["maintainers"] = [f"{eid}-it"]
        p.records[f"enterprises/{eid}.yml"] = record
        p.enterprises[eid] = industry


def agreement_window(as_of: date) -> tuple[date, date]:
    """Return the range of start dates: 2022..2026, and at most a month past as_of."""
    if as_of < date(2022, 3, 1):
        raise ValueError("--as-of must be 2022-03-01 or later: agreements start in 2022..2026")
    return date(2022, 1, 1), min(date(2026, 12, 31), as_of + timedelta(days=31))


def random_start(p: Program, lo: date, hi: date) -> date:
    day = p.day_between(lo, hi)
    # Most residencies start on the 1st; some on the 29th..31st exercise month-end clamping.
    roll = p.rng.random()
    if roll < 0.7:
        day = day.replace(day=1)
    elif roll < 0.8:
        day = day.replace(day=min(monthrange(day.year, day.month)[1], p.pick([29, 30, 31])))
    return max(lo, min(day, hi))


def build_agreements(p: Program) -> None:
    lo, hi = agreement_window(p.as_of)
    enterprise_ids = list(p.enterprises)
    # 精准匹配 (第一条): most doctors go to an enterprise whose industry needs their discipline.
    matching: dict = {}
    for eid, industry in p.enterprises.items():
        for discipline in DISCIPLINE_BY_INDUSTRY[industry]:
            matching.setdefault(discipline, []).append(eid)
    terms = []  # (start, doctor, months)
    for did in p.doctors:
        months = p.pick([12, 12, 24])
        second = p.rng.random() < 0.4
        latest = hi - timedelta(days=(400 if second else 0))
        start = random_start(p, lo, max(lo, latest))
        terms.append((start, did, months))
        end = term_end(start, months)
        if second:
            gap_start = end + timedelta(days=1 + p.rng.choice([0, 0, 15, 60, 120]))
            if gap_start <= hi:
                terms.append((gap_start, did, p.pick([12, 12, 24])))
    terms.sort()
    per_year: dict = {}
    for start, _doctor, _months in terms:
        per_year[start.year] = per_year.get(start.year, 0) + 1
    width = max(3, len(str(max(per_year.values()))))
    seq: dict = {}
    filing_seq: dict = {}
    for start, did, months in terms:
        seq[start.year] = seq.get(start.year, 0) + 1
        aid = f"a{start.year}-{seq[start.year]:0{width}d}"
        end = term_end(start, months)
        signed = min(start - timedelta(days=p.rng.randint(3, 45)), p.as_of - timedelta(days=1))
        filed = p.day_between(signed + timedelta(days=1), min(start, p.as_of))
        discipline = p.doctors[did][1]
        enterprise = p.pick(matching[discipline] if discipline in matching and p.rng.random() < 0.8
                            else enterprise_ids)
        p.agreements.append(Agreement(aid, did, enterprise, start, end, signed, filed))
        p.last_start[did] = start  # terms are sorted by start
    for a in sorted(p.agreements, key=lambda a: (a.filed, a.id)):
        filing_seq[a.filed.year] = filing_seq.get(a.filed.year, 0) + 1
        a.filing_number = f"平高科备〔{a.filed.year}〕{filing_seq[a.filed.year]}号"
    for a in p.agreements:
        industry = p.enterprises[a.enterprise]
        a.topic = p.pick(TOPICS[industry])
        record = {"doctor": a.doctor, "enterprise": a.enterprise,
                  "position": p.rng.choices(POLICY["positions"], [5, 3, 2])[0],
                  "start": a.start, "end": a.end, "signed": a.signed,
                  "filing": {"number": a.filing_number, "date": a.filed},
                  "focus": a.topic + p.pick(GOALS), "mode": p.pick(MODES),
                  "coordinator": p.person_name()[0]}
        if p.rng.random() < 0.6:
            record["funding_yuan"] = p.rng.randint(5, 100) * 10000
        p.records[f"agreements/{a.id}.yml"] = record


def build_needs(p: Program, open_count: int) -> None:
    """Enterprise needs (records format 2): one taken up by about a third of the agreements,
    posted before their signing; `open_count` open ones, none open longer than need_stale_days;
    and a tenth as many closed ones."""
    stale = POLICY["need_stale_days"]
    for a in p.agreements:
        if p.rng.random() < 0.35:
            posted = max(a.signed - timedelta(days=p.rng.randint(0, 90)), date(2020, 1, 1))
            need_id = add_need(p, a.enterprise, a.topic, posted, agreement=a)
            p.records[f"agreements/{a.id}.yml"]["needs"] = [need_id]
    enterprises = list(p.enterprises)
    for _ in range(open_count):
        eid = p.pick(enterprises)
        add_need(p, eid, p.pick(TOPICS[p.enterprises[eid]]), p.as_of - timedelta(days=p.rng.randint(0, stale)))
    for _ in range(max(1, open_count // 10)):
        eid = p.pick(enterprises)
        posted = p.as_of - timedelta(days=p.rng.randint(stale + 30, 720))
        add_need(p, eid, p.pick(TOPICS[p.enterprises[eid]]), posted, posted + timedelta(days=p.rng.randint(30, stale)))


def add_need(p: Program, eid: str, topic: str, posted: date, closed: date | None = None,
             agreement: Agreement | None = None) -> str:
    """Write one need of enterprise `eid` about `topic`; return its id."""
    p.need_count[eid] = p.need_count.get(eid, 0) + 1
    need_id = f"{eid}-n{p.need_count[eid]}"
    areas = [area for discipline in DISCIPLINE_BY_INDUSTRY[p.enterprises[eid]] for area in DISCIPLINES[discipline]]
    fields = p.rng.sample(areas, p.rng.randint(1, 2))
    description = (p.pick(NEED_PROBLEMS).format(t=topic) + p.pick(NEED_TRIED) + "\n\n"
                   + p.pick(NEED_WISHES).format(a=fields[0]))
    record = {"enterprise": eid, "title": p.pick(NEED_TITLES).format(t=topic), "description": description,
              "fields": fields}
    if p.rng.random() < 0.8:
        record["duty"] = p.pick(POLICY["duties"])
    record["posted"] = posted
    if closed is not None:
        record["closed"] = closed
    p.records[f"needs/{need_id}.yml"] = record
    p.needs.append(Need(need_id, eid, posted, closed, agreement))
    return need_id


def work_items(p: Program, a: Agreement, most: int) -> list[dict]:
    return [work_item(p, a, duty) for duty in p.rng.sample(POLICY["duties"], p.rng.randint(1, most))]


def work_item(p: Program, a: Agreement, duty: str) -> dict:
    area = p.pick(DISCIPLINES[p.doctors[a.doctor][1]])
    item = {"duty": duty, "title": p.pick(DUTY_TITLES[duty]).format(t=a.topic, a=area)}
    if p.rng.random() < 0.4:
        item["detail"] = p.pick(DETAILS)
    return item


def outcomes(p: Program, counts: list[int]) -> dict:
    return {k: p.pick(counts) for k in OUTCOME_KEYS if p.rng.random() < 0.5}


def report_record(p: Program, a: Agreement, submitted: date) -> dict:
    progress = p.pick(PROGRESS).format(n=p.pick(CN_NUMBERS))
    summary = p.pick(QUARTER_OPENINGS).format(name=p.doctors[a.doctor][0], t=a.topic) + f"，{progress}。"
    if p.rng.random() < 0.6:
        summary += f"下一步将{p.pick(NEXT_STEPS)}。"
    record = {"submitted": submitted, "summary": summary, "work": work_items(p, a, 3)}
    if p.rng.random() < 0.6:
        record["outcomes"] = outcomes(p, [0, 0, 0, 1, 1, 2]) or {"papers": 0}
    return record


def build_reports(p: Program) -> None:
    for a in p.agreements:
        add_reports(p, a)


def add_reports(p: Program, a: Agreement) -> None:
    """Write every due report of `a`, and some of those not yet due."""
    due_days = timedelta(days=POLICY["report_due_days"])
    final_due = timedelta(days=POLICY["final_report_due_days"])
    for year, q in quarters_overlapping(a.start, a.end):
        first, last = quarter_bounds(year, q)
        due = last + due_days < p.as_of  # 第十三条: otherwise art13.report-missing
        if not due and p.rng.random() > 0.3:
            continue
        # Within the quarter's last days or the grace period after it, never before it began.
        lo = max(first, a.start, last - timedelta(days=10))
        hi = min(last + due_days, p.as_of)
        if lo > hi:
            continue
        period = f"{year}Q{q}"
        p.records[f"reports/{a.id}/{period}.yml"] = report_record(p, a, p.day_between(lo, hi))
        a.quarterly.append((period, due))
    ended = a.end + timedelta(days=1)
    due = a.end + final_due < p.as_of  # 第十五条: otherwise art15.final-report-missing
    if ended <= p.as_of and (due or p.rng.random() < 0.5):
        a.final = p.day_between(ended, min(a.end + final_due, p.as_of))
        p.records[f"reports/{a.id}/final.yml"] = final_record(p, a)


def final_record(p: Program, a: Agreement) -> dict:
    summary = (f"入驻期间围绕{a.topic}开展合作，{p.pick(PROGRESS).format(n=p.pick(CN_NUMBERS))}，"
               f"协助企业{p.pick(NEXT_STEPS)}。")
    record = {"submitted": a.final, "summary": summary}
    if p.rng.random() < 0.5:
        record["work"] = work_items(p, a, 2)
    record["outcomes"] = outcomes(p, [0, 1, 2, 3, 4]) or {"papers": 1}
    return record


def build_evaluations(p: Program) -> None:
    for a in p.agreements:
        p.evaluations += annual_evaluations(p, a)
        if a.final and p.rng.random() < 0.5 and a.final + timedelta(days=7) <= p.as_of:
            when = p.day_between(a.final + timedelta(days=7), min(a.final + timedelta(days=45), p.as_of))
            ev = Evaluation(f"{a.id}-final", a.id, a.doctor, "期满", when,
                            grade=p.rng.choices([EXCELLENT, PASS], [1, 3])[0])
            ev.record = {"agreement": a.id, "kind": "期满", "date": when}
            p.evaluations.append(ev)
    assign_grades(p)
    for ev in p.evaluations:
        finish_evaluation(p, ev)
        p.records[f"evaluations/{ev.id}.yml"] = ev.record


def annual_evaluations(p: Program, a: Agreement) -> list[Evaluation]:
    """Return the ungraded 年度 evaluations of every due residency year, and of some ended ones.

    The round is the year the residency year began, as in the example of the format reference.
    """
    due_days = timedelta(days=POLICY["evaluation_due_days"])
    evaluations = []
    for k, (first, last) in enumerate(residency_years(a.start, a.end), start=1):
        due = last + due_days < p.as_of  # 第十六条: otherwise art16.evaluation-missing
        if last >= p.as_of or (not due and p.rng.random() < 0.5):
            continue
        earliest = min(last + timedelta(days=5), p.as_of)
        when = p.day_between(earliest, min(last + due_days, p.as_of))
        ev = Evaluation(f"{a.id}-y{k}", a.id, a.doctor, "年度", when, round=first.year, due=due)
        ev.record = {"agreement": a.id, "kind": "年度", "round": ev.round,
                     "covers": {"from": first, "to": last}, "date": when}
        evaluations.append(ev)
    return evaluations


def excellent_cap(total: int) -> int:
    """Return the most 优秀 a round of `total` may hold, in exact arithmetic (第十六条)."""
    return int(Fraction(str(POLICY["excellent_ratio"])) * total)


def assign_grades(p: Program) -> None:
    """Grade each round: exactly the cap of 优秀 (the boundary), ~4% 不合格, the rest 合格."""
    rounds: dict = {}
    for ev in p.evaluations:
        if ev.kind == "年度":
            rounds.setdefault(ev.round, []).append(ev)
    for year in sorted(rounds):
        members = rounds[year]
        p.rng.shuffle(members)
        cap = excellent_cap(len(members))
        fails = max(1, len(members) // 25) if len(members) >= 8 else 0
        for i, ev in enumerate(members):
            ev.grade = EXCELLENT if i < cap else FAIL if i < cap + fails else PASS


def finish_evaluation(p: Program, ev: Evaluation) -> None:
    record = ev.record
    record["grade"] = ev.grade
    if ev.kind == "期满":
        record["evaluators"] = list(POLICY["final_evaluators"])  # 第十五条
        record["opinion"] = p.pick(FINAL_OPINIONS)
        if ev.grade == EXCELLENT:
            record["actions"] = [{"action": "通报表扬"}]
        return
    record["evaluators"] = (list(POLICY["final_evaluators"]) if p.rng.random() < 0.5
                            else ["科技创新局", "入驻企业"])
    if p.rng.random() < 0.7:
        record["opinion"] = p.pick(OPINIONS[ev.grade])

    def later(days: int) -> date:
        return min(ev.date + timedelta(days=days), p.as_of)

    if ev.grade == EXCELLENT:  # 第十六条: 通报表扬 and 1万元 each
        reward = {"action": "奖励", "amount_yuan": POLICY["excellent_reward_yuan"]}
        if p.rng.random() < 0.5:
            reward = {"action": "奖励", "date": later(p.rng.randint(5, 30)),
                      "amount_yuan": POLICY["excellent_reward_yuan"]}
        record["actions"] = [{"action": "通报表扬"}, reward]
    elif ev.grade == FAIL:
        actions = [{"action": p.pick(["约谈", "通报批评"])}]
        # 通报批评仍无推进的，退出人才库: only when no later agreement starts for this doctor.
        exit_day = ev.date + timedelta(days=14)
        if (actions[0]["action"] == "通报批评" and exit_day <= p.as_of
                and p.last_start[ev.doctor] < ev.date and p.rng.random() < 0.5):
            actions.append({"action": "退出人才库", "date": exit_day})
        elif actions[0]["action"] == "约谈" and p.rng.random() < 0.5:
            actions[0]["date"] = later(p.rng.randint(1, 10))
        record["actions"] = actions


def build_meetings(p: Program, count: int) -> None:
    lo = min(a.start for a in p.agreements)
    used: dict = {}
    for _ in range(count if lo <= p.as_of else 0):
        for _attempt in range(100):
            day = p.day_between(lo, p.as_of)
            active = [a for a in p.agreements if a.start <= day <= a.end]
            if active and day not in used:
                break
        else:
            continue
        used[day] = True
        chosen = p.rng.sample(active, min(len(active), p.rng.randint(1, 5)))
        attendees = [x for x in ATTENDEES if x in ("入驻企业", "入驻博士") or p.rng.random() < 0.8]
        topic = p.pick(TOPICS[p.enterprises[chosen[0].enterprise]])
        record = {"date": day, "agreements": sorted(a.id for a in chosen), "attendees": attendees,
                  "topics": p.pick(MEETING_TOPICS).format(t=topic)}
        if p.rng.random() < 0.7:
            record["resolutions"] = p.pick(MEETING_RESOLUTIONS)
        p.records[f"meetings/m{day.isoformat()}.yml"] = record
