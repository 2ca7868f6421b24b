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
from .citations import cited_sources, unused_source_errors
from .errors import raise_all
from .facts import FactBase, load_factbase
from .gitdates import last_modified_dates
from .glossary import Term, load_glossary
from .playbooks import PlaybookPage, duplicate_anchor_errors, is_playbook, scan_playbook
from .redlines import RedLines, load_redlines


@dataclass
class Build:
    root: Path
    today: dt.date
    base: FactBase
    glossary: list[Term]
    business_types: Mapping[str, BusinessType]
    redlines: RedLines
    issues_new: str = ""  # the repository's new-issue URL: every fact links to its correction form
    serving: bool = False
    updated: Mapping[str, str] = field(default_factory=dict)  # docs path -> last git change
    playbooks: list[PlaybookPage] = field(default_factory=list)
    published: set[str] = field(default_factory=set)  # business types with an overview page
    redirects: dict[str, str] = field(default_factory=dict)
    tables: dict[str, dict[str, str]] = field(default_factory=dict)  # page src -> placeholder key -> table HTML

    @classmethod
    def load(cls, root: Path, today: dt.date, repo_url: str = "", serving: bool = False, git_dates: bool = False) -> "Build":
        """Read and validate everything under facts/; raise HandbookError(s) on any problem."""
        facts = Path(root) / "facts"
        base = load_factbase(facts, today)
        glossary = load_glossary(facts / "glossary.yml", base.sources)
        business_types = load_business_types(facts / "business_types.yml")
        redlines = load_redlines(facts / "redlines.yml", base.sources, business_types)
        raise_all(unused_source_errors(base, cited_sources(base, glossary, redlines.entries), facts / "sources.yml"))
        return cls(Path(root), today, base, glossary, business_types, redlines,
                   issues_new=f"{repo_url.rstrip('/')}/issues/new" if repo_url else "", serving=serving,
                   updated=last_modified_dates(Path(root)) if git_dates else {})

    def scan(self, pages: Mapping[str, str]) -> None:
        """Check every playbook page (src path -> text) up front, so generated pages can list them,
        and hold the tactic anchors to the published lock."""
        self.playbooks = [scan_playbook(src, text, self.business_types, self.today)
                          for src, text in sorted(pages.items()) if is_playbook(src)]
        self.published = {bt for bt in self.business_types if f"playbooks/{bt}/index.md" in pages}
        raise_all(duplicate_anchor_errors(self.playbooks))
        self.redirects = load_redirects(self.root / "facts" / "redirects.yml", current_anchors(self.playbooks))
        raise_all(anchor_lock_errors(read_lock(self.root / "facts" / "published_anchors.txt"), self.playbooks, self.redirects))
