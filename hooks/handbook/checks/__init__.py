"""Contributor checks that run without a build, one rule per module (data, pages, links, copy_lint,
yaml_format, stale). Each rule has a NAME, a DESCRIPTION, a LEVEL (error / warning) and a
check(project) returning HandbookErrors that name file:line and the fix — the same message type the
build raises, so a finding reads the same from check.py and from the build.

scripts/check.py runs them; `--fix` applies the ones that carry a safe `apply` (copy spacing and
punctuation, YAML whitespace).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..build import Build
from ..business_types import BusinessType
from ..errors import HandbookError
from ..facts import FactBase


@dataclass
class Project:
    root: Path
    today: dt.date
    base: FactBase | None = None
    business_types: dict[str, BusinessType] | None = None
    build: Build | None = None  # set by the data rule when facts/ loads
    # Set by the pages rule so the links rule does not repeat its findings: pages that failed to parse
    # (their anchors are unknown) and published anchors reported as lost ('page.md#anchor').
    unreadable: set[str] = field(default_factory=set)
    lost: set[str] = field(default_factory=set)

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    def markdown_files(self) -> list[Path]:
        return sorted(self.docs.rglob("*.md")) + [self.root / "CONTRIBUTING.md", self.root / "README.md"]

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()


def finding(path: str, line: int | None, problem: str, fix: str = "", apply: Callable[[str], str] | None = None,
            level: str = "error") -> HandbookError:
    """A check's finding: a HandbookError, optionally with a safe automatic fix (text -> text)."""
    err = HandbookError(path, problem, fix, line)
    err.apply, err.level = apply, level
    return err


def errors_of(exc: HandbookError) -> list[HandbookError]:
    return list(getattr(exc, "errors", [exc]))


def load_all(facts: Path, today: dt.date) -> tuple[FactBase, dict[str, BusinessType]]:
    """Everything under facts/ that the build loads, validated the same way."""
    build = Build.load(facts.parent, today)
    return build.base, dict(build.business_types)


from . import copy_lint, data, links, pages, stale, yaml_format  # noqa: E402  (rules import the helpers above)

RULES = {rule.NAME: rule for rule in (data, pages, links, copy_lint, yaml_format, stale)}
# check.py's --only names; 'copy' stays the name contributors know for the copy lint.
CHECKS = {name: rule.check for name, rule in RULES.items()}


def run_checks(project: Project, names: Iterable[str] = CHECKS) -> list[HandbookError]:
    """Every finding of the named rules, sorted by file and line as an editor walks them."""
    findings: list[HandbookError] = []
    for name in names:
        rule = RULES[name]
        for f in rule.check(project):
            f.level = f.level or rule.LEVEL
            findings.append(f)
    return sorted(findings, key=lambda f: (f.where, f.line or 0))


def apply_fixes(project: Project, findings: list[HandbookError]) -> int:
    """Apply every automatic fix, file by file; return how many were applied."""
    by_file: dict[str, list[HandbookError]] = {}
    for f in findings:
        if f.apply:
            by_file.setdefault(f.where, []).append(f)
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
