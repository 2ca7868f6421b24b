"""Post-render enrichment of a page's HTML from the glossary.

- Hover definitions: the first plain-text occurrence of each term gets <abbr title="definition">.
- Search synonyms: each H2 section gets a hidden paragraph with the other names of the terms it
  mentions (抖店 finds a section that says 抖音小店), plus reader aliases of the terms its heading
  names (投流 finds a section headed 千川).
Both skip headings, links, code and existing abbreviations, and escape everything they insert.
"""

from __future__ import annotations

import html
import re
from typing import Iterable

from .glossary import Term

_TAG = re.compile(r"(<[^>]+>)")
_SKIP = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "abbr", "script", "style", "sup", "textarea", "button"}
_H2_START = re.compile(r"<h2\b")


def _names_pattern(names: Iterable[str]) -> re.Pattern | None:
    ordered = sorted({n for n in names if n}, key=len, reverse=True)  # longest first: 巨量千川 before 千川
    return re.compile("|".join(re.escape(n) for n in ordered)) if ordered else None


def add_term_tooltips(page_html: str, terms: list[Term]) -> str:
    """Wrap the first plain-text occurrence of each term name in an <abbr> with its definition."""
    by_name = {name: t for t in terms for name in t.names}
    pattern = _names_pattern(by_name)
    if pattern is None:
        return page_html
    done: set[str] = set()
    depth: dict[str, int] = {}
    out = []
    for part in _TAG.split(page_html):
        if part.startswith("<"):
            _track(part, depth)
            out.append(part)
            continue
        if any(depth.get(tag, 0) > 0 for tag in _SKIP) or not part.strip():
            out.append(part)
            continue

        def wrap(m: re.Match) -> str:
            term = by_name[m.group(0)]
            if term.id in done:
                return m.group(0)
            done.add(term.id)
            return f'<abbr title="{html.escape(term.definition, quote=True)}">{m.group(0)}</abbr>'

        out.append(pattern.sub(wrap, part))
    return "".join(out)


def _track(tag: str, depth: dict[str, int]) -> None:
    m = re.match(r"<(/?)([a-zA-Z0-9]+)", tag)
    if not m or tag.endswith("/>"):
        return
    name = m.group(2).lower()
    if name in _SKIP:
        depth[name] = depth.get(name, 0) + (-1 if m.group(1) else 1)


def section_keywords(section_html: str, terms: list[Term]) -> list[str]:
    """Words a reader might search for this section that it does not contain itself.

    Other names of every term the section mentions (抖音小店 → 抖店), and the reader aliases of
    terms its heading names (a heading about 千川 also answers 投流). Aliases go by the heading
    only: added for every passing mention they made unrelated sections match broad words.
    """
    heading = re.search(r"<h[1-6][^>]*>(.*?)</h[1-6]>", section_html, re.S)
    title = html.unescape(_TAG.sub(" ", heading.group(1))) if heading else ""
    text = html.unescape(_TAG.sub(" ", section_html))
    extra: list[str] = []
    for term in terms:
        if not any(w in text for w in term.names):
            continue
        words = [*term.names, *(term.search_aliases if any(w in title for w in term.names) else ())]
        extra.extend(w for w in words if w not in text and w not in extra)
    return extra


def add_search_keywords(page_html: str, terms: list[Term]) -> str:
    """Append a hidden keyword paragraph to each H2 section (and the preface) for search only."""
    starts = [m.start() for m in _H2_START.finditer(page_html)]
    bounds = [0, *starts, len(page_html)]
    out = []
    for begin, end in zip(bounds, bounds[1:]):
        section = page_html[begin:end]
        words = section_keywords(section, terms)
        out.append(section)
        if words:
            out.append(f'<p class="search-keywords" hidden>{html.escape(" ".join(words))}</p>')
    return "".join(out)
