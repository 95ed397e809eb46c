"""The import template of one record kind: its columns, a note on each header, drop-down lists.

Headers are the Chinese titles of the kind's JSON Schema (`records/columns.py`), so a filled
template imports as it is. Values the policy fixes (degree, industry, position, duty, grade)
and the schema's own choices (evaluation kind, action) get drop-down lists; a value outside
one is only warned about by Excel, and the import's validation decides.
"""

from __future__ import annotations

from datetime import date

from ..queries.view import DATE as DATE_CELL
from ..queries.view import NUMBER, TEXT, Column, Table
from ..records.columns import DATE, GROUPS, ID_TITLE, LIST, KindColumns, SheetColumn, kind_columns
from ..records.kinds import KINDS, import_order
from ..records.models import Policy
from ..records.program import Program
from .workbook import workbook_bytes

ALL_KINDS = "all"  # `export template all`: every kind in one workbook, a sheet each
TYPE_HINTS = {DATE: "日期：YYYY-MM-DD，或设为“日期”格式的单元格", LIST: "可填多项：用“；”分隔，或在单元格内换行",
              "integer": "整数", "number": "数字"}


def note(columns: KindColumns, column: SheetColumn | None) -> str:
    if column is None:
        return f"必填。{columns.id_help}"
    need = "必填" if column.required else (f"{column.required_when}时必填" if column.required_when else "选填")
    parts = [f"{need}（{column.key}）", column.description or "", TYPE_HINTS.get(column.type, "")]
    if column.markdown:
        parts.append("可分段（单元格内换行：Alt+Enter）")
    return "。".join(part for part in parts if part)


def template_bytes(kind_name: str, policy: Policy, created: date, program: Program | None = None) -> bytes:
    """The template; with `program`, its records of this kind fill the rows (export, edit, import)."""
    return workbook_bytes([template_sheet(kind_name, policy, program)], created, internal=True)


def workbook_template_bytes(policy: Policy, created: date, program: Program | None = None) -> bytes:
    """Every kind's template as one sheet of one workbook, in the order an import reads them (`gaoxin import` without --kind)."""
    return workbook_bytes([template_sheet(name, policy, program) for name in import_order()], created, internal=True)


def template_sheet(kind_name: str, policy: Policy, program: Program | None = None) -> Table:
    """One kind's sheet, named by its title (the name an import knows it by)."""
    rows = _records(program, kind_name) if program else []
    columns = kind_columns(kind_name, _groups(rows))
    sheet_columns = [Column("id", ID_TITLE, lambda r: r[0], 22, note=note(columns, None))]
    validations = {}
    for index, column in enumerate(columns.columns, 1):
        kind = DATE_CELL if column.type == DATE else NUMBER if column.type in ("integer", "number") else TEXT
        sheet_columns.append(Column(column.key, columns.header(column), lambda r, c=column: _value(r[1], c.path),
                                    _width(column), kind, note=note(columns, column)))
        choices = column.allowed(policy)
        if choices:
            validations[index] = choices
    title = KINDS[kind_name].title
    return Table(kind_name, title, title, sheet_columns, rows, validations=validations)


def _records(program: Program, kind_name: str) -> list[tuple[str, dict]]:
    kind = KINDS[kind_name]
    prefix = f"{kind.folder}/"
    rows = []
    for path, data in sorted(program.raw.items()):
        if not path.startswith(prefix):
            continue
        record_id = path[len(prefix):-len(".yml")]
        if kind.folder == "reports" and (record_id.endswith("/final") != (kind_name == "final-report")):
            continue
        rows.append((record_id, data))
    return rows


def _groups(rows) -> dict[str, int]:
    counts = {}
    for _, data in rows:
        for key in GROUPS:
            if isinstance(data.get(key), list):
                counts[key] = max(counts.get(key, 0), len(data[key]))
    return counts


def _value(data, path: tuple):
    for part in path:
        if isinstance(part, int):
            data = data[part - 1] if isinstance(data, list) and len(data) >= part else None
        else:
            data = data.get(part) if isinstance(data, dict) else None
        if data is None:
            return None
    return data.rstrip("\n") if isinstance(data, str) else data


def _width(column: SheetColumn) -> float:
    if column.markdown:
        return 40
    return {DATE: 13, LIST: 24}.get(column.type, 16)
