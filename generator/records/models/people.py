"""universities/ and doctors/: the 派出单位 and the talent database (第四条)."""

from __future__ import annotations

from .common import Login, Markdown, Record, Text, Url, maintainers_field, texts
from .markers import Choice, Ref

DEGREE = "博士"  # 第四条: fixed by the records format, not a policy parameter


class University(Record):
    name: Text = texts("单位名称", "派出单位全称（第四条）")
    research_office: Text = texts("科研处", "负责对接的科研管理部门", default=None)
    website: Url = texts("网站", "http(s) 网址", default=None)


class Doctor(Record):
    name: Text = texts("姓名")
    university: Ref("universities", "派出单位") = texts("派出单位", "universities/ 下的单位 id（第四条）")
    degree: Choice(values=(DEGREE,), rule="art4.degree", message=(
        "学位“{value}”不符合选派范围（第四条）：只有具有博士学位的人员可以入库，degree 应为 {choices}")) = texts(
        "学位", "第四条：须为博士")
    discipline: Text = texts("学科专业")
    title: Text = texts("职称", default=None)
    research_areas: list[Text] = texts("研究方向", "至少一项", min_length=1)
    bio: Markdown = texts("简介", "Markdown，公开展示", default=None)
    maintainers: list[Login] = maintainers_field()
