"""Exchanging the termbase with translators' tools: TBX-Basic and Weblate's glossary CSV.

Both come back through :func:`import_glossary`, which reports conflicts instead of
overwriting, because a silently replaced medical term is worse than a failed import.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from hfs_i18n.errors import InputError
from hfs_i18n.terms.model import (
    DO_NOT_TRANSLATE_NOTE,
    FORBIDDEN_COMMENT,
    FORBIDDEN_SUFFIX,
    ID_PATTERN,
    SOURCE_LOCALE,
    STATUS_ADMITTED,
    STATUS_FORBIDDEN,
    STATUS_PREFERRED,
    TBX_NS,
    WEBLATE_COLUMNS,
    WEBLATE_META_KEYS,
    XML_LANG,
    Concept,
    Conflict,
    Glossary,
    _read_text,
    join_terms,
    parse_glossary,
    split_terms,
)


def _reference_target(reference: str) -> str:
    """A URL for the code, because TBX-Basic's externalCrossReference needs a target."""
    scheme, _, code = reference.partition(" ")
    if scheme == "ICD-10" and code:
        return f"https://icd.who.int/browse10/2019/en#/{code}"
    if scheme == "ATC" and code:
        return f"https://atcddd.fhi.no/atc_ddd_index/?code={code}"
    if re.match(r"https?://", reference):
        return reference
    return "urn:x-hfs-i18n:reference"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{TBX_NS}}}{tag}", attrib)
    element.text = text
    return element


def _term_sec(lang_sec: ET.Element, term: str, status: str, pos: str, dnt: bool) -> None:
    term_sec = _sub(lang_sec, "termSec")
    _sub(term_sec, "term", term)
    _sub(term_sec, "termNote", pos, type="partOfSpeech")
    _sub(term_sec, "termNote", status, type="administrativeStatus")
    if dnt:
        _sub(term_sec, "note", DO_NOT_TRANSLATE_NOTE)


def _status(index: int) -> str:
    return STATUS_PREFERRED if index == 0 else STATUS_ADMITTED


def _concept_entry(body: ET.Element, concept: Concept, locales: Iterable[str]) -> None:
    entry = _sub(body, "conceptEntry", id=concept.id)
    if concept.reference:
        _sub(
            entry,
            "xref",
            concept.reference,
            type="externalCrossReference",
            target=_reference_target(concept.reference),
        )
    if concept.note:
        _sub(entry, "note", concept.note)
    english = _sub(entry, "langSec", **{XML_LANG: SOURCE_LOCALE})
    if concept.definition:
        _sub(english, "descrip", concept.definition, type="definition")
    for i, term in enumerate(concept.en):
        _term_sec(english, term, _status(i), concept.pos, concept.do_not_translate)
    for locale in locales:
        approved = concept.terms.get(locale, [])
        banned = concept.forbidden.get(locale, [])
        if not approved and not banned:
            continue
        lang_sec = _sub(entry, "langSec", **{XML_LANG: locale})
        for i, term in enumerate(approved):
            _term_sec(lang_sec, term, _status(i), concept.pos, concept.do_not_translate)
        for term in banned:
            _term_sec(lang_sec, term, STATUS_FORBIDDEN, concept.pos, False)


def export_tbx(glossary: Glossary, locales: Iterable[str] | None = None) -> str:
    """The termbase as a TBX-Basic (ISO 30042:2019, DCA style) document.

    Mapping: reference -> ``xref`` externalCrossReference; note -> concept ``note``;
    definition -> English ``descrip`` definition; pos -> ``termNote`` partOfSpeech; first
    term preferredTerm, the rest admittedTerm, forbidden deprecatedTerm; do-not-translate
    -> ``note`` "do-not-translate" on each approved term.
    """
    ET.register_namespace("", TBX_NS)
    root = ET.Element(
        f"{{{TBX_NS}}}tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: SOURCE_LOCALE}
    )
    header = _sub(root, "tbxHeader")
    file_desc = _sub(header, "fileDesc")
    source_desc = _sub(file_desc, "sourceDesc")
    _sub(source_desc, "p", "hfs-i18n medical glossary: hemifacial spasm patient education")
    body = _sub(_sub(root, "text"), "body")
    wanted = tuple(locales) if locales is not None else glossary.locales
    for concept in glossary.concepts:
        _concept_entry(body, concept, wanted)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _children(element: ET.Element, tag: str) -> list[ET.Element]:
    return element.findall(f"{{{TBX_NS}}}{tag}")


def _term_notes(term_sec: ET.Element) -> dict[str, str]:
    return {n.get("type", ""): (n.text or "").strip() for n in _children(term_sec, "termNote")}


def _parse_concept_entry(entry: ET.Element, path: object) -> tuple[Concept, set[str]]:
    concept_id = entry.get("id", "")
    if not ID_PATTERN.match(concept_id):
        raise InputError(f"conceptEntry has a bad id {concept_id!r}", path)
    concept = Concept(id=concept_id, en=[])
    xref = entry.find(f"{{{TBX_NS}}}xref")
    concept.reference = (xref.text or "").strip() if xref is not None else ""
    note = entry.find(f"{{{TBX_NS}}}note")
    concept.note = (note.text or "").strip() if note is not None else ""
    locales: set[str] = set()
    for lang_sec in _children(entry, "langSec"):
        locale = lang_sec.get(XML_LANG, "")
        preferred, admitted, banned = [], [], []
        for term_sec in _children(lang_sec, "termSec"):
            term = (term_sec.findtext(f"{{{TBX_NS}}}term") or "").strip()
            notes = _term_notes(term_sec)
            status = notes.get("administrativeStatus", STATUS_ADMITTED)
            if status == STATUS_FORBIDDEN or status == "supersededTerm-admn-sts":
                banned.append(term)
                continue
            (preferred if status == STATUS_PREFERRED else admitted).append(term)
            concept.pos = notes.get("partOfSpeech", concept.pos)
            texts = [(n.text or "").strip() for n in _children(term_sec, "note")]
            concept.do_not_translate |= DO_NOT_TRANSLATE_NOTE in texts
        approved = preferred + admitted
        if locale == SOURCE_LOCALE:
            concept.en = approved
            definition = lang_sec.find(f"{{{TBX_NS}}}descrip[@type='definition']")
            concept.definition = (definition.text or "").strip() if definition is not None else ""
            continue
        locales.add(locale)
        if approved:
            concept.terms[locale] = approved
        if banned:
            concept.forbidden[locale] = banned
    if not concept.en:
        raise InputError(f"conceptEntry {concept_id!r} has no English term", path)
    return concept, locales


def parse_tbx(text: str, path: object = None) -> list[Concept]:
    """Concepts from a TBX-Basic document written by :func:`export_tbx` (or a compatible tool)."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise InputError(f"not well-formed XML: {exc}", path, exc.position[0]) from None
    if root.tag != f"{{{TBX_NS}}}tbx":
        raise InputError(f"not a TBX file (root element {root.tag!r})", path)
    if root.get("type") != "TBX-Basic":
        raise InputError(f"unsupported TBX dialect {root.get('type')!r}", path)
    return [_parse_concept_entry(e, path)[0] for e in root.iter(f"{{{TBX_NS}}}conceptEntry")]


# --------------------------------------------------------------------------- Weblate CSV


def _developer_comment(concept: Concept) -> str:
    lines = [concept.definition, f"pos: {concept.pos}"]
    if concept.reference:
        lines.append(f"reference: {concept.reference}")
    if concept.do_not_translate:
        lines.append("do-not-translate: yes")
    return "\n".join(lines)


def export_weblate_csv(glossary: Glossary, locale: str) -> str:
    """One Weblate glossary file for ``locale`` (Weblate maps one file to one language).

    Each (English term, target term) pair is a row; ``context`` tells the rows of one concept
    apart: ``<id>`` is the preferred pair, ``<id>#admitted-N`` an admitted rendering,
    ``<id>#forbidden-N`` a forbidden one, ``<id>#en-N`` an English variant.  Weblate's CSV
    has no flags column, so the forbidden rows also say so in ``translator_comments``.
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, WEBLATE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for c in glossary.concepts:
        approved = c.terms.get(locale, [])
        target = approved[0] if approved else ""
        rows = [(c.en[0], target, c.id, c.note)]
        rows += [(c.en[0], t, f"{c.id}#admitted-{i}", "") for i, t in enumerate(approved[1:], 1)]
        rows += [
            (c.en[0], t, f"{c.id}#forbidden-{i}", FORBIDDEN_COMMENT)
            for i, t in enumerate(c.forbidden.get(locale, []), 1)
        ]
        rows += [(t, target, f"{c.id}#en-{i}", "") for i, t in enumerate(c.en[1:], 1)]
        comment = _developer_comment(c)
        for source, term, context, notes in rows:
            writer.writerow(
                {
                    "source": source,
                    "target": term,
                    "context": context,
                    "translator_comments": notes,
                    "developer_comments": comment,
                }
            )
    return out.getvalue()


def _parse_developer_comment(text: str, concept: Concept) -> None:
    lines = text.split("\n")
    while lines:
        key, sep, value = lines[-1].partition(": ")
        if not sep or key not in WEBLATE_META_KEYS:
            break
        lines.pop()
        if key == "pos":
            concept.pos = value.strip()
        elif key == "reference":
            concept.reference = value.strip()
        else:
            concept.do_not_translate = value.strip() == "yes"
    concept.definition = "\n".join(lines).strip()


def parse_weblate_csv(text: str, locale: str, path: object = None) -> list[Concept]:
    """Concepts (English + one locale) from a file written by :func:`export_weblate_csv`."""
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    missing = [c for c in ("source", "target", "context") if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"missing Weblate column(s): {', '.join(missing)}", path, 1)
    concepts: dict[str, Concept] = {}
    pending: list[tuple[str, str, str, int]] = []
    for row in reader:
        line = reader.line_num
        context = (row.get("context") or "").strip()
        concept_id, _, role = context.partition("#")
        if not ID_PATTERN.match(concept_id):
            raise InputError(f"bad context {context!r} (expected a concept id)", path, line)
        source, target = (row.get("source") or "").strip(), (row.get("target") or "").strip()
        if not role:
            concept = Concept(
                id=concept_id, en=[source], note=(row.get("translator_comments") or "").strip()
            )
            _parse_developer_comment(row.get("developer_comments") or "", concept)
            if target:
                concept.terms[locale] = [target]
            concepts[concept_id] = concept
        elif re.fullmatch(r"(admitted|forbidden|en)-\d+", role):
            pending.append(
                (concept_id, role.split("-")[0], source if role.startswith("en") else target, line)
            )
        else:
            raise InputError(f"bad context {context!r}", path, line)
    for concept_id, role, term, line in pending:
        concept = concepts.get(concept_id)
        if concept is None:
            raise InputError(f"{concept_id}: variant row without its preferred row", path, line)
        if role == "en":
            concept.en.append(term)
        elif role == "admitted":
            concept.terms.setdefault(locale, []).append(term)
        else:
            concept.forbidden.setdefault(locale, []).append(term)
    return list(concepts.values())


# --------------------------------------------------------------------------- import / merge


def detect_format(text: str) -> str:
    """``"tbx"``, ``"weblate-csv"`` or ``"csv"`` (our own termbase), from the content alone."""
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith("<"):
        return "tbx"
    first = next(csv.reader(io.StringIO(head)), [])
    names = {n.strip() for n in first}
    if {"source", "target", "context"} <= names:
        return "weblate-csv"
    if {"id", "en"} <= names:
        return "csv"
    raise InputError("unknown glossary format (expected TBX, Weblate CSV or termbase CSV)")


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


def import_glossary(
    file: Path | str, glossary: Glossary, locale: str | None = None
) -> tuple[Glossary, list[Conflict]]:
    """Read TBX, Weblate CSV or termbase CSV (detected from content) and merge it in."""
    path = Path(file)
    text = _read_text(path)
    try:
        kind = detect_format(text)
    except InputError as exc:
        raise InputError(exc.detail, path) from None
    if kind == "tbx":
        incoming = parse_tbx(text, path)
    elif kind == "csv":
        incoming = parse_glossary(text, path).concepts
    else:
        locale = locale or locale_from_filename(path, glossary.locales)
        if locale is None:
            raise InputError("cannot tell the file's language; pass --locale", path)
        incoming = parse_weblate_csv(text, locale, path)
    return merge_concepts(glossary, incoming)
