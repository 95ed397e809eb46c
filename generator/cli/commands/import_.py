"""gaoxin import FILE [--kind KIND] [--update] [--dry-run] [--warnings]: spreadsheet rows become records, all or nothing.

Errors come first, each at its FILE:ROW:COLUMN; warnings follow, counted by rule (each one
with --warnings). A planned change lists, per record, every key that changes, old → new.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ...importing.scores import SCORES
from ...records.columns import importable

MAX_SHOWN = 40  # characters of a value shown in a change line


def add_arguments(parser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE",
                        help=".xlsx 或 .csv 文件：第一行为列名，每行一条记录；"
                             "不给 --kind 时，工作簿的每张工作表按名称（博士、入驻企业……）导入")
    parser.add_argument("--kind", choices=[*importable(), SCORES], default=None,
                        help="记录类别：只读取第一张工作表（CSV 文件必须给出）；scores：读入 export scoring 导出的评分表"
                             "（每张工作表一个评分单位），写入该轮年度评价的 scores")
    parser.add_argument("--update", action="store_true",
                        help="编号已存在的行修改该记录：只替换这一行填写的项，其余保留；写“（删除）”的单元格删去该项；编号不存在且必填项齐全的行新建记录")
    parser.add_argument("--dry-run", action="store_true", help="只检查并列出将要写入的文件和改动，不写入")
    parser.add_argument("--warnings", action="store_true", help="逐条列出全部警告（默认按规则汇总）")


def run(args) -> int:
    from ...errors import RecordsFolderError
    from ...importing.plan import plan_import, write_plan

    if not args.records.is_dir():
        raise RecordsFolderError(f"找不到记录文件夹 {args.records}：请用 --records 指定 records/ 所在位置")
    from ..output import display  # headers and cells are a stranger's text: shown escaped

    if args.kind == SCORES:
        from ...importing.scores import plan_scores

        plan = plan_scores(args.file, args.records, args.as_of)
    else:
        plan = plan_import(args.file, args.kind, args.records, args.as_of, args.update)
    file = display(str(plan.file))
    if plan.encoding:
        print(f"提示：{file} 不是 UTF-8 编码，已按 {plan.encoding} 读取；请核对下列内容中的汉字是否正确", file=sys.stderr)
    _report_problems(plan, args.warnings)
    warnings = f"，{len(plan.warnings)} 个警告" if plan.warnings else ""
    if plan.errors:
        print(f"{file}：{plan.rows} 行，{len(plan.errors)} 个错误{warnings}：没有写入任何文件", file=sys.stderr)
        return 1
    if not plan.planned:
        same = f"{plan.unchanged} 行与已有记录相同，" if plan.unchanged else ""
        print(f"{file}：{same}没有需要写入的内容{warnings}")
        return 0
    if args.dry_run:
        for planned in plan.planned:
            _print_planned(planned, args.records, "将新增" if planned.new else "将修改")
        _print_standing(plan)
        print(f"试运行：{_counts(plan)}{warnings}；未写入任何文件（去掉 --dry-run 即写入）")
        return 0
    for planned in write_plan(plan, args.records):
        _print_planned(planned, args.records, "已新增" if planned.new else "已修改")
    _print_standing(plan)
    print(f"已导入 {file}：{_counts(plan)}{warnings}。请运行 gaoxin validate 复查，然后提交")
    return 0


def _counts(plan) -> str:
    new = sum(1 for planned in plan.planned if planned.new)
    if not plan.update:
        return f"新增 {new} 条记录"
    return f"新增 {new} 条、修改 {len(plan.planned) - new} 条记录（{plan.unchanged} 条没有变化）"


def _report_problems(plan, every_warning: bool) -> None:
    """Errors, each at its place; then the warnings, each or counted by rule."""
    order = {part.title: index for index, part in enumerate(plan.parts)}
    key = lambda p: (order.get(p.sheet, -1), p.row or 0, p.column or 0, p.rule)  # noqa: E731
    for problem in sorted(plan.errors, key=key):
        print(_line(plan, problem), file=sys.stderr)
    warnings = sorted(plan.warnings, key=key)
    if not warnings:
        return
    if every_warning:
        for problem in warnings:
            print(_line(plan, problem), file=sys.stderr)
        return
    from ...catalog import CATALOG
    from ..output import display

    by_rule: dict[str, list] = {}
    for problem in warnings:
        by_rule.setdefault(problem.rule, []).append(problem)
    print(f"{len(warnings)} 个警告，按规则汇总（加 --warnings 逐条列出）：", file=sys.stderr)
    for rule, found in sorted(by_rule.items(), key=lambda item: (-len(item[1]), item[0])):
        info = CATALOG.get(rule)
        what = f"{info.summary}（{info.article}）" if info and info.article else info.summary if info else found[0].message
        example = display(found[0].place(plan.file, plan.headers(found[0].sheet)))
        print(f"  {rule} × {len(found)}：{display(what)}；如 {example}", file=sys.stderr)


def _line(plan, problem) -> str:
    from ..output import display  # headers and cells are a stranger's text: shown escaped

    return display(f"{problem.place(plan.file, plan.headers(problem.sheet))}: {problem.severity} {problem.rule}: {problem.message}")


def _print_planned(planned, records: Path, verb: str) -> None:
    from ..output import display

    sheet = f"工作表“{display(planned.sheet)}”" if planned.sheet else ""
    print(f"{verb} {display(str(records / planned.path))}（{sheet}第 {planned.row} 行）" + ("：" if planned.changes else ""))
    if not planned.changes:
        return
    from ...importing.plan import IMPORT_GROUPS
    from ...records.columns import kind_columns

    columns = kind_columns(planned.kind, IMPORT_GROUPS)
    titles = {column.key: columns.header(column) for column in columns.columns}
    for change in planned.changes:
        title = f"（{titles[change.key]}）" if change.key in titles else ""
        new = "（删除）" if change.new is None else _value(change.new)
        old = "（无）" if change.old is None else _value(change.old)
        print(f"  {change.key}{title}：{old} → {new}")
    for comment in planned.dropped:
        print(f"  注意：删去的行带有注释“{_value(comment)}”，已随之删除")


def _print_standing(plan) -> None:
    """--kind scores: the round as the import leaves it, highest total first, with its cap (第十六条)."""
    standing = getattr(plan, "standing", None)
    if standing is None:
        return
    from ...queries.scoring import shown

    parties = len(plan.scheme_parties)
    print(f"{standing.round} 轮（导入后）：参评 {standing.evaluated} 人，优秀最多 {standing.cap} 人，已评优秀 {standing.excellent} 人；"
          "按总分从高到低：")
    for item in standing.scored:
        mark = "  ← 本次导入" if item.evaluation_id in plan.touched else ""
        total = f"总分 {shown(item.total)}" if item.total is not None else "未评分"
        earned = f"，应得“{item.earned}”" if item.earned else f"（{len(item.party_totals)}/{parties} 个单位已评分）"
        print(f"  {item.evaluation_id} {plan.names.get(item.evaluation_id, '')}：{total}{earned}，等次“{item.grade}”{mark}")


def _value(value) -> str:
    """A value on one line, shortened: lists joined with ；, line breaks shown as ⏎, hidden characters named."""
    from ...records.values import display

    if isinstance(value, list):
        text = "；".join(str(item) for item in value)
    else:
        text = str(value).rstrip("\n")
    text = display(text.replace("\n", "⏎"))
    return text if len(text) <= MAX_SHOWN else f"{text[:MAX_SHOWN]}…（共 {len(text)} 字）"
