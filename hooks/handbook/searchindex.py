"""Post-processing of Material's search index: smaller, and better at ranking the right section.

- Tags are dropped: Material copies a page's tags onto every section, so a tag match lifted all
  of a page's sections above the one that answers.
- Section text keeps its first `max_chars` characters (and loses its HTML tags). Readers' words
  sit in the heading and the opening lines of a tactic; the long tail mostly added noise. On
  tests/search_queries.yml, 600 characters raised recall@1 and kept recall@5 (benchmarks/report.md).
- A page's own entry (its title and the text above the first heading) is weighted down. Material's
  worker multiplies it by (1 + (1 + coverage)²), up to 5, against up to 2 for a section, so a page
  whose intro names the query word outranked the section that answers it ("投流" found intros
  before the glossary entry and the tactic). PAGE_ENTRY_BOOST 0.4 brings it back to par; on the
  173 queries of tests/search_queries.yml it raised recall@1 from 66.5 % to 70.5 % (0.25 and 1.0
  both did worse).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

_TAGS = re.compile(r"</?[a-z][^>]*>")
JOINT = "\u200b"  # jieba's word joints: not counted as characters (nor is white space)
PAGE_ENTRY_BOOST = 0.4  # a page's own entry against its sections (see above)


@lru_cache(maxsize=4)
def _first_chars(max_chars: int) -> re.Pattern:
    # max_chars counted characters, each after any white space or joints, and the white space and
    # joints that follow the last of them: the text up to the next counted character.
    return re.compile(rf"(?:[\s{JOINT}]*[^\s{JOINT}]){{{max_chars}}}[\s{JOINT}]*")


def trim_text(text: str, max_chars: int) -> str:
    text = _TAGS.sub(" ", text)
    if max_chars <= 0 or len(text) <= max_chars:
        return text
    m = _first_chars(max_chars).match(text)
    return text[:m.end()] if m else text


def segment_first(segment: Callable[[str], str], max_chars: int) -> Callable[[str], str]:
    """Material's jieba segmentation, given only the text slim_index will keep.

    Material segments every section's whole text and slim_index then keeps the first `max_chars`
    characters: most of jieba's work (the largest single cost of a build) was thrown away. Short
    strings (titles) pass through untouched.
    """
    def segment_kept(data: str) -> str:
        return segment(data if len(data) <= max_chars else trim_text(data, max_chars))
    return segment_kept


def slim_index(data: dict, max_chars: int) -> dict:
    for doc in data["docs"]:
        doc.pop("tags", None)
        doc["text"] = trim_text(doc.get("text", ""), max_chars)
        if "#" not in doc["location"]:
            # Multiplies a page's own boost (front matter `search: boost:`), not replaces it.
            doc["boost"] = round(doc.get("boost", 1) * PAGE_ENTRY_BOOST, 4)
    return data
