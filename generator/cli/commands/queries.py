"""What the query and export commands share: a view of a valid program, or the findings that prevent it."""

from __future__ import annotations

import json
import sys

from .common import validated


def queryable(args):
    """The program's view as of --as-of, or None (after printing why) when its errors make answers unreliable."""
    from ...queries.view import ProgramView
    from ..output import as_text

    result = validated(args)
    if result.errors:
        print(as_text(result), file=sys.stderr)
        print("gaoxin: 记录有错误，请先修正（gaoxin validate）", file=sys.stderr)
        return None
    return ProgramView(result.program, result.as_of, result.findings)


def show(args, answer, as_dict, as_text) -> int:
    """Print a query's answer as JSON or text, as `--format` asks."""
    if args.format == "json":
        print(json.dumps(as_dict(answer), ensure_ascii=False, indent=2))
    else:
        print(as_text(answer))
    return 0


def add_format(parser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text", help="输出格式")
