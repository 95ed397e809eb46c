"""gaoxin reference: write the format and command references (Markdown) from the code."""

from __future__ import annotations

import sys
from pathlib import Path

REFERENCE = Path("site_src/reference")  # on the site under 帮助, and readable in the repository


def add_arguments(parser) -> None:
    parser.add_argument("--out", type=Path, default=REFERENCE, help=f"写到哪个文件夹（默认 {REFERENCE}）")
    parser.add_argument("--check", action="store_true", help="只检查文件是否最新，不写入；过期时退出码 1")


def references() -> dict[str, str]:
    """File name -> Markdown, for every reference page."""
    from ...records.reference import format_reference
    from .. import build_parser
    from ..reference import command_reference

    return {"format.md": format_reference(), "commands.md": command_reference(build_parser())}


def run(args) -> int:
    from .common import writable_folder

    writable_folder(args.out)
    stale = []
    for name, text in references().items():
        path = args.out / name
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if args.check and stale:
        for path in stale:
            print(f"gaoxin: {path} 不是最新的：请运行 gaoxin reference 重新生成", file=sys.stderr)
        return 1
    print(f"{args.out}：{'已更新 ' + str(len(stale)) + ' 个文件' if stale else '都是最新的'}")
    return 0
