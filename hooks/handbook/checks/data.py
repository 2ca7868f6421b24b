"""Rule: facts/ loads exactly as the build loads it (topics, sources, glossary, business types,
red lines, unused sources)."""

from __future__ import annotations

from ..build import Build
from ..errors import HandbookError
from . import Project, errors_of

NAME = "data"
DESCRIPTION = "事实、来源、术语表、行业登记表、违禁词表：格式、必填字段、日期、来源 id、重复 id、无人引用的来源"
LEVEL = "error"


def check(project: Project) -> list[HandbookError]:
    """facts/: topics and sources, glossary, business types, red lines — exactly as the build loads
    them, unused sources included."""
    try:
        project.build = Build.load(project.root, project.today)
    except HandbookError as exc:
        return errors_of(exc)
    project.base, project.business_types = project.build.base, dict(project.build.business_types)
    return []
