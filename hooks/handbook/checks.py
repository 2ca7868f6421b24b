"""Contributor checks that run without a build: each returns Findings naming file:line and the fix.

scripts/check.py runs them all; `--fix` applies the ones marked fixable (copy spacing and
punctuation, YAML whitespace). The build enforces the same data and page rules through the hooks.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .anchors import anchor_lock_errors, current_anchors, load_redirects, lost_anchors, read_lock
from .build import Build
from .errors import HandbookError, raise_all
from .facts import FactBase
from .generated import PAGES as GENERATED_PAGES, block_markers
from .markers import render_markers
from .business_types import BusinessType
from .mdscan import in_fence, split_front_matter
from .playbooks import duplicate_anchor_errors, front_matter_markup_errors, is_playbook, scan_playbook

# Established spellings autocorrect would split (蓝V → 蓝 V). Masked with same-length Han text.
PROTECTED_TERMS = {"蓝V": "蓝蓝"}
_LINK = re.compile(r"(?<!!)\[[^\]]*\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")


@dataclass
class Finding:
    path: str
    line: int | None
    message: str
    fix: str = ""
    apply: Callable[[str], str] | None = None  # whole-file text -> fixed text, when safe to automate

    def __str__(self) -> str:
        place = f"{self.path}:{self.line}" if self.line else self.path
        return f"{place}: {self.message}" + (f" — {self.fix}" if self.fix else "")


def _from_error(exc: HandbookError) -> list[Finding]:
    return _from_error_list(getattr(exc, "errors", [exc]))


def _from_error_list(errors: Iterable[HandbookError]) -> list[Finding]:
    return [Finding(e.where, e.line, e.problem, e.fix) for e in errors]


@dataclass
class Project:
    root: Path
    today: dt.date
    base: FactBase | None = None
    business_types: dict[str, BusinessType] | None = None
    # Set by check_pages so check_links does not repeat its findings: pages that failed to parse
    # (their anchors are unknown) and published anchors reported as lost ('page.md#anchor').
    unreadable: set[str] = field(default_factory=set)
    lost: set[str] = field(default_factory=set)
    build: Build | None = None  # set by check_data when facts/ loads

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    def markdown_files(self) -> list[Path]:
        return sorted(self.docs.rglob("*.md")) + [self.root / "CONTRIBUTING.md", self.root / "README.md"]

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()


def load_all(facts: Path, today: dt.date) -> tuple[FactBase, dict[str, BusinessType]]:
    """Everything under facts/ that the build loads, validated the same way."""
    build = Build.load(facts.parent, today)
    return build.base, dict(build.business_types)


def check_data(project: Project) -> list[Finding]:
    """facts/: topics and sources, glossary, business types, red lines — exactly as the build loads
    them, unused sources included."""
    try:
        project.build = Build.load(project.root, project.today)
    except HandbookError as exc:
        return _from_error(exc)
    project.base, project.business_types = project.build.base, dict(project.build.business_types)
    return []


def check_pages(project: Project) -> list[Finding]:
    """Playbook front matter, anchors and tactic parts; fact markers on every page; anchor lock."""
    if project.base is None or project.business_types is None:
        return []  # data errors come first; pages cannot be checked against a broken fact base
    findings: list[Finding] = []
    playbooks = []
    unreadable = project.unreadable  # their anchors are unknown, not lost
    for path in sorted(project.docs.rglob("*.md")):
        src = path.relative_to(project.docs).as_posix()
        text = path.read_text(encoding="utf-8")
        try:
            if is_playbook(src):  # its errors already count lines from the top of the file
                playbooks.append(scan_playbook(src, text, project.business_types, project.today))
            else:
                raise_all(front_matter_markup_errors(text, f"docs/{src}"))
            _, body, offset = split_front_matter(text, f"docs/{src}")
        except HandbookError as exc:
            findings += _from_error(exc)
            unreadable.add(src)
            continue
        try:
            render_markers(body, project.base, project.today, "", f"docs/{src}",
                           markers=block_markers(project.build, "../" * src.count("/")) if project.build else None)
        except HandbookError as exc:  # lines counted from the end of the front matter
            for f in _from_error(exc):
                if f.line:
                    f.line += offset
                findings.append(f)
    findings += _from_error_list(duplicate_anchor_errors(playbooks))
    findings += _unfilled_scaffold(project)
    try:
        redirects = load_redirects(project.root / "facts" / "redirects.yml", current_anchors(playbooks))
    except HandbookError as exc:
        return findings + _from_error(exc)
    lock = read_lock(project.root / "facts" / "published_anchors.txt")
    findings += _from_error_list(anchor_lock_errors(lock, playbooks, redirects, unreadable))
    project.lost = set(lost_anchors(lock, current_anchors(playbooks), redirects))
    return findings


SCAFFOLD_TODO = "（待填写）"


def _unfilled_scaffold(project: Project) -> list[Finding]:
    """Text the scaffold left for the contributor: it builds, but must not be published."""
    out = []
    for path in sorted(project.docs.rglob("*.md")):
        for lineno, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            if SCAFFOLD_TODO in line:
                out.append(Finding(project.rel(path), lineno, f"unfilled scaffold text {SCAFFOLD_TODO}",
                                   "replace it with real content"))
    return out


def _prose_only(text: str) -> str:
    """Blank out front matter and fenced code (keeping line numbers) so only prose is linted."""
    lines = text.split("\n")
    _, _, offset = split_front_matter(text, "")
    return "\n".join("" if i < offset or fenced else line for i, (line, fenced) in enumerate(zip(lines, in_fence(lines))))


def check_copy(project: Project) -> list[Finding]:
    """Chinese copywriting: spaces between CJK and Latin/digits, full-width punctuation (autocorrect)."""
    import autocorrect_py

    findings = []
    for path in project.markdown_files():
        text = path.read_text(encoding="utf-8")
        masked = _prose_only(text)
        for term, mask in PROTECTED_TERMS.items():
            masked = masked.replace(term, mask)
        original_lines = text.split("\n")
        for r in autocorrect_py.lint_for(masked, path.name).lines:
            new = r.new
            for term, mask in PROTECTED_TERMS.items():
                new = new.replace(mask, term)
            old_line = original_lines[r.line - 1]
            was, now = _diff_window(r.old, new)
            findings.append(Finding(project.rel(path), r.line, f"copywriting: '{was}'",
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


def _generated_anchors(project: Project) -> dict[str, set[str]]:
    """Anchors of the pages the hooks generate (they have no file under docs/), from the registry."""
    return {page.path: (page.anchors(project.build) if project.build else set()) for page in GENERATED_PAGES}


def _explicit_ids(text: str) -> set[str]:
    return set(re.findall(r"\{[^}]*#([A-Za-z0-9_.:-]+)", text)) | set(re.findall(r'\bid="([^"]+)"', text))


def check_links(project: Project) -> list[Finding]:
    """Relative links between pages: the target page exists, and so does an explicit anchor."""
    generated = _generated_anchors(project)
    findings = []
    for path in sorted(project.docs.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        prose = _prose_only(text)
        for lineno, line in enumerate(prose.split("\n"), 1):
            for m in _LINK.finditer(re.sub(r"`[^`]*`", "", line)):
                target = m.group("target")
                if re.match(r"^[a-z]+:|^#|^/", target) or ".md" not in target:
                    continue
                page, _, anchor = target.partition("#")
                resolved = (path.parent / page).resolve()
                try:
                    key = resolved.relative_to(project.docs.resolve()).as_posix()
                except ValueError:
                    key = None
                where = f"{project.rel(path)}"
                if key in generated:
                    if anchor and generated[key] and anchor not in generated[key]:
                        findings.append(Finding(where, lineno, f"link to {target}: no anchor '#{anchor}' on that generated page",
                                                "use an id listed on that page"))
                    continue
                if key in project.unreadable or f"{key}#{anchor}" in project.lost:
                    continue  # the page's own finding comes first; its anchors are reported there
                if not resolved.exists():
                    findings.append(Finding(where, lineno, f"link to {target}: page does not exist", "fix the path (relative to this page)"))
                    continue
                target_text = resolved.read_text(encoding="utf-8")
                if anchor and "--8<--" not in target_text and anchor not in _explicit_ids(target_text):
                    findings.append(Finding(where, lineno, f"link to {target}: no heading with id '#{anchor}'",
                                            "link to an explicit {#anchor} that exists"))
    return findings


def check_yaml_format(project: Project) -> list[Finding]:
    """facts/ YAML hygiene: no tabs, no trailing spaces, LF line ends, a final newline."""
    findings = []
    for path in sorted((project.root / "facts").rglob("*.yml")):
        raw = path.read_bytes().decode("utf-8")
        rel = project.rel(path)
        if "\r\n" in raw:
            findings.append(Finding(rel, None, "Windows line endings (CRLF)", "save with LF line endings",
                                    lambda t: t.replace("\r\n", "\n")))
        for lineno, line in enumerate(raw.split("\n"), 1):
            if "\t" in line:
                findings.append(Finding(rel, lineno, "tab character", "indent with spaces (YAML does not allow tabs)"))
            if line.rstrip("\r") != line.rstrip():
                findings.append(Finding(rel, lineno, "trailing whitespace", "delete it",
                                        _strip_trailing(lineno)))
        if raw and not raw.endswith("\n"):
            findings.append(Finding(rel, None, "no newline at end of file", "add one", lambda t: t + "\n"))
    return findings


def _strip_trailing(lineno: int) -> Callable[[str], str]:
    def apply(text: str) -> str:
        lines = text.split("\n")
        lines[lineno - 1] = lines[lineno - 1].rstrip()
        return "\n".join(lines)
    return apply


CHECKS = {"data": check_data, "pages": check_pages, "links": check_links, "copy": check_copy, "yaml": check_yaml_format}


def run_checks(project: Project, names: Iterable[str] = CHECKS) -> list[Finding]:
    """Every finding of the named checks, sorted by file and line as an editor walks them."""
    findings: list[Finding] = []
    for name in names:
        findings += CHECKS[name](project)
    return sorted(findings, key=lambda f: (f.path, f.line or 0))


def apply_fixes(project: Project, findings: list[Finding]) -> int:
    """Apply every automatic fix, file by file; return how many were applied."""
    by_file: dict[str, list[Finding]] = {}
    for f in findings:
        if f.apply:
            by_file.setdefault(f.path, []).append(f)
    count = 0
    for rel, items in by_file.items():
        path = project.root / rel
        text = path.read_text(encoding="utf-8")
        for f in items:
            fixed = f.apply(text)
            count += fixed != text
            text = fixed
        path.write_text(text, encoding="utf-8")
    return count
