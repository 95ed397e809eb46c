"""One record cannot make the build's page generation do more than a fixed multiple of its work.

For any valid program, add the largest record anyone may write (every text at its kind's
limit, every list at its longest, read from the JSON Schemas) and generate the site's pages:
the work is within a fixed multiple of the work on the program without it. Work is counted,
not timed, so the property cannot flake: the bytes of every generated file, plus the size of
the prefix dictionary jieba builds from the program's vocabulary (every prefix of every word,
quadratic in the word's length: what made one 16,000-character research area cost 50 s).
"""

from __future__ import annotations

import random
import shutil
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.forge import Forge
from generator.records.schema import schemas
from generator.rules.validate import validate_records
from generator.site.generate import generate

from ..support import ROOT
from .programs import dump, render, valid_programs, write

# The whole site may cost this many times the site without its largest record.
MULTIPLE = 2
# What a field without a maximum length would be given: the research area.
UNBOUNDED = 16_000
NO_FORGE = Forge("github", None, None)


def _limit(kind: str, *path: str) -> tuple[int, int]:
    """(longest text, most items) the schema allows at `path`; UNBOUNDED where it sets no limit."""
    schema = schemas()[kind]
    node = schema
    for key in path:
        node = node["properties"][key]
        if "$ref" in node:
            node = schema["$defs"][node["$ref"].rpartition("/")[2]]
    items = node.get("maxItems", 1) if node.get("type") == "array" else 1
    text = node["items"] if node.get("type") == "array" else node
    return text.get("maxLength", UNBOUNDED), items


def _text(rng: random.Random, kind: str, *path: str):
    """The longest value the schema allows at `path`: CJK text no dictionary knows, as one word."""
    most, items = _limit(kind, *path)
    values = ["".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(most)) for _ in range(items)]
    return values if _is_list(kind, *path) else values[0]


def _is_list(kind: str, *path: str) -> bool:
    return schemas()[kind]["properties"][path[0]].get("type") == "array"


def _largest(kind: str, rng: random.Random, program) -> tuple[str, dict]:
    """The largest record of `kind` that program allows, with its path."""
    if kind == "doctor":
        return "doctors/largest.yml", {
            "name": _text(rng, kind, "name"), "university": program.ids["universities"][0], "degree": "博士",
            "discipline": _text(rng, kind, "discipline"), "title": _text(rng, kind, "title"),
            "research_areas": _text(rng, kind, "research_areas"), "bio": _text(rng, kind, "bio")}
    if kind == "need":
        return "needs/largest.yml", {
            "enterprise": program.ids["enterprises"][0], "title": _text(rng, kind, "title"),
            "description": _text(rng, kind, "description"), "fields": _text(rng, kind, "fields"),
            "posted": program.as_of}
    return "enterprises/largest.yml", {
        "name": _text(rng, kind, "name"), "credit_code": program.files[f"enterprises/{program.ids['enterprises'][0]}.yml"]
        ["credit_code"], "industry": "新能源", "park": _text(rng, kind, "park"), "description": _text(rng, kind, "description")}


def _work(texts: dict[str, str], as_of) -> int:
    folder = Path(tempfile.mkdtemp(prefix="gaoxin-work-"))
    try:
        records = folder / "records"
        write(records, texts)
        result = validate_records(records, as_of)
        assert result.errors == 0, [f.message for f in result.findings if f.is_error][:3]
        generated = generate(result, ROOT / "site_src", "public", NO_FORGE)
    finally:
        shutil.rmtree(folder)
    prefixes = sum(len(word) * (len(word) + 1) // 2
                   for word in generated.vocabulary.words | generated.vocabulary.compounds)
    return sum(len(content) for content in generated.files.values()) + prefixes


# Each example generates a site twice (about a second): `make fuzz` runs a hundred, not thousands.
@settings(max_examples=min(settings.default.max_examples, 100))
@given(valid_programs(), st.sampled_from(["doctor", "need", "enterprise"]), st.integers(0, 2**32))
def test_the_largest_record_costs_the_page_generation_a_bounded_share(program, kind, seed):
    texts = render(program)
    path, largest = _largest(kind, random.Random(seed), program)
    without = _work(texts, program.as_of)
    with_it = _work({**texts, path: dump(largest)}, program.as_of)
    assert with_it <= MULTIPLE * without, (kind, with_it, without)
