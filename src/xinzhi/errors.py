"""The exceptions Xinzhi raises on purpose.

Every error meant for a user is a :class:`XinzhiError`; the CLI prints its message without a
traceback (unless ``--debug``) and the web API turns it into a 4xx answer.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


class XinzhiError(Exception):
    """Base class of errors whose message is meant for the user."""


class WorkspaceError(XinzhiError):
    """The workspace folder or its catalog is missing, locked or inconsistent."""


class NotFoundError(XinzhiError):
    """A table, snapshot, region, rulebook or record does not exist."""


class InputError(XinzhiError):
    """A parameter given by the user is invalid (bad option value, bad matrix shape ...)."""


@dataclass(frozen=True)
class Problem:
    """One validation problem, located as ``file:row:column: reason``.

    ``row`` is the spreadsheet row number: the header is row 1, the first data row is row 2.
    ``kind`` groups problems for the summary (``unknown region``, ``not a number`` ...).
    """

    file: str
    row: int | None
    column: str | None
    kind: str
    reason: str

    def __str__(self) -> str:
        row = "" if self.row is None else str(self.row)
        column = self.column or ""
        return f"{self.file}:{row}:{column}: {self.reason}"


class ValidationError(XinzhiError):
    """Input failed validation; nothing was written.

    The message lists the first ``max_listed`` problems, then a count per kind.
    """

    max_listed = 50

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(self._format())

    def _format(self) -> str:
        n = len(self.problems)
        lines = [f"{n} problem{'s' if n != 1 else ''} found; nothing was written."]
        lines += [str(p) for p in self.problems[: self.max_listed]]
        if n > self.max_listed:
            lines.append(f"... and {n - self.max_listed} more.")
        counts = Counter(p.kind for p in self.problems)
        lines.append("By kind: " + ", ".join(f"{k}: {v}" for k, v in counts.most_common()))
        return "\n".join(lines)
