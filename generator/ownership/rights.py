"""Who besides the staff may change which record: the `owners` column of records/kinds.py.

| record                              | owners besides the staff                                    |
|-------------------------------------|-------------------------------------------------------------|
| `enterprises/<id>.yml`              | the enterprise's `maintainers`                              |
| `doctors/<id>.yml`                  | the doctor's `maintainers`                                  |
| `reports/<agreement>/…`             | the `maintainers` of the agreement's enterprise and doctor  |
| `needs/<id>.yml`                    | the `maintainers` of the enterprise the need names          |
| `supports/<id>.yml`                 | the `maintainers` of the enterprise it names, and its own   |
| `visits/<id>.yml`                   | for a 派出单位调研, the `maintainers` of the university it names; and its own |
| policy, universities, agreements, evaluations, meetings, anything else | nobody: staff only |

Reports belong to both sides of a residency: the doctor reports (第十三条) and the
enterprise manages the residency (第二条). A need belongs to the enterprise that posts it
(第五条 供需对接), and so does a support done with its doctor (第十八、十九条); a university
records its own leaders' visits (第九条), while the other visits are the staff's. What happens
to new and deleted records, and who may close a problem (`closing.py`), is decided in
`changes.py`; this module only answers "who owns this path in this tree".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from ..records.address import RecordRef
from ..records.ids import is_id, is_period
from ..records.kinds import BY_FOLDER, ENTERPRISE, KINDS, MAINTAINERS, REPORTS_FOLDER, UNIVERSITY
from ..records.models.common import LOGIN_PATTERN
from ..records.models.visit import UNIVERSITY_VISIT
from .roles import normal

# The `Login` type of the record models: a username, or a team (`org/team`, `group/subgroup`).
MAINTAINER = re.compile(LOGIN_PATTERN)

# Records that name their own maintainers (records/kinds.py), by folder, and what they are
# called in messages.
MAINTAINED = {folder: kind.noun for folder, kind in BY_FOLDER.items() if kind.owners == MAINTAINERS}

# Records that belong to the record they name: the enterprise in `enterprise` (needs/, supports/) or,
# for a 派出单位调研, the university in `university` (visits/), by folder.
NAMED = {folder: kind for folder, kind in BY_FOLDER.items() if kind.owners in (ENTERPRISE, UNIVERSITY)}

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


def named_record(path: str) -> tuple[str, str] | None:
    """`needs/x.yml`, `supports/x.yml`, `visits/x.yml` -> (folder, "x"); None for any other path."""
    return _record_in(NAMED, path)


def _named_id(tree: Tree, path: str, key: str) -> str | None:
    data = tree.mapping(path)
    value = data.get(key) if isinstance(data, dict) else None
    return value if is_id(value) else None


def named_owners(tree: Tree, path: str) -> Owners | None:
    """The maintainers of the enterprise (or university) the record at `path` names; None if it names none.

    A visit names its university's maintainers only as a 派出单位调研 (第九条): other visits are the staff's.
    """
    folder, record_id = named_record(path)
    kind = NAMED[folder]
    if kind.owners == ENTERPRISE:
        enterprise = _named_id(tree, path, "enterprise")
        if enterprise is None:
            return None
        logins = maintainers(tree, RecordRef("enterprise", enterprise).path)
        return Owners(logins, f"{kind.noun} {record_id} 所写企业 {enterprise} 的维护人")
    data = tree.mapping(path)
    university = _named_id(tree, path, "university")
    if not isinstance(data, dict) or data.get("kind") != UNIVERSITY_VISIT or university is None:
        return None
    logins = maintainers(tree, RecordRef("university", university).path)
    return Owners(logins, f"{UNIVERSITY_VISIT} {record_id} 所写派出单位 {university} 的维护人")


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
    if record := named_record(path):
        named = named_owners(tree, path)
        own = maintainers(tree, path)
        if named is None and not own:
            return None
        who = "、".join(part for part in (named.who if named else "", "本记录的维护人" if own else "") if part)
        return Owners(unique([*(named.logins if named else ()), *own]), who)
    return None


def staff_only_reason(path: str) -> str:
    """Why only the staff may change `path` (a path `owners` returns None for)."""
    return STAFF_ONLY.get(path.partition("/")[0], OTHER_FILES)


def unique(logins) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for login in logins:
        seen.setdefault(normal(login), login)
    return tuple(seen.values())
