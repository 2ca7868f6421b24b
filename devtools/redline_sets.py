"""The red-line word list as the CLI loads it, and the two labelled example sets the tests and the
evaluation use: tests/redline_examples.yml (written with the list) and
tests/redline_examples_independent.yml (written without reading it)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def load_checker(root: Path = ROOT, today: dt.date | None = None):
    from handbook.dates import build_date
    from handbook.facts import load_factbase
    from handbook.business_types import load_business_types
    from handbook.redlines import load_redlines
    base = load_factbase(root / "facts", today or build_date())
    return load_redlines(root / "facts" / "redlines.yml", base.sources, load_business_types(root / "facts" / "business_types.yml"))


def shared_examples(root: Path = ROOT) -> list[dict]:
    return yaml.safe_load((root / "tests" / "redline_examples.yml").read_text(encoding="utf-8"))


def independent_examples(root: Path = ROOT) -> list[dict]:
    return yaml.safe_load((root / "tests" / "redline_examples_independent.yml").read_text(encoding="utf-8"))["examples"]
