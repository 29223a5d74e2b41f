"""The published readability formulas, and which language uses which."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from hfs_i18n.readability.counting import (
    ENGLISH_ABBREVIATIONS,
    SPANISH_ABBREVIATIONS,
    TURKISH_ABBREVIATIONS,
    arabic_word,
    english_syllables,
    german_syllables,
    is_faseeh,
    letter_count,
    russian_syllables,
    sentences,
    spanish_syllables,
    turkish_syllables,
    words,
)

ENGLISH_TARGET_GRADE = 8.0


# --------------------------------------------------------------------------- formulas


@dataclass(frozen=True)
class TextCounts:
    """The counts a readability formula is computed from."""

    sentences: int = 0
    words: int = 0
    syllables: int = 0
    letters: int = 0  # alphabetic characters of the words (marks not counted)
    hard_words: int = 0  # OSMAN only
    long_words: int = 0  # OSMAN only
    faseeh_words: int = 0  # OSMAN only

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def letters_per_word(self) -> float:
        return self.letters / self.words if self.words else 0.0


def _sentences_and_words(
    units: Sequence[str], abbreviations: frozenset[str]
) -> tuple[int, list[str]]:
    found = sentences(units, abbreviations)
    return len(found), [w for sentence in found for w in words(sentence)]


def _counter(
    syllables: Callable[[str], int] | None, abbreviations: frozenset[str] = frozenset()
) -> Callable[[Sequence[str]], TextCounts]:
    """Counts with one language's syllable rule (None: plain statistics, no syllables)."""

    def count(units: Sequence[str]) -> TextCounts:
        number, found = _sentences_and_words(units, abbreviations)
        return TextCounts(
            sentences=number,
            words=len(found),
            syllables=sum(map(syllables, found)) if syllables else 0,
            letters=sum(map(letter_count, found)),
        )

    return count


english_counts = _counter(english_syllables, ENGLISH_ABBREVIATIONS)
turkish_counts = _counter(turkish_syllables, TURKISH_ABBREVIATIONS)
spanish_counts = _counter(spanish_syllables, SPANISH_ABBREVIATIONS)
russian_counts = _counter(russian_syllables)
german_counts = _counter(german_syllables)
plain_counts = _counter(None)


def arabic_counts(units: Sequence[str]) -> TextCounts:
    count, found = _sentences_and_words(units, frozenset())
    features = [(w, arabic_word(w)) for w in found]
    return TextCounts(
        sentences=count,
        words=len(found),
        syllables=sum(f.syllables for _, f in features),
        letters=sum(f.letters for _, f in features),
        hard_words=sum(f.hard for _, f in features),
        long_words=sum(f.long for _, f in features),
        faseeh_words=sum(is_faseeh(w, f) for w, f in features),
    )


def flesch_kincaid_grade(counts: TextCounts) -> float:
    """US school grade needed to read the text (Kincaid et al. 1975)."""
    _require(counts)
    return 0.39 * counts.words / counts.sentences + 11.8 * counts.syllables / counts.words - 15.59


def atesman(counts: TextCounts) -> float:
    """Ateşman's reading ease for Turkish: 0–100, higher is easier."""
    _require(counts)
    return (
        198.825 - 40.175 * counts.syllables / counts.words - 2.610 * counts.words / counts.sentences
    )


def osman(counts: TextCounts) -> float:
    """OSMAN reading ease for Arabic (El-Haj & Rayson 2016): higher is easier."""
    _require(counts)
    per_word = (
        counts.hard_words + counts.syllables + counts.long_words + counts.faseeh_words
    ) / counts.words
    return 200.791 - 1.015 * counts.words / counts.sentences - 24.181 * per_word


def szigriszt_pazos(counts: TextCounts) -> float:
    """Szigriszt-Pazos perspicuity for Spanish (the INFLESZ score): higher is easier."""
    _require(counts)
    return 206.835 - 62.3 * counts.syllables / counts.words - counts.words / counts.sentences


def fernandez_huerta(counts: TextCounts) -> float:
    """Fernández-Huerta readability for Spanish, as corrected by Law (2011)."""
    _require(counts)
    return 206.84 - 60 * counts.syllables / counts.words - 1.02 * counts.words / counts.sentences


def oborneva(counts: TextCounts) -> float:
    """Oborneva's reading ease for Russian (Flesch re-fitted): higher is easier."""
    _require(counts)
    return 206.835 - 1.3 * counts.words / counts.sentences - 60.1 * counts.syllables / counts.words


def gulpease(counts: TextCounts) -> float:
    """GULPEASE for Italian (Lucisano & Piemontese 1988): 0–100, higher is easier."""
    _require(counts)
    return 89 + (300 * counts.sentences - 10 * counts.letters) / counts.words


def amstad(counts: TextCounts) -> float:
    """Amstad's reading ease for German (Flesch re-fitted): higher is easier."""
    _require(counts)
    return 180 - counts.words / counts.sentences - 58.5 * counts.syllables / counts.words


def _require(counts: TextCounts) -> None:
    if counts.words == 0 or counts.sentences == 0:
        raise ValueError("no words to measure")


NO_FORMULA = "no validated formula"


@dataclass(frozen=True)
class Metric:
    """One formula of a language: its name, how to count, how to score, what is good.

    ``score`` None: plain statistics only.  ``target``: the published limit a document
    must meet (a highest grade when lower is easier, a lowest score otherwise).
    """

    name: str
    count: Callable[[Sequence[str]], TextCounts]
    score: Callable[[TextCounts], float] | None
    higher_is_easier: bool = True
    target: float | None = None


FLESCH_KINCAID = Metric(
    "Flesch-Kincaid grade", english_counts, flesch_kincaid_grade, False, ENGLISH_TARGET_GRADE
)
PLAIN = Metric(NO_FORMULA, plain_counts, None)
METRICS: dict[str, tuple[Metric, ...]] = {
    "en": (FLESCH_KINCAID,),
    "tr": (Metric("Ateşman", turkish_counts, atesman),),
    "ar": (Metric("OSMAN", arabic_counts, osman),),
    "es": (
        Metric("Szigriszt-Pazos (INFLESZ)", spanish_counts, szigriszt_pazos, True, 55.0),
        Metric("Fernández-Huerta", spanish_counts, fernandez_huerta),
    ),
    "ru": (Metric("Oborneva", russian_counts, oborneva),),
    "it": (Metric("GULPEASE", plain_counts, gulpease),),
    "de": (Metric("Amstad", german_counts, amstad),),
}
