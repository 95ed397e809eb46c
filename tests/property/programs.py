"""Hypothesis strategies: valid programs, and the ways people break them.

A program is a mapping from a path under records/ to the record's data (plain
values, dates as `date`), plus the `as_of` date it is valid at. `valid_programs`
draws programs that break no error rule of the catalog (warnings are allowed: a
report may be late), built with calendar arithmetic written here independently
of generator.records.dates. `mutations` draws one change that a careless or hostile
editor could make: drop, duplicate, retype or re-date a field, rename a file,
or garble its text.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import yaml
from hypothesis import strategies as st

from ..support import BASE

ONE_DAY = timedelta(days=1)
POLICY = yaml.safe_load((BASE / "policy.yml").read_text(encoding="utf-8"))
WORDS = "科技研发尼龙材料智能制造工艺优化复合改性数字化平台项目检测中试配方"
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015: no I, O, Z, S, V

text = st.text(alphabet=WORDS, min_size=1, max_size=10)


@dataclass
class Program:
    files: dict[str, dict]
    as_of: date
    # kind -> ids, for renaming: universities, doctors, enterprises, agreements, evaluations, meetings
    ids: dict[str, list[str]] = field(default_factory=dict)


# --- calendar arithmetic, the slow obvious way -------------------------------------------


def days_in_month(year: int, month: int) -> int:
    day = date(year, month, 28)
    while (day + ONE_DAY).month == month:
        day += ONE_DAY
    return day.day


def plus_months(day: date, months: int) -> date:
    year, month = day.year, day.month
    for _ in range(months):
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return date(year, month, min(day.day, days_in_month(year, month)))


def quarters_of(first: date, last: date) -> list[tuple[int, int]]:
    """Every (year, quarter) with a day in [first, last], walking day by day."""
    seen = []
    day = first
    while day <= last:
        quarter = (day.year, (day.month - 1) // 3 + 1)
        if quarter not in seen:
            seen.append(quarter)
        day += ONE_DAY
    return seen


def quarter_days(year: int, quarter: int) -> tuple[date, date]:
    first = date(year, 3 * quarter - 2, 1)
    last = first
    while ((last + ONE_DAY).month - 1) // 3 + 1 == quarter and (last + ONE_DAY).year == year:
        last += ONE_DAY
    return first, last


def credit_code(body: str) -> str:
    """A 统一社会信用代码 with its check character (weights 3^i mod 31)."""
    total = sum(CREDIT_ALPHABET.index(char) * pow(3, index, 31) for index, char in enumerate(body))
    return body + CREDIT_ALPHABET[(31 - total % 31) % 31]


# --- valid programs ----------------------------------------------------------------------


@st.composite
def valid_programs(draw) -> Program:
    as_of = draw(st.dates(date(2026, 3, 1), date(2029, 12, 31)))
    files: dict[str, dict] = {"policy.yml": copy.deepcopy(POLICY)}
    ids: dict[str, list[str]] = {}
    ids["universities"] = [f"u{index}" for index in range(draw(st.integers(1, 2)))]
    for university in ids["universities"]:
        files[f"universities/{university}.yml"] = {"name": draw(text) + "大学"}
    ids["doctors"] = [f"d{index}" for index in range(draw(st.integers(1, 4)))]
    for doctor in ids["doctors"]:
        record = {
            "name": draw(text),
            "university": draw(st.sampled_from(ids["universities"])),
            "degree": "博士",
            "discipline": draw(text),
            "research_areas": draw(st.lists(text, min_size=1, max_size=3)),
        }
        if draw(st.booleans()):
            record["bio"] = draw(text)
        files[f"doctors/{doctor}.yml"] = record
    ids["enterprises"] = [f"e{index}" for index in range(draw(st.integers(1, 2)))]
    industries = POLICY["industries"]["leading"] + POLICY["industries"]["emerging"]
    for enterprise in ids["enterprises"]:
        body = "91410400" + draw(st.text(alphabet=CREDIT_ALPHABET, min_size=9, max_size=9))
        files[f"enterprises/{enterprise}.yml"] = {
            "name": draw(text) + "有限公司",
            "credit_code": credit_code(body),
            "industry": draw(st.sampled_from(industries)),
            "park": draw(text) + "园",
        }
    ids["agreements"], ids["evaluations"], ids["meetings"] = [], [], []
    annual_by_round: dict[int, list[str]] = {}
    for doctor in ids["doctors"]:
        start = draw(st.dates(date(2025, 1, 1), as_of))
        for index in range(draw(st.integers(0, 2))):
            if start > as_of:
                break
            agreement = f"a-{doctor}-{index}"
            end = _agreement(draw, files, agreement, doctor, start, ids)
            ids["agreements"].append(agreement)
            _reports(draw, files, agreement, start, end, as_of)
            _evaluations(draw, files, agreement, start, end, as_of, ids, annual_by_round)
            start = end + timedelta(days=draw(st.integers(1, 60)))
    _cap_excellent(files, annual_by_round)
    if ids["agreements"]:
        for index in range(draw(st.integers(0, 2))):
            meeting = f"m{index}"
            ids["meetings"].append(meeting)
            files[f"meetings/{meeting}.yml"] = {
                "date": draw(st.dates(date(2025, 1, 1), as_of)),
                "agreements": draw(st.lists(st.sampled_from(ids["agreements"]), min_size=1, max_size=3, unique=True)),
                "attendees": ["入驻企业", "科技创新局"],
                "topics": draw(text),
            }
    return Program(files, as_of, ids)


def _agreement(draw, files, agreement, doctor, start, ids) -> date:
    months = draw(st.integers(POLICY["min_term_months"], 30))
    end = plus_months(start, months) - ONE_DAY + timedelta(days=draw(st.integers(0, 40)))
    signed = start - timedelta(days=draw(st.integers(0, 40)))
    files[f"agreements/{agreement}.yml"] = {
        "doctor": doctor,
        "enterprise": draw(st.sampled_from(ids["enterprises"])),
        "position": draw(st.sampled_from(POLICY["positions"])),
        "start": start,
        "end": end,
        "signed": signed,
        "filing": {"number": "平高科备〔2026〕1号", "date": signed + timedelta(days=draw(st.integers(0, (start - signed).days)))},
        "focus": draw(text),
        "mode": draw(text),
        "coordinator": draw(text),
    }
    return end


def _reports(draw, files, agreement, start, end, as_of) -> None:
    for year, quarter in quarters_of(start, end):
        first, last = quarter_days(year, quarter)
        if first > as_of or not draw(st.booleans()):
            continue
        submitted = max(first, min(as_of, last + timedelta(days=draw(st.integers(0, 20)))))
        files[f"reports/{agreement}/{year}Q{quarter}.yml"] = {
            "submitted": submitted,
            "summary": draw(text),
            "work": [{"duty": draw(st.sampled_from(POLICY["duties"])), "title": draw(text)}],
        }
    if end < as_of and draw(st.booleans()):
        files[f"reports/{agreement}/final.yml"] = {
            "submitted": min(as_of, end + timedelta(days=draw(st.integers(1, 30)))),
            "summary": draw(text),
        }


def _evaluations(draw, files, agreement, start, end, as_of, ids, annual_by_round) -> None:
    year = 1
    while (last := plus_months(start, 12 * year) - ONE_DAY) <= end and last < as_of:
        if draw(st.booleans()):
            evaluation = f"v-{agreement}-{year}"
            evaluated = min(as_of, last + timedelta(days=draw(st.integers(1, 30))))
            grade = draw(st.sampled_from(POLICY["grades"]))
            files[f"evaluations/{evaluation}.yml"] = {
                "agreement": agreement,
                "kind": "年度",
                "round": evaluated.year,
                "covers": {"from": plus_months(start, 12 * (year - 1)), "to": last},
                "date": evaluated,
                "grade": grade,
                "evaluators": ["科技创新局", "入驻企业"],
            }
            ids["evaluations"].append(evaluation)
            annual_by_round.setdefault(evaluated.year, []).append(evaluation)
        year += 1
    final_report = files.get(f"reports/{agreement}/final.yml")
    if final_report and draw(st.booleans()):
        evaluation = f"q-{agreement}"
        files[f"evaluations/{evaluation}.yml"] = {
            "agreement": agreement,
            "kind": "期满",
            "date": final_report["submitted"],
            "grade": draw(st.sampled_from(POLICY["grades"])),
            "evaluators": list(POLICY["final_evaluators"]),
        }
        ids["evaluations"].append(evaluation)


def _cap_excellent(files, annual_by_round) -> None:
    """Keep each round within the cap (integer arithmetic) and reward exactly the excellent."""
    percent = round(POLICY["excellent_ratio"] * 100)
    best = POLICY["excellent_grade"]
    for evaluations in annual_by_round.values():
        excellent = 0
        for evaluation in evaluations:
            record = files[f"evaluations/{evaluation}.yml"]
            if record["grade"] == best and (excellent + 1) * 100 > percent * len(evaluations):
                record["grade"] = next(grade for grade in POLICY["grades"] if grade != best)
            if record["grade"] == best:
                excellent += 1
                record["actions"] = [{"action": "通报表扬"}, {"action": "奖励", "amount_yuan": POLICY["excellent_reward_yuan"]}]


# --- writing -----------------------------------------------------------------------------

IMPOSSIBLE = "2026-02-30"  # written unquoted, as a person would type it


def dump(data) -> str:
    text = yaml.dump(data, Dumper=yaml.SafeDumper, allow_unicode=True, sort_keys=False, default_flow_style=False)
    return text.replace(f"'{IMPOSSIBLE}'", IMPOSSIBLE)


def write(records: Path, texts: dict[str, str], order: list[str] | None = None) -> None:
    """Write the files (in `order` when given: the order the file system sees them created)."""
    for path in order or sorted(texts):
        target = records / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(texts[path], encoding="utf-8")


def render(program: Program) -> dict[str, str]:
    return {path: dump(data) for path, data in program.files.items()}


# --- mutations ---------------------------------------------------------------------------

ODD_VALUES = st.sampled_from(
    [None, 0, -1, 1.5, True, "", " ", "no", [], {}, [1, 2], {"a": 1}, [None], "x" * 200, date(2026, 1, 1), IMPOSSIBLE]
)
# Text that means something to YAML, for garbling a file where it hurts.
YAML_SNIPPETS = st.sampled_from(
    [": ", "- ", "[", "]", "{", "}", "'", '"', "&a ", "*a ", "!!python/object ", "!local ", "\t", "\n---\n",
     "%YAML 1.1\n", "? ", "<<: ", "#", "|", ">", "\\", "\x00", "\ufeff", "\n  - ", "~", "2026-02-30"]
)
ODD_DATES = st.one_of(
    st.dates(date(1990, 1, 1), date(2110, 12, 31)),
    st.just(IMPOSSIBLE),
    st.sampled_from(["2026-13-01", "2026/03/01", "20260301", "2026-3-1"]),
)


def locations(data, here=()) -> list[tuple]:
    """Every path to a key or list item in `data`."""
    found = []
    if isinstance(data, dict):
        items = data.items()
    elif isinstance(data, list):
        items = enumerate(data)
    else:
        return found
    for key, value in items:
        found.append((*here, key))
        found.extend(locations(value, (*here, key)))
    return found


def _parent(data, loc):
    for part in loc[:-1]:
        data = data[part]
    return data


@st.composite
def mutations(draw, program: Program) -> dict[str, str]:
    """The program's texts after one careless or hostile edit."""
    files = copy.deepcopy(program.files)
    path = draw(st.sampled_from(sorted(files)))
    action = draw(st.sampled_from(["drop", "retype", "redate", "duplicate", "rename", "garble"]))
    data = files[path]
    spots = locations(data)
    if action in ("drop", "retype", "redate") and spots:
        loc = draw(st.sampled_from(spots))
        parent = _parent(data, loc)
        if action == "drop":
            del parent[loc[-1]]
        elif action == "retype":
            parent[loc[-1]] = draw(ODD_VALUES)
        else:
            dated = [spot for spot in spots if isinstance(_parent(data, spot)[spot[-1]], date)] or [loc]
            loc = draw(st.sampled_from(dated))
            _parent(data, loc)[loc[-1]] = draw(ODD_DATES)
    texts = {name: dump(value) for name, value in files.items()}
    if action == "duplicate":
        lines = texts[path].splitlines(keepends=True)
        index = draw(st.integers(0, len(lines) - 1))
        texts[path] = "".join(lines[: index + 1] + lines[index:])
    elif action == "rename":
        folder = draw(st.sampled_from(["doctors", "agreements", "reports/a-d0-0", "meetings", "nowhere", "."]))
        name = draw(st.sampled_from(["x", "Bad Name", "a..b", "2026Q9", "final", "../x", "README"]))
        texts[f"{folder}/{name}.yml".removeprefix("./")] = texts.pop(path)
    elif action == "garble":
        source = texts[path]
        at = draw(st.integers(0, len(source)))
        texts[path] = source[:at] + draw(st.one_of(YAML_SNIPPETS, st.text(max_size=20))) + source[at:]
    return texts


@st.composite
def renamings(draw, program: Program) -> dict[str, dict[str, str]]:
    """A new id for every record, per kind; distinct within a kind."""
    fresh = st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,20}\Z")
    return {
        kind: dict(zip(ids, draw(st.lists(fresh, min_size=len(ids), max_size=len(ids), unique=True))))
        for kind, ids in program.ids.items()
    }


def renamed(program: Program, names: dict[str, dict[str, str]]) -> Program:
    """The program with every id replaced everywhere it is used."""
    files = {}
    for path, data in program.files.items():
        data = copy.deepcopy(data)
        folder, _, rest = path.partition("/")
        if folder == "reports":
            agreement, _, period = rest.partition("/")
            path = f"reports/{names['agreements'][agreement]}/{period}"
        elif folder in names:
            path = f"{folder}/{names[folder][rest[:-4]]}.yml"
        for key, kind in (("university", "universities"), ("doctor", "doctors"), ("enterprise", "enterprises"),
                          ("agreement", "agreements")):
            if key in data and folder != "policy.yml":
                data[key] = names[kind][data[key]]
        if folder == "meetings":
            data["agreements"] = [names["agreements"][agreement] for agreement in data["agreements"]]
        files[path] = data
    ids = {kind: [names[kind][old] for old in old_ids] for kind, old_ids in program.ids.items()}
    return Program(files, program.as_of, ids)
