"""Plural-Forms: CLDR categories in CLDR order, as GNU gettext and Weblate write them."""

from __future__ import annotations

import gettext
import subprocess
from pathlib import Path

import pytest
from support import requires_gettext

from hfs_i18n.formats.plurals import (
    GETTEXT_FORMULAS,
    SAMPLE_COUNTS,
    cldr_categories,
    cldr_category,
    cldr_plural_forms,
)


def test_arabic_and_turkish_headers_are_exactly_gettexts():
    assert cldr_plural_forms("ar").header == (
        "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
        "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"
    )
    assert cldr_plural_forms("tr").header == "nplurals=2; plural=(n != 1);"
    assert cldr_plural_forms("ar_EG").header == cldr_plural_forms("ar").header
    assert cldr_plural_forms("ar-XB").header == cldr_plural_forms("ar").header


def test_arabic_formula_gives_cldr_category_for_every_n_up_to_1000():
    pick = gettext.c2py(cldr_plural_forms("ar").expression)
    categories = cldr_categories("ar")
    assert categories == ["zero", "one", "two", "few", "many", "other"]
    expected = {0: "zero", 1: "one", 2: "two", 3: "few", 10: "few", 11: "many", 99: "many"}
    expected |= {100: "other", 101: "other", 102: "other", 103: "few", 111: "many"}
    for n, category in expected.items():
        assert categories[pick(n)] == category, n
    for n in range(1001):
        assert categories[pick(n)] == cldr_category("ar", n), n


@pytest.mark.parametrize("language", sorted(GETTEXT_FORMULAS))
def test_every_tabled_formula_agrees_with_cldr(language: str):
    count, expression = GETTEXT_FORMULAS[language]
    categories = cldr_categories(language)
    assert len(categories) == count
    pick = gettext.c2py(expression)
    for n in SAMPLE_COUNTS:
        assert categories[pick(n)] == cldr_category(language, n), (language, n)


def test_languages_missing_from_the_table_come_from_cldr():
    welsh = cldr_plural_forms("cy")
    assert welsh.count == 6
    pick = gettext.c2py(welsh.expression)
    categories = cldr_categories("cy")
    assert [categories[pick(n)] for n in (0, 1, 2, 3, 6, 7)] == [
        "zero",
        "one",
        "two",
        "few",
        "many",
        "other",
    ]


@requires_gettext
@pytest.mark.parametrize("language", ["ar", "tr", "fa", "he", "ur", "es", "ru", "cy"])
def test_msgfmt_accepts_the_header(tmp_path: Path, language: str):
    forms = cldr_plural_forms(language)
    body = "".join(f'msgstr[{i}] "x %d"\n' for i in range(forms.count))
    po = tmp_path / f"{language}.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Language: {language}\\n"\n"Plural-Forms: {forms.header}\\n"\n\n'
        '#, c-format\nmsgid "%d day"\nmsgid_plural "%d days"\n' + body,
        encoding="utf-8",
    )
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
