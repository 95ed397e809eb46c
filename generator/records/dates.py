"""Calendar arithmetic the 办法 relies on: months, quarters and residency years."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

ONE_DAY = timedelta(days=1)
EARLIEST = date(2000, 1, 1)
LATEST = date(2099, 12, 31)
_SHANGHAI = timezone(timedelta(hours=8))  # Asia/Shanghai has had no DST since 1991
PERIOD_RE = re.compile(r"^(\d{4})Q([1-4])$")


def today_in_shanghai() -> date:
    return datetime.now(_SHANGHAI).date()


# Every function here returns a date for any input, never raising: a sum past the calendar
# Python can hold (years 1 to 9999) stops at its first or last day. Records and policy.yml
# keep far inside it (dates 2000-2099, bounded policy numbers); this is what makes a hostile
# number a finding and never a traceback.


def add_days(day: date, days: int) -> date:
    """`day` plus `days` (negative: minus), stopping at date.min and date.max."""
    ordinal = day.toordinal() + days
    return date.fromordinal(min(max(ordinal, date.min.toordinal()), date.max.toordinal()))


def add_months(day: date, months: int) -> date:
    """Add calendar months, clamping to the last day of the target month.

    2024-02-29 + 12 months is 2025-02-28 (the format's 第七条 arithmetic).
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    if year < date.min.year:
        return date.min
    if year > date.max.year:
        return date.max
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def min_end(start: date, months: int) -> date:
    """The earliest inclusive `end` that gives a term of at least `months` (第七条)."""
    return add_days(add_months(start, months), -1)


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


@lru_cache(maxsize=1024)  # a program's reports name a few dozen quarters, thousands of times
def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """The first and last day of a quarter."""
    first = date(year, 3 * quarter - 2, 1)
    return first, add_days(add_months(first, 3), -1)


def quarter_name(year: int, quarter: int) -> str:
    return f"{year}Q{quarter}"


@lru_cache(maxsize=1024)
def parse_period(text: str) -> tuple[int, int] | None:
    """`2026Q3` -> (2026, 3); anything else -> None."""
    match = PERIOD_RE.match(text)
    return (int(match[1]), int(match[2])) if match else None


def quarters_between(first: date, last: date):
    """Yield (year, quarter) for every quarter that overlaps [first, last]."""
    year, quarter = quarter_of(first)
    end = quarter_of(last)
    while (year, quarter) <= end:
        yield year, quarter
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)


def residency_years(start: date, end: date, months: int = 12):
    """Yield (k, first, last) for each complete residency year inside [start, end] (第十六条).

    Year k runs from start + 12(k-1) months to the day before start + 12k months.
    """
    k = 1
    while True:
        first = add_months(start, months * (k - 1))
        last = add_days(add_months(start, months * k), -1)
        if last > end or last < first:  # past `end`, or past the calendar
            return
        yield k, first, last
        k += 1


def overlaps(a_first: date, a_last: date, b_first: date, b_last: date) -> bool:
    return a_first <= b_last and b_first <= a_last
