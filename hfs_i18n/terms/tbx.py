"""TBX both ways: TBX-Basic in translate-toolkit's ``martif`` form (what Weblate loads),
TBX 2019 (ISO 30042:2019, DCA), and one reader for both (see :mod:`hfs_i18n.terms.interchange`)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from hfs_i18n.errors import InputError
from hfs_i18n.terms.exchange import (
    Incoming,
    _languages,
    _reference_target,
    _status,
)
from hfs_i18n.terms.model import (
    DO_NOT_TRANSLATE_NOTE,
    FORBIDDEN_STATUSES,
    ID_PATTERN,
    PREFERRED_STATUSES,
    SOURCE_LOCALE,
    STATUS_FORBIDDEN,
    TBX_NS,
    XML_LANG,
    Concept,
    Glossary,
)


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
