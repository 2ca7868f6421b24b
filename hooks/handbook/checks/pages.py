"""Rule: playbook front matter, anchors and tactic parts; fact markers on every page; the anchor
lock; text the scaffold left unfilled."""

from __future__ import annotations

from ..anchors import anchor_lock_errors, current_anchors, load_redirects, lost_anchors, read_lock
from ..errors import HandbookError, raise_all
from ..generated import block_markers
from ..markers import render_markers
from ..mdscan import split_front_matter
from ..playbooks import duplicate_anchor_errors, front_matter_markup_errors, is_playbook, scan_playbook
from . import Project, errors_of, finding

NAME = "pages"
DESCRIPTION = "打法页首信息、锚点、阶段、五个小节；页面里的事实引用和标记；锚点锁定；脚手架留下的“（待填写）”"
LEVEL = "error"


def check(project: Project) -> list[HandbookError]:
    """Playbook front matter, anchors and tactic parts; fact markers on every page; anchor lock."""
    if project.base is None or project.business_types is None:
        return []  # data errors come first; pages cannot be checked against a broken fact base
    findings: list[HandbookError] = []
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
            findings += errors_of(exc)
            unreadable.add(src)
            continue
        try:
            render_markers(body, project.base, project.today, "", f"docs/{src}",
                           markers=block_markers(project.build, "../" * src.count("/")) if project.build else None)
        except HandbookError as exc:  # lines counted from the end of the front matter
            for f in errors_of(exc):
                if f.line:
                    f.line += offset
                findings.append(f)
    findings += duplicate_anchor_errors(playbooks)
    findings += _unfilled_scaffold(project)
    try:
        redirects = load_redirects(project.root / "facts" / "redirects.yml", current_anchors(playbooks))
    except HandbookError as exc:
        return findings + errors_of(exc)
    lock = read_lock(project.root / "facts" / "published_anchors.txt")
    findings += anchor_lock_errors(lock, playbooks, redirects, unreadable)
    project.lost = set(lost_anchors(lock, current_anchors(playbooks), redirects))
    return findings


SCAFFOLD_TODO = "（待填写）"


def _unfilled_scaffold(project: Project) -> list[HandbookError]:
    """Text the scaffold left for the contributor: it builds, but must not be published."""
    out = []
    for path in sorted(project.docs.rglob("*.md")):
        for lineno, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            if SCAFFOLD_TODO in line:
                out.append(finding(project.rel(path), lineno, f"unfilled scaffold text {SCAFFOLD_TODO}",
                                   "replace it with real content"))
    return out
