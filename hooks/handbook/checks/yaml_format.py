"""Rule: facts/ YAML hygiene — no tabs, no trailing spaces, LF line ends, a final newline."""

from __future__ import annotations

from typing import Callable

from ..errors import HandbookError
from . import Project, finding

NAME = "yaml"
DESCRIPTION = "facts/ 下 YAML 没有制表符、行尾空格，用 LF 换行，文件以换行结尾"
LEVEL = "error"


def check(project: Project) -> list[HandbookError]:
    """facts/ YAML hygiene: no tabs, no trailing spaces, LF line ends, a final newline."""
    findings = []
    for path in sorted((project.root / "facts").rglob("*.yml")):
        raw = path.read_bytes().decode("utf-8")
        rel = project.rel(path)
        if "\r\n" in raw:
            findings.append(finding(rel, None, "Windows line endings (CRLF)", "save with LF line endings",
                                    lambda t: t.replace("\r\n", "\n")))
        for lineno, line in enumerate(raw.split("\n"), 1):
            if "\t" in line:
                findings.append(finding(rel, lineno, "tab character", "indent with spaces (YAML does not allow tabs)"))
            if line.rstrip("\r") != line.rstrip():
                findings.append(finding(rel, lineno, "trailing whitespace", "delete it",
                                        _strip_trailing(lineno)))
        if raw and not raw.endswith("\n"):
            findings.append(finding(rel, None, "no newline at end of file", "add one", lambda t: t + "\n"))
    return findings


def _strip_trailing(lineno: int) -> Callable[[str], str]:
    def apply(text: str) -> str:
        lines = text.split("\n")
        lines[lineno - 1] = lines[lineno - 1].rstrip()
        return "\n".join(lines)
    return apply
