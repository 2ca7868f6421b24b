"""A second build engine: the same mkdocs.yml builds strictly with ProperDocs, the maintained fork
of MkDocs 1.x, so leaving MkDocs stays a one-line change (MkDocs 2 drops the plugins Material needs)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import CONTENT_TODAY, ROOT
from handbook.dates import epoch_of

pytestmark = pytest.mark.build


def test_properdocs_builds_the_site_strictly_with_the_comparison_tables(tmp_path):
    pytest.importorskip("properdocs", reason="pip install -r requirements-dev.txt")
    site = tmp_path / "site"
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch_of(CONTENT_TODAY)), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-d", str(site)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    facts = json.loads((site / "facts.json").read_text(encoding="utf-8"))
    compare = "".join((site / "compare" / t["id"] / "index.html").read_text(encoding="utf-8") for t in facts["topics"])
    assert compare.count('class="fact-table"') == len(facts["topics"]) > 0
    assert all(f'data-fact="{f["id"]}"' in compare for f in facts["facts"])
