"""Enrichment the build adds to pages without any marker from the writer.

- A 违禁词自查 link after every **风险与红线** label of a playbook (in the Markdown).
- Hover definitions: the first plain-text occurrence of each term gets <abbr title="definition">.
- Search words (entry_keywords): for each search index entry, the other names of the terms it
  mentions (抖店 finds a section that says 抖音小店), plus reader aliases of the terms its heading
  names (投流 finds a section headed 千川). searchindex.slim_index adds them to the entry itself.
Tooltips skip headings, links, code and existing abbreviations, and escape everything they insert.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Sequence
from urllib.parse import quote

from .business_types import BusinessType
from .glossary import Term

_TAG = re.compile(r"(<[^>]+>)")
_SKIP = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "abbr", "script", "style", "sup", "textarea", "button"}
_OPEN_CLOSE = re.compile(r"<(/?)([a-zA-Z0-9]+)")


@lru_cache(maxsize=8)
def _index(terms: tuple[Term, ...]) -> tuple[dict[str, Term], re.Pattern | None]:
    """Name → term and one regex over all names (longest first: 巨量千川 before 千川); built once
    per glossary, not per page."""
    by_name = {name: t for t in terms for name in t.names}
    ordered = sorted((n for n in by_name if n), key=len, reverse=True)
    return by_name, (re.compile("|".join(re.escape(n) for n in ordered)) if ordered else None)


@lru_cache(maxsize=512)
def _pattern_for(names: frozenset[str]) -> re.Pattern:
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))


def add_term_tooltips(page_html: str, terms: Sequence[Term]) -> str:
    """Wrap the first plain-text occurrence of each term name in an <abbr> with its definition."""
    by_name, every_name = _index(tuple(terms))
    if every_name is None:
        return page_html
    # The names the scan below can match: one pass of the all-names regex finds the same name at
    # each place as the per-part scan would (names hold no < or >, so no match crosses a tag), and
    # it is faster than testing every name against the page. A regex over only these names then
    # has far fewer alternatives to try per character.
    present = frozenset(every_name.findall(page_html))
    if not present:
        return page_html
    pattern = _pattern_for(present)
    wanted = len({by_name[n].id for n in present})
    done: set[str] = set()
    skipping = 0  # how many skipped elements (links, headings, code ...) we are inside
    out = []
    parts = _TAG.split(page_html)
    for i, part in enumerate(parts):
        if len(done) == wanted:  # every term on the page has its tooltip: the rest stays as it is
            out.extend(parts[i:])
            break
        if part.startswith("<"):
            m = _OPEN_CLOSE.match(part)
            if m and m.group(2).lower() in _SKIP and not part.endswith("/>"):
                skipping += -1 if m.group(1) else 1
            out.append(part)
            continue
        if skipping > 0 or not part.strip():
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


def entry_keywords(title: str, text: str, terms: Sequence[Term]) -> list[str]:
    """Words a reader might search for one search index entry that it does not contain itself.

    Other names of every term the entry's text mentions (抖音小店 → 抖店), and the reader aliases of
    terms its title names (a heading about 千川 also answers 投流). Aliases go by the title only:
    added for every passing mention they made unrelated sections match broad words. Worked out on
    the entry as indexed (its trimmed text), so a word is added where the index holds its term.
    """
    body = f"{title} {text}"
    extra: list[str] = []
    for term in terms:
        if not any(w in body for w in term.names):
            continue
        words = [*term.names, *(term.search_aliases if any(w in title for w in term.names) else ())]
        extra.extend(w for w in words if w not in body and w not in extra)
    return extra


_RISK_LABEL = re.compile(r"^(?P<lead>\s*)\*\*风险与红线\*\*", re.M)


def link_risk_parts(markdown: str, business_type: BusinessType, root: str) -> str:
    """After each **风险与红线** label, a link to the red-line checker preset for this business."""
    query = f"bt={quote(business_type.id)}" + (f"&amp;cat={quote(business_type.redline_category)}"
                                                if business_type.redline_category else "")
    link = f' <a class="redline-link" href="{root}tools/redline-check/?{query}">违禁词自查</a>'
    return _RISK_LABEL.sub(lambda m: m.group(0) + link, markdown)


_H1 = re.compile(r"^# .+$", re.M)


def link_plan_tools(markdown: str, business_type: BusinessType, root: str, has_checklist: bool) -> str:
    """Under an overview's title: its printable one-page plan and, where there is one, its checklist."""
    links = [f'<a href="{root}print/{quote(business_type.id)}/">打印版一页纸计划</a>']
    if has_checklist:
        links.append(f'<a href="{root}checklists/{quote(business_type.id)}/">开店与合规清单</a>')
    line = '<p class="plan-tools">' + " · ".join(links) + "</p>"
    return _H1.sub(lambda m: m.group(0) + "\n\n" + line, markdown, count=1)
