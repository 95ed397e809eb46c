"""The site settings a new program starts from: this project's mkdocs.yml and site_src/, named for the program.

`gaoxin init` copies them from the project checkout gaoxin runs from (an editable install, as
the README installs it); mkdocs.yml gets the program's name, description and footer. The
hand-written pages are copied as they are: their sample-data passages (`<!-- data: sample -->`)
stay out of the site, because the new records do not say `sample: true`. Also a .gitignore
for what `gaoxin build` writes beside the records.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parents[2]
CONFIG, PAGES = "mkdocs.yml", "site_src"
GITIGNORE = "# gaoxin build 与 gaoxin serve 写出的网站和缓存\nsite/\nsite-internal/\n.cache/\n"


def site_settings(zone: str, program: str, project: Path = PROJECT) -> dict[str, bytes] | None:
    """mkdocs.yml, every file of site_src/ and a .gitignore (relative path -> content); None without a project checkout."""
    config, pages = project / CONFIG, project / PAGES
    if not (config.is_file() and pages.is_dir()):
        return None
    files = {CONFIG: named_config(config.read_text(encoding="utf-8"), zone, program).encode("utf-8")}
    for path in sorted(pages.rglob("*")):
        relative = path.relative_to(project).as_posix()
        if path.is_file() and not any(part.startswith(".") for part in relative.split("/")):
            files[relative] = path.read_bytes()
    files[".gitignore"] = GITIGNORE.encode("utf-8")
    return files


def named_config(text: str, zone: str, program: str) -> str:
    """mkdocs.yml with the program's site name, description and footer; every other line as it was."""
    names = {
        "site_name": program,
        "site_description": f"{zone}“{program}”产学研合作项目：人才信息库、入驻企业、入驻合作、年度光荣榜与工作推进情况",
        "copyright": f"{zone}科技创新局 · 党群工作部",
    }
    for key, value in names.items():
        text = re.sub(rf"^{key}: .*$", lambda _, k=key, v=value: f"{k}: {json.dumps(v, ensure_ascii=False)}", text,
                      count=1, flags=re.MULTILINE)
    written = yaml.load(text, Loader=yaml.BaseLoader)  # mkdocs.yml may carry tags safe_load refuses
    if any(written.get(key) != value for key, value in names.items()):  # pragma: no cover - names are checked for policy.yml first
        raise ValueError("mkdocs.yml does not take the names")
    return text
