"""Translation QA: a registry of small check functions and the runner that applies them.

Shaped like Babel's ``babel.messages.checkers``: each check is a pure function registered
under a stable id (``placeholder-missing``, ``bidi-override``…) with a severity and a
one-line description; :data:`CHECKS` is the registry; :func:`run_checks` applies the
selected ones to a catalog and returns :class:`Finding` records for the reporters in
:mod:`hfs_i18n.checks.report`.

Third-party checks: a distribution declares an entry point in the group
``hfs_i18n.checks`` naming a module (or any object) whose import registers functions with
the :func:`check` decorator; :func:`load_plugins` imports them all.

An entry is exempt from a check when one of its extracted (``#.``) or translator
(``#``) comments says ``hfs-i18n: ignore <check-id>[, <check-id>…]``.
"""

from __future__ import annotations

import gettext
import importlib
import re
from collections.abc import Iterable, Sequence
from typing import Any

import polib

from hfs_i18n.checks.registry import (
    CHECKS,
    ENTRY_GATES,
    ERROR,
    GATE_CHARACTERS,
    GATES,
    INFO,
    SEVERITY_RANK,
    TEXT_GATES,
    WARNING,
    CatalogContext,
    Check,
    Finding,
    Message,
    check,
)
from hfs_i18n.plurals import cldr_plural_forms, language_of, parse_plural_forms

__all__ = [
    "CHECKS",
    "ENTRY_POINT_GROUP",
    "ERROR",
    "GATES",
    "INFO",
    "SEVERITY_RANK",
    "WARNING",
    "CatalogContext",
    "Check",
    "Finding",
    "Message",
    "catalog_context",
    "check",
    "load_plugins",
    "run_checks",
    "select_checks",
    "suppressed_checks",
]

ENTRY_POINT_GROUP = "hfs_i18n.checks"

# Check families, imported (and so registered) in the order reports and docs list them.
FAMILIES = (
    "completeness",
    "plurals",
    "placeholders",
    "markup",
    "numbers",
    "urls",
    "bidi",
    "whitespace",
    "identical",
    "length",
    "glossary",
)
for _family in FAMILIES:
    importlib.import_module(f"hfs_i18n.checks.{_family}")


def _pseudo_unmarked() -> Iterable[str]:
    """Visible text in a page rendered with a pseudo-locale that no message produced."""
    return ()


# Run by ``check --pseudo`` over the rendered templates, not per catalog.
check("pseudo-unmarked", ERROR, scope="project")(_pseudo_unmarked)

_plugins_loaded = False


def load_plugins() -> list[str]:
    """Import the checks other distributions declare in the ``hfs_i18n.checks`` group."""
    global _plugins_loaded
    if _plugins_loaded:
        return []
    _plugins_loaded = True
    from importlib.metadata import entry_points

    names = []
    for entry_point in entry_points(group=ENTRY_POINT_GROUP):
        entry_point.load()
        names.append(entry_point.name)
    return names


def select_checks(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Check]:
    """The checks chosen by ids or id prefixes (``placeholder`` = ``placeholder-*``).

    Nothing selected means every check.  An unknown id raises ``KeyError`` so that a
    typo in CI configuration does not silently turn a check off.
    """

    def matching(token: str) -> set[str]:
        found = {cid for cid in CHECKS if cid == token or cid.startswith(token + "-")}
        if not found:
            raise KeyError(token)
        return found

    chosen = set(CHECKS)
    select = [t for t in select if t]
    if select:
        chosen = set().union(*(matching(t) for t in select))
    for token in ignore:
        if token:
            chosen -= matching(token)
    return [CHECKS[cid] for cid in CHECKS if cid in chosen]


_SUPPRESS_RE = re.compile(r"hfs-i18n:\s*ignore\s+([\w\-, ]+)")


def suppressed_checks(entry: polib.POEntry) -> frozenset[str]:
    """Check ids an entry's comments exempt it from (``hfs-i18n: ignore id, id``)."""
    found: set[str] = set()
    for comment in (entry.comment, entry.tcomment):
        if comment and "hfs-i18n:" in comment:
            for match in _SUPPRESS_RE.finditer(comment):
                found.update(t.strip() for t in match.group(1).split(",") if t.strip())
    return frozenset(found)


def _single_count_forms(expression: str, nplurals: int) -> dict[int, int]:
    """Plural form index -> the one count that selects it (forms chosen by several: absent)."""
    try:
        plural = gettext.c2py(expression)
    except (ValueError, SyntaxError):
        return {}
    hits: dict[int, list[int]] = {}
    for n in (*range(1001), 1_000_000):
        counts = hits.setdefault(plural(n), [])
        if len(counts) < 2:
            counts.append(n)
    return {form: counts[0] for form, counts in hits.items() if len(counts) == 1}


def catalog_context(
    catalog: polib.POFile, locale: str, glossary: Any = None, need_terms: bool = True
) -> CatalogContext:
    """What checks need to know about ``catalog`` (plural forms, glossary), built once."""
    parsed = parse_plural_forms(catalog.metadata.get("Plural-Forms", ""))
    forms = parsed or cldr_plural_forms(locale)
    keep: list[str] = []
    checker = None
    if glossary is not None:
        for concept in glossary.concepts:
            if concept.do_not_translate:
                keep.extend(concept.en)
                keep.extend(concept.terms.get(locale, ()))
        if need_terms:
            from hfs_i18n.checks.glossary import make_term_checker

            checker = make_term_checker(glossary, locale)
    return CatalogContext(
        locale=locale,
        language=language_of(locale),
        nplurals=forms.count,
        single_n=_single_count_forms(forms.expression, forms.count),
        do_not_translate=tuple(sorted(set(keep), key=len, reverse=True)),
        term_checker=checker,
    )


def run_checks(
    catalog: polib.POFile,
    locale: str,
    file: str,
    checks: Sequence[Check] | None = None,
    glossary: Any = None,
) -> list[Finding]:
    """Apply ``checks`` (default: all) to every entry of ``catalog``; findings in file order."""
    if checks is None:
        checks = list(CHECKS.values())
    need_terms = any(c.id.startswith("glossary-") for c in checks)
    ctx = catalog_context(catalog, locale, glossary, need_terms)
    findings: list[Finding] = []
    for chk in checks:
        if chk.scope == "catalog":
            for line, message in chk.function(catalog, ctx):
                findings.append(
                    Finding(locale, file, line, None, "", chk.id, chk.severity, message)
                )
    per_entry = [c for c in checks if c.scope == "entry"]
    content = [c for c in checks if c.scope == "translation"]
    used = {c.gate for c in (*per_entry, *content)}
    entry_gates = [(name, test) for name, test in ENTRY_GATES.items() if name in used]
    text_gates = [(name, test) for name, test in TEXT_GATES.items() if name in used]
    names = [name for name, _ in (*entry_gates, *text_gates)]
    shift = len(entry_gates)
    # (open gates as a bitmask over ``names``, translation used?) -> the checks to call.
    plans: dict[tuple[int, bool], list[tuple[str, Any, str]]] = {}

    def plan(mask: int, used: bool) -> list[tuple[str, Any, str]]:
        open_gates = {name for bit, name in enumerate(names) if mask >> bit & 1}
        chosen = per_entry + content if used else per_entry
        return [
            (c.id, c.function, c.severity) for c in chosen if c.gate is None or c.gate in open_gates
        ]

    entry_tests = [(1 << bit, test) for bit, (_, test) in enumerate(entry_gates)]
    # Gates that need one of a few characters are tested only when a single search
    # finds one of those characters in the entry.
    char_gates = {name for name, _ in text_gates if name in GATE_CHARACTERS}
    text_tests = []
    char_tests = []
    for bit, (name, test) in enumerate(text_gates, start=shift):
        (char_tests if name in char_gates else text_tests).append((1 << bit, test))
    has_gate_character = (
        re.compile("[" + "".join(GATE_CHARACTERS[name] for name in sorted(char_gates)) + "]").search
        if char_gates
        else None
    )
    for entry in catalog:
        msg = Message(entry, ctx)
        mask = 0
        for bit, test in entry_tests:
            if test(entry):
                mask |= bit
        usable = bool(msg.pairs) and not entry.obsolete and "fuzzy" not in entry.flags
        if usable:
            if entry.msgid_plural:
                text = "\x00".join([entry.msgid, entry.msgid_plural, *entry.msgstr_plural.values()])
            else:
                text = entry.msgid + "\x00" + entry.msgstr
            for bit, test in text_tests:
                if test(text):
                    mask |= bit
            if has_gate_character is not None and has_gate_character(text):
                for bit, test in char_tests:
                    if test(text):
                        mask |= bit
        run = plans.get((mask, usable))
        if run is None:
            run = plans[(mask, usable)] = plan(mask, usable)
        skip = suppressed_checks(entry) if entry.comment or entry.tcomment else frozenset()
        for check_id, function, severity in run:
            for message in function(msg):
                if check_id not in skip:
                    findings.append(
                        Finding(
                            locale,
                            file,
                            entry.linenum or 0,
                            entry.msgctxt,
                            entry.msgid,
                            check_id,
                            severity,
                            message,
                        )
                    )
    return findings
