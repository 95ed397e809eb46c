"""Turn pydantic's validation errors into findings with Chinese messages."""

from __future__ import annotations

import re
import reprlib
from datetime import date

from pydantic import ValidationError

from ..catalog import severity_of
from ..findings import Finding
from .migration import migration_message
from .models.common import DATE_ERROR_TYPES, LIST_HINTS, LIST_LACKS, POLICY_MISMATCH, TEXT_KINDS, VALUE_ERROR_TYPES
from .models.evaluation import ACTIONS
from .models.problem import PROBLEM_ID_PATTERN
from .parsing import BadDate
from .values import display

_REASONS = {
    "string_type": "应为文字",
    "int_type": "应为整数",
    "float_type": "应为数字",
    "bool_type": "应为 true 或 false",
    "list_type": "应为列表（每项一行，以 - 开头，或写成 [a, b]）",
    "dict_type": "应为“键: 值”映射",
    "model_type": "应为“键: 值”映射",
    "model_attributes_type": "应为“键: 值”映射",
    "date_type": "应为 YYYY-MM-DD 格式的日期",
    "greater_than_equal": "不能小于 {ge}",
    "less_than_equal": "不能大于 {le}",
    "greater_than": "应大于 {gt}",
    "int_from_float": "应为整数",
}


def schema_findings(error: ValidationError, path: str) -> list[Finding]:
    """One finding per problem pydantic found in the record at `path`."""
    findings = []
    for item in error.errors(include_url=False):
        loc = _clean_loc(item["loc"])
        kind = item["type"]
        if kind == "invalid_key":  # pydantic puts repr(key) into the path; keep the key itself
            loc = (*loc[:-1], item["input"])
        rule = "data.dates" if kind in DATE_ERROR_TYPES or _date_with_time(item) else "schema.field"
        missing = kind in ("missing", "union_tag_not_found")
        if kind == "union_tag_not_found" or kind == "union_tag_invalid":
            loc = (*loc, item["ctx"]["discriminator"].strip("'"))
        message = migration_message(path, loc, kind) or _message(item, loc, kind)
        findings.append(Finding(path, None, rule, severity_of(rule), message, loc=loc, missing=missing))
    return findings


# The tags of the discriminated unions: evaluation kinds (the whole record) and actions (list items).
_TAGS = frozenset({"年度", "期满", *ACTIONS})
# A quoted (or seconds-less) date with a time is a string to YAML, but still a date with a time.
_DATE_TIME = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d{2}")


def _clean_loc(loc: tuple) -> tuple:
    # Discriminated unions put the tag value ('年度', '奖励', ...) into the path; users never wrote it.
    # It stands first (an evaluation) or after a list index (an action), and never last.
    return tuple(
        part
        for index, part in enumerate(loc)
        if not (part in _TAGS and index < len(loc) - 1 and (index == 0 or isinstance(loc[index - 1], int)))
    )


def _date_with_time(item: dict) -> bool:
    return item["type"] == "date_type" and isinstance(item.get("input"), str) and bool(_DATE_TIME.match(item["input"]))


def dotted(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "（整个文件）"


def _message(item: dict, loc: tuple, kind: str) -> str:
    key = dotted(loc)
    ctx = item.get("ctx") or {}
    value = item.get("input")
    if kind in ("missing", "union_tag_not_found"):
        return f"缺少必填键 {key}：请补上（可参照 gaoxin new 生成的模板）"
    if kind == "extra_forbidden":
        return f"未知的键 {key}：请检查拼写，或删除这一项（键名见 records 格式说明）"
    if kind in DATE_ERROR_TYPES:
        return f"{key}：{item['msg']}，请改为真实存在的日期（YYYY-MM-DD）"
    if _date_with_time(item):
        return f"{key}：日期不能带时间：{_show(value)}，请只写 YYYY-MM-DD"
    if kind == "invalid_key":
        return f"键 {_show(value)} 不是文字，不是记录格式中的键：请检查拼写，或删除这一项{_yaml11_hint(value)}"
    if kind == "union_tag_invalid":
        return f"{key} 的取值 {_show(value, ctx)} 不在允许范围内：可选 {ctx.get('expected_tags')}"
    if kind == "literal_error":
        return f"{key} 的取值 {_show(value)} 不在允许范围内：可选 {_choices(ctx.get('expected', ''))}"
    if value is None or value == "" or value == [] or value == {}:
        return f"{key} 不能为空：请填写内容（可选项不用时可整行删除）"
    if kind in ("string_too_long", "too_long"):
        return _too_long(key, kind, ctx, value)
    if kind == "too_short" and ctx.get("min_length", 1) > 1:
        return f"{key} 至少应有 {ctx['min_length']} 项，实际只有 {ctx.get('actual_length')} 项"
    if kind in ("string_too_short", "too_short"):
        return f"{key} 不能为空：请至少填写一项"
    if kind in ("text_blank", LIST_LACKS, POLICY_MISMATCH):
        return f"{key} {ctx['reason']}"
    if kind in VALUE_ERROR_TYPES:
        return f"{key} 的取值 {_show(value)} {ctx['reason']}"
    if kind == "string_pattern_mismatch":
        return f"{key} 的取值 {_show(value)} 格式不对：{_pattern_hint(ctx.get('pattern', ''))}"
    reason = _REASONS.get(kind, item["msg"]).format(**ctx)
    hint = _yaml11_hint(value) if kind.endswith("_type") else ""  # `round: 1999` is no YAML surprise
    return f"{key} {reason}，实际是 {_show(value)}{hint}"


_TEXT_HINTS = {kind.most: kind.hint for kind in TEXT_KINDS}


def _too_long(key: str, kind: str, ctx: dict, value) -> str:
    most = ctx["max_length"]
    if kind == "too_long":  # a list
        hint = LIST_HINTS.get(most)
        return f"{key} 最多 {most} 项，实际有 {ctx.get('actual_length')} 项" + (f"：{hint}" if hint else "")
    hint = _TEXT_HINTS.get(most)
    return f"{key} 太长：最多 {most} 个字符，实际 {len(value)} 个字符" + (f"：{hint}" if hint else "")


def _show(value, ctx=None) -> str:
    if ctx and "tag" in ctx:
        value = ctx["tag"]
    if isinstance(value, (date, BadDate)):
        text = str(value)
    else:
        # reprlib: nesting can be deep; display(): a bidi control in a message would reorder it too
        text = reprlib.repr(value) if not isinstance(value, str) else f"“{display(value)}”"
    return text if len(text) <= 40 else text[:37] + "…"


def _pattern_hint(pattern: str) -> str:
    if pattern == PROBLEM_ID_PATTERN:
        return "问题编号只能用小写字母、数字和连字符，不超过16个字符，如 p1"
    if "A-Za-z0-9" in pattern:  # before the id's a-z0-9, which it contains
        return "应为账号名（用户名：字母、数字、连字符、下划线和点；团队写作 组织/团队）"
    if "a-z0-9" in pattern:
        return "id 只能用小写字母、数字和连字符，且以字母或数字开头"
    if "https?" in pattern:
        return "应为以 http:// 或 https:// 开头的网址"
    return "不能只有空白"


def _yaml11_hint(value) -> str:
    """Explain YAML 1.1 surprises: `no` became false, `1:20` became 80, `010` became 8."""
    if isinstance(value, bool):
        return "（YAML 把未加引号的 yes/no/on/off 读作真假值：如要文字，请加引号）"
    if isinstance(value, int):
        return "（YAML 把未加引号的数字读作整数，1:20 读作 80、010 读作 8：如要文字，请加引号）"
    if isinstance(value, (date, BadDate)):
        return "（YAML 把未加引号的 YYYY-MM-DD 读作日期：如要文字，请加引号）"
    return ""


def _choices(expected: str) -> str:
    """pydantic's "'down' or 'up'" as down、up."""
    names = re.findall(r"'([^']*)'", expected)
    return "、".join(names) if names else expected
