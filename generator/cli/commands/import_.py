"""gaoxin import FILE --kind KIND [--dry-run]: spreadsheet rows become new record files, all or nothing."""

from __future__ import annotations

import sys
from pathlib import Path

from ...records.columns import importable


def add_arguments(parser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE", help=".xlsx 或 .csv 文件：第一行为列名，每行一条记录")
    parser.add_argument("--kind", required=True, choices=importable(), help="记录类别")
    parser.add_argument("--dry-run", action="store_true", help="只检查并列出将要写入的文件，不写入")


def run(args) -> int:
    from ...importing.plan import plan_import, write_plan

    if not args.records.is_dir():
        from ...errors import RecordsFolderError

        raise RecordsFolderError(f"找不到记录文件夹 {args.records}：请用 --records 指定 records/ 所在位置")
    from ..output import display  # headers and cells are a stranger's text: shown escaped

    plan = plan_import(args.file, args.kind, args.records, args.as_of)
    file = display(str(plan.file))
    if plan.encoding:
        print(f"提示：{file} 不是 UTF-8 编码，已按 {plan.encoding} 读取；请核对下列内容中的汉字是否正确", file=sys.stderr)
    for problem in sorted(plan.problems, key=lambda p: (p.row or 0, p.column or 0, p.rule)):
        place = display(problem.place(plan.file, plan.headers))
        print(f"{place}: {problem.severity} {problem.rule}: {display(problem.message)}", file=sys.stderr)
    if plan.errors:
        print(f"{file}：{plan.rows} 行，{len(plan.errors)} 个错误：没有写入任何文件", file=sys.stderr)
        return 1
    if not plan.planned:
        print(f"{file}：没有可导入的行（除第一行列名外都是空的）")
        return 0
    if args.dry_run:
        for planned in plan.planned:
            print(f"将写入 {display(str(args.records / planned.path))}（第 {planned.row} 行）")
        print(f"试运行：{len(plan.planned)} 条记录全部有效，未写入任何文件（去掉 --dry-run 即写入）")
        return 0
    for path in write_plan(plan, args.records):
        print(f"已写入 {display(str(path))}")
    print(f"已导入 {len(plan.planned)} 条记录：请运行 gaoxin validate 复查，然后提交")
    return 0
