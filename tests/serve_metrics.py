"""`mkdocs serve`: edit a fact, time until the page shows the new value (used by tests and bench)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

FACT_FILE = "facts/topics/store.yml"
PAGE = "compare/"  # every fact is on it


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


def fact_edit_rebuild_seconds(root: Path, timeout: float = 120) -> float:
    """Start `mkdocs serve` on a copy of the project, change one fact value, and measure the time
    from saving the file until the served page carries the new value."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        shutil.copytree(root, repo, ignore=shutil.ignore_patterns(".git", "site", "__pycache__", ".pytest_cache", ".hypothesis"))
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
            marker = f"基准标记{port}"
            path = repo / FACT_FILE
            text = path.read_text(encoding="utf-8")
            # Any quoted value on the page will do: the content changes, the measurement doesn't.
            quoted = re.search(r'^\s+value: "[^"\n]+"$', text, re.M)
            if not quoted:
                raise RuntimeError(f"{FACT_FILE}: no quoted value to edit; update serve_metrics.py")
            saved = time.monotonic()
            path.write_text(text.replace(quoted.group(0), quoted.group(0).split("value:")[0] + f'value: "{marker}"', 1),
                            encoding="utf-8")
            while not _page_has(url, marker):
                if time.monotonic() - saved > timeout:
                    raise RuntimeError("page never showed the edited fact")
                time.sleep(0.2)
            return round(time.monotonic() - saved, 2)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
