"""Problems raised on visits and at 恳谈会, followed to closure (第十二条 及时发现解决存在问题).

Every finding about a problem stands at its `id` line.
"""

from __future__ import annotations

from ..queries.problems import OVERDUE, problem_states, raised_problems
from ..records.program import Program
from . import Found, check


def _consistency(problem, raised) -> list[str]:
    """What is wrong with one problem as written (art12.problem), each as a message."""
    found = []
    if problem.closed is not None and problem.resolution is None:
        found.append(f"问题 {problem.id} 写了办结日期 closed，却没有办结情况 resolution：请写明如何解决的")
    if problem.resolution is not None and problem.closed is None:
        found.append(f"问题 {problem.id} 写了办结情况 resolution，却没有办结日期 closed：已办结的请写上 closed，未办结的请删除 resolution")
    if problem.extended is not None and problem.extended.to <= problem.deadline:
        found.append(f"问题 {problem.id} 延期至 {problem.extended.to}，不晚于原办理期限 {problem.deadline}：extended.to 应晚于 deadline")
    if problem.deadline < raised:
        found.append(f"问题 {problem.id} 的办理期限 {problem.deadline} 早于提出问题的日期 {raised}：请核对 deadline")
    if problem.closed is not None and problem.closed < raised:
        found.append(f"问题 {problem.id} 的办结日期 {problem.closed} 早于提出问题的日期 {raised}：请核对 closed")
    if problem.revisit is not None and problem.closed is None:
        found.append(f"问题 {problem.id} 尚未办结，不能回访：回访 revisit 在办结（closed）之后填写")
    elif problem.revisit is not None and problem.revisit.date < problem.closed:
        found.append(f"问题 {problem.id} 的回访日期 {problem.revisit.date} 早于办结日期 {problem.closed}：回访应在办结之后")
    return found


@check("art12.problem", needs_policy=False)
def problem_as_written(program: Program, as_of) -> Found:
    seen: dict = {}
    for record, raised, _, index, problem in raised_problems(program):
        where = (record, ("problems", index, "id"))
        for message in _consistency(problem, raised):
            yield *where, f"{message}（第十二条）"
        first = seen.setdefault((record, problem.id), index)
        if first != index:
            yield (*where, f"问题编号 {problem.id} 与第 {first + 1} 个问题重复（第十二条：每个问题单独跟踪至办结）："
                           f"请换一个编号，如 p{index + 1}")


@check("art12.problem-overdue", needs_policy=False)
def problem_overdue(program: Program, as_of) -> Found:
    for state in problem_states(program, as_of):
        if state.status == OVERDUE:
            problem = state.problem
            extended = f"（已延期至 {problem.extended.to}）" if problem.extended else ""
            yield (
                state.record,
                ("problems", state.index, "id"),
                f"问题“{problem.description}”（主办：{problem.owner}）办理期限 {state.deadline}{extended} 已过 "
                f"{-state.days_left} 天仍未办结（第十二条：及时发现解决存在问题）：请督促主办单位办理，办结后由工作人员"
                "填写 closed 和 resolution；确需延期的，请写明 extended 的 to 和 reason",
            )
