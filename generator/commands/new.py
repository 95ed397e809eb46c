"""gaoxin new KIND ID: write a commented template record, never overwriting a file."""

from __future__ import annotations

import os
import sys
from importlib import resources
from string import Template

from ..cli import UsageError

KINDS = ("university", "doctor", "enterprise", "agreement", "report", "evaluation", "meeting")
FOLDERS = {
    "university": "universities",
    "doctor": "doctors",
    "enterprise": "enterprises",
    "agreement": "agreements",
    "report": "reports",
    "evaluation": "evaluations",
    "meeting": "meetings",
}


def add_arguments(parser) -> None:
    parser.add_argument("kind", choices=KINDS, help="记录类别")
    parser.add_argument("id", help="记录 id（文件名，不含 .yml）；报送为 <协议id>/<YYYYQn 或 final>")


def run(args) -> int:
    from ..dates import parse_period
    from ..models.common import ID_RE
    from ..program import FINAL

    template_name, period = args.kind, None
    if args.kind == "report":
        agreement_id, _, period = args.id.partition("/")
        if not ID_RE.match(agreement_id) or not (period == FINAL or parse_period(period)):
            raise UsageError(f"报送 id 应为 <协议id>/<YYYYQn> 或 <协议id>/final，如 a2026-001/2026Q3，而不是 {args.id}")
        if period == FINAL:
            template_name = "final-report"
    elif not ID_RE.match(args.id):
        raise UsageError(f"id {args.id} 不合法：只能用小写字母、数字和连字符（不超过64个字符），且以字母或数字开头")
    path = args.records / FOLDERS[args.kind] / f"{args.id}.yml"
    text = _render(template_name, args, path, period)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8") as handle:  # "x": refuse to overwrite
            handle.write(text)
    except FileExistsError:
        print(f"gaoxin: {path} 已存在，未做任何修改（new 从不覆盖已有记录）", file=sys.stderr)
        return 1
    print(f"已创建 {path}：请按注释填写，然后运行 gaoxin validate")
    return 0


def _render(template_name: str, args, path, period: str | None) -> str:
    from ..loading import load_policy_or_default

    policy = load_policy_or_default(args.records)
    source = resources.files("generator").joinpath(f"templates/new/{template_name}.yml").read_text(encoding="utf-8")
    schema_dir = args.records.parent / "schemas"
    schema = os.path.relpath(schema_dir / f"{template_name}.schema.json", path.parent).replace(os.sep, "/")
    due_days = policy.final_report_due_days if period == "final" else policy.report_due_days
    return Template(source).substitute(
        schema=schema,
        id=args.id,
        today=args.as_of.isoformat(),
        year=args.as_of.year - 1 if args.as_of.month < 7 else args.as_of.year,
        period=period or "",
        due_days=due_days,
        reward=policy.excellent_reward_yuan,
    )
