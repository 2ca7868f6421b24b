"""One walker for the two things every Markdown reader here needs: the front matter at the top,
and which lines sit inside fenced code blocks (where markers, headings and lint do not apply).

Used by the fact markers, the playbook scanner and the contributor checks, so a fence is a fence
everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import HandbookError
from .yamlio import load_yaml_text

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?(?:---|\.\.\.)[ \t]*\n", re.S)
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*?)[ \t]*$")


def split_front_matter(text: str, where: str) -> tuple[dict, str, int]:
    """(meta, body, number of lines above the body); no front matter gives ({}, text, 0)."""
    m = FRONT_MATTER.match(text)
    if not m:
        return {}, text, 0
    meta, _ = load_yaml_text(m.group("yaml") or "", where)
    if meta is not None and not isinstance(meta, dict):
        raise HandbookError(where, "front matter is not a mapping", "write key: value lines between the --- lines", 2)
    return meta or {}, text[m.end():], text[: m.end()].count("\n")


def front_matter_key_lines(text: str) -> dict[str, int]:
    """The file line of each top-level key in a page's front matter."""
    m = FRONT_MATTER.match(text)
    if not m:
        return {}
    return {k.group(1): n for n, line in enumerate(text[: m.end()].split("\n"), 1)
            if (k := re.match(r"^([A-Za-z_][\w-]*)\s*:", line))}


@dataclass(frozen=True)
class Fence:
    start: int  # 0-based index of the opening line
    end: int | None  # index of the closing line; None when the block is never closed
    indent: str
    fence: str
    info: str


def fences(lines: list[str]) -> list[Fence]:
    """Every fenced code block, in order. A closing fence uses the same character, at least as
    many of them, and nothing else on its line (CommonMark)."""
    found: list[Fence] = []
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        token = m.group("fence")
        closer = re.compile(rf"^[ \t]*{re.escape(token[0])}{{{len(token)},}}[ \t]*$")
        end = next((j for j in range(i + 1, len(lines)) if closer.match(lines[j])), None)
        found.append(Fence(i, end, m.group("indent"), token, m.group("info")))
        i = (end if end is not None else len(lines) - 1) + 1
    return found


def in_fence(lines: list[str]) -> list[bool]:
    """For each line: whether it belongs to a fenced block (its fence lines included)."""
    mask = [False] * len(lines)
    for f in fences(lines):
        for j in range(f.start, (f.end if f.end is not None else len(lines) - 1) + 1):
            mask[j] = True
    return mask
