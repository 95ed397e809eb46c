"""Judge a pull request: may its author change every record it touches?

Ownership comes from the base version (`rights.py`), so a pull request that adds its
author to `maintainers` gains nothing until it is merged. What the base cannot say:

- a new enterprise or doctor: allowed when the author lists themself in its
  `maintainers` (they become its owner; anyone may propose a new record, and the staff
  still review it through CODEOWNERS);
- a new agreement: staff only. 第五条 asks for 双向选择: the doctor and the enterprise
  both choose, sign, and file the agreement with the 科技创新局. One pull request has one
  author, who can speak for one side at most (and a stranger can list themself as the
  maintainer of an enterprise they just invented), so the staff, who receive the filing,
  enter the agreement; changing it afterwards is for the staff too;
- a new report: allowed to the owners of its agreement's reports, as for a changed one;
  the agreement must be in the base (the staff have entered it);
- a need or a support: a new one is allowed to the maintainers of the enterprise it names; a
  changed one to the maintainers of the enterprise it named in the base and, if the change
  moves it to another enterprise, of that one too (an enterprise cannot post in another's
  name); a support's own base `maintainers` may change it too;
- a visit: staff only, except a 派出单位调研, which the maintainers of the university it names
  may add and change (第九条; moving it to another university needs that one's too); a visit's
  own base `maintainers` may change it;
- closing a problem (its `closed` and `resolution`) or removing one: staff only (`closing.py`),
  whoever may change the rest of the record;
- deleting or renaming any record: staff only (the records are the program's archive).

Paths are judged as git reports them on both sides of the diff, by their text and mode,
never through the work tree: a record that is (or was) a symlink or a submodule, and any
change to the records folder itself (replaced by a symlink, say), is for the staff alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..records.address import RecordRef
from . import rights
from .closing import closing_change, has_problems
from .git import GITLINK, SYMLINK
from .roles import Roles

ADD, MODIFY, DELETE = "新增", "修改", "删除"
# What a change is besides an ordinary record file (the `special` of a RecordChange).
ROOT, LINK, SUBMODULE = "root", "symlink", "gitlink"


@dataclass(frozen=True)
class RecordChange:
    """One changed path under the records folder (relative to it), as the author made it."""

    action: str  # ADD, MODIFY or DELETE
    path: str  # "" for the records folder itself
    renamed_to: str | None = None  # a rename is judged as deleting `path`
    special: str | None = None  # ROOT, LINK or SUBMODULE; None for a file


@dataclass(frozen=True)
class Verdict:
    change: RecordChange
    allowed: bool
    reason: str


def record_changes(file_changes, prefix: str) -> list[RecordChange]:
    """The changes under the records folder `prefix`, renames split into delete and add.

    A change to the folder itself or to a folder holding it (`records` replaced by a symlink
    or a submodule) is one change of path "" marked ROOT: the files it hides are judged
    too, as deleted.
    """
    def inside(path: str) -> str | None:
        if not prefix:
            return path
        if path == prefix or prefix.startswith(path + "/"):
            return ""
        return path[len(prefix) + 1 :] if path.startswith(prefix + "/") else None

    def special(path: str, modes) -> str | None:
        if path == "":
            return ROOT
        return LINK if SYMLINK in modes else SUBMODULE if GITLINK in modes else None

    changes = []
    for change in file_changes:
        new = inside(change.path)
        if change.status == "R":
            old = inside(change.old_path)
            if old is not None:
                changes.append(RecordChange(DELETE, old, change.path, special(old, change.modes)))
            if new is not None:
                changes.append(RecordChange(ADD, new, None, special(new, change.modes)))
            continue
        if new is None:
            continue
        action = ADD if change.status in "AC" else DELETE if change.status == "D" else MODIFY  # M, T (type change)…
        changes.append(RecordChange(action, new, None, special(new, change.modes)))
    return changes


def judge(changes: list[RecordChange], actor: str, roles: Roles, base, head) -> list[Verdict]:
    """One verdict per change: may `actor` make it? `base` and `head` are record trees."""
    role = roles.role_of(actor)
    if role:
        return [Verdict(change, True, f"@{actor} 是项目工作人员（{role}），可以修改全部记录") for change in changes]
    return [_judge_one(change, actor, base, head) for change in changes]


def in_order(verdicts: list[Verdict]) -> list[Verdict]:
    return sorted(verdicts, key=lambda verdict: (verdict.change.path, verdict.change.action))


SPECIAL_REASONS = {
    ROOT: "记录文件夹本身被改动（例如换成了符号链接、子模块或文件）：只有项目工作人员可以这样做",
    LINK: "这是（或原来是）符号链接：records/ 中只能放普通文件，符号链接只有项目工作人员可以处理",
    SUBMODULE: "这是（或原来是）git 子模块：records/ 中只能放普通文件，子模块只有项目工作人员可以处理",
}
NEW_AGREEMENT = (
    "新增协议只能由项目工作人员登记：第五条要求博士和企业双向选择，协议签订并备案至区科技创新局后，"
    "由工作人员按备案材料录入；请提交“请工作人员代为录入” issue，附上在线填写生成的协议内容"
)


def _judge_one(change: RecordChange, actor: str, base, head) -> Verdict:
    verdict = _owner_verdict(change, actor, base, head)
    if verdict.allowed and has_problems(change.path):
        reason = closing_change(base.mapping(change.path), head.mapping(change.path))
        if reason:
            return Verdict(change, False, reason)
    return verdict


def _owner_verdict(change: RecordChange, actor: str, base, head) -> Verdict:
    path = change.path
    if change.special:
        return Verdict(change, False, SPECIAL_REASONS[change.special])
    if change.action == DELETE:
        what = f"重命名为 {change.renamed_to}（等于删除原记录）" if change.renamed_to else "删除记录"
        return Verdict(change, False, f"{what}只能由项目工作人员进行：记录是项目的档案；"
                                      f"如确需{'改名' if change.renamed_to else '删除'}，请在 PR 中说明原因，由工作人员处理")
    if change.action == ADD and rights.maintained_record(path):
        return _new_maintained(change, actor, head)
    if change.action == ADD and path.startswith("agreements/"):
        return Verdict(change, False, NEW_AGREEMENT)
    if rights.named_record(path):
        return _named(change, actor, base, head)
    agreement = rights.report_agreement(path)
    if agreement and base.mapping(RecordRef("agreement", agreement).path) is None:
        return Verdict(change, False, f"协议 {agreement} 尚未登记：季度报送和总结须在工作人员登记协议之后提交")
    # A report may be added or changed by the owners of its agreement's reports; an existing
    # enterprise or doctor by its base maintainers.
    owners = rights.owners(base, path)
    if owners is None:
        return Verdict(change, False, rights.staff_only_reason(path))
    if owners.include(actor):
        return Verdict(change, True, f"@{actor} 是{owners.who}")
    return Verdict(change, False, _not_owner(actor, owners))


def _new_maintained(change: RecordChange, actor: str, head) -> Verdict:
    folder, _ = rights.maintained_record(change.path)
    listed = rights.Owners(rights.maintainers(head, change.path), "")
    if listed.include(actor):
        return Verdict(change, True, f"新增{rights.MAINTAINED[folder]}记录，@{actor} 已列为维护人")
    return Verdict(
        change,
        False,
        f"新增{rights.MAINTAINED[folder]}记录时，请在 maintainers 中写上你自己的账号"
        f"（如 maintainers: [{actor}]），这样今后你可以继续维护它",
    )


def _named(change: RecordChange, actor: str, base, head) -> Verdict:
    """A need, support or visit: the enterprise (or university) it names, before and after, must be the actor's, in the base."""
    folder, _ = rights.named_record(change.path)
    kind = rights.NAMED[folder]
    verb = "新增" if change.action == ADD else "修改"
    own = rights.Owners(rights.maintainers(base, change.path), "本记录的维护人")
    if change.action != ADD and own.include(actor):
        return Verdict(change, True, f"{verb}{kind.noun}，@{actor} 是{own.who}")
    sides = [_Head(base, head, change.path)] if change.action == ADD else [base, _Head(base, head, change.path)]
    for tree in sides:
        owners = rights.named_owners(tree, change.path)
        if owners is None:
            return Verdict(change, False, kind.staff_reason or
                           f"{kind.noun}须写明 enterprise（企业 id），且只有该企业的维护人或项目工作人员可以提交")
        if not owners.include(actor):
            return Verdict(change, False, _not_owner(actor, owners))
    return Verdict(change, True, f"{verb}{kind.noun}，@{actor} 是{owners.who}")


class _Head:
    """The base, except that `path` is read from the head."""

    def __init__(self, base, head, path: str):
        self.base, self.head, self.path = base, head, path

    def mapping(self, path: str) -> dict | None:
        return (self.head if path == self.path else self.base).mapping(path)


def _not_owner(actor: str, owners: rights.Owners) -> str:
    if not owners.logins:
        return (
            f"{owners.who}尚未登记（maintainers 为空），目前只有项目工作人员可以修改；"
            "如需成为维护人，请提交“申请成为维护人”issue"
        )
    return (
        f"只有{owners.who}（{_listed(owners)}）和项目工作人员可以修改，@{actor} 不在其中；"
        "如需成为维护人，请现有维护人或工作人员在 maintainers 中加上你的账号"
    )


def _listed(owners: rights.Owners) -> str:
    return "、".join(f"@{login}" for login in owners.logins)
