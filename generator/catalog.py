"""Every rule id: its severity, article and what it checks, declared once.

The validator, the CLI summary and the site's rule table all read this catalog, so
the documentation cannot drift from the code.
"""

from __future__ import annotations

from dataclasses import dataclass

from .findings import Severity

E, W = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class RuleInfo:
    id: str
    severity: Severity
    article: str | None
    summary: str


CATALOG: dict[str, RuleInfo] = {
    info.id: info
    for info in (
        # Structure: produced while reading files and checking them against their models.
        RuleInfo("yaml.syntax", E, None, "文件须为合法的 UTF-8 YAML、只含一个文档、顶层为映射，"
                 "且不超过大小与嵌套限制、不使用非标准标签和别名"),
        RuleInfo("yaml.duplicate-key", E, None, "同一映射中的键不得重复（YAML 解析器会静默保留最后一个）"),
        RuleInfo("schema.field", E, None, "必填键齐全、无未知键、取值类型与格式正确且不为空；policy.yml 存在且有效"),
        RuleInfo("schema.id", E, None, "文件名与文件夹名须为合法 id（小写字母、数字、连字符），报送文件名为 YYYYQn 或 final"),
        RuleInfo("file.unexpected", E, None, "records/ 下只能有记录文件：不得有其他扩展名、符号链接、未知文件夹或放错位置的文件夹"),
        RuleInfo("ref.missing", E, None, "引用的单位、博士、企业、协议、需求必须存在"),
        # Policy (the 办法).
        RuleInfo("art4.degree", E, "第四条", "博士的学位须为“博士”"),
        RuleInfo("art5.filing", E, "第五条", "备案日期不得早于协议签订日期"),
        RuleInfo("art5.filed-late", W, "第五条", "备案日期晚于入驻开始日期"),
        RuleInfo("art5.need-enterprise", E, "第五条", "协议承接的需求须为本协议入驻企业发布的需求"),
        RuleInfo("art5.need-closed", E, "第五条", "协议不得承接在签订日期之前已关闭的需求"),
        RuleInfo("art5.need-after-signing", W, "第五条", "协议承接的需求发布日期晚于协议签订日期（应先供需对接再签订）"),
        RuleInfo("art6.industry", E, "第六条", "入驻企业须属于高新区主导产业或新兴产业"),
        RuleInfo("art7.term", E, "第七条", "入驻期限不少于 min_term_months 个月，且结束日期不早于开始日期"),
        RuleInfo("art7.position", W, "第七条", "入驻岗位不在 positions 所列岗位之中"),
        RuleInfo("art7.overlap", W, "第七条", "同一博士的两份协议期限重叠"),
        RuleInfo("art10.need-stale", W, "第十条", "征集中的需求发布超过 need_stale_days 天仍未对接"),
        RuleInfo("art13.report-period", E, "第十三条", "季度报送所属季度须与协议期限重叠，且不得在该季度开始前提交"),
        RuleInfo("art13.report-missing", W, "第十三条", "季度结束超过 report_due_days 天仍未报送"),
        RuleInfo("art15.final-report-missing", W, "第十五条", "期满超过 final_report_due_days 天仍未提交入驻工作总结"),
        RuleInfo("art15.final-needs-report", E, "第十五条", "期满评价须在提交入驻工作总结（final）之后"),
        RuleInfo("art15.evaluators", E, "第十五条", "期满评价须列出 final_evaluators 中的全部单位"),
        RuleInfo("art16.evaluation-missing", W, "第十六条", "每满12个月超过 evaluation_due_days 天仍无年度评价"),
        RuleInfo("art16.excellent-cap", E, "第十六条", "同一轮次年度评价的优秀人数不超过参评人数的 excellent_ratio"
                 "（精确计算，按 evaluation.cap_rounding 取整，缺省舍去小数）"),
        RuleInfo("art16.reward", E, "第十六条", "优秀须有金额为 excellent_reward_yuan 的奖励，其他等次不得有奖励"),
        RuleInfo("art16.exit-without-criticism", E, "第十六条", "退出人才库之前须已对同一博士通报批评"),
        RuleInfo("art16.exited-doctor", E, "第十六条", "已退出人才库的博士不得再开始新的入驻"),
        RuleInfo("art21.before-effective", W, "第二十一条", "协议签订日期早于办法施行日期 effective_date"),
        # Records format 3: visits, problems and supports (第九、十二、十五、十八、十九条).
        RuleInfo("art9.university-visit", W, "第九条", "入驻满 university_visit_months 个月后，"
                 "近 university_visit_months 个月内须有派出单位到入驻企业调研"),
        RuleInfo("art9.visit-university", E, "第九条", "派出单位调研须写明来访的派出单位 university，其他类型的走访不写"),
        RuleInfo("art12.problem", E, "第十二条", "问题的办结日期与办结情况同时填写，延期晚于原期限，"
                 "期限与办结不早于记录日期，回访在办结之后，编号不重复"),
        RuleInfo("art12.problem-overdue", W, "第十二条", "问题超过办理期限（延期的以延期为准）仍未办结"),
        RuleInfo("art15.field-visit", W, "第十五条", "期满评价前（期满前3个月至评价日期）须有到入驻企业的联合走访"),
        RuleInfo("art18.support-residency", E, "第十八条", "人才计划项目、科技项目的博士在第一个阶段的日期须在该企业入驻"),
        RuleInfo("art18.stages", E, "第十八条", "支持项目的阶段按日期先后排列，未获批、撤销之后无阶段，"
                 "结项在立项/认定/备案之后，区推荐、立项、认定、备案写明文号"),
        RuleInfo("art19.platform-residency", E, "第十九条", "新型研发机构的企业在第一个阶段的日期须有博士入驻"),
        # Records format 3, part 2: scoring the annual evaluation (第十五、十六条).
        RuleInfo("art16.scores", E, "第十六条", "评分须有 policy.yml 的 evaluation；评分单位为 evaluation.parties 之一"
                 "且不重复；每项指标都打分，在 0 至该项分值之间；期满评价不评分"),
        RuleInfo("art16.score-grade", E, "第十六条", "各单位都已评分的评价，等次不得高于总分应得的等次，"
                 "低于时须写 grade_reason（因优秀名额已满而降一等的除外）"),
        RuleInfo("art16.score-order", E, "第十六条", "同一轮次中，优秀者的总分不得低于达到优秀分数线而未评优秀者的总分"),
        RuleInfo("art16.publicity", E, "第十六条", "通报表扬在公示期满之后；公示期不短于 evaluation.publicity_days 天"),
        RuleInfo("art16.scores-missing", W, "第十六条", "评分须来自 evaluation.parties 中的每个单位"),
        RuleInfo("ref.mismatch", E, None, "走访涉及的协议、支持项目的博士须属于记录所写的企业"),
        # Data quality and privacy.
        RuleInfo("data.credit-code", E, None, "统一社会信用代码须为18位且校验位正确（GB 32100-2015）"),
        RuleInfo("data.dates", E, None, "日期须真实存在、在 2000—2099 年间、不带时间，区间不倒置"
                 "（需求不得早于发布就关闭），已发生的事不晚于 --as-of"),
        RuleInfo("privacy.pii", E, None, "记录中不得出现手机号码、居民身份证号码或电子邮件地址"),
    )
}


def severity_of(rule_id: str) -> Severity:
    return CATALOG[rule_id].severity
