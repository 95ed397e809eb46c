"""The synthetic records generator of benchmarks/synth/: deterministic, well-formed, clean."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from benchmarks import synth
from benchmarks.synth.__main__ import main

from .support import ROOT

AS_OF = date(2026, 11, 29)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def program(tmp_path_factory) -> tuple[Path, dict]:
    """A clean 30-doctor program, generated once for the tests that only read it."""
    out = tmp_path_factory.mktemp("synth") / "records"
    return out, synth.generate(out, 30, seed=7, as_of=AS_OF)


@pytest.fixture(scope="module")
def faulty(tmp_path_factory) -> tuple[Path, dict]:
    """The same program with the faults of synth.FAULTS injected."""
    out = tmp_path_factory.mktemp("synth") / "faulty"
    return out, synth.generate(out, 30, seed=7, as_of=AS_OF, faults=True)


@pytest.fixture(scope="module")
def records(program) -> dict[str, dict]:
    out, _ = program
    return {path: yaml.safe_load(text.decode("utf-8")) for path, text in tree(out).items()}


def digests(files: dict[str, bytes]) -> dict[str, str]:
    return {path: hashlib.sha256(data).hexdigest() for path, data in files.items()}


RENDER_DIGESTS = """
import hashlib, json
from datetime import date
from benchmarks import synth
texts, _ = synth.render(30, seed=7, as_of=date(2026, 11, 29))
print(json.dumps({p: hashlib.sha256(t.encode("utf-8")).hexdigest() for p, t in texts.items()}))
"""


@pytest.mark.parametrize("hash_seed", ["1", "2"])
def test_same_arguments_give_identical_trees(program, hash_seed):
    """A second run, in another process with another string hash seed, gives the same bytes.

    That run renders without writing: generate writes exactly what render returns (next test),
    and this slow test disk takes a millisecond per file.
    """
    out, _ = program
    run = subprocess.run([sys.executable, "-c", RENDER_DIGESTS], cwd=ROOT, capture_output=True,
                         text=True, check=True, env={**os.environ, "PYTHONHASHSEED": hash_seed})
    assert json.loads(run.stdout) == digests(tree(out))


def test_generate_writes_exactly_what_render_returns(program):
    out, _ = program
    texts, _ = synth.render(30, seed=7, as_of=AS_OF)
    assert {path: text.encode("utf-8") for path, text in texts.items()} == tree(out)


def test_another_seed_gives_another_tree(program):
    out, _ = program
    texts, _ = synth.render(30, seed=8, as_of=AS_OF)  # what generate would write
    assert {path: text.encode("utf-8") for path, text in texts.items()} != tree(out)


def test_every_file_is_a_yaml_mapping_without_empty_values(records):
    def empty_values(value):
        if isinstance(value, dict):
            return [k for k, v in value.items() if v in (None, "", [], {})] + \
                [e for v in value.values() for e in empty_values(v)]
        if isinstance(value, list):
            return [e for v in value for e in empty_values(v)]
        return []

    for path, record in records.items():
        assert path.endswith(".yml"), path
        assert isinstance(record, dict), path
        assert not empty_values(record), path


def test_counts_per_kind(program, records):
    _, counts = program
    assert counts["policy"] == 1
    assert counts["universities"] == 30 // 100 + 3
    assert counts["doctors"] == 30
    assert counts["enterprises"] == 9
    assert 30 <= counts["agreements"] <= 45  # 1.0-1.5 per doctor
    assert 150 <= counts["reports"] <= 400
    assert 20 <= counts["evaluations"] <= 120
    assert counts["meetings"] == 4
    assert counts["files"] == len(records) == sum(n for k, n in counts.items()
                                                    if k not in ("files", "faults", "skipped_faults"))
    assert counts["faults"] == [] and counts["skipped_faults"] == []


def test_every_round_keeps_the_excellent_cap_and_rewards_each_excellent(records):
    policy = records["policy.yml"]
    rounds: dict = {}
    for path, record in records.items():
        if path.startswith("evaluations/") and record["kind"] == "年度":
            rounds.setdefault(record["round"], []).append(record)
            actions = [a["action"] for a in record.get("actions", [])]
            rewards = [a["amount_yuan"] for a in record.get("actions", []) if a["action"] == "奖励"]
            if record["grade"] == policy["excellent_grade"]:
                assert "通报表扬" in actions and rewards == [policy["excellent_reward_yuan"]]
            else:
                assert rewards == []
    assert rounds
    ratio = Fraction(str(policy["excellent_ratio"]))
    for members in rounds.values():
        excellent = sum(r["grade"] == policy["excellent_grade"] for r in members)
        assert excellent <= ratio * len(members)


def test_credit_codes_carry_a_valid_check_character(records):
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    for path, record in records.items():
        if path.startswith("enterprises/"):
            code = record["credit_code"]
            total = sum(alphabet.index(c) * w for c, w in zip(code[:17], weights))
            assert len(code) == 18 and code[17] == alphabet[(31 - total % 31) % 31], path


def test_refuses_a_non_empty_folder_unless_forced(program, tmp_path):
    out = tmp_path / "busy"
    out.mkdir()
    (out / "keep.txt").write_text("x")
    assert main(["--doctors", "3", "--out", str(out)]) == 2
    assert (out / "keep.txt").exists()
    assert main(["--doctors", "3", "--out", str(out), "--force"]) == 0
    assert not (out / "keep.txt").exists() and (out / "policy.yml").exists()


def test_the_command_line_runs_as_a_module(tmp_path):
    """`python -m benchmarks.synth` writes what render returns and prints the counts, then the faults."""
    out = tmp_path / "records"
    run = subprocess.run([sys.executable, "-m", "benchmarks.synth", "--doctors", "3", "--faults", "--out", str(out)],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    texts, counts = synth.render(3, faults=True)
    assert {path: text.encode("utf-8") for path, text in texts.items()} == tree(out)
    lines = run.stdout.splitlines()
    kinds = {kind: n for kind, n in counts.items() if kind not in ("faults", "skipped_faults")}
    assert lines[0] == " ".join(f"{kind}={n}" for kind, n in kinds.items())
    assert lines[0].startswith("policy=1 ") and "doctors=3 " in lines[0]
    assert lines[1:] == [f"{rule}\t{path}" for rule, path in counts["faults"]]


def test_the_generator_imports_nothing_of_the_validator():
    """The generator and the validator stay independent implementations of the format."""
    code = "import sys, benchmarks.synth; print([m for m in sys.modules if m.split('.')[0] == 'generator'])"
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


def test_cached_benchmark_trees_are_named_by_every_file_of_the_package(tmp_path, monkeypatch):
    from benchmarks import run

    shutil.copytree(ROOT / "benchmarks" / "synth", tmp_path / "benchmarks" / "synth",
                    ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(run, "ROOT", tmp_path)
    before = run.generator_version()
    assert before == run.generator_version()
    for name in ("words.py", "faults.py", "__main__.py"):
        path = tmp_path / "benchmarks" / "synth" / name
        path.write_text(path.read_text() + "\n")
        assert run.generator_version() != before, name
        before = run.generator_version()


def test_faults_are_injected_as_documented(faulty):
    out, counts = faulty
    assert counts["skipped_faults"] == []
    assert {rule for rule, _ in counts["faults"]} == {rule for rule, _, _ in synth.FAULTS}
    for _, path in counts["faults"]:
        assert (out / path).exists(), path  # a deleted record's fault points at its agreement


# The validator, run in-process on generated programs.

validate = pytest.importorskip("generator.rules.validate")


def findings_of(root: Path) -> list:
    return validate.validate_records(root, AS_OF).findings


def test_the_validator_finds_nothing_in_a_clean_program(program):
    out, _ = program
    assert [(f.rule, f.file, f.line) for f in findings_of(out)] == []


def test_the_validator_finds_every_injected_fault(faulty):
    out, counts = faulty
    found = {(f.rule, f.file) for f in findings_of(out)}
    assert [fault for fault in counts["faults"] if tuple(fault) not in found] == []
