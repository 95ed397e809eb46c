"""Judge a pull request: may its author change every record it touches?

Ownership comes from the base version (`rights.py`), so a pull request that adds its
author to `maintainers` gains nothing until it is merged. What the base cannot say:

- a new enterprise or doctor: allowed when the author lists themself in its
  `maintainers` (they become its owner; anyone may propose a new record, and the staff
  still review it through CODEOWNERS);
- a new agreement: allowed to the maintainers of the enterprise it names (the
  enterprise files it, 第五条); changing it afterwards is for the staff;
- a new report: allowed to the owners of its agreement's reports, as for a changed one;
- a need: a new one is allowed to the maintainers of the enterprise it names; a changed one
  to the maintainers of the enterprise it named in the base and, if the change moves it to
  another enterprise, of that one too (an enterprise cannot post in another's name);
- deleting or renaming any record: staff only (the records are the program's archive).

A record added by the same pull request counts for the ones after it (`WithAdded`), so
one pull request can add an enterprise, its agreement and a first report together.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import rights
from .roles import Roles
from .trees import WithAdded

ADD, MODIFY, DELETE = "新增", "修改", "删除"


@dataclass(frozen=True)
class RecordChange:
    """One changed path under the records folder (relative to it), as the author made it."""

    action: str  # ADD, MODIFY or DELETE
    path: str
    renamed_to: str | None = None  # a rename is judged as deleting `path`


@dataclass(frozen=True)
class Verdict:
    change: RecordChange
    allowed: bool
    reason: str


def record_changes(file_changes, prefix: str) -> list[RecordChange]:
    """The changes under the records folder `prefix`, renames split into delete and add."""
    def inside(path: str) -> str | None:
        if not prefix:
            return path
        return path[len(prefix) + 1 :] if path.startswith(prefix + "/") else None

    changes = []
    for change in file_changes:
        new = inside(change.path)
        if change.status == "R":
            old = inside(change.old_path)
            if old is not None:
                changes.append(RecordChange(DELETE, old, renamed_to=change.path))
            if new is not None:
                changes.append(RecordChange(ADD, new))
        elif new is None:
            continue
        elif change.status in "AC":
            changes.append(RecordChange(ADD, new))
        elif change.status == "D":
            changes.append(RecordChange(DELETE, new))
        else:  # M, T (type change) and anything unusual count as a modification
            changes.append(RecordChange(MODIFY, new))
    return changes


def judge(changes: list[RecordChange], actor: str, roles: Roles, base, head) -> list[Verdict]:
    """One verdict per change: may `actor` make it? `base` and `head` are record trees."""
    role = roles.role_of(actor)
    if role:
        return [Verdict(change, True, f"@{actor} 是项目工作人员（{role}），可以修改全部记录") for change in changes]
    known = WithAdded(base, head, {change.path for change in changes if change.action == ADD})
    return [_judge_one(change, actor, base, head, known) for change in changes]


def in_order(verdicts: list[Verdict]) -> list[Verdict]:
    return sorted(verdicts, key=lambda verdict: (verdict.change.path, verdict.change.action))


def _judge_one(change: RecordChange, actor: str, base, head, known) -> Verdict:
    path = change.path
    if change.action == DELETE:
        what = f"重命名为 {change.renamed_to}（等于删除原记录）" if change.renamed_to else "删除记录"
        return Verdict(change, False, f"{what}只能由项目工作人员进行：记录是项目的档案；如确需{'改名' if change.renamed_to else '删除'}，请在 PR 中说明原因，由工作人员处理")
    if change.action == ADD and rights.maintained_record(path):
        return _new_maintained(change, actor, head)
    if change.action == ADD and path.startswith("agreements/"):
        return _new_agreement(change, actor, head, known)
    if rights.enterprise_record(path):
        return _need(change, actor, base, head, known)
    # A report may be added or changed by the owners of its agreement's reports; an existing
    # enterprise or doctor by its base maintainers.
    owners = rights.owners(known if rights.report_agreement(path) else base, path)
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


def _new_agreement(change: RecordChange, actor: str, head, known) -> Verdict:
    agreement = head.mapping(change.path) or {}
    enterprise = agreement.get("enterprise")
    if not isinstance(enterprise, str) or not rights.maintained_record(f"enterprises/{enterprise}.yml"):
        return Verdict(change, False, "新增协议须写明 enterprise（入驻企业 id），且只有该企业的维护人或项目工作人员可以新增")
    owners = rights.owners(known, f"enterprises/{enterprise}.yml")
    if owners.include(actor):
        return Verdict(change, True, f"新增协议，@{actor} 是入驻{owners.who}")
    listed = f"（{_listed(owners)}）" if owners.logins else "（尚未登记）"
    return Verdict(
        change, False, f"新增协议只能由入驻{owners.who}{listed}或项目工作人员提交，@{actor} 不在其中"
    )


def _need(change: RecordChange, actor: str, base, head, known) -> Verdict:
    """A need added or changed: the enterprise it names (before and after) must be the actor's."""
    sides = [known] if change.action == ADD else [base, _Head(known, head, change.path)]
    for tree in sides:
        if rights.named_enterprise(tree, change.path) is None:
            return Verdict(change, False, "需求须写明 enterprise（发布需求的企业 id），且只有该企业的维护人或项目工作人员可以提交")
        owners = rights.enterprise_owners(tree, change.path)
        if not owners.include(actor):
            return Verdict(change, False, _not_owner(actor, owners))
    verb = "新增" if change.action == ADD else "修改"
    return Verdict(change, True, f"{verb}需求，@{actor} 是{owners.who}")


class _Head:
    """`known` (base plus added records), except that `path` is read from the head."""

    def __init__(self, known, head, path: str):
        self.known, self.head, self.path = known, head, path

    def mapping(self, path: str) -> dict | None:
        return (self.head if path == self.path else self.known).mapping(path)


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
