"""The termbase: one concept per row of ``glossary/terms.csv`` (records, CSV read/write).

The CSV is the single human-edited source of truth, reviewed in git diffs.  Translators'
tools get it as TBX-Basic (the ``martif`` form Weblate and translate-toolkit load, or
ISO 30042:2019) or as Weblate's bilingual glossary CSV, and everything comes back through
:func:`~hfs_i18n.terms.interchange.import_glossary`, which reports conflicts instead of
overwriting, because a silently replaced medical term is worse than a failed import.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from hfs_i18n.errors import InputError
from hfs_i18n.text.files import write_atomic

SOURCE_LOCALE = "en"
SEPARATOR = " | "
# TBX-Basic's picklist for partOfSpeech; using it in the CSV keeps the TBX export valid.
POS_VALUES = ("noun", "adjective", "verb", "adverb", "other")
FIXED_COLUMNS = ("id", "en", "do_not_translate", "pos", "definition", "note", "reference")
FORBIDDEN_SUFFIX = "_forbidden"
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
# A language column: "es", "pt_BR", "zh_Hant_TW", "sr-Latn" (its "_forbidden" twin aside).
LOCALE_PATTERN = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,2}\Z")

TBX_NS = "urn:iso:std:iso:30042:ed-2"  # TBX 2019 (``tbx`` root); TBX 2008 has no namespace
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DO_NOT_TRANSLATE_NOTE = "do-not-translate"
STATUS_PREFERRED = "preferredTerm-admn-sts"
STATUS_ADMITTED = "admittedTerm-admn-sts"
STATUS_FORBIDDEN = "deprecatedTerm-admn-sts"
# administrativeStatus values that mark a term not to use: TBX-Basic's picklist, the bare
# forms older tools write, and the words Weblate documents ("forbidden", "obsolete").
FORBIDDEN_STATUSES = frozenset(
    {
        "deprecatedterm-admn-sts",
        "supersededterm-admn-sts",
        "deprecatedterm",
        "supersededterm",
        "deprecated",
        "forbidden",
        "obsolete",
    }
)
PREFERRED_STATUSES = frozenset({"preferredterm-admn-sts", "preferredterm", "preferred"})

# Weblate's bilingual CSV columns (translate-toolkit order, as Weblate documents them),
# then ``flags`` with Weblate's glossary flags (``forbidden``, ``read-only``).  Weblate's
# CSV format itself carries no flags, so the row's role is also in ``context``.
WEBLATE_COLUMNS = (
    "location",
    "source",
    "target",
    "id",
    "fuzzy",
    "context",
    "translator_comments",
    "developer_comments",
    "flags",
)
WEBLATE_META_KEYS = ("pos", "reference", "do-not-translate")
FORBIDDEN_COMMENT = "Forbidden translation: do not use."
# One-line developer comments: "definition | pos: noun | reference: ICD-10 G51.3".
COMMENT_SEPARATOR = " | "


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


def save_glossary(glossary: Glossary, path: Path | str | None = None) -> Path:
    """Write the termbase CSV atomically (to ``glossary.path`` unless told otherwise)."""
    target = Path(path) if path is not None else glossary.path
    if target is None:
        raise ValueError("save_glossary needs a path")
    write_atomic(target, format_glossary(glossary).encode("utf-8"))
    return target
