"""CLDR-correct ``Plural-Forms`` headers, written the way GNU gettext and Weblate write them.

Babel's own table (``babel.messages.plurals``) is out of date for several languages: in
2.18 it gives Turkish a single form and swaps Arabic's "few"/"many" forms, so a catalog
initialised from it sends "11 months" to the wrong translation.  Here the expression is
taken from a table of the formulas GNU gettext and Weblate ship (their index order is
CLDR's category order: zero, one, two, few, many, other), and, for a language missing
from the table, derived from Babel's CLDR plural rules.  Tests check every formula of the
table against CLDR for n in 0..1000.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass

import babel
import babel.plural
from babel.plural import to_gettext

CATEGORY_ORDER = ("zero", "one", "two", "few", "many", "other")

# Formulas as GNU gettext (PO header templates) and Weblate write them.
GETTEXT_FORMULAS: dict[str, tuple[int, str]] = {
    "ar": (
        6,
        "(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5)",
    ),
    "tr": (2, "(n != 1)"),
    "az": (2, "(n != 1)"),
    "en": (2, "(n != 1)"),
    "de": (2, "(n != 1)"),
    "nl": (2, "(n != 1)"),
    "sv": (2, "(n != 1)"),
    "it": (3, "n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2"),
    "el": (2, "(n != 1)"),
    "ur": (2, "(n != 1)"),
    "hi": (2, "(n > 1)"),
    "bn": (2, "(n > 1)"),
    "fa": (2, "(n > 1)"),
    "fr": (3, "(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2"),
    "es": (3, "n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2"),
    "pt": (3, "(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2"),
    "he": (3, "(n == 1) ? 0 : ((n == 2) ? 1 : 2)"),
    "ru": (
        3,
        "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<12 || n%100>14) ? 1 : 2)",
    ),
    "uk": (
        3,
        "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<12 || n%100>14) ? 1 : 2)",
    ),
    "pl": (3, "(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)"),
    "ja": (1, "0"),
    "zh": (1, "0"),
    "ko": (1, "0"),
    "id": (1, "0"),
    "ms": (1, "0"),
}


@dataclass(frozen=True)
class PluralForms:
    """The number of forms and the C expression that picks one for ``n``."""

    count: int
    expression: str

    @property
    def header(self) -> str:
        """The value of the ``Plural-Forms`` header field."""
        return f"nplurals={self.count}; plural={self.expression};"


def language_of(locale: str) -> str:
    """The language subtag of a locale written ``ar``, ``pt_BR``, ``pt-BR`` or ``ar-XB``."""
    return re.split(r"[-_@.]", locale, maxsplit=1)[0].lower()


def cldr_plural_forms(locale: str) -> PluralForms:
    """Plural forms for ``locale`` per CLDR, in CLDR's category order."""
    language = language_of(locale)
    if language in GETTEXT_FORMULAS:
        count, expression = GETTEXT_FORMULAS[language]
        return PluralForms(count, expression)
    header = to_gettext(_plural_rule(locale))
    match = re.match(r"nplurals=(\d+); plural=(.*);$", header)
    assert match, header
    return PluralForms(int(match.group(1)), match.group(2))


def parse_plural_forms(header: str) -> PluralForms | None:
    """Read a ``Plural-Forms`` header value; None when it is not of the usual shape."""
    match = re.match(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$", header)
    if match is None:
        return None
    return PluralForms(int(match.group(1)), match.group(2))


def _plural_rule(locale: str) -> babel.plural.PluralRule:
    try:
        return babel.Locale.parse(locale.replace("-", "_")).plural_form
    except (ValueError, babel.UnknownLocaleError):
        return babel.Locale.parse(language_of(locale)).plural_form


SAMPLE_COUNTS = (*range(1001), 1_000_000, 2_000_000)


def cldr_categories(locale: str) -> list[str]:
    """CLDR plural categories that whole numbers reach, in gettext index order.

    Gettext counts are integers, so a category CLDR uses only for fractions (Russian
    "other") has no msgstr[N] of its own, as in GNU gettext's and Weblate's formulas.
    """
    rule = _plural_rule(locale)
    reached = {rule(n) for n in SAMPLE_COUNTS}
    return [tag for tag in CATEGORY_ORDER if tag in reached]


def cldr_category(locale: str, n: int) -> str:
    """The CLDR category of the whole number ``n`` in ``locale``."""
    return _plural_rule(locale)(n)


def same_formula(a: str, b: str) -> bool:
    """Whether two plural expressions are the same text once spacing is ignored."""

    def norm(text: str) -> str:
        return re.sub(r"\s+", "", text).rstrip(";")

    return norm(a) == norm(b)


def single_count_forms(expression: str, nplurals: int) -> dict[int, int]:
    """Plural form index -> the one count that selects it (forms chosen by several: absent).

    Such a form may leave out the count, as GNU msgfmt allows, and may write the number
    as a word ("one month", "شهران").
    """
    try:
        plural = gettext.c2py(expression)
    except (ValueError, SyntaxError):
        return {}
    hits: dict[int, list[int]] = {}
    for n in (*range(1001), 1_000_000):
        counts = hits.setdefault(plural(n), [])
        if len(counts) < 2:
            counts.append(n)
    return {form: counts[0] for form, counts in hits.items() if len(counts) == 1}
