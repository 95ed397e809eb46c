"""The data behind the site's record forms (在线填写): fields, choices and checks, as JSON.

The forms build a record in the browser for people who will never write YAML. Nothing in
them is written twice: each field, its title, help text, type and pattern come from the
record's JSON Schema (`schema.schemas()`); the choices from `policy.yml` (positions,
industries, duties) and from the records (universities, doctors, enterprises,
agreements); the validator's checks that can run while someone types are named here
(`BROWSER_CHECKS`) and carried out by `site_src/assets/javascripts/record-form.js`.

`form_data(program)` is what the site build writes as `assets/forms.json`.
"""

from __future__ import annotations

from ..forge import Forge
from ..records.kinds import KINDS, REPORT, STAFF
from ..records.models.support import NUMBERED, WITH_DOCTORS
from ..records.models.visit import UNIVERSITY_VISIT
from ..records.schema import item_schema, resolve, schemas
from .text import json_document

FORMS_JSON = "assets/forms.json"
FORM_KINDS = tuple(name for name, kind in KINDS.items() if kind.form)

# Field -> what the browser checks beyond the schema (rule ids in comments).
BROWSER_CHECKS = {
    ("enterprise", "credit_code"): "credit-code",  # data.credit-code
    ("agreement", "end"): "term",  # art7.term
    ("agreement", "filing.date"): "filing",  # art5.filing, art5.filed-late
    ("agreement", "signed"): "past",  # data.dates
    ("report", "submitted"): "past",  # data.dates, art13.report-period
    ("need", "posted"): "past",  # data.dates
    ("need", "closed"): "after-posted",  # data.dates: a need closed before it was posted
    ("visit", "date"): "past",  # data.dates
    ("visit", "problems[].closed"): "past",  # data.dates
    ("visit", "problems[].revisit.date"): "past",  # data.dates
    ("support", "stages[].date"): "past",  # data.dates
}
MARKDOWN = "text/markdown"
# The record folders forms.json lists by id (`records`), so a field naming one is a choice.
CHOOSABLE = ("universities", "doctors", "enterprises", "agreements")
# Folders whose ids the public site's forms.json leaves out of `taken`: a visit's id names its day and
# enterprise, and a support is public only once it succeeds (the internal build lists them).
INTERNAL_IDS = ("visits", "supports")

# Help in plain words, in place of the schema's description where that speaks of files and
# formats (the people filling in have never seen the records format).
HELP = {
    ("*", "maintainers"): "{forge} 账号（用户名），每行一个。新增记录时请写上你自己的账号，今后你才能自己修改这条记录",
    ("doctor", "university"): "第四条：派出单位；列表中没有的，请先请工作人员添加",
    ("doctor", "degree"): "第四条：只有具有博士学位的人员可以入库",
    ("doctor", "research_areas"): "至少一项，每行写一个研究方向",
    ("doctor", "bio"): "公开展示在博士名录中；可以换行分段；不要写电话、邮箱、身份证号",
    ("enterprise", "credit_code"): "营业执照上的18位代码（GB 32100-2015），字母用大写",
    ("enterprise", "industry"): "第六条：只能是高新区主导产业或新兴产业之一",
    ("enterprise", "description"): "公开展示在企业名录中；可以换行分段",
    ("enterprise", "website"): "以 http:// 或 https:// 开头",
    ("agreement", "doctor"): "从博士名录中选择；名录中没有的，请先提交博士信息",
    ("agreement", "enterprise"): "从企业名录中选择；名录中没有的，请先提交企业信息",
    ("agreement", "filing.number"): "科技创新局备案后给出的编号，如 平高科备〔2026〕1号",
    ("agreement", "mode"): "第五条：如 技术攻关、联合研发、技术服务",
    ("agreement", "funding_yuan"): "第十七条：整数，单位元，如 500000",
    ("need", "enterprise"): "发布需求的企业；列表中没有的，请先提交企业信息",
    ("need", "title"): "一句话说明需要解决什么，如 玻纤增强尼龙66翘曲控制",
    ("need", "description"): "公开展示在供需对接栏目，博士据此了解需求：遇到的问题、已经试过什么、希望达到的效果；可以换行分段；不要写电话、邮箱",
    ("need", "fields"): "技术领域或关键词，每行一个，如 注塑成型；用于为需求推荐博士",
    ("need", "duty"): "第八条：需要博士提供哪类帮助",
    ("need", "posted"): "需求发布的日期，通常是今天",
    ("need", "closed"): "不再征集博士时填写（撤回或已解决）；新需求不用填",
    ("report", "submitted"): "提交报送的日期，通常是今天",
    ("report", "summary"): "本季度工作概况；内部材料，不在公开网站显示；可以换行分段",
    ("report", "work[].detail"): "可以换行分段",
    ("report", "outcomes"): "本季度新增的数量；没有的可以不填",
    ("visit", "kind"): "派出单位调研：派出单位负责人到企业调研（第九条）；联合走访：四方到企业实地走访（第十五条）",
    ("visit", "enterprise"): "走访的入驻企业；列表中没有的，请先提交企业信息",
    ("visit", "agreements"): "本次了解的入驻的协议编号，每行一个，如 a2026-001；须是本企业的入驻",
    ("visit", "university"): "派出单位调研必填：来访的高校；其他类型的走访不填",
    ("visit", "visitors[].people"): "姓名（职务），每行一人，如 王某某（副校长）；不写电话、邮箱",
    ("visit", "findings"): "看到和听到的情况；内部材料，不在公开网站显示；可以换行分段",
    ("visit", "problems[].id"): "本次走访内唯一，如 p1、p2",
    ("visit", "problems[].owner"): "负责办理的单位，如 科技创新局、园区、入驻企业",
    ("visit", "problems[].helpers"): "配合办理的单位，每行一个",
    ("visit", "problems[].closed"): "由项目工作人员在办结后填写；新记录不填",
    ("visit", "problems[].resolution"): "由项目工作人员填写：如何解决的；与办结日期一起填写",
    ("visit", "problems[].revisit"): "办结后回访时填写",
    ("support", "enterprise"): "申报的企业；列表中没有的，请先提交企业信息",
    ("support", "doctors"): "参与的入驻博士的 id，每行一个，如 zhang-wei；人才计划项目、科技项目必填，须在第一个阶段时入驻本企业（第十八条）",
    ("support", "stages[].number"): "区推荐、立项、认定、备案须填写文号，如 平高科〔2026〕12号",
    ("support", "amount_yuan"): "整数，单位元；没有的可以不填",
}


def form_data(program, forge: Forge | None = None, records_folder: str = "records", internal: bool = True) -> dict:
    """Everything the forms need, for a program loaded by `loading.load` (valid records only).

    `forge` says where the records repository is (`forge.py`); without a repository the
    forms still build, copy and download records but cannot open the forge's new-file page.
    `repository.new_file` is that page's address with `{folder}`, `{filename}` and
    `{content}` for the form to fill in, URL-encoded.
    """
    forge = forge or Forge()
    all_schemas = schemas()
    forms = {kind: _form(kind, all_schemas[kind]) for kind in FORM_KINDS}
    _name_the_forge(forms, forge.info.name)
    return {
        "version": 1,
        "repository": {"url": forge.repo_url, "branch": forge.branch, "records": records_folder,
                       "forge": forge.kind, "name": forge.info.name, "request": forge.info.request,
                       "submit": forge.info.submit, "new_file": forge.new_file_template,
                       "new_issue": forge.new_issue_template, "issue_body": forge.issue_body},
        "policy": _policy(program.policy),
        "records": _records(program, internal),
        "forms": forms,
    }


def _name_the_forge(node, name: str) -> None:
    """Put the forge's name where the help texts say {forge}."""
    for value in node.values() if isinstance(node, dict) else node:
        if isinstance(value, dict) and isinstance(value.get("help"), str):
            value["help"] = value["help"].replace("{forge}", name)
        if isinstance(value, (dict, list)):
            _name_the_forge(value, name)


def form_json(program, **options) -> bytes:
    return json_document(form_data(program, **options), indent=1)


def _policy(policy) -> dict:
    if policy is None:
        return {}
    return {
        "min_term_months": policy.min_term_months,
        "positions": list(policy.positions),
        "industries": {"主导产业": list(policy.industries.leading), "新兴产业": list(policy.industries.emerging)},
        "duties": list(policy.duties),
        "effective_date": policy.effective_date.isoformat(),
        "visit_kinds": list(policy.visit_kinds),
        "support_kinds": list(policy.support_kinds),
        "support_levels": list(policy.support_levels),
        # what the browser checks read by name (art9.visit-university, art18.stages, 第十八条 doctors)
        "roles": {"university_visit": UNIVERSITY_VISIT, "with_doctors": list(WITH_DOCTORS), "numbered": list(NUMBERED)},
    }


def _records(program, internal: bool) -> dict:
    """The ids a form may refer to, with names, and every id already taken (for the public, of public records)."""
    agreements = {}
    for agreement_id, agreement in sorted(program.agreements.items()):
        doctor = program.doctors.get(agreement.doctor)
        enterprise = program.enterprises.get(agreement.enterprise)
        agreements[agreement_id] = {
            "label": f"{doctor.name if doctor else agreement.doctor} · {enterprise.name if enterprise else agreement.enterprise}",
            "doctor": agreement.doctor,
            "enterprise": agreement.enterprise,
            "start": agreement.start.isoformat(),
            "end": agreement.end.isoformat(),
        }
    return {
        "universities": {key: value.name for key, value in sorted(program.universities.items())},
        "doctors": {key: value.name for key, value in sorted(program.doctors.items())},
        "enterprises": {key: value.name for key, value in sorted(program.enterprises.items())},
        "agreements": agreements,
        "taken": {folder: sorted(ids) for folder, ids in sorted(program.present.items())
                  if internal or folder not in INTERNAL_IDS},
    }


def _form(kind: str, schema: dict) -> dict:
    record_kind = KINDS[kind]
    return {
        "title": schema["title"],
        "folder": record_kind.folder,
        "id": "period" if record_kind.id_shape == REPORT else "id",  # a report is named by its quarter
        "id_help": record_kind.form,
        # A record only the staff may add (an agreement) goes to them as a 代为录入 issue.
        "submit": "issue" if record_kind.owners == STAFF else "pull-request",
        "fields": _fields(kind, schema, schema, ""),
    }


def _fields(kind: str, node: dict, root: dict, prefix: str) -> list[dict]:
    required = set(node.get("required", ()))
    return [_field(kind, key, spec, root, prefix, key in required) for key, spec in node["properties"].items()]


def _field(kind: str, key: str, spec: dict, root: dict, prefix: str, required: bool) -> dict:
    path = f"{prefix}{key}"
    help_text = HELP.get((kind, path)) or HELP.get(("*", path)) or _plain(spec.get("description", ""))
    field = {"key": key, "path": path, "title": spec.get("title", key), "help": help_text, "required": required}
    target = resolve(spec, root)
    if target.get("type") == "object":
        field.update(type="group", fields=_fields(kind, target, root, f"{path}."))
    elif target.get("type") == "array":
        items = item_schema(target, root)
        if items.get("type") == "object":
            field.update(type="items", fields=_fields(kind, items, root, f"{path}[]."))
        else:
            field.update(type="lines", pattern=items.get("pattern"), max_length=items.get("maxLength"))
        field.update(min_items=target.get("minItems", 0), max_items=target.get("maxItems"))
    elif target.get("type") == "integer":
        field.update(type="integer", minimum=target.get("minimum"))
    elif target.get("format") == "date":
        field.update(type="date")
    else:
        field.update(type="markdown" if target.get("contentMediaType") == MARKDOWN else "text",
                     pattern=target.get("pattern"), max_length=target.get("maxLength"))
    if check := BROWSER_CHECKS.get((kind, path)):
        field["check"] = check
    if field["type"] not in ("group", "items", "lines"):
        field.update(_choices(target))
    return field


def _plain(description: str) -> str:
    """The schema's help without format jargon ("Markdown" means nothing to the people filling in)."""
    for jargon, plain in (("Markdown（内部）", "内部材料，不公开"), ("Markdown，公开展示", "公开展示"), ("Markdown", "")):
        description = description.replace(jargon, plain)
    return description


def _choices(target: dict) -> dict:
    """Where a field's choices come from, read from its schema's markers: a list in forms.json `policy` or `records`.

    `open` choices are suggestions (第七条 positions are "一般为": others only warn).
    """
    marked = target.get("x-gaoxin-choices")
    if marked and marked.get("policy"):
        return {"choices": f"policy.{marked['policy']}", **({"open": True} if marked.get("open") else {})}
    if marked and len(marked.get("values", ())) == 1:
        return {"fixed": marked["values"][0]}  # 第四条: degree
    if marked and marked.get("values"):
        return {"options": marked["values"]}  # the format's own list: a visit's method, a stage
    if target.get("x-gaoxin-ref") in CHOOSABLE:
        return {"choices": f"records.{target['x-gaoxin-ref']}"}
    return {}
