"""Errors with the exit codes of SPEC §5 (sysexits), worded as the CLI words them.

Every failure the package can foresee is one of these; ``cli.main`` prints it as
``chaingraph_spark: error: MESSAGE`` on stderr and exits with its code. Anything else is an
internal error (exit 70).
"""

from __future__ import annotations

__all__ = ["ChainGraphSparkError", "UsageError", "DataError", "InputMissing", "OutputError",
           "InternalError", "EX_USAGE", "EX_DATAERR", "EX_NOINPUT", "EX_SOFTWARE", "EX_CANTCREAT"]

EX_USAGE = 64      # bad options or arguments
EX_DATAERR = 65    # bad input data (also a PageRank that does not converge, as in the CLI)
EX_NOINPUT = 66    # input missing or unreadable; the chain tree missing for a command needing it
EX_SOFTWARE = 70   # internal error
EX_CANTCREAT = 73  # output cannot be created


class ChainGraphSparkError(Exception):
    """A failure with its exit code; ``str(error)`` is the message without the prefix."""
    exit_code = EX_SOFTWARE

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class UsageError(ChainGraphSparkError):
    """Bad options: a missing or contradictory flag, an unknown region (exit 64)."""
    exit_code = EX_USAGE


class DataError(ChainGraphSparkError):
    """Bad input data: unknown ids, negative or non-numeric amounts, a parent cycle (exit 65)."""
    exit_code = EX_DATAERR


class InputMissing(ChainGraphSparkError):
    """An input folder or table is missing or unreadable, or the chain tree is (exit 66)."""
    exit_code = EX_NOINPUT


class OutputError(ChainGraphSparkError):
    """The output directory cannot be created (exit 73)."""
    exit_code = EX_CANTCREAT


class InternalError(ChainGraphSparkError):
    """Something that should not happen (exit 70)."""
    exit_code = EX_SOFTWARE
