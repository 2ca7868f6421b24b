"""The 行业打法 section of the navigation, generated from docs/playbooks/ and the registry, so a
new playbook needs no mkdocs.yml edit."""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

from .business_types import BusinessType
from .errors import HandbookError


def page_url(ref: str, use_directory_urls: bool = True) -> str:
    """A docs path, with or without #anchor, as its site URL: playbooks/x/b2b.md#a -> playbooks/x/b2b/#a."""
    page, hash_, anchor = ref.partition("#")
    stem = page[:-3]
    if use_directory_urls:
        stem = stem[: -len("index")] if stem.endswith("index") else stem + "/"
    else:
        stem += ".html"
    return stem + hash_ + anchor


def playbook_nav(docs_dir: Path, business_types: Mapping[str, BusinessType]) -> list:
    """Nav entries for docs/playbooks/: one section per business type folder, overview first.

    Generated so a new playbook needs no mkdocs.yml edit; folders not in the registry are errors.
    """
    base = Path(docs_dir) / "playbooks"
    folders = sorted(p.name for p in base.iterdir() if p.is_dir()) if base.is_dir() else []
    for name in folders:
        if name not in business_types:
            raise HandbookError(f"docs/playbooks/{name}/", f"folder '{name}' is not a registered business type",
                                "add it to facts/business_types.yml or rename the folder")
    nav: list = ["playbooks/index.md"]
    for bt in business_types.values():  # registry order, not alphabetical
        if bt.id not in folders:
            continue
        pages = sorted(p.name for p in (base / bt.id).glob("*.md"))
        if "index.md" not in pages:
            raise HandbookError(f"docs/playbooks/{bt.id}/", "playbook has no index.md overview",
                                "add index.md (python scripts/new_playbook.py creates one)")
        pages.remove("index.md")
        nav.append({bt.name: [f"playbooks/{bt.id}/index.md", *(f"playbooks/{bt.id}/{p}" for p in pages)]})
    return nav
