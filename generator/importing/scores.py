"""import --kind scores: the parties' scoring sheets (`export scoring`) into the round's evaluations, all or nothing.

Each worksheet is one party's sheet of one round: row 1 names them (`documents/scoring_sheet.py`),
row 2 the columns, then a row per evaluation. A row whose points, date and opinion are all
empty is a residency the party has not scored: it is skipped. Any other row becomes that
party's entry in the evaluation's `scores`, replacing the party's earlier entry whole (an
opinion left empty is removed) and keeping every other key and comment of the file
(`merge.py`, `patch.py`). A row whose evaluation does not exist yet creates it, the keys it
needs taken from the residency year (agreement, round, covers), its date the latest score
date, its evaluators the scheme's parties.

The grade. Until the round's results are settled, the grade of an evaluation follows its
scores; it is settled once the evaluation has a 公示 (`publicity`), `actions`, or a
`grade_reason` staff wrote. An unsettled evaluation the import touches gets the grade its
total (of the parties that have scored) earns, except excellent: an excellent place is
decided by staff against the round's cap, with the reward and the 公示 (第十六条), so an
evaluation whose total reaches the excellent floor gets the next grade down and the
`grade_reason` PENDING says so; staff later grade it excellent (with its 奖励) or keep the
grade, and delete that reason. The import shows every change, the totals, the grade each
earns and the round's cap before anything is written.
"""

from __future__ import annotations

import copy
import os
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from ..errors import UsageError
from ..queries.honor_roll import rounds
from ..queries.scoring import RoundScores, earned_grade, rank, round_scores, weighted_total
from ..queries.scoring_round import DueEvaluation, due_evaluations
from ..records.kinds import KINDS
from ..records.loading import load
from ..records.models import AnnualEvaluation
from ..records.models.evaluation import Score
from ..records.values import shown as shown_text
from .cells import DELETE
from .merge import changes, edits, merge
from .patch import PatchError, patch
from .plan import BOM, ImportPlan, PlanContext, Planned, SheetPart, read_existing, validate_together
from .reading import Book, SheetLimit, open_book
from .rows import Problem, RowRecord
from .score_sheets import ScoreRow, ScoreSheet, read_score_sheet
from .yaml_text import UnwritableRecord, record_yaml

SCORES = "scores"  # the --kind of a scoring sheet
MARKDOWN = {"opinion", "scores.opinion"}
KEY_ORDER = {(): ["agreement", "kind", "round", "covers", "date", "grade", "evaluators", "opinion", "actions", "scores",
                  "publicity", "grade_reason"],
             ("scores",): ["party", "date", "points", "opinion"]}


@dataclass
class ScoresPlan(ImportPlan):
    """An import plan of scoring sheets, with the round as it would stand afterwards."""

    round: int | None = None
    touched: list[str] = field(default_factory=list)  # evaluation ids the sheets change or create
    standing: RoundScores | None = None  # the round with the planned files, when they validate
    names: dict[str, str] = field(default_factory=dict)  # evaluation id -> the doctor's name, for the standing
    scheme_parties: list[str] = field(default_factory=list)


def pending_reason(policy) -> str:
    """The `grade_reason` of an evaluation whose total reaches the excellent floor, its excellent place undecided."""
    excellent = policy.excellent_grade
    return (f"总分达到{excellent}分数线，是否评为{excellent}待按本轮名额确定（第十六条）："
            f"确定后改为{excellent}并加奖励，或保留本等次，并删去本说明")


def plan_scores(path: Path, records: Path, as_of: date) -> ScoresPlan:
    """Read every sheet of `path` and plan the evaluation files it changes or creates."""
    program, _ = load(records)
    scheme = getattr(program.policy, "evaluation", None) if program.policy is not None else None
    if scheme is None:
        raise UsageError("policy.yml 没有 evaluation（考核评分办法）：不能导入评分表。"
                         "请先在 policy.yml 中写明评分单位、权重、考核指标和分数线")
    with open_book(path) as book:
        plan = ScoresPlan(book.file, update=True, encoding=book.encoding, scheme_parties=list(scheme.parties))
        if book.csv:
            raise UsageError(f"{book.file}：--kind scores 只导入 gaoxin export scoring 导出的 .xlsx 评分表，不导入 CSV 文件")
        sheets = _read_sheets(book, scheme, plan)
    if not sheets:
        return plan
    plan.round = sheets[0].round
    _check_sheets(sheets, plan.problems)
    due = {row.evaluation_id: row for row in due_evaluations(program, plan.round, as_of)}
    by_evaluation = _rows_by_evaluation(sheets, due, program, plan)
    if plan.errors:
        return plan
    context = PlanContext(plan, records)
    for evaluation_id, rows in by_evaluation.items():
        planned = _planned(context, due[evaluation_id], rows, program.policy)
        if planned is not None:
            plan.planned.append(planned)
            plan.touched.append(evaluation_id)
    if plan.planned and not plan.errors:
        result = validate_together(context, as_of)
        if result.program.policy is not None and plan.round in rounds(result.program):
            plan.standing = round_scores(result.program, plan.round)
            program = result.program
            plan.names = {item.evaluation_id: program.name_of("doctors", program.agreements[item.evaluation.agreement].doctor)
                          if item.evaluation.agreement in program.agreements else item.evaluation.agreement
                          for item in plan.standing.scored}
    return plan


def _read_sheets(book: Book, scheme, plan: ScoresPlan) -> list[ScoreSheet]:
    found = []
    for sheet in book.sheets:
        if sheet.chart:
            continue
        part = SheetPart(sheet.title, SCORES)
        plan.parts.append(part)
        try:
            read = read_score_sheet(sheet, scheme, plan.problems, part.headers)
        except SheetLimit as limit:
            plan.problems.append(Problem(limit.row, limit.column, "import.limit", limit.message, sheet=sheet.title))
            continue
        if read is None:
            continue
        part.rows = len(read.rows)
        found.append(read)
    if not found and not plan.errors:
        plan.problems.append(Problem(None, None, "import.sheet", "工作簿中没有评分表：请用 gaoxin export scoring 导出的评分表"))
    return found


def _check_sheets(sheets: list[ScoreSheet], problems: list) -> None:
    """One round per import; each party once."""
    first = sheets[0]
    seen: dict[str, ScoreSheet] = {}
    for sheet in sheets:
        if sheet.round != first.round:
            problems.append(Problem(1, None, "import.scores-round",
                                    f"这是 {sheet.round} 轮的评分表，而工作表“{first.title}”是 {first.round} 轮的："
                                    "一次只导入同一轮的评分表，请分开导入", sheet=sheet.title))
        elif sheet.party in seen:
            problems.append(Problem(1, None, "import.scores-party",
                                    f"{sheet.party} 的评分表与工作表“{seen[sheet.party].title}”重复：每个评分单位只导入一张评分表，"
                                    "请删去其中一张", sheet=sheet.title))
        else:
            seen[sheet.party] = sheet


def _rows_by_evaluation(sheets: list[ScoreSheet], due: dict[str, DueEvaluation], program,
                        plan: ScoresPlan) -> dict[str, list[ScoreRow]]:
    """The rows of every sheet by the evaluation they score; an id not due in the round, or given twice, is a problem."""
    found: dict[str, list[ScoreRow]] = defaultdict(list)
    for sheet in sheets:
        seen: dict[str, int] = {}
        for row in sheet.rows:
            problem = lambda message, rule="import.unknown-id", r=row: plan.problems.append(  # noqa: E731
                Problem(r.row, r.id_column, rule, message, sheet=r.sheet))
            if row.evaluation_id in seen:
                problem(f"编号“{row.evaluation_id}”与第 {seen[row.evaluation_id]} 行重复：每人只能有一行", "import.duplicate")
                continue
            seen[row.evaluation_id] = row.row
            if row.evaluation_id not in due:
                problem(_not_due(row.evaluation_id, sheet.round, program))
                continue
            if row.scored:
                found[row.evaluation_id].append(row)
    return dict(sorted(found.items()))


def _not_due(evaluation_id: str, round_: int, program) -> str:
    evaluation = program.evaluations.get(evaluation_id)
    if isinstance(evaluation, AnnualEvaluation):
        return (f"{evaluation_id} 是 {evaluation.round} 轮的年度评价，而这张评分表是 {round_} 轮的："
                f"请用 gaoxin export scoring {evaluation.round} 导出的评分表")
    if evaluation is not None:
        return f"{evaluation_id} 是期满评价：期满评价不打分（第十五条），请删去这一行"
    return (f"编号“{shown_text(evaluation_id)}”不是 {round_} 轮需要评分的人员（没有这条年度评价，也没有对应的已满入驻年度）："
            f"请核对编号，或重新导出 gaoxin export scoring {round_}")


def _planned(context: PlanContext, due: DueEvaluation, rows: list[ScoreRow], policy) -> Planned | None:
    target = KINDS["evaluation"].path(due.evaluation_id)
    first = rows[0]
    problem = lambda rule, message: context.plan.problems.append(  # noqa: E731
        Problem(first.row, first.id_column, rule, message, sheet=first.sheet))
    if due.new:
        data = _new_evaluation(due, rows, policy)
        _follow_grade(data, policy)
        numbers = list(range(1, len(rows) + 1))
        context.by_path[target] = (_row_record(first, numbers.index(1) + 1, numbers), first.sheet)
        source = Path(context.plan.file).name
        schema = os.path.relpath(context.records.parent / "schemas" / KINDS["evaluation"].schema_file,
                                 (context.records / target).parent).replace(os.sep, "/")
        header = [f"yaml-language-server: $schema={schema}",
                  f"由 gaoxin import --kind scores 从 {source} 导入（{due.first} 至 {due.last}）"]
        try:
            return Planned(target, record_yaml(data, MARKDOWN, header), first.row, "evaluation", first.sheet)
        except UnwritableRecord as unwritable:
            problem("import.cell", f"这一行无法写成记录文件：{unwritable.message}")
            return None
    return _updated(context, target, due, rows, policy, problem)


def _new_evaluation(due: DueEvaluation, rows: list[ScoreRow], policy) -> dict:
    return {"agreement": due.agreement_id, "kind": "年度", "round": due.first.year,
            "covers": {"from": due.first, "to": due.last}, "date": max(row.date for row in rows),
            "grade": policy.grades[-1], "evaluators": list(policy.evaluation.parties),
            "scores": [_entry(row) for row in rows]}


def _entry(row: ScoreRow) -> dict:
    entry = {"party": row.party, "date": row.date, "points": dict(row.points)}
    if row.opinion:
        entry["opinion"] = row.opinion
    return entry


def _updated(context: PlanContext, target: str, due: DueEvaluation, rows: list[ScoreRow], policy, problem) -> Planned | None:
    read = read_existing(context, target, problem, "请先改正该文件")
    if read is None:
        return None
    raw, before, existing = read
    parties = [item.get("party") if isinstance(item, dict) else None for item in existing.get("scores") or []]
    values: dict[tuple, object] = {}
    for row in rows:
        number = parties.index(row.party) + 1 if row.party in parties else len(parties) + 1
        if row.party not in parties:
            parties.append(row.party)
        for key, value in _entry(row).items():
            values[("scores", number, key)] = value
        if "opinion" not in _entry(row):
            values[("scores", number, "opinion")] = DELETE
    merged = merge(existing, values, KEY_ORDER)
    data = copy.deepcopy(merged.data)
    _follow_grade(data, policy)
    found = edits(existing, data, merged.alignment)
    numbers = merged.groups.get("scores", [])
    context.by_path[target] = (_row_record(rows[0], parties.index(rows[0].party) + 1, numbers), rows[0].sheet)
    if not found:
        context.plan.unchanged += 1
        return None
    crlf = "\r\n" in before
    try:
        patched = patch(before.replace("\r\n", "\n"), found, data, MARKDOWN)
    except PatchError as exc:
        problem("import.update", f"无法在保留原有格式和注释的前提下修改 {context.records.name}/{target}（{exc}）：请直接编辑该文件")
        return None
    text = patched.text.replace("\n", "\r\n") if crlf else patched.text
    if raw.startswith(BOM.encode("utf-8")):
        text = BOM + text
    return Planned(target, text, rows[0].row, "evaluation", rows[0].sheet, before=raw.decode("utf-8"),
                   changes=tuple(changes(existing, data, merged.groups)), dropped=tuple(patched.dropped))


def _follow_grade(data: dict, policy) -> None:
    """Set an unsettled evaluation's grade to what its scores earn (never excellent: see the module's note)."""
    pending = pending_reason(policy)
    if data.get("publicity") or data.get("actions") or data.get("grade_reason") not in (None, pending):
        return
    try:
        scores = [Score.model_validate(item) for item in data.get("scores") or ()]
    except ValidationError:
        return  # the validation says what is wrong with them
    total = weighted_total(scores, policy.evaluation)
    if total is None:
        return
    grade = earned_grade(total, policy)
    if grade == policy.excellent_grade and rank(grade, policy) + 1 < len(policy.grades):
        grade = policy.grades[rank(grade, policy) + 1]
        data["grade_reason"] = pending  # a key already there keeps its place, as the file has it
    else:
        data.pop("grade_reason", None)
    data["grade"] = grade


def _row_record(row: ScoreRow, number: int, numbers: list) -> RowRecord:
    """The row as `validate_together` places findings: each points key, the date and the opinion at their cells."""
    record = RowRecord(row.row, None)
    record.groups = {"scores": list(numbers)}
    for key, column in row.columns.items():
        record.cells[f"scores.{number}.{key}"] = column
    return record

