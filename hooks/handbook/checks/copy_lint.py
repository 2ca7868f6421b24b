"""Rule: Chinese copywriting — a space between Chinese and Latin/digits, full-width punctuation
(autocorrect), in prose only. Not the red-line checker (that is redlines.py / check_redlines.py)."""

from __future__ import annotations

from typing import Callable

from ..errors import HandbookError
from ..mdscan import in_fence, split_front_matter
from . import Project, finding

NAME = "copy"
DESCRIPTION = "中文文案排版：中文与英文、数字之间加空格，中文里用全角标点（autocorrect）"
LEVEL = "error"
# Established spellings autocorrect would split (蓝V → 蓝 V). Masked with same-length Han text.
PROTECTED_TERMS = {"蓝V": "蓝蓝"}


def prose_only(text: str) -> str:
    """Blank out front matter and fenced code (keeping line numbers) so only prose is linted."""
    lines = text.split("\n")
    _, _, offset = split_front_matter(text, "")
    return "\n".join("" if i < offset or fenced else line for i, (line, fenced) in enumerate(zip(lines, in_fence(lines))))


def check(project: Project) -> list[HandbookError]:
    """Chinese copywriting: spaces between CJK and Latin/digits, full-width punctuation (autocorrect)."""
    import autocorrect_py

    findings = []
    for path in project.markdown_files():
        text = path.read_text(encoding="utf-8")
        masked = prose_only(text)
        for term, mask in PROTECTED_TERMS.items():
            masked = masked.replace(term, mask)
        original_lines = text.split("\n")
        for r in autocorrect_py.lint_for(masked, path.name).lines:
            new = r.new
            for term, mask in PROTECTED_TERMS.items():
                new = new.replace(mask, term)
            old_line = original_lines[r.line - 1]
            was, now = _diff_window(r.old, new)
            findings.append(finding(project.rel(path), r.line, f"copywriting: '{was}'",
                                    f"write '{now}' (space between Chinese and Latin/digits, full-width punctuation; --fix)",
                                    _replace_line(r.line, old_line, old_line.replace(r.old, new, 1))))
    return findings


def _diff_window(old: str, new: str, around: int = 8) -> tuple[str, str]:
    """The stretch around the first difference, so the message shows what changes."""
    i = next((k for k, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
    j = 0
    while j < min(len(old), len(new)) - i and old[len(old) - 1 - j] == new[len(new) - 1 - j]:
        j += 1
    start = max(0, i - around)
    return old[start:len(old) - j + around].strip(), new[start:len(new) - j + around].strip()


def _replace_line(lineno: int, old: str, new: str) -> Callable[[str], str]:
    def apply(text: str) -> str:
        lines = text.split("\n")
        if lines[lineno - 1] == old:
            lines[lineno - 1] = new
        return "\n".join(lines)
    return apply
