"""Shared helper: every tactic in docs/playbooks, as the scripts see them."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from anchors import scan_all  # noqa: E402


def all_tactics():
    return [t for page in scan_all() for t in page.tactics]
