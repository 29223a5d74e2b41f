"""Looking a concept up by any of its terms in any language (``hfs-i18n glossary lookup``)."""

from __future__ import annotations

import re
import unicodedata

from hfs_i18n.terms.match import normalize_target, target_pattern
from hfs_i18n.terms.model import SOURCE_LOCALE, Concept, Glossary
from hfs_i18n.text.scripts import TATWEEL, turkish_lower

_ARTICLE = re.compile(r"(?<!\w)(?:[وف]?[بك]?ال|لل)(?=\w{2})")
_FOLD_MAP = str.maketrans({"ı": "i", "ى": "ي", "ة": "ه", "ٱ": "ا", TATWEEL: None})


def fold(text: str) -> str:
    """Fold for lookup: no case (Turkish-aware), no diacritics or tashkeel, no Arabic article.

    NFKD splits hamza and madda off the alef (أ إ آ -> ا) and Latin accents off their
    letters, so dropping combining marks unifies both scripts in one step.
    """
    text = turkish_lower(text)
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
    if re.search(target_pattern(term, locale), normalize_target(text, locale)):
        return True
    bare = fold(term)
    return bool(bare) and re.search(target_pattern(bare, locale), fold(text)) is not None


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
