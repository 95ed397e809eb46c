"""enterprises/: host enterprises in the zone's industries (第六条)."""

from __future__ import annotations

from .common import Login, Markdown, Phrase, Record, Url, maintainers_field, texts
from .markers import Choice


class Enterprise(Record):
    name: Phrase = texts("企业名称")
    credit_code: Phrase = texts("统一社会信用代码", "18位，校验位符合 GB 32100-2015")
    industry: Choice("industries", rule="art6.industry", message=(
        "行业“{value}”不属于高新区主导产业或新兴产业（第六条）：应为 {choices} 之一")) = texts(
        "所属行业", "第六条：主导产业或新兴产业之一")
    park: Phrase = texts("所在园区")
    description: Markdown = texts("企业简介", "Markdown，公开展示", default=None)
    website: Url = texts("网站", "http(s) 网址", default=None)
    maintainers: list[Login] = maintainers_field()
