"""One build's knowledge: the fact base, glossary, business types, red lines and playbooks, read
once per build and handed to every step (the MkDocs events, check.py, the benchmark).

A Build is created from scratch for each build, including each rebuild under `mkdocs serve`, so
nothing carries over from one build to the next.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from .anchors import anchor_lock_errors, current_anchors, load_redirects, read_lock
from .business_types import BusinessType, load_business_types
from .checklists import Item, load_checklists
from .citations import cited_sources, unused_source_errors
from .errors import raise_all
from .facts import FactBase, load_factbase
from .gitdates import last_modified_dates
from .glossary import Term, load_glossary
from .markers import cited_fact_ids
from .playbooks import PlaybookPage, duplicate_anchor_errors, is_playbook, scan_playbook
from .redlines import RedLines, load_redlines
from .synonyms import load_synonyms


@dataclass
class Build:
    root: Path
    today: dt.date
    base: FactBase
    glossary: list[Term]
    business_types: Mapping[str, BusinessType]
    redlines: RedLines
    synonyms: list[tuple[str, ...]] = field(default_factory=list)  # search synonym groups
    issues_new: str = ""  # the repository's new-issue URL: every fact links to its correction form
    serving: bool = False
    updated: Mapping[str, str] = field(default_factory=dict)  # docs path -> last git change
    playbooks: list[PlaybookPage] = field(default_factory=list)
    published: set[str] = field(default_factory=set)  # business types with an overview page
    redirects: dict[str, str] = field(default_factory=dict)
    tables: dict[str, dict[str, str]] = field(default_factory=dict)  # page src -> placeholder key -> table HTML
    checklists: Mapping[str, Mapping[str, list[Item]]] = field(default_factory=dict)  # business type -> section -> items
    citations: dict[str, set[str]] = field(default_factory=dict)  # fact id -> pages citing it
    _cited_by_bt: dict[str, set[str]] = field(default_factory=dict, repr=False)  # business type -> fact ids
    overviews: dict[str, str] = field(default_factory=dict)  # business type -> its overview page's Markdown
    generated: dict[str, bool] = field(default_factory=dict)  # generated page path -> gets hover definitions
    lastmod: dict[str, dt.date] = field(default_factory=dict)  # generated page path -> newest date it shows

    @classmethod
    def load(cls, root: Path, today: dt.date, repo_url: str = "", serving: bool = False, git_dates: bool = False) -> "Build":
        """Read and validate everything under facts/; raise HandbookError(s) on any problem."""
        facts = Path(root) / "facts"
        base = load_factbase(facts, today)
        glossary = load_glossary(facts / "glossary.yml", base.sources)
        business_types = load_business_types(facts / "business_types.yml")
        redlines = load_redlines(facts / "redlines.yml", base.sources, business_types)
        raise_all(unused_source_errors(base, cited_sources(base, glossary, redlines.entries), facts / "sources.yml"))
        checklists = load_checklists(facts / "checklists.yml", base, business_types, Path(root) / "docs")
        synonyms = load_synonyms(facts / "search_synonyms.yml")
        return cls(Path(root), today, base, glossary, business_types, redlines, synonyms,
                   issues_new=f"{repo_url.rstrip('/')}/issues/new" if repo_url else "", serving=serving,
                   updated=last_modified_dates(Path(root)) if git_dates else {}, checklists=checklists)

    def scan(self, pages: Mapping[str, str]) -> None:
        """Check every playbook page up front (pages: docs src path -> text, all pages of the site),
        so generated pages can list them; hold the tactic anchors to the published lock; note which
        pages cite which facts (the timeline lists them)."""
        self.playbooks = [scan_playbook(src, text, self.business_types, self.today)
                          for src, text in sorted(pages.items()) if is_playbook(src)]
        self.published = {bt for bt in self.business_types if f"playbooks/{bt}/index.md" in pages}
        self.overviews = {bt: pages[f"playbooks/{bt}/index.md"] for bt in self.published}
        raise_all(duplicate_anchor_errors(self.playbooks))
        self.redirects = load_redirects(self.root / "facts" / "redirects.yml", current_anchors(self.playbooks))
        raise_all(anchor_lock_errors(read_lock(self.root / "facts" / "published_anchors.txt"), self.playbooks, self.redirects))
        self.citations = {}
        self._cited_by_bt = {}
        for src, text in pages.items():
            bt = src.split("/")[1] if is_playbook(src) else None
            for fact_id in cited_fact_ids(text, self.base):
                self.citations.setdefault(fact_id, set()).add(src)
                if bt is not None:
                    self._cited_by_bt.setdefault(bt, set()).add(fact_id)

    def cited_by_business_type(self, bt: str) -> set[str]:
        """The facts the pages under docs/playbooks/<bt>/ cite (worked out once, in scan)."""
        return set(self._cited_by_bt.get(bt, ()))
