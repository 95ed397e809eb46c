"""gaoxin check-changes: may the author of a pull request change every record it touches?"""

from __future__ import annotations

import os
from pathlib import Path

from ...errors import UsageError


def add_arguments(parser) -> None:
    parser.add_argument("--base", required=True, metavar="REF",
                        help="PR 的基准提交（如 origin/main 或基准 sha）；权限按这一版本的记录判断")
    parser.add_argument("--head", default="HEAD", metavar="REF", help="PR 的最新提交（默认 HEAD）")
    parser.add_argument("--actor", required=True, metavar="LOGIN", help="PR 作者的 GitHub 账号")
    parser.add_argument("--roles", default=None, metavar="PATH",
                        help="工作人员角色配置在仓库中的路径（默认 .github/gaoxin-roles.yml，从 --base 版本读取）")
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="输出格式：text（默认）或 github（GitHub Actions 注释）")


def run(args) -> int:
    from ...ownership import changes
    from ...ownership.roles import normal

    actor = normal(args.actor)
    if not actor:
        raise UsageError("--actor 不能为空")
    pull = _read_pull_request(args)
    verdicts = changes.in_order(changes.judge(pull["changes"], actor, pull["roles"], pull["base"], pull["head"]))
    refused = [verdict for verdict in verdicts if not verdict.allowed]
    prefix = pull["prefix"]

    def where(path: str) -> str:  # "" is the records folder itself
        return f"{prefix}/{path}" if prefix and path else prefix or path

    if pull["roles_missing"]:
        print(f"注意：{args.base} 中没有 {pull['roles_path']}，没有人被视为项目工作人员")
    if args.format == "github":
        for verdict in refused:
            print(_annotation(where(verdict.change.path), f"{verdict.change.action}：{verdict.reason}"))
        _write_step_summary(verdicts, actor, where)
    else:
        for verdict in verdicts:
            mark = "可以" if verdict.allowed else "不可以"
            print(f"{where(verdict.change.path)}: {verdict.change.action}，{mark}：{verdict.reason}")
    print(_summary(verdicts, refused, actor))
    return 1 if refused else 0


def _read_pull_request(args) -> dict:
    """Everything the judgement needs from git: the changes, both trees and the base's roles."""
    from ...ownership import changes, git
    from ...ownership.roles import ROLES_PATH, Roles, RolesError, parse_roles
    from ...ownership.trees import CommitTree

    # The records folder as git names it: its parent resolved (the repository may sit behind a
    # symlink), its own name never followed (a symlink there is what a hostile PR makes).
    given = Path(os.path.abspath(args.records))
    records = given if given == given.parent else given.parent.resolve() / given.name
    try:
        repo = git.toplevel(records if records.is_dir() and not records.is_symlink() else records.parent)
        base, head = git.commit_of(repo, args.base), git.commit_of(repo, args.head)
        if not records.is_relative_to(repo.resolve()):
            raise UsageError(f"记录文件夹 {args.records} 不在 git 仓库 {repo} 中")
        prefix = records.relative_to(repo.resolve()).as_posix()
        prefix = "" if prefix == "." else prefix
        roles_path = args.roles or ROLES_PATH
        raw_roles = git.read_blob(repo, base, roles_path)  # from the base: a PR cannot make itself staff
        roles = parse_roles(raw_roles, f"{roles_path}（{args.base}）") if raw_roles is not None else Roles()
        found = changes.record_changes(git.changed_files(repo, base, head), prefix)
    except (git.GitError, RolesError) as exc:
        raise UsageError(str(exc)) from None
    return {
        "changes": found,
        "roles": roles,
        "roles_missing": raw_roles is None,
        "roles_path": roles_path,
        "prefix": prefix,
        "base": CommitTree(repo, base, prefix),
        "head": CommitTree(repo, head, prefix),
    }


def _summary(verdicts, refused, actor: str) -> str:
    if not verdicts:
        return "本次改动没有涉及记录文件"
    if not refused:
        return f"共 {len(verdicts)} 个记录文件有改动，@{actor} 都有权修改"
    return f"共 {len(verdicts)} 个记录文件有改动，其中 {len(refused)} 个 @{actor} 无权修改"


def _annotation(path: str, message: str) -> str:
    from ..output import workflow_command

    return workflow_command("error", path, None, "check-changes", message)


def _write_step_summary(verdicts, actor: str, where) -> None:
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary_file or not verdicts:
        return
    lines = [f"## 修改权限检查（@{actor}）", "", "| 文件 | 改动 | 结果 | 说明 |", "|---|---|---|---|"]
    for verdict in verdicts:
        result = "✅ 可以" if verdict.allowed else "❌ 不可以"
        reason = verdict.reason.replace("|", "\\|")
        lines.append(f"| `{where(verdict.change.path)}` | {verdict.change.action} | {result} | {reason} |")
    with open(summary_file, "a", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
