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
from ..documents.template import template_bytes
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
    files = []
    for n in sorted(facts.honor_rolls):
        path = honor_roll_notice(n)
        files.append(Download(path, f"{n} 年度通报表扬", WORD, None, _word(path, honor_roll_document(program, n, as_of))))
    for kind in importable():
        path, shown = template_file(kind), (kind, program.policy, as_of)
        files.append(Download(path, f"{KINDS[kind].title}导入模板", EXCEL, None,
                              _made(path, shown, lambda kind=kind: template_bytes(kind, program.policy, as_of))))
    if internal:
        for quarter in facts.quarters:
            year, number = int(quarter.period[:4]), int(quarter.period[-1])
            document = progress_document(program, findings, year, number, as_of)
            path = quarter_document(quarter.period)
            files.append(Download(path, f"{quarter.period} 工作推进情况", WORD, None, _word(path, document)))
        files.append(Download(LEDGER, "项目台账", EXCEL, None, ledger_bytes(program, as_of, internal=True)))
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
