"""Numbering systems: digits from CLDR's definition, checked against Unicode, Babel and the
counter styles WeasyPrint ships (an independent copy of CSS Counter Styles Level 3)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import weasyprint
from babel import Locale, localedata

from hfs_i18n.render.locale import locale_info
from hfs_i18n.text.digits import COUNTER_STYLES, NUMBERING_DIGITS, to_numbering

# Systems some Babel locale uses that render with Western digits, and why.
ALGORITHMIC = {"armn", "cyrl", "ethi", "geor", "grek", "hebr", "taml"}  # not positional digits
CJK = {"hanidec", "hans", "hansfin", "hant", "hantfin", "jpan", "jpanfin"}  # not decimal digits
NO_CSS_STYLE = {"adlm", "cakm", "hmnp", "mtei", "nkoo", "olck", "vaii"}  # no predefined style


@pytest.mark.parametrize("system", sorted(NUMBERING_DIGITS))
def test_digits_are_the_unicode_decimal_digits_in_order(system: str) -> None:
    digits = NUMBERING_DIGITS[system]
    assert [unicodedata.digit(d) for d in digits] == list(range(10))
    assert {unicodedata.category(d) for d in digits} == {"Nd"}


def _weasyprint_counter_styles() -> dict[str, str]:
    """``@counter-style NAME { system: numeric; symbols: … }`` of WeasyPrint's UA sheet."""
    css = (Path(weasyprint.__file__).parent / "css" / "html5_ua.css").read_text("utf-8")
    styles = {}
    for name, body in re.findall(r"@counter-style\s+([\w-]+)\s*\{([^}]*)\}", css):
        symbols = re.search(r"symbols:\s*([^;]+)", body)
        extends = re.search(r"system:\s*extends\s+([\w-]+)", body)
        if "system: numeric" in body and symbols:
            styles[name] = "".join(s.strip('"') for s in symbols.group(1).split())
        elif extends:
            styles[name] = extends.group(1)  # resolved below
    return {name: styles.get(value, value) for name, value in styles.items()}


@pytest.mark.parametrize("system", sorted(COUNTER_STYLES))
def test_each_counter_style_writes_the_same_digits(system: str) -> None:
    styles = _weasyprint_counter_styles()
    assert styles[COUNTER_STYLES[system]] == NUMBERING_DIGITS[system]


def test_every_numbering_system_a_babel_locale_uses_is_known() -> None:
    # A new CLDR that gives some locale a new system fails here until it is sorted.
    used = set()
    for name in localedata.locale_identifiers():
        babel_locale = Locale.parse(name)
        used.add(babel_locale.default_numbering_system)
        used.update(babel_locale.other_numbering_systems.values())
    assert used <= set(NUMBERING_DIGITS) | ALGORITHMIC | CJK | NO_CSS_STYLE, sorted(
        used - set(NUMBERING_DIGITS) - ALGORITHMIC - CJK - NO_CSS_STYLE
    )


@pytest.mark.parametrize(
    ("tag", "system", "style", "written"),
    [
        ("bn", "beng", "bengali", "১২"),
        ("mr", "deva", "devanagari", "१२"),
        ("fa", "arabext", "persian", "۱۲"),
        ("ar-EG", "arab", "arabic-indic", "١٢"),
        ("my", "mymr", "myanmar", "၁၂"),
        ("he", "latn", "decimal", "12"),  # Hebrew numerals are letters, not digits
        ("es", "latn", "decimal", "12"),
    ],
)
def test_locales_write_numbers_in_their_default_system(
    tag: str, system: str, style: str, written: str
) -> None:
    info = locale_info(tag)
    assert (info.numbering_system, info.counter_style) == (system, style)
    assert info.digits("12") == written == to_numbering("12", system)
