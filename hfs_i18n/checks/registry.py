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

from hfs_i18n.formats.entries import form_pairs, is_translated, sources
from hfs_i18n.text.bidi import BIDI_CONTROL_CLASS
from hfs_i18n.text.controls import CONTROL_CLASS
from hfs_i18n.text.digits import DIGIT_CLASS

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
    """A registered check id: its severity, scope and the function that finds problems.

    ``gate`` names a cheap test (see :data:`GATES`) an entry's text must pass for the
    check to have anything to say; the runner skips the call otherwise, which is most of
    what makes ``check`` fast on a large catalog.

    ``group`` is empty for a function that reports under this one id (it yields message
    strings); a function that reports under several ids (it yields ``(id, message)``
    pairs) is registered once per id, each with the same ``group`` of all its ids, and
    the runner calls it once per entry.
    """

    id: str
    function: Callable[..., Iterable[Any]]
    severity: str
    scope: str
    doc: str
    gate: str | None = None
    group: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gate:
    """A cheap test of an entry's text (msgid, msgid_plural and filled forms joined
    with :data:`GATE_SEPARATOR`) that must pass for a check to have anything to say.

    A gate declared with ``characters`` (a regex character class) opens exactly when
    the text has one of them: its test is derived from the class, and the runner tests
    all such gates at once with one search (most entries are plain prose).
    """

    name: str
    test: Callable[[str], object]
    characters: str | None = None


# Joins the fields of an entry for the gates: a noncharacter, so that the control
# character gate (NUL included) opens only for a control character of the entry itself.
GATE_SEPARATOR = "\uffff"
_SPACES = frozenset(" \t\u00a0")


def _edge_space(text: str) -> bool:
    """Whether a field starts or ends with a space.

    Splitting at the separators and looking at both ends of each field is three
    times as fast as searching the joined text for the six space/separator pairs.
    """
    for part in text.split(GATE_SEPARATOR):
        if part[:1] in _SPACES or part[-1:] in _SPACES:
            return True
    return False


def _character_gate(name: str, characters: str) -> Gate:
    return Gate(name, re.compile(f"[{characters}]").search, characters)


TEXT_GATES: dict[str, Gate] = {
    gate.name: gate
    for gate in (
        _character_gate("markup", "<"),
        _character_gate("format", "%{"),
        _character_gate("digits", DIGIT_CLASS),
        Gate("links", lambda text: "@" in text or "://" in text or "www." in text),
        _character_gate("bidi", BIDI_CONTROL_CLASS),
        Gate("edge-space", _edge_space),
        _character_gate("newline", "\n"),
        _character_gate("backslash", "\\\\"),
        _character_gate("control", CONTROL_CLASS),
        _character_gate("pairs", '"()\\[\\]'),
        Gate("code", lambda text: "--" in text or "()" in text),
        Gate("double-space", lambda text: "  " in text),
    )
}
# gate name -> whether the entry itself (any entry, obsolete ones included) qualifies.
ENTRY_GATES: dict[str, Callable[[polib.POEntry], object]] = {
    "plural": lambda entry: entry.msgid_plural,
    "not-complete": lambda entry: not is_translated(entry),
}
GATES = {**{name: gate.test for name, gate in TEXT_GATES.items()}, **ENTRY_GATES}


CHECKS: dict[str, Check] = {}


def _first_line(text: str | None) -> str:
    return " ".join((text or "").strip().split("\n\n")[0].split())


def check(
    check_id: str | dict[str, tuple[str, str]],
    severity: str | None = None,
    scope: str = "translation",
    gate: str | None = None,
) -> Callable:
    """Register the decorated function as a check.

    ``@check("ellipsis", WARNING)``: the function yields one message string per problem,
    and its docstring's first line is the description shown by ``docs/checks.md``.

    ``@check({"number-mismatch": (ERROR, "…"), "number-spelled": (WARNING, "…")})``: the
    function reports under several ids, each with its severity and description, and
    yields ``(check_id, message)`` pairs; it runs once per entry for all of them.
    """
    if isinstance(check_id, dict):
        ids = check_id
        if severity is not None:
            raise ValueError("a check with several ids gives a severity per id")
    else:
        if severity is None:
            raise ValueError("severity is required")
        ids = {check_id: (severity, "")}
    for level, _ in ids.values():
        if level not in SEVERITY_RANK:
            raise ValueError(f"unknown severity {level!r}")
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}")
    if gate is not None and gate not in GATES:
        raise ValueError(f"unknown gate {gate!r}")
    group = tuple(ids) if isinstance(check_id, dict) else ()

    def register(function: Callable) -> Callable:
        for cid, (level, doc) in ids.items():
            CHECKS[cid] = Check(
                cid, function, level, scope, _first_line(doc or function.__doc__), gate, group
            )
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
        self.pairs = form_pairs(entry, ctx.single_n)

    @property
    def sources(self) -> tuple[str, ...]:
        return sources(self.entry)
