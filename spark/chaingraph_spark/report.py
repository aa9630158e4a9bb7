"""What the package tells the user on stderr, in the CLI's words (SPEC §1.1, §5).

Every repair that changes a number — rows merged, self-loops dropped, empty values counted as
1, units converted, title and total rows skipped, names resolved to ids — is recorded while the
dataset loads and printed as one summary line, as the CLI prints its load report. ``--quiet``
silences notes and warnings; errors are raised (``errors.py``) and always printed.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from dataclasses import dataclass

__all__ = ["Reporter", "Problem", "PREFIX"]

PREFIX = "chaingraph_spark"


@dataclass
class Problem:
    """One warning or note: severity, a stable code (as the CLI's ``check`` codes) and words."""
    severity: str
    code: str
    message: str


class Reporter:
    """Collects load problems and prints notes to stderr unless quiet."""

    def __init__(self, quiet: bool = False, stream=None):
        self.quiet = quiet
        self.stream = stream if stream is not None else sys.stderr
        self.problems: list[Problem] = []

    def problem(self, severity: str, code: str, message: str) -> None:
        """Records a warning or note of the load report."""
        self.problems.append(Problem(severity, code, message))

    def summary(self) -> str | None:
        """The load report in one line (warnings and notes joined by ``;``), None if empty."""
        if not self.problems:
            return None
        return "; ".join(p.message for p in self.problems)

    def flush_load_report(self) -> None:
        """Prints the load report's summary line (unless quiet)."""
        text = self.summary()
        if text:
            self.note(text)

    def note(self, message: str) -> None:
        """``chaingraph_spark: MESSAGE`` on stderr unless quiet."""
        if not self.quiet:
            print(f"{PREFIX}: {message}", file=self.stream, flush=True)

    @contextlib.contextmanager
    def phase(self, label: str):
        """Times a phase; printed when ``CHAINGRAPH_SPARK_TRACE=1`` (for benchmarks)."""
        started = time.time()
        try:
            yield
        finally:
            if os.environ.get("CHAINGRAPH_SPARK_TRACE") == "1":
                print(f"{PREFIX}: trace: {label}: {time.time() - started:.2f} s", file=self.stream, flush=True)

    def warn(self, message: str) -> None:
        """``chaingraph_spark: warning: MESSAGE`` on stderr unless quiet."""
        if not self.quiet:
            print(f"{PREFIX}: warning: {message}", file=self.stream, flush=True)
