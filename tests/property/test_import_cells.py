"""`gaoxin import` turns any cell into a record value or a located problem, never a traceback, and writes it as read."""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from generator.importing.cells import LINE_BREAKS
from generator.importing.plan import plan_import
from generator.records.loading import load

from ..support import BASE

AS_OF = date(2026, 4, 10)
HEADERS = ["编号", "姓名", "派出单位", "学位", "学科专业", "研究方向", "简介", "职称"]
# Any text a CSV can carry (no surrogates: the file is UTF-8; no NUL: it marks a binary file, refused whole),
# weighted towards what pasting brings.
PASTED = st.sampled_from(["\u2028", "\u2029", "\x0b", "\x85", "\x7f", "\x0c", "\u202e", "\ufeff", "\r\n", "9" * 300, "；", "#", ": "])
TEXT = st.lists(st.one_of(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), PASTED), max_size=40).map("".join)


def _as_imported(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for char, (_, becomes) in LINE_BREAKS.items():
        text = text.replace(char, becomes)
    return text.strip()


def _csv(cells: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([HEADERS, ["d8", *cells]])
    return buffer.getvalue()


@given(TEXT, TEXT, TEXT)
def test_any_cell_is_a_value_or_a_located_problem(name, bio, areas):
    folder = Path(tempfile.mkdtemp(prefix="gaoxin-import-"))
    try:
        records = folder / "records"
        shutil.copytree(BASE, records)
        path = folder / "d.csv"
        path.write_text(_csv([name, "hncj", "博士", "物理学", areas, bio, "副教授"]), encoding="utf-8")
        plan = plan_import(path, "doctor", records, AS_OF)
        assert all(problem.row in (None, 2) for problem in plan.problems)
        if plan.errors:
            return
        (written,) = plan.planned
        (records / written.path).write_text(written.text, encoding="utf-8")
        program, findings = load(records)
        assert not [f for f in findings if f.is_error]
        assert program.doctors["d8"].name == _as_imported(name)  # as written, but for the line breaks made plain
    finally:
        shutil.rmtree(folder, ignore_errors=True)
