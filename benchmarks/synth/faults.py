"""The faults of ``--faults``: ``FAULTS`` and the ``FaultInjector`` that puts them into a built program."""

from __future__ import annotations

from datetime import date, timedelta

from .calendar import CREDIT_ALPHABET, quarter_bounds, resident_id, term_end
from .emit import Raw, to_yaml
from .program import Agreement, Evaluation, Need, Program, add_reports, annual_evaluations, excellent_cap, finish_evaluation
from .words import EXCELLENT, FAIL, PASS, POLICY

# FAULTS lists the faults in injection order as (rule, what, method): those
# whose candidates are scarce in a small program come first. Each method changes records no
# other fault touched and calls expect() with every finding the change must cause; a fault
# with no candidate (a tiny program, an unusual --as-of) is skipped and reported as such.

FAULTS = [
    ("art7.term", "a term shortened to 6 months (reports past its new end removed)", "short_term"),
    ("art7.overlap", "a new agreement starting 30 days before the doctor's last one ends",
     "overlap"),
    ("art16.exited-doctor", "a doctor leaves (after a 通报批评), then a later agreement starts",
     "exited_doctor"),
    ("art16.excellent-cap", "合格 turned 优秀 (with rewards) in the biggest round, one past its cap",
     "excess_excellent"),
    ("art16.evaluation-missing", "a due 年度 evaluation deleted (its round stays within the cap)",
     "missing_evaluation"),
    ("art16.reward", "a 奖励 on a 合格 年度 evaluation", "reward_on_pass"),
    ("art16.exit-without-criticism", "a 退出人才库 with no earlier 通报批评",
     "exit_without_criticism"),
    ("data.dates", "an evaluation dated the day after --as-of", "future_evaluation"),
    ("art13.report-period", "a quarterly report submitted before its quarter began", "early_report"),
    ("art13.report-missing", "a due quarterly report deleted", "missing_report"),
    ("art15.final-report-missing", "a due final report deleted (no 期满 evaluation)",
     "missing_final"),
    ("art15.final-needs-report", "the final report of a 期满-evaluated agreement deleted "
     "(also art15.final-report-missing when it was due)", "final_without_report"),
    ("art15.evaluators", "a 期满 evaluation without 高校科研处", "missing_evaluator"),
    ("yaml.syntax", "a meeting whose quoted `topics` is never closed", "syntax_error"),
    ("yaml.duplicate-key", "an enterprise with `name:` twice", "duplicate_key"),
    ("schema.field", "an unknown key `fundng_yuan` in an agreement", "unknown_key"),
    ("schema.field", "an agreement without its required `focus`", "missing_key"),
    ("schema.id", "a university file named `Bad_Name.yml`", "bad_id"),
    ("file.unexpected", "a stray `doctors/notes.txt`", "stray_file"),
    ("ref.missing", "an agreement naming an enterprise that does not exist", "bad_reference"),
    ("art4.degree", "a doctor with degree 硕士", "not_doctorate"),
    ("art5.filing", "a filing dated 3 days before the signing", "filed_before_signing"),
    ("art5.filed-late", "a filing dated 5 days after the residency start", "filed_late"),
    ("art6.industry", "an enterprise in 房地产", "bad_industry"),
    ("art7.position", "the position 技术顾问", "bad_position"),
    ("art21.before-effective", "an agreement signed 2019-12-20", "signed_before_effective"),
    ("art5.need-enterprise", "a taken-up need moved to another enterprise", "need_of_another_enterprise"),
    ("art5.need-closed", "a taken-up need closed the day before its agreement was signed", "need_closed"),
    ("art5.need-after-signing", "a taken-up need posted the day after its agreement was signed",
     "need_after_signing"),
    ("art10.need-stale", "an open need posted need_stale_days + 30 days before --as-of", "stale_need"),
    ("data.credit-code", "a credit code with a wrong check character", "bad_credit_code"),
    ("data.dates", "a meeting dated 2026-02-30 (unquoted)", "impossible_date"),
    ("privacy.pii", "a mobile number in a doctor's bio", "phone_in_bio"),
    ("privacy.pii", "an e-mail address in an enterprise description", "email_in_description"),
    ("privacy.pii", "a resident ID number in a meeting's topics", "id_number_in_meeting"),
]


class FaultInjector:
    """Inject FAULTS into a built program, each into records no other fault touches.

    An agreement or evaluation fault takes the agreement and its doctor, so no two faults share
    a doctor (overlaps and exits are per doctor); other faults take their doctor, enterprise or
    meeting.
    """

    def __init__(self, p: Program):
        self.p = p
        self.used: dict = {}  # ids (and meeting paths) already touched
        self.cap_round = None

    def run(self) -> None:
        for rule, what, method in FAULTS:
            try:
                getattr(self, method)()
            except LookupError:
                self.p.skipped.append((rule, what))

    # Choosing what to break

    def free(self, *ids: str) -> bool:
        return not any(i in self.used for i in ids)

    def take(self, *ids: str) -> None:
        for i in ids:
            self.used[i] = True

    def expect(self, rule: str, path: str) -> None:
        self.p.faults.append((rule, path))

    def agreement(self, test) -> Agreement:
        """Return the first untouched agreement of an untouched doctor that passes `test`."""
        for a in self.p.agreements:
            if self.free(a.id, a.doctor) and test(a):
                self.take(a.id, a.doctor)
                return a
        raise LookupError

    def annual(self, test) -> Evaluation:
        """Return the first 年度 evaluation passing `test` whose agreement and doctor are untouched."""
        for ev in self.p.evaluations:
            if ev.kind == "年度" and self.free(ev.agreement, ev.doctor) and test(ev):
                self.take(ev.agreement, ev.doctor)
                return ev
        raise LookupError

    def doctor(self) -> str:
        return self.first_free(self.p.doctors)

    def enterprise(self) -> str:
        return self.first_free(self.p.enterprises)

    def meeting(self) -> str:
        return self.first_free(sorted(k for k in self.p.records if k.startswith("meetings/")))

    def first_free(self, ids) -> str:
        for i in ids:
            if self.free(i):
                self.take(i)
                return i
        raise LookupError

    def need(self, taken: bool) -> Need:
        """The first untouched need that is taken up (with its agreement untouched too) or open."""
        for need in self.p.needs:
            linked = need.agreement is not None
            ids = (need.id, need.agreement.id) if linked else (need.id,)
            if linked == taken and need.closed is None and self.free(*ids):
                self.take(*ids)
                return need
        raise LookupError

    def rounds(self) -> dict:
        rounds: dict = {}
        for ev in self.p.evaluations:
            if ev.kind == "年度":
                rounds.setdefault(ev.round, []).append(ev)
        return rounds

    def record(self, kind: str, rid: str) -> dict:
        return self.p.records[f"{kind}/{rid}.yml"]

    # Terms

    def short_term(self) -> None:
        """Keep the final report, if any; otherwise the new end must not make one due."""
        p = self.p
        final_due = timedelta(days=POLICY["final_report_due_days"])
        evaluated = {ev.agreement for ev in p.evaluations if ev.kind == "年度"}

        def fits(a: Agreement) -> bool:
            return a.final is not None or term_end(a.start, 6) + final_due >= p.as_of
        try:  # preferably one with no 年度 evaluation, whose covers would outrun the term
            a = self.agreement(lambda a: fits(a) and a.id not in evaluated)
        except LookupError:
            a = self.agreement(fits)
        a.end = term_end(a.start, 6)
        self.record("agreements", a.id)["end"] = a.end
        for period, _ in a.quarterly:
            if quarter_bounds(int(period[:4]), int(period[-1]))[0] > a.end:
                del p.records[f"reports/{a.id}/{period}.yml"]
        self.expect("art7.term", f"agreements/{a.id}.yml")

    def overlap(self) -> None:
        """Add an agreement with every report and evaluation due; it is the later one (第七条)."""
        p = self.p
        exited = {ev.doctor for ev in p.evaluations
                  if any(x["action"] == "退出人才库" for x in ev.record.get("actions", []))}
        last = {}
        for a in p.agreements:
            last[a.doctor] = a  # agreements are sorted by start
        a = self.agreement(lambda a: last[a.doctor] is a and a.doctor not in exited)
        start = a.end - timedelta(days=29)
        signed = min(start - timedelta(days=10), p.as_of - timedelta(days=1))
        filed = p.day_between(signed + timedelta(days=1), min(start, p.as_of))
        new = Agreement(f"a{start.year}-overlap", a.doctor, a.enterprise, start,
                        term_end(start, 12), signed, filed, f"平高科备〔{filed.year}〕补1号", a.topic)
        self.take(new.id)
        record = dict(self.record("agreements", a.id))
        record.update(start=new.start, end=new.end, signed=signed,
                      filing={"number": new.filing_number, "date": filed})
        record.pop("needs", None)  # the first agreement took them up
        p.records[f"agreements/{new.id}.yml"] = record
        p.agreements.append(new)
        add_reports(p, new)
        for ev in annual_evaluations(p, new):  # 合格 only: the rounds' caps still hold
            finish_evaluation(p, ev)
            p.records[f"evaluations/{ev.id}.yml"] = ev.record
            p.evaluations.append(ev)
        self.expect("art7.overlap", f"agreements/{new.id}.yml")

    def not_doctorate(self) -> None:
        did = self.doctor()
        self.record("doctors", did)["degree"] = "硕士"
        self.expect("art4.degree", f"doctors/{did}.yml")

    def filed_before_signing(self) -> None:
        a = self.agreement(lambda a: True)
        self.record("agreements", a.id)["filing"]["date"] = a.signed - timedelta(days=3)
        self.expect("art5.filing", f"agreements/{a.id}.yml")

    def filed_late(self) -> None:
        a = self.agreement(lambda a: a.start + timedelta(days=5) <= self.p.as_of)
        self.record("agreements", a.id)["filing"]["date"] = a.start + timedelta(days=5)
        self.expect("art5.filed-late", f"agreements/{a.id}.yml")

    def bad_position(self) -> None:
        a = self.agreement(lambda a: True)
        self.record("agreements", a.id)["position"] = "技术顾问"
        self.expect("art7.position", f"agreements/{a.id}.yml")

    def signed_before_effective(self) -> None:
        # one that takes up no need, which would then have been posted after the signing
        a = self.agreement(lambda a: "needs" not in self.record("agreements", a.id))
        self.record("agreements", a.id)["signed"] = date(2019, 12, 20)
        self.expect("art21.before-effective", f"agreements/{a.id}.yml")

    # Evaluations

    def excess_excellent(self) -> None:
        """Every round holds exactly its cap of 优秀; push the biggest one past it."""
        rounds = self.rounds()
        if not rounds:
            raise LookupError
        self.cap_round = max(sorted(rounds), key=lambda r: len(rounds[r]))
        members = rounds[self.cap_round]
        excellent = sum(ev.grade == EXCELLENT for ev in members)
        for _ in range(excellent_cap(len(members)) - excellent + 1):
            ev = self.annual(lambda ev: ev.round == self.cap_round and ev.grade == PASS)
            ev.grade = ev.record["grade"] = EXCELLENT
            ev.record.pop("opinion", None)
            ev.record["actions"] = [{"action": "通报表扬"}, {
                "action": "奖励", "amount_yuan": POLICY["excellent_reward_yuan"]}]
        for ev in members:
            if ev.grade == EXCELLENT:
                self.expect("art16.excellent-cap", f"evaluations/{ev.id}.yml")

    def missing_evaluation(self) -> None:
        rounds = self.rounds()

        def keeps_cap(ev: Evaluation) -> bool:
            members = rounds[ev.round]
            excellent = sum(other.grade == EXCELLENT for other in members)
            return ev.grade == EXCELLENT or excellent <= excellent_cap(len(members) - 1)
        ev = self.annual(lambda ev: ev.due and ev.round != self.cap_round and ev.grade != FAIL
                         and keeps_cap(ev))
        del self.p.records[f"evaluations/{ev.id}.yml"]
        self.p.evaluations.remove(ev)
        self.expect("art16.evaluation-missing", f"agreements/{ev.agreement}.yml")

    def reward_on_pass(self) -> None:
        ev = self.annual(lambda ev: ev.grade == PASS)
        ev.record["actions"] = [{"action": "奖励", "amount_yuan": POLICY["excellent_reward_yuan"]}]
        self.expect("art16.reward", f"evaluations/{ev.id}.yml")

    def criticised(self) -> set:
        return {ev.doctor for ev in self.p.evaluations
                if any(x["action"] == "通报批评" for x in ev.record.get("actions", []))}

    def exit_without_criticism(self) -> None:
        """No agreement of the doctor starts after the exit, so art16.exited-doctor stays quiet."""
        criticised, last_start = self.criticised(), self.p.last_start
        ev = self.annual(lambda ev: ev.grade == PASS and ev.doctor not in criticised
                         and last_start[ev.doctor] < ev.date)
        ev.record["actions"] = [{"action": "退出人才库"}]
        self.expect("art16.exit-without-criticism", f"evaluations/{ev.id}.yml")

    def exited_doctor(self) -> None:
        p, criticised, gap = self.p, self.criticised(), timedelta(days=1)
        by_doctor: dict = {}
        for a in p.agreements:
            by_doctor.setdefault(a.doctor, []).append(a)
        ev = self.annual(lambda ev: ev.grade == PASS and ev.doctor not in criticised
                         and ev.date + gap <= p.as_of
                         and any(b.start >= ev.date + gap for b in by_doctor[ev.doctor]))
        ev.grade = ev.record["grade"] = FAIL
        ev.record.pop("opinion", None)
        ev.record["actions"] = [{"action": "通报批评"}, {"action": "退出人才库", "date": ev.date + gap}]
        for b in by_doctor[ev.doctor]:
            if b.start >= ev.date + gap:
                self.expect("art16.exited-doctor", f"agreements/{b.id}.yml")

    def future_evaluation(self) -> None:
        ev = self.annual(lambda ev: ev.grade == PASS)
        ev.record["date"] = self.p.as_of + timedelta(days=1)
        self.expect("data.dates", f"evaluations/{ev.id}.yml")

    # Reports

    def early_report(self) -> None:
        a = self.agreement(lambda a: len(a.quarterly) > 0)
        period = a.quarterly[0][0]
        first = quarter_bounds(int(period[:4]), int(period[-1]))[0]
        self.p.records[f"reports/{a.id}/{period}.yml"]["submitted"] = first - timedelta(days=3)
        self.expect("art13.report-period", f"reports/{a.id}/{period}.yml")

    def missing_report(self) -> None:
        a = self.agreement(lambda a: any(due for _, due in a.quarterly))
        period = [period for period, due in a.quarterly if due][-1]
        del self.p.records[f"reports/{a.id}/{period}.yml"]
        self.expect("art13.report-missing", f"agreements/{a.id}.yml")

    def final_evaluations(self) -> dict:
        return {ev.agreement: ev for ev in self.p.evaluations if ev.kind == "期满"}

    def final_due(self, a: Agreement) -> bool:
        return a.end + timedelta(days=POLICY["final_report_due_days"]) < self.p.as_of

    def missing_final(self) -> None:
        closing = self.final_evaluations()
        a = self.agreement(lambda a: a.final and self.final_due(a) and a.id not in closing)
        del self.p.records[f"reports/{a.id}/final.yml"]
        self.expect("art15.final-report-missing", f"agreements/{a.id}.yml")

    def final_without_report(self) -> None:
        closing = self.final_evaluations()
        a = self.agreement(lambda a: a.id in closing)
        del self.p.records[f"reports/{a.id}/final.yml"]
        self.expect("art15.final-needs-report", f"evaluations/{closing[a.id].id}.yml")
        if self.final_due(a):
            self.expect("art15.final-report-missing", f"agreements/{a.id}.yml")

    def missing_evaluator(self) -> None:
        closing = self.final_evaluations()
        ev = closing[self.agreement(lambda a: a.id in closing).id]
        ev.record["evaluators"] = [e for e in ev.record["evaluators"] if e != "高校科研处"]
        self.expect("art15.evaluators", f"evaluations/{ev.id}.yml")

    # Files, schema and references

    def syntax_error(self) -> None:
        """Nothing refers to a meeting, so an unreadable one cannot cause ref.missing."""
        path = self.meeting()
        text = to_yaml(self.p.records[path])
        self.p.records[path] = text.replace('。"\n', "。\n", 1)  # the string runs to the end
        self.expect("yaml.syntax", path)

    def duplicate_key(self) -> None:
        eid = self.enterprise()
        record = self.record("enterprises", eid)
        self.p.records[f"enterprises/{eid}.yml"] = to_yaml(record) + f"name: {record['name']}二厂\n"
        self.expect("yaml.duplicate-key", f"enterprises/{eid}.yml")

    def unknown_key(self) -> None:
        a = self.agreement(lambda a: True)
        self.record("agreements", a.id)["fundng_yuan"] = 300000
        self.expect("schema.field", f"agreements/{a.id}.yml")

    def missing_key(self) -> None:
        a = self.agreement(lambda a: True)
        del self.record("agreements", a.id)["focus"]
        self.expect("schema.field", f"agreements/{a.id}.yml")

    def bad_id(self) -> None:
        self.p.records["universities/Bad_Name.yml"] = {"name": "命名不规范大学"}
        self.expect("schema.id", "universities/Bad_Name.yml")

    def stray_file(self) -> None:
        self.p.records["doctors/notes.txt"] = "这不是记录文件。\n"
        self.expect("file.unexpected", "doctors/notes.txt")

    def bad_reference(self) -> None:
        a = self.agreement(lambda a: True)
        self.record("agreements", a.id)["enterprise"] = "pds-no-such-firm"
        self.expect("ref.missing", f"agreements/{a.id}.yml")

    # Enterprises, dates and privacy

    def bad_industry(self) -> None:
        eid = self.enterprise()
        self.record("enterprises", eid)["industry"] = "房地产"
        self.expect("art6.industry", f"enterprises/{eid}.yml")

    def bad_credit_code(self) -> None:
        eid = self.enterprise()
        record = self.record("enterprises", eid)
        wrong = CREDIT_ALPHABET[(CREDIT_ALPHABET.index(record["credit_code"][-1]) + 1) % 31]
        record["credit_code"] = record["credit_code"][:-1] + wrong
        self.expect("data.credit-code", f"enterprises/{eid}.yml")

    def impossible_date(self) -> None:
        path = self.meeting()
        self.p.records[path]["date"] = Raw("2026-02-30")
        self.expect("data.dates", path)

    def phone_in_bio(self) -> None:
        did = self.doctor()
        record = self.record("doctors", did)
        record["bio"] = record.get("bio", "长期从事产学研合作。") + "联系电话：138-3751-2046。"
        self.expect("privacy.pii", f"doctors/{did}.yml")

    def email_in_description(self) -> None:
        eid = self.enterprise()
        record = self.record("enterprises", eid)
        record["description"] = record.get("description", "区内骨干企业。") + "合作联系：hr@pds-example.com"
        self.expect("privacy.pii", f"enterprises/{eid}.yml")

    def id_number_in_meeting(self) -> None:
        path = self.meeting()
        self.p.records[path]["topics"] += f"附：博士身份证号{resident_id('41040219850312001')}。"
        self.expect("privacy.pii", path)

    # Needs (records format 2)

    def need_of_another_enterprise(self) -> None:
        need = self.need(taken=True)
        other = next(eid for eid in self.p.enterprises if eid != need.enterprise)
        self.record("needs", need.id)["enterprise"] = other
        self.expect("art5.need-enterprise", f"agreements/{need.agreement.id}.yml")

    def need_closed(self) -> None:
        need = self.need(taken=True)
        signed = need.agreement.signed
        record = self.record("needs", need.id)
        record["posted"] = min(need.posted, signed - timedelta(days=10))
        record["closed"] = signed - timedelta(days=1)
        self.expect("art5.need-closed", f"agreements/{need.agreement.id}.yml")

    def need_after_signing(self) -> None:
        need = self.need(taken=True)
        self.record("needs", need.id)["posted"] = need.agreement.signed + timedelta(days=1)
        self.expect("art5.need-after-signing", f"agreements/{need.agreement.id}.yml")

    def stale_need(self) -> None:
        need = self.need(taken=False)
        self.record("needs", need.id)["posted"] = self.p.as_of - timedelta(days=POLICY["need_stale_days"] + 30)
        self.expect("art10.need-stale", f"needs/{need.id}.yml")
