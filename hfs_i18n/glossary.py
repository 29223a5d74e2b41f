"""The termbase: one concept per row of ``glossary/terms.csv``, and its interchange formats.

The CSV is the single human-edited source of truth, reviewed in git diffs.  Translators'
tools get it as TBX-Basic (ISO 30042:2019) or as Weblate's bilingual glossary CSV, and
both come back through :func:`import_glossary`, which reports conflicts instead of
overwriting, because a silently replaced medical term is worse than a failed import.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from hfs_i18n.errors import InputError

SOURCE_LOCALE = "en"
SEPARATOR = " | "
# TBX-Basic's picklist for partOfSpeech; using it in the CSV keeps the TBX export valid.
POS_VALUES = ("noun", "adjective", "verb", "adverb", "other")
FIXED_COLUMNS = ("id", "en", "do_not_translate", "pos", "definition", "note", "reference")
FORBIDDEN_SUFFIX = "_forbidden"
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
LOCALE_PATTERN = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]+)?\Z")

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DO_NOT_TRANSLATE_NOTE = "do-not-translate"
STATUS_PREFERRED = "preferredTerm-admn-sts"
STATUS_ADMITTED = "admittedTerm-admn-sts"
STATUS_FORBIDDEN = "deprecatedTerm-admn-sts"

# Weblate's bilingual CSV columns (translate-toolkit order, as Weblate documents them).
WEBLATE_COLUMNS = (
    "location",
    "source",
    "target",
    "id",
    "fuzzy",
    "context",
    "translator_comments",
    "developer_comments",
)
WEBLATE_META_KEYS = ("pos", "reference", "do-not-translate")
FORBIDDEN_COMMENT = "Forbidden translation: do not use."


@dataclass
class Concept:
    """One medical concept: its English names, approved and forbidden renderings per locale.

    ``terms[locale]`` lists the preferred rendering first, then admitted variants; locales
    with nothing to say are absent rather than mapped to an empty list, so two concepts with
    the same content always compare equal.
    """

    id: str
    en: list[str]
    terms: dict[str, list[str]] = field(default_factory=dict)
    forbidden: dict[str, list[str]] = field(default_factory=dict)
    do_not_translate: bool = False
    pos: str = "noun"
    definition: str = ""
    note: str = ""
    reference: str = ""


@dataclass
class Glossary:
    """The whole termbase, in file order, with the target locales its CSV has columns for."""

    concepts: list[Concept]
    path: Path | None = None
    locales: tuple[str, ...] = ("ar", "tr")

    def get(self, concept_id: str) -> Concept | None:
        return next((c for c in self.concepts if c.id == concept_id), None)


@dataclass(frozen=True)
class Conflict:
    """An imported value that disagrees with the termbase; the termbase value is kept."""

    concept_id: str
    field: str
    ours: str
    theirs: str

    def __str__(self) -> str:
        return (
            f"{self.concept_id}: {self.field}: termbase has {self.ours!r}, file has {self.theirs!r}"
        )


# --------------------------------------------------------------------------- CSV termbase


def split_terms(value: str) -> list[str]:
    """``"a | b"`` -> ``["a", "b"]``; an empty cell is an empty list."""
    value = value.strip()
    if not value:
        return []
    return [part.strip() for part in value.split("|")]


def join_terms(terms: Iterable[str]) -> str:
    return SEPARATOR.join(terms)


def _target_locales(header: list[str], path: object) -> tuple[str, ...]:
    locales = []
    for name in header:
        if name in FIXED_COLUMNS:
            continue
        base = name.removesuffix(FORBIDDEN_SUFFIX)
        if not LOCALE_PATTERN.match(base):
            raise InputError(f"unknown column {name!r}", path, 1)
        if base not in locales:
            locales.append(base)
    return tuple(locales)


def _row_error(message: str, path: object, line: int) -> InputError:
    return InputError(message, path, line)


def _parse_row(row: dict[str, str], locales: tuple[str, ...], path: object, line: int) -> Concept:
    for column, value in row.items():
        if value is not None and ("\n" in value or "\r" in value):
            raise _row_error(f"column {column!r} contains a line break", path, line)
    concept_id = row["id"].strip()
    if not ID_PATTERN.match(concept_id):
        raise _row_error(f"bad concept id {concept_id!r} (use lowercase-with-hyphens)", path, line)
    en = split_terms(row["en"])
    if not en:
        raise _row_error(f"{concept_id}: the English term is empty", path, line)
    terms: dict[str, list[str]] = {}
    forbidden: dict[str, list[str]] = {}
    for locale in locales:
        approved = split_terms(row.get(locale) or "")
        banned = split_terms(row.get(locale + FORBIDDEN_SUFFIX) or "")
        for name, values in ((locale, approved), (locale + FORBIDDEN_SUFFIX, banned), ("en", en)):
            if any(not v for v in values):
                raise _row_error(f"{concept_id}: empty term in column {name!r}", path, line)
        both = {v.casefold() for v in approved} & {v.casefold() for v in banned}
        if both:
            raise _row_error(
                f"{concept_id}: {sorted(both)[0]!r} is both approved and forbidden for {locale}",
                path,
                line,
            )
        if approved:
            terms[locale] = approved
        if banned:
            forbidden[locale] = banned
    flag = row["do_not_translate"].strip().lower()
    if flag not in ("", "yes", "no"):
        raise _row_error(f"{concept_id}: do_not_translate must be 'yes' or empty", path, line)
    pos = row["pos"].strip() or "noun"
    if pos not in POS_VALUES:
        raise _row_error(f"{concept_id}: pos must be one of {', '.join(POS_VALUES)}", path, line)
    return Concept(
        id=concept_id,
        en=en,
        terms=terms,
        forbidden=forbidden,
        do_not_translate=flag == "yes",
        pos=pos,
        definition=row["definition"].strip(),
        note=row["note"].strip(),
        reference=row["reference"].strip(),
    )


def _check_unique(concepts: list[Concept], lines: list[int], path: object) -> None:
    """Ids and English terms must be unique: the checker maps English text to one concept."""
    seen_ids: dict[str, int] = {}
    seen_terms: dict[str, str] = {}
    for concept, line in zip(concepts, lines, strict=True):
        if concept.id in seen_ids:
            raise InputError(
                f"duplicate concept id {concept.id!r} (first on line {seen_ids[concept.id]})",
                path,
                line,
            )
        seen_ids[concept.id] = line
        for term in concept.en:
            key = term.casefold()
            if key in seen_terms and seen_terms[key] != concept.id:
                raise InputError(
                    f"English term {term!r} already belongs to {seen_terms[key]!r}", path, line
                )
            seen_terms[key] = concept.id


def parse_glossary(text: str, path: object = None) -> Glossary:
    """Parse termbase CSV text; every problem is an :class:`InputError` naming the line."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        raise InputError("the glossary is empty", path, 1) from None
    missing = [name for name in FIXED_COLUMNS if name not in header]
    if missing:
        raise InputError(f"missing column(s): {', '.join(missing)}", path, 1)
    locales = _target_locales(header, path)
    concepts: list[Concept] = []
    lines: list[int] = []
    line = reader.line_num
    for values in reader:
        start, line = line + 1, reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            raise InputError(f"expected {len(header)} fields, found {len(values)}", path, start)
        concepts.append(_parse_row(dict(zip(header, values, strict=True)), locales, path, start))
        lines.append(start)
    _check_unique(concepts, lines, path)
    return Glossary(concepts=concepts, path=Path(path) if path else None, locales=locales)


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 (byte {exc.start})", path) from None


def load_glossary(path: Path | str) -> Glossary:
    """Read ``glossary/terms.csv``."""
    path = Path(path)
    return parse_glossary(_read_text(path), path)


def format_glossary(glossary: Glossary) -> str:
    """The termbase as CSV text, columns in the canonical order (stable git diffs)."""
    locales = list(glossary.locales)
    for concept in glossary.concepts:
        for locale in [*concept.terms, *concept.forbidden]:
            if locale not in locales:
                locales.append(locale)
    header = [
        "id",
        "en",
        *locales,
        *(loc + FORBIDDEN_SUFFIX for loc in locales),
        "do_not_translate",
        "pos",
        "definition",
        "note",
        "reference",
    ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for c in glossary.concepts:
        writer.writerow(
            [
                c.id,
                join_terms(c.en),
                *(join_terms(c.terms.get(loc, [])) for loc in locales),
                *(join_terms(c.forbidden.get(loc, [])) for loc in locales),
                "yes" if c.do_not_translate else "",
                c.pos,
                c.definition,
                c.note,
                c.reference,
            ]
        )
    return out.getvalue()


def _write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and ``os.replace`` so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_glossary(glossary: Glossary, path: Path | str | None = None) -> Path:
    """Write the termbase CSV atomically (to ``glossary.path`` unless told otherwise)."""
    target = Path(path) if path is not None else glossary.path
    if target is None:
        raise ValueError("save_glossary needs a path")
    _write_atomic(target, format_glossary(glossary))
    return target


# --------------------------------------------------------------------------- TBX


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


# --------------------------------------------------------------------------- lookup

_ARTICLE = re.compile(r"(?<!\w)(?:[وف]?[بك]?ال|لل)(?=\w{2})")
_FOLD_MAP = str.maketrans({"ı": "i", "ى": "ي", "ة": "ه", "ٱ": "ا", "\u0640": None})


def fold(text: str) -> str:
    """Fold for lookup: no case (Turkish-aware), no diacritics or tashkeel, no Arabic article.

    NFKD splits hamza and madda off the alef (أ إ آ -> ا) and Latin accents off their
    letters, so dropping combining marks unifies both scripts in one step.
    """
    text = text.replace("İ", "i").replace("I", "ı")
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    bare = bare.translate(_FOLD_MAP).casefold()
    bare = _ARTICLE.sub("", bare)
    return " ".join(bare.split())


def _contains_words(haystack: str, needle: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack) is not None


def lookup(glossary: Glossary, text: str, locale: str | None = None) -> list[Concept]:
    """Concepts with a term (approved or forbidden, any language) matching ``text``.

    Exact matches of an approved term come first, then of a forbidden one, then concepts
    one of whose terms occurs in ``text`` in any
    inflected form the checker accepts ("للعصب الوجهي", "yüz sinirinin") or contains it as
    whole words, so both "nerve" and "injury to the facial nerve" find something.
    """
    query = fold(text)
    if not query:
        return []
    ranked: list[tuple[int, int, Concept]] = []
    for position, concept in enumerate(glossary.concepts):
        rank = 3
        for language, name, forbidden in _names(concept, locale):
            folded = fold(name)
            if folded == query:
                rank = min(rank, 1 if forbidden else 0)
            elif _contains_words(folded, query) or _inflected_in(name, language, text):
                rank = min(rank, 2)
        if rank < 3:
            ranked.append((rank, position, concept))
    return [concept for _, _, concept in sorted(ranked, key=lambda r: r[:2])]


def _inflected_in(term: str, locale: str, text: str) -> bool:
    """Does ``text`` contain ``term`` in a form the checker accepts (accents optional)?"""
    from hfs_i18n import termmatch  # termmatch needs this module's records, not the reverse

    if re.search(termmatch.target_pattern(term, locale), termmatch.normalize_target(text, locale)):
        return True
    bare = fold(term)
    return bool(bare) and re.search(termmatch.target_pattern(bare, locale), fold(text)) is not None


def _names(concept: Concept, locale: str | None) -> list[tuple[str, str, bool]]:
    """(locale, term, forbidden?) to search: one language's, or every language's."""
    languages = [locale] if locale else [SOURCE_LOCALE, *concept.terms, *concept.forbidden]
    names: list[tuple[str, str, bool]] = []
    for language in dict.fromkeys(languages):
        if language == SOURCE_LOCALE:
            names.extend((language, t, False) for t in concept.en)
            continue
        names.extend((language, t, False) for t in concept.terms.get(language, []))
        names.extend((language, t, True) for t in concept.forbidden.get(language, []))
    return names
