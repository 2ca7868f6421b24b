"""The project's own error type: one line naming where, what is wrong, and how to fix it."""

from __future__ import annotations


class HandbookError(Exception):
    """A problem in content or data that must stop the build (or, from check.py, a finding)."""

    apply = None  # a check's safe automatic fix, whole-file text -> fixed text
    level: str | None = None  # a check's level when it differs from its rule's ("warning")

    def __init__(self, where: str, problem: str, fix: str = "", line: int | None = None):
        self.where = where
        self.line = line
        self.problem = problem
        self.fix = fix
        super().__init__(str(self))

    def __str__(self) -> str:
        place = f"{self.where}:{self.line}" if self.line else self.where
        tail = f" — {self.fix}" if self.fix else ""
        return f"{place}: {self.problem}{tail}"


class HandbookErrors(HandbookError):
    """Several problems found in one pass; each keeps its own one-line message."""

    def __init__(self, errors: list[HandbookError]):
        self.errors = list(errors)
        first = self.errors[0]
        super().__init__(first.where, first.problem, first.fix, first.line)

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


def raise_all(errors: list[HandbookError]) -> None:
    """Raise the collected errors, if any: one alone as itself, several together."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise HandbookErrors(errors)
