"""gaoxin check-changes: may the author of a pull request change every record it touches?

Without --base and --actor they come from the CI run: a GitLab merge request pipeline's
predefined variables and the merge request's author from GitLab's API (see
`ownership/merge_request.py`), or the pull_request event of GitHub, Gitea or Forgejo Actions.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from ...errors import UsageError

# GitLab merge request pipelines, best first: the target branch's head (merged results
# pipelines only), the fetched target branch, the merge base of the diff.
GITLAB_BASES = ("CI_MERGE_REQUEST_TARGET_BRANCH_SHA", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME",
                "CI_MERGE_REQUEST_DIFF_BASE_SHA")


def add_arguments(parser) -> None:
    parser.add_argument("--base", default=None, metavar="REF",
                        help="PR 的基准提交（如 origin/main 或基准 sha）；权限按这一版本的记录判断。"
                             "不给时读取 GitLab 合并请求流水线的 CI_MERGE_REQUEST_TARGET_BRANCH_SHA、"
                             "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME 或 CI_MERGE_REQUEST_DIFF_BASE_SHA，"
                             "或 GitHub/Gitea/Forgejo Actions 的 pull_request 事件")
    parser.add_argument("--head", default="HEAD", metavar="REF", help="PR 的最新提交（默认 HEAD）")
    parser.add_argument("--actor", default=None, metavar="LOGIN",
                        help="PR 作者的账号；不给时在 GitLab 合并请求流水线中向 GitLab API 查询合并请求的作者"
                             "（私有项目需 CI/CD 变量 GAOXIN_GITLAB_TOKEN），或读取 pull_request 事件的作者")
    parser.add_argument("--roles", default=None, metavar="PATH",
                        help="工作人员角色配置在仓库中的路径（默认 .github/gaoxin-roles.yml，从 --base 版本读取）")
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="输出格式：text（默认）或 github（GitHub Actions 注释）")


def from_ci(environ) -> tuple[list[str], Callable[[], str | None]]:
    """(base refs to try in order, a function giving the author) the CI run names for its merge or pull request.

    The author is asked for only when --actor is not given: on GitLab it takes a request to
    the API, since no predefined variable names a merge request's author.
    """
    if environ.get("GITLAB_CI"):
        from ...ownership.merge_request import is_merge_request_pipeline, merge_request_author

        bases = [environ.get(name, "").strip() for name in GITLAB_BASES]
        if bases[1]:
            bases[1] = f"origin/{bases[1]}"
        author = (lambda: merge_request_author(environ)) if is_merge_request_pipeline(environ) else (lambda: None)
        return [base for base in bases if base], author
    event = _event(environ.get("GITHUB_EVENT_PATH"))
    pull = event.get("pull_request") if isinstance(event.get("pull_request"), dict) else {}
    base = (pull.get("base") or {}).get("sha") if isinstance(pull.get("base"), dict) else None
    user = (pull.get("user") or {}).get("login") if isinstance(pull.get("user"), dict) else None
    return ([base] if isinstance(base, str) and base else []), lambda: user if isinstance(user, str) else None


def _event(path: str | None) -> dict:
    if not path:
        return {}
    try:
        with open(path, encoding="utf-8") as handle:
            event = json.load(handle)
    except (OSError, ValueError):
        return {}
    return event if isinstance(event, dict) else {}


def run(args) -> int:
    from ...ownership import changes
    from ...ownership.roles import normal

    bases, ci_actor = from_ci(os.environ)
    args.bases = [args.base] if args.base else bases
    if not args.bases:
        raise UsageError("请用 --base 给出 PR 的基准提交（在 GitLab 合并请求流水线和 pull_request 事件中可自动读取）")
    actor = normal(args.actor if args.actor is not None else ci_actor() or "")
    if not actor:
        raise UsageError("请用 --actor 给出 PR 作者的账号（在 GitLab 合并请求流水线和 pull_request 事件中可自动读取），不能为空")
    pull = _read_pull_request(args)
    verdicts = changes.in_order(changes.judge(pull["changes"], actor, pull["roles"], pull["base"], pull["head"]))
    refused = [verdict for verdict in verdicts if not verdict.allowed]
    prefix = pull["prefix"]

    def where(path: str) -> str:  # "" is the records folder itself
        return f"{prefix}/{path}" if prefix and path else prefix or path

    from ..output import display

    if pull["roles_missing"]:
        print(display(f"注意：{pull['base_ref']} 中没有 {pull['roles_path']}，没有人被视为项目工作人员"))
    if args.format == "github":
        for verdict in refused:
            print(_annotation(where(verdict.change.path), f"{verdict.change.action}：{verdict.reason}"))
        _write_step_summary(verdicts, actor, where)
    else:
        for verdict in verdicts:
            mark = "可以" if verdict.allowed else "不可以"
            # A path from the pull request may hold newlines: shown escaped, it cannot forge a verdict.
            print(f"{display(where(verdict.change.path))}: {verdict.change.action}，{mark}：{display(verdict.reason)}")
    print(display(_summary(verdicts, refused, actor)))
    return 1 if refused else 0


def _read_pull_request(args) -> dict:
    """Everything the judgement needs from git: the changes, both trees and the base's roles."""
    from ...ownership import changes, git
    from ...ownership.roles import ROLES_PATH, Roles, parse_roles
    from ...ownership.trees import CommitTree

    # The records folder as git names it: its parent resolved (the repository may sit behind a
    # symlink), its own name never followed (a symlink there is what a hostile PR makes).
    given = Path(os.path.abspath(args.records))
    records = given if given == given.parent else given.parent.resolve() / given.name
    repo = git.toplevel(records if records.is_dir() and not records.is_symlink() else records.parent)
    base_ref, base = _first_commit(git, repo, args.bases)
    head = git.commit_of(repo, args.head)
    if not records.is_relative_to(repo.resolve()):
        raise UsageError(f"记录文件夹 {args.records} 不在 git 仓库 {repo} 中")
    prefix = records.relative_to(repo.resolve()).as_posix()
    prefix = "" if prefix == "." else prefix
    roles_path = args.roles or ROLES_PATH
    raw_roles = git.read_blob(repo, base, roles_path)  # from the base: a PR cannot make itself staff
    roles = parse_roles(raw_roles, f"{roles_path}（{base_ref}）") if raw_roles is not None else Roles()
    found = changes.record_changes(git.changed_files(repo, base, head), prefix)
    return {
        "changes": found,
        "roles": roles,
        "roles_missing": raw_roles is None,
        "roles_path": roles_path,
        "base_ref": base_ref,
        "prefix": prefix,
        "base": CommitTree(repo, base, prefix),
        "head": CommitTree(repo, head, prefix),
    }


def _first_commit(git, repo, refs: list[str]) -> tuple[str, str]:
    """The first of `refs` that names a commit here: (ref, commit id)."""
    for ref in refs[:-1]:
        try:
            return ref, git.commit_of(repo, ref)
        except git.GitError:
            continue
    return refs[-1], git.commit_of(repo, refs[-1])


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
    from ..output import append_step_summary, display, markdown_cell

    if not verdicts:
        return
    lines = [f"## 修改权限检查（@{display(actor)}）", "", "| 文件 | 改动 | 结果 | 说明 |", "|---|---|---|---|"]
    for verdict in verdicts:
        result = "✅ 可以" if verdict.allowed else "❌ 不可以"
        path, reason = markdown_cell(where(verdict.change.path), code=True), markdown_cell(verdict.reason)
        lines.append(f"| {path} | {verdict.change.action} | {result} | {reason} |")
    append_step_summary("\n".join(lines) + "\n")
