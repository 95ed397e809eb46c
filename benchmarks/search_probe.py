"""Search as a visitor meets it, measured: what people type for every public record, asked of
mkdocs-material's own search worker in headless Chromium, and where the record's page ranks.

What people type (issue 13): a doctor's or an enterprise's full name (its page must come first),
an enterprise's short names (in the first three), each research area of a doctor and the words
of longer ones (the doctor among the results). The worker is the one the site ships, given the
site's search_index.json exactly as the page gives it, so ranks are the ones the result list
shows; `first_result_ms` times the real search box from opening a page to the first result.
Used by tests/test_search.py and benchmarks/search.py.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

FULL_NAME, SHORT_NAME, AREA, AREA_WORD = "全名", "简称", "研究方向", "研究方向中的词"
KINDS = (FULL_NAME, SHORT_NAME, AREA, AREA_WORD)
ANYWHERE = 10**9


@dataclass(frozen=True)
class Probe:
    kind: str
    query: str
    page: str  # the record page, relative to the site root: doctors/zhang-wei/
    within: int  # a hit when the page ranks among the first `within` results


@dataclass(frozen=True)
class Outcome:
    probe: Probe
    rank: int | None  # 1 for the first result, None when not among the results
    top: list[str]  # the first three result pages, to show a miss

    @property
    def hit(self) -> bool:
        return self.rank is not None and self.rank <= self.probe.within


def probes(records: Path, site: Path) -> list[Probe]:
    """Every query people type for the records that have a page on the built `site`."""
    import jieba

    from generator.records.loading import load
    from generator.site.enterprise_names import REGIONS, parse
    from generator.site.mkdocs_build import quiet_jieba

    quiet_jieba()
    program, _ = load(records)
    jieba.dt.check_initialized()
    is_word = lambda word: jieba.dt.FREQ.get(word, 0) > 0  # noqa: E731
    regions = REGIONS + ((program.policy.zone,) if program.policy else ())
    doctors = {f"doctors/{i}/": d for i, d in program.doctors.items() if _has_page(site, f"doctors/{i}/")}
    enterprises = {f"enterprises/{i}/": e for i, e in program.enterprises.items()
                   if _has_page(site, f"enterprises/{i}/")}
    names = Counter([*(d.name for d in doctors.values()), *(e.name for e in enterprises.values())])
    shorts = {page: parse(e.name, regions, is_word).short_names for page, e in enterprises.items()}
    sharing = Counter(name for names_ in shorts.values() for name in names_)
    result = []
    for page, doctor in doctors.items():
        result.append(Probe(FULL_NAME, doctor.name, page, names[doctor.name]))
        for area in dict.fromkeys(doctor.research_areas):
            result.append(Probe(AREA, area, page, ANYWHERE))
            words = [w for w in jieba.cut(area) if len(w) > 1 and w != area]
            result += [Probe(AREA_WORD, word, page, ANYWHERE) for word in dict.fromkeys(words)]
    for page, enterprise in enterprises.items():
        result.append(Probe(FULL_NAME, enterprise.name, page, names[enterprise.name]))
        result += [Probe(SHORT_NAME, name, page, max(3, sharing[name])) for name in shorts[page]]
    return result


def _has_page(site: Path, page: str) -> bool:
    return (site / page / "index.html").is_file()


# Runs in the page: start the site's own search worker on the site's own index, as
# mkdocs-material does (message types 0 setup, 2 query), then ask every query in turn.
_ASK_WORKER = """
async (probes) => {
  const config = JSON.parse(document.querySelector("#__config").textContent);
  const base = new URL(config.base, location.href);
  const index = await (await fetch(new URL("search/search_index.json", base))).json();
  const worker = new Worker(new URL(config.search, base));
  const ask = (message) => new Promise((resolve) => {
    worker.onmessage = (event) => resolve(event.data);
    worker.postMessage(message);
  });
  let started = performance.now();
  await ask({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}});
  const setup = performance.now() - started;
  const answers = {}, times = [];
  for (const query of [...new Set(probes.map((p) => p[0]))]) {
    started = performance.now();
    const result = await ask({type: 2, data: query});
    times.push(performance.now() - started);
    answers[query] = result.data.items.map((group) => group[0].location.split("#")[0]);
  }
  worker.terminate();
  const outcomes = probes.map(([query, page]) => {
    const pages = answers[query];
    const rank = pages.indexOf(page);
    return [rank < 0 ? null : rank + 1, pages.slice(0, 3)];
  });
  return {setup, times, outcomes};
}
"""


@dataclass(frozen=True)
class Run:
    outcomes: list[Outcome]
    setup_ms: float  # the worker building its index from search_index.json
    query_ms: list[float]  # one per distinct query

    def rates(self) -> dict[str, tuple[int, int]]:
        """Hits and probes per kind of query."""
        counts = {kind: [0, 0] for kind in KINDS}
        for outcome in self.outcomes:
            counts[outcome.probe.kind][0] += outcome.hit
            counts[outcome.probe.kind][1] += 1
        return {kind: (hits, total) for kind, (hits, total) in counts.items() if total}

    def within(self, kind: str, rank: int) -> tuple[int, int]:
        """How many probes of `kind` found their page among the first `rank` results."""
        outcomes = [o for o in self.outcomes if o.probe.kind == kind]
        return sum(o.rank is not None and o.rank <= rank for o in outcomes), len(outcomes)

    def misses(self, kind: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.probe.kind == kind and not o.hit]


def ask_worker(page, url: str, probes_: list[Probe]) -> Run:
    """Ask the site's search worker every probe's query, from a page of the site at `url`."""
    page.goto(url)
    answer = page.evaluate(_ASK_WORKER, [[p.query, p.page] for p in probes_])
    outcomes = [Outcome(p, rank, top) for p, (rank, top) in zip(probes_, answer["outcomes"])]
    return Run(outcomes, answer["setup"], answer["times"])


# Notes the time of the frame that first shows a search result. Reading the clock once Playwright
# has seen the result is late by up to its polling interval, which grows to 500 ms: the first
# result then measured either about 1.1 s or about 1.6 s on the same site.
_FIRST_RESULT_CLOCK = """
window.__firstResult = null;
new MutationObserver((_, observer) => {
  const item = document.querySelector(".md-search-result__item");
  if (item && item.getClientRects().length) {
    observer.disconnect();
    requestAnimationFrame(() => { window.__firstResult = performance.now(); });
  }
}).observe(document, {childList: true, subtree: true, attributes: true});
"""


def first_result_ms(context, url: str, query: str) -> float:
    """Milliseconds from opening `url` (nothing cached) to the frame that shows the first result of typing `query`."""
    page = context.new_page()
    try:
        session = context.new_cdp_session(page)
        session.send("Network.setCacheDisabled", {"cacheDisabled": True})
        page.add_init_script(_FIRST_RESULT_CLOCK)
        page.goto(url, wait_until="domcontentloaded")
        box = page.locator("input.md-search__input")
        box.click()
        box.fill(query)
        box.press("End")  # Material searches on keyup
        page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=60_000)
        page.wait_for_function("window.__firstResult !== null", timeout=60_000)
        return page.evaluate("window.__firstResult")
    finally:
        page.close()


def index_size(site: Path) -> tuple[int, int, int]:
    """The search index's bytes, gzip-compressed bytes (as a server would send it) and entries."""
    import gzip

    data = (site / "search" / "search_index.json").read_bytes()
    return len(data), len(gzip.compress(data, 6)), len(json.loads(data)["docs"])
