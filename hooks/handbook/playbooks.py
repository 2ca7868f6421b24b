"""Playbook pages: front-matter rules and tactic structure (anchor, stage, the five parts),
scanned into PlaybookPage records that the tactic index, anchors and checks use."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from .business_types import BusinessType
from .dates import parse_date
from .errors import HandbookError, raise_all
from .mdscan import FRONT_MATTER, front_matter_key_lines, in_fence, split_front_matter
from .yamlio import load_yaml_text

STAGES = {"start": "起号", "content": "内容", "store": "开店", "ads": "投流", "live": "直播",
          "private": "私域", "compliance": "合规", "aftersales": "售后", "data": "数据"}
TACTIC_PARTS = ("适用场景", "做法", "成本与周期", "风险与红线", "衡量指标")
PLATFORM_IDS = ("douyin", "channels")
REQUIRED_META = ("title", "description", "business_type", "platforms", "tags", "reviewed")
ANCHOR = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)+$")

_H2 = re.compile(r"^##(?!#)\s+(?P<title>.+?)\s*(?:\{(?P<attrs>[^}]*)\})?\s*$")
_ATTR_ID = re.compile(r"(?:^|\s)#(?P<id>[^\s}]+)")
_ATTR_STAGE = re.compile(r"""(?:^|\s)data-stage=(?:"(?P<q>[^"]*)"|'(?P<s>[^']*)'|(?P<b>[^\s]+))""")
_PART = re.compile(r"^\*\*(?P<label>[^*]+)\*\*")


@dataclass(frozen=True)
class Tactic:
    anchor: str
    title: str
    stage: str
    line: int
    parts: tuple[str, ...]


def is_playbook(src_uri: str) -> bool:
    return src_uri.startswith("playbooks/") and src_uri.count("/") >= 2


def meta_errors(meta: Mapping, src_uri: str, business_types: Mapping[str, BusinessType],
                today: dt.date, key_lines: Mapping[str, int] | None = None) -> list[HandbookError]:
    """What is wrong with a playbook page's front matter, each with the fix and the key's line."""
    page = f"docs/{src_uri}"
    at = {key: (key_lines or {}).get(key, 1) for key in REQUIRED_META}
    missing = [key for key in REQUIRED_META if key not in meta]
    if missing:  # one message, however many keys are gone
        names = ", ".join(f"'{key}'" for key in missing)
        return [HandbookError(page, f"front matter: missing {names}",
                              f"add {', '.join(f'{k}:' for k in missing)} to the --- block at the top", 1)]
    errors: list[HandbookError] = []
    folder = src_uri.split("/")[1]
    bt = meta["business_type"]
    if bt not in business_types:
        errors.append(HandbookError(page, f"front matter: unknown business_type '{bt}'",
                                    f"use one of: {', '.join(business_types)} (facts/business_types.yml)", at["business_type"]))
    elif bt != folder:
        errors.append(HandbookError(page, f"front matter: business_type '{bt}' but the page is in playbooks/{folder}/",
                                    f"set business_type: {folder} or move the page", at["business_type"]))
    platforms = meta["platforms"]
    if not isinstance(platforms, list) or not platforms or any(p not in PLATFORM_IDS for p in platforms):
        errors.append(HandbookError(page, f"front matter: platforms {platforms!r} is invalid",
                                    "write platforms: [douyin, channels] (one or both)", at["platforms"]))
    tags = meta["tags"]
    if not isinstance(tags, list) or not tags or not all(isinstance(t, str) and t.strip() for t in tags):
        errors.append(HandbookError(page, "front matter: tags must be a non-empty list of words",
                                    "write tags: [抖店, 投流, ...] with the words readers type", at["tags"]))
    reviewed = parse_date(str(meta["reviewed"]))
    if reviewed is None:
        errors.append(HandbookError(page, f"front matter: reviewed '{meta['reviewed']}' is not a date",
                                    "write reviewed: YYYY-MM-DD", at["reviewed"]))
    elif reviewed > today:
        errors.append(HandbookError(page, f"front matter: reviewed {reviewed} is in the future",
                                    "use the date you reviewed the page", at["reviewed"]))
    return errors


def extract_tactics(markdown: str) -> list[tuple[int, str, str | None, str | None, list[str]]]:
    """Every H2 outside code fences: (line, title, anchor, stage, bold part labels in its section)."""
    found: list[tuple[int, str, str | None, str | None, list[str]]] = []
    lines = markdown.split("\n")
    for lineno, (line, fenced) in enumerate(zip(lines, in_fence(lines)), 1):
        if fenced:
            continue
        h2 = _H2.match(line)
        if h2:
            attrs = h2.group("attrs") or ""
            anchor = _ATTR_ID.search(attrs)
            stage = _ATTR_STAGE.search(attrs)
            stage_value = (stage.group("q") or stage.group("s") or stage.group("b")) if stage else None
            found.append((lineno, h2.group("title"), anchor.group("id") if anchor else None, stage_value, []))
            continue
        part = _PART.match(line.strip())
        if part and found:
            found[-1][4].append(part.group("label").strip().rstrip("：:"))
    return found


def tactic_errors(markdown: str, src_uri: str, prefix: str, line_offset: int = 0) -> tuple[list[Tactic], list[HandbookError]]:
    """Validate the H2s of a tactic page; return the tactics and the problems.

    Every H2 needs a stable anchor. An H2 with data-stage, or with any of the five part labels, is
    a tactic and must be complete; an H2 with neither is a reference section.
    """
    page = f"docs/{src_uri}"
    tactics, errors = [], []
    for lineno, title, anchor, stage, parts in extract_tactics(markdown):
        line = lineno + line_offset
        if not anchor:
            errors.append(HandbookError(page, f"tactic '{title}' has no explicit anchor",
                                        f"end the heading with {{#{prefix}-<kebab-name> data-stage=\"content\"}}", line))
            continue
        if not ANCHOR.match(anchor) or not anchor.startswith(prefix + "-"):
            errors.append(HandbookError(page, f"anchor '#{anchor}' is not a stable ASCII anchor starting with '{prefix}-'",
                                        f"use lowercase ascii like #{prefix}-b2b-chef-groups", line))
        wanted = [p for p in parts if p in TACTIC_PARTS]
        if stage is None and not wanted:
            continue  # a reference section (e.g. 规则速查): stable anchor, but not a tactic
        if stage not in STAGES:
            what = f"unknown stage '{stage}'" if stage else "no data-stage"
            errors.append(HandbookError(page, f"tactic '#{anchor}': {what}",
                                        "add data-stage=\"...\" with one of: " + ", ".join(f"{k}({v})" for k, v in STAGES.items()), line))
        if tuple(wanted) != TACTIC_PARTS:
            missing = [p for p in TACTIC_PARTS if p not in wanted]
            problem = f"missing part(s) {'、'.join(missing)}" if missing else "parts out of order"
            errors.append(HandbookError(page, f"tactic '#{anchor}': {problem}",
                                        "write the bold labels **适用场景** **做法** **成本与周期** **风险与红线** **衡量指标** in this order", line))
        tactics.append(Tactic(anchor, title, stage or "", line, tuple(wanted)))
    return tactics, errors


@dataclass(frozen=True)
class PlaybookPage:
    src_uri: str
    meta: Mapping
    tactics: tuple[Tactic, ...]


# Front-matter fields MkDocs and Material print raw into <title>, the nav, meta tags and the tags
# index: markup in them would run on every page, so they must be plain text.
SHOWN_META = ("title", "description", "tags")
MARKUP = re.compile(r"[<>\"`]")


def front_matter_markup_errors(text: str, where: str) -> list[HandbookError]:
    """Front-matter title, description and tags that contain markup characters, each located."""
    m = FRONT_MATTER.match(text)
    if not m:
        return []
    meta, lines = load_yaml_text(m.group("yaml") or "", where)
    if not isinstance(meta, dict):
        return []
    errors = []
    for key in SHOWN_META:
        values = meta.get(key)
        for i, value in enumerate(values if isinstance(values, list) else [values]):
            if isinstance(value, str) and MARKUP.search(value):
                path = (key, i) if isinstance(values, list) else (key,)
                line = 1 + (lines.get(path) or lines.get((key,)) or 0)
                errors.append(HandbookError(where, f"front matter: {key} '{value}' contains markup characters (< > \" `)",
                                            "write plain text: use 《》 or “” instead of < > and \"", line))
    return errors


def scan_playbook(src_uri: str, text: str, business_types: Mapping[str, BusinessType],
                  today: dt.date) -> PlaybookPage:
    """Check one playbook page (front matter, anchors, tactics) and return what it holds."""
    page = f"docs/{src_uri}"
    meta, body, offset = split_front_matter(text, page)
    raise_all(meta_errors(meta, src_uri, business_types, today, front_matter_key_lines(text))
              + front_matter_markup_errors(text, page))
    prefix = business_types[meta["business_type"]].anchor_prefix
    tactics, errors = tactic_errors(body, src_uri, prefix, offset)
    raise_all(errors)
    return PlaybookPage(src_uri, meta, tuple(tactics))


def scan_playbooks(docs_dir: Path, business_types: Mapping[str, BusinessType], today: dt.date) -> list[PlaybookPage]:
    """Every docs/playbooks/<type>/*.md checked and scanned, in path order (raises on the first bad page)."""
    docs_dir = Path(docs_dir)
    return [scan_playbook(p.relative_to(docs_dir).as_posix(), p.read_text(encoding="utf-8"), business_types, today)
            for p in sorted((docs_dir / "playbooks").glob("*/*.md"))]


def duplicate_anchor_errors(pages: list[PlaybookPage]) -> list[HandbookError]:
    """Tactic anchors are unique site-wide: search results and shared links point at them."""
    seen: dict[str, str] = {}
    errors = []
    for page in pages:
        for tactic in page.tactics:
            if tactic.anchor in seen:
                errors.append(HandbookError(f"docs/{page.src_uri}", f"anchor '#{tactic.anchor}' is already used at {seen[tactic.anchor]}",
                                            "anchors are unique site-wide; pick another", tactic.line))
            seen.setdefault(tactic.anchor, f"docs/{page.src_uri}:{tactic.line}")
    return errors
