"""The validator's date and cap arithmetic against the obvious slow way.

Each property builds a small program on tests/cases/base/, runs the whole
validator, and compares its findings for one rule with an independent answer:
the 第七条 term by walking day by day and counting month anniversaries, the
第十三条 quarters by walking the days of each quarter, the 第十六条 cap by integer
arithmetic (excellent x 1000 <= permille x evaluated).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections import Counter
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from generator.rules.validate import validate_records

from ..support import BASE
from .programs import ONE_DAY, days_in_month, dump, plus_months, quarter_days, quarters_of

AGREEMENT = "agreements/a1.yml"


@contextmanager
def base_program(policy_changes: dict):
    """A copy of the base program with some policy.yml values replaced (given as YAML text)."""
    folder = Path(tempfile.mkdtemp(prefix="gaoxin-arithmetic-"))
    records = folder / "records"
    try:
        shutil.copytree(BASE, records)
        policy = (records / "policy.yml").read_text(encoding="utf-8")
        for key, value in policy_changes.items():
            policy, count = re.subn(rf"^{key}: .*$", f"{key}: {value}", policy, flags=re.MULTILINE)
            assert count == 1, key
        (records / "policy.yml").write_text(policy, encoding="utf-8")
        yield records
    finally:
        shutil.rmtree(folder)


def _agreement(records: Path, start: date, end: date) -> None:
    text = (records / AGREEMENT).read_text(encoding="utf-8")
    text = re.sub(r"^(start|signed): .*$", f"\\1: {start}", text, flags=re.MULTILINE)
    text = re.sub(r"^  date: .*$", f"  date: {start}", text, flags=re.MULTILINE)
    text = re.sub(r"^end: .*$", f"end: {end}", text, flags=re.MULTILINE)
    (records / AGREEMENT).write_text(text, encoding="utf-8")


def _found(result, rule: str) -> list:
    return [finding for finding in result.findings if finding.rule == rule]


# --- 第七条: the term ---------------------------------------------------------------------


def months_covered(start: date, end: date) -> int:
    """Whole calendar months from `start` to the day after `end`, counting anniversaries one day at a time.

    Each month after the first has one anniversary: the day numbered like `start`, or
    its last day when it is shorter (start 31 January: 28 February, 31 March, 30 April).
    """
    count, day, stop = 0, start + ONE_DAY, end + ONE_DAY
    while day <= stop:
        last_of_month = (day + ONE_DAY).month != day.month
        if day.day == start.day or (last_of_month and day.day < start.day):
            count += 1
        day += ONE_DAY
    return count


# Days where the answer flips are rare among all days: draw most cases next to one.
NEAR = st.one_of(st.integers(-3, 3), st.integers(-400, 400))


@st.composite
def starts(draw):
    """Any day, often one at or near the end of a month (where months are clamped)."""
    day = draw(st.dates(date(2001, 1, 1), date(2094, 12, 31)))
    if draw(st.booleans()):
        last = days_in_month(day.year, day.month)
        day = day.replace(day=draw(st.integers(max(28, last - 3), last)))
    return day


@given(start=starts(), months=st.integers(1, 36), offset=NEAR)
@example(start=date(2024, 2, 29), months=12, offset=0)  # 2025-02-28 is the last day that falls short
@example(start=date(2026, 1, 31), months=1, offset=-1)
@example(start=date(2026, 3, 1), months=12, offset=-1)
def test_term_agrees_with_counting_days(start, months, offset):
    end = plus_months(start, months) + timedelta(days=offset)  # offset 0: the first day after the shortest term
    with base_program({"min_term_months": months}) as records:
        _agreement(records, start, end)
        result = validate_records(records, date(2099, 12, 31))
    too_short = end < start or months_covered(start, end) < months
    assert [(f.file, f.line) for f in _found(result, "art7.term")] == ([(AGREEMENT, 5)] if too_short else [])


def test_months_covered_on_known_terms():
    assert months_covered(date(2026, 3, 1), date(2027, 2, 28)) == 12
    assert months_covered(date(2026, 3, 1), date(2027, 2, 27)) == 11
    assert months_covered(date(2024, 2, 29), date(2025, 2, 27)) == 12  # 2024-02-29 + 12 months is 2025-02-28
    assert months_covered(date(2024, 2, 29), date(2025, 2, 26)) == 11
    assert months_covered(date(2026, 1, 31), date(2026, 2, 27)) == 1  # 31 January + 1 month is 28 February


# --- 第十三条: quarters ---------------------------------------------------------------------


@st.composite
def report_plans(draw):
    start = draw(st.dates(date(2024, 1, 1), date(2028, 12, 31)))
    end = start + timedelta(days=draw(st.integers(300, 800)))
    due_days = draw(st.integers(0, 60))
    # As of a day next to some quarter's due date: where a report turns overdue.
    quarter_ends = [quarter_days(*period)[1] for period in quarters_of(start, end)]
    as_of = max(start, draw(st.sampled_from(quarter_ends)) + timedelta(days=due_days + draw(NEAR)))
    periods = [(year, quarter) for year in range(start.year - 1, end.year + 2) for quarter in (1, 2, 3, 4)]
    reports = {}
    for year, quarter in draw(st.lists(st.sampled_from(periods), max_size=8, unique=True)):
        first, _ = quarter_days(year, quarter)
        submitted = first + timedelta(days=draw(st.one_of(st.integers(-2, 2), st.integers(-20, 100))))
        if submitted <= as_of:
            reports[(year, quarter)] = submitted
    return start, end, as_of, due_days, reports


@given(report_plans())
def test_quarterly_reports_agree_with_walking_the_days(plan):
    start, end, as_of, due_days, reports = plan
    with base_program({"report_due_days": due_days}) as records:
        _agreement(records, start, end)
        shutil.rmtree(records / "reports" / "a1")
        for (year, quarter), submitted in reports.items():
            path = records / "reports" / "a1" / f"{year}Q{quarter}.yml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(dump({"submitted": submitted, "summary": "总结", "work": [{"duty": "技术难题", "title": "攻关"}]}))
        result = validate_records(records, as_of)

    in_term = quarters_of(start, end)
    overdue = [period for period in in_term if (as_of - quarter_days(*period)[1]).days > due_days]
    missing = {f"{year}Q{quarter}" for year, quarter in overdue if (year, quarter) not in reports}
    reported = {re.search(r"\d{4}Q[1-4]", f.message)[0] for f in _found(result, "art13.report-missing")}
    assert reported == missing

    expected = Counter()
    for (year, quarter), submitted in reports.items():
        first, last = quarter_days(year, quarter)
        days = [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
        path = f"reports/a1/{year}Q{quarter}.yml"
        expected[path] += (not any(start <= day <= end for day in days)) + (submitted < first)
    assert Counter(f.file for f in _found(result, "art13.report-period")) == +expected


# --- 第十六条: the excellent cap --------------------------------------------------------------


@st.composite
def cap_cases(draw):
    """(permille, [(evaluated, excellent) per round]), the excellent count next to the cap."""
    permille = draw(st.one_of(st.sampled_from([0, 250, 290, 300, 333, 500, 1000]), st.integers(0, 1000)))
    plan = []
    for _ in range(draw(st.integers(1, 2))):
        evaluated = draw(st.one_of(st.sampled_from([10, 20, 30]), st.integers(1, 30)))
        cap = permille * evaluated // 1000
        plan.append((evaluated, max(0, min(evaluated, cap + draw(st.integers(-1, 1))))))
    return permille, plan


@given(cap_cases())
@example((290, [(100, 29)]))  # exact: 0.29 x 100 = 29 is allowed (in floating point it is 28.999…)
@example((290, [(100, 30)]))
@example((300, [(10, 3), (10, 4)]))  # each round has its own cap
@example((0, [(3, 1)]))
@example((1000, [(5, 5)]))
def test_excellent_cap_agrees_with_integer_arithmetic(case):
    permille, plan = case
    expected = set()
    with base_program({"excellent_ratio": f"{permille // 1000}.{permille % 1000:03d}"}) as records:
        (records / "evaluations").mkdir(exist_ok=True)
        for round_index, (evaluated, excellent) in enumerate(plan):
            excellent = min(excellent, evaluated)
            for index in range(evaluated):
                record = {
                    "agreement": "a1",
                    "kind": "年度",
                    "round": 2026 + round_index,
                    "covers": {"from": date(2026, 3, 1), "to": date(2027, 2, 28)},
                    "date": date(2027, 3, 15),
                    "grade": "优秀" if index < excellent else "合格",
                    "evaluators": ["科技创新局"],
                }
                if index < excellent:
                    record["actions"] = [{"action": "奖励", "amount_yuan": 10000}]
                path = f"evaluations/r{round_index}-{index}.yml"
                (records / path).write_text(dump(record), encoding="utf-8")
                if index < excellent and excellent * 1000 > permille * evaluated:
                    expected.add(path)
        result = validate_records(records, date(2027, 6, 30))
    assert {f.file for f in _found(result, "art16.excellent-cap")} == expected


# --- the calendar arithmetic never raises ---------------------------------------------------

ANY_DAY = st.dates()  # 0001-01-01 to 9999-12-31
HUGE = st.integers(-(10**12), 10**12)


@given(ANY_DAY, HUGE)
@example(date(2026, 1, 31), 100000 * 12)  # min_term_months: 100000 ended every output in a traceback
@example(date.max, 1)
@example(date.min, -1)
def test_month_and_day_sums_stop_at_the_calendar_instead_of_raising(day, amount):
    from generator.records.dates import add_days, add_months, min_end

    for result in (add_months(day, amount), add_days(day, amount), min_end(day, amount)):
        assert date.min <= result <= date.max
    if date.min.toordinal() <= day.toordinal() + amount <= date.max.toordinal():
        assert add_days(day, amount) == day + timedelta(days=amount)


@given(ANY_DAY, ANY_DAY)
def test_residency_years_and_quarters_end_for_any_dates(start, end):
    from itertools import islice

    from generator.records.dates import residency_years

    years = list(islice(residency_years(start, end), 10001))
    assert len(years) <= 10000 and all(first <= last <= end for _, first, last in years)
