"""Find the handbook's markers in a page's Markdown and replace them with rendered HTML.

The marker grammar, documented in 贡献指南:
- inline, `[[fact:ID:PLATFORM]]` (PLATFORM: douyin / channels), or `[[fact:ID]]` for a general fact;
- a block, either a fenced block with the info string `compare` whose body is YAML
  (`facts: [id, ...]` or `topic: id`, optional `caption: ...`), or a comment alone on its line,
  `<!-- handbook:NAME -->`, dispatched to the handler registered under NAME.
Unknown or malformed markers stop the build with file:line. Markers inside other code fences or
inline code are left alone, so the guide can show them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Callable, Mapping

import yaml

from .errors import HandbookError, raise_all
from .facts import PLATFORMS, FactBase
from .mdscan import fences
from .render import correction_url, render_compare_table, render_inline

_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # one parse per compare block, every build
_INLINE_CODE = re.compile(r"(`+).+?\1")
_REF_LOOSE = re.compile(r"\[\[\s*fact\b[^\]]*\]\]")
_REF = re.compile(r"\[\[fact:(?P<id>[a-z0-9]+(?:\.[a-z0-9-]+)+)(?::(?P<platform>[a-z]+))?\]\]")


@dataclass
class _Ctx:
    base: FactBase
    today: dt.date
    root: str
    page: str
    used: set
    tables: dict
    issues_new: str = ""  # the repository's new-issue URL, for correction links; "" for none
    corrected: set = field(default_factory=set)  # (fact id, platform) whose inline ✎ this page has shown


# A compare block becomes this one-line placeholder in the Markdown; the table HTML replaces it
# after conversion (fill_tables). Big raw-HTML tables are slow for Markdown's HTML handling, and
# the table is only data the fact sheet already indexes for search.
PLACEHOLDER = '<div class="fact-table-slot" data-fact-table="{key}"></div>'


def fill_tables(page_html: str, tables: dict[str, str]) -> str:
    """Put each rendered table where its placeholder is; a placeholder left unfilled is a bug."""
    for key, table in tables.items():
        slot = PLACEHOLDER.format(key=key)
        # In a list item Markdown wraps the placeholder in <p>: a table inside a <p> is invalid HTML.
        page_html = page_html.replace(f"<p>{slot}</p>", slot)
        if slot not in page_html:
            raise HandbookError("fill_tables", f"placeholder for table {key} not found in the rendered page",
                                "report this: the Markdown conversion dropped it")
        page_html = page_html.replace(slot, table, 1)
    return page_html


def _suggest(word: str, options) -> str:
    close = difflib.get_close_matches(word, list(options), n=1)
    return f"did you mean '{close[0]}'?" if close else "see the 事实与来源 page for valid ids"


# Block markers other than compare: one comment per line, `<!-- handbook:NAME -->`, dispatched to
# the handler the caller registers under NAME (the build passes e.g. "business-types"). An unknown
# name, or a comment that looks like a marker but is not one, stops the build with file:line.
_COMMENT_MARKER = re.compile(r"^(?P<indent>[ \t]*)<!--\s*handbook:(?P<name>[a-z0-9-]+)\s*-->[ \t]*$")
_MARKER_LIKE = re.compile(r"<!--\s*handbook\b")
BlockMarker = Callable[[], str]


def render_markers(markdown: str, base: FactBase, today: dt.date, root: str, page: str, issues_new: str = "",
                   markers: Mapping[str, BlockMarker] | None = None) -> tuple[str, set[str], dict[str, str]]:
    """Return the page Markdown with inline references rendered, ```compare blocks replaced by
    placeholders and `<!-- handbook:NAME -->` lines replaced by their handler's Markdown, the set of
    fact ids it uses, and the tables to put in (see fill_tables).

    Raises HandbookError(s) naming page:line for any marker that cannot be rendered.
    """
    ctx = _Ctx(base, today, root, page, set(), {}, issues_new)
    markers = markers or {}
    out: list[str] = []
    errors: list[HandbookError] = []
    lines = markdown.split("\n")
    blocks = {f.start: f for f in fences(lines)}
    i = 0
    while i < len(lines):
        block = blocks.get(i)
        if block is None:
            try:
                out.append(_render_line(lines[i], ctx, i + 1, markers))
            except HandbookError as exc:
                errors.append(exc)
                out.append(lines[i])
            i += 1
            continue
        last = block.end if block.end is not None else len(lines) - 1
        if block.info != "compare":
            out.extend(lines[i:last + 1])
            i = last + 1
            continue
        if block.end is None:
            errors.append(HandbookError(page, "compare block is never closed", f"add a closing {block.fence} line", i + 1))
            break
        body = "\n".join(l[len(block.indent):] if l.startswith(block.indent) else l for l in lines[i + 1:block.end])
        try:
            out.append(block.indent + _render_compare_block(body, ctx, i + 1))
        except HandbookError as exc:
            errors.append(exc)
        i = block.end + 1
    raise_all(errors)
    return "\n".join(out), ctx.used, ctx.tables


def _render_line(line: str, ctx: _Ctx, lineno: int, markers: Mapping[str, BlockMarker]) -> str:
    if "<!--" in line and _MARKER_LIKE.search(line):
        m = _COMMENT_MARKER.match(line)
        if not m:
            raise HandbookError(ctx.page, f"malformed marker {line.strip()!r}",
                                "write the marker alone on its line: <!-- handbook:NAME -->", lineno)
        handler = markers.get(m.group("name"))
        if handler is None:
            known = ", ".join(sorted(markers)) or "none on this page"
            raise HandbookError(ctx.page, f"unknown marker 'handbook:{m.group('name')}'", f"known markers: {known}", lineno)
        return m.group("indent") + handler()
    return _render_inline_refs(line, ctx, lineno)


def _render_inline_refs(line: str, ctx: _Ctx, lineno: int) -> str:
    if "[[" not in line:
        return line
    pieces, last = [], 0
    for code in _INLINE_CODE.finditer(line):  # leave `inline code` untouched
        pieces.append(_replace_refs(line[last:code.start()], ctx, lineno))
        pieces.append(code.group(0))
        last = code.end()
    pieces.append(_replace_refs(line[last:], ctx, lineno))
    return "".join(pieces)


def _replace_refs(text: str, ctx: _Ctx, lineno: int) -> str:
    def one(match: re.Match) -> str:
        raw = match.group(0)
        ref = _REF.fullmatch(raw)
        if not ref:
            raise HandbookError(ctx.page, f"malformed fact reference {raw}",
                                "write [[fact:topic.name:douyin]], [[fact:topic.name:channels]] or [[fact:topic.name]]",
                                lineno)
        fact_id, platform = ref.group("id"), ref.group("platform")
        fact = ctx.base.fact(fact_id)
        if fact is None:
            raise HandbookError(ctx.page, f"unknown fact id '{fact_id}' in {raw}", _suggest(fact_id, ctx.base.facts), lineno)
        if fact.is_general:
            if platform:
                raise HandbookError(ctx.page, f"fact '{fact_id}' is general (same on both platforms) but {raw} names '{platform}'",
                                    f"write [[fact:{fact_id}]]", lineno)
            platform = "general"
        elif platform not in PLATFORMS:
            what = f"unknown platform '{platform}'" if platform else "no platform"
            raise HandbookError(ctx.page, f"{raw}: {what}",
                                f"write [[fact:{fact_id}:douyin]] or [[fact:{fact_id}:channels]]", lineno)
        ctx.used.add(fact_id)
        # One correction link per value and page, on its first mention: a page citing a rule seven
        # times carried seven identical 400-byte links. Every mention still links to the fact's entry.
        fix = "" if (fact_id, platform) in ctx.corrected else correction_url(ctx.issues_new, fact, platform, _site_page(ctx.page))
        ctx.corrected.add((fact_id, platform))
        return render_inline(fact, platform, ctx.today, ctx.root, fix)
    return _REF_LOOSE.sub(one, text)


def _render_compare_block(body: str, ctx: _Ctx, lineno: int) -> str:
    if not body.strip():
        raise HandbookError(ctx.page, "empty compare block", "list facts: [topic.name, ...] or topic: <topic>", lineno)
    try:
        spec = yaml.load(body, Loader=_FAST_LOADER)
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise HandbookError(ctx.page, f"compare block: YAML error: {problem}",
                            "write facts: [id, id] or topic: <topic>", lineno) from None
    if not isinstance(spec, dict) or not ({"facts", "topic"} & set(spec)):
        raise HandbookError(ctx.page, "compare block needs 'facts' or 'topic'",
                            "write facts: [id, id] or topic: <topic>", lineno)
    unknown_keys = set(spec) - {"facts", "topic", "caption"}
    if unknown_keys:
        raise HandbookError(ctx.page, f"compare block: unknown key '{sorted(unknown_keys)[0]}'",
                            "allowed keys: facts, topic, caption", lineno)
    ids: list[str] = []
    if "topic" in spec:
        topic = ctx.base.topics.get(str(spec["topic"]))
        if topic is None:
            raise HandbookError(ctx.page, f"compare block: unknown topic '{spec['topic']}'",
                                _suggest(str(spec["topic"]), ctx.base.topics), lineno)
        ids.extend(topic.fact_ids)
    if "facts" in spec:
        listed = spec["facts"]
        if not isinstance(listed, list) or not listed:
            raise HandbookError(ctx.page, "compare block: 'facts' must be a non-empty list",
                                "write facts: [topic.name, ...]", lineno)
        for fact_id in listed:
            if ctx.base.fact(str(fact_id)) is None:
                raise HandbookError(ctx.page, f"compare block: unknown fact id '{fact_id}'",
                                    _suggest(str(fact_id), ctx.base.facts), lineno)
            ids.append(str(fact_id))
    ctx.used.update(ids)
    caption = spec.get("caption", "")
    key = str(len(ctx.tables))
    ctx.tables[key] = render_compare_table([ctx.base.facts[i] for i in ids], ctx.base, ctx.today, ctx.root,
                                           str(caption or ""), ctx.issues_new, _site_page(ctx.page))
    return PLACEHOLDER.format(key=key)


def _site_page(page: str) -> str:
    """'docs/playbooks/x/b2b.md' -> 'playbooks/x/b2b.md', as a reader names the page in a report."""
    return page[len("docs/"):] if page.startswith("docs/") else page


def cited_fact_ids(markdown: str, base: FactBase) -> set[str]:
    """The facts a page cites, inline or through compare blocks (markers in other fences excluded);
    a quick read for listings (the timeline), not a validation: render_markers reports mistakes."""
    lines = markdown.split("\n")
    cited: set[str] = set()
    blocks = fences(lines)
    fenced = {j for f in blocks for j in range(f.start, (f.end if f.end is not None else len(lines) - 1) + 1)}
    cited |= {m.group("id") for i, line in enumerate(lines) if i not in fenced for m in _REF.finditer(line)}
    for f in blocks:
        if f.info != "compare" or f.end is None:
            continue
        try:
            spec = yaml.load("\n".join(lines[f.start + 1:f.end]), Loader=_FAST_LOADER) or {}
        except yaml.YAMLError:
            continue
        if isinstance(spec, dict):
            cited |= {str(x) for x in spec.get("facts") or []}
            topic = base.topics.get(str(spec.get("topic", "")))
            cited |= set(topic.fact_ids) if topic else set()
    return {c for c in cited if c in base.facts}
