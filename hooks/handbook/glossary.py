"""The glossary: terms, synonyms and reader aliases; feeds the glossary page, hover text and jieba."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from .errors import HandbookError, raise_all
from .facts import Source
from .schema import schema_errors
from .yamlio import line_of, load_yaml_file

_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    synonyms: tuple[str, ...]
    search_aliases: tuple[str, ...]
    platforms: tuple[str, ...]
    definition: str
    link: str = ""
    sources: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The headword and its synonyms: every name of the same thing."""
        return (self.term, *self.synonyms)


def load_glossary(path: Path, sources: Mapping[str, Source], where: str = "facts/glossary.yml") -> list[Term]:
    data, lines = load_yaml_file(path, where)
    raise_all(schema_errors(data, "glossary.schema.json", where, lines))
    terms: list[Term] = []
    errors: list[HandbookError] = []
    owner: dict[str, str] = {}
    for i, raw in enumerate(data["terms"]):
        line = line_of(lines, ("terms", i))
        for source_id in raw.get("sources", []):
            if source_id not in sources:
                errors.append(HandbookError(where, f"term '{raw['id']}': unknown source '{source_id}'",
                                            "add it to facts/sources.yml or fix the id", line))
        for name in (raw["term"], *raw["synonyms"]):
            if name in owner and owner[name] != raw["id"]:
                errors.append(HandbookError(where, f"term '{raw['id']}': name '{name}' already belongs to '{owner[name]}'",
                                            "a name may name one term only; make it a search alias instead", line))
            owner[name] = raw["id"]
        terms.append(Term(raw["id"], raw["term"], tuple(raw["synonyms"]), tuple(raw["search_aliases"]),
                          tuple(raw["platforms"]), raw["definition"], raw.get("link", ""), tuple(raw.get("sources", []))))
    raise_all(errors)
    return terms


def jieba_words(terms: list[Term]) -> list[str]:
    """Words jieba must keep whole: the Chinese names of terms (not reader aliases).

    Aliases stay out on purpose: the browser matches query pieces as token prefixes, so a long
    alias kept whole (推直播间) would hide the shorter word inside it (直播间) from search.
    """
    words = {w for t in terms for w in t.names if _HAN.search(w)}
    return sorted(words, key=lambda w: (-len(w), w))
