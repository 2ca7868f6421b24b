"""Which sources the handbook cites, and the registry entries nothing cites (a mirror dropped from
every fact must leave facts/sources.yml too, or it lingers as a link nobody checks)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from .errors import HandbookError
from .facts import FactBase


def cited_sources(base: FactBase, terms: Iterable, redline_entries: Iterable) -> set[str]:
    """Every source id a fact value, a glossary term or a red-line entry cites."""
    cited = {s for fact in base.facts.values() for pv in fact.values.values() for s in pv.sources}
    cited |= {s for term in terms for s in term.sources}
    cited |= {s for entry in redline_entries for s in entry.sources}
    return cited


def unused_source_errors(base: FactBase, cited: set[str], registry: Path,
                         where: str = "facts/sources.yml") -> list[HandbookError]:
    lines = {m.group(1): n for n, line in enumerate(registry.read_text(encoding="utf-8").split("\n"), 1)
             if (m := re.match(r"^\s*-\s+id:\s*(\S+)", line))}
    return [HandbookError(where, f"source '{s}' is cited by no fact, term or red line",
                          "cite it, or remove it from facts/sources.yml", lines.get(s))
            for s in base.sources if s not in cited]
