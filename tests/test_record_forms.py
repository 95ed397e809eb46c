"""The 在线填写 forms: their data (generator/forms.py) and, in headless Chromium, the records they build.

The browser tests build this repository's site, serve it on 127.0.0.1, fill each form as a
person would, take the YAML the page produced, write it into a copy of records/ at the path
the page names, and require `gaoxin validate` to accept it (exit 0). Screenshots go to
tests/screenshots/ (gitignored).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from generator.cli import main
from generator.forge import KINDS, Forge
from generator.records.loading import load
from generator.records.schema import schemas
from generator.rules.enterprises import credit_check_char
from generator.site.forms import BROWSER_CHECKS, FORM_KINDS, FORMS_JSON, HELP, form_data, form_json

from .browser import SCREENSHOTS, chromium, served
from .support import ROOT

REPOSITORY = "https://github.com/example-org/gaoxin-records"
GITHUB = Forge("github", "https://github.com", "example-org/gaoxin-records")


@pytest.fixture(scope="module")
def program():
    loaded, _ = load(ROOT / "records")
    return loaded


# --- the data --------------------------------------------------------------------------------------


def _paths(fields):
    for field in fields:
        yield field["path"]
        yield from _paths(field.get("fields", ()))


def test_every_schema_property_has_a_field(program):
    data = form_data(program)
    for kind in FORM_KINDS:
        assert [field["key"] for field in data["forms"][kind]["fields"]] == list(schemas()[kind]["properties"])


def test_help_and_checks_name_real_fields(program):
    data = form_data(program)
    paths = {(kind, path) for kind in FORM_KINDS for path in _paths(data["forms"][kind]["fields"])}
    for kind, path in [*HELP, *BROWSER_CHECKS]:
        if kind == "*":
            assert any(p == path for _, p in paths), path
        else:
            assert (kind, path) in paths, (kind, path)


def _with_paths(fields):
    for field in fields:
        yield field
        yield from _with_paths(field.get("fields", ()))


def test_text_fields_carry_their_length_limits(program):
    """The form says a value is too long while it is typed, with the validator's limits."""
    data = form_data(program)
    fields = {(kind, field["path"]): field for kind in FORM_KINDS for field in _with_paths(data["forms"][kind]["fields"])}
    assert (fields[("doctor", "research_areas")]["max_length"], fields[("doctor", "research_areas")]["max_items"]) == (60, 20)
    assert fields[("doctor", "bio")]["max_length"] == 10_000
    assert fields[("need", "title")]["max_length"] == 100
    unbounded = [key for key, field in fields.items() if field["type"] in ("text", "markdown", "lines")
                 and not field.get("max_length")]
    assert unbounded == []


def test_choices_come_from_the_policy_and_the_records(program):
    data = form_data(program)
    fields = {(kind, field["path"]): field for kind in FORM_KINDS
              for field in _flatten(data["forms"][kind]["fields"])}
    assert data["policy"]["duties"] == list(program.policy.duties)
    assert fields[("report", "work[].duty")]["choices"] == "policy.duties"
    assert set(data["records"]["universities"]) == set(program.universities)
    assert data["records"]["agreements"]["a2025-001"]["doctor"] == "zhang-wei"
    assert "a2025-001/2025Q1" in data["records"]["taken"]["reports"]
    for field in fields.values():
        if "choices" in field:
            node = data
            for part in field["choices"].split("."):
                node = node[part]
            assert node, field["path"]


def _flatten(fields):
    for field in fields:
        yield field
        yield from _flatten(field.get("fields", ()))


def test_form_json_is_utf8_json(program):
    assert json.loads(form_json(program, forge=GITHUB))["repository"]["url"] == REPOSITORY


def test_the_forms_name_the_forge(program):
    data = form_data(program, Forge("gitlab", "https://gitlab.example.gov.cn", "kjcxj/records", "master"))
    assert data["repository"]["new_file"] == (
        "https://gitlab.example.gov.cn/kjcxj/records/-/new/master/{folder}?file_name={filename}&content={content}")
    assert data["repository"]["name"] == "GitLab"
    maintainers = next(field for field in data["forms"]["doctor"]["fields"] if field["key"] == "maintainers")
    assert maintainers["help"].startswith("GitLab 账号")
    assert form_data(program)["repository"]["new_file"] is None


# --- in the browser -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory, program):
    """This repository's public site, with the forms' data, served on 127.0.0.1."""
    folder = tmp_path_factory.mktemp("forms-site")
    code = main(["build", "--records", str(ROOT / "records"), "--config", str(ROOT / "mkdocs.yml"),
                 "--site-src", str(ROOT / "site_src"), "--cache-dir", str(folder / "cache"),
                 "--out", str(folder / "site")])
    assert code == 0
    out = folder / "site"
    # The forms link to GitHub only when the site knows its repository: give it one.
    (out / FORMS_JSON).write_bytes(form_json(program, forge=GITHUB))
    with served(out) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium({"width": 1200, "height": 900}, "表单的浏览器测试") as context:
        yield context


@pytest.fixture
def page(browser):
    tab = browser.new_page()
    tab.set_default_timeout(10_000)
    errors, hosts = [], set()
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on("request", lambda request: hosts.add(urlsplit(request.url).hostname))
    yield tab
    tab.evaluate("window.localStorage.clear()")
    tab.close()
    assert errors == [], "the page's scripts threw"
    assert hosts <= {"127.0.0.1", None}, f"the forms work offline: no request may leave the site ({hosts})"


def open_form(page, site, kind):
    """The form of `kind` as a newcomer meets it: no draft kept from an earlier test restored into it."""
    page.goto(f"{site}form/{kind}/")
    page.evaluate("window.localStorage.clear()")
    page.reload()
    page.wait_for_selector(".rf-form")


def field(page, path):
    return page.locator(f"[data-path='{path}']").locator("input, select, textarea").first


def messages(page, path):
    return page.locator(f"[data-path='{path}'] .rf-messages").inner_text()


def produced(page):
    """(path under the repository, YAML text) the page shows once everything checks out."""
    assert "检查通过" in page.locator(".rf-status").inner_text(), page.locator(".record-form").inner_text()
    where = page.locator(".rf-where").inner_text().removeprefix("保存为 ").strip()
    return where, page.locator(".rf-yaml").inner_text()


def accepted(tmp_path, records_path: str, text: str) -> dict:
    """Write the record into a copy of records/ and require gaoxin validate to accept it."""
    records = tmp_path / "records"
    shutil.copytree(ROOT / "records", records)
    target = tmp_path / records_path
    assert not target.exists()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    assert main(["validate", "--records", str(records)]) == 0
    return yaml.safe_load(text)


pytestmark_browser = pytest.mark.browser


@pytestmark_browser
def test_doctor_form_builds_a_valid_record(page, site, tmp_path, capsys):
    open_form(page, site, "doctor")
    field(page, "@id").fill("li-na")
    field(page, "name").fill("李娜")
    field(page, "university").select_option("pdsu")
    field(page, "discipline").fill("机械工程")
    field(page, "title").fill("no")
    field(page, "research_areas").fill("智能制造\n  工业机器人  \n\n")
    bio = '平顶山学院讲师，“双师型”教师。\n\n研究方向: 1:20 装配线 #1 \\ 节拍 "优化"\ttab'
    field(page, "bio").fill(bio)
    field(page, "maintainers").fill("@lina-pdsu")
    page.screenshot(path=str(SCREENSHOTS / "form-doctor.png"), full_page=True)
    path, text = produced(page)
    assert path == "records/doctors/li-na.yml"
    assert text.startswith("# yaml-language-server: $schema=../../schemas/doctor.schema.json\n")
    record = accepted(tmp_path, path, text)
    assert record == {"name": "李娜", "university": "pdsu", "degree": "博士", "discipline": "机械工程",
                      "title": "no", "research_areas": ["智能制造", "工业机器人"], "bio": bio,
                      "maintainers": ["lina-pdsu"]}
    assert "research_areas:\n  - \"智能制造\"\n  - \"工业机器人\"\n" in text, "lists in block style"


@pytestmark_browser
def test_doctor_form_refuses_a_taken_id_and_personal_data(page, site):
    open_form(page, site, "doctor")
    field(page, "@id").fill("zhang-wei")
    field(page, "title").fill("电话 138 1234 5678")
    field(page, "discipline").fill("𝔸" + "研" * 60)
    assert "太长：最多 60 个字符，现有 61 个字符" in messages(page, "discipline")
    assert "已有同名记录 doctors/zhang-wei.yml" in messages(page, "@id")
    assert "含有手机号码" in messages(page, "title")
    assert "还有" in page.locator(".rf-status").inner_text()
    assert page.locator(".rf-new-file").get_attribute("href") is None


@pytestmark_browser
def test_enterprise_form_checks_the_credit_code_as_typed(page, site, tmp_path):
    open_form(page, site, "enterprise")
    body = "91410400MA9K8P2L3"
    good = body + credit_check_char(body)
    wrong = body + ("0" if good[-1] != "0" else "1")
    field(page, "credit_code").fill(wrong)
    shown = messages(page, "credit_code")
    assert f"校验位错误：第18位应为 {good[-1]}" in shown
    assert page.locator("[data-path='credit_code']").get_attribute("class").count("rf-invalid") == 1
    page.screenshot(path=str(SCREENSHOTS / "form-enterprise-credit-code.png"), full_page=False)
    field(page, "credit_code").fill("91410400MA9K8P2L")
    assert "应为18位" in messages(page, "credit_code")
    field(page, "credit_code").fill(good.lower())  # typed in lower case: the record gets upper case
    assert messages(page, "credit_code") == ""
    field(page, "@id").fill("pds-xinnengyuan")
    field(page, "name").fill("平顶山新能源示范有限公司")
    field(page, "industry").select_option("新能源")
    field(page, "park").fill("高新区创新创业园")
    field(page, "website").fill("https://www.example.cn/")
    field(page, "maintainers").fill("xinnengyuan-it")
    path, text = produced(page)
    record = accepted(tmp_path, path, text)
    assert record["credit_code"] == good and record["industry"] == "新能源"


@pytestmark_browser
def test_need_form_checks_the_dates_and_builds_a_valid_record(page, site, tmp_path):
    open_form(page, site, "need")
    today = page.evaluate("GaoxinRecordForm.todayInShanghai()")
    field(page, "@id").fill("pds-xincai-recycling")
    field(page, "enterprise").select_option("pds-xincai")
    field(page, "title").fill("尼龙回收料再利用")
    description = "注塑水口料回用超过 20% 后冲击强度下降。\n\n希望找到合适的增韧方案。"
    field(page, "description").fill(description)
    field(page, "fields").fill("尼龙改性\n回收料")
    field(page, "duty").select_option("技术难题")
    field(page, "posted").fill(today)
    field(page, "closed").fill("2020-01-01")
    assert "早于发布日期" in messages(page, "closed")
    field(page, "closed").fill("")
    field(page, "description").fill(description + "\n联系 13812345678")
    assert "含有手机号码" in messages(page, "description")
    field(page, "description").fill(description)
    page.screenshot(path=str(SCREENSHOTS / "form-need.png"), full_page=True)
    path, text = produced(page)
    assert path == "records/needs/pds-xincai-recycling.yml"
    assert text.startswith("# yaml-language-server: $schema=../../schemas/need.schema.json\n")
    record = accepted(tmp_path, path, text)
    assert record == {"enterprise": "pds-xincai", "title": "尼龙回收料再利用", "description": description,
                      "fields": ["尼龙改性", "回收料"], "duty": "技术难题",
                      "posted": __import__("datetime").date.fromisoformat(today)}


@pytestmark_browser
def test_agreement_form_checks_the_term_and_builds_a_valid_record(page, site, tmp_path):
    open_form(page, site, "agreement")
    suggested = field(page, "@id").get_attribute("placeholder")
    field(page, "@id").fill(suggested)
    field(page, "doctor").select_option("li-jing")
    field(page, "enterprise").select_option("hengli-yeya")
    field(page, "position").fill("科技服务官")
    field(page, "start").fill("2026-02-01")
    field(page, "end").fill("2027-01-30")
    assert "入驻期限不足12个月（第七条）：2026-02-01 至 2027-01-30，结束日期至少应为 2027-01-31" in messages(page, "end")
    field(page, "end").fill("2027-01-31")
    assert messages(page, "end") == ""
    field(page, "signed").fill("2026-01-05")
    field(page, "filing.date").fill("2026-01-04")
    assert "早于协议签订日期" in messages(page, "filing.date")
    field(page, "filing.date").fill("2026-01-12")
    field(page, "filing.number").fill("平高科备〔2026〕9号")
    field(page, "focus").fill("液压阀芯耐磨涂层")
    field(page, "mode").fill("技术攻关")
    field(page, "coordinator").fill("周建")
    field(page, "funding_yuan").fill("300000")
    page.screenshot(path=str(SCREENSHOTS / "form-agreement.png"), full_page=True)
    path, text = produced(page)
    assert path == f"records/agreements/{suggested}.yml"
    record = accepted(tmp_path, path, text)
    assert record["filing"] == {"number": "平高科备〔2026〕9号", "date": __import__("datetime").date(2026, 1, 12)}
    assert record["funding_yuan"] == 300000
    assert "\nstart: 2026-02-01\n" in text, "dates unquoted"
    # Only the staff add agreements (第五条 双向选择): the record goes to them as a 代为录入 issue.
    button = page.locator(".rf-new-file")
    assert button.inner_text().strip() == "提交给工作人员录入"
    link = urlsplit(button.get_attribute("href"))
    assert f"{link.scheme}://{link.netloc}{link.path}" == f"{REPOSITORY}/issues/new"
    query = parse_qs(link.query)
    assert query == {"template": ["1-entry-request.yml"], "title": [f"[代为录入] 合作协议 {suggested}"], "content": [text]}
    assert "提交给工作人员录入" in page.locator(".rf-status").inner_text()


def choose_open_quarter(page) -> tuple[str, list[str]]:
    """Pick the first unreported quarter of the chosen agreement that has begun, submitted today."""
    today = page.evaluate("GaoxinRecordForm.todayInShanghai()")
    quarters = [value for value in page.locator("[data-path='@period'] option").evaluate_all(
        "options => options.filter(o => o.value && !o.text.includes('已报送')).map(o => o.value)")
        if f"{value[:4]}-{int(value[5]) * 3 - 2:02d}-01" <= today]
    if not quarters:
        pytest.skip("a2026-001 has no unreported quarter that has begun")
    field(page, "@period").select_option(quarters[0])
    field(page, "submitted").fill(today)
    return today, quarters


@pytestmark_browser
def test_report_form_offers_the_term_quarters_and_builds_a_valid_record(page, site, tmp_path, program):
    open_form(page, site, "report")
    field(page, "@agreement").select_option("a2026-001")
    options = page.locator("[data-path='@period'] option").all_inner_texts()
    agreement = program.agreements["a2026-001"]
    assert options[1].startswith(f"{agreement.start.year}年第{(agreement.start.month - 1) // 3 + 1}季度")
    assert any("已报送" in option for option in options)
    _, open_quarters = choose_open_quarter(page)
    field(page, "summary").fill("完成车间视觉检测样机部署。\n下季度计划：推广到两条产线。")
    field(page, "work[0].duty").select_option("技术难题")
    field(page, "work[0].title").fill("表面缺陷检测误报率降低")
    page.get_by_role("button", name="＋ 添加一项工作事项").click()
    field(page, "work[1].duty").select_option("科技项目申报")
    field(page, "work[1].title").fill("申报市级科技计划项目")
    field(page, "outcomes.projects_applied").fill("1")
    page.screenshot(path=str(SCREENSHOTS / "form-report.png"), full_page=True)
    path, text = produced(page)
    assert path == f"records/reports/a2026-001/{open_quarters[0]}.yml"
    assert text.startswith("# yaml-language-server: $schema=../../../schemas/report.schema.json\n")
    record = accepted(tmp_path, path, text)
    assert [item["duty"] for item in record["work"]] == ["技术难题", "科技项目申报"]
    assert record["outcomes"] == {"projects_applied": 1}


@pytestmark_browser
def test_the_github_link_opens_the_new_file_page_filled_in(page, site):
    open_form(page, site, "doctor")
    _fill_minimal_doctor(page)
    _, text = produced(page)
    link = urlsplit(page.locator(".rf-new-file").get_attribute("href"))
    assert f"{link.scheme}://{link.netloc}{link.path}" == f"{REPOSITORY}/new/main/records/doctors"
    query = parse_qs(link.query)
    assert query == {"filename": ["li-na.yml"], "value": [text]}


FORGES = {kind: Forge(kind, f"https://{kind}.example.gov.cn", "kjcxj/gaoxin-records", "main") for kind in KINDS}
NEW_FILE_PAGE = {
    "github": ("/kjcxj/gaoxin-records/new/main/records/doctors", "filename", "value"),
    "gitlab": ("/kjcxj/gaoxin-records/-/new/main/records/doctors", "file_name", "content"),
    "gitea": ("/kjcxj/gaoxin-records/_new/main/records/doctors", "filename", "value"),
    "forgejo": ("/kjcxj/gaoxin-records/_new/main/records/doctors", "filename", "value"),
}


def serve_forms(page, program, forge: Forge) -> None:
    """The site's forms.json as a site on `forge` would have it."""
    body = json.dumps(form_data(program, forge), ensure_ascii=False)
    page.route("**/assets/forms.json", lambda route: route.fulfill(status=200, content_type="application/json",
                                                                  body=body))


@pytestmark_browser
@pytest.mark.parametrize("kind", list(KINDS))
def test_each_forge_gets_its_own_new_file_page(page, site, program, kind):
    serve_forms(page, program, FORGES[kind])
    open_form(page, site, "doctor")
    _fill_minimal_doctor(page)
    _, text = produced(page)
    button = page.locator(".rf-new-file")
    assert button.inner_text() == f"在 {KINDS[kind].name} 上创建文件"
    assert KINDS[kind].submit in page.locator(".rf-status").inner_text()
    href = button.get_attribute("href")
    assert href == FORGES[kind].new_file_url("records/doctors", "li-na.yml", text)
    link = urlsplit(href)
    path, name_key, content_key = NEW_FILE_PAGE[kind]
    assert (link.scheme, link.netloc, link.path) == ("https", f"{kind}.example.gov.cn", path)
    assert parse_qs(link.query) == {name_key: ["li-na.yml"], content_key: [text]}
    page.locator(".rf-output").scroll_into_view_if_needed()
    page.locator(".rf-output").screenshot(path=str(SCREENSHOTS / f"form-forge-{kind}.png"))


def _fill_agreement(page) -> str:
    suggested = field(page, "@id").get_attribute("placeholder")
    field(page, "@id").fill(suggested)
    field(page, "doctor").select_option("li-jing")
    field(page, "enterprise").select_option("hengli-yeya")
    for path, value in (("position", "科技服务官"), ("start", "2026-02-01"), ("end", "2027-01-31"), ("signed", "2026-01-05"),
                        ("filing.date", "2026-01-12"), ("filing.number", "平高科备〔2026〕9号"), ("focus", "液压阀芯耐磨涂层"),
                        ("mode", "技术攻关"), ("coordinator", "周建")):
        field(page, path).fill(value)
    return suggested


@pytestmark_browser
@pytest.mark.parametrize("kind", list(KINDS))
def test_each_forge_gets_its_own_entry_request(page, site, program, kind):
    """A new agreement goes to the staff as an issue: GitHub's issue form, or the forge's own prefilled issue."""
    serve_forms(page, program, FORGES[kind])
    open_form(page, site, "agreement")
    suggested = _fill_agreement(page)
    _, text = produced(page)
    href = page.locator(".rf-new-file").get_attribute("href")
    assert href == FORGES[kind].new_issue_url(f"[代为录入] 合作协议 {suggested}", text)
    assert "issues/new" in href and ("template=" in href) == (kind == "github")


@pytestmark_browser
def test_a_report_goes_into_its_agreement_folder_on_gitlab(page, site, program):
    serve_forms(page, program, FORGES["gitlab"])
    open_form(page, site, "report")
    field(page, "@agreement").select_option("a2026-001")
    _, quarters = choose_open_quarter(page)
    field(page, "summary").fill("完成样机部署。")
    field(page, "work[0].duty").select_option("技术难题")
    field(page, "work[0].title").fill("误报率降低")
    _, text = produced(page)
    link = urlsplit(page.locator(".rf-new-file").get_attribute("href"))
    assert link.path == "/kjcxj/gaoxin-records/-/new/main/records/reports/a2026-001"
    assert parse_qs(link.query) == {"file_name": [f"{quarters[0]}.yml"], "content": [text]}


def _fill_minimal_doctor(page):
    field(page, "@id").fill("li-na")
    field(page, "name").fill("李娜")
    field(page, "university").select_option("pdsu")
    field(page, "discipline").fill("机械工程")
    field(page, "research_areas").fill("智能制造")
    field(page, "maintainers").fill("lina-pdsu")


@pytestmark_browser
def test_download_and_copy_give_the_record(page, site, browser):
    open_form(page, site, "doctor")
    assert page.get_by_role("button", name="下载文件").is_disabled(), "nothing to download before the checks pass"
    _fill_minimal_doctor(page)
    _, text = produced(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="下载文件").click()
    assert download.value.suggested_filename == "li-na.yml"
    assert Path(download.value.path()).read_text(encoding="utf-8") == text
    browser.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.rstrip("/"))
    page.get_by_role("button", name="复制内容").click()
    page.get_by_role("button", name="已复制").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == text


@pytestmark_browser
def test_a_draft_survives_a_reload(page, site):
    open_form(page, site, "doctor")
    field(page, "name").fill("李娜")
    field(page, "research_areas").fill("智能制造\n工业机器人")
    page.reload()
    page.wait_for_selector(".rf-form")
    assert field(page, "name").input_value() == "李娜"
    assert field(page, "research_areas").input_value() == "智能制造\n工业机器人"


TRICKY = [
    "", "no", "yes", "on", "~", "null", "1:20", "010", "0x1F", "1e3", ".inf", "2026-02-30", "- item", "? key",
    "a: b", "a #b", "#c", "'single'", '"double"', "back\\slash", "tab\there", "line\nbreak", "crlf\r\nx",
    "\u0085nel", "ls\u2028ps\u2029", "\u007fdel\u0080c1", "\ufeffbom", "bell\u0007", "emoji 😀", "{a: [b]}",
    "&anchor *alias !tag %", "   leading", "trailing   ", "全角：冒号，逗号", "\ufffe", "混合 text 1:2:3",
]


@pytestmark_browser
def test_quoting_round_trips_through_the_yaml_loader(page, site):
    """Every string the form writes reads back as exactly the same string (records are YAML 1.1)."""
    from generator.records.parsing import decode, parse

    open_form(page, site, "doctor")
    quoted = page.evaluate("texts => texts.map(GaoxinRecordForm.quote)", TRICKY)
    for text, written in zip(TRICKY, quoted):
        assert written.startswith('"') and written.endswith('"')
        assert parse(decode(f"value: {written}\n".encode()))["value"] == text, (text, written)


@pytestmark_browser
def test_forms_page_lists_the_forms(page, site):
    page.goto(f"{site}form/")
    for name in ("博士信息", "企业信息", "合作协议", "季度工作报送"):
        assert page.get_by_role("link", name=name).first.is_visible()


def test_the_site_build_writes_the_forms_data(tmp_path):
    code = main(["build", "--records", str(ROOT / "records"), "--config", str(ROOT / "mkdocs.yml"),
                 "--site-src", str(ROOT / "site_src"), "--cache-dir", str(tmp_path / "cache"),
                 "--out", str(tmp_path / "site")])
    assert code == 0
    data = json.loads((tmp_path / "site" / FORMS_JSON).read_text(encoding="utf-8"))
    assert set(data["forms"]) == set(FORM_KINDS)


@pytestmark_browser
def test_without_a_repository_the_form_says_how_to_submit(page, site, program):
    data = form_data(program)  # no repository URL, and the test site has no repo_url either
    page.route("**/assets/forms.json", lambda route: route.fulfill(
        status=200, content_type="application/json", body=json.dumps(data, ensure_ascii=False)))
    open_form(page, site, "doctor")
    _fill_minimal_doctor(page)
    produced(page)
    assert page.locator(".rf-new-file").get_attribute("href") is None
    assert "没有配置记录仓库地址" in page.locator(".rf-note").inner_text()
    assert "records/doctors/ 中新建文件 li-na.yml" in page.locator(".rf-note").inner_text()


@pytestmark_browser
def test_work_items_can_be_added_and_removed(page, site):
    open_form(page, site, "report")
    field(page, "work[0].title").fill("第一项")
    page.get_by_role("button", name="＋ 添加一项工作事项").click()
    field(page, "work[1].duty").select_option("成果转化")
    field(page, "work[1].title").fill("第二项")
    page.locator(".rf-item").first.get_by_role("button", name="删除这一项").click()
    assert page.locator(".rf-item").count() == 1
    assert field(page, "work[0].title").input_value() == "第二项"
    assert page.locator(".rf-item legend").inner_text() == "工作事项 1"
    assert "第一项" not in page.locator(".rf-yaml").inner_text()
    assert '  - duty: "成果转化"\n    title: "第二项"' in page.locator(".rf-yaml").inner_text()


@pytestmark_browser
def test_visit_form_for_a_university_checks_the_university_and_builds_a_valid_record(page, site, tmp_path):
    open_form(page, site, "visit")
    today = page.evaluate("GaoxinRecordForm.todayInShanghai()")
    field(page, "@id").fill("v-hncj-pds-xincai")
    field(page, "date").fill(today)
    field(page, "kind").select_option("派出单位调研")
    field(page, "enterprise").select_option("pds-xincai")
    field(page, "agreements").fill("a2025-001")
    field(page, "visitors[0].unit").fill("河南城建学院")
    field(page, "visitors[0].people").fill("王建国（副校长）\n李红（科技处处长）")
    field(page, "method").select_option("实地")
    field(page, "findings").fill("了解无卤阻燃配方中试进展。")
    page.locator(".rf-show-all").click()
    assert "须选择来访的派出单位" in messages(page, "university")
    field(page, "university").select_option("hncj")
    # a problem left empty asks for nothing; once begun, it must name its owner and deadline
    assert messages(page, "problems[0].owner") == ""
    field(page, "problems[0].id").fill("p1")
    field(page, "problems[0].description").fill("中试线排产紧张")
    assert "请填写主办单位" in messages(page, "problems[0].owner")
    field(page, "problems[0].owner").fill("入驻企业")
    field(page, "problems[0].deadline").fill("2000-01-01")
    assert "办理期限早于走访日期" in messages(page, "problems[0].deadline")
    field(page, "problems[0].deadline").fill("2099-12-31")
    field(page, "maintainers").fill("hncj-kjc")
    page.screenshot(path=str(SCREENSHOTS / "form-visit.png"), full_page=True)
    path, text = produced(page)
    assert path == "records/visits/v-hncj-pds-xincai.yml"
    record = accepted(tmp_path, path, text)
    assert record["university"] == "hncj" and record["visitors"][0]["people"] == ["王建国（副校长）", "李红（科技处处长）"]
    assert record["problems"] == [{"id": "p1", "description": "中试线排产紧张", "owner": "入驻企业",
                                   "deadline": __import__("datetime").date(2099, 12, 31)}]


@pytestmark_browser
def test_visit_form_without_problems_for_the_staff(page, site, tmp_path):
    open_form(page, site, "visit")
    field(page, "@id").fill("v-joint-ruidian")
    field(page, "date").fill("2026-11-20")
    field(page, "kind").select_option("联合走访")
    field(page, "enterprise").select_option("ruidian")
    field(page, "university").select_option("hncj")
    page.locator(".rf-show-all").click()
    assert "只有派出单位调研填写派出单位" in messages(page, "university")
    field(page, "university").select_option("")
    field(page, "visitors[0].unit").fill("科技创新局")
    field(page, "method").select_option("座谈")
    field(page, "findings").fill("期满前走访。")
    path, text = produced(page)
    assert "problems" not in accepted(tmp_path, path, text)


@pytestmark_browser
def test_support_form_checks_doctors_stages_and_numbers_and_builds_a_valid_record(page, site, tmp_path):
    open_form(page, site, "support")
    field(page, "@id").fill("s2026-yunzhi-zyyc")
    field(page, "kind").select_option("人才计划项目")
    field(page, "name").fill("2026年度中原英才计划（育才系列）")
    field(page, "level").select_option("省级")
    field(page, "enterprise").select_option("yunzhi-tech")
    field(page, "stages[0].stage").select_option("申报")
    field(page, "stages[0].date").fill("2026-04-01")
    page.locator(".rf-show-all").click()
    assert "人才计划项目须填写参与的入驻博士" in messages(page, "doctors")
    field(page, "doctors").fill("chen-lei")
    page.get_by_role("button", name="＋ 添加一项阶段").click()
    field(page, "stages[1].stage").select_option("区推荐")
    field(page, "stages[1].date").fill("2026-03-20")
    assert "日期早于上一阶段" in messages(page, "stages[1].date")
    assert "区推荐须填写文号" in messages(page, "stages[1].number")
    field(page, "stages[1].date").fill("2026-04-20")
    field(page, "stages[1].number").fill("平高科〔2026〕15号")
    field(page, "maintainers").fill("yunzhi-dev")
    page.screenshot(path=str(SCREENSHOTS / "form-support.png"), full_page=True)
    path, text = produced(page)
    record = accepted(tmp_path, path, text)
    assert [stage["stage"] for stage in record["stages"]] == ["申报", "区推荐"] and record["doctors"] == ["chen-lei"]
