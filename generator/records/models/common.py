"""Field types shared by every record kind, with the checks the records format asks for."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from ..dates import EARLIEST, LATEST
from ..ids import ID_PATTERN
from ..parsing import BadDate

URL_PATTERN = r"^https?://[^\s<>\"']+$"
# A username on GitHub, GitLab, Gitea or Forgejo (GitLab and Gitea allow _ and . too), or a
# team: GitHub's org/team, GitLab's group/subgroup.
USERNAME = r"[A-Za-z0-9_](?:[A-Za-z0-9._-]{0,254})"
LOGIN_PATTERN = rf"^@?{USERNAME}(?:/[A-Za-z0-9._-]+)*$"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Error types raised here are reported under `data.dates`, not `schema.field`.
DATE_ERROR_TYPES = frozenset({"impossible_date", "date_with_time", "date_out_of_range"})


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
Text = Annotated[str, StringConstraints(min_length=1, pattern=r"\S")]
Markdown = Annotated[Text, Field(json_schema_extra={"contentMediaType": "text/markdown"})]
RecordId = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Url = Annotated[str, StringConstraints(pattern=URL_PATTERN)]
Login = Annotated[str, StringConstraints(pattern=LOGIN_PATTERN)]
Yuan = Annotated[int, Field(ge=0)]
Count = Annotated[int, Field(ge=0)]


def texts(title: str, description: str | None = None, **kwargs):
    """A field with the Chinese title and description editors show."""
    return Field(title=title, description=description, **kwargs)


def maintainers_field():
    return texts("维护人", "可修改本记录的代码仓库账号（GitHub、GitLab、Gitea 或 Forgejo 的用户名，不含 @）",
                 default=None, min_length=1)
