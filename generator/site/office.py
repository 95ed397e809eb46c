"""The Word and Excel files the site offers: 通报 beside each honor roll, the bureau's quarterly
documents and the full 台账 for the internal audience, and the import templates for staff.

They go through the same downloads mechanism as the open data (`Download`), so a rebuild
rewrites one only when its bytes change (the files are made byte-stable for that).
"""

from __future__ import annotations

from ..documents.gongwen import render
from ..documents.honor_roll import honor_roll_document
from ..documents.ledger import ledger_bytes
from ..documents.progress import progress_document
from ..documents.template import ALL_KINDS, template_bytes, workbook_template_bytes
from ..records.columns import importable
from ..records.kinds import KINDS
from .facts import Facts
from .pages import Download

WORD, EXCEL = "Word", "Excel"
LEDGER = "progress/files/ledger.xlsx"


def quarter_document(period: str) -> str:
    return f"progress/files/{period}.docx"


def honor_roll_notice(round_: int) -> str:
    return f"honor-roll/files/{round_}.docx"


def template_file(kind: str) -> str:
    return f"data/templates/{kind}.xlsx"


def office_files(facts: Facts, findings: list, internal: bool) -> list[Download]:
    program, as_of = facts.program, facts.as_of
    files = [Download(honor_roll_notice(n), f"{n} 年度通报表扬", WORD, None, render(honor_roll_document(program, n, as_of)))
             for n in sorted(facts.honor_rolls)]
    files += [Download(template_file(kind), f"{KINDS[kind].title}导入模板", EXCEL, None,
                       template_bytes(kind, program.policy, as_of)) for kind in importable()]
    files.append(Download(template_file(ALL_KINDS), "全部记录导入模板（每类一张工作表，一次导入）", EXCEL, None,
                          workbook_template_bytes(program.policy, as_of)))
    if internal:
        for quarter in facts.quarters:
            year, number = int(quarter.period[:4]), int(quarter.period[-1])
            document = progress_document(program, findings, year, number, as_of)
            files.append(Download(quarter_document(quarter.period), f"{quarter.period} 工作推进情况", WORD, None, render(document)))
        files.append(Download(LEDGER, "项目台账", EXCEL, None, ledger_bytes(program, as_of, internal=True)))
    return files
