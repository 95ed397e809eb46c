"""universities/ and doctors/: the 派出单位 and the talent database (第四条)."""

from __future__ import annotations

from .common import FEW_ITEMS, Login, Markdown, Phrase, Record, Url, maintainers_field, texts
from .markers import Choice, Ref

DEGREE = "博士"  # 第四条: fixed by the records format, not a policy parameter


class University(Record):
    name: Phrase = texts("单位名称", "派出单位全称（第四条）")
    research_office: Phrase = texts("科研处", "负责对接的科研管理部门", default=None)
    website: Url = texts("网站", "http(s) 网址", default=None)
    maintainers: list[Login] = texts(  # 第九条: its 科研处 records its leaders' visits
        "维护人", "本单位科研处的代码仓库账号：可以提交本单位的派出单位调研走访记录（第九条）", default=None, min_length=1,
        max_length=FEW_ITEMS)


class Doctor(Record):
    name: Phrase = texts("姓名")
    university: Ref("universities", "派出单位") = texts("派出单位", "universities/ 下的单位 id（第四条）")
    degree: Choice(values=(DEGREE,), rule="art4.degree", message=(
        "学位“{value}”不符合选派范围（第四条）：只有具有博士学位的人员可以入库，degree 应为 {choices}")) = texts(
        "学位", "第四条：须为博士")
    discipline: Phrase = texts("学科专业")
    title: Phrase = texts("职称", default=None)
    research_areas: list[Phrase] = texts("研究方向", "至少一项", min_length=1, max_length=FEW_ITEMS)
    bio: Markdown = texts("简介", "Markdown，公开展示", default=None)
    maintainers: list[Login] = maintainers_field()
