"""gaoxin owners: write CODEOWNERS from the records' maintainers and the staff roles.

Where it goes and in which syntax depends on the forge (mkdocs.yml `extra.forge`, see
`forge.py`): .github/CODEOWNERS on GitHub, .gitlab/ on GitLab, .gitea/ or .forgejo/.
"""

from __future__ import annotations

import difflib
import os
import sys
from pathlib import Path

from ...errors import UsageError


def add_arguments(parser) -> None:
    parser.add_argument("--roles", type=Path, default=None,
                        help="工作人员角色配置（默认 <仓库根目录>/.github/gaoxin-roles.yml）")
    parser.add_argument("--out", type=Path, default=None,
                        help="写到哪里（默认按代码仓库平台：GitHub 为 .github/CODEOWNERS，GitLab 为 .gitlab/CODEOWNERS，"
                             "Gitea 为 .gitea/CODEOWNERS，Forgejo 为 .forgejo/CODEOWNERS）")
    parser.add_argument("--config", type=Path, default=None,
                        help="读取代码仓库平台设置（extra.forge）的 mkdocs 配置（默认 <仓库根目录>/mkdocs.yml）")
    parser.add_argument("--check", action="store_true",
                        help="不写文件，只检查已有的 CODEOWNERS 是否最新；过期时打印差异并以退出码 1 结束")


def repository_root(records: Path) -> Path:
    """The folder holding `.git` above the records folder, else the records folder's parent."""
    records = records.resolve()
    for folder in records.parents:
        if (folder / ".git").exists():
            return folder
    return records.parent


def read_roles(path: Path):
    from ...ownership.roles import parse_roles

    try:
        return parse_roles(path.read_bytes(), str(path))
    except FileNotFoundError:
        raise UsageError(f"找不到工作人员角色配置 {path}：请按 CONTRIBUTING.md 创建，或用 --roles 指定") from None


def run(args) -> int:
    from ...forge import KINDS, read_forge
    from ...ownership.codeowners import render
    from ...ownership.roles import ROLES_PATH
    from ...ownership.trees import FolderTree

    root = repository_root(args.records)
    roles = read_roles(args.roles or root / ROLES_PATH)
    kind = read_forge(args.config or root / "mkdocs.yml").kind  # a bad setting is a UsageError
    out = args.out or root / KINDS[kind].codeowners
    prefix = args.records.resolve().relative_to(root).as_posix()
    text = render(FolderTree(args.records), roles, "" if prefix == "." else prefix, kind)
    current = out.read_text(encoding="utf-8") if out.is_file() else None
    shown = os.path.relpath(out)
    if args.check:
        if current == text:
            print(f"{shown} 是最新的")
            return 0
        sys.stdout.writelines(difflib.unified_diff(
            (current or "").splitlines(keepends=True), text.splitlines(keepends=True), shown, "gaoxin owners"))
        print(f"{shown} 已过期：记录中的维护人或工作人员角色有变动，请运行 gaoxin owners 并提交 {out.name}", file=sys.stderr)
        return 1
    if current != text:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        print(f"已写入 {shown}")
    else:
        print(f"{shown} 没有变化")
    return 0
