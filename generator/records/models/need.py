"""needs/: an enterprise's technology needs (第五条 供需对接, 第十条), and synonyms.yml for matching."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from .common import FEW_ITEMS, MANY_ITEMS, Day, Line, Markdown, Phrase, Record, texts
from .markers import Choice, Ref


class Need(Record):
    # What the format reference and editors show about the kind as a whole (users read it).
    model_config = ConfigDict(json_schema_extra={"description": (
        "企业技术需求（第五条 供需对接，第十条），公开展示。需求的状态不填写，由记录推出：有合作协议在 needs 中"
        "列出本需求即为“已对接”；否则 closed 日期已到即为“已关闭”；其余为“征集中”。征集中的需求发布超过"
        " policy.yml 的 need_stale_days 天仍未对接，校验时提示跟进（art10.need-stale）。")})

    enterprise: Ref("enterprises", "发布需求的企业") = texts("发布企业", "enterprises/ 下的企业 id；需求归该企业的维护人维护")
    title: Line = texts("需求名称", "一行文字，如 尼龙66耐热改性")
    description: Markdown = texts("需求描述", "Markdown，公开展示：遇到的问题、目前的进展、希望达到的效果（第五条 供需对接）")
    fields: list[Phrase] = texts("技术领域", "关键词，每项一个，如 高分子材料；用于匹配博士", default=None, min_length=1,
                                 max_length=FEW_ITEMS)
    duty: Choice("duties", what="第八条规定的职责") = texts("需要的帮助", "第八条：policy.yml duties 之一，如 技术难题", default=None)
    posted: Day = texts("发布日期", "需求发布或征集的日期")
    closed: Day = texts("关闭日期", "第十条：自该日起不再征集博士（撤回或已解决）", default=None)


def _distinct(group: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for word in group:
        key = " ".join(word.split()).casefold()
        if key in seen:
            raise PydanticCustomError("synonym_repeated", "同义词“{word}”在本组中重复：每组至少两个不同的词",
                                      {"word": word})
        seen[key] = word
    return group


SynonymGroup = Annotated[
    list[Phrase],
    Field(min_length=2, max_length=FEW_ITEMS, json_schema_extra={"uniqueItems": True}),
    AfterValidator(_distinct),
]


class Synonyms(Record):
    model_config = ConfigDict(json_schema_extra={"description": (
        "可选的同义词表，由项目工作人员维护：匹配企业需求与博士（gaoxin match、网站的推荐对接博士）时，"
        "同一组的词视为同一个词。没有这个文件时不用同义词。")})

    groups: list[SynonymGroup] = texts(
        "同义词组", "匹配时视为同一个词的词组，每组至少两个不同的词，如 [机器视觉, 视觉检测, 图像识别]", min_length=1,
        max_length=MANY_ITEMS)
