"""The program staff: `.github/gaoxin-roles.yml`, one list of usernames per role.

```yaml
roles:
  科技创新局: [kjcxj-zhang]
  党群工作部: [dqgzb-wang]
```

Staff may change every file, review every pull request and are the fallback owners of
everything. Only personal logins are accepted, not teams: `check-changes` must decide
from the file alone whether the author of a pull request is staff.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import RolesError
from ..records.models.common import USERNAME
from ..records.parsing import YamlProblem, decode, parse

ROLES_PATH = ".github/gaoxin-roles.yml"
PERSONAL_LOGIN = re.compile(rf"^{USERNAME}$")




def normal(login: str) -> str:
    """GitHub logins compare case-insensitively and may be written with a leading @."""
    return login.removeprefix("@").lower()


@dataclass(frozen=True)
class Roles:
    """Role name (Chinese, e.g. 科技创新局) -> logins, in file order."""

    roles: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def logins(self) -> tuple[str, ...]:
        """Every staff login once, in file order."""
        seen: dict[str, str] = {}
        for logins in self.roles.values():
            for login in logins:
                seen.setdefault(normal(login), login)
        return tuple(seen.values())

    def role_of(self, login: str) -> str | None:
        """The first role that lists `login`, or None when it is not staff."""
        for role, logins in self.roles.items():
            if normal(login) in {normal(item) for item in logins}:
                return role
        return None


def parse_roles(raw: bytes, source: str = ROLES_PATH) -> Roles:
    """Read the roles file's bytes; raise `RolesError` with a Chinese message saying what to fix."""
    try:
        data = parse(decode(raw))
    except YamlProblem as problem:
        raise RolesError(f"{source} 第 {problem.line} 行：{problem.message}") from None
    if set(data) != {"roles"} or not isinstance(data["roles"], dict) or not data["roles"]:
        raise RolesError(f"{source} 应只有一个键 roles，其下每个角色（如 科技创新局）对应一组代码仓库账号")
    roles: dict[str, tuple[str, ...]] = {}
    for role, logins in data["roles"].items():
        if not isinstance(logins, list) or not logins:
            raise RolesError(f"{source}：角色 {role} 应对应至少一个账号的列表，如 [kjcxj-zhang]")
        for login in logins:
            if not isinstance(login, str) or not PERSONAL_LOGIN.match(login.removeprefix("@")):
                raise RolesError(
                    f"{source}：角色 {role} 中的 {login!r} 不是个人账号（只能有字母、数字、连字符、下划线和点，不能是团队）"
                )
        roles[str(role)] = tuple(login.removeprefix("@") for login in logins)
    return Roles(roles)
