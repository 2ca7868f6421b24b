"""Post-processing of Material's search index: smaller, and better at ranking the right section.

- Tags are dropped: Material copies a page's tags onto every section, so a tag match lifted all
  of a page's sections above the one that answers.
- Section text keeps its first `max_chars` characters (and loses its HTML tags). Readers' words
  sit in the heading and the opening lines of a tactic; the long tail mostly added noise. On
  tests/search_queries.yml, 600 characters raised recall@1 and kept recall@5 (benchmarks/report.md).
"""

from __future__ import annotations

import re

_TAGS = re.compile(r"</?[a-z][^>]*>")
JOINT = "\u200b"  # jieba's word joints: not counted as characters (nor is white space)


def trim_text(text: str, max_chars: int) -> str:
    text = _TAGS.sub(" ", text)
    if max_chars <= 0:
        return text
    count = 0
    for i, ch in enumerate(text):
        if ch != JOINT and not ch.isspace():
            count += 1
            if count > max_chars:
                return text[:i]
    return text


def slim_index(data: dict, max_chars: int) -> dict:
    for doc in data["docs"]:
        doc.pop("tags", None)
        doc["text"] = trim_text(doc.get("text", ""), max_chars)
    return data
