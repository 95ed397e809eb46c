"""The staff preview's rebuild: one process builds a program, one doctor's record changes, it builds again.

    python -m benchmarks.rebuild RECORDS --as-of YYYY-MM-DD [--rounds N] [--change name|area]   (from the repository root)

This is what `gaoxin serve` does on each save, timed around the public calls it makes:
`validate_records` (with the `ReadCache` that spares unchanged files), `prepare_docs` (generate the
pages, write the changed ones) and `build_preview` (mkdocs, only the pages whose inputs changed). Each
round changes the first doctor: `name` renames them (a new name is also a new word for the search's
jieba cut), `area` rewrites their first research area (which the matching reads: every open need is
ranked again). Prints one JSON object: per phase, wall and CPU seconds of the first (full) build and the median
of the rebuilds, and how many pages mkdocs rendered.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def timed(phases: dict, name: str):
    wall, cpu = time.perf_counter(), time.process_time()
    yield
    phases[name] = (time.perf_counter() - wall, time.process_time() - cpu)


CHANGES = {
    "name": lambda text: text.replace("name: ", "name: 新", 1),
    "area": lambda text: text.replace("research_areas:\n- ", "research_areas:\n- 新型", 1).replace(
        "research_areas: [", "research_areas: [新型", 1),
}


def one_build(records: Path, as_of: date, options, folder: Path, reads, pages) -> tuple[dict, int]:
    from generator.rules.validate import validate_records
    from generator.site import build_preview, prepare_docs

    phases: dict = {}
    with timed(phases, "total"):
        with timed(phases, "validate"):
            result = validate_records(records, as_of, cache=reads)
        assert not result.errors, "the synthetic program validates"
        with timed(phases, "generate"):
            prepared = prepare_docs(result, options)
        with timed(phases, "mkdocs"):
            prepared = build_preview(prepared, options, folder, pages, "http://127.0.0.1:8000/", as_of)
    return phases, prepared.rendered


def main() -> int:
    from generator.records.loading import ReadCache
    from generator.site import PageCache, SiteOptions

    parser = argparse.ArgumentParser(prog="python -m benchmarks.rebuild", description=__doc__.split("\n")[0])
    parser.add_argument("records", type=Path)
    parser.add_argument("--as-of", type=date.fromisoformat, required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--change", choices=CHANGES, default="name")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gaoxin-rebuild-") as tmp:
        records = Path(tmp) / "records"
        shutil.copytree(args.records, records)
        options = SiteOptions(site_src=ROOT / "site_src", config=ROOT / "mkdocs.yml", cache=Path(tmp) / "cache")
        folder = Path(tmp) / "serve"
        folder.mkdir()
        reads, pages = ReadCache(), PageCache(store=folder / "site")
        first, first_rendered = one_build(records, args.as_of, options, folder, reads, pages)
        doctor = min((records / "doctors").glob("*.yml"))
        rounds = []
        for _ in range(args.rounds):
            doctor.write_text(CHANGES[args.change](doctor.read_text(encoding="utf-8")), encoding="utf-8")
            rounds.append(one_build(records, args.as_of, options, folder, reads, pages))
    again = {name: [statistics.median(r[0][name][i] for r in rounds) for i in range(2)] for name in first}
    print(json.dumps({"first": {k: [round(x, 3) for x in v] for k, v in first.items()}, "first_rendered": first_rendered,
                      "again": {k: [round(x, 3) for x in v] for k, v in again.items()},
                      "again_rendered": statistics.median(r[1] for r in rounds)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
