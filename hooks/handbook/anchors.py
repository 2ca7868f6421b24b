"""Permanent tactic anchors: a lock of every anchor ever published, and redirects for moved ones."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .errors import HandbookError
from .nav import page_url
from .playbooks import PlaybookPage
from .yamlio import line_of, load_yaml_file


def current_anchors(pages: Iterable[PlaybookPage]) -> set[str]:
    """Every tactic as 'page.md#anchor'."""
    return {f"{p.src_uri}#{t.anchor}" for p in pages for t in p.tactics}


def read_lock(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def write_lock(path: Path, anchors: Iterable[str]) -> None:
    header = "# 已发布的打法锚点（页面.md#锚点）。只增不减：删改锚点须在 facts/redirects.yml 加重定向。\n"
    path.write_text(header + "".join(f"{a}\n" for a in sorted(set(anchors))), encoding="utf-8")


def load_redirects(path: Path, current: set[str], where: str = "facts/redirects.yml") -> dict[str, str]:
    """Old 'page.md#anchor' -> new 'page.md#anchor'; every target must exist now."""
    data, lines = load_yaml_file(path, where)
    redirects = (data or {}).get("redirects") or {}
    if not isinstance(redirects, dict):
        raise HandbookError(where, "'redirects' must be a mapping", "write old.md#anchor: new.md#anchor", 1)
    for old, new in redirects.items():
        line = line_of(lines, ("redirects", old))
        if not isinstance(new, str) or new not in current:
            raise HandbookError(where, f"redirect target '{new}' for '{old}' is not a current tactic",
                                "point it at an existing page.md#anchor", line)
    return dict(redirects)


def lost_anchors(locked: Iterable[str], current: set[str], redirects: dict[str, str]) -> list[str]:
    """Published anchors that neither exist any more nor redirect somewhere."""
    return sorted(a for a in locked if a not in current and a not in redirects)


def anchor_lock_errors(locked: Iterable[str], pages: Iterable[PlaybookPage], redirects: dict[str, str],
                       unreadable: Iterable[str] = ()) -> list[HandbookError]:
    """A published anchor that vanished without a redirect, named on its page. When the page has a
    new, never-published anchor, that is most likely the rename: point at its heading.
    Pages that failed to parse (`unreadable` src URIs) are skipped: their own error says why."""
    pages = list(pages)
    current = current_anchors(pages)
    locked = set(locked)
    skip = set(unreadable)
    errors = []
    for ref in lost_anchors(locked, current, redirects):
        src, anchor = ref.split("#", 1)
        if src in skip:
            continue
        page = next((p for p in pages if p.src_uri == src), None)
        new = [t for t in (page.tactics if page else ()) if f"{src}#{t.anchor}" not in locked]
        if len(new) == 1:
            renamed = new[0]
            errors.append(HandbookError(f"docs/{src}", f"published anchor #{anchor} was renamed to #{renamed.anchor}",
                                        f"keep {{#{anchor}}}, or add '{ref}: {src}#{renamed.anchor}' to facts/redirects.yml",
                                        renamed.line))
        else:
            errors.append(HandbookError(f"docs/{src}", f"published anchor #{anchor} no longer exists",
                                        f"restore the heading with {{#{anchor}}}, or add '{ref}: <page.md#new-anchor>' "
                                        "to facts/redirects.yml"))
    return errors


def redirect_urls(redirects: dict[str, str], use_directory_urls: bool = True) -> dict[str, str]:
    """The same map as site URLs (playbooks/x/b2b/#anchor), for the browser."""
    return {page_url(old, use_directory_urls): page_url(new, use_directory_urls) for old, new in redirects.items()}
