"""Post-processing of Material's search index: smaller, and better at ranking the right section.

- Tags are dropped: Material copies a page's tags onto every section, so a tag match lifted all
  of a page's sections above the one that answers.
- Section text keeps its first `max_chars` characters (and loses its HTML tags). Readers' words
  sit in the heading and the opening lines of a tactic; the long tail mostly added noise. On
  tests/search_queries.yml, 600 characters raised recall@1 and kept recall@5 (benchmarks/report.md).
- A page's own entry (its title and the text above the first heading) is weighted down. Material's
  worker multiplies it by (1 + (1 + coverage)²), up to 5, against up to 2 for a section, so a page
  whose intro names the query word outranked the section that answers it ("投流" found intros
  before the glossary entry and the tactic). With lunr's ranking 0.4 did best (recall@1 66.5 % →
  70.5 % on the 173 queries of tests/search_queries*.yml); with the handbook's ranking, 0.2.
- Sections of pages that sum up others (a business type's overview, the home page) are weighted
  down too: their verdicts and 30/60/90-day plans name every topic of the tactics they link to,
  and outranked the tactic that answers.
- Each page entry carries `ctx`: its tags and the words of its title, the page's subject. The
  handbook's ranking lifts sections of a page that is about the query's words (美发店… finds the
  local-services page before the apparel one). Kept out of the indexed fields: as a field, tags
  lowered every topic word's idf and counted as a match for every section of the page.
- The kept text is one paragraph (<p>), so the site's CSS can show two lines of it in a result on
  a phone, with its highlighted words (bare text let a result fill the screen, and the rule that
  hid everything after the first paragraph hid the <mark>s instead).
- Each entry gets the search words it lacks (enrich.entry_keywords: other names of the glossary
  terms it mentions) as a second paragraph, after the trim; results do not show it. As a hidden
  paragraph at the end of each H2 section they were cut off with the tail of long sections (53 of
  129 sections lost them) and landed in the section's last H3 entry.
- The config carries the synonym groups of facts/search_synonyms.yml for the worker.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Callable, Sequence

_TAGS = re.compile(r"</?[a-z][^>]*>")
JOINT = "\u200b"  # jieba's word joints: not counted as characters (nor is white space)
PAGE_ENTRY_BOOST = 0.2  # a page's own entry against its sections (see above)
SUMMARY_SECTION_BOOST = 0.6  # a section of an overview or of the home page (see above)
SUMMARY_SECTION = re.compile(r"^(playbooks/[^/]+/)?#")


@lru_cache(maxsize=4)
def _first_chars(max_chars: int) -> re.Pattern:
    # max_chars counted characters, each after any white space or joints, and the white space and
    # joints that follow the last of them: the text up to the next counted character.
    return re.compile(rf"(?:[\s{JOINT}]*[^\s{JOINT}]){{{max_chars}}}[\s{JOINT}]*")


def shown_and_added(text: str) -> tuple[str, str]:
    """An entry's text as slim_index writes it: the trimmed text shown in results, and the search
    words the build added (hidden by the site's CSS)."""
    parts = re.findall(r"<p>(.*?)</p>", text, re.S)
    return (parts[0] if parts else "", parts[1] if len(parts) > 1 else "")


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


def page_context(title: str, tags: Sequence[str]) -> list[str]:
    """What a page is about, for the ranking: its tags and its title's words (jieba's, two or more
    characters), lower-cased like the reader's query, each once."""
    words = [*tags, *(w for w in re.split(rf"[\s{JOINT}]+", title) if len(w) > 1)]
    return list(dict.fromkeys(w.lower() for w in words if w))


def slim_index(data: dict, max_chars: int, synonyms: Sequence[Sequence[str]] = (),
               keywords: Callable[[str, str], str] | None = None) -> dict:
    """keywords(title, text) -> search words the entry lacks, segmented like the index (appended to
    its text after the trim, so a long section keeps them)."""
    for doc in data["docs"]:
        tags = doc.pop("tags", None) or []
        text = trim_text(doc.get("text", ""), max_chars).strip()
        extra = keywords(doc.get("title", "").replace(JOINT, ""), text.replace(JOINT, "")) if keywords else ""
        # Material keeps the text HTML-escaped and shows it as HTML; the added words come from
        # facts/glossary.yml and are escaped the same way.
        doc["text"] = (f"<p>{text}</p>" if text else "") + (f"<p>{html.escape(extra, quote=False)}</p>" if extra else "")
        # Each multiplies the page's own boost (front matter `search: boost:`), not replaces it.
        if "#" not in doc["location"]:
            doc["boost"] = round(doc.get("boost", 1) * PAGE_ENTRY_BOOST, 4)
            doc["ctx"] = page_context(doc.get("title", ""), tags)
        elif SUMMARY_SECTION.match(doc["location"]):
            doc["boost"] = round(doc.get("boost", 1) * SUMMARY_SECTION_BOOST, 4)
    data.setdefault("config", {})["synonyms"] = [list(g) for g in synonyms]
    return data
