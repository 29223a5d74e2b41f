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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hfs_i18n.glossary import Concept, Glossary

CHECK_TERM = "glossary-term"
CHECK_FORBIDDEN = "glossary-forbidden"
CHECK_UNTRANSLATED = "glossary-untranslated"

# Pairs for str.replace: far faster than str.translate with a dict on non-ASCII text.
_APOSTROPHES = (("’", "'"), ("‘", "'"), ("ʼ", "'"), ("`", "'"), ("´", "'"))
# ASCII tokens are enough to find candidate English terms and twice as fast to cut.
_WORD = re.compile(r"[a-z0-9]+")
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


# --------------------------------------------------------------------------- English


def normalize_english(text: str) -> str:
    """Casefold and unify apostrophes, so "Bell’s" and "bell's" are one spelling."""
    if text.isascii():
        # Most sources: the backtick is the one ASCII apostrophe variant, and casefold
        # is lower.
        return (text.replace("`", "'") if "`" in text else text).lower()
    return _replace_all(text, _APOSTROPHES).casefold()


def _replace_all(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    for old, new in pairs:
        if old in text:
            text = text.replace(old, new)
    return text


def _english_word(word: str, last: bool) -> str:
    """A word with its plural (spasm/spasms, artery/arteries) and, last, its possessive."""
    if len(word) > 2 and word.endswith("y") and word[-2] not in "aeiou":
        body = re.escape(word[:-1]) + "(?:y|ies)"
    else:
        body = re.escape(word) + "(?:e?s)?"
    return body + ("(?:'s|')?" if last else "")


def english_pattern(term: str) -> str:
    words = re.split(r"[\s\-]+", normalize_english(term).strip())
    parts = [_english_word(w, i == len(words) - 1) for i, w in enumerate(words)]
    return r"(?<!\w)" + r"[\s\-]+".join(parts) + r"(?!\w)"


def _english_keys(term: str) -> set[str]:
    """Tokens one of which any match of ``term`` must contain (the cheap prefilter)."""
    first = _WORD.findall(normalize_english(term))[0]
    keys = {first, first + "s", first + "es"}
    if first.endswith("y"):
        keys.add(first[:-1] + "ies")
    return keys


# --------------------------------------------------------------------------- Arabic

_TASHKEEL_CLASS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
_TASHKEEL = re.compile(f"[{_TASHKEEL_CLASS}]")
_ARABIC_MAP = (
    ("أ", "ا"),
    ("إ", "ا"),
    ("آ", "ا"),
    ("ٱ", "ا"),
    ("ى", "ي"),
    ("ة", "ه"),
    ("ی", "ي"),
    ("ک", "ك"),
    *_APOSTROPHES,
)
_PRESENTATION_CLASS = "\ufb50-\ufdff\ufe70-\ufeff"
_PRESENTATION_FORMS = re.compile(f"[{_PRESENTATION_CLASS}]")
_FOLDABLE = re.compile(f"[{_TASHKEEL_CLASS}{_PRESENTATION_CLASS}]")
# Possessive pronouns, longest first; after the -ي of a dual or plural (عينيك) the -ه is
# left out, because عصبيه is how the nisba adjective عصبية (nervousness) is normalised.
_AR_PRONOUN = "(?:هما|كما|هم|هن|ها|كم|كن|نا|ه|ك|ي)"
_AR_PRONOUN_AFTER_YA = "(?:هما|كما|هم|هن|ها|كم|كن|نا|ك)"
_AR_PRONOUN_3 = "(?:هما|هم|هن|ها|ه)"
# What a noun or adjective adds at the end, one grammatical slot after another, never a
# derivation: the nisba -ي/-ية/-يون/-يات (عصب -> عصبي "nervous") makes another word.
#   last word: dual and sound plurals (ان ين ون ات), the dual or plural before a pronoun
#   (عيناه عينيك جراحوه), tanween alef (ورمًا), a possessive pronoun (جفنك, جفني);
#   inner word: number and case, a third-person pronoun (عصبه الوجهي), and the construct
#   endings -و/-ي of a plural or dual when an article word follows (جراحي الأعصاب); a bare
#   -ي otherwise would read نصف الوجه as the adjective نصفي.
# Each pronoun list is written once per ending (ات, ا and و share one; a bare ي is in the
# list): the same words, but Python compiles a term's pattern in pure Python, and these
# endings made up most of every pattern (a third less compile time for the termbase).
# Only the set of endings matters, not the order of the alternatives: every pattern
# ends at the end of a word, so a match cannot stop short.
_AR_LAST_ENDING = f"(?:ان|ين|ون|ي{_AR_PRONOUN_AFTER_YA}|(?:ات|ا|و)?{_AR_PRONOUN}?)"
_AR_LAST_TA_ENDING = f"(?:ه|ت(?:ان|ين|ي{_AR_PRONOUN_AFTER_YA}|ا|ا?{_AR_PRONOUN})|ات{_AR_PRONOUN}?)"
_AR_BEFORE_ARTICLE = r"(?=\s+[وف]?[بكل]?(?:ال|لل))"
_AR_INNER_ENDING = f"(?:ان|ين|ون|و|ي{_AR_BEFORE_ARTICLE}|(?:ات|ا)?{_AR_PRONOUN_3}?)"
_AR_INNER_TA_ENDING = f"(?:ه|ت(?:ان|ين|ا|ي{_AR_BEFORE_ARTICLE}|{_AR_PRONOUN_3})|ات{_AR_PRONOUN_3}?)"
# The first word of a construct phrase (the mudaf: تشنج in تشنج نصف الوجه, جذع in جذع
# الدماغ) never takes the article or a pronoun, and its dual and plural lose their ن.
_AR_CONSTRUCT_ENDING = "(?:ات|ا|ي|و)?"
_AR_CONSTRUCT_TA_ENDING = "(?:ه|ت[اي]|ات)"
_AR_FIRST_PREFIX = "(?:[وف]?(?:[بك]?ال|لل|[بكل])?)"
_AR_LATER_PREFIX = "(?:[بكل]?ال|لل|[بكل])?"
_AR_CONSTRUCT_FIRST_PREFIX = "(?:[وف]?[بكل]?)"


def normalize_arabic(text: str) -> str:
    """Drop tashkeel and tatweel; unify alef, final ya and ta marbuta; lowercase Latin."""
    # One scan tells whether there is anything to fold (two in three translations have
    # neither tashkeel nor presentation forms).
    if _FOLDABLE.search(text):
        if _PRESENTATION_FORMS.search(text):
            text = unicodedata.normalize("NFKC", text)
        text = _TASHKEEL.sub("", text)
    return _replace_all(text, _ARABIC_MAP).lower()


def _has_article(word: str) -> bool:
    """Is ``word`` written with the article, or li- contracted with it (للاختلاج)?"""
    return word.startswith(("ال", "لل")) and len(word) > 3


def _arabic_word(word: str, first: bool, last: bool, construct: bool = False) -> str:
    """One word: optional clitics and article, the stem, optional suffixes."""
    if word.isascii():  # a Latin abbreviation kept inside Arabic text, e.g. MRI
        return r"(?<![a-z0-9])" + re.escape(word.lower()) + r"(?![a-z0-9])"
    if not first and word.startswith("و") and len(word) > 3:
        # Maybe the conjunction (جراح مخ وأعصاب), which the article can follow: والأعصاب.
        rest = _arabic_word(word[1:], first=False, last=last, construct=construct)
        return f"(?:و{rest}|{_arabic_word_body(word, first, last, construct)})"
    return _arabic_word_body(word, first, last, construct)


def _arabic_word_body(word: str, first: bool, last: bool, construct: bool) -> str:
    # A written article is optional like any other.
    has_article = _has_article(word)
    ta_marbuta = word.endswith("ة")
    stem = normalize_arabic(word[2:] if has_article else word)
    if ta_marbuta:
        stem = stem[:-1]
    if construct:
        prefix = _AR_CONSTRUCT_FIRST_PREFIX if first else ""
        ending = _AR_CONSTRUCT_TA_ENDING if ta_marbuta else _AR_CONSTRUCT_ENDING
    else:
        prefix = _AR_FIRST_PREFIX if first else _AR_LATER_PREFIX
        if last:
            ending = _AR_LAST_TA_ENDING if ta_marbuta else _AR_LAST_ENDING
        else:
            ending = _AR_INNER_TA_ENDING if ta_marbuta else _AR_INNER_ENDING
    return prefix + re.escape(stem) + ending


def _construct_heads(words: list[str]) -> list[bool]:
    """Which words head a construct phrase: those followed by ال… or by another head.

    تشنج نصف الوجه: تشنج and نصف; ضعف عضلات الوجه: ضعف and عضلات.  A word followed by
    لل… (مضاد للاختلاج) or by an adjective without the article (عصب وجهي) is not one.
    """
    heads = [False] * len(words)
    for i in range(len(words) - 2, -1, -1):
        word, following = words[i], words[i + 1]
        if word.isascii() or _has_article(word):
            continue
        if (following.startswith("ال") and len(following) > 3) or heads[i + 1]:
            heads[i] = True
    return heads


def arabic_pattern(term: str) -> str:
    words = unicodedata.normalize("NFC", term).split()
    last = len(words) - 1
    heads = _construct_heads(words)
    parts = [_arabic_word(w, i == 0, i == last, heads[i]) for i, w in enumerate(words)]
    # A Latin first word has its own boundary, so it may follow a clitic: الـMRI.
    start = "" if words[0].isascii() else r"(?<!\w)"
    return start + r"\s+".join(parts) + r"(?!\w)"


# --------------------------------------------------------------------------- Turkish

_TR_VOWELS = "aeıioöuü"
# Inflectional suffixes only, so derivations that change the meaning stay out: -sız
# (ağrısız "painless"), -lı (sinirli "irritable"), -lık (gözlük "glasses"), -sel.
_TR_MORPHS = sorted(
    """lar ler ı i u ü sı si su sü yı yi yu yü a e ya ye na ne da de ta te nda nde
    dan den tan ten ndan nden ın in un ün nın nin nun nün la le yla yle m ım im um üm
    ımız imiz umuz ümüz mız miz muz müz ınız iniz unuz ünüz nız niz nuz nüz ki
    dır dir dur dür tır tir tur tür dı di du dü tı ti tu tü yor r ır ir ur ür ar er
    mak mek ma me an en arak erek abil ebil""".split(),
    key=len,
    reverse=True,
)
# The buffer n only comes before a case ending (sinirine, sinirinde), never before -ti.
_TR_TAIL = "(?:'[^\\W\\d_]+|(?:" + "|".join([*_TR_MORPHS, "n(?=[aeıioöuüdl])"]) + "){0,6})"
_TR_SOFTENING = {"p": "b", "ç": "c", "t": "d", "k": "ğ", "g": "ğ"}
_TR_HARDENING = {"b": "p", "c": "ç", "d": "t", "ğ": "k"}
_TR_VERB_ENDING = "(?=[ıiuü]?yor|[ıiuüae]r|[dt][ıiuü]|[ae]n|[ae]bil)"
# Stems that lose their last vowel before a vowel-initial suffix (beyin -> beyni).
_TR_VOWEL_DROP = {"beyin": "beyn", "ağız": "ağz", "burun": "burn", "alın": "aln", "boyun": "boyn"}


# The circumflex is optional in current spelling (hâlâ/hala, uyku hâli/hali).
_TR_CIRCUMFLEX = (("â", "a"), ("î", "i"), ("û", "u"))


def turkish_lower(text: str) -> str:
    """Lowercase with Turkish dotted/dotless i (İ -> i, I -> ı), without circumflexes."""
    text = _replace_all(text, _APOSTROPHES).replace("İ", "i").replace("I", "ı")
    return _replace_all(unicodedata.normalize("NFC", text).lower(), _TR_CIRCUMFLEX)


def _turkish_stem(word: str) -> str:
    """The last word's stem alternatives: softening, vowel drop, and the plural compound form."""
    options = [re.escape(word)]
    if word[-1] in _TR_SOFTENING:
        soft = "ng" if word.endswith("nk") else _TR_SOFTENING[word[-1]]
        cut = 2 if word.endswith("nk") else 1
        options.append(re.escape(word[:-cut] + soft) + f"(?=[{_TR_VOWELS}])")
    if word in _TR_VOWEL_DROP:
        options.append(re.escape(_TR_VOWEL_DROP[word]) + f"(?=[{_TR_VOWELS}])")
    if len(word) > 5 and word.endswith(("me", "ma")):
        # A verbal noun (seğirme, kasılma) also stands for its verb: seğiriyor, kasıldı.
        options.append(re.escape(word[:-2]) + _TR_VERB_ENDING)
    return "(?:" + "|".join(options) + ")"


def _turkish_compound_plural(word: str) -> str | None:
    """``kapağı`` -> ``kapak`` before -lar: the compound marker gives way to the plural."""
    if len(word) < 4 or word[-1] not in "ıiuü":
        return None
    cut = 2 if word[-2] == "s" and word[-3] in _TR_VOWELS else 1
    if cut == 1 and word[-2] in _TR_VOWELS:
        return None
    stem = word[:-cut]
    stem = stem[:-1] + _TR_HARDENING.get(stem[-1], stem[-1])
    return re.escape(stem) + "(?=l[ae]r)"


def turkish_pattern(term: str) -> str:
    words = turkish_lower(term).split()
    last = _turkish_stem(words[-1])
    if len(words) > 1 and (plural := _turkish_compound_plural(words[-1])):
        last = f"(?:{last}|{plural})"
    parts = [re.escape(w) for w in words[:-1]] + [last + _TR_TAIL]
    return r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)"


# --------------------------------------------------------------------------- per locale


def normalize_target(text: str, locale: str) -> str:
    """The translation in the form the target patterns are compiled against."""
    if locale == "ar":
        return normalize_arabic(text)
    if locale == "tr":
        return turkish_lower(text)
    return normalize_english(text)


def target_pattern(term: str, locale: str) -> str:
    if locale == "ar":
        return arabic_pattern(term)
    if locale == "tr":
        return turkish_pattern(term)
    return english_pattern(term)


def _verbatim_pattern(term: str, locale: str) -> str:
    """Unchanged spelling (any case); a Turkish suffix may follow after an apostrophe."""
    word = turkish_lower(term) if locale == "tr" else normalize_english(term)
    return r"(?<![^\W\d_])" + re.escape(word) + r"(?:'[^\W\d_]+)?(?![^\W\d_])"


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
