"""Only the staff close a problem (第十二条 清零销号): who raised it and who owns the record do not.

A problem on a visit or a meeting is closed by setting its `closed` date and `resolution`. An
owner of the record besides the staff (a university's maintainer, the visit's own) may add
problems, extend them and record a revisit, but not set, change or remove the closing of one,
nor remove a problem: a problem that vanished would read as settled.
"""

from __future__ import annotations

from ..records.kinds import BY_FOLDER

# Folders whose records carry `problems` (visits/, meetings/), read from the models.
WITH_PROBLEMS = frozenset(folder for folder, kind in BY_FOLDER.items()
                          if "problems" in getattr(kind.model, "model_fields", {}))
CLOSING = ("closed", "resolution")


def has_problems(path: str) -> bool:
    return path.partition("/")[0] in WITH_PROBLEMS


def _problems(data) -> dict[str, dict]:
    """Problem id -> the problem, for the well-formed problems of a parsed record."""
    items = data.get("problems") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return {}
    return {str(item["id"]): item for item in items if isinstance(item, dict) and "id" in item}


def closing_change(base: dict | None, head: dict | None) -> str | None:
    """Why a change from `base` to `head` needs the staff (a problem closed, reopened or removed), or None."""
    before, after = _problems(base), _problems(head)
    reasons = []
    for problem_id in [*before, *(key for key in after if key not in before)]:
        old, new = before.get(problem_id, {}), after.get(problem_id)
        if new is None:
            reasons.append(f"删除了问题 {problem_id}：问题跟踪至办结，只有项目工作人员可以删除（第十二条）")
        elif changed := [key for key in CLOSING if old.get(key) != new.get(key)]:
            reasons.append(f"问题 {problem_id} 的 {'、'.join(changed)} 有改动：问题由项目工作人员办结（第十二条），"
                           "请把办结情况告诉工作人员，由他们填写 closed 和 resolution")
    return "；".join(reasons) or None
