"""universities/ and doctors/: the 派出单位 and the talent database (第四条)."""

from __future__ import annotations

from .common import FEW_ITEMS, Login, Markdown, Phrase, Record, RecordId, Url, maintainers_field, texts


class University(Record):
    name: Phrase = texts("单位名称", "派出单位全称（第四条）")
    research_office: Phrase = texts("科研处", "负责对接的科研管理部门", default=None)
    website: Url = texts("网站", "http(s) 网址", default=None)


class Doctor(Record):
    name: Phrase = texts("姓名")
    university: RecordId = texts("派出单位", "universities/ 下的单位 id（第四条）")
    degree: Phrase = texts("学位", "第四条：须为博士")
    discipline: Phrase = texts("学科专业")
    title: Phrase = texts("职称", default=None)
    research_areas: list[Phrase] = texts("研究方向", "至少一项", min_length=1, max_length=FEW_ITEMS)
    bio: Markdown = texts("简介", "Markdown，公开展示", default=None)
    maintainers: list[Login] = maintainers_field()
