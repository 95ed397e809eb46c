"""Policy numbers: out of range is a finding in every command; at the edge of the range, everything works.

`min_term_months: 100000` ended every output format in a traceback (the year 10358) and
`report_due_days: 99999999999` validated, then crashed `build` and `progress`. Each number
has a range in the Policy model, and the date arithmetic stops at the calendar's ends.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.records.models.policy import MAX_DUE_DAYS, MAX_REWARD_YUAN, MAX_TERM_MONTHS

from ..support import BASE, ROOT

AS_OF = "2027-04-30"
OUT_OF_RANGE = {"min_term_months": 100000, "report_due_days": 99999999999, "final_report_due_days": 10**30,
                "evaluation_due_days": -5, "excellent_reward_yuan": 10**18}
AT_THE_EDGE = {"min_term_months": MAX_TERM_MONTHS, "report_due_days": MAX_DUE_DAYS,
               "final_report_due_days": MAX_DUE_DAYS, "evaluation_due_days": 0,
               "excellent_reward_yuan": MAX_REWARD_YUAN}


def records_with(tmp_path: Path, values: dict) -> Path:
    records = tmp_path / "records"
    shutil.copytree(BASE, records)
    policy = (records / "policy.yml").read_text(encoding="utf-8")
    for key, value in values.items():
        policy = re.sub(rf"^{key}: .*$", f"{key}: {value}", policy, flags=re.MULTILINE)
    (records / "policy.yml").write_text(policy, encoding="utf-8")
    return records


def commands(records: Path, tmp_path: Path):
    common = ["--records", str(records), "--as-of", AS_OF]
    yield ["validate", *common, "--format", "text"]
    yield ["validate", *common, "--format", "json"]
    yield ["validate", *common, "--format", "github"]
    yield ["progress", "2026Q3", *common]
    yield ["progress", "2026Q3", *common, "--format", "json"]
    yield ["honor-roll", "2026", *common]
    yield ["new", "report", "a1/2026Q4", *common]
    yield ["build", *common, "--out", str(tmp_path / "site"), "--cache-dir", str(tmp_path / "cache"),
           "--config", str(ROOT / "mkdocs.yml"), "--site-src", str(ROOT / "site_src")]


@pytest.mark.parametrize("key", sorted(OUT_OF_RANGE))
def test_a_number_out_of_range_is_a_finding_on_its_line(key, tmp_path, capsys):
    records = records_with(tmp_path, {key: OUT_OF_RANGE[key]})
    assert main(["validate", "--records", str(records), "--as-of", AS_OF]) == 1
    out = capsys.readouterr().out
    assert re.search(rf"^policy.yml:\d+: error schema.field: {key} 不能(大于|小于) \d+", out, re.MULTILINE), out


@pytest.mark.parametrize("values", [OUT_OF_RANGE, AT_THE_EDGE], ids=["out of range", "at the edge"])
def test_every_command_ends_with_an_exit_code_not_a_traceback(values, tmp_path, capsys):
    records = records_with(tmp_path, values)
    for argv in commands(records, tmp_path):
        code = main(argv)  # an exception here is the traceback a user would see
        output = capsys.readouterr()
        assert code in (0, 1), f"{argv[0]}: exit {code}\n{output.err}"
        if values is OUT_OF_RANGE and argv[0] in ("validate", "progress", "honor-roll", "build"):
            assert code == 1, argv
