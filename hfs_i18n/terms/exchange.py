"""What every interchange format shares: the record of a concept read from a file, the
result of an import, and how statuses and references are written."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from hfs_i18n.terms.model import (
    SOURCE_LOCALE,
    STATUS_ADMITTED,
    STATUS_PREFERRED,
    Concept,
    Conflict,
    Glossary,
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
