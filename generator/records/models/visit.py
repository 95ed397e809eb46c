"""visits/: 走访调研, a visit to an enterprise (第九、十、十五条); internal records."""

from __future__ import annotations

from pydantic import ConfigDict

from .common import FEW_ITEMS, Day, Login, Markdown, Phrase, Record, maintainers_field, texts
from .markers import Choice, Ref
from .problem import Problem, problems_field

# The visit kinds the rules read by name (policy.yml visit_kinds must list them; others may be added).
UNIVERSITY_VISIT = "派出单位调研"  # 第九条 单位负责人要适时到入驻企业调研
JOINT_VISIT = "联合走访"  # 第十五条 定期深入企业调研、实地走访评价
METHODS = ("实地", "座谈", "电话", "视频")  # fixed by the records format


class Visitor(Record):
    unit: Phrase = texts("走访单位", "如 河南城建学院、科技创新局")
    people: list[Phrase] = texts("走访人员", "姓名（职务），如 王某某（副校长）；不写联系方式", default=None, min_length=1,
                                 max_length=FEW_ITEMS)


class Visit(Record):
    model_config = ConfigDict(json_schema_extra={"description": (
        "走访调研（第九、十、十五条），内部记录：派出单位负责人到入驻企业调研、四方联合走访（期满评价前的实地走访评价）、"
        "园区服务和督导。派出单位调研须写 university，其他类型不写（art9.visit-university）。发现的问题写在 problems 中，"
        "由主办单位办理、工作人员办结（第十二条）；恳谈会记录也可以有 problems。问题的状态不填写，由记录推出：有 closed 即为"
        "“已办结”；否则过了办理期限（延期的以 extended.to 为准）即为“逾期”；其余为“办理中”。晚于今天（--as-of）的日期"
        "算作尚未发生：这样的走访不满足任何走访规则，这样办结的问题仍算未办结。派出单位的维护人可以提交和修改本单位的"
        "派出单位调研，本记录的维护人可以修改本记录，只有工作人员可以办结或删除问题。")})

    date: Day = texts("走访日期", "不晚于今天")
    kind: Choice("visit_kinds", what="policy.yml 规定的走访类型") = texts(
        "走访类型", "policy.yml visit_kinds 之一，如 派出单位调研、联合走访")
    enterprise: Ref("enterprises", "企业") = texts("走访企业", "enterprises/ 下的企业 id")
    agreements: list[Ref("agreements", "协议")] = texts(
        "涉及的入驻", "agreements/ 下本企业的协议 id：本次走访了解的入驻", default=None, min_length=1,
        max_length=FEW_ITEMS)
    university: Ref("universities", "派出单位") = texts(
        "派出单位", "第九条：派出单位调研时必填，为来访高校（universities/ 下的 id）；其他类型不填", default=None)
    visitors: list[Visitor] = texts("走访单位及人员", "至少一个单位", min_length=1, max_length=FEW_ITEMS)
    method: Choice(values=METHODS, what="走访方式") = texts("走访方式", "实地、座谈、电话或视频")
    findings: Markdown = texts("走访情况", "Markdown（内部）：看到和听到的情况")
    problems: list[Problem] = problems_field()
    maintainers: list[Login] = maintainers_field()
