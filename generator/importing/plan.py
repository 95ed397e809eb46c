"""Plan an import (every record file it would write, or every problem), then write it all or nothing.

The program is validated as a whole with the new files added in memory (never written to a
copy of the records folder), so a row that breaks a rule across records (an unknown doctor, a 31st 优秀) is found
before anything is written. Nothing is ever overwritten.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import ExportError
from ..records.columns import kind_columns
from ..records.ids import FINAL, ID_RULE, is_id, parse_report_id
from ..records.kinds import KINDS, REPORT, report_kind
from ..rules.validate import validate_records
from .reading import read_sheet
from .rows import Problem, RowRecord, read_rows
from .yaml_text import record_yaml

IMPORT_GROUPS = {"work": 20, "actions": 20}  # numbered groups an import file may use


@dataclass(frozen=True)
class Planned:
    path: str  # relative to the records folder
    text: str
    row: int


@dataclass
class ImportPlan:
    file: str
    kind: str
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    planned: list[Planned] = field(default_factory=list)
    headers: dict[int, str] = field(default_factory=dict)
    encoding: str | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def plan_import(path: Path, kind_name: str, records: Path, as_of: date) -> ImportPlan:
    sheet = read_sheet(path)
    columns = kind_columns(kind_name, IMPORT_GROUPS)
    rows = read_rows(sheet, columns)
    plan = ImportPlan(sheet.name, kind_name, len(rows.records), list(rows.problems), headers=rows.headers,
                      encoding=sheet.encoding)
    if any(p.rule == "import.header" for p in plan.problems):
        return plan  # without the right columns, every row would only repeat the same problem
    bad_rows = {p.row for p in plan.problems}
    markdown = {".".join(str(p) for p in c.path if not isinstance(p, int)) for c in columns.columns if c.markdown}
    by_path: dict[str, RowRecord] = {}
    for record in rows.records:
        target = _target(record, kind_name, records, rows.id_column, by_path, plan.problems)
        if target is None or record.row in bad_rows:
            continue
        by_path[target] = record
        schema = os.path.relpath(records.parent / "schemas" / KINDS[kind_name].schema_file,
                                 (records / target).parent).replace(os.sep, "/")
        header = [f"yaml-language-server: $schema={schema}", f"由 gaoxin import 从 {Path(sheet.name).name} 第 {record.row} 行导入"]
        plan.planned.append(Planned(target, record_yaml(record.data, markdown, header), record.row))
    if plan.planned:
        _validate_together(plan, by_path, records, as_of)
    return plan


def _target(record: RowRecord, kind_name: str, records: Path, id_column, seen: dict, problems: list) -> str | None:
    """The record's file relative to records/, or None after noting why there is none."""
    kind = KINDS[kind_name]
    problem = lambda rule, message: problems.append(Problem(record.row, id_column, rule, message))  # noqa: E731
    if not record.id:
        problem("schema.id", "缺少编号（id）：每一行都要填写编号，它就是记录的文件名")
        return None
    if kind.id_shape == REPORT:
        parsed = parse_report_id(record.id)
        if parsed is None:
            problem("schema.id", f"编号“{record.id}”不合要求：报送编号应为 <协议编号>/<YYYYQn> 或 <协议编号>/final，如 a2026-001/2026Q3")
            return None
        actual = report_kind(parsed[1])
        if kind_name == "final-report" and parsed[1] != FINAL:
            problem("schema.id", f"编号“{record.id}”不是入驻工作总结：final-report 的编号应为 <协议编号>/final")
            return None
        kind = actual
    elif not is_id(record.id):
        problem("schema.id", f"编号“{record.id}”不合要求：{ID_RULE}")
        return None
    target = kind.path(record.id)
    if target in seen:
        problem("import.duplicate", f"编号“{record.id}”与第 {seen[target].row} 行重复：每条记录只能有一行")
        return None
    if (records / target).exists():
        problem("import.exists", f"编号“{record.id}”已存在（{records.name}/{target}）：import 从不覆盖已有记录，如需修改请直接编辑该文件")
        return None
    return target


def _validate_together(plan: ImportPlan, by_path: dict[str, RowRecord], records: Path, as_of: date) -> None:
    """Validate the program as it would be with the planned files (held in memory); note every finding they cause."""
    result = validate_records(records, as_of, {planned.path: planned.text for planned in plan.planned})
    for finding in result.findings:
        record = by_path.get(finding.file)
        if record is not None:
            plan.problems.append(Problem(record.row, record.column_of(finding.loc), finding.rule, finding.message,
                                         finding.severity.value))
        elif finding.is_error:
            where = f"{records.name}/{finding.file}" + (f":{finding.line}" if finding.line else "")
            plan.problems.append(Problem(None, None, finding.rule, f"导入后 {where} 有错误：{finding.message}"))


def write_plan(plan: ImportPlan, records: Path) -> list[Path]:
    """Write every planned file, or none: a file that appeared meanwhile undoes the ones written."""
    if plan.errors:
        raise ExportError("导入有错误，未写入任何文件")
    written: list[Path] = []
    made: list[Path] = []
    try:
        for planned in plan.planned:
            target = records / planned.path
            for folder in reversed(target.parents):
                if not folder.exists() and records in folder.parents:
                    folder.mkdir()
                    made.append(folder)
            with open(target, "x", encoding="utf-8") as handle:  # "x": never overwrite
                written.append(target)
                handle.write(planned.text)
    except OSError as exc:
        for path in written:
            path.unlink(missing_ok=True)
        for folder in reversed(made):
            try:
                folder.rmdir()
            except OSError:
                pass
        reason = "已存在" if isinstance(exc, FileExistsError) else f"无法写入（{exc.strerror}）"
        raise ExportError(f"{exc.filename} {reason}：已撤销本次导入，没有写入任何文件") from None
    return written
