"""Month, quarter and residency-term arithmetic, and the check characters of credit codes and resident ids.

The generator's own arithmetic, written from the format's definitions, not taken from the validator.
"""

from __future__ import annotations

from calendar import monthrange  # the standard library's (this module only shares its name)
from datetime import date, timedelta

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def add_months(day: date, months: int) -> date:
    """Add calendar months, clamping to the target month's last day (the format's 第七条 arithmetic)."""
    years, month0 = divmod(day.month - 1 + months, 12)
    year = day.year + years
    last = monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def term_end(start: date, months: int) -> date:
    return add_months(start, months) - timedelta(days=1)


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year: int, q: int) -> tuple[date, date]:
    first = date(year, 3 * q - 2, 1)
    return first, add_months(first, 3) - timedelta(days=1)


def quarters_overlapping(start: date, end: date) -> list[tuple[int, int]]:
    year, q = quarter_of(start)
    out = []
    while quarter_bounds(year, q)[0] <= end:
        out.append((year, q))
        year, q = (year, q + 1) if q < 4 else (year + 1, 1)
    return out


def residency_years(start: date, end: date) -> list[tuple[date, date]]:
    """Return the 12-month residency years wholly inside the term (第十六条)."""
    years, k = [], 1
    while term_end(start, 12 * k) <= end:
        years.append((add_months(start, 12 * (k - 1)), term_end(start, 12 * k)))
        k += 1
    return years


def credit_code(body17: str) -> str:
    """Append the GB 32100-2015 check character to 17 characters."""
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(body17, CREDIT_WEIGHTS))
    return body17 + CREDIT_ALPHABET[(31 - total % 31) % 31]


def resident_id(body17: str) -> str:
    """Append the GB 11643 check digit (faults only)."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body17 + "10X98765432"[sum(int(c) * w for c, w in zip(body17, weights)) % 11]
