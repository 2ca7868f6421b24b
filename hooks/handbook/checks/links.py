"""Rule: relative links between pages point at a page and an explicit anchor that exist."""

from __future__ import annotations

import re

from ..errors import HandbookError
from ..generated import PAGES as GENERATED_PAGES, pages as generated_pages
from . import Project, finding
from .copy_lint import prose_only

NAME = "links"
DESCRIPTION = "站内 .md 链接指向的页面和锚点是否存在"
LEVEL = "error"
_LINK = re.compile(r"(?<!!)\[[^\]]*\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")


def _generated_anchors(project: Project) -> dict[str, set[str]]:
    """Anchors of the pages the hooks generate (they have no file under docs/), from the registry."""
    build = project.build
    if build is None:  # facts/ did not load (the data rule says why): know the paths, not the anchors
        return {page.path: set() for page in GENERATED_PAGES} | {"timeline.md": set()}
    build.published = {bt for bt in build.business_types if (project.docs / "playbooks" / bt / "index.md").exists()}
    return {page.path: page.anchors(build) for page in generated_pages(build)}


def _explicit_ids(text: str) -> set[str]:
    return set(re.findall(r"\{[^}]*#([A-Za-z0-9_.:-]+)", text)) | set(re.findall(r'\bid="([^"]+)"', text))


def check(project: Project) -> list[HandbookError]:
    """Relative links between pages: the target page exists, and so does an explicit anchor."""
    generated = _generated_anchors(project)
    findings = []
    for path in sorted(project.docs.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        prose = prose_only(text)
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
                        findings.append(finding(where, lineno, f"link to {target}: no anchor '#{anchor}' on that generated page",
                                                "use an id listed on that page"))
                    continue
                if key in project.unreadable or f"{key}#{anchor}" in project.lost:
                    continue  # the page's own finding comes first; its anchors are reported there
                if not resolved.exists():
                    findings.append(finding(where, lineno, f"link to {target}: page does not exist", "fix the path (relative to this page)"))
                    continue
                target_text = resolved.read_text(encoding="utf-8")
                if anchor and "--8<--" not in target_text and anchor not in _explicit_ids(target_text):
                    findings.append(finding(where, lineno, f"link to {target}: no heading with id '#{anchor}'",
                                            "link to an explicit {#anchor} that exists"))
    return findings
