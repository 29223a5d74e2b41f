"""Morphology-aware glossary matching: English source, Arabic and Turkish translations.

Weblate and Translate Toolkit look for glossary terms by exact substring, which fails in
Arabic and Turkish, where a term is almost never written bare: "للعصب الوجهي" (to the
facial nerve), "yüz sinirinin" (of the facial nerve).  Each term is compiled once into a
regular expression that accepts the word forms the language builds from it and nothing
else, so the check can run on every entry of a large catalog inside the CI gate.

The grammar accepted per language is described for translators in ``glossary/README.md``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from hfs_i18n.terms.model import Concept, Glossary
from hfs_i18n.terms.morphology import (
    _TR_VOWEL_DROP,
    _WORD,
    _english_keys,
    _verbatim_pattern,
    english_pattern,
    normalize_arabic,
    normalize_english,
    normalize_target,
    target_pattern,
    turkish_lower,
)

CHECK_TERM = "glossary-term"
CHECK_FORBIDDEN = "glossary-forbidden"
CHECK_UNTRANSLATED = "glossary-untranslated"

# The same tokens cut from ASCII text as bytes: every other byte becomes a space, then
# ``split`` (both in C, two and a half times as fast as ``_WORD.findall``).
_WORD_BYTES = bytes(
    c if chr(c) in "abcdefghijklmnopqrstuvwxyz0123456789" else 32 for c in range(256)
)


@dataclass(frozen=True)
class TermFinding:
    """One glossary problem in one translation; ``check`` is the stable check id."""

    check: str  # "glossary-term" | "glossary-forbidden" | "glossary-untranslated"
    concept_id: str
    term: str  # the English term found in the source (or the forbidden variant found)
    message: str


_LEADING_BOUNDARY = r"(?<!\w)"
_MAX_PREFIX = 4  # the longest proclitic chain before a needle: و + ب + ال


@dataclass
class _Term:
    """A term's pattern with a literal every match contains, checked before the regex runs.

    Python's regex engine skips ahead fast only when a pattern starts with a literal, so
    the leading word boundary is checked here instead of in the pattern.  The regex is
    compiled the first time the needle turns up: compiling is the dearest part of a
    term, and many forbidden variants and alternative spellings never occur (a third of
    the terms, checking the 20,000-entry benchmark catalog).
    """

    text: str
    needle: str
    pattern: str
    bounded: bool
    max_prefix: int  # how far before the needle a match may start
    _regex: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = re.compile(self.pattern)
        return self._regex

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        pos = 0
        while (match := self.search(text, pos)) is not None:
            pos = max(match.end(), match.start() + 1)
            yield match

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """The first match at or after ``pos``, tried only where the needle occurs."""
        needle, find = self.needle, text.find
        found = find(needle, pos)
        while found >= 0:
            start = found
            if self.bounded:
                # Back up over the proclitics (والعصب) to the start of the word.  (The
                # word test is written out: this loop runs for every needle found.)
                floor = max(pos, found - self.max_prefix)
                while start > floor and ((c := text[start - 1]).isalnum() or c == "_"):
                    start -= 1
                if start and ((c := text[start - 1]).isalnum() or c == "_"):
                    found = find(needle, found + 1)
                    continue
            match = self.regex.match(text, start)
            if match is not None:
                return match
            found = find(needle, found + 1)
        return None


def _find_word(text: str, word: str, pos: int) -> int:
    """Where the next token ``word`` (a whole ``_WORD`` match) starts at or after ``pos``."""
    start = text.find(word, pos)
    stop = start + len(word)
    while (start and text[start - 1] in _ASCII_WORD) or text[stop : stop + 1] in _ASCII_WORD:
        start = text.find(word, start + 1)
        stop = start + len(word)
    return start


_ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _needle(term: str, locale: str) -> str:
    """A literal that occurs in every form of ``term`` the patterns accept."""
    if locale == "ar":
        first = unicodedata.normalize("NFC", term).split()[0]
        if first.isascii():
            return first.lower()
        if first.startswith(("ال", "لل")) and len(first) > 3:
            first = first[2:]
        stem = normalize_arabic(first)
        return stem[:-1] if first.endswith("ة") else stem
    if locale == "tr":
        words = turkish_lower(term).split()
        if len(words) > 1:
            return words[0]
        word = words[0]
        if word in _TR_VOWEL_DROP or (len(word) > 5 and word.endswith(("me", "ma"))):
            return word[:-2]
        return word[:-1] if len(word) > 2 else word
    first = re.split(r"[\s\-]+", normalize_english(term).strip())[0]
    return first[:-1] if first.endswith("y") else first


def compile_term(term: str, locale: str) -> _Term:
    """One term, compiled for matching in text already passed through the locale's normalizer."""
    pattern = english_pattern(term) if locale == "en" else target_pattern(term, locale)
    bounded = pattern.startswith(_LEADING_BOUNDARY)
    if bounded:
        pattern = pattern[len(_LEADING_BOUNDARY) :]
    max_prefix = _MAX_PREFIX if locale == "ar" and not term.split()[0].isascii() else 0
    return _Term(term, _needle(term, locale), pattern, bounded, max_prefix)


@dataclass(frozen=True)
class _CompiledConcept:
    concept: Concept
    approved: tuple[_Term, ...]
    forbidden: tuple[_Term, ...]
    verbatim: re.Pattern[str] | None

    def approved_match(self, text: str) -> re.Match[str] | None:
        for term in self.approved:
            if (match := term.search(text)) is not None:
                return match
        return None


def _compile_concept(concept: Concept, locale: str) -> _CompiledConcept:
    approved = tuple(compile_term(t, locale) for t in concept.terms.get(locale, []))
    forbidden = tuple(compile_term(t, locale) for t in concept.forbidden.get(locale, []))
    verbatim = None
    if concept.do_not_translate:
        verbatim = re.compile("|".join(_verbatim_pattern(t, locale) for t in concept.en))
    return _CompiledConcept(concept, approved, forbidden, verbatim)


class TermChecker:
    """Checks translations into one locale against the glossary.

    Patterns are compiled on first use and then kept: Python compiles a regular
    expression in pure Python, the target-language patterns of a whole termbase take
    about a third as long as checking a 20,000-entry catalog, and a catalog seldom
    names every term (nor contains every forbidden variant).  An
    entry whose source names no glossary term costs one lowercasing, one tokenisation and
    one set intersection; otherwise only the terms whose first word occurs in the source
    are tried.
    """

    def __init__(self, glossary: Glossary, locale: str) -> None:
        self.locale = locale
        self._by_id = {c.id: c for c in glossary.concepts}
        self._concepts: dict[str, _CompiledConcept] = {}
        self._groups: dict[str, tuple[str, str]] = {}
        self._branches: dict[str, list[tuple[str, str]]] = {}
        for concept in glossary.concepts:
            for term in concept.en:
                group = f"t{len(self._groups)}"
                self._groups[group] = (concept.id, term)
                pattern = english_pattern(term).removeprefix(_LEADING_BOUNDARY)
                for key in _english_keys(term):
                    self._branches.setdefault(key, []).append((term, f"(?P<{group}>{pattern})"))
        self._by_key: dict[str, re.Pattern[str]] = {}
        self._by_pattern: dict[str, re.Pattern[str]] = {}
        self._keys = frozenset(self._branches)
        self._key_of = {key.encode("ascii"): key for key in self._keys}

    def _key_regex(self, key: str) -> re.Pattern[str]:
        """The terms whose first word is ``key`` (or a plural of it) as one regex, longest
        first: "facial nerve" before "facial".  ``facial``, ``facials`` and ``faciales``
        share one compiled regex."""
        regex = self._by_key.get(key)
        if regex is None:
            alternatives = sorted(self._branches[key], key=lambda a: -len(a[0]))
            pattern = "|".join(b for _, b in alternatives)
            regex = self._by_pattern.get(pattern)
            if regex is None:
                regex = self._by_pattern[pattern] = re.compile(pattern)
            self._by_key[key] = regex
        return regex

    def _compiled(self, concept_id: str) -> _CompiledConcept:
        compiled = self._concepts.get(concept_id)
        if compiled is None:
            compiled = _compile_concept(self._by_id[concept_id], self.locale)
            self._concepts[concept_id] = compiled
        return compiled

    def concepts_in(self, source: str) -> dict[str, str]:
        """Concept id -> English term as written in the glossary, in order of appearance.

        Overlapping matches resolve leftmost-longest: "facial nerve" hides "nerve" inside it.
        A catalog has tens of thousands of sources to scan, so the words that can start a
        term are picked out with one set intersection, and only their positions are
        looked up and tried, in text order.
        """
        text = normalize_english(source)
        if text.isascii():
            tokens = text.encode("ascii").translate(_WORD_BYTES).split()
            hits = self._key_of.keys() & tokens
            if not hits:
                return {}
            key_of = self._key_of
            candidates = [(key_of[token], tokens.count(token)) for token in hits]
        else:
            words = _WORD.findall(text)
            hits = self._keys.intersection(words)
            if not hits:
                return {}
            candidates = [(word, words.count(word)) for word in hits]
        # Where each candidate word occurs, in text order (a word may occur twice).
        starts = []
        for word, count in candidates:
            pos = 0
            for _ in range(count):
                start = _find_word(text, word, pos)
                starts.append((start, word))
                pos = start + len(word)
        starts.sort()
        found: dict[str, str] = {}
        end = 0
        by_key = self._by_key
        for start, word in starts:
            if start < end or (start and _is_word(text[start - 1])):
                continue
            regex = by_key.get(word) or self._key_regex(word)
            match = regex.match(text, start)
            if match is not None:
                concept_id, term = self._groups[match.lastgroup or ""]
                found.setdefault(concept_id, term)
                end = match.end()
        return found

    def check(self, source: str, translation: str) -> list[TermFinding]:
        return self.check_concepts(self.concepts_in(source), translation)

    def check_concepts(self, found: dict[str, str], translation: str) -> list[TermFinding]:
        """Findings for ``translation`` of a source naming ``found`` (from :meth:`concepts_in`;
        the plural forms of an entry share one source and so one lookup)."""
        if not found:
            return []
        target = normalize_target(translation, self.locale)
        findings = []
        for concept_id, term in found.items():
            finding = self._check_concept(self._compiled(concept_id), term, target, found)
            if finding is not None:
                findings.append(finding)
        return findings

    def _check_concept(
        self, compiled: _CompiledConcept, term: str, target: str, found: dict[str, str]
    ) -> TermFinding | None:
        concept = compiled.concept
        if compiled.verbatim is not None:
            if compiled.verbatim.search(target):
                return None
            return TermFinding(
                CHECK_UNTRANSLATED,
                concept.id,
                term,
                f"source uses {term!r} ({concept.id}), which must stay unchanged; "
                f"translation does not contain {term!r}",
            )
        for bad in compiled.forbidden:
            match = bad.search(target)
            if match and not self._approved_elsewhere(match.span(), concept.id, target, found):
                preferred = ", ".join(concept.terms.get(self.locale, []))
                return TermFinding(
                    CHECK_FORBIDDEN,
                    concept.id,
                    bad.text,
                    f"translation uses forbidden {bad.text!r} for {term!r} ({concept.id}); "
                    f"use: {preferred}",
                )
        if not compiled.approved or compiled.approved_match(target) is not None:
            return None
        wanted = ", ".join(concept.terms[self.locale])
        return TermFinding(
            CHECK_TERM,
            concept.id,
            term,
            f"source uses {term!r} ({concept.id}); translation has none of: {wanted}",
        )

    def _approved_elsewhere(
        self, span: tuple[int, int], concept_id: str, target: str, found: dict[str, str]
    ) -> bool:
        """Is the forbidden wording the approved rendering of another concept the source names?"""
        start, end = span
        for other_id in found:
            if other_id == concept_id:
                continue
            for approved in self._compiled(other_id).approved:
                for match in approved.finditer(target):
                    if match.start() < end and start < match.end():
                        return True
        return False
