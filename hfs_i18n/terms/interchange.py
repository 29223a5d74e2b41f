"""Exchanging the termbase with translators' tools: TBX, Weblate's glossary CSV, simple CSV.

Weblate loads glossaries with translate-toolkit, whose ``tbxfile`` expects TBX 2008's
``martif`` root with ``termEntry``/``langSet``/``tig`` (TBX-Basic); it asserts on the
ISO 30042:2019 ``tbx`` root.  So the default export is that ``martif`` form, marked the
way Weblate reads it: a forbidden rendering is a ``tig`` whose ``termNote
type="administrativeStatus"`` is ``deprecatedTerm-admn-sts`` (translate-toolkit's
``TBXTerm.deprecated``), a do-not-translate concept carries ``<descrip type="Translation
needed">No</descrip>`` (a read-only term in Weblate), the translator note is ``<note
from="translator">`` (Weblate's explanation) and the definition the English ``descrip
type="definition"`` (Weblate's source explanation).  The 2019 (DCA) form stays available.

One reader takes both TBX forms by element names, as written by us, Weblate or
translate-toolkit, and every format comes back through :func:`import_glossary`, which
reports conflicts instead of overwriting, because a silently replaced medical term is
worse than a failed import.  Terms that arrive without one of our concept ids (added in
Weblate, a simple two-column CSV, a TBX entry without an id) are matched to a concept by
their English term or become new concepts, and the import says which.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from hfs_i18n.errors import InputError
from hfs_i18n.terms.exchange import MAX_IMPORT_BYTES, TBX_FLAVOURS, ImportResult, Incoming
from hfs_i18n.terms.model import (
    FORBIDDEN_SUFFIX,
    Concept,
    Conflict,
    Glossary,
    _read_text,
    join_terms,
    parse_glossary,
    split_terms,
)
from hfs_i18n.terms.tbx import export_tbx, parse_tbx, read_tbx
from hfs_i18n.terms.weblate_csv import (
    export_weblate_csv,
    parse_weblate_csv,
    read_simple_csv,
    read_weblate_csv,
)

__all__ = [
    "TBX_FLAVOURS",
    "ImportResult",
    "Incoming",
    "detect_format",
    "export_tbx",
    "export_weblate_csv",
    "import_glossary",
    "parse_tbx",
    "parse_weblate_csv",
    "read_simple_csv",
    "read_tbx",
    "read_weblate_csv",
]


def detect_format(text: str) -> str:
    """``"tbx"``, ``"weblate-csv"``, ``"simple-csv"`` or ``"csv"`` (our termbase)."""
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith("<"):
        return "tbx"
    try:
        rows = list(_first_rows(head, 1))
    except csv.Error:
        rows = []
    names = {n.strip() for n in (rows[0] if rows else [])}
    if {"source", "target"} <= names:
        return "weblate-csv"
    if {"id", "en"} <= names:
        return "csv"
    if rows and len(rows[0]) == 2:
        return "simple-csv"
    raise InputError(
        "unknown glossary format (expected TBX, Weblate CSV, two-column CSV or termbase CSV)"
    )


def _first_rows(text: str, count: int) -> Iterable[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    for _, row in zip(range(count), reader, strict=False):
        if any(cell.strip() for cell in row):
            yield row


def locale_from_filename(path: Path, known: Iterable[str]) -> str | None:
    """``glossary-ar.csv`` -> ``"ar"``: Weblate names glossary files after their language."""
    tokens = re.split(r"[-_.]", path.stem)
    known = tuple(known)
    for token in reversed(tokens):
        if token in known:
            return token
    return None


def _field_values(concept: Concept, locales: Iterable[str]) -> dict[str, str]:
    values = {
        "en": join_terms(concept.en),
        "do_not_translate": "yes" if concept.do_not_translate else "",
        "pos": concept.pos,
        "definition": concept.definition,
        "note": concept.note,
        "reference": concept.reference,
    }
    for locale in locales:
        values[locale] = join_terms(concept.terms.get(locale, []))
        values[locale + FORBIDDEN_SUFFIX] = join_terms(concept.forbidden.get(locale, []))
    return values


def _merge_concept(
    ours: Concept, theirs: Concept, locales: list[str], conflicts: list[Conflict]
) -> Concept:
    """Fill empty fields from ``theirs``; a differing non-empty value is a conflict."""
    mine, other = _field_values(ours, locales), _field_values(theirs, locales)
    merged = replace(ours, terms=dict(ours.terms), forbidden=dict(ours.forbidden))
    for name, value in other.items():
        if not value or value == mine[name]:
            continue
        # "noun" is also the default, so a file that omits pos cannot contradict us.
        if name == "pos" and value == "noun":
            continue
        if mine[name] and not (name == "pos" and mine[name] == "noun"):
            conflicts.append(Conflict(ours.id, name, mine[name], value))
            continue
        if name == "do_not_translate":
            merged.do_not_translate = True
        elif name in ("pos", "definition", "note", "reference"):
            setattr(merged, name, value)
        elif name.endswith(FORBIDDEN_SUFFIX):
            merged.forbidden[name.removesuffix(FORBIDDEN_SUFFIX)] = split_terms(value)
        else:
            merged.terms[name] = split_terms(value)
    return merged


def merge_concepts(glossary: Glossary, incoming: list[Concept]) -> tuple[Glossary, list[Conflict]]:
    """Merge without overwriting: new concepts are added, known ones only gain empty fields."""
    locales = list(glossary.locales)
    for concept in incoming:
        for locale in [*concept.terms, *concept.forbidden]:
            if locale not in locales:
                locales.append(locale)
    conflicts: list[Conflict] = []
    merged = list(glossary.concepts)
    index = {c.id: i for i, c in enumerate(merged)}
    english = {t.casefold(): c.id for c in merged for t in c.en}
    for theirs in incoming:
        if theirs.id in index:
            i = index[theirs.id]
            merged[i] = _merge_concept(merged[i], theirs, locales, conflicts)
            continue
        clashes = [t for t in theirs.en if english.get(t.casefold(), theirs.id) != theirs.id]
        if clashes:
            owner = english[clashes[0].casefold()]
            conflicts.append(Conflict(theirs.id, "en", f"{clashes[0]} (in {owner})", clashes[0]))
            continue
        index[theirs.id] = len(merged)
        merged.append(theirs)
        english.update({t.casefold(): theirs.id for t in theirs.en})
    result = Glossary(concepts=merged, path=glossary.path, locales=tuple(locales))
    return result, conflicts


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.casefold()))


def _known_part_dropped(theirs: Concept, owner: Concept) -> Concept:
    """``theirs`` as an update of ``owner``: their spelling of our English term and the
    renderings we already list (approved or forbidden) are not changes; the rest is."""
    known = {
        locale: {
            t.casefold() for t in [*owner.terms.get(locale, []), *owner.forbidden.get(locale, [])]
        }
        for locale in {*owner.terms, *owner.forbidden, *theirs.terms, *theirs.forbidden}
    }

    def new(by_locale: dict[str, list[str]]) -> dict[str, list[str]]:
        kept = {
            loc: [t for t in ts if t.casefold() not in known[loc]] for loc, ts in by_locale.items()
        }
        return {loc: ts for loc, ts in kept.items() if ts}

    return replace(
        theirs,
        id=owner.id,
        en=list(owner.en),
        terms=new(theirs.terms),
        forbidden=new(theirs.forbidden),
    )


def resolve_ids(glossary: Glossary, incoming: list[Incoming]) -> tuple[list[Concept], list[str]]:
    """Give every incoming concept an id: its own, the id of the concept whose English term
    it shares, or a new one made from its English term; one report line per guess."""
    english = {t.casefold(): c for c in glossary.concepts for t in c.en}
    taken = {c.id for c in glossary.concepts} | {i.concept.id for i in incoming}
    concepts, report = [], []
    for item in incoming:
        concept = item.concept
        if concept.id:
            concepts.append(concept)
            continue
        owner = next((english[t.casefold()] for t in concept.en if t.casefold() in english), None)
        if owner is not None:
            concepts.append(_known_part_dropped(concept, owner))
            report.append(f"{item.where}: matched concept {owner.id!r} by its English term")
            continue
        base = _slug(concept.en[0]) or "term"
        new_id, n = base, 2
        while new_id in taken:
            new_id, n = f"{base}-{n}", n + 1
        taken.add(new_id)
        concepts.append(replace(concept, id=new_id))
        report.append(f"{item.where}: new concept {new_id!r}")
    return concepts, report


def import_glossary(
    file: Path | str, glossary: Glossary, locale: str | None = None
) -> ImportResult:
    """Read TBX, Weblate CSV, two-column CSV or termbase CSV (detected from content) and
    merge it in; conflicts and id guesses are reported, the termbase value always kept."""
    path = Path(file)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path) from None
    if size > MAX_IMPORT_BYTES:
        raise InputError(f"too large for a glossary ({size} bytes)", path)
    text = _read_text(path)
    try:
        kind = detect_format(text)
    except InputError as exc:
        raise InputError(exc.detail, path) from None
    if kind == "tbx":
        incoming = read_tbx(text, path, glossary.locales)
    elif kind == "csv":
        incoming = [Incoming(c) for c in parse_glossary(text, path).concepts]
    else:
        locale = locale or locale_from_filename(path, glossary.locales)
        if locale is None:
            raise InputError("cannot tell the file's language; pass --locale", path)
        if kind == "weblate-csv":
            incoming = read_weblate_csv(text, locale, path)
        else:
            incoming = read_simple_csv(text, locale, path)
    concepts, report = resolve_ids(glossary, incoming)
    merged, conflicts = merge_concepts(glossary, concepts)
    return ImportResult(merged, conflicts, report)
