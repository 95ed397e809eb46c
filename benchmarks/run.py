"""Benchmarks of issues 5, 13 and 14: validation against the libyaml floor, growth, check-jsonschema, build, start-up, search, matching.

    python -m benchmarks.run [--quick] [--pairs N] [--markdown FILE]     (from the repository root)

Every figure comes from whole processes, so imports and start-up count. Ratios are
medians of alternating pairs measured in one run, since these machines are noisy.
Programs come from the seeded generator (benchmarks.synth) and are cached in
benchmarks/out/. `--markdown FILE` also writes the tables as a Markdown page.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from benchmarks import importing, matching, synth

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
PYTHON = sys.executable
AS_OF = "2026-11-29"


def generator_version() -> str:
    """A hash of every file of the benchmarks.synth package (names and bytes)."""
    digest = hashlib.sha256()
    package = ROOT / "benchmarks" / "synth"
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:10]


def program(doctors: int, seed: int = 1) -> Path:
    """A cached synthetic program of `doctors` doctors."""
    # The generator's own hash is part of the name, so a changed generator never reuses a stale tree.
    version = generator_version()
    target = OUT / f"synth-{doctors}-{seed}-{version}"
    if not (target / "policy.yml").exists():
        shutil.rmtree(target, ignore_errors=True)
        synth.generate(target, doctors, seed=seed, as_of=date.fromisoformat(AS_OF))
    return target


@dataclass(frozen=True)
class Measured:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and the children it waited for
    memory: int  # peak KiB
    stdout: str


def measure(command: list[str], env: dict | None = None) -> Measured:
    """Run a command from the repository root and measure it."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT,
                               env={**os.environ, **(env or {})})
    stdout = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return Measured(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, stdout.decode("utf-8", "replace"))


def timed(command: list[str], env: dict | None = None) -> tuple[float, int, str]:
    """Run a command; return (wall seconds, peak memory KiB of it and its children, stdout)."""
    run = measure(command, env)
    return run.wall, run.memory, run.stdout


def alternate(commands: dict[str, tuple[list[str], dict | None]], n: int) -> dict[str, list[Measured]]:
    """Run the commands in turn, n rounds: each round meets the machine's load of the moment alike."""
    runs: dict[str, list[Measured]] = {name: [] for name in commands}
    for _ in range(n):
        for name, (command, env) in commands.items():
            runs[name].append(measure(command, env))
    return runs


def ratio(runs: dict[str, list[Measured]], ours: str, base: str, field: str) -> float:
    """The median over rounds of ours / base (wall or cpu)."""
    return statistics.median(getattr(a, field) / getattr(b, field) for a, b in zip(runs[ours], runs[base]))


def median(runs: list[Measured], field: str) -> float:
    return statistics.median(getattr(run, field) for run in runs)


def count_files(records: Path) -> int:
    return sum(1 for _ in records.rglob("*.yml"))


def floor_command(records: Path) -> list[str]:
    return [PYTHON, str(ROOT / "benchmarks" / "floor.py"), str(records)]


def validate_command(records: Path) -> list[str]:
    return [PYTHON, "-m", "generator", "validate", "--records", str(records), "--as-of", AS_OF, "--format", "json"]


def pairs(first: list[str], second: list[str], n: int) -> tuple[list[float], list[float], int, int]:
    """Alternate the two commands n times; return their times and peak memories."""
    a_times, b_times, a_mem, b_mem = [], [], 0, 0
    for _ in range(n):
        a, am, _ = timed(first)
        b, bm, _ = timed(second)
        a_times.append(a)
        b_times.append(b)
        a_mem, b_mem = max(a_mem, am), max(b_mem, bm)
    return a_times, b_times, a_mem, b_mem


def median_ratio(numerators: list[float], denominators: list[float]) -> float:
    return statistics.median(n / d for n, d in zip(numerators, denominators))


def table(title: str, header: list[str], rows: list[list]) -> str:
    lines = [f"### {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def bench_floor(sizes: list[int], n: int) -> str:
    """gaoxin validate with two processes (the default) and with one, against the libyaml floor, in alternation."""
    rows = []
    for doctors in sizes:
        records = program(doctors)
        runs = alternate({"floor": (floor_command(records), None), "two": (validate_command(records), None),
                          "one": (validate_command(records), {"GAOXIN_WORKERS": "1"})}, n)
        for name, label in (("two", "2 processes"), ("one", "1 process (`GAOXIN_WORKERS=1`)")):
            rows.append([doctors, count_files(records), label, f"{median(runs['floor'], 'wall'):.2f}",
                         f"{median(runs[name], 'wall'):.2f}", f"**{ratio(runs, name, 'floor', 'wall'):.2f}**",
                         f"{ratio(runs, name, 'floor', 'cpu'):.2f}",
                         f"{max(r.memory for r in runs['floor']) // 1024} / {max(r.memory for r in runs[name]) // 1024}"])
    return table("Validation against the floor (libyaml parse only)",
                 ["doctors", "files", "gaoxin validate", "floor s", "validate s", "ratio, wall (median of rounds)",
                  "ratio, CPU", "peak MiB floor / validate"], rows)


def bench_growth(sizes: list[int], n: int) -> str:
    rows, base = [], None
    for doctors in sizes:
        records = program(doctors)
        times = [timed(validate_command(records))[0] for _ in range(n)]
        files = count_files(records)
        per_file = statistics.median(times) / files * 1e6
        base = base or per_file
        rows.append([doctors, files, f"{statistics.median(times):.2f}", f"{per_file:.0f}", f"{per_file / base:.2f}"])
    return table("Growth (gaoxin validate)", ["doctors", "files", "seconds", "µs per file", "per-file vs smallest"], rows)


def bench_jsonschema(doctors: int, n: int) -> str:
    """check-jsonschema over the same files (schema checks only), one run per record kind."""
    records = program(doctors)
    checker = shutil.which("check-jsonschema", path=str(Path(PYTHON).parent)) or shutil.which("check-jsonschema")
    if not checker:
        return "### check-jsonschema\n\ncheck-jsonschema is not installed (`pip install -e .[bench]`).\n"
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([PYTHON, "-m", "generator", "schema", "--out", tmp], check=True, capture_output=True)
        groups = {
            "policy": [records / "policy.yml"],
            "university": sorted((records / "universities").glob("*.yml")),
            "doctor": sorted((records / "doctors").glob("*.yml")),
            "enterprise": sorted((records / "enterprises").glob("*.yml")),
            "agreement": sorted((records / "agreements").glob("*.yml")),
            "report": sorted(p for p in (records / "reports").glob("*/*.yml") if p.stem != "final"),
            "final-report": sorted((records / "reports").glob("*/final.yml")),
            "evaluation": sorted((records / "evaluations").glob("*.yml")),
            "meeting": sorted((records / "meetings").glob("*.yml")),
        }
        commands = [[checker, "--schemafile", f"{tmp}/{kind}.schema.json", *map(str, files)]
                    for kind, files in groups.items() if files]
        theirs, ours = [], []
        for _ in range(n):
            started = time.perf_counter()
            for command in commands:
                subprocess.run(command, capture_output=True, cwd=ROOT)
            theirs.append(time.perf_counter() - started)
            ours.append(timed(validate_command(records))[0])
    return table("Against check-jsonschema (schema checks only, same files)",
                 ["doctors", "files", "check-jsonschema s", "gaoxin validate s (all rules)", "ratio check-jsonschema / gaoxin"],
                 [[doctors, count_files(records), f"{statistics.median(theirs):.2f}", f"{statistics.median(ours):.2f}",
                   f"{median_ratio(theirs, ours):.1f}×"]])


def bench_startup(n: int) -> str:
    """gaoxin validate on the shipped sample against the floor on the same files (their start-up is most of it)."""
    records = ROOT / "records"
    runs = alternate({"floor": (floor_command(records), None), "validate": (validate_command(records), None)}, n)
    importtime = subprocess.run([PYTHON, "-X", "importtime", "-m", "generator", "validate", "--records", str(records),
                                 "--as-of", AS_OF], capture_output=True, text=True, cwd=ROOT).stderr
    # Top-level imports are the lines whose module name follows a single space.
    top_level = [(int(m[1]), m[2]) for m in re.finditer(r"import time:\s+\d+ \|\s+(\d+) \| (\S+)$", importtime, re.MULTILINE)]
    total_us = sum(us for us, _ in top_level)
    top = max(top_level)
    heavy = [name for name in ("jinja2", "mkdocs", "markdown", "nh3", "jieba", "multiprocessing")
             if re.search(rf"\|\s+{name}$", importtime, re.MULTILINE)]
    return table("Start-up on the sample program", ["files", "floor s (wall / CPU)", "**gaoxin validate s** (wall / CPU)",
                                                    "import s (-X importtime)", "heavy modules imported"],
                 [[count_files(records), f"{median(runs['floor'], 'wall'):.3f} / {median(runs['floor'], 'cpu'):.3f}",
                   f"**{median(runs['validate'], 'wall'):.3f}** / {median(runs['validate'], 'cpu'):.3f}",
                   f"{total_us / 1e6:.3f}", ", ".join(heavy) or "none"]]) \
        + f"\nLargest single import: `{top[1]}` ({top[0] / 1e6:.3f} s cumulative).\n"


def bench_build(sizes: list[int]) -> str:
    """`gaoxin build` from nothing, again after one doctor's name changed, and from nothing once more to compare."""
    rows = []
    for doctors in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            records = Path(tmp) / "records"
            shutil.copytree(program(doctors), records)

            def build(out: str, cache: str, records: Path = records, tmp: str = tmp) -> Measured:
                return measure([PYTHON, "-m", "generator", "build", "--records", str(records), "--as-of", AS_OF,
                                "--out", f"{tmp}/{out}", "--cache-dir", f"{tmp}/{cache}"])

            cold = build("site", "cache")
            pages = sum(1 for _ in Path(f"{tmp}/site").rglob("*.html"))
            doctor = min((records / "doctors").glob("*.yml"))
            doctor.write_text(doctor.read_text(encoding="utf-8").replace("name: ", "name: 新", 1), encoding="utf-8")
            again = build("site", "cache")
            full = build("full", "fresh")
            same = _tree(Path(f"{tmp}/site")) == _tree(Path(f"{tmp}/full"))
            found = re.search(r"本次改写 (\d+) 个文件，渲染 (\d+) 个页面", again.stdout)
            rows.append([doctors, count_files(records), pages, f"{cold.wall:.1f} / {cold.cpu:.1f}", cold.memory // 1024,
                         f"**{again.wall:.1f} / {again.cpu:.1f}**", found[1] if found else "?", found[2] if found else "?",
                         f"{full.wall:.1f} / {full.cpu:.1f}", "yes" if same else "**no**"])
    return table("Build (gaoxin build, whole processes; wall / CPU seconds)",
                 ["doctors", "files", "HTML pages", "from nothing", "peak MiB", "again after one doctor changed",
                  "files rewritten", "pages rendered", "from nothing after the change", "byte-identical"], rows)


def _tree(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def bench_preview(sizes: list[int]) -> str:
    """What `gaoxin serve` does on each save, in one process (benchmarks/rebuild.py).

    Two saves: a doctor's name (nothing the matching reads) and a research area (every open need is
    ranked again); the first build is the baseline.
    """
    rows = []
    for doctors in sizes:
        for change, what in (("name", "a doctor's name"), ("area", "a research area")):
            run = measure([PYTHON, "-m", "benchmarks.rebuild", str(program(doctors)), "--as-of", AS_OF,
                           "--rounds", "3", "--change", change])
            found = json.loads(run.stdout)
            first, again = found["first"], found["again"]
            rows.append([doctors, what, f"{first['total'][0]:.1f} / {first['total'][1]:.1f}",
                         f"**{again['total'][0]:.2f} / {again['total'][1]:.2f}**",
                         f"{first['total'][0] / again['total'][0]:.1f}×",
                         " · ".join(f"{phase} {again[phase][1]:.2f}" for phase in ("validate", "generate", "mkdocs")),
                         f"{found['again_rendered']:g}"])
    return table("Staff preview (gaoxin serve): a save after the first build (wall / CPU seconds, median of 3)",
                 ["doctors", "the save changed", "first build (baseline)", "rebuild", "first / rebuild",
                  "rebuild CPU by step (s)", "pages rendered"], rows)


def bench_search(n: int) -> str:
    """Search index size, first-result time and hit rates (benchmarks/search.py)."""
    from benchmarks.search import search_tables

    programs = [("sample (records/)", ROOT / "records"), *((f"{d} doctors", program(d)) for d in (100, 1000))]
    return "\n".join(table(*t) for t in search_tables(programs, AS_OF, runs=n))


def bench_office(doctors: int, rows: int) -> str:
    """`export ledger` on a synthetic program, and `import` of `rows` new doctors into a copy of it."""
    import openpyxl

    records = program(doctors)
    out_rows = []
    with tempfile.TemporaryDirectory() as tmp:
        ledger = [PYTHON, "-m", "generator", "export", "ledger", "--records", str(records), "--as-of", AS_OF,
                  "--out", f"{tmp}/ledger.xlsx"]
        seconds, memory, _ = timed(ledger)
        out_rows.append([f"export ledger ({doctors} doctors, {count_files(records)} files)", f"{seconds:.2f}", memory // 1024])
        out_rows += _word_documents(records, tmp)
        copy = Path(tmp) / "records"
        shutil.copytree(records, copy)
        university = min(p.stem for p in (copy / "universities").glob("*.yml"))
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["编号", "姓名", "派出单位", "学位", "学科专业", "研究方向", "简介"])
        for n in range(rows):
            sheet.append([f"import-{n:05d}", f"导入{n}", university, "博士", "材料科学与工程", "高分子；复合材料",
                          "长期从事材料研究。\n\n第二段。"])
        book.save(f"{tmp}/doctors.xlsx")
        command = [PYTHON, "-m", "generator", "import", f"{tmp}/doctors.xlsx", "--kind", "doctor", "--records", str(copy),
                   "--as-of", AS_OF]
        seconds, memory, _ = timed(command)
        written = sum(1 for _ in (copy / "doctors").glob("import-*.yml"))
        out_rows.append([f"import {rows} rows into it ({written} written)", f"{seconds:.2f}", memory // 1024])
        # Issue 22 item 5: what a small hostile workbook costs before it is refused (was 40 s and 2.15 GB).
        hostile = {"import a 145 KB workbook of 20,000 × 200 cells (refused on its header row)":
                   importing.cell_bomb(Path(tmp) / "bomb.xlsx"),
                   "import 20,001 rows (refused at the row limit)":
                   importing.doctor_rows(Path(tmp) / "rows.xlsx", 20_001, university)}
        for title, path in hostile.items():
            seconds, memory, _ = timed([PYTHON, "-m", "generator", "import", str(path), "--kind", "doctor", "--records", str(copy),
                                        "--as-of", AS_OF, "--dry-run"])
            out_rows.append([title, f"{seconds:.2f}", memory // 1024])
    return table("Documents and import (whole processes)", ["command", "seconds", "peak MiB"], out_rows)
def _word_documents(records: Path, tmp: str) -> list[list]:
    """The largest round's 通报 (its attachment table sized from content) and the last ended quarter's report."""
    rounds: dict[str, int] = {}
    for path in (records / "evaluations").glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        found = re.search(r"^round: (\d+)", text, re.MULTILINE)
        if found and "grade: 优秀" in text:
            rounds[found[1]] = rounds.get(found[1], 0) + 1
    largest = max(rounds, key=rounds.get)
    # synthetic praise actions carry no date (each takes its evaluation's), so the notice's date is given
    notice = [PYTHON, "-m", "generator", "export", "honor-roll", largest, "--date", AS_OF, "--records", str(records),
              "--as-of", AS_OF, "--out", f"{tmp}/notice.docx"]
    report = [PYTHON, "-m", "generator", "export", "progress", "2026Q3", "--records", str(records), "--as-of", AS_OF,
              "--out", f"{tmp}/2026Q3.docx"]
    rows = []
    for label, command in ((f"export honor-roll {largest} ({rounds[largest]} excellent in the table)", notice),
                           ("export progress 2026Q3", report)):
        seconds, memory, _ = timed(command)
        rows.append([label, f"{seconds:.2f}", memory // 1024])
    return rows


def bench_matching(doctors: int, n: int) -> str:
    """Matching quality on the labelled set, its speed on a synthetic program, and `gaoxin match` end to end."""
    found = matching.quality()
    rows = [[label, part.needs, part.doctors, f"{part.top1}/{part.needs} ({part.top1_share:.0%})",
             f"{part.top3}/{part.needs} ({part.top3_share:.0%})",
             "; ".join(f"{query} → {first[0] if first else '—'} (expected {expected})"
                       for query, expected, first in part.misses) or "none"]
            for label, part in (("needs, traps included", found.overall), ("traps alone", found.traps),
                                ("doctors (match --doctor)", found.doctors))]
    quality = table("Matching quality (labelled set, tests/matching/)",
                    ["set", "queries", "doctors", "top-1", "top-3", "first choice missed"], rows)
    records = program(doctors)
    timed = matching.speed(records, date.fromisoformat(AS_OF))
    speed = table("Matching speed (best of 3, in-process, program loaded)",
                  ["doctors", "open needs", "index s",
                   "every open need × every doctor, index included, s (top 5 per need, top 3 per doctor)",
                   "one need s", "one doctor s"],
                  [[timed.doctors, timed.open_needs, f"{timed.index:.2f}", f"{timed.all_pairs:.2f}",
                    f"{timed.one_need:.3f}", f"{timed.one_doctor:.3f}"]])
    need = min(path.stem for path in (records / "needs").glob("*.yml"))
    doctor = min(path.stem for path in (records / "doctors").glob("*.yml"))
    base = [PYTHON, "-m", "generator", "match", "--records", str(records), "--as-of", AS_OF, "--format", "json"]
    commands = {"validate": validate_command(records), "match NEED": [*base, need], "match --doctor": [*base, "--doctor", doctor]}
    seconds = {name: statistics.median(timed_run(command) for _ in range(n)) for name, command in commands.items()}
    command = table("gaoxin match, whole command (median; it validates every record first, as honor-roll does)",
                    ["doctors", "files", "gaoxin validate s", "gaoxin match NEED s", "gaoxin match --doctor ID s"],
                    [[doctors, count_files(records), f"{seconds['validate']:.2f}", f"{seconds['match NEED']:.2f}",
                      f"{seconds['match --doctor']:.2f}"]])
    return quality + "\n" + speed + "\n" + command


def timed_run(command: list[str]) -> float:
    return timed(command)[0]


PAGE_HEAD = """---
title: 性能
---

# 性能 / Performance

校验器在每次推送和每位提交者的 pre-commit 钩子中运行，网站在每次合并后构建。下表由
`make bench`（`python -m benchmarks.run --markdown site_src/performance.md`）生成：程序由带种子的
生成器 `benchmarks/synth/` 产生（1,000 位博士约 14,000 个文件），每个数字都是完整进程的耗时；
比值取交替运行若干轮的中位数，因为这类机器的噪声很大；机器繁忙时墙钟时间会数倍于 CPU 时间，
所以表中同时给出 CPU 时间（进程及其子进程的用户态 + 内核态时间）。

The validator runs on every push and in every contributor's pre-commit hook; the site builds on every
merge. These tables are regenerated by `make bench`. The floor is a bare Python process that reads and
parses the same files with libyaml (`yaml.CSafeLoader`) and does nothing else; `gaoxin validate` does
that, every model check, every rule, positions for findings and JSON output. It parses in two processes
on machines with two or more cores (set `GAOXIN_WORKERS=1` for one). Commands compared with each other
run in turns, round after round, and a ratio is the median of the rounds' ratios. This machine is
shared: when it is busy, wall time is several times CPU time, so the tables give both; CPU time counts
the process and the children it waited for.

"""


PAGE_FOOT = """
### 说明 / Notes

- Validation reads each file with one system call into a reused buffer, parses with libyaml and
  builds the values straight from its nodes (PyYAML's own constructor only for unusual YAML; a
  plain scalar's tag looked up once per distinct text), splits the files over two processes,
  keeps the loaded records out of the cycle collector's rounds, and recovers line numbers only for
  files that have findings. Its `validate` path imports its own command module only, and neither
  jinja2, mkdocs, markdown nor multiprocessing (on a small program). Text values that are one
  printable line (nearly all) are checked without a regex; the rules that check ids and listed
  values look at the values alone and work out where one stands only when it is wrong. The process
  ends when its output is flushed, without the interpreter tearing down 15,000 records one by one.
- No rule compares every record with every other: cross-record rules index by doctor, agreement
  or round once, so time per file stays flat as the program grows.
- A build from nothing is mostly mkdocs: rendering every page and cutting its Chinese with jieba for
  the search index. Record pages are kept out of the navigation (`not_in_nav`), so every page carries
  the same short menu instead of one entry per doctor.
- A build after one record changed rewrites only the generated pages that show it, and mkdocs renders
  only the pages whose inputs changed (the record's page, the directories and downloads that list it),
  taking every other page and its search entries from the last build; the result is compared byte for
  byte with a build from nothing. The directories are written as HTML that Markdown passes through in
  one piece, so the largest pages (博士名录, 入驻合作) cost little to render again.
- The staff preview (`gaoxin serve`) does the same in one process, also reading and checking only the
  record files that changed and laying out Word documents again only when what they say changed. It
  keeps the last ranking of needs and doctors while nothing the ranking reads changed (a name does
  not, a research area does: the two rows of the preview table), the theme's compiled templates and
  the search terms' cuts. After a research area changed, the ranking is made again, but the analysis
  of every text and the words each need's reasons quote are taken over where the change cannot
  reach them; every answer is what a ranking from nothing gives. What remains of a rebuild at 1,000 doctors is checking every record
  against the rules again, generating every page's Markdown again (compared with the last, only
  changed pages are written) and mkdocs' own steps for 4,000 pages taken from the cache.
- Search is measured the way a visitor meets it: the site's own search worker in headless
  Chromium, asked for every public record by full name, short name (简称), research area and
  the words of a research area. When one doctor's name starts another's (程凯, 程凯海), both
  reach the worker as the same query 程凯* (it never matches a query's last character on its
  own), so only one of them can come first; that is what the full-name rate loses as names
  crowd at 1,000 doctors. The first-result time counts opening a page with nothing cached:
  fetching the index and building it in the worker, then the query, up to the frame that shows the
  first result (the page notes its time; reading the clock when Playwright next polls added up to
  500 ms, and the same site measured 1.1 or 1.6 s by chance). The index is raw UTF-8 without
  redundant zero-width spaces, and holds each fact once: directories, recommendations and tables whose
  every row is another page are not indexed (their rows' pages are), which is what makes the worker
  faster; "→" shows the same site's index as mkdocs-material writes it and as the build writes it.
- Matching (供需对接) indexes the doctors once per run (jieba over the program's own vocabulary,
  no dictionary file read) and scores a need against every doctor through an inverted index
  summed into a list; the build takes every open need's top 5 and every doctor's top 3 in one pass.
  Quality is measured on a labelled set of needs written as enterprises describe problems.
"""


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller programs and fewer pairs")
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--markdown", type=Path, help="also write the tables to this Markdown file")
    parser.add_argument("--skip-build", action="store_true", help="no site builds (and so no search)")
    parser.add_argument("--only-search", action="store_true", help="only the search tables")
    args = parser.parse_args()
    if args.only_search and args.markdown:
        parser.error("--only-search prints a part of the page; --markdown writes the whole page")
    n = 3 if args.quick else args.pairs
    sizes = [100, 1000] if args.quick else [100, 1000, 5000]
    sections = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"run on {time.strftime('%Y-%m-%d')}; command: `make bench` (`python -m benchmarks.run`).\n",
    ]
    validation = (
        lambda: bench_floor([100, 1000], n),
        lambda: bench_growth(sizes, max(1, n // 2)),
        lambda: bench_jsonschema(1000, max(1, n // 2)),
        lambda: bench_startup(n),
        lambda: bench_office(1000, 1000),
        lambda: bench_matching(1000, max(1, n // 2)),
    )
    builds = () if args.skip_build else (lambda: bench_build([100, 1000]), lambda: bench_preview([100, 1000]),
                                         lambda: bench_search(n))
    for section in builds[-1:] if args.only_search else (*validation, *builds):
        text = section()
        print(text, flush=True)
        sections.append(text)
    if args.markdown:
        args.markdown.write_text(PAGE_HEAD + "\n".join(sections) + PAGE_FOOT, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
