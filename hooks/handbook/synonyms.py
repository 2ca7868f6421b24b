"""Search synonyms: groups of words readers type for the same thing (facts/search_synonyms.yml).

The build puts the groups into the search index's config; the search worker matches each word of
a group as the others (hooks/handbook/search_rank.js).
"""

from __future__ import annotations

from pathlib import Path

from .errors import HandbookError, raise_all
from .schema import schema_errors
from .searchpatch import QUESTION_WORDS
from .yamlio import line_of, load_yaml_file


def load_synonyms(path: Path, where: str = "facts/search_synonyms.yml") -> list[tuple[str, ...]]:
    data, lines = load_yaml_file(path, where)
    raise_all(schema_errors(data, "search_synonyms.schema.json", where, lines))
    errors: list[HandbookError] = []
    group_of: dict[str, int] = {}
    stop = set(QUESTION_WORDS)
    groups: list[tuple[str, ...]] = []
    for i, raw in enumerate(data["groups"]):
        line = line_of(lines, ("groups", i))
        words = tuple(w.lower() for w in raw)  # the worker lower-cases the reader's query
        for word in words:
            if word in stop:
                errors.append(HandbookError(where, f"group {i + 1}: '{word}' is a question word search ignores",
                                            "remove it from the group", line))
            elif word in group_of:
                where_else = "twice in this group" if group_of[word] == i else f"also in group {group_of[word] + 1}"
                errors.append(HandbookError(where, f"group {i + 1}: '{word}' is {where_else}",
                                            "a word belongs to one group: merge the groups or remove it", line))
            group_of.setdefault(word, i)
        groups.append(words)
    raise_all(errors)
    return groups
