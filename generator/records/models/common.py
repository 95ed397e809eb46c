"""Field types shared by every record kind, with the checks the records format asks for."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, ClassVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from ..dates import EARLIEST, LATEST
from ..ids import ID_PATTERN, ID_RULE, MAX_ID_CHARS, is_id
from ..parsing import BadDate
from ..values import (
    MAX_URL_CHARS,
    ONE_LINE_SCHEMA_PATTERN,
    TEXT_SCHEMA_PATTERN,
    URL_SCHEMA_PATTERN,
    line_problem,
    text_problem,
    url_problem,
)

# A username on GitHub, GitLab, Gitea or Forgejo (GitLab and Gitea allow _ and . too), or a
# team: GitHub's org/team, GitLab's group/subgroup.
USERNAME = r"[A-Za-z0-9_](?:[A-Za-z0-9._-]{0,254})"
LOGIN_PATTERN = rf"^@?{USERNAME}(?:/[A-Za-z0-9._-]+)*$"
_LOGIN = re.compile(LOGIN_PATTERN[1:-1], re.ASCII)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Error types raised here are reported under `data.dates`, not `schema.field`.
DATE_ERROR_TYPES = frozenset({"impossible_date", "date_with_time", "date_out_of_range"})
# Error types of the shared value types below; the context's `reason` is the message.
VALUE_ERROR_TYPES = frozenset({"text_blank", "text_invisible", "text_multiline", "url_invalid", "id_invalid", "login_invalid",
                               "number_decimals"})
# A policy list without a value the rules read by name (`listing`); the context's `reason` is the message.
LIST_LACKS = "list_lacks"
# A policy value at odds with another (weights that do not sum to 100); the context's `reason` is the message.
POLICY_MISMATCH = "policy_mismatch"


class Record(BaseModel):
    """A record file: strict types, unknown keys rejected (they are almost always typos)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class SomeOf(Record):
    """A mapping whose keys are all optional, but which, once written, holds at least one (`{}` is refused)."""

    model_config = ConfigDict(**Record.model_config, json_schema_extra={"minProperties": 1})
    empty: ClassVar[str] = "应至少填写一项"  # the message for `{}`

    @model_validator(mode="before")
    @classmethod
    def _not_empty(cls, data):
        if data == {}:
            raise PydanticCustomError("too_short", cls.empty)
        return data


def _to_date(value):
    if type(value) is date and EARLIEST <= value <= LATEST:  # as YAML reads nearly every date
        return value
    if isinstance(value, BadDate) or (isinstance(value, str) and _ISO_DATE.match(value)):
        try:
            value = date.fromisoformat(str(value))
        except ValueError:
            raise PydanticCustomError("impossible_date", "日期 {value} 不存在", {"value": str(value)}) from None
    elif isinstance(value, datetime):
        raise PydanticCustomError("date_with_time", "日期不能带时间：{value}", {"value": value.isoformat(sep=" ")})
    elif not isinstance(value, date):
        raise PydanticCustomError("date_type", "应为 YYYY-MM-DD 格式的日期")
    if not EARLIEST <= value <= LATEST:
        raise PydanticCustomError(
            "date_out_of_range", "日期 {value} 超出 2000-01-01 至 2099-12-31", {"value": value.isoformat()}
        )
    return value


Day = Annotated[date, BeforeValidator(_to_date), Field(json_schema_extra={"format": "date"})]


def _refuse(kind: str, reason: str):
    return PydanticCustomError(kind, "{reason}", {"reason": reason})


def _text(value: str) -> str:
    if problem := text_problem(value):
        raise _refuse(f"text_{problem[0]}", problem[1])
    return value


def _one_line(value: str) -> str:
    if problem := line_problem(value):
        raise _refuse(f"text_{problem[0]}", problem[1])
    return value


# Ids, URLs and logins are text first: the same value checks as every text field (a bidi
# control or a control character is named as such), then their own shape.
def _url(value: str) -> str:
    _text(value)
    if problem := url_problem(value):
        raise _refuse("url_invalid", f"不是可用的网址：{problem}")
    return value


def _record_id(value: str) -> str:
    _text(value)
    if not is_id(value):
        raise _refuse("id_invalid", f"不是合法 id：{ID_RULE}")
    return value


def _login(value: str) -> str:
    _text(value)
    if not _LOGIN.fullmatch(value):
        raise _refuse("login_invalid", "不是 GitHub 账号名：账号只能用字母、数字和连字符（不超过39个字符），"
                      "且以字母或数字开头；团队写成 组织/团队")
    return value


# --- Text kinds ------------------------------------------------------------------------------
# Every text field is one of four kinds, each with its longest value in characters (code
# points, as JSON Schema's maxLength counts them). Bounded text keeps every step's work
# bounded: the matching vocabulary, jieba's dictionary and the pages grow with the longest
# value. A record at every limit is still far inside the 1 MiB a file may have.


@dataclass(frozen=True)
class TextKind:
    """A kind of text field: its longest value, whether it is one line, how to shorten it."""

    most: int
    one_line: bool
    hint: str


PHRASE = TextKind(60, True, "只写一个名称或词组；多项请分成列表的几项")  # a name, a research area, a field
LINE = TextKind(100, True, "标题只写一行，详细内容请写在说明中")  # a title
PLAIN = TextKind(1_000, False, "请精简到几句话")  # a few sentences: an agreement's focus
MARKDOWN = TextKind(10_000, False, "请精简到几页；完整的材料请交给项目工作人员存档")  # a bio, a description, a summary
TEXT_KINDS = (PHRASE, LINE, PLAIN, MARKDOWN)
MAX_LOGIN_CHARS = 255  # GitLab's longest username; GitHub's is 39

# Lists: what a record lists of its own (research areas, maintainers, evaluators…), and what
# it lists across the program (a meeting's agreements and attendees, a quarter's work).
FEW_ITEMS = 20
MANY_ITEMS = 500
LIST_HINTS = {FEW_ITEMS: "请只列出最主要的几项", MANY_ITEMS: "请分成几条记录"}


def _text_type(kind: TextKind, **schema):
    check, pattern = (_one_line, ONE_LINE_SCHEMA_PATTERN) if kind.one_line else (_text, TEXT_SCHEMA_PATTERN)
    return Annotated[str, StringConstraints(min_length=1, max_length=kind.most), AfterValidator(check),
                     Field(json_schema_extra={"pattern": pattern, **schema})]


# Every free-text field: something visible, nothing invisible (values.py), and not too long.
Phrase = _text_type(PHRASE)
Line = _text_type(LINE)  # no line break anywhere: a `|` block would end in one
Text = _text_type(PLAIN)
Markdown = _text_type(MARKDOWN, contentMediaType="text/markdown")
RecordId = Annotated[str, StringConstraints(max_length=MAX_ID_CHARS), AfterValidator(_record_id),
                     Field(json_schema_extra={"pattern": ID_PATTERN})]
Url = Annotated[str, StringConstraints(max_length=MAX_URL_CHARS), AfterValidator(_url),
                Field(json_schema_extra={"pattern": URL_SCHEMA_PATTERN, "format": "uri"})]
Login = Annotated[str, StringConstraints(max_length=MAX_LOGIN_CHARS), AfterValidator(_login),
                  Field(json_schema_extra={"pattern": LOGIN_PATTERN})]
Yuan = Annotated[int, Field(ge=0)]
Count = Annotated[int, Field(ge=0)]


def one_decimal(value: int | float) -> int | float:
    """A score: a number with one decimal at most (18, 17.5), never a boolean."""
    if isinstance(value, bool):
        raise _refuse("number_decimals", "应为数字")
    if isinstance(value, float) and (value != value or abs(value) == float("inf") or round(value, 1) != value):
        raise _refuse("number_decimals", "最多一位小数")
    return value


def mismatch(reason: str) -> PydanticCustomError:
    """The error of a policy value at odds with another."""
    return _refuse(POLICY_MISMATCH, reason)


def listing(*required: str, why: str):
    """A policy list of texts that must hold every one of `required` (the rules read them by name; `why` cites the articles)."""

    def check(values: list[str]) -> list[str]:
        absent = [value for value in required if value not in values]
        if absent:
            raise _refuse(LIST_LACKS, f"缺少{'、'.join(absent)}：校验规则按名称读取{'、'.join(required)}（{why}），"
                                      f"请把缺少的加入列表（可以再加其他项）")
        return values

    contains = [{"contains": {"const": value}} for value in required]
    return Annotated[list[Phrase], AfterValidator(check), Field(max_length=FEW_ITEMS, json_schema_extra={"allOf": contains})]


def texts(title: str, description: str | None = None, **kwargs):
    """A field with the Chinese title and description editors show."""
    return Field(title=title, description=description, **kwargs)


def maintainers_field():
    return texts("维护人", "可修改本记录的代码仓库账号（GitHub、GitLab、Gitea 或 Forgejo 的用户名，不含 @）",
                 default=None, min_length=1, max_length=FEW_ITEMS)
