"""problems: a problem found on a visit or at a 恳谈会, followed to closure where it was raised (第十二条).

The list stands on visits (`visit.py`) and meetings (`meeting.py`). What the model cannot say
alone (closed with its resolution, dates against the record's date, unique ids) is
`art12.problem` (`rules/problems.py`); the status is derived (`queries/problems.py`).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

from .common import FEW_ITEMS, MANY_ITEMS, Day, Line, Markdown, Phrase, Record, texts
from .markers import Choice

PROBLEM_ID_PATTERN = r"^[a-z0-9-]{1,16}$"
ProblemId = Annotated[str, StringConstraints(max_length=16, pattern=PROBLEM_ID_PATTERN)]
SATISFACTION = ("满意", "基本满意", "不满意")  # 回访: fixed by the records format


class Extension(Record):
    to: Day = texts("延期至", "新的办理期限，须晚于 deadline")
    reason: Line = texts("延期原因", "一行文字")


class Revisit(Record):
    date: Day = texts("回访日期", "不早于办结日期 closed")
    satisfaction: Choice(values=SATISFACTION, what="回访满意度") = texts("满意度", "满意、基本满意或不满意")


class Problem(Record):
    id: ProblemId = texts("问题编号", "本记录内唯一：小写字母、数字和连字符，不超过16个字符，如 p1")
    description: Line = texts("问题", "一行文字，如 中试场地不足")
    owner: Phrase = texts("主办单位", "负责办理的单位，如 科技创新局")
    helpers: list[Phrase] = texts("协办单位", default=None, min_length=1, max_length=FEW_ITEMS)
    deadline: Day = texts("办理期限", "不早于记录的日期")
    extended: Extension = texts("延期", "第十二条：确需延期时填写新的期限和原因", default=None)
    closed: Day = texts("办结日期", "由项目工作人员填写；不早于记录的日期", default=None)
    resolution: Markdown = texts("办结情况", "Markdown（内部）：有 closed 时必填，没有时不填", default=None)
    revisit: Revisit = texts("回访", "只用于已办结的问题", default=None)


def problems_field():
    return texts("发现的问题", "第十二条：每个问题有主办单位和办理期限，跟踪至办结（内部）", default=None, min_length=1,
                 max_length=MANY_ITEMS)
