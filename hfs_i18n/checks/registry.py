"""The records every check shares: a finding, a check, the message and catalog it looks at.

A check is a small pure function registered under a stable id with :func:`check`; the
registry maps ids to :class:`Check` records.  Three scopes, so that the runner can skip
work a check would throw away:

* ``"catalog"``: ``fn(catalog, ctx) -> Iterable[tuple[int, str]]`` (line, message), once
  per catalog (the ``Plural-Forms`` header);
* ``"entry"``: ``fn(msg) -> Iterable[str]``, every entry, obsolete ones included
  (completeness);
* ``"translation"``: ``fn(msg) -> Iterable[str]``, only entries whose translation is used
  (not obsolete, not fuzzy, at least one form filled); empty plural forms are left out of
  ``msg.pairs``.
* ``"project"``: run by the command itself, not per catalog (``pseudo-unmarked``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import polib

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITY_RANK = {INFO: 0, WARNING: 1, ERROR: 2}
SCOPES = ("catalog", "entry", "translation", "project")


@dataclass(slots=True)
class Finding:
    """One problem in one entry; the record every reporter prints."""

    locale: str
    file: str
    line: int
    msgctxt: str | None
    msgid: str
    check: str
    severity: str
    message: str

    def as_dict(self) -> dict[str, object]:
        return {
            "locale": self.locale,
            "file": self.file,
            "line": self.line,
            "msgctxt": self.msgctxt,
            "msgid": self.msgid,
            "check": self.check,
            "severity": self.severity,
            "message": self.message,
        }


@dataclass(frozen=True)
class Check:
    """A registered check: its id, severity, scope and the function that finds problems."""

    id: str
    function: Callable[..., Iterable[Any]]
    severity: str
    scope: str
    doc: str


CHECKS: dict[str, Check] = {}


def check(check_id: str, severity: str, scope: str = "translation") -> Callable:
    """Register the decorated function as check ``check_id`` (its docstring's first line is
    the one-line description shown by ``docs/checks.md`` and ``--help``)."""
    if severity not in SEVERITY_RANK:
        raise ValueError(f"unknown severity {severity!r}")
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}")

    def register(function: Callable) -> Callable:
        doc = (function.__doc__ or "").strip().split("\n\n")[0]
        CHECKS[check_id] = Check(check_id, function, severity, scope, " ".join(doc.split()))
        return function

    return register


@dataclass
class CatalogContext:
    """What checks need to know about the catalog an entry comes from (built once per file).

    ``single_n`` maps a plural form index to the one count that selects it (Arabic: 0, 1,
    2 for forms 0-2; Turkish: 1 for form 0): such a form may leave out the count, as GNU
    msgfmt allows, and may write the number as a word ("one month", "شهران").
    """

    locale: str
    language: str
    nplurals: int
    single_n: dict[int, int] = field(default_factory=dict)
    do_not_translate: tuple[str, ...] = ()
    term_checker: Any = None


class Message:
    """One entry as checks see it: the source/translation pairs to compare.

    ``pairs`` holds ``(source, translation, n)`` per filled form, where ``source`` is the
    English text that form answers (``msgid`` for the form used only for n == 1, else
    ``msgid_plural``) and ``n`` the single count that selects the form, or None.
    """

    __slots__ = ("ctx", "entry", "pairs")

    def __init__(self, entry: polib.POEntry, ctx: CatalogContext) -> None:
        self.entry = entry
        self.ctx = ctx
        if entry.msgid_plural:
            single = ctx.single_n
            msgid, plural = entry.msgid, entry.msgid_plural
            self.pairs = [
                (msgid if single.get(i) == 1 else plural, text, single.get(i))
                for i, text in sorted(entry.msgstr_plural.items())
                if text
            ]
        elif entry.msgstr:
            self.pairs = [(entry.msgid, entry.msgstr, None)]
        else:
            self.pairs = []

    @property
    def sources(self) -> tuple[str, ...]:
        entry = self.entry
        return (entry.msgid, entry.msgid_plural) if entry.msgid_plural else (entry.msgid,)
