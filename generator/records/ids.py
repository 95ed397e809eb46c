"""The one parser of record ids and report periods: file names are ids.

Loading, `gaoxin new`, the ownership check and the site all ask here, so a name one of
them accepts is a name every other accepts. The patterns are ASCII-only and matched as a
whole: no trailing newline, no full-width digits (`２０２６Q1`), no path separators.
"""

from __future__ import annotations

import re

# A record id: the file name without `.yml`.
MAX_ID_CHARS = 64
ID_PATTERN = rf"^[a-z0-9][a-z0-9-]{{0,{MAX_ID_CHARS - 1}}}$"
_ID = re.compile(ID_PATTERN[1:-1], re.ASCII)
_PERIOD = re.compile(r"(\d{4})Q([1-4])", re.ASCII)

FINAL = "final"  # the period of a residency's 入驻工作总结 (第十五条)

ID_RULE = "只能用小写字母、数字和连字符（不超过64个字符），且以字母或数字开头"


def is_id(text: object) -> bool:
    """Whether `text` is a valid record id."""
    return isinstance(text, str) and _ID.fullmatch(text) is not None


def parse_period(text: object) -> tuple[int, int] | None:
    """`2026Q3` -> (2026, 3); anything else (`２０２６Q3`, `2026Q3\\n`, `final`) -> None."""
    match = _PERIOD.fullmatch(text) if isinstance(text, str) else None
    return (int(match[1]), int(match[2])) if match else None


def is_period(text: object) -> bool:
    """Whether `text` names a report: a quarter `YYYYQn` or `final`."""
    return text == FINAL or parse_period(text) is not None


def parse_report_id(text: str) -> tuple[str, str] | None:
    """`a2026-001/2026Q3` -> ("a2026-001", "2026Q3"); None unless both parts are valid."""
    agreement, slash, period = text.partition("/")
    return (agreement, period) if slash and is_id(agreement) and is_period(period) else None


def id_problem(text: str, what: str = "文件名") -> str | None:
    """Why `text` is not a record id (a Chinese message naming `what` it is), or None."""
    return None if is_id(text) else f"{what} {text} 不是合法 id：{ID_RULE}"


def period_problem(text: str) -> str | None:
    """Why `text` is not a report period, or None when it is one."""
    if is_period(text):
        return None
    return f"报送文件名 {text} 不合要求：季度报送应为 YYYYQn（如 2026Q3），期满总结应为 final"
