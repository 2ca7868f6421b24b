"""`mkdocs serve`: edit a fact, time until the page shows the new value (used by tests and bench)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

from devtools.project import copy_project

FACT_FILE = "facts/topics/store.yml"
PAGE = "compare/store/"  # every fact of FACT_FILE (store.yml) is on it


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as r:
        return r.read().decode("utf-8")


def _page_has(url: str, text: str) -> bool:
    """Whether the page carries text; a server busy rebuilding (refused, reset, timed out) is a no."""
    try:
        return text in _get(url)
    except OSError:  # URLError, ConnectionError and TimeoutError are all OSErrors
        return False


def edit_rebuild_seconds(root: Path, rel_path: str, edit, marker: str, timeout: float = 120) -> float:
    """Start `mkdocs serve` on a copy of the project, apply edit (text -> text) to rel_path, and
    measure the time from saving the file until the served page shows marker."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        copy_project(root, repo)
        port = _free_port()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
                                cwd=repo, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            # mkdocs serve mounts the site under site_url's path (/handbook/ here).
            site_url = re.search(r"^site_url:\s*(\S+)", (repo / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
            url = f"http://127.0.0.1:{port}{urlparse(site_url).path}{PAGE}"
            deadline = time.monotonic() + timeout
            while True:
                try:
                    _get(url)
                    break
                except OSError:
                    if time.monotonic() > deadline or proc.poll() is not None:
                        raise RuntimeError("mkdocs serve did not come up")
                    time.sleep(0.3)
            path = repo / rel_path
            text = path.read_text(encoding="utf-8")
            edited = edit(text)
            if edited == text:
                raise RuntimeError(f"{rel_path}: the edit changed nothing; update serve_metrics.py")
            saved = time.monotonic()
            path.write_text(edited, encoding="utf-8")
            while not _page_has(url, marker):
                if time.monotonic() - saved > timeout:
                    raise RuntimeError(f"page never showed the edit to {rel_path}")
                time.sleep(0.2)
            return round(time.monotonic() - saved, 2)
        finally:
            proc.terminate()
            proc.wait(timeout=20)


def fact_edit_rebuild_seconds(root: Path, timeout: float = 120) -> float:
    """Seconds from saving a changed fact value until the served page shows it."""
    marker = f"基准标记{_free_port()}"

    def edit(text: str) -> str:
        # Any quoted value on the page will do: the content changes, the measurement doesn't.
        quoted = re.search(r'^\s+value: "[^"\n]+"$', text, re.M)
        if not quoted:
            return text
        return text.replace(quoted.group(0), quoted.group(0).split("value:")[0] + f'value: "{marker}"', 1)
    return edit_rebuild_seconds(root, FACT_FILE, edit, marker, timeout)


def hook_edit_rebuild_seconds(root: Path, timeout: float = 120) -> float:
    """Seconds from saving a change to hooks/handbook/render.py until the served page shows it:
    the handbook package is imported afresh for each rebuild under `mkdocs serve`."""
    marker = f"已核实标记{_free_port()}"
    return edit_rebuild_seconds(root, "hooks/handbook/render.py",
                                lambda t: t.replace('"verified": "已核实"', f'"verified": "{marker}"', 1), marker, timeout)
