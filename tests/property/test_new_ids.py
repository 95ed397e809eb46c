"""`gaoxin new` and `validate` agree on ids: new writes a file only under a name validate accepts."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from generator.cli import main
from generator.records.ids import ID_PATTERN
from generator.rules.validate import validate_records

from ..support import BASE

AS_OF = date(2026, 4, 10)
# Ids that almost pass, and anything at all (file systems refuse NUL and "/" in a name).
IDS = st.one_of(st.from_regex(ID_PATTERN[:-1] + r"\n?\Z"), st.from_regex(r"\A[a-z0-9-]{1,66}\Z"),
                st.text(min_size=1, max_size=12))


@given(IDS)
def test_new_writes_a_record_only_under_a_name_validate_accepts(record_id):
    folder = Path(tempfile.mkdtemp(prefix="gaoxin-new-"))
    try:
        records = folder / "records"
        shutil.copytree(BASE, records)
        try:
            code = main(["new", "enterprise", record_id, "--records", str(records), "--as-of", AS_OF.isoformat()])
        except SystemExit as exit:  # an id argparse reads as an option: usage (2) or -h's help (0), nothing written
            code = exit.code or 2
        written = sorted(p.relative_to(records).as_posix() for p in records.rglob("*.yml")
                         if not (BASE / p.relative_to(records)).exists())
        if code != 0:  # refused: a bad id (2), or a record that exists already (1, never overwritten)
            assert code == (1 if (BASE / "enterprises" / f"{record_id}.yml").is_file() else 2) and written == []
            return
        assert written == [f"enterprises/{record_id}.yml"]
        result = validate_records(records, AS_OF)
        assert [f for f in result.findings if f.rule in ("schema.id", "file.unexpected")] == []
    finally:
        shutil.rmtree(folder)
