"""Rule (warning): values that may be out of date — checked longer ago than their topic's shelf
life, or resting on a source older than it. A reminder to re-check, never a failure."""

from __future__ import annotations

from ..errors import HandbookError
from ..facts import PLATFORM_LABELS
from . import Project, finding

NAME = "stale"
DESCRIPTION = "可能已过时的取值：核对日期或最新来源超过保质期（提醒，不算失败）"
LEVEL = "warning"


def check(project: Project) -> list[HandbookError]:
    if project.base is None:
        return []  # the data rule reports why facts/ did not load
    out = []
    for fact in project.base.facts.values():
        for platform, pv in fact.values.items():
            reason = pv.stale_reason(project.today, fact.shelf_life_days)
            if reason:
                path, _, line = fact.where.rpartition(":")
                out.append(finding(path, int(line) if line.isdigit() else None,
                                   f"{fact.id} [{PLATFORM_LABELS[platform]}] may be out of date: {reason}",
                                   "re-check the value against a current source and update checked:/sources", level="warning"))
    return out
