"""Applying checks to a catalog: choosing them, building the catalog's context, and the
runner that calls each check only on entries its gate lets through.

An entry is exempt from a check when one of its extracted (``#.``) or translator
(``#``) comments says ``hfs-i18n: ignore <check-id>[, <check-id>…]``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import polib

from hfs_i18n.checks.registry import (
    CHECKS,
    ENTRY_GATES,
    GATE_SEPARATOR,
    TEXT_GATES,
    CatalogContext,
    Check,
    Finding,
    Message,
)
from hfs_i18n.formats.plurals import (
    cldr_plural_forms,
    language_of,
    parse_plural_forms,
    single_count_forms,
)
from hfs_i18n.terms.match import TermChecker

ENTRY_POINT_GROUP = "hfs_i18n.checks"

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
            checker = TermChecker(glossary, locale)
    return CatalogContext(
        locale=locale,
        language=language_of(locale),
        nplurals=forms.count,
        single_n=single_count_forms(forms.expression, forms.count),
        do_not_translate=tuple(sorted(set(keep), key=len, reverse=True)),
        term_checker=checker,
    )


# One call the runner makes per entry: the function, the selected ids it reports under
# (with their severities), and its one id when it yields plain messages (None when it
# yields (id, message) pairs).
_Call = tuple[Callable[..., Iterable[Any]], dict[str, str], "str | None"]


def _calls(checks: Sequence[Check]) -> list[_Call]:
    """Each selected function once, with the selected ids it reports under."""
    calls: dict[int, _Call] = {}
    for chk in checks:
        key = id(chk.function)
        if key not in calls:
            calls[key] = (chk.function, {}, None if chk.group else chk.id)
        calls[key][1][chk.id] = chk.severity
    return list(calls.values())


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
    text_gates = [gate for name, gate in TEXT_GATES.items() if name in used]
    names = [name for name, _ in entry_gates] + [gate.name for gate in text_gates]
    # (open gates as a bitmask over ``names``, translation used?) -> the calls to make.
    plans: dict[tuple[int, bool], list[_Call]] = {}

    def plan(mask: int, usable: bool) -> list[_Call]:
        open_gates = {name for bit, name in enumerate(names) if mask >> bit & 1}
        chosen = per_entry + content if usable else per_entry
        return _calls([c for c in chosen if c.gate is None or c.gate in open_gates])

    entry_tests = [(1 << bit, test) for bit, (_, test) in enumerate(entry_gates)]
    # Gates that need one of a few characters are decided by the characters of the
    # entry that one search finds: a gate opens exactly when one of them is its.
    text_tests = []
    char_tests = []
    for bit, gate in enumerate(text_gates, start=len(entry_gates)):
        (char_tests if gate.characters else text_tests).append((1 << bit, gate.test))
    classes = "".join(gate.characters for gate in text_gates if gate.characters)
    gate_characters = re.compile(f"[{classes}]").findall if classes else None
    # character -> the bits of the gates it opens, worked out the first time it is seen
    # (a catalog has few distinct digits, quotes, brackets and controls).
    opens: dict[str, int] = {}

    def gates_of(character: str) -> int:
        bits = 0
        for bit, test in char_tests:
            if test(character):
                bits |= bit
        opens[character] = bits
        return bits

    for entry in catalog:
        msg = Message(entry, ctx)
        mask = 0
        for bit, test in entry_tests:
            if test(entry):
                mask |= bit
        usable = bool(msg.pairs) and not entry.obsolete and "fuzzy" not in entry.flags
        if usable:
            if entry.msgid_plural:
                text = GATE_SEPARATOR.join(
                    [entry.msgid, entry.msgid_plural, *entry.msgstr_plural.values()]
                )
            else:
                text = entry.msgid + GATE_SEPARATOR + entry.msgstr
            for bit, test in text_tests:
                if test(text):
                    mask |= bit
            if gate_characters is not None:
                # One scan finds every gate character; each distinct one opens its gates.
                for character in set(gate_characters(text)):
                    bits = opens.get(character)
                    mask |= gates_of(character) if bits is None else bits
        run = plans.get((mask, usable))
        if run is None:
            run = plans[(mask, usable)] = plan(mask, usable)
        skip = suppressed_checks(entry) if entry.comment or entry.tcomment else frozenset()
        for function, ids, single in run:
            if single is not None:
                if single in skip:
                    continue
                severity = ids[single]
                for message in function(msg):
                    findings.append(
                        Finding(
                            locale,
                            file,
                            entry.linenum or 0,
                            entry.msgctxt,
                            entry.msgid,
                            single,
                            severity,
                            message,
                        )
                    )
                continue
            for check_id, message in function(msg):
                if check_id in ids and check_id not in skip:
                    findings.append(
                        Finding(
                            locale,
                            file,
                            entry.linenum or 0,
                            entry.msgctxt,
                            entry.msgid,
                            check_id,
                            ids[check_id],
                            message,
                        )
                    )
    return findings
