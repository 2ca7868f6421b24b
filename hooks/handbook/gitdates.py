"""Last-updated dates for pages, from one `git log` over the history (not one call per page).

Outside a git checkout (a tarball, a test copy) there are simply no dates: not an error.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


def parse_git_log(output: str) -> dict[str, str]:
    """Newest date per path from `git log --format=%x00%cs --name-only` output (newest first)."""
    dates: dict[str, str] = {}
    current = None
    for line in output.splitlines():
        if line.startswith("\x00"):
            current = line[1:].strip()
        elif line.strip() and current:
            dates.setdefault(line.strip(), current)
    return dates


def last_modified_dates(repo: Path) -> dict[str, str]:
    try:
        out = subprocess.run(["git", "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", "docs", "CONTRIBUTING.md"],
                             cwd=repo, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    return parse_git_log(out.stdout) if out.returncode == 0 else {}
