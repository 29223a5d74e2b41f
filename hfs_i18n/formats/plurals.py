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
from collections.abc import Callable
from dataclasses import dataclass

import babel
import babel.plural
from babel.plural import to_gettext

CATEGORY_ORDER = ("zero", "one", "two", "few", "many", "other")
MAX_NPLURALS = len(CATEGORY_ORDER)
MAX_EXPRESSION_LENGTH = 1000  # gettext.c2py's limit too; the longest CLDR formula is ~200
MAX_EXPRESSION_DEPTH = 40

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


class PluralFormsError(ValueError):
    """A ``Plural-Forms`` header that cannot be used; the message names the header."""


@dataclass(frozen=True)
class PluralForms:
    """The number of forms and the C expression that picks one for ``n``."""

    count: int
    expression: str

    @property
    def header(self) -> str:
        """The value of the ``Plural-Forms`` header field."""
        return f"nplurals={self.count}; plural={self.expression};"

    def select(self, n: int) -> int:
        """The form index for ``n``; :class:`PluralFormsError` if the header cannot say."""
        try:
            index = compile_expression(self.expression)(n)
        except ZeroDivisionError:
            raise PluralFormsError(
                f"Plural-Forms {self.header[:100]!r} divides by zero for n={n}"
            ) from None
        if not 0 <= index < self.count:
            raise PluralFormsError(
                f"Plural-Forms {self.header[:100]!r} gives form {index} for n={n}, "
                f"outside 0..{self.count - 1}"
            )
        return index


def plural_forms_problem(header: str) -> str | None:
    """Why a ``Plural-Forms`` header cannot be used, or None: the shape, the number of
    forms, the expression's syntax, and its value for every n up to 1000 (and 10**6)."""
    forms = _parse_shape(header)
    if forms is None:
        return f"malformed Plural-Forms header {header[:100]!r}"
    if not 1 <= forms.count <= MAX_NPLURALS:
        return (
            f"Plural-Forms {header[:100]!r}: nplurals must be 1 to {MAX_NPLURALS} "
            "(CLDR has at most six plural categories)"
        )
    try:
        compile_expression(forms.expression)
        for n in SAMPLE_COUNTS:
            forms.select(n)
    except PluralFormsError as exc:
        return str(exc)
    try:
        # Rendering reads MO files with Python's gettext, whose own translation of the
        # expression must accept it too (it does for every expression msgfmt accepts).
        gettext.c2py(forms.expression)
    except (ValueError, SyntaxError, RecursionError):
        return f"Plural-Forms {header[:100]!r}: an expression gettext cannot evaluate"
    return None


def plural_forms_keys(metadata: dict[str, str]) -> list[str]:
    """The header's keys that name the plural forms, whatever their case (gettext reads
    the last of them; two of them is an error of its own)."""
    return [key for key in metadata if key.strip().lower() == "plural-forms"]


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


def _parse_shape(header: str) -> PluralForms | None:
    # "nplurals=" and "plural=" written exactly so: msgfmt looks for those strings, and
    # Python's GNUTranslations splits the header at "plural=" (a space before "=" made it
    # fail with a traceback at render time).
    match = re.fullmatch(r"\s*nplurals=\s*(\d{1,12})\s*;\s*plural=([^;]*)(?:;\s*)?", header)
    if match is None or not match.group(2).strip():
        return None
    return PluralForms(int(match.group(1)), match.group(2).strip())


def parse_plural_forms(header: str) -> PluralForms | None:
    """Read a ``Plural-Forms`` header value; None when it is not of the usual shape, has
    more than :data:`MAX_NPLURALS` forms, or its expression is not a valid C expression
    (:func:`plural_forms_problem` says why)."""
    forms = _parse_shape(header)
    if forms is None or not 1 <= forms.count <= MAX_NPLURALS:
        return None
    try:
        compile_expression(forms.expression)
    except PluralFormsError:
        return None
    return forms


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
    forms = PluralForms(nplurals, expression)
    hits: dict[int, list[int]] = {}
    try:
        compile_expression(expression)
        selected = [(forms.select(n), n) for n in (*range(1001), 1_000_000)]
    except PluralFormsError:
        return {}
    for index, n in selected:
        counts = hits.setdefault(index, [])
        if len(counts) < 2:
            counts.append(n)
    return {form: counts[0] for form, counts in hits.items() if len(counts) == 1}


# --- the C expression of ``plural=`` -----------------------------------------------------

_TOKEN_RE = re.compile(r"\s*(?:(\d{1,18})|(n)\b|(&&|\|\||[=!<>]=|[-+*/%<>!?:()]))")
# Binary operators by precedence, lowest first (C's order; ?: is below all of them).
_BINARY = (
    ("||",),
    ("&&",),
    ("==", "!="),
    ("<", "<=", ">", ">="),
    ("+", "-"),
    ("*", "/", "%"),
)


def _c_div(a: int, b: int) -> int:
    q = abs(a) // abs(b)  # ZeroDivisionError for b == 0: reported by PluralForms.select
    return q if (a >= 0) == (b >= 0) else -q


def _c_mod(a: int, b: int) -> int:
    return a - b * _c_div(a, b)


_OPERATIONS: dict[str, Callable[[int, int], int]] = {
    "||": lambda a, b: int(bool(a) or bool(b)),
    "&&": lambda a, b: int(bool(a) and bool(b)),
    "==": lambda a, b: int(a == b),
    "!=": lambda a, b: int(a != b),
    "<": lambda a, b: int(a < b),
    "<=": lambda a, b: int(a <= b),
    ">": lambda a, b: int(a > b),
    ">=": lambda a, b: int(a >= b),
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": _c_div,
    "%": _c_mod,
}

Evaluate = Callable[[int], int]


class _Parser:
    """Recursive descent over gettext's plural grammar (the one GNU's plural.y accepts)."""

    def __init__(self, expression: str) -> None:
        self.expression = expression
        self.tokens: list[str] = []
        pos = 0
        text = expression.rstrip()
        while pos < len(text):
            match = _TOKEN_RE.match(text, pos)
            if match is None:
                raise self.error(f"unexpected {text[pos:].strip()[:10]!r}")
            self.tokens.append(match.group(match.lastindex or 0))
            pos = match.end()
        self.pos = 0
        self.depth = 0

    def error(self, why: str) -> PluralFormsError:
        return PluralFormsError(f"invalid plural expression {self.expression[:80]!r}: {why}")

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            raise self.error(f"expected {expected or 'more'}")
        self.pos += 1
        return token

    def parse(self) -> Evaluate:
        result = self.ternary()
        if self.peek() is not None:
            raise self.error(f"unexpected {self.peek()!r}")
        return result

    def ternary(self) -> Evaluate:
        self.depth += 1
        if self.depth > MAX_EXPRESSION_DEPTH:
            raise self.error(f"nested deeper than {MAX_EXPRESSION_DEPTH}")
        condition = self.binary(0)
        if self.peek() == "?":
            self.take("?")
            then = self.ternary()
            self.take(":")
            otherwise = self.ternary()
            self.depth -= 1
            return lambda n: then(n) if condition(n) else otherwise(n)
        self.depth -= 1
        return condition

    def binary(self, level: int) -> Evaluate:
        if level == len(_BINARY):
            return self.unary()
        first = self.binary(level + 1)
        rest: list[tuple[Callable[[int, int], int], Evaluate]] = []
        while self.peek() in _BINARY[level]:
            operation = _OPERATIONS[self.take()]
            rest.append((operation, self.binary(level + 1)))
        if not rest:
            return first

        # A loop, not nested closures: "n+n+n+…" must not nest as deep as it is long.
        def chain(n: int) -> int:
            value = first(n)
            for operation, operand in rest:
                value = operation(value, operand(n))
            return value

        return chain

    def unary(self) -> Evaluate:
        token = self.take()
        if token == "!":
            self.depth += 1
            if self.depth > MAX_EXPRESSION_DEPTH:
                raise self.error(f"nested deeper than {MAX_EXPRESSION_DEPTH}")
            inner = self.unary()
            self.depth -= 1
            return lambda n: int(not inner(n))
        if token == "(":
            inner = self.ternary()
            self.take(")")
            return inner
        if token == "n":
            return lambda n: n
        if token.isdigit():
            value = int(token)
            return lambda n: value
        raise self.error(f"unexpected {token!r}")


_COMPILED: dict[str, Evaluate] = {}


def compile_expression(expression: str) -> Evaluate:
    """A function of ``n`` for a C plural expression; :class:`PluralFormsError` if it is
    not one.  Evaluation raises ``ZeroDivisionError`` (see :meth:`PluralForms.select`)."""
    if expression not in _COMPILED:
        if len(expression) > MAX_EXPRESSION_LENGTH:
            raise PluralFormsError(
                f"plural expression longer than {MAX_EXPRESSION_LENGTH} characters"
            )
        if len(_COMPILED) > 256:
            _COMPILED.clear()
        _COMPILED[expression] = _Parser(expression).parse()
    return _COMPILED[expression]
