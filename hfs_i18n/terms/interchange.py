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
import functools
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from hfs_i18n.errors import InputError
from hfs_i18n.terms.model import (
    COMMENT_SEPARATOR,
    DO_NOT_TRANSLATE_NOTE,
    FORBIDDEN_COMMENT,
    FORBIDDEN_STATUSES,
    FORBIDDEN_SUFFIX,
    ID_PATTERN,
    PREFERRED_STATUSES,
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

TBX_FLAVOURS = ("basic", "2019")
# A glossary file bigger than this is not a glossary (and XML is parsed in memory).
MAX_IMPORT_BYTES = 20_000_000


@dataclass
class Incoming:
    """A concept read from a file; ``id`` is empty when the file did not carry ours."""

    concept: Concept
    where: str = ""
    flags: set[str] = field(default_factory=set)


@dataclass
class ImportResult:
    """What :func:`import_glossary` made of a file."""

    glossary: Glossary
    conflicts: list[Conflict]
    # One line per term that came without our concept id: what it was matched to.
    report: list[str] = field(default_factory=list)


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


def _status(index: int) -> str:
    return STATUS_PREFERRED if index == 0 else STATUS_ADMITTED


def _languages(concept: Concept, locales: Iterable[str]) -> list[tuple[str, list[str], list[str]]]:
    """(locale, approved, forbidden) for English and each wanted locale with something."""
    out = [(SOURCE_LOCALE, concept.en, [])]
    for locale in locales:
        approved, banned = concept.terms.get(locale, []), concept.forbidden.get(locale, [])
        if approved or banned:
            out.append((locale, approved, banned))
    return out


# --------------------------------------------------------------------------- TBX-Basic (martif)


def _basic_entry(body: ET.Element, concept: Concept, locales: Iterable[str]) -> None:
    entry = ET.SubElement(body, "termEntry", id=concept.id)
    if concept.do_not_translate:
        ET.SubElement(entry, "descrip", type="Translation needed").text = "No"
    if concept.reference:
        ET.SubElement(
            entry,
            "xref",
            type="externalCrossReference",
            target=_reference_target(concept.reference),
        ).text = concept.reference
    if concept.note:
        ET.SubElement(entry, "note", {"from": "translator"}).text = concept.note
    for locale, approved, banned in _languages(concept, locales):
        lang_set = ET.SubElement(entry, "langSet", {XML_LANG: locale})
        if locale == SOURCE_LOCALE and concept.definition:
            ET.SubElement(lang_set, "descrip", type="definition").text = concept.definition
        statuses = [_status(i) for i in range(len(approved))] + [STATUS_FORBIDDEN] * len(banned)
        for term, status in zip([*approved, *banned], statuses, strict=True):
            tig = ET.SubElement(lang_set, "tig")
            ET.SubElement(tig, "term").text = term
            ET.SubElement(tig, "termNote", type="partOfSpeech").text = concept.pos
            ET.SubElement(tig, "termNote", type="administrativeStatus").text = status


def _export_basic(glossary: Glossary, locales: tuple[str, ...]) -> str:
    root = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: SOURCE_LOCALE})
    header = ET.SubElement(root, "martifHeader")
    file_desc = ET.SubElement(header, "fileDesc")
    source_desc = ET.SubElement(file_desc, "sourceDesc")
    ET.SubElement(
        source_desc, "p"
    ).text = "hfs-i18n medical glossary: hemifacial spasm patient education"
    encoding = ET.SubElement(header, "encodingDesc")
    ET.SubElement(encoding, "p", type="XCSURI").text = "TBXBasicXCSV02.xcs"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for concept in glossary.concepts:
        _basic_entry(body, concept, locales)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


# --------------------------------------------------------------------------- TBX 2019 (DCA)


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
    for locale, approved, banned in _languages(concept, locales):
        lang_sec = _sub(entry, "langSec", **{XML_LANG: locale})
        if locale == SOURCE_LOCALE and concept.definition:
            _sub(lang_sec, "descrip", concept.definition, type="definition")
        for i, term in enumerate(approved):
            _term_sec(lang_sec, term, _status(i), concept.pos, concept.do_not_translate)
        for term in banned:
            _term_sec(lang_sec, term, STATUS_FORBIDDEN, concept.pos, False)


def _export_2019(glossary: Glossary, locales: tuple[str, ...]) -> str:
    ET.register_namespace("", TBX_NS)
    root = ET.Element(
        f"{{{TBX_NS}}}tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: SOURCE_LOCALE}
    )
    header = _sub(root, "tbxHeader")
    file_desc = _sub(header, "fileDesc")
    source_desc = _sub(file_desc, "sourceDesc")
    _sub(source_desc, "p", "hfs-i18n medical glossary: hemifacial spasm patient education")
    body = _sub(_sub(root, "text"), "body")
    for concept in glossary.concepts:
        _concept_entry(body, concept, locales)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def export_tbx(
    glossary: Glossary, locales: Iterable[str] | None = None, flavour: str = "basic"
) -> str:
    """The termbase as TBX-Basic: English plus ``locales`` (default: every language).

    ``flavour="basic"``: TBX 2008 ``martif`` (``termEntry``/``langSet``/``tig``), the form
    Weblate and translate-toolkit load; ``"2019"``: ISO 30042:2019 DCA (``tbx`` root,
    ``conceptEntry``/``langSec``/``termSec``).  Mapping: reference -> ``xref``
    externalCrossReference; definition -> English ``descrip`` definition; pos ->
    ``termNote`` partOfSpeech; first term preferredTerm, the rest admittedTerm,
    forbidden deprecatedTerm; note -> ``note from="translator"`` (2019: concept
    ``note``); do-not-translate -> ``descrip type="Translation needed"`` ``No``
    (2019: a ``note`` "do-not-translate" on each approved term).
    """
    wanted = tuple(locales) if locales is not None else glossary.locales
    if flavour == "basic":
        return _export_basic(glossary, wanted)
    if flavour == "2019":
        return _export_2019(glossary, wanted)
    raise ValueError(f"unknown TBX flavour {flavour!r}")


# --------------------------------------------------------------------------- TBX reader

_ENTRIES = ("termEntry", "conceptEntry")
_LANGUAGES = ("langSet", "langSec")
_TERM_GROUPS = ("tig", "ntig", "termSec")


def _name(element: ET.Element) -> str:
    """The local name (TBX 2008 has no namespace, 2019 has one)."""
    return element.tag.rpartition("}")[2] if isinstance(element.tag, str) else ""


def _kids(element: ET.Element, *names: str) -> list[ET.Element]:
    return [child for child in element if _name(child) in names]


def _text(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _locale_of(lang: str, known: tuple[str, ...]) -> str:
    """``tr-TR`` / ``tr_TR`` -> ``tr`` when the termbase knows ``tr`` but not the region."""
    lang = lang.strip()
    if lang in known or lang == SOURCE_LOCALE:
        return lang
    base = re.split(r"[-_]", lang, maxsplit=1)[0].lower()
    return base if base in known or base == SOURCE_LOCALE else lang


def _is_dnt(entry: ET.Element) -> bool:
    for element in entry.iter():
        if _name(element) == "descrip" and element.get("type", "").lower() == "translation needed":
            return _text(element).lower() == "no"
        if _name(element) == "note" and _text(element) == DO_NOT_TRANSLATE_NOTE:
            return True
    return False


def _term_group(group: ET.Element) -> tuple[str, str, str]:
    """(term, administrativeStatus, partOfSpeech) of a ``tig``/``ntig``/``termSec``."""
    term, status, pos = "", "", ""
    for element in group.iter():
        name, kind = _name(element), element.get("type", "")
        if name == "term" and not term:
            term = _text(element)
        elif name == "termNote" and kind == "administrativeStatus":
            status = _text(element)
        elif name == "termNote" and kind == "partOfSpeech":
            pos = _text(element)
    return term, status, pos


def _parse_entry(entry: ET.Element, known: tuple[str, ...], index: int) -> Incoming:
    entry_id = (entry.get("id") or "").strip()
    concept = Concept(id=entry_id if ID_PATTERN.match(entry_id) else "", en=[])
    where = f"entry {index}" + (f" (id {entry_id!r})" if entry_id else "")
    for child in entry:
        name, kind = _name(child), child.get("type", "")
        if name == "xref" and kind == "externalCrossReference" and not concept.reference:
            concept.reference = _text(child)
        elif name == "note" and child.get("from") in (None, "translator"):
            text = _text(child)
            if text and text != DO_NOT_TRANSLATE_NOTE and not concept.note:
                concept.note = text
        elif name == "descrip" and kind == "definition" and not concept.definition:
            concept.definition = _text(child)
    concept.do_not_translate = _is_dnt(entry)
    pos_found = ""
    for lang_set in _kids(entry, *_LANGUAGES):
        locale = _locale_of(lang_set.get(XML_LANG) or lang_set.get("lang") or "", known)
        preferred, admitted, banned = [], [], []
        for group in _kids(lang_set, *_TERM_GROUPS):
            term, status, pos = _term_group(group)
            if not term:
                continue
            if status.lower() in FORBIDDEN_STATUSES:
                banned.append(term)
                continue
            (preferred if status.lower() in PREFERRED_STATUSES else admitted).append(term)
            pos_found = pos_found or pos
        for note in _kids(lang_set, "note"):
            if note.get("from") == "translator" and not concept.note:
                concept.note = _text(note)
        approved = list(dict.fromkeys(preferred + admitted))
        if locale == SOURCE_LOCALE:
            concept.en = approved
            for descrip in _kids(lang_set, "descrip"):
                if descrip.get("type", "definition") == "definition":
                    concept.definition = _text(descrip)
            continue
        if not locale:
            raise InputError(f"{where}: a language section without xml:lang")
        if approved:
            concept.terms[locale] = approved
        if banned:
            concept.forbidden[locale] = list(dict.fromkeys(banned))
    if pos_found:
        concept.pos = pos_found
    if not concept.en:
        raise InputError(f"{where} has no English term")
    return Incoming(concept, where)


def read_tbx(text: str, path: object = None, known: Iterable[str] = ()) -> list[Incoming]:
    """Concepts from TBX 2008 (``martif``) or TBX 2019 (``tbx``), ours or another tool's."""
    if re.search(r"<!ENTITY", text[:100_000]):
        raise InputError("XML entity declarations are not accepted in a glossary", path)
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise InputError(f"not well-formed XML: {exc}", path, exc.position[0]) from None
    root_name = _name(root)
    if root_name == "tbx":
        if root.tag != f"{{{TBX_NS}}}tbx":
            raise InputError(f"not a TBX 2019 file (namespace of {root.tag!r})", path)
        if root.get("type") not in ("TBX-Basic", "TBX-Core", "TBX-Min"):
            raise InputError(f"unsupported TBX dialect {root.get('type')!r}", path)
    elif root_name != "martif":
        raise InputError(f"not a TBX file (root element {root.tag!r})", path)
    known = tuple(known)
    entries = [e for e in root.iter() if _name(e) in _ENTRIES]
    try:
        return [_parse_entry(entry, known, i) for i, entry in enumerate(entries, 1)]
    except InputError as exc:
        raise InputError(exc.detail, path) from None


def parse_tbx(text: str, path: object = None) -> list[Concept]:
    """Concepts (with our ids) from a TBX file written by :func:`export_tbx`."""
    incoming = read_tbx(text, path)
    for item in incoming:
        if not item.concept.id:
            raise InputError(f"{item.where}: no concept id", path)
    return [item.concept for item in incoming]


# --------------------------------------------------------------------------- Weblate CSV


def _developer_comment(concept: Concept) -> str:
    """One line (Weblate's docs advise against multi-line CSV cells)."""
    parts = [concept.definition, f"pos: {concept.pos}"]
    if concept.reference:
        parts.append(f"reference: {concept.reference}")
    if concept.do_not_translate:
        parts.append("do-not-translate: yes")
    return COMMENT_SEPARATOR.join(parts)


def export_weblate_csv(glossary: Glossary, locale: str) -> str:
    """One Weblate glossary file for ``locale`` (Weblate maps one file to one language).

    Each (English term, target term) pair is a row; ``context`` tells the rows of one concept
    apart: ``<id>`` is the preferred pair, ``<id>#admitted-N`` an admitted rendering,
    ``<id>#forbidden-N`` a forbidden one, ``<id>#en-N`` an English variant.  ``flags``
    holds Weblate's glossary flags: ``forbidden`` on forbidden renderings, ``read-only``
    on do-not-translate terms.  Comments are single lines.
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, WEBLATE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for c in glossary.concepts:
        approved = c.terms.get(locale, [])
        target = approved[0] if approved else ""
        plain = "read-only" if c.do_not_translate else ""
        rows = [(c.en[0], target, c.id, c.note, plain)]
        rows += [
            (c.en[0], t, f"{c.id}#admitted-{i}", "", plain) for i, t in enumerate(approved[1:], 1)
        ]
        rows += [
            (c.en[0], t, f"{c.id}#forbidden-{i}", FORBIDDEN_COMMENT, "forbidden")
            for i, t in enumerate(c.forbidden.get(locale, []), 1)
        ]
        rows += [(t, target, f"{c.id}#en-{i}", "", plain) for i, t in enumerate(c.en[1:], 1)]
        comment = _developer_comment(c)
        for source, term, context, notes, flags in rows:
            writer.writerow(
                {
                    "source": source,
                    "target": term,
                    "context": context,
                    "translator_comments": notes,
                    "developer_comments": comment,
                    "flags": flags,
                }
            )
    return out.getvalue()


def _parse_developer_comment(text: str, concept: Concept) -> None:
    """Read :func:`_developer_comment` back (also the older multi-line form)."""
    parts = re.split(r" \| |\n", text)
    while parts:
        key, sep, value = parts[-1].partition(": ")
        if not sep or key.strip() not in WEBLATE_META_KEYS:
            break
        parts.pop()
        key = key.strip()
        if key == "pos":
            concept.pos = value.strip()
        elif key == "reference":
            concept.reference = value.strip()
        else:
            concept.do_not_translate = value.strip() == "yes"
    concept.definition = COMMENT_SEPARATOR.join(parts).strip()


def _unescape_cell(value: str | None) -> str:
    """A cell without Weblate's spreadsheet escaping (``'=x'`` for ``=x``), trimmed."""
    value = (value or "").strip()
    if len(value) > 2 and value[0] == value[-1] == "'" and value[1] in "=+-@\\%|":
        value = value[1:-1].replace("\\|", "|")
    return value


def _flags(cell: str | None) -> set[str]:
    return {flag.strip().lower() for flag in re.split(r"[,\s]+", cell or "") if flag.strip()}


_Reader = Callable[[str, str, object], list["Incoming"]]


def _csv_errors(function: _Reader) -> _Reader:
    """Malformed CSV (a 128 kB cell, a stray quote) is a one-line error, not a traceback."""

    @functools.wraps(function)
    def wrapper(text: str, locale: str, path: object = None) -> list[Incoming]:
        try:
            return function(text, locale, path)
        except csv.Error as exc:
            raise InputError(f"malformed CSV: {exc}", path) from None

    return wrapper


@_csv_errors
def read_weblate_csv(text: str, locale: str, path: object = None) -> list[Incoming]:
    """Concepts (English + one locale) from a Weblate glossary CSV: ours, or one Weblate
    or translate-toolkit wrote, where rows added in Weblate have no concept id."""
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    names = [name.strip() for name in reader.fieldnames or []]
    reader.fieldnames = names
    missing = [c for c in ("source", "target") if c not in names]
    if missing:
        raise InputError(f"missing Weblate column(s): {', '.join(missing)}", path, 1)
    concepts: dict[str, Concept] = {}
    loose: dict[str, Incoming] = {}
    pending: list[tuple[str, str, str, int]] = []
    for row in reader:
        line = reader.line_num
        context = _unescape_cell(row.get("context"))
        source, target = _unescape_cell(row.get("source")), _unescape_cell(row.get("target"))
        flags = _flags(row.get("flags"))
        concept_id, _, role = context.partition("#")
        if not source:
            if target or context:
                raise InputError("a row without a source term", path, line)
            continue
        if not ID_PATTERN.match(concept_id) or (role and not _ROLE.fullmatch(role)):
            _add_loose(loose, source, target, flags, row, locale, line)
            continue
        if not role:
            concept = Concept(
                id=concept_id, en=[source], note=_unescape_cell(row.get("translator_comments"))
            )
            _parse_developer_comment(_unescape_cell(row.get("developer_comments")), concept)
            concept.do_not_translate |= "read-only" in flags
            if target:
                bucket = concept.forbidden if "forbidden" in flags else concept.terms
                bucket[locale] = [target]
            concepts[concept_id] = concept
        else:
            kind = "forbidden" if "forbidden" in flags else role.split("-")[0]
            pending.append((concept_id, kind, source if kind == "en" else target, line))
    for concept_id, role, term, line in pending:
        concept = concepts.get(concept_id)
        if concept is None:
            raise InputError(f"{concept_id}: variant row without its preferred row", path, line)
        if role == "en":
            concept.en.append(term)
        elif term:
            bucket = concept.forbidden if role == "forbidden" else concept.terms
            bucket.setdefault(locale, []).append(term)
    return [Incoming(c, f"context {c.id!r}") for c in concepts.values()] + list(loose.values())


_ROLE = re.compile(r"(?:admitted|forbidden|en)-\d+")


def _add_loose(
    loose: dict[str, Incoming],
    source: str,
    target: str,
    flags: set[str],
    row: dict[str, str | None],
    locale: str,
    line: int,
) -> None:
    """A row without our concept id: rows with the same English term make one concept."""
    key = source.casefold()
    if key not in loose:
        concept = Concept(id="", en=[source])
        concept.note = _unescape_cell(row.get("translator_comments"))
        concept.definition = _unescape_cell(row.get("developer_comments"))
        loose[key] = Incoming(concept, f"line {line} ({source!r})", set(flags))
    concept = loose[key].concept
    concept.do_not_translate |= "read-only" in flags
    if target:
        bucket = concept.forbidden if "forbidden" in flags else concept.terms
        if target not in bucket.get(locale, []):
            bucket.setdefault(locale, []).append(target)


def parse_weblate_csv(text: str, locale: str, path: object = None) -> list[Concept]:
    """Concepts (with our ids) from a file written by :func:`export_weblate_csv`."""
    incoming = read_weblate_csv(text, locale, path)
    for item in incoming:
        if not item.concept.id:
            raise InputError(f"{item.where}: no concept id in 'context'", path)
    return [item.concept for item in incoming]


@_csv_errors
def read_simple_csv(text: str, locale: str, path: object = None) -> list[Incoming]:
    """Weblate's "simple CSV": two columns, English term and translation, no header."""
    loose: dict[str, Incoming] = {}
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    for values in reader:
        line = reader.line_num
        cells = [_unescape_cell(v) for v in values]
        if not any(cells):
            continue
        if len(cells) != 2:
            raise InputError(
                f"expected 2 fields (source, translation), found {len(cells)}", path, line
            )
        if line == 1 and [c.lower() for c in cells] in (["source", "target"], ["en", locale]):
            continue
        if not cells[0]:
            raise InputError("a row without a source term", path, line)
        _add_loose(loose, cells[0], cells[1], set(), {}, locale, line)
    return list(loose.values())


# --------------------------------------------------------------------------- import / merge


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
