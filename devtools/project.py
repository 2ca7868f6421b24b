"""A working copy of what a build reads, for tests and benchmarks that change it: the pages, the
data, the hooks, the theme overrides, the scripts and the config — never .git, site/, a virtual
environment or caches (a venv inside the checkout once made every such test three times slower)."""

from __future__ import annotations

import shutil
from pathlib import Path

# Everything `mkdocs build` and scripts/check.py read (CONTRIBUTING.md is included into a page).
PROJECT_ENTRIES = ("docs", "facts", "hooks", "overrides", "scripts", "mkdocs.yml", "CONTRIBUTING.md", "README.md")


def copy_project(root: Path, dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_ENTRIES:
        src = Path(root) / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest
