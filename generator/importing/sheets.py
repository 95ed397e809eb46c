"""Which kind of record a workbook's sheet holds, by its name, and the order sheets are imported in.

A sheet may be named by the kind (`doctor`), its folder (`doctors`), the title its import
template gives it (博士, 合作协议, 季度工作报送…), or the title of the 台账 sheet that lists
that kind (入驻协议, 年度评价…). A copy Excel made of a sheet (`博士 (2)`) is still 博士.
Sheets are imported in `import_order()`: a kind after every kind its records name.
"""

from __future__ import annotations

import re

from ..records.kinds import KINDS, import_order

# The 台账's sheet titles that are not a kind's own title (export ledger).
LEDGER_SHEETS = {"企业": "enterprise", "需求": "need", "入驻协议": "agreement", "季度报送": "report",
                 "年度评价": "evaluation", "期满评价": "evaluation", "走访记录": "visit"}
# The 台账's sheets that are worked out from the records, not records themselves (问题整改: the problems
# of the visits and meetings, each imported with its record).
DERIVED_LEDGER_SHEETS = ("季度推进", "光荣榜", "问题整改", "评分汇总")
_COPY = re.compile(r"\s*[（(]\d+[)）]$")


def sheet_names() -> dict[str, str]:
    """Every sheet name an import understands -> its kind."""
    names: dict[str, str] = {}
    for name in import_order():
        kind = KINDS[name]
        for alias in (kind.title, kind.name, kind.folder):
            names.setdefault(alias, name)
    for title, name in LEDGER_SHEETS.items():
        names.setdefault(title, name)
    return names


def kind_of_sheet(title: str) -> str | None:
    """The kind a sheet named `title` holds, or None."""
    names = sheet_names()
    title = title.strip()
    return names.get(title) or names.get(_COPY.sub("", title))


def unknown_sheet_message(title: str, hidden: bool) -> str:
    what = "隐藏的工作表" if hidden else "工作表"
    if _COPY.sub("", title.strip()) in DERIVED_LEDGER_SHEETS:
        return f"{what}“{title}”是台账中由记录推算出的汇总，不是记录，不能导入：请删除这张工作表"
    titles = "、".join(dict.fromkeys(KINDS[name].title for name in import_order()))
    return (f"{what}“{title}”的名称不是一类记录，不知道该导入为什么：请把工作表改名为 {titles} 之一"
            f"（与 gaoxin export template 的工作表同名），不需要导入的工作表请删除")


def sheet_order(kind_name: str) -> int:
    return import_order().index(kind_name)
