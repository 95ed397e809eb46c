"""Editing support: schema mapping for VS Code, the schema line of templates, the pre-commit hook."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.cli.commands.new import NEW_KINDS
from generator.records.loading import discover
from generator.records.schema import schemas

from .support import ROOT

SETTINGS = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(?P<path>\S+)$")


def glob_regex(pattern: str) -> re.Pattern:
    """A VS Code glob as a regex: `*` stays inside one folder, `**` crosses folders."""
    out = ""
    for part in re.split(r"(\*\*/?|\*|\?)", pattern):
        out += {"**/": "(?:.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}.get(part, re.escape(part))
    return re.compile(out + r"\Z")


def schema_for(path: str) -> list[str]:
    return [schema for schema, glob in SETTINGS["yaml.schemas"].items() if glob_regex(glob).match(path)]


def _record_files(root: Path):
    files, _ = discover(root)
    for ref in files:
        yield ref.kind, f"records/{ref.path}"


RECORD_FILES = list(_record_files(ROOT / "records"))


def test_the_sample_holds_every_kind():
    assert {kind for kind, _ in RECORD_FILES} == set(schemas())


@pytest.mark.parametrize(("kind", "path"), RECORD_FILES, ids=[path for _, path in RECORD_FILES])
def test_every_record_file_maps_to_its_schema(kind, path):
    assert schema_for(path) == [f"./schemas/{kind}.schema.json"]


def test_every_schema_is_mapped_and_exists():
    mapped = {Path(schema).name for schema in SETTINGS["yaml.schemas"]}
    assert mapped == {f"{kind}.schema.json" for kind in schemas()}
    for schema in SETTINGS["yaml.schemas"]:
        assert (ROOT / schema).is_file(), schema


def test_files_that_are_not_records_map_to_no_schema():
    for path in ("records/README.md", "records/reports/a1/notes.yml", "records/reports/a1/2026.yml",
                 "mkdocs.yml", ".github/workflows/site.yml"):
        assert schema_for(path) == [], path


def test_the_editor_reads_yaml_as_the_validator_does():
    assert SETTINGS["yaml.yamlVersion"] == "1.1", "records are YAML 1.1 (the records format): `no` is a boolean"
    assert SETTINGS["[yaml]"]["editor.insertSpaces"] is True


def test_the_yaml_extension_is_recommended():
    recommended = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))["recommendations"]
    assert "redhat.vscode-yaml" in recommended


@pytest.mark.parametrize("kind", NEW_KINDS)
def test_new_templates_name_their_schema(kind, tmp_path, capsys):
    shutil.copytree(ROOT / "records", tmp_path / "records")
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    record_id = {"report": "a2025-001/2099Q1"}.get(kind, "new-record")
    records = tmp_path / "records"
    assert main(["new", kind, record_id, "--records", str(records)]) == 0
    [path] = [p for p in records.rglob("*.yml") if "new-record" in p.name or "2099Q1" in p.name]
    match = MODELINE.match(path.read_text(encoding="utf-8").splitlines()[0])
    assert match, "the first line tells the YAML language server which schema applies"
    schema = (path.parent / match["path"]).resolve()
    assert schema == (tmp_path / "schemas" / f"{kind}.schema.json").resolve()
    assert schema_for(f"records/{path.relative_to(records).as_posix()}") == [f"./schemas/{kind}.schema.json"]


def test_the_final_report_template_names_the_final_report_schema(tmp_path):
    shutil.copytree(ROOT / "records", tmp_path / "records")
    assert main(["new", "report", "a2025-002/final", "--records", str(tmp_path / "records")]) == 1, "exists"
    assert main(["new", "report", "a2026-003/final", "--records", str(tmp_path / "records")]) == 0
    first = (tmp_path / "records" / "reports" / "a2026-003" / "final.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../../schemas/final-report.schema.json"


@pytest.mark.parametrize("name", [".pre-commit-hooks.yaml", ".pre-commit-config.yaml"])
def test_the_pre_commit_hook(name):
    data = yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))
    hooks = data if isinstance(data, list) else data["repos"][0]["hooks"]
    [hook] = [hook for hook in hooks if hook["id"] == "gaoxin-validate"]
    assert hook["entry"] == "gaoxin validate"
    assert hook["pass_filenames"] is False
    assert re.search(hook["files"], "records/doctors/zhang-wei.yml")
    assert not re.search(hook["files"], "generator/cli.py")
    done = subprocess.run([str(Path(sys.executable).parent / "gaoxin"), "validate", "--help"], capture_output=True)
    assert done.returncode == 0


def test_editorconfig_keeps_yaml_free_of_tabs():
    text = (ROOT / ".editorconfig").read_text(encoding="utf-8")
    section = text.split("[*.{yml,yaml}]", 1)[1].split("[", 1)[0]
    assert "indent_style = space" in section and "indent_size = 2" in section
    assert "charset = utf-8" in text and "end_of_line = lf" in text
