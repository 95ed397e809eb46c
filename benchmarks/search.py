"""Benchmarks of issue 13: the search index's size, its time to the first result, and its hit rates.

Part of `make bench` (`python -m benchmarks.run`). Each program is built with `gaoxin build`, served on
127.0.0.1 and searched in headless Chromium with the site's own search worker
(benchmarks/search_probe.py): every public record by full name, short name, research area and the
words of a research area. The first-result time is the real search box, from opening the home
page with nothing cached to the first result of a doctor's name.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from . import search_probe as probe

ROOT = Path(__file__).resolve().parent.parent


# `gaoxin build` with the index left as mkdocs-material writes it: the baseline the compact index is measured against.
_AS_WRITTEN = ("import sys\nfrom generator.site import mkdocs_build\nmkdocs_build.compact = lambda site: None\n"
               "from generator.cli import main\nraise SystemExit(main(sys.argv[1:]))")


def _build(records: Path, out: Path, as_of: str) -> Path:
    """Build `records` into `out` as `gaoxin build` does; return a site beside it that differs only in
    having the search index as mkdocs-material wrote it."""
    from generator.site.search_index import INDEX, compact

    subprocess.run([sys.executable, "-c", _AS_WRITTEN, "build", "--records", str(records), "--as-of", as_of,
                    "--out", str(out), "--cache-dir", str(out.parent / "cache")],
                   check=True, capture_output=True, cwd=ROOT)
    written = out.parent / "as-written"
    written.mkdir()
    for entry in out.iterdir():
        if entry.name != INDEX.parts[0]:
            (written / entry.name).symlink_to(entry)
    (written / INDEX).parent.mkdir()
    (written / INDEX).write_bytes((out / INDEX).read_bytes())
    compact(out)
    return written


def _measure(context, records: Path, site: Path, written: Path, runs: int) -> dict:
    """Hit rates and worker set-up on the site; the first result on it and on `written`, in turns."""
    from .browser import served

    probes = probe.probes(records, site)
    name = next(p.query for p in probes if p.kind == probe.FULL_NAME)
    with served(site) as url, served(written) as baseline:
        run = probe.ask_worker(context.new_page(), url, probes)
        before = probe.ask_worker(context.new_page(), baseline, [])
        probe.first_result_ms(context, url, name)  # warm-ups, not counted
        probe.first_result_ms(context, baseline, name)
        first, first_before = [], []
        for _ in range(runs):
            first_before.append(probe.first_result_ms(context, baseline, name))
            first.append(probe.first_result_ms(context, url, name))
    return {"run": run, "setup_before": before.setup_ms, "first_ms": statistics.median(first),
            "first_before": statistics.median(first_before), "size": probe.index_size(site),
            "size_before": probe.index_size(written)}


def _rate(counts: tuple[int, int]) -> str:
    hits, total = counts
    return f"{hits / total:.0%} ({hits}/{total})" if total else "–"


def search_tables(programs: list[tuple[str, Path]], as_of: str, runs: int = 3) -> list[tuple[str, list, list]]:
    """(title, header, rows) of the two search tables, for each (label, records folder);
    a note instead when Chromium or Playwright is missing."""
    from .browser import BrowserMissing, chromium

    sizes, rates = [], []
    try:
        with chromium({"width": 1280, "height": 900}, "搜索基准") as context, tempfile.TemporaryDirectory() as tmp:
            for label, records in programs:
                site = Path(tmp) / label / "site"
                written = _build(records, site, as_of)
                m = _measure(context, records, site, written, runs)
                (raw, packed, entries), (raw_before, packed_before, _) = m["size"], m["size_before"]
                run = m["run"]
                sizes.append([label, entries, f"{raw_before / 1024:,.0f} → **{raw / 1024:,.0f}**",
                              f"{packed_before / 1024:,.0f} → {packed / 1024:,.0f}",
                              f"{m['setup_before']:,.0f} → {run.setup_ms:,.0f}", f"{statistics.median(run.query_ms):.1f}",
                              f"{m['first_before']:,.0f} → **{m['first_ms']:,.0f}**"])
                rates.append([label, _rate(run.rates()[probe.FULL_NAME]), _rate(run.within(probe.FULL_NAME, 3)),
                              *(_rate(run.rates().get(kind, (0, 0))) for kind in probe.KINDS[1:])])
    except BrowserMissing as missing:
        return [("Search", ["not measured"], [[str(missing)]])]
    return [
        ("Search index (headless Chromium, the site's own search worker; as mkdocs-material writes it → as the build writes it)",
         ["program", "index entries", "index KiB", "gzip KiB", "worker setup ms", "query ms (median)",
          "first result ms (page opened, nothing cached; median)"], sizes),
        ("Search hit rates (every public record)",
         ["program", "full name → its page first", "full name → first three", "short name → first three",
          "research area → the doctor",
          "word of a research area → the doctor"], rates),
    ]
