"""`gaoxin new` writes only files whose names `validate` accepts, and refuses every other id.

Both ask the one parser in generator/records/ids.py; these are the ids people and attackers
type: trailing newlines, full-width digits, capitals, traversal, separators, invisible
characters, overlong names. A refused id is exit 2 with nothing written anywhere.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.rules.validate import validate_records

from ..support import BASE

AS_OF = "2026-04-10"
HOSTILE_IDS = ["d9\n", "d9\r", " d9", "D9", "Zhang-Wei", "ｄ9", "２０２６", "d\u200b9", "\u202ed9", "-d9", ".d9", "d 9",
               "d9.yml", "d9/", "../d9", "..", ".", "d9/../../etc", "a" * 65, "", "d9\x00", "d_9", "张伟", "d9\t"]
HOSTILE_REPORT_IDS = ["a1/2026Q1\n", "a1/２０２６Q1", "a1/2026Q5", "a1/2026q1", "a1/final\n", "a1/FINAL", "a1/2026Q1/x",
                      "a1//2026Q1", "../a1/2026Q1", "a1/../../2026Q1", "A1/2026Q1", "a1", "a1/", "/2026Q1",
                      "a1/2026Q1.yml", "a1/\u200b2026Q1", "a1/26Q1", "a1/02026Q1"]
CASES = [("doctor", text) for text in HOSTILE_IDS] + [("report", text) for text in HOSTILE_REPORT_IDS]


def snapshot(folder: Path) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*")}


@pytest.mark.parametrize(("kind", "record_id"), CASES, ids=[repr(text) for _, text in CASES])
def test_new_refuses_an_id_validate_would_refuse(kind, record_id, tmp_path, capsys):
    records = tmp_path / "records"
    shutil.copytree(BASE, records)
    before = snapshot(tmp_path)
    try:
        code = main(["new", kind, record_id, "--records", str(records), "--as-of", AS_OF])
    except SystemExit as exit:  # argparse reads "-d9" as an option: its usage message, exit 2
        code = exit.code
    err = capsys.readouterr().err
    assert code == 2, err
    assert any(reason in err for reason in ("不合法", "报送 id 应为", "usage: gaoxin new")), err
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(("kind", "record_id"), [("doctor", "zhang-wei-2"), ("doctor", "a" * 64), ("enterprise", "0x1"),
                                                 ("report", "a1/2026Q3"), ("report", "a1/final"),
                                                 ("agreement", "a2026-009"), ("meeting", "m2026-06")])
def test_what_new_writes_is_named_as_validate_wants(kind, record_id, tmp_path):
    records = tmp_path / "records"
    shutil.copytree(BASE, records)
    assert main(["new", kind, record_id, "--records", str(records), "--as-of", AS_OF]) == 0
    written = sorted(snapshot(records) - snapshot(BASE))
    assert written and all(not name.endswith("/") for name in written)
    result = validate_records(records, __import__("datetime").date.fromisoformat(AS_OF))
    named = [f for f in result.findings if f.rule in ("schema.id", "file.unexpected")]
    assert named == []
