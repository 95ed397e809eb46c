"""Enterprises: industry (第六条) and the 统一社会信用代码 (GB 32100-2015)."""

from __future__ import annotations

from ..records.address import RecordRef
from ..records.program import Program
from . import Found, check

# GB 32100-2015: 31 characters (no I, O, Z, S, V); weights 3^i mod 31 for the 17 body characters.
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUES = {char: index for index, char in enumerate(CREDIT_ALPHABET)}


def credit_check_char(body: str) -> str:
    """The check character for the first 17 characters of a credit code."""
    total = sum(_VALUES[char] * weight for char, weight in zip(body, CREDIT_WEIGHTS))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    if len(code) != 18:
        return f"统一社会信用代码应为18位，实际 {len(code)} 位"
    bad = sorted({char for char in code if char not in _VALUES})
    if bad:
        return f"统一社会信用代码含有不允许的字符 {''.join(bad)}（只能用数字和除 I、O、Z、S、V 外的大写字母）"
    expected = credit_check_char(code[:17])
    if code[17] != expected:
        return f"统一社会信用代码校验位错误：第18位应为 {expected}，实际是 {code[17]}，请核对营业执照"
    return None


@check("data.credit-code", needs_policy=False)
def credit_codes(program: Program, as_of) -> Found:
    for enterprise_id, enterprise in program.enterprises.items():
        if problem := credit_code_problem(enterprise.credit_code):
            yield RecordRef("enterprise", enterprise_id), ("credit_code",), problem
