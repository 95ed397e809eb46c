#!/usr/bin/env python3
"""The road off MkDocs: build the same generated pages with Zensical and report what differs.

    python -m benchmarks.zensical_check [--out zensical-report] [--as-of YYYY-MM-DD]

Run by `make zensical` (in its own venv, .venv-zensical, so the main install never gets
Zensical). gaoxin generates the docs folder and the derived mkdocs.yml as for `gaoxin
build`; MkDocs builds them as usual, Zensical builds the very same files. The report
(report.md, report.json, screenshots) says which pages exist in one build only, which
internal links are broken in each, how far the home pages look apart, and how many hits
five doctors' names and five research areas get from each site's search box.
Exit code 0 when both builds ran (the report is the result), 1 when Zensical failed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import yaml

from generator.records.dates import today_in_shanghai
from generator.rules.validate import validate_records
from generator.site import SiteOptions, build_site, write_config

from . import site_compare

ROOT = Path(__file__).resolve().parent.parent

VIEWPORT = {"width": 1280, "height": 900}


def build_both(out: Path, as_of: date) -> dict:
    """Build the public site with MkDocs (as gaoxin build does) and the same docs with Zensical."""
    result = validate_records(ROOT / "records", as_of)
    options = SiteOptions(site_src=ROOT / "site_src", config=ROOT / "mkdocs.yml", cache=out / "cache")
    prepared = build_site(result, options, out / "mkdocs")
    project = out / "zensical-project"
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(prepared.docs, project / "docs")
    with tempfile.TemporaryDirectory() as folder:
        config = yaml.unsafe_load(write_config(prepared, options, Path(folder), as_of).read_text(encoding="utf-8"))
        words = (Path(folder) / "jieba-words.txt").read_text(encoding="utf-8")
    (project / "jieba-words.txt").write_text(words, encoding="utf-8")
    # Zensical (0.0.x) wants docs_dir inside the project folder. The same config once more with
    # the one key the plan adds (theme.variant: classic, the look of mkdocs-material).
    done = _zensical(project, "mkdocs.yml", {**config, "docs_dir": "docs", "site_dir": "site"})
    classic = _zensical(project, "classic.yml", {**config, "docs_dir": "docs", "site_dir": "site-classic",
                                                 "theme": {**config["theme"], "variant": "classic"}})
    return {"program": result.program, "zensical_code": done.returncode or classic.returncode,
            "zensical_log": (done.stdout + done.stderr).strip(), "zensical_site": project / "site",
            "classic_site": project / "site-classic"}


def _zensical(project: Path, name: str, config: dict) -> subprocess.CompletedProcess:
    (project / name).write_text(yaml.dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return subprocess.run([str(Path(sys.executable).parent / "zensical"), "build", "-f", name],
                          cwd=project, check=False, capture_output=True, text=True)


def queries(program) -> tuple[list[str], list[str]]:
    """Five doctors' names and five of their research areas, the same every run."""
    doctors = [program.doctors[key] for key in sorted(program.doctors)][:5]
    areas: list[str] = []
    for doctor in sorted(program.doctors.values(), key=lambda d: d.name):
        areas += [area for area in doctor.research_areas if area not in areas][:1]
    return [doctor.name for doctor in doctors], areas[:5]


def compare(out: Path, built: dict) -> dict:
    mkdocs_site, zensical_site = out / "mkdocs", built["zensical_site"]
    mk_pages, zen_pages = site_compare.pages(mkdocs_site), site_compare.pages(zensical_site)
    shots = out / "screenshots"
    shots.mkdir(exist_ok=True)
    home = {engine: site_compare.screenshot_home(site, shots / f"{engine}-home.png", VIEWPORT)
            for engine, site in (("mkdocs", mkdocs_site), ("zensical", zensical_site),
                                 ("zensical-classic", built["classic_site"]))}
    names, areas = queries(built["program"])
    search = {engine: site_compare.search(site, names + areas, engine, shots)
              for engine, site in (("mkdocs", mkdocs_site), ("zensical", zensical_site))}
    truth = {term: sorted(site_compare.pages_containing(mkdocs_site, term)) for term in names + areas}
    return {
        "pages": {"mkdocs": len(mk_pages), "zensical": len(zen_pages),
                  "only_mkdocs": sorted(mk_pages - zen_pages), "only_zensical": sorted(zen_pages - mk_pages)},
        "broken_links": {"mkdocs": site_compare.broken_links(mkdocs_site),
                         "zensical": site_compare.broken_links(zensical_site)},
        "home_pixels_differing": {variant: round(site_compare.pixel_difference(home["mkdocs"], home[variant], VIEWPORT), 4)
                                  for variant in ("zensical", "zensical-classic")},
        "search": {"names": names, "areas": areas, "pages_with_term": truth,
                   "mkdocs": search["mkdocs"], "zensical": search["zensical"]},
    }


def markdown(report: dict) -> str:
    pages, links, search = report["pages"], report["broken_links"], report["search"]
    code = report["zensical_code"]
    lines = [f"# Zensical 对比报告（{report['zensical_version']}，数据截至 {report['as_of']}）", "",
             f"- Zensical 构建：{'成功' if code == 0 else f'失败（退出码 {code}）'}",
             f"- 页面：MkDocs {pages['mkdocs']} 个，Zensical {pages['zensical']} 个；只在 MkDocs 中："
             f"{len(pages['only_mkdocs'])} 个，只在 Zensical 中：{len(pages['only_zensical'])} 个",
             f"- 站内断链（文件 / 锚点）：MkDocs {len(links['mkdocs']['files'])} / {len(links['mkdocs']['anchors'])}，"
             f"Zensical {len(links['zensical']['files'])} / {len(links['zensical']['anchors'])}",
             f"- 首页截图（{VIEWPORT['width']}×{VIEWPORT['height']}）与 MkDocs 相差的像素："
             f"Zensical 默认外观 {report['home_pixels_differing']['zensical']:.1%}，"
             f"theme.variant: classic {report['home_pixels_differing']['zensical-classic']:.1%}",
             "", "## 中文搜索", "",
             "在两个网站的搜索框中输入同一个词。“含该词的页面”按页面正文（MkDocs 搜索索引的文本）计；"
             "“命中”是搜索结果链接到的页面中含该词的页面数，“结果页面”是结果链接到的全部页面数。", "",
             "| 搜索词 | 类别 | 含该词的页面 | MkDocs 命中 / 结果页面 | Zensical 命中 / 结果页面 |",
             "|---|---|---:|---:|---:|"]
    totals = {"truth": 0, "mkdocs": 0, "zensical": 0}
    for kind, words in (("姓名", search["names"]), ("研究方向", search["areas"])):
        for word in words:
            truth = set(search["pages_with_term"][word])
            cells = []
            for engine in ("mkdocs", "zensical"):
                found = set(search[engine][word]["pages"])
                totals[engine] += len(found & truth)
                cells.append(f"{len(found & truth)} / {len(found)}")
            totals["truth"] += len(truth)
            lines.append(f"| {word} | {kind} | {len(truth)} | {cells[0]} | {cells[1]} |")
    lines.append(f"| 合计 | | {totals['truth']} | {totals['mkdocs']} | {totals['zensical']} |")
    for title, items in (("只在 MkDocs 中的页面", pages["only_mkdocs"]), ("只在 Zensical 中的页面", pages["only_zensical"]),
                         ("Zensical 的断链", links["zensical"]["files"] + links["zensical"]["anchors"])):
        if items:
            lines += ["", f"## {title}", "", *[f"- `{item}`" for item in items[:50]]]
    lines += ["", "## Zensical 的输出", "", "```", report["zensical_log"][-3000:], "```", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "zensical-report")
    parser.add_argument("--as-of", type=date.fromisoformat, default=None)
    args = parser.parse_args(argv)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    as_of = args.as_of or today_in_shanghai()
    built = build_both(out, as_of)
    from importlib.metadata import version

    report = {"as_of": as_of.isoformat(), "zensical_version": f"zensical {version('zensical')}",
              "zensical_code": built["zensical_code"], "zensical_log": built["zensical_log"]}
    if built["zensical_code"] == 0:
        report.update(compare(out, built))
        (out / "report.md").write_text(markdown(report), encoding="utf-8")
    (out / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print((out / "report.md").read_text(encoding="utf-8") if built["zensical_code"] == 0 else built["zensical_log"])
    return 0 if built["zensical_code"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
