"""The pages the build writes itself, in one registry: the build adds them, the contributor checks
know their anchors, the benchmark writes them out for its plain-Material baseline, and the
enrichment step knows which carry prose worth annotating."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable, Iterable

from .build import Build
from .checklists import checklist_markdown
from .dates import parse_date
from .lastmod import checked_dates
from .listings import business_type_links, choose_markdown, glossary_markdown, tactic_index_markdown
from .printplan import key_facts, print_plan_markdown
from .reference import (compare_business_type_page, compare_index_markdown, compare_topic_page, facts_index_markdown,
                        facts_topic_markdown)
from .render import playbooks_index_markdown
from .timeline import entries, timeline_markdown

Tables = dict[str, str]


@dataclass(frozen=True)
class GeneratedPage:
    path: str  # docs-relative, e.g. "compare.md"
    make: Callable[[Build], tuple[str, Tables]]  # Markdown and the tables its placeholders take
    anchors: Callable[[Build], set[str]]  # explicit ids a link may point at (#...)
    enriched: bool = False  # hover definitions: only for prose pages
    # The dates of what the page shows (facts' checked:, playbooks' reviewed:): its sitemap lastmod
    # is the newest of them, or the build date when it shows nothing dated (see lastmod.py).
    shows: Callable[[Build], Iterable[dt.date]] = lambda b: ()


def _all_checked(b: Build) -> list[dt.date]:
    return checked_dates(b.base.facts.values())


def _reviewed(b: Build, src: str = "") -> list[dt.date]:
    """The playbooks' reviewed: dates (only the page src, when given)."""
    return [d for d in (parse_date(str(p.meta.get("reviewed"))) for p in b.playbooks if not src or p.src_uri == src) if d]


def _md(make: Callable[[Build], str]) -> Callable[[Build], tuple[str, Tables]]:
    return lambda build: (make(build), {})


PAGES = (
    GeneratedPage("facts.md", _md(lambda b: facts_index_markdown(b.base, b.today)),
                  lambda b: {f"topic-{t}" for t in b.base.topics} | {"audit"}, shows=_all_checked),
    GeneratedPage("compare.md", _md(lambda b: compare_index_markdown(b.base, b.business_types, b.published)), lambda b: set(),
                  shows=_all_checked),
    GeneratedPage("playbooks/index.md", _md(lambda b: playbooks_index_markdown(b.business_types, b.published)),
                  lambda b: set(), shows=_reviewed),
    GeneratedPage("tactics.md", _md(lambda b: tactic_index_markdown(b.playbooks, b.business_types)), lambda b: set(),
                  shows=_reviewed),
    GeneratedPage("glossary.md", _md(lambda b: glossary_markdown(b.glossary)), lambda b: {f"term-{t.id}" for t in b.glossary}),
    GeneratedPage("choose.md", _md(lambda b: choose_markdown(b.business_types, b.published)),
                  lambda b: {f"choose-{bt}" for bt in b.business_types}),
)


def timeline_entries(build: Build):
    return entries(build.base, build.citations)


def pages(build: Build) -> tuple[GeneratedPage, ...]:
    """Every generated page of this build: the fixed ones, the timeline, and per business type its
    checklist and its print plan."""
    out = list(PAGES)
    for topic in build.base.topics.values():  # one reference page per topic keeps each small on a phone
        topic_checked = (lambda b, t=topic: checked_dates(b.base.facts[f] for f in t.fact_ids))
        out.append(GeneratedPage(f"facts/{topic.id}.md", _md(lambda b, t=topic: facts_topic_markdown(b.base, t, b.today, b.issues_new)),
                                 lambda b, t=topic: set(t.fact_ids), shows=topic_checked))
        out.append(GeneratedPage(f"compare/{topic.id}.md", lambda b, t=topic: compare_topic_page(b.base, t, b.today, b.issues_new),
                                 lambda b, t=topic: {t.id}, shows=topic_checked))
    out.append(GeneratedPage("timeline.md", _md(lambda b: timeline_markdown(timeline_entries(b), b.business_types, b.today)),
                             lambda b: set(), shows=lambda b: checked_dates({e.fact.id: e.fact for e in timeline_entries(b)}.values())))
    for bt in build.business_types.values():
        if bt.id in build.checklists:
            out.append(GeneratedPage(f"checklists/{bt.id}.md",
                                     _md(lambda b, bt=bt: checklist_markdown(bt, b.checklists[bt.id], b.base, b.today)),
                                     lambda b: {f"check-{k}" for k in ("entity", "category", "claims", "labels", "aftersales")},
                                     shows=lambda b, bt=bt: checked_dates(b.base.facts[i.fact] for items in b.checklists[bt.id].values()
                                                                          for i in items)))
        if bt.id in build.published:
            out.append(GeneratedPage(f"compare/for-{bt.id}.md",
                                     lambda b, bt=bt: compare_business_type_page(b.base, bt, b.cited_by_business_type(bt.id),
                                                                                 b.today, b.issues_new),
                                     lambda b: set(b.base.topics),
                                     shows=lambda b, bt=bt: checked_dates(b.base.facts[f] for f in b.cited_by_business_type(bt.id))))
            # The print plan shows its key numbers and the overview's 30/60/90 plan.
            out.append(GeneratedPage(f"print/{bt.id}.md",
                                     _md(lambda b, bt=bt: print_plan_markdown(bt, b.overviews.get(bt.id, ""), b.checklists.get(bt.id),
                                                                              b.base, b.cited_by_business_type(bt.id), b.today)),
                                     lambda b: set(),
                                     shows=lambda b, bt=bt: [*checked_dates(key_facts(b.base, b.cited_by_business_type(bt.id))),
                                                             *_reviewed(b, f"playbooks/{bt.id}/index.md")]))
    return tuple(out)


# Hand-written pages that are listings or tools, not prose: no hover definitions.
UNANNOTATED = {"tags.md", "tools/redline-check.md", "tools/calculator.md"}


def enriched(src: str, build: Build) -> bool:
    """Generated pages say so themselves (build.generated, filled when they are added); hand-written
    pages are prose unless listed above."""
    return build.generated[src] if src in build.generated else src not in UNANNOTATED


# The `<!-- handbook:NAME -->` block markers a hand-written page may use (see markers.py), each
# given the build and the page's path back to docs/ ("../" per folder level).
BLOCK_MARKERS: dict[str, Callable[[Build, str], str]] = {
    "business-types": lambda b, depth: business_type_links(b.business_types, b.published, depth),
}


def block_markers(build: Build, depth: str) -> dict[str, Callable[[], str]]:
    return {name: (lambda make=make: make(build, depth)) for name, make in BLOCK_MARKERS.items()}
