"""The Word and Excel files the site offers: 通报 beside each honor roll, the bureau's quarterly
documents and the full 台账 for the internal audience, and the import templates for staff.

They go through the same downloads mechanism as the open data (`Download`), so a rebuild
rewrites one only when its bytes change (the files are made byte-stable for that).
"""

from __future__ import annotations

from ..documents.gongwen import render
from ..documents.honor_roll import honor_roll_document, recorded_notice_date
from ..documents.ledger import ledger_bytes
from ..documents.progress import DRAFT, progress_document
from ..documents.template import ALL_KINDS, template_bytes, workbook_template_bytes
from ..records.dates import parse_period
from ..records.columns import importable
from ..records.kinds import KINDS
from ..queries.view import ProgramView
from .pages import Download

WORD, EXCEL = "Word", "Excel"
LEDGER = "progress/files/ledger.xlsx"


def quarter_document(period: str, draft: bool = False) -> str:
    return f"progress/files/{period}{'-draft' if draft else ''}.docx"


def honor_roll_notice(round_: int) -> str:
    return f"honor-roll/files/{round_}.docx"


def template_file(kind: str) -> str:
    return f"data/templates/{kind}.xlsx"


def office_files(view: ProgramView, internal: bool) -> list[Download]:
    """The office files of one audience.

    A round's 通报 is offered only when its 通报表扬 actions date it (the notice is dated that
    day, not the build's); the quarter under way gets its 征求意见稿 (internal only, like every
    quarterly document) under its own name, so it is never taken for the report.
    """
    policy, as_of = view.policy, view.as_of
    files = []
    for n in sorted(view.honor_rolls):
        if issued := recorded_notice_date(view, n):
            path = honor_roll_notice(n)
            files.append(Download(path, f"{n} 年度通报表扬", WORD, None, _word(path, honor_roll_document(view, n, issued))))
    for kind in [*importable(), ALL_KINDS]:
        path, shown = template_file(kind), (kind, policy, as_of)
        title = "全部记录导入模板（每类一张工作表，一次导入）" if kind == ALL_KINDS else f"{KINDS[kind].title}导入模板"
        make = (lambda: workbook_template_bytes(policy, as_of)) if kind == ALL_KINDS else \
            (lambda kind=kind: template_bytes(kind, policy, as_of))
        files.append(Download(path, title, EXCEL, None, _made(path, shown, make)))
    if internal:
        for quarter in view.quarters:
            year, number = parse_period(quarter.period)
            draft = not view.quarter_ended(year, number)
            path = quarter_document(quarter.period, draft)
            files.append(Download(path, f"{quarter.period} 工作推进情况{DRAFT if draft else ''}", WORD, None,
                                  _word(path, progress_document(view, year, number, draft=draft))))
        files.append(Download(LEDGER, "项目台账", EXCEL, None, ledger_bytes(view, internal=True)))
    return files


# What this process last made of each file, and from what: `gaoxin serve` generates every file
# again on each save, and laying out a Word document takes far longer than deciding what it says.
_MADE: dict[str, tuple[object, bytes]] = {}


def _made(path: str, shown, make) -> bytes:
    """The bytes of the file at `path` showing `shown`: `make()`, unless `shown` is what they last showed."""
    made = _MADE.get(path)
    if made is None or made[0] != shown:
        made = _MADE[path] = (shown, make())
    return made[1]


def _word(path: str, document) -> bytes:
    return _made(path, document, lambda: render(document))
