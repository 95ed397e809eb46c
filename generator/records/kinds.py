"""The one registry of record kinds: everything a kind is, declared in one row.

Loading, `gaoxin new`, `gaoxin schema`, the ownership check and the site's forms all read
this table. Adding a kind means one row here, plus its model (`models/`) and its rules
(`rules/`).

Columns:
- `name`: the kind in commands (`gaoxin new doctor`) and its JSON Schema file
  (`schemas/<name>.schema.json`), and its skeleton (`skeletons/<name>.yml`).
- `folder`: where its files live under records/ (`""` for a kind of one file at the top).
- `file`: that one file (`policy.yml`, `synonyms.yml`), for kinds without a folder.
- `model`: the pydantic model (or union) a file must satisfy.
- `title`: what the kind is called in Chinese; `noun`, in running text (default the title).
- `id_shape`: `ID` (the file name is an id) or `REPORT` (`<agreement>/<period>`).
- `owners`: who besides the staff may change a record: `MAINTAINERS` (the record's own
  `maintainers`), `RESIDENCY` (the maintainers of the agreement's enterprise and doctor),
  `ENTERPRISE` (the maintainers of the enterprise the record names in `enterprise`),
  `UNIVERSITY` (for a 派出单位调研 visit, the maintainers of the university it names in
  `university`) or `STAFF` (nobody else); with `ENTERPRISE` and `UNIVERSITY` the record's own
  `maintainers`, where it has them, may change it too; `staff_reason` says why to whoever tried.
- `form`: the 在线填写 form's help for the file name, or None when the kind has no form.
- `new`: whether `gaoxin new` writes it directly (a final report is made by `new report`).
- `optional`: for a one-file kind, whether the file may be missing (synonyms.yml may).
- `refers`: the kinds whose ids its records name (a doctor names its university); an import
  brings those in first (`import_order`), so a new kind slots in by declaring them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property

from pydantic import TypeAdapter

from .ids import FINAL
from .models import (
    Agreement,
    Doctor,
    Enterprise,
    Evaluation,
    FinalReport,
    Meeting,
    Need,
    Policy,
    QuarterlyReport,
    Support,
    Synonyms,
    University,
    Visit,
)
from .models.markers import marked, model_classes

ID, REPORT = "id", "report"
STAFF, MAINTAINERS, RESIDENCY, ENTERPRISE, UNIVERSITY = "staff", "maintainers", "residency", "enterprise", "university"


@dataclass(frozen=True)
class Kind:
    """One kind of record (see the module docstring for the columns)."""

    name: str
    folder: str
    model: object
    title: str
    noun: str = ""
    id_shape: str = ID
    owners: str = STAFF
    staff_reason: str = ""
    form: str | None = None
    new: bool = True
    optional: bool = False
    file: str = ""
    refers: tuple[str, ...] = ()

    def __post_init__(self):
        if not self.noun:
            object.__setattr__(self, "noun", self.title)

    @cached_property
    def adapter(self) -> TypeAdapter:
        return TypeAdapter(self.model)

    @property
    def schema_file(self) -> str:
        return f"{self.name}.schema.json"

    @property
    def skeleton(self) -> str:
        return f"{self.name}.yml"

    def path(self, record_id: str) -> str:
        """The record's file, relative to the records folder."""
        return f"{self.folder}/{record_id}.yml" if self.folder else self.file


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("policy", "", Policy, "项目参数", file="policy.yml", new=False,
             staff_reason="项目参数 policy.yml 只能由项目工作人员修改"),
        Kind("university", "universities", University, "派出单位",
             staff_reason="派出单位记录只能由项目工作人员修改"),
        Kind("doctor", "doctors", Doctor, "博士", owners=MAINTAINERS, refers=("university",),
             form="用姓名拼音，小写，以连字符分隔，如 zhang-wei；重名时加数字，如 zhang-wei-2"),
        Kind("enterprise", "enterprises", Enterprise, "入驻企业", "企业", owners=MAINTAINERS,
             form="企业简称的拼音或英文，小写，以连字符分隔，如 pds-xincai"),
        Kind("agreement", "agreements", Agreement, "合作协议",
             staff_reason="合作协议只能由项目工作人员登记和修改（第五条 双向选择、备案至区科技创新局）",
             form="协议编号：a + 签订年份 + 序号，如 a2026-004", refers=("doctor", "enterprise", "need")),
        Kind("report", "reports", QuarterlyReport, "季度工作报送", id_shape=REPORT, owners=RESIDENCY,
             form="报送哪个季度：只能选入驻期限内的季度", refers=("agreement",)),
        Kind("final-report", "reports", FinalReport, "入驻工作总结", id_shape=REPORT, owners=RESIDENCY,
             new=False, refers=("agreement",)),
        Kind("evaluation", "evaluations", Evaluation, "评价",
             staff_reason="评价记录只能由项目工作人员录入和修改（第十五条、第十六条）", refers=("agreement",)),
        Kind("meeting", "meetings", Meeting, "恳谈会",
             staff_reason="恳谈会记录只能由项目工作人员录入和修改（第十二条）", refers=("agreement",)),
        Kind("need", "needs", Need, "企业需求", "需求", owners=ENTERPRISE,
             form="企业 id + 需求简称，小写，以连字符分隔，如 pds-xincai-pa66-heat", refers=("enterprise",)),
        Kind("visit", "visits", Visit, "走访调研", "走访记录", owners=UNIVERSITY,
             staff_reason="走访记录由项目工作人员录入；派出单位调研也可由该派出单位的维护人提交（第九条）",
             form="走访日期 + 企业 id，如 v2026-09-10-pds-xincai；同一天走访同一企业两次时加数字",
             refers=("enterprise", "agreement", "university")),
        Kind("support", "supports", Support, "支持项目", owners=ENTERPRISE,
             form="年份 + 企业 id + 简称，小写，以连字符分隔，如 s2026-pds-xincai-zyyc", refers=("enterprise", "doctor")),
        Kind("synonyms", "", Synonyms, "同义词表", file="synonyms.yml", new=False, optional=True,
             staff_reason="同义词表 synonyms.yml 只能由项目工作人员修改"),
    )
}

# Folders of records named by id (reports are nested: reports/<agreement>/<period>.yml).
BY_FOLDER: dict[str, Kind] = {kind.folder: kind for kind in KINDS.values() if kind.folder and kind.id_shape == ID}
REPORTS_FOLDER = KINDS["report"].folder
# Kinds of one file at the top of records/, by file name (policy.yml, synonyms.yml).
BY_FILE: dict[str, Kind] = {kind.file: kind for kind in KINDS.values() if kind.file}


def report_kind(period: str) -> Kind:
    """The kind of the report for `period`: the final summary or a quarterly report."""
    return KINDS["final-report" if period == FINAL else "report"]


@cache
def kinds_marked(marker_type: type, rule: str | None = None) -> frozenset[str]:
    """The kinds whose models have a field carrying a `marker_type` marker (of `rule`, when given): what a marker's rule reads."""
    return frozenset(kind.name for kind in KINDS.values() for model in model_classes(kind.model)
                     if any(rule is None or marker.rule == rule for _, marker in marked(model, marker_type)))


def import_order() -> list[str]:
    """The kinds of records with a folder, each after every kind it refers to (else in registry order)."""
    waiting = [kind for kind in KINDS.values() if kind.folder]
    order: list[str] = []
    while waiting:
        ready = next((kind for kind in waiting if all(name in order or not KINDS[name].folder for name in kind.refers)), None)
        if ready is None:  # pragma: no cover - a cycle of references; a test keeps the registry free of them
            raise ValueError(f"record kinds refer to each other in a circle: {[kind.name for kind in waiting]}")
        order.append(ready.name)
        waiting.remove(ready)
    return order
