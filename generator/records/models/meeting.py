"""meetings/: 恳谈会 (第十二条)."""

from __future__ import annotations

from .common import MANY_ITEMS, Day, Markdown, Phrase, Record, texts
from .markers import Ref
from .problem import Problem, problems_field


class Meeting(Record):
    date: Day = texts("日期")
    agreements: list[Ref("agreements", "协议")] = texts("相关协议", "agreements/ 下的协议 id，至少一个", min_length=1,
                                                    max_length=MANY_ITEMS)
    attendees: list[Phrase] = texts("参会单位", min_length=1, max_length=MANY_ITEMS)
    topics: Markdown = texts("议题", "Markdown（内部）：提出的问题")
    resolutions: Markdown = texts("议定事项", "Markdown（内部）", default=None)
    problems: list[Problem] = problems_field()
