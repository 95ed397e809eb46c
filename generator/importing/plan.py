"""Plan an import (every record file it would write or change, or every problem), then write it all or nothing.

A file is one sheet of one kind (`--kind`), or a workbook whose sheets are named by kind,
read in `import_order()`. Each row becomes a new record, or with `--update` changes the
record of its id (`merge.py`, `patch.py`). The program is then validated as a whole with
the new and changed files in memory (never written to a copy of the records folder), so a
row that breaks a rule across records (an unknown doctor, a 31st 优秀) is found before
anything is written. A file is never overwritten unless `--update` changes it, and then only
if it is still as it was read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import ExportError, UsageError
from ..records.columns import GROUPS, MAX_GROUPS, KindColumns, kind_columns
from ..records.ids import FINAL, ID_RULE, is_id, parse_report_id
from ..records.kinds import KINDS, REPORT, report_kind
from ..records.parsing import YamlProblem, decode, parse
from ..records.values import shown
from ..rules.validate import Result, validate_records
from .merge import KeyChange, changes, edits, merge, new_record, sibling_order
from .patch import PatchError, patch
from .reading import Book, Sheet, SheetLimit, open_book
from .rows import Problem, RowRecord, missing_required, read_rows
from .sheets import kind_of_sheet, sheet_order, unknown_sheet_message
from .yaml_text import UnwritableRecord, record_yaml

IMPORT_GROUPS = dict.fromkeys(GROUPS, MAX_GROUPS)  # numbered groups an import file may use
BOM = "\ufeff"


@dataclass(frozen=True)
class Planned:
    path: str  # relative to the records folder
    text: str
    row: int
    kind: str
    sheet: str | None = None
    before: str | None = None  # the file as read, when the row changes an existing record
    changes: tuple[KeyChange, ...] = ()
    dropped: tuple[str, ...] = ()  # comments that go with the lines of removed keys

    @property
    def new(self) -> bool:
        return self.before is None


@dataclass
class SheetPart:
    """One sheet read: its name (None for the only sheet of a --kind import), kind, rows and headers."""

    title: str | None
    kind: str
    rows: int = 0
    headers: dict[int, str] = field(default_factory=dict)


@dataclass
class ImportPlan:
    file: str
    update: bool = False
    problems: list[Problem] = field(default_factory=list)
    planned: list[Planned] = field(default_factory=list)
    parts: list[SheetPart] = field(default_factory=list)
    unchanged: int = 0
    encoding: str | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]

    @property
    def rows(self) -> int:
        return sum(part.rows for part in self.parts)

    def headers(self, sheet: str | None) -> dict[int, str]:
        return next((part.headers for part in self.parts if part.title == sheet), {})


@dataclass
class PlanContext:
    """What planning one file carries from sheet to sheet."""

    plan: ImportPlan
    records: Path
    by_path: dict[str, tuple[RowRecord, str | None]] = field(default_factory=dict)


def plan_import(path: Path, kind_name: str | None, records: Path, as_of: date, update: bool = False) -> ImportPlan:
    """Read `path` (one kind, or every sheet by its name when `kind_name` is None) and plan what it writes."""
    with open_book(path) as book:
        context = PlanContext(ImportPlan(book.file, update, encoding=book.encoding), records)
        for sheet, sheet_kind, label in _sheets(book, kind_name, context.plan.problems):
            _plan_sheet(context, sheet, sheet_kind, label)
    if context.plan.planned:
        validate_together(context, as_of)
    return context.plan


def _sheets(book: Book, kind_name: str | None, problems: list) -> list[tuple[Sheet, str, str | None]]:
    """The sheets to read, each with its kind and its name for messages, in the order they are imported."""
    tables = [sheet for sheet in book.sheets if not sheet.chart]
    charts = [sheet for sheet in book.sheets if sheet.chart]
    if not tables:
        title = charts[0].title if charts else None
        problems.append(Problem(1, 1, "import.sheet", "工作簿中只有图表（图表工作表），没有可导入的表格："
                                "请把记录填在普通工作表中，第一行为列名", sheet=title))
        return []
    if kind_name is not None:
        if len(tables) > 1:
            others = "、".join(f"“{sheet.title}”" for sheet in tables[1:])
            problems.append(Problem(None, None, "import.sheet",
                                    f"只读取了第一张工作表“{tables[0].title}”，没有读取 {others}："
                                    "要按工作表名称导入整个工作簿，请去掉 --kind",
                                    "warning"))
        return [(tables[0], kind_name, None)]
    if book.csv:
        raise UsageError(f"{book.file}：CSV 文件只有一张表，没有工作表名称：请用 --kind 指明记录类别（如 --kind doctor）")
    for chart in charts:
        problems.append(Problem(None, None, "import.sheet", f"图表工作表“{chart.title}”没有单元格，已跳过", "warning",
                                sheet=chart.title))
    found = []
    for position, sheet in enumerate(tables):
        sheet_kind = kind_of_sheet(sheet.title)
        if sheet_kind is None and _empty_sheet(sheet):  # Excel's leftover 「Sheet1」: nothing to lose
            problems.append(Problem(None, None, "import.sheet", f"工作表“{sheet.title}”是空的，已跳过", "warning",
                                    sheet=sheet.title))
        elif sheet_kind is None:
            problems.append(Problem(None, None, "import.sheet", unknown_sheet_message(sheet.title, sheet.title in book.hidden),
                                    sheet=sheet.title))
        else:
            found.append((sheet_order(sheet_kind), position, sheet, sheet_kind))
    return [(sheet, sheet_kind, sheet.title) for _, _, sheet, sheet_kind in sorted(found, key=lambda item: item[:2])]


def _empty_sheet(sheet: Sheet) -> bool:
    try:
        return not any(cells for _, cells in sheet.rows())
    except SheetLimit:
        return False


def _plan_sheet(context: PlanContext, sheet: Sheet, kind_name: str, label: str | None) -> None:
    plan = context.plan
    columns = kind_columns(kind_name, IMPORT_GROUPS)
    rows = read_rows(sheet, columns, plan.update)
    plan.parts.append(SheetPart(label, kind_name, len(rows.records), rows.headers))
    plan.problems += [_in_sheet(problem, label) for problem in rows.problems]
    if rows.stopped:
        return
    bad_rows = {p.row for p in rows.problems if p.severity == "error"}
    markdown = {".".join(str(p) for p in c.path if not isinstance(p, int)) for c in columns.columns if c.markdown}
    for record in rows.records:
        target = _target(context, record, kind_name, rows.id_column, label)
        if target is None or record.row in bad_rows:
            continue
        context.by_path[target] = (record, label)
        problem = lambda rule, message, r=record: plan.problems.append(  # noqa: E731
            Problem(r.row, rows.id_column, rule, message, sheet=label))
        if (context.records / target).exists():
            planned = _updated(context, record, target, columns, markdown, label, problem)
        elif plan.update and (missing := missing_required(record, columns)):
            problem("import.unknown-id",
                    f"编号“{shown(record.id)}”不存在（{context.records.name}/{target}）：--update 只修改已有的记录，而这一行缺少"
                    f"“{'”“'.join(missing[:4])}”{'等' if len(missing) > 4 else ''}必填项，不能作为新记录导入。"
                    "请核对编号；若确是新记录，请把必填项填全")
            continue
        else:
            planned = _created(context, record, target, kind_name, markdown, label, problem)
        if planned is not None:
            plan.planned.append(planned)


def _in_sheet(problem: Problem, label: str | None) -> Problem:
    if label is None or problem.sheet is not None:
        return problem
    return Problem(problem.row, problem.column, problem.rule, problem.message, problem.severity, label)


def _target(context: PlanContext, record: RowRecord, kind_name: str, id_column, label: str | None) -> str | None:
    """The record's file relative to records/, or None after noting why there is none."""
    kind = KINDS[kind_name]
    problem = lambda rule, message: context.plan.problems.append(  # noqa: E731
        Problem(record.row, id_column, rule, message, sheet=label))
    if not record.id:
        problem("schema.id", "缺少编号（id）：每一行都要填写编号，它就是记录的文件名")
        return None
    if kind.id_shape == REPORT:
        parsed = parse_report_id(record.id)
        if parsed is None:
            problem("schema.id", f"编号“{shown(record.id)}”不合要求："
                    "报送编号应为 <协议编号>/<YYYYQn> 或 <协议编号>/final，如 a2026-001/2026Q3")
            return None
        if kind_name == "final-report" and parsed[1] != FINAL:
            problem("schema.id", f"编号“{record.id}”不是入驻工作总结：final-report 的编号应为 <协议编号>/final")
            return None
        kind = report_kind(parsed[1])
    elif not is_id(record.id):
        problem("schema.id", f"编号“{shown(record.id)}”不合要求：{ID_RULE}")
        return None
    target = kind.path(record.id)
    if target in context.by_path:
        first, sheet = context.by_path[target]
        where = f"工作表“{sheet}”" if sheet != label else ""
        problem("import.duplicate", f"编号“{record.id}”与{where}第 {first.row} 行重复：每条记录只能有一行")
        return None
    if (context.records / target).exists() and not context.plan.update:
        problem("import.exists", f"编号“{record.id}”已存在（{context.records.name}/{target}）：要用这一行修改该记录，请加 --update"
                                 f"（只替换这一行填写的项）；不加 --update 时，import 从不改动已有记录")
        return None
    return target


def _created(context: PlanContext, record: RowRecord, target: str, kind_name: str, markdown: set[str], label: str | None,
             problem) -> Planned | None:
    merged = new_record(record.values)
    record.groups = merged.groups
    records = context.records
    schema = os.path.relpath(records.parent / "schemas" / KINDS[kind_name].schema_file,
                             (records / target).parent).replace(os.sep, "/")
    source = Path(context.plan.file).name + (f" 的工作表“{label}”" if label else " ")
    header = [f"yaml-language-server: $schema={schema}", f"由 gaoxin import 从 {source}第 {record.row} 行导入"]
    try:
        return Planned(target, record_yaml(merged.data, markdown, header), record.row, kind_name, label)
    except UnwritableRecord as unwritable:
        problem("import.cell", f"这一行无法写成记录文件：{unwritable.message}")
        return None


def read_existing(context: PlanContext, target: str, problem, hint: str) -> tuple[bytes, str, dict] | None:
    """(bytes, text, data) of the record file an import edits; None, with an `import.update` problem, when unreadable."""
    try:
        raw = (context.records / target).read_bytes()
        before = decode(raw)
        return raw, before, parse(before)
    except (OSError, YamlProblem) as exc:
        reason = exc.message if isinstance(exc, YamlProblem) else exc.strerror
        problem("import.update", f"{context.records.name}/{target} 无法读取（{reason}）：{hint}")
        return None


def _updated(context: PlanContext, record: RowRecord, target: str, columns: KindColumns, markdown: set[str],
             label: str | None, problem) -> Planned | None:
    """The row's keys put into the existing record, its file edited in place; None when nothing changes."""
    read = read_existing(context, target, problem, "请先改正该文件，再用 --update 修改")
    if read is None:
        return None
    raw, before, existing = read
    merged = merge(existing, record.values, sibling_order(columns))
    record.groups = merged.groups
    found = edits(existing, merged.data, merged.alignment)
    if not found:
        context.plan.unchanged += 1
        return None
    crlf = "\r\n" in before
    try:
        patched = patch(before.replace("\r\n", "\n"), found, merged.data, markdown)
    except PatchError as exc:
        problem("import.update", f"无法在保留原有格式和注释的前提下修改 {context.records.name}/{target}（{exc}）：请直接编辑该文件")
        return None
    text = patched.text.replace("\n", "\r\n") if crlf else patched.text
    if raw.startswith(BOM.encode("utf-8")):
        text = BOM + text  # the file keeps its byte-order mark, as it keeps everything else
    return Planned(target, text, record.row, columns.kind, label, before=raw.decode("utf-8"),
                   changes=tuple(changes(existing, merged.data, merged.groups)), dropped=tuple(patched.dropped))


def validate_together(context: PlanContext, as_of: date) -> Result:
    """Validate the program as it would be with the planned files (held in memory); note every finding they cause."""
    plan, records = context.plan, context.records
    result = validate_records(records, as_of, {planned.path: planned.text.removeprefix(BOM) for planned in plan.planned})
    planned_paths = {planned.path for planned in plan.planned}
    changed = {planned.path for planned in plan.planned if not planned.new}
    for finding in result.findings:
        found = context.by_path.get(finding.file)
        if found is not None and finding.file in planned_paths:
            record, label = found
            column = record.column_of(finding.loc)
            message = finding.message
            if column is None and finding.file in changed and finding.line:
                message += f"（{records.name}/{finding.file}:{finding.line}）"
            plan.problems.append(Problem(record.row, column, finding.rule, message, finding.severity.value, label))
        elif finding.is_error:
            where = f"{records.name}/{finding.file}" + (f":{finding.line}" if finding.line else "")
            plan.problems.append(Problem(None, None, finding.rule, f"导入后 {where} 有错误：{finding.message}"))
    return result


def write_plan(plan: ImportPlan, records: Path) -> list[Planned]:
    """Write every planned file, or none: a file that appeared or changed meanwhile undoes the ones written."""
    if plan.errors:
        raise ExportError("导入有错误，未写入任何文件")
    written: list[Planned] = []
    made: list[Path] = []
    try:
        for planned in plan.planned:
            target = records / planned.path
            if planned.new:
                for folder in reversed(target.parents):
                    if not folder.exists() and records in folder.parents:
                        folder.mkdir()
                        made.append(folder)
                with open(target, "x", encoding="utf-8", newline="") as handle:  # "x": never overwrite
                    written.append(planned)
                    handle.write(planned.text)
            else:
                _replace_file(target, planned)
                written.append(planned)
    except OSError as exc:
        _undo(records, written, made)
        reason = {FileExistsError: "已存在", _Changed: "在导入期间被修改"}.get(type(exc), f"无法写入（{exc.strerror}）")
        raise ExportError(f"{exc.filename} {reason}：已撤销本次导入，没有写入任何文件") from None
    return written


class _Changed(OSError):
    """A file `--update` changes was changed by someone else after it was read."""


def _replace_file(target: Path, planned: Planned) -> None:
    """Swap in the new text, if the file still holds what was read (`os.replace`: all of it or none)."""
    if target.read_bytes().decode("utf-8", "replace") != planned.before:
        raise _Changed(0, "changed", str(target))
    temporary = target.with_name(f".{target.name}.gaoxin-import")
    with open(temporary, "x", encoding="utf-8", newline="") as handle:
        handle.write(planned.text)
    os.replace(temporary, target)


def _undo(records: Path, written: list[Planned], made: list[Path]) -> None:
    for planned in reversed(written):
        target = records / planned.path
        if planned.new:
            target.unlink(missing_ok=True)
        else:
            target.write_text(planned.before, encoding="utf-8", newline="")
    for folder in reversed(made):
        try:
            folder.rmdir()
        except OSError:
            pass
