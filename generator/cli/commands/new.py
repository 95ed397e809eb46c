"""gaoxin new KIND ID: write a commented template record, never overwriting a file."""

from __future__ import annotations

import os
import sys
from importlib import resources
from string import Template

from ...errors import UsageError
from ...records.ids import FINAL, ID_RULE, is_id, parse_report_id
from ...records.kinds import KINDS, REPORT, report_kind

NEW_KINDS = tuple(name for name, kind in KINDS.items() if kind.new)


def add_arguments(parser) -> None:
    parser.add_argument("kind", choices=NEW_KINDS, help="记录类别")
    parser.add_argument("id", help="记录 id（文件名，不含 .yml）；报送为 <协议id>/<YYYYQn 或 final>")


def run(args) -> int:
    kind, period = KINDS[args.kind], None
    if kind.id_shape == REPORT:
        parsed = parse_report_id(args.id)
        if parsed is None:
            raise UsageError(f"报送 id 应为 <协议id>/<YYYYQn> 或 <协议id>/final，如 a2026-001/2026Q3，而不是 {args.id!r}")
        period = parsed[1]
        kind = report_kind(period)
    elif not is_id(args.id):
        raise UsageError(f"id {args.id!r} 不合法：{ID_RULE}")
    path = args.records / kind.path(args.id)
    text = _render(kind, args, path, period)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8") as handle:  # "x": refuse to overwrite
            handle.write(text)
    except FileExistsError:
        print(f"gaoxin: {path} 已存在，未做任何修改（new 从不覆盖已有记录）", file=sys.stderr)
        return 1
    print(f"已创建 {path}：请按注释填写，然后运行 gaoxin validate")
    return 0


def _render(kind, args, path, period: str | None) -> str:
    from ...records.loading import load_policy_or_default

    policy = load_policy_or_default(args.records)
    source = resources.files("generator").joinpath(f"records/skeletons/{kind.skeleton}").read_text(encoding="utf-8")
    schema_dir = args.records.parent / "schemas"
    schema = os.path.relpath(schema_dir / kind.schema_file, path.parent).replace(os.sep, "/")
    due_days = policy.final_report_due_days if period == FINAL else policy.report_due_days
    return Template(source).substitute(
        schema=schema,
        id=args.id,
        today=args.as_of.isoformat(),
        year=args.as_of.year - 1 if args.as_of.month < 7 else args.as_of.year,
        period=period or "",
        due_days=due_days,
        reward=policy.excellent_reward_yuan,
    )
