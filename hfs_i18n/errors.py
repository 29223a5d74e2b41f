"""Errors a user can cause, carrying the ``file:line`` that points at the cause."""

from __future__ import annotations


class InputError(Exception):
    """Bad input (a malformed catalog, a bad profile, a missing file).

    The CLI turns it into a one-line message and exit status 1 (2 where a command's
    contract says unreadable input is a usage error); it is never shown as a traceback.
    """

    def __init__(self, message: str, path: object = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.detail = message
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line else f"{path}: "
        super().__init__(f"{where}{message}")
