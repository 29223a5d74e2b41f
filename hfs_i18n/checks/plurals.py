"""Plural forms: the header must mean CLDR's rule, and every plural entry must fill that many forms.

An Arabic catalog with Babel's old two-form header sends "11 months" to the wrong
sentence; that is invisible in review and only a header check catches it.

Headers are compared by meaning, not text: both expressions are evaluated for
n = 0…1000 (and a million, where CLDR 42 gave some languages a form of its own), and a
header is right when it picks the same form as CLDR's rule for every count, however it
is written (``n%100>=11 && n%100<=99 ? 4``, ``n % 1 == 0``, outer parentheses).  Text
comparison flagged every standard Arabic header of Django and Sphinx.  A few headers
that differ from CLDR are conventions of GNU gettext or Transifex that whole catalogs
follow consistently (two-form Hebrew, Turkish ``n > 1``); they are warnings that name
the convention, not errors.
"""

from __future__ import annotations

import functools
import gettext
import re
from collections.abc import Callable, Iterator

import polib

from hfs_i18n.checks.registry import ERROR, WARNING, CatalogContext, Message, check
from hfs_i18n.formats.plurals import (
    CATEGORY_ORDER,
    PluralForms,
    cldr_categories,
    cldr_plural_forms,
    language_of,
    parse_plural_forms,
    plural_forms_keys,
    plural_forms_problem,
)
from hfs_i18n.text.scripts import ARABIC_TASHKEEL_CLASS, HEBREW_POINTS_CLASS

COUNTS = (*range(1001), 1_000_000, 2_000_000)

# language -> (nplurals, expression, what it is): headers in wide use that differ from
# CLDR on purpose or from an older CLDR; reported as warnings naming the convention.
CONVENTIONS: dict[str, tuple[tuple[int, str, str], ...]] = {
    "he": (
        (2, "(n != 1)", "GNU gettext's two-form Hebrew rule (no dual form)"),
        (
            4,
            "(n==1 ? 0 : n==2 ? 1 : n%10==0 && n>10 ? 2 : 3)",
            "the four-form Hebrew rule of CLDR before version 42 (one, two, many, other)",
        ),
    ),
    "tr": ((2, "(n > 1)", "Transifex's Turkish rule (the singular also for 0)"),),
    "bn": ((2, "(n != 1)", "GNU gettext's rule (the singular only for 1, not for 0)"),),
    "hi": ((2, "(n != 1)", "GNU gettext's rule (the singular only for 1, not for 0)"),),
    "es": ((2, "(n != 1)", "the two-form rule of CLDR before version 42 (no form for millions)"),),
    "it": ((2, "(n != 1)", "the two-form rule of CLDR before version 42 (no form for millions)"),),
    "ca": ((2, "(n != 1)", "the two-form rule of CLDR before version 42 (no form for millions)"),),
    "fr": ((2, "(n > 1)", "the two-form rule of CLDR before version 42 (no form for millions)"),),
    "pt": ((2, "(n > 1)", "the two-form rule of CLDR before version 42 (no form for millions)"),),
}


def _compile(expression: str) -> Callable[[int], int] | None:
    try:
        return gettext.c2py(expression)
    except (ValueError, SyntaxError, RecursionError):
        return None


@functools.lru_cache(maxsize=64)
def _forms(expression: str) -> tuple[int, ...] | None:
    """The form ``expression`` picks for each of :data:`COUNTS`, or None if it is not C."""
    plural = _compile(expression)
    if plural is None:
        return None
    try:
        return tuple(plural(n) for n in COUNTS)
    except (ArithmeticError, RecursionError):
        return None


@functools.lru_cache(maxsize=64)
def compare_plural_forms(header: PluralForms, locale: str) -> tuple[str, str] | None:
    """(severity, what differs) when ``header`` does not mean CLDR's rule for
    ``locale``; None when it picks the same form for every count."""
    expected = cldr_plural_forms(locale)
    language = language_of(locale)
    want = _forms(expected.expression)
    have = _forms(header.expression)
    if have is None:
        return ERROR, f"the plural expression {header.expression!r} is not valid C"
    if want is None:  # pragma: no cover - CLDR's own expressions are valid
        return None
    for n, form in zip(COUNTS, have, strict=True):
        if not 0 <= form < header.count:
            return ERROR, f"for n={n} it picks form {form}, beyond nplurals={header.count}"
    if have == want:
        if header.count <= expected.count:
            return None
        unused = [str(i) for i in range(expected.count, header.count)]
        which = f"form {unused[0]} is" if len(unused) == 1 else f"forms {', '.join(unused)} are"
        return WARNING, (
            f"{which} never picked for a whole number (a rule for fractions,"
            " as Transifex writes it); the others are CLDR's"
        )
    for count, expression, name in CONVENTIONS.get(language, ()):
        if header.count == count and have == _forms(expression):
            return WARNING, f"it is {name}"
    if header.count != expected.count:
        return ERROR, f"nplurals={header.count} where CLDR has {expected.count}"
    for n, got, should in zip(COUNTS, have, want, strict=True):
        if got != should:
            category = _category(locale, should)
            return ERROR, f"for n={n} it picks form {got}, CLDR form {should} ({category})"
    return ERROR, f"nplurals={header.count}, CLDR has {expected.count}"


def _category(language: str, index: int) -> str:
    try:
        return cldr_categories(language)[index]
    except (IndexError, ValueError):
        return CATEGORY_ORDER[-1]


def _header_finding(catalog: polib.POFile, locale: str) -> tuple[str, str] | None:
    """(severity, message) about the ``Plural-Forms`` header of ``catalog``, or None."""
    try:
        expected = cldr_plural_forms(locale)
    except ValueError:  # a code Babel does not know (UnknownLocaleError): nothing to compare
        return None
    keys = plural_forms_keys(catalog.metadata)
    if len(keys) > 1:
        return ERROR, f"the header gives the plural forms twice: {keys}"
    header = catalog.metadata[keys[0]] if keys else None
    if header is None:
        if any(entry.msgid_plural for entry in catalog if not entry.obsolete):
            return ERROR, f"no Plural-Forms header; CLDR for {locale!r}: {expected.header}"
        return None
    problem = plural_forms_problem(header)
    parsed = parse_plural_forms(header)
    if problem or parsed is None:
        return ERROR, f"{problem or 'malformed Plural-Forms header'}; expected {expected.header}"
    difference = compare_plural_forms(parsed, locale)
    if difference is None:
        return None
    severity, detail = difference
    return severity, (
        f"Plural-Forms {header!r} differs from CLDR for {locale!r}: {detail}; "
        f"CLDR: {expected.header}"
    )


@check("plural-forms-header", ERROR, scope="catalog")
def plural_forms_header(catalog: polib.POFile, ctx: CatalogContext) -> Iterator[tuple[int, str]]:
    """The ``Plural-Forms`` header is missing, malformed, or picks other forms than CLDR."""
    finding = _header_finding(catalog, ctx.locale)
    if finding is not None and finding[0] == ERROR:
        yield 1, finding[1]


@check("plural-forms-convention", WARNING, scope="catalog")
def plural_forms_convention(
    catalog: polib.POFile, ctx: CatalogContext
) -> Iterator[tuple[int, str]]:
    """The ``Plural-Forms`` header follows a known convention that differs from CLDR
    (GNU's two-form Hebrew, Transifex's Turkish ``n > 1``, Transifex's extra form for
    fractions); the message names it."""
    finding = _header_finding(catalog, ctx.locale)
    if finding is not None and finding[0] == WARNING:
        yield 1, finding[1]


@check("plural-count", ERROR, scope="entry", gate="plural")
def plural_count(msg: Message) -> Iterator[str]:
    """A plural entry whose number of ``msgstr[N]`` differs from the header's ``nplurals``."""
    entry = msg.entry
    if entry.msgid_plural and not entry.obsolete:
        count = len(entry.msgstr_plural)
        if count != msg.ctx.nplurals:
            yield f"{count} plural forms, the catalog declares nplurals={msg.ctx.nplurals}"


@check("plural-incomplete", ERROR, scope="entry", gate="plural")
def plural_incomplete(msg: Message) -> Iterator[str]:
    """A plural entry with some forms translated and others left empty.

    Readers whose count picks an empty form see nothing (or the English), and
    ``msgfmt --check`` refuses such an entry when it has a format flag.
    """
    entry = msg.entry
    if entry.obsolete or "fuzzy" in entry.flags or not entry.msgid_plural:
        return
    empty = [index for index, text in sorted(entry.msgstr_plural.items()) if not text]
    if empty and len(empty) < len(entry.msgstr_plural):
        which = ", ".join(f"msgstr[{index}]" for index in empty)
        yield f"{which} {'is' if len(empty) == 1 else 'are'} empty while other forms are translated"


# How a dual word ends, per language whose plural rules give two its own form: Arabic
# -ān/-ayn (بايتان، ساعتين), Hebrew -ayim (יומיים).  Vowel marks are left out first.
DUAL_ENDINGS: dict[str, tuple[str, ...]] = {"ar": ("ان", "ين"), "he": ("יים",)}
_MARKS_RE = re.compile(f"[{ARABIC_TASHKEEL_CLASS}{HEBREW_POINTS_CLASS}]")
_LETTERS_RE = re.compile(r"[^\W\d_]+")


# Hebrew letters written otherwise at the end of a word: a dual's stem has the medial
# shape (יומיים from יום).
_HEBREW_FINAL = str.maketrans("כמנפצ", "ךםןףץ")
# "Two" before a Hebrew noun: the noun after it is its plural (שתי עיניים), not a dual.
_HEBREW_TWO = frozenset({"שני", "שתי"})


def _words(text: str) -> set[str]:
    return set(_LETTERS_RE.findall(_MARKS_RE.sub("", text)))


def _singulars(stem: str, language: str) -> set[str]:
    """How the singular a dual is built on may be spelled: بايت (بايتان), ساعة (ساعتان),
    مستشفى (مستشفيان), יום (יומיים), שנה (שנתיים)."""
    if language == "he":
        found = {stem[:-1] + stem[-1].translate(_HEBREW_FINAL)}
        if stem.endswith("ת"):
            found.add(stem[:-1] + "ה")
        return found
    found = {stem}
    if stem.endswith("ت"):
        found.add(stem[:-1] + "ة")
    if stem.endswith("ي"):
        found.add(stem[:-1] + "ى")
    return found


@check("plural-dual", WARNING, gate="plural")
def plural_dual(msg: Message) -> Iterator[str]:
    """A plural form for other counts uses the dual word of the form for two ("5 بايتان":
    five "two bytes"); Arabic and Hebrew."""
    language = msg.ctx.language
    endings = DUAL_ENDINGS.get(language)
    if endings is None:
        return
    single = msg.ctx.single_n
    two = next((index for index, n in single.items() if n == 2), None)
    forms = msg.entry.msgstr_plural
    if two is None or not forms.get(two):
        return
    one = next((index for index, n in single.items() if n == 1), None)
    words = {index: _words(text) for index, text in forms.items() if text}
    if language == "he" and words[two] & _HEBREW_TWO:
        return
    # The singulars the other forms write (بايت in "%(n)d بايت"): a dual is built on one.
    others = set().union(*(found for index, found in words.items() if index != two))
    # Words of the dual form that end like a dual, are built on a singular of the other
    # forms (not إنسان "human", nor a Hebrew adjective's plural such as זמניים) and that
    # the form for one lacks (a word both share, such as مرتين "twice", is no dual of the
    # counted noun).
    duals = {
        word
        for word in words[two] - words.get(one, set())
        for ending in endings
        if word.endswith(ending)
        and len(word) > 3
        and _singulars(word[: -len(ending)], language) & others
    }
    if not duals:
        return
    for index, found in sorted(words.items()):
        if index in single:
            continue
        used = sorted(duals & found)
        if used:
            yield (
                f"msgstr[{index}] uses {used[0]!r}, the dual of msgstr[{two}] (the form for"
                " two); the counts of this form need the plural"
            )
            return
