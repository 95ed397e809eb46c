"""Who besides the staff may change which record: the `owners` column of records/kinds.py.

| record                              | owners besides the staff                                    |
|-------------------------------------|-------------------------------------------------------------|
| `enterprises/<id>.yml`              | the enterprise's `maintainers`                              |
| `doctors/<id>.yml`                  | the doctor's `maintainers`                                  |
| `reports/<agreement>/…`             | the `maintainers` of the agreement's enterprise and doctor  |
| `needs/<id>.yml`                    | the `maintainers` of the enterprise the need names          |
| policy, universities, agreements, evaluations, meetings, anything else | nobody: staff only |

Reports belong to both sides of a residency: the doctor reports (第十三条) and the
enterprise manages the residency (第二条). A need belongs to the enterprise that posts it
(第五条 供需对接). What happens to new and deleted records
is decided in `changes.py`; this module only answers "who owns this path in this tree".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from ..records.address import RecordRef
from ..records.ids import is_id, is_period
from ..records.kinds import BY_FOLDER, ENTERPRISE, KINDS, MAINTAINERS, REPORTS_FOLDER
from ..records.models.common import LOGIN_PATTERN
from .roles import normal

# The `Login` type of the record models: a username, or a team (`org/team`, `group/subgroup`).
MAINTAINER = re.compile(LOGIN_PATTERN)

# Records that name their own maintainers (records/kinds.py), by folder, and what they are
# called in messages.
MAINTAINED = {folder: kind.noun for folder, kind in BY_FOLDER.items() if kind.owners == MAINTAINERS}

# Records that belong to the enterprise they name in `enterprise` (needs/), by folder.
ENTERPRISE_RECORDS = {folder: kind.noun for folder, kind in BY_FOLDER.items() if kind.owners == ENTERPRISE}

# Why only the staff may change a folder (shown to whoever tried).
STAFF_ONLY = {kind.folder or kind.path(""): kind.staff_reason for kind in KINDS.values() if kind.staff_reason}
OTHER_FILES = "records/ 中的这个文件只能由项目工作人员修改"


class Tree(Protocol):
    """A version of the records folder (the working copy or a git commit)."""

    def mapping(self, path: str) -> dict | None:
        """The parsed record at `path` (relative to the records folder), or None."""


@dataclass(frozen=True)
class Owners:
    """The logins that own a record besides the staff, and how to name them in Chinese."""

    logins: tuple[str, ...]
    who: str

    def include(self, login: str) -> bool:
        return normal(login) in {normal(item) for item in self.logins}


def maintainers(tree: Tree, path: str) -> tuple[str, ...]:
    """The well-formed `maintainers` of the record at `path`, without @ (none if unreadable)."""
    data = tree.mapping(path)
    value = data.get("maintainers") if isinstance(data, dict) else None
    if not isinstance(value, list):
        return ()
    return tuple(item.removeprefix("@") for item in value if isinstance(item, str) and MAINTAINER.match(item))


def _record_in(folders, path: str) -> tuple[str, str] | None:
    folder, _, name = path.partition("/")
    if folder in folders and "/" not in name and name.endswith(".yml") and is_id(name[:-4]):
        return folder, name[:-4]
    return None


def maintained_record(path: str) -> tuple[str, str] | None:
    """`enterprises/x.yml` -> ("enterprises", "x"); None for any other path."""
    return _record_in(MAINTAINED, path)


def enterprise_record(path: str) -> tuple[str, str] | None:
    """`needs/x.yml` -> ("needs", "x"); None for any other path."""
    return _record_in(ENTERPRISE_RECORDS, path)


def named_enterprise(tree: Tree, path: str) -> str | None:
    """The enterprise id the record at `path` names in `enterprise` (None if it names none)."""
    data = tree.mapping(path)
    enterprise = data.get("enterprise") if isinstance(data, dict) else None
    return enterprise if is_id(enterprise) else None


def enterprise_owners(tree: Tree, path: str) -> Owners:
    """The maintainers of the enterprise a need names: they own the need."""
    enterprise = named_enterprise(tree, path)
    logins = maintainers(tree, RecordRef("enterprise", enterprise).path) if enterprise else ()
    _, record_id = enterprise_record(path)
    who = f"发布{ENTERPRISE_RECORDS[path.partition('/')[0]]} {record_id} 的企业{f' {enterprise} ' if enterprise else ''}的维护人"
    return Owners(logins, who)


def report_agreement(path: str) -> str | None:
    """`reports/a2026-001/2026Q3.yml` -> "a2026-001"; None for any other path."""
    parts = path.split("/")
    if (len(parts) == 3 and parts[0] == REPORTS_FOLDER and parts[2].endswith(".yml")
            and is_id(parts[1]) and is_period(parts[2][:-4])):
        return parts[1]
    return None


def residency_owners(tree: Tree, agreement_id: str) -> Owners:
    """The maintainers of an agreement's enterprise and doctor: they own its reports."""
    agreement = tree.mapping(RecordRef("agreement", agreement_id).path) or {}
    logins: list[str] = []
    for kind in ("enterprise", "doctor"):
        record_id = agreement.get(kind)
        if is_id(record_id):
            logins += maintainers(tree, RecordRef(kind, record_id).path)
    return Owners(unique(logins), f"协议 {agreement_id} 的入驻企业和博士的维护人")


def owners(tree: Tree, path: str) -> Owners | None:
    """Who besides the staff owns the record at `path` in `tree`; None when only the staff do."""
    if record := maintained_record(path):
        folder, record_id = record
        return Owners(maintainers(tree, path), f"{MAINTAINED[folder]} {record_id} 的维护人")
    if agreement_id := report_agreement(path):
        return residency_owners(tree, agreement_id)
    if enterprise_record(path):
        return enterprise_owners(tree, path)
    return None


def staff_only_reason(path: str) -> str:
    """Why only the staff may change `path` (a path `owners` returns None for)."""
    return STAFF_ONLY.get(path.partition("/")[0], OTHER_FILES)


def unique(logins) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for login in logins:
        seen.setdefault(normal(login), login)
    return tuple(seen.values())
