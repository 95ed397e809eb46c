"""The guides and templates people follow: present, valid, and consistent with the tools."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.ownership.rights import STAFF_ONLY

from .support import ROOT

GUIDE = ROOT / "site_src" / "guide"
ISSUE_FORMS = sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("[0-9]*.yml"))
SUBMITTERS = {"enterprise.md": "入驻企业", "doctor.md": "博士", "university.md": "派出单位", "staff.md": "工作人员"}


def _check_jsonschema(schema: str, path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("path", ISSUE_FORMS, ids=lambda path: path.name)
def test_issue_forms_are_valid(path):
    _check_jsonschema("vendor.github-issue-forms", path)


def test_issue_template_config_is_valid():
    _check_jsonschema("vendor.github-issue-config", ROOT / ".github" / "ISSUE_TEMPLATE" / "config.yml")


def test_the_guides_name_the_issue_forms_that_exist():
    names = {re.search(r"^name: (.+)$", path.read_text(encoding="utf-8"), re.MULTILINE)[1] for path in ISSUE_FORMS}
    assert names == {"请工作人员代为录入", "申请成为维护人", "问题反馈"}
    guides = "".join(path.read_text(encoding="utf-8") for path in GUIDE.glob("*.md"))
    for name in names:
        assert name in guides


def test_the_pull_request_template_has_a_checklist_per_record_kind():
    text = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    for folder in ("doctors", "enterprises", "agreements", "reports"):
        section = text.split(f"records/{folder}/", 1)[1].split("</details>", 1)[0]
        assert section.count("- [ ]") >= 2, folder


@pytest.mark.parametrize(("page", "who"), SUBMITTERS.items())
def test_a_guide_per_submitter(page, who):
    text = (GUIDE / page).read_text(encoding="utf-8")
    assert who in text.splitlines()[0]


@pytest.mark.parametrize("page", ["enterprise.md", "doctor.md"])
def test_first_submission_walks_through_the_web_editor(page):
    """Numbered steps from the folder to the pull request, with GitHub's own button names."""
    text = (GUIDE / page).read_text(encoding="utf-8")
    steps = re.findall(r"^\d+\. .*$", text, re.MULTILINE)
    assert len(steps) >= 5
    for button in ("Create new file", "Commit changes", "Propose changes", "Create pull request"):
        assert button in text, button
    assert "maintainers" in text and "../form/" in text


def test_the_messages_page_explains_the_common_findings():
    text = (GUIDE / "messages.md").read_text(encoding="utf-8")
    for rule in ("schema.field", "yaml.syntax", "data.dates", "art13.report-missing", "privacy.pii", "ref.missing",
                 "data.credit-code", "art7.term"):
        assert f"`{rule}`" in text, rule
    assert "Tab" in text and "引号" in text


def test_contributing_states_the_ownership_decisions():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert ".github/gaoxin-roles.yml" in text and "gaoxin owners" in text and "gaoxin check-changes" in text
    for folder in [*STAFF_ONLY, "enterprises", "doctors", "reports"]:
        assert folder in text, folder
    assert "基准版本" in text
