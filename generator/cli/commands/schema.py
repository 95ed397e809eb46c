"""gaoxin schema: write one JSON Schema per record kind."""

from __future__ import annotations

from pathlib import Path


def add_arguments(parser) -> None:
    parser.add_argument("--out", type=Path, default=Path("schemas"), help="输出文件夹（默认 schemas/）")


def run(args) -> int:
    from ...records.schema import write_schemas
    from .common import writable_folder

    for path in write_schemas(writable_folder(args.out)):
        print(path)
    return 0
