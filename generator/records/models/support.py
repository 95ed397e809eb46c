"""supports/: 人才计划项目, 新型研发机构 and 科技项目 done with a placed doctor, through their stages (第十八、十九条)."""

from __future__ import annotations

from pydantic import ConfigDict

from .common import FEW_ITEMS, Day, Line, Login, Phrase, Record, SomeOf, Yuan, maintainers_field, texts
from .markers import Choice, Ref

# The support kinds the rules read by name (policy.yml support_kinds must list them; others may be added).
TALENT_PLAN = "人才计划项目"  # 第十八条 人才计划项目可优先予以推荐申报
PLATFORM = "新型研发机构"  # 第十九条 优先推荐申报省、市级新型研发机构
SCIENCE_PROJECT = "科技项目"  # 第八条（三） 申报科技计划项目
WITH_DOCTORS = (TALENT_PLAN, SCIENCE_PROJECT)  # kinds done by named doctors during their residency (第十八条)

# The stages, fixed by the records format. The status is the last stage reached.
APPLIED, RECOMMENDED, APPROVED, RECOGNISED, FILED, REJECTED, CONCLUDED, REVOKED = (
    "申报", "区推荐", "立项", "认定", "备案", "未获批", "结项", "撤销")
STAGES = (APPLIED, RECOMMENDED, APPROVED, RECOGNISED, FILED, REJECTED, CONCLUDED, REVOKED)
SUCCESSES = (APPROVED, RECOGNISED, FILED)  # public from here on
ENDINGS = (REJECTED, REVOKED)  # nothing follows these
NUMBERED = (RECOMMENDED, APPROVED, RECOGNISED, FILED)  # a 文号 is required


class Stage(Record):
    stage: Choice(values=STAGES, what="规定的阶段") = texts("阶段", "申报、区推荐、立项、认定、备案、未获批、结项或撤销")
    date: Day = texts("日期", "按日期先后排列")
    number: Phrase = texts("文号", "区推荐、立项、认定、备案时必填，如 平高科〔2026〕12号", default=None)
    note: Line = texts("备注", "一行文字", default=None)


class Amounts(SomeOf):
    empty = "应至少填写一项金额"

    requested: Yuan = texts("申请金额（元）", default=None)
    approved: Yuan = texts("批准金额（元）", default=None)


class Support(Record):
    model_config = ConfigDict(json_schema_extra={"description": (
        "人才计划项目、新型研发机构和科技项目（第十八、十九条），按阶段记录到立项、认定或备案。状态是最后一个已到日期的阶段；"
        "达到立项、认定或备案后在博士和企业的页面上公开（从该阶段起，金额不公开），之前的阶段只在内部版中显示，撤销后不再公开；"
        "首页“成果”按类型和级别计数公开的项目。阶段按日期先后排列，未获批、撤销之后不再有阶段，结项须在立项、认定或备案之后"
        "（art18.stages）。人才计划项目和科技项目须写 doctors，"
        "且每位博士在第一个阶段的日期处于本企业的入驻期内（art18.support-residency）；新型研发机构须在第一个阶段的日期"
        "有博士在本企业入驻（art19.platform-residency）。")})

    kind: Choice("support_kinds", what="policy.yml 规定的支持类型") = texts("类型", "policy.yml support_kinds 之一，如 人才计划项目")
    name: Line = texts("名称", "项目、计划或机构的名称")
    level: Choice("support_levels", what="policy.yml 规定的级别") = texts("级别", "policy.yml support_levels 之一，如 省级")
    enterprise: Ref("enterprises", "企业") = texts("企业", "enterprises/ 下的企业 id；该企业的维护人可以修改本记录")
    doctors: list[Ref("doctors", "博士")] = texts(
        "博士", "doctors/ 下的博士 id；人才计划项目和科技项目必填（第十八条 柔性引进）", default=None, min_length=1,
        max_length=FEW_ITEMS)
    stages: list[Stage] = texts("阶段", "至少一个，按日期先后排列（第十八条）", min_length=1, max_length=FEW_ITEMS)
    amount_yuan: Amounts = texts("金额", default=None)
    maintainers: list[Login] = maintainers_field()
