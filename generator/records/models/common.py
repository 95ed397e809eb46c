"""Field types shared by every record kind, with the checks the records format asks for."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from ..dates import EARLIEST, LATEST
from ..ids import ID_PATTERN, ID_RULE, is_id
from ..parsing import BadDate
from ..values import ONE_LINE_SCHEMA_PATTERN, TEXT_SCHEMA_PATTERN, URL_SCHEMA_PATTERN, line_problem, text_problem, url_problem

# A username on GitHub, GitLab, Gitea or Forgejo (GitLab and Gitea allow _ and . too), or a
# team: GitHub's org/team, GitLab's group/subgroup.
USERNAME = r"[A-Za-z0-9_](?:[A-Za-z0-9._-]{0,254})"
LOGIN_PATTERN = rf"^@?{USERNAME}(?:/[A-Za-z0-9._-]+)*$"
_LOGIN = re.compile(LOGIN_PATTERN[1:-1], re.ASCII)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Error types raised here are reported under `data.dates`, not `schema.field`.
DATE_ERROR_TYPES = frozenset({"impossible_date", "date_with_time", "date_out_of_range"})
# Error types of the shared value types below; the context's `reason` is the message.
VALUE_ERROR_TYPES = frozenset({"text_blank", "text_invisible", "text_multiline", "url_invalid", "id_invalid", "login_invalid"})


class Record(BaseModel):
    """A record file: strict types, unknown keys rejected (they are almost always typos)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def _to_date(value):
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


# Every free-text field: something visible, nothing invisible (values.py).
Text = Annotated[str, StringConstraints(min_length=1), AfterValidator(_text),
                 Field(json_schema_extra={"pattern": TEXT_SCHEMA_PATTERN})]
# A title: text on one line (no line break anywhere: a `|` block would end in one).
Line = Annotated[str, StringConstraints(min_length=1), AfterValidator(_one_line),
                 Field(json_schema_extra={"pattern": ONE_LINE_SCHEMA_PATTERN})]
Markdown = Annotated[Text, Field(json_schema_extra={"contentMediaType": "text/markdown"})]
RecordId = Annotated[str, AfterValidator(_record_id), Field(json_schema_extra={"pattern": ID_PATTERN})]
Url = Annotated[str, AfterValidator(_url), Field(json_schema_extra={"pattern": URL_SCHEMA_PATTERN, "format": "uri"})]
Login = Annotated[str, AfterValidator(_login), Field(json_schema_extra={"pattern": LOGIN_PATTERN})]
Yuan = Annotated[int, Field(ge=0)]
Count = Annotated[int, Field(ge=0)]


def texts(title: str, description: str | None = None, **kwargs):
    """A field with the Chinese title and description editors show."""
    return Field(title=title, description=description, **kwargs)


def maintainers_field():
    return texts("维护人", "可修改本记录的代码仓库账号（GitHub、GitLab、Gitea 或 Forgejo 的用户名，不含 @）",
                 default=None, min_length=1)
