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

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import polib

from hfs_i18n.catalog import is_translated
from hfs_i18n.checks.text import BIDI_CONTROL_CLASS, DIGIT_CLASS

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
    """A registered check: its id, severity, scope and the function that finds problems.

    ``gate`` names a cheap test (see :data:`GATES`) an entry's text must pass for the
    check to have anything to say; the runner skips the call otherwise, which is most of
    what makes ``check`` fast on a large catalog.
    """

    id: str
    function: Callable[..., Iterable[Any]]
    severity: str
    scope: str
    doc: str
    gate: str | None = None


# gate name -> whether an entry's text (its msgid, msgid_plural and filled forms joined
# with NUL) can give the check anything to say.
_SPACES = frozenset(" \t\u00a0")


def _edge_space(text: str) -> bool:
    """Whether a field starts or ends with a space.

    Splitting at the NUL separators and looking at both ends of each field is three
    times as fast as searching the joined text for the six space/separator pairs.
    """
    for part in text.split("\x00"):
        if part[:1] in _SPACES or part[-1:] in _SPACES:
            return True
    return False


TEXT_GATES: dict[str, Callable[[str], object]] = {
    "markup": lambda text: "<" in text,
    "format": lambda text: "%" in text or "{" in text,
    "digits": re.compile(f"[{DIGIT_CLASS}]").search,
    "links": lambda text: "@" in text or "://" in text or "www." in text,
    "bidi": re.compile(f"[{BIDI_CONTROL_CLASS}]").search,
    "edge-space": _edge_space,
    "newline": lambda text: "\n" in text,
    "double-space": lambda text: "  " in text,
}
# Text gates that can open only when the text has one of these characters (a regex
# character class).  Most entries are plain prose: one search for all of the characters
# tells the runner that none of these gates opens, instead of five tests.  Each class
# must be exactly the characters its gate tests for (a test in test_checks.py checks).
GATE_CHARACTERS: dict[str, str] = {
    "markup": "<",
    "format": "%{",
    "digits": DIGIT_CLASS,
    "bidi": BIDI_CONTROL_CLASS,
    "newline": "\n",
}
# gate name -> whether the entry itself (any entry, obsolete ones included) qualifies.
ENTRY_GATES: dict[str, Callable[[polib.POEntry], object]] = {
    "plural": lambda entry: entry.msgid_plural,
    "not-complete": lambda entry: not is_translated(entry),
}
GATES = {**TEXT_GATES, **ENTRY_GATES}


CHECKS: dict[str, Check] = {}


def check(
    check_id: str, severity: str, scope: str = "translation", gate: str | None = None
) -> Callable:
    """Register the decorated function as check ``check_id`` (its docstring's first line is
    the one-line description shown by ``docs/checks.md`` and ``--help``)."""
    if severity not in SEVERITY_RANK:
        raise ValueError(f"unknown severity {severity!r}")
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}")
    if gate is not None and gate not in GATES:
        raise ValueError(f"unknown gate {gate!r}")

    def register(function: Callable) -> Callable:
        doc = (function.__doc__ or "").strip().split("\n\n")[0]
        CHECKS[check_id] = Check(check_id, function, severity, scope, " ".join(doc.split()), gate)
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
        if not entry.msgid_plural:
            self.pairs = [(entry.msgid, entry.msgstr, None)] if entry.msgstr else []
        else:
            single = ctx.single_n
            msgid, plural = entry.msgid, entry.msgid_plural
            self.pairs = [
                (msgid if single.get(i) == 1 else plural, text, single.get(i))
                for i, text in sorted(entry.msgstr_plural.items())
                if text
            ]

    @property
    def sources(self) -> tuple[str, ...]:
        entry = self.entry
        return (entry.msgid, entry.msgid_plural) if entry.msgid_plural else (entry.msgid,)
