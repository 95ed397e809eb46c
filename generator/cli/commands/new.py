"""gaoxin new KIND ID: write a commented template record, never overwriting a file."""

from __future__ import annotations

import os
import sys

from ...errors import UsageError
from ...records.ids import ID_RULE, is_id, parse_report_id
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
    from ...records.skeleton import render_skeleton

    schema = os.path.relpath(args.records.parent / "schemas" / kind.schema_file, path.parent).replace(os.sep, "/")
    return render_skeleton(kind, args.id, load_policy_or_default(args.records), args.as_of, schema, period)
