"""The command line: exit codes, output formats and JSON shapes, as a script sees them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .support import BASE, ROOT

AS_OF = "2026-04-10"


def gaoxin(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture
def records(base_records) -> Path:
    return base_records


def _break_term(records: Path) -> None:
    path = records / "agreements" / "a1.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("end: 2027-02-28", "end: 2027-02-27"), encoding="utf-8")


# validate ---------------------------------------------------------------------------------------

def test_validate_clean_program_exits_0():
    result = gaoxin("validate", "--records", str(BASE), "--as-of", AS_OF)
    assert result.returncode == 0
    assert result.stdout.strip() == f"已校验 8 条记录（截至 {AS_OF}）：没有发现问题"


def test_validate_shipped_sample_program_exits_0():
    result = gaoxin("validate", "--as-of", "2026-11-29", "--format", "json")
    assert result.returncode == 0
    findings = [(f["rule"], f["file"]) for f in json.loads(result.stdout)["findings"]]
    # The sample's intended warnings, for the staff's follow-up lists: a need left open too long (第十条)
    # and a problem found on a university's visit that its owner has let run past its deadline (第十二条).
    assert findings == [("art10.need-stale", "needs/pds-xincai-digital-line.yml"),
                        ("art12.problem-overdue", "visits/v2026-08-27-hengli-yeya.yml")]


def test_validate_error_exits_1_with_compiler_style_text(records):
    _break_term(records)
    result = gaoxin("validate", "--records", str(records), "--as-of", AS_OF)
    assert result.returncode == 1
    first, _, summary = result.stdout.strip().partition("\n\n")
    assert first.startswith("agreements/a1.yml:5: error art7.term: 入驻期限不足12个月（第七条）：2026-03-01 至 2027-02-27，")
    assert first.endswith("end 至少应为 2027-02-28")
    assert summary == f"已校验 8 条记录（截至 {AS_OF}）：1 个错误，0 个警告"
    assert "\033[" not in result.stdout  # no colour when not a terminal


def test_validate_warnings_only_exit_0(records):
    result = gaoxin("validate", "--records", str(records), "--as-of", "2026-07-20")  # 2026Q2 overdue
    assert result.returncode == 0
    assert "agreements/a1.yml:1: warning art13.report-missing: 缺少 2026Q2" in result.stdout


def test_validate_json_shape(records):
    _break_term(records)
    (records / "doctors" / "notes.txt").write_text("x", encoding="utf-8")
    result = gaoxin("validate", "--records", str(records), "--as-of", AS_OF, "--format", "json")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert list(document) == ["as_of", "records", "errors", "warnings", "findings"]
    assert (document["as_of"], document["records"], document["errors"], document["warnings"]) == (AS_OF, 8, 2, 0)
    for finding in document["findings"]:
        assert list(finding) == ["rule", "severity", "file", "line", "key", "message"]
    assert [(f["file"], f["line"], f["key"], f["rule"]) for f in document["findings"]] == [
        ("agreements/a1.yml", 5, "end", "art7.term"),
        ("doctors/notes.txt", None, None, "file.unexpected"),
    ]


def test_validate_github_format_and_step_summary(records, tmp_path):
    repo = tmp_path  # records/ sits in a git repository at tmp_path
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    _break_term(records)
    summary = tmp_path / "summary.md"
    result = gaoxin("validate", "--records", "records", "--as-of", AS_OF, "--format", "github",
                    cwd=repo, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 1
    line = result.stdout.splitlines()[0]
    assert line.startswith("::error file=records/agreements/a1.yml,line=5,title=art7.term::入驻期限不足12个月")
    table = summary.read_text(encoding="utf-8")
    assert "| `art7.term` | 错误 | 第七条 | 1 |" in table


def test_validate_github_escapes_newlines_and_percent():
    from generator.cli.output import _escape_data, _escape_property

    assert _escape_data("50%\r\nx") == "50%25%0D%0Ax"
    assert _escape_property("a:b,c") == "a%3Ab%2Cc"


@pytest.mark.parametrize("args", [["--records", "no/such/folder"], ["--as-of", "2026-02-30"], ["--format", "xml"]])
def test_validate_bad_usage_exits_2(args):
    result = gaoxin("validate", *args)
    assert result.returncode == 2
    assert result.stderr


def test_no_command_prints_help_and_exits_2():
    result = gaoxin()
    assert result.returncode == 2 and "validate" in result.stdout


# new --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("kind", "record_id", "path"),
    [
        ("doctor", "wang-fang", "doctors/wang-fang.yml"),
        ("enterprise", "pds-new", "enterprises/pds-new.yml"),
        ("agreement", "a2026-009", "agreements/a2026-009.yml"),
        ("report", "a1/2026Q2", "reports/a1/2026Q2.yml"),
        ("report", "a1/final", "reports/a1/final.yml"),
        ("evaluation", "e2026-a1", "evaluations/e2026-a1.yml"),
        ("meeting", "m2026-05", "meetings/m2026-05.yml"),
        ("university", "pdsu", "universities/pdsu.yml"),
        ("need", "e1-energy", "needs/e1-energy.yml"),
        ("visit", "v2026-04-01-e1", "visits/v2026-04-01-e1.yml"),
        ("support", "s2026-e1-zyyc", "supports/s2026-e1-zyyc.yml"),
    ],
)
def test_new_writes_a_template_that_names_its_schema(records, kind, record_id, path):
    result = gaoxin("new", kind, record_id, "--records", str(records), "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    text = (records / path).read_text(encoding="utf-8")
    schema = text.splitlines()[0].removeprefix("# yaml-language-server: $schema=")
    assert (records / path).parent.joinpath(schema).resolve().name.endswith(".schema.json")
    assert isinstance(yaml.safe_load(text), dict)
    # Unfilled, the template is not a valid record: it says what is missing instead.
    assert gaoxin("validate", "--records", str(records), "--as-of", AS_OF).returncode == 1


def test_filled_doctor_template_passes(records):
    assert gaoxin("new", "doctor", "wang-fang", "--records", str(records)).returncode == 0
    path = records / "doctors" / "wang-fang.yml"
    text = path.read_text(encoding="utf-8")
    for key, value in {"name": "王芳", "university": "hncj", "discipline": "化学工程", "title": "讲师"}.items():
        text = text.replace(f'{key}: ""', f"{key}: {value}", 1)
    text = text.replace('  - ""', "  - 催化材料").replace("maintainers: []", "maintainers: [wangfang]")
    text = text.replace("bio: |", "bio: |\n  从事催化材料研究。")
    path.write_text(text, encoding="utf-8")
    result = gaoxin("validate", "--records", str(records), "--as-of", AS_OF)
    assert result.returncode == 0, result.stdout


def test_filled_need_template_passes(records):
    assert gaoxin("new", "need", "e1-energy", "--records", str(records), "--as-of", AS_OF).returncode == 0
    path = records / "needs" / "e1-energy.yml"
    text = path.read_text(encoding="utf-8")
    assert f"posted: {AS_OF}" in text
    text = text.replace('enterprise: ""', "enterprise: e1").replace('title: ""', "title: 注塑车间能耗监测")
    text = text.replace("description: |", "description: |\n  注塑机和干燥机的能耗不清楚，希望分机台统计。")
    text = text.replace('  - ""', "  - 能耗监测")
    text = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("closed:"))
    path.write_text(text, encoding="utf-8")
    result = gaoxin("validate", "--records", str(records), "--as-of", AS_OF)
    assert result.returncode == 0, result.stdout


def test_new_refuses_to_overwrite(records):
    before = (records / "doctors" / "d1.yml").read_bytes()
    result = gaoxin("new", "doctor", "d1", "--records", str(records))
    assert result.returncode == 1 and "已存在" in result.stderr
    assert (records / "doctors" / "d1.yml").read_bytes() == before


@pytest.mark.parametrize(("kind", "record_id"), [("doctor", "Bad_Id"), ("report", "a1/2026Q5"), ("doctor", "../x")])
def test_new_rejects_bad_ids(records, kind, record_id):
    assert gaoxin("new", kind, record_id, "--records", str(records)).returncode == 2


# schema -----------------------------------------------------------------------------------------

def test_schema_writes_one_schema_per_kind(tmp_path):
    result = gaoxin("schema", "--out", str(tmp_path))
    assert result.returncode == 0
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == sorted(f"{kind}.schema.json" for kind in
                           ["policy", "university", "doctor", "enterprise", "agreement", "report", "final-report",
                            "evaluation", "meeting", "need", "synonyms", "visit", "support"])
    doctor = json.loads((tmp_path / "doctor.schema.json").read_text(encoding="utf-8"))
    assert doctor["title"] == "博士" and doctor["additionalProperties"] is False
    assert doctor["properties"]["name"]["title"] == "姓名"


def test_committed_schemas_are_up_to_date(tmp_path):
    gaoxin("schema", "--out", str(tmp_path))
    for path in tmp_path.iterdir():
        assert (ROOT / "schemas" / path.name).read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), \
            f"schemas/{path.name} is stale: run `gaoxin schema`"


# honor-roll and progress ------------------------------------------------------------------------

def test_honor_roll_text_and_json():
    text = gaoxin("honor-roll", "2025", "--as-of", "2026-11-29")
    assert text.returncode == 0
    assert text.stdout.splitlines()[1] == "参评 10 人，优秀 3 人（上限 3 人），奖励合计 30,000 元"
    document = json.loads(gaoxin("honor-roll", "2025", "--as-of", "2026-11-29", "--format", "json").stdout)
    assert (document["round"], document["evaluated"], document["excellent_count"], document["cap"]) == (2025, 10, 3, 3)
    assert document["total_reward_yuan"] == 30000 and len(document["excellent"]) == 3
    assert set(document["excellent"][0]) == {"doctor", "name", "university", "university_name", "enterprise", "enterprise_name",
                                             "position", "agreement", "evaluation", "reward_yuan"}


def test_honor_roll_unknown_round_exits_2():
    result = gaoxin("honor-roll", "2019", "--as-of", "2026-11-29")
    assert result.returncode == 2 and "2025" in result.stderr


def test_progress_text_and_json():
    text = gaoxin("progress", "2026Q2", "--as-of", "2026-11-29")
    assert text.returncode == 0 and text.stdout.startswith("2026Q2 “百名博士进高新”工作推进情况")
    document = json.loads(gaoxin("progress", "2026Q2", "--as-of", "2026-11-29", "--format", "json").stdout)
    assert list(document) == ["period", "from", "to", "due", "as_of", "active", "reports", "work_by_duty",
                              "outcomes", "residencies", "visits", "problems", "supports"]
    assert (document["from"], document["to"], document["due"]) == ("2026-04-01", "2026-06-30", "2026-07-15")
    assert sum(document["reports"].values()) == document["active"] == len(document["residencies"])
    assert list(document["work_by_duty"]) == ["技术升级方案", "技术难题", "科技项目申报", "成果转化", "创新平台"]


def test_progress_reports_the_quarters_visits_problems_and_supports():
    text = gaoxin("progress", "2026Q3", "--as-of", "2026-11-29").stdout
    assert "走访调研 5 次：派出单位调研 5，联合走访 0，园区服务 0，督导 0" in text
    assert "问题整改：提出 3，办结 3，截至 2026-09-30 逾期未办结 0" in text
    assert "支持项目（本季度到达的阶段）：立项 1，未获批 1，结项 1" in text
    document = json.loads(gaoxin("progress", "2026Q4", "--as-of", "2026-11-29", "--format", "json").stdout)
    assert document["visits"]["total"] == 3 and document["visits"]["by_kind"]["派出单位调研"] == 3
    # judged on the view's day while the quarter runs: the problem past its deadline on 2026-10-31
    assert document["problems"] == {"as_of": "2026-11-29", "opened": 1, "closed": 0, "overdue": 1,
                                    "overdue_ids": ["visits/v2026-08-27-hengli-yeya#p1"]}
    assert document["supports"]["by_stage"] == {"申报": 1, "区推荐": 1}
    assert document["supports"]["stages"][0] == {"support": "s2026-ruidian-zyyc", "stage": "申报", "date": "2026-10-10"}


def test_progress_counts_missing_and_pending(records):
    document = json.loads(gaoxin("progress", "2026Q2", "--records", str(records), "--as-of", "2026-07-15",
                                 "--format", "json").stdout)
    assert document["reports"] == {"on_time": 0, "late": 0, "missing": 0, "pending": 1}
    document = json.loads(gaoxin("progress", "2026Q2", "--records", str(records), "--as-of", "2026-07-16",
                                 "--format", "json").stdout)
    assert document["reports"]["missing"] == 1


def test_progress_bad_period_exits_2():
    assert gaoxin("progress", "2026Q5").returncode == 2


# match --------------------------------------------------------------------------------------------

def test_match_a_need_text_and_json():
    text = gaoxin("match", "pds-xincai-digital-line", "--as-of", "2026-11-29")
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[0] == "需求 pds-xincai-digital-line“改性车间生产线数字化”（平顶山鑫材尼龙科技有限公司，征集中）"
    assert "系统推荐，仅供双向选择参考（第五条）" in lines[1]
    assert lines[2].startswith("1. 陈磊（chen-lei，平顶山学院，计算机科学与技术）匹配度 0.")
    assert "     研究方向“工业互联网”与需求“工业互联网”相关" in lines
    document = json.loads(gaoxin("match", "pds-xincai-digital-line", "--as-of", "2026-11-29", "--top", "2",
                                 "--format", "json").stdout)
    assert list(document) == ["as_of", "need", "candidates", "residents"]
    assert (document["as_of"], document["need"]) == ("2026-11-29", "pds-xincai-digital-line")
    assert document["residents"] == [{"doctor": "zhang-wei", "name": "张伟", "agreement": "a2025-001", "end": "2027-02-28"}]
    assert 1 <= len(document["candidates"]) <= 2
    first = document["candidates"][0]
    assert list(first) == ["doctor", "name", "score", "reasons"]
    assert (first["doctor"], first["name"]) == ("chen-lei", "陈磊") and 0 < first["score"] <= 1
    assert first["score"] == round(first["score"], 2) and first["reasons"]


def test_match_a_doctor_offers_open_needs_only():
    document = json.loads(gaoxin("match", "--doctor", "chen-lei", "--as-of", "2026-11-29", "--format", "json").stdout)
    assert list(document) == ["as_of", "doctor", "needs", "resident_needs"] and document["doctor"] == "chen-lei"
    assert [list(item) for item in document["needs"]][:1] == [["need", "enterprise", "title", "score", "reasons"]]
    assert document["needs"][0] == {**document["needs"][0], "need": "pds-xincai-digital-line",
                                    "enterprise": "pds-xincai", "title": "改性车间生产线数字化"}
    open_needs = {"lvqing-adipic", "jinlun-welding-robot", "guangchu-pcs-efficiency", "yunzhi-industrial-apps",
                  "ruidian-assembly", "pds-xincai-digital-line"}
    assert {item["need"] for item in document["needs"]} <= open_needs
    scores = [item["score"] for item in document["needs"]]
    assert scores == sorted(scores, reverse=True)
    text = gaoxin("match", "--doctor", "chen-lei", "--as-of", "2026-11-29", "--top", "1").stdout.splitlines()
    assert text[1].startswith("1. 改性车间生产线数字化（pds-xincai-digital-line，平顶山鑫材尼龙科技有限公司）匹配度 ")
    assert not any(line.startswith("2. ") for line in text)


def test_match_shows_a_doctor_in_residence_at_the_enterprise_apart():
    """陈磊 is in residence at 云智 (a2026-001): its open need is not recommended to him, but shown with the agreement."""
    document = json.loads(gaoxin("match", "yunzhi-industrial-apps", "--as-of", "2026-11-29", "--format", "json").stdout)
    assert "chen-lei" not in [candidate["doctor"] for candidate in document["candidates"]]
    assert document["residents"] == [{"doctor": "chen-lei", "name": "陈磊", "agreement": "a2026-001", "end": "2027-02-28"}]
    text = gaoxin("match", "yunzhi-industrial-apps", "--as-of", "2026-11-29").stdout.splitlines()
    assert text[-3:] == ["本企业在岗博士（不列入推荐）：", "  陈磊（chen-lei），合作协议 a2026-001，在岗至 2027-02-28",
                         "  如本需求由这次入驻承接，请在该合作协议的 needs 中写上 yunzhi-industrial-apps（第五条 供需对接）"]
    document = json.loads(gaoxin("match", "--doctor", "chen-lei", "--as-of", "2026-11-29", "--format", "json").stdout)
    assert "yunzhi-industrial-apps" not in [item["need"] for item in document["needs"]]
    assert document["resident_needs"] == [{"need": "yunzhi-industrial-apps", "enterprise": "yunzhi-tech",
                                           "title": "工业APP开发", "agreement": "a2026-001"}]
    text = gaoxin("match", "--doctor", "chen-lei", "--as-of", "2026-11-29").stdout.splitlines()
    assert text[-1] == "  工业APP开发（yunzhi-industrial-apps），合作协议 a2026-001"


def test_match_the_same_records_give_the_same_answer():
    first = gaoxin("match", "jinlun-welding-robot", "--as-of", "2026-11-29", "--format", "json").stdout
    assert gaoxin("match", "jinlun-welding-robot", "--as-of", "2026-11-29", "--format", "json").stdout == first


def test_match_an_exited_doctor_gets_no_needs(tmp_path):
    from .support import site_records
    records = site_records(tmp_path / "records")
    result = gaoxin("match", "--doctor", "d4", "--records", str(records), "--as-of", "2027-04-30")
    assert result.returncode == 0 and "该博士已退出人才库" in result.stdout and "1. " not in result.stdout
    document = json.loads(gaoxin("match", "e2-vision", "--records", str(records), "--as-of", "2027-04-30",
                                 "--top", "20", "--format", "json").stdout)
    assert "d4" not in [c["doctor"] for c in document["candidates"]]


@pytest.mark.parametrize("args", [["nope"], ["--doctor", "nobody"], [], ["n1", "--doctor", "d1"], ["n1", "--top", "0"]])
def test_match_unknown_ids_and_bad_usage_exit_2(records, args):
    result = gaoxin("match", *args, "--records", str(records), "--as-of", AS_OF)
    assert result.returncode == 2 and result.stderr and "Traceback" not in result.stderr


def test_queries_refuse_records_with_errors(records):
    _break_term(records)
    for args in (["honor-roll", "2026"], ["progress", "2026Q1"], ["match", "n1"], ["match", "--doctor", "d1"]):
        result = gaoxin(*args, "--records", str(records), "--as-of", AS_OF)
        assert result.returncode == 1 and "art7.term" in result.stderr


def test_python_m_and_console_script_agree():
    script = shutil.which("gaoxin", path=str(Path(sys.executable).parent))
    assert script, "the gaoxin console script is installed beside the interpreter"
    a = subprocess.run([script, "validate", "--records", str(BASE), "--as-of", AS_OF, "--format", "json"],
                       capture_output=True, text=True)
    b = gaoxin("validate", "--records", str(BASE), "--as-of", AS_OF, "--format", "json")
    assert a.returncode == b.returncode == 0 and a.stdout == b.stdout


def test_the_process_ends_with_the_exit_code_and_all_of_its_output(records, tmp_path):
    """`entry` ends the process without the interpreter's tear-down: the output written to a file is whole."""
    _break_term(records)
    out = tmp_path / "findings.json"
    buffered = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    with out.open("w") as handle:
        result = subprocess.run([sys.executable, "-m", "generator", "validate", "--records", str(records),
                                 "--as-of", AS_OF, "--format", "json"], stdout=handle, stderr=subprocess.PIPE,
                                text=True, env={**buffered, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.endswith("}\n")  # print's last line break too, which waits in the buffer
    findings = json.loads(text)["findings"]
    assert any(finding["rule"] == "art7.term" for finding in findings)
