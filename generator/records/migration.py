"""Earlier versions of the records format in a current program: what a finding says about them.

Version 2 moved an enterprise's `needs` list into records of their own (`needs/<id>.yml`)
and added `need_stale_days` to policy.yml; version 3 added the lists and the interval that
visits and supports are checked against. A file still written for an earlier version fails
its model like any other; these messages say how to bring it up to date instead of only
"unknown key" or "missing key".
"""

from __future__ import annotations

# policy.yml key -> (the version that added it, what it is for, the line to add)
POLICY_ADDITIONS = {
    "need_stale_days": (2, "第十条", "need_stale_days: 180，即征集中的企业需求发布超过 180 天仍未对接时提示跟进"),
    "visit_kinds": (3, "第九、十、十五条", "visit_kinds: [派出单位调研, 联合走访, 园区服务, 督导]，"
                    "走访记录 visits/ 的类型，须含派出单位调研和联合走访"),
    "university_visit_months": (3, "第九条", "university_visit_months: 6，即入驻满 6 个月而近 6 个月没有派出单位调研时提示"),
    "support_kinds": (3, "第十八、十九条", "support_kinds: [人才计划项目, 新型研发机构, 科技项目]，"
                      "支持项目 supports/ 的类型，须含这三项"),
    "support_levels": (3, "第十八、十九条", "support_levels: [国家级, 省级, 市级, 区级]，支持项目的级别"),
}


def migration_message(path: str, loc: tuple, kind: str) -> str | None:
    """The message for a key of an earlier format version at `loc` of the file at `path`, or None."""
    folder, _, name = path.partition("/")
    if kind == "extra_forbidden" and folder == "enterprises" and loc == ("needs",):
        enterprise = name.removesuffix(".yml")
        return (
            "needs 是记录格式第 1 版的键，第 2 版把技术需求移到了 needs/ 文件夹：请把每一项需求写成一条需求记录 "
            f"needs/<id>.yml（enterprise: {enterprise}，title: 原来的这一项，description: 遇到的问题与希望的效果，"
            f"posted: 发布日期；gaoxin new need {enterprise}-<简称> 可生成模板），然后删除本文件中的 needs"
        )
    if kind == "missing" and path == "policy.yml" and len(loc) == 1 and loc[0] in POLICY_ADDITIONS:
        version, article, line = POLICY_ADDITIONS[loc[0]]
        return f"缺少必填键 {loc[0]}（记录格式第 {version} 版新增，{article}）：请在 policy.yml 中加上一行，如 {line}"
    return None
