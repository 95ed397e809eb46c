"""Version 1 of the records format in a version-2 program: what a finding says about it.

Version 2 moved an enterprise's `needs` list into records of their own (`needs/<id>.yml`)
and added `need_stale_days` to policy.yml. A file still written for version 1 fails its
model like any other; these messages say how to bring it up to date instead of only
"unknown key" or "missing key".
"""

from __future__ import annotations

def migration_message(path: str, loc: tuple, kind: str) -> str | None:
    """The message for a version-1 key at `loc` of the file at `path`, or None."""
    folder, _, name = path.partition("/")
    if kind == "extra_forbidden" and folder == "enterprises" and loc == ("needs",):
        enterprise = name.removesuffix(".yml")
        return (
            "needs 是记录格式第 1 版的键，第 2 版把技术需求移到了 needs/ 文件夹：请把每一项需求写成一条需求记录 "
            f"needs/<id>.yml（enterprise: {enterprise}，title: 原来的这一项，description: 遇到的问题与希望的效果，"
            f"posted: 发布日期；gaoxin new need {enterprise}-<简称> 可生成模板），然后删除本文件中的 needs"
        )
    if kind == "missing" and path == "policy.yml" and loc == ("need_stale_days",):
        return (
            "缺少必填键 need_stale_days（记录格式第 2 版新增，第十条）：请在 policy.yml 中加上一行，"
            "如 need_stale_days: 180，即征集中的企业需求发布超过 180 天仍未对接时提示跟进"
        )
    return None
