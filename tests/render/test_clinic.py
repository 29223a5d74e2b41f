"""Issue 19: the clinic profile names the fix for a typo, gives its name and address per
language, and an optional number to call at any hour (issue 17)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import polib
import pytest
from support import REPO, letters, make_project, pdftotext

from hfs_i18n.build import BuildOptions, build
from hfs_i18n.config import load_project
from hfs_i18n.errors import InputError
from hfs_i18n.render.clinic import Clinic, load_clinic
from hfs_i18n.render.site import make_site

BASE = """\
[clinic]
name = "Example Neurology Clinic"
address = "1 Example Street"
phone = "+44 20 7946 0000"
email = "info@example.org"
website = "https://www.example.org"
"""
NAMES = {
    "en": "Example Neurology Clinic",
    "ar": "عيادة المثال لطب الأعصاب",
    "ar-EG": "عيادة المثال بالقاهرة",
    "tr": "Örnek Nöroloji Kliniği",
}
PER_LOCALE = BASE.replace(
    'name = "Example Neurology Clinic"\n',
    "name = { " + ", ".join(f'{tag} = "{name}"' for tag, name in NAMES.items()) + " }\n",
)


def profile(folder: Path, text: str) -> Path:
    path = folder / "clinic.toml"
    path.write_text(text, encoding="utf-8")
    return path


def error(folder: Path, text: str, source_locale: str = "en") -> str:
    path = profile(folder, text)
    with pytest.raises(InputError) as info:
        load_clinic(path, source_locale)
    assert str(info.value).startswith(f"{path}:") and "\n" not in str(info.value)
    return info.value.detail


def error_line(folder: Path, text: str) -> int | None:
    with pytest.raises(InputError) as info:
        load_clinic(profile(folder, text))
    return info.value.line


# --------------------------------------------------------------------------- 1. typos


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            BASE.replace("[clinic]\n", "").replace("phone =", "phnoe ="),
            "unknown field 'phnoe' (did you mean 'phone'?)",  # fields without a [clinic] header
        ),
        (BASE.replace("[clinic]", "[clinc]"), "unknown table 'clinc' (did you mean 'clinic'?)"),
        (
            BASE + "[clinc]\nlogo = 'x.png'\n",
            "unknown table 'clinc' (did you mean 'clinic'?)",
        ),
        (BASE + "Paper = 'A4'\n", "unknown field 'Paper' (did you mean 'paper'?)"),
        (
            BASE + "urgent_phnoe = '+44 20 7946 0999'\n",
            "unknown field 'urgent_phnoe' (did you mean 'urgent_phone'?)",
        ),
        (
            BASE + "[clinic.adress]\nen = 'x'\n",
            "unknown field 'adress' (did you mean 'address'?)",
        ),
        (
            BASE + "fax = '+44 20 7946 0001'\n",
            "unknown field 'fax' (valid names: name, address, phone, email, website, "
            "urgent_phone, logo, paper, locales, variants)",
        ),
        (BASE + "paper = 'B5'\n", "field 'paper' must be one of A4, Letter"),
    ],
    ids=["flat-field", "table", "extra-table", "case", "urgent", "sub-table", "none", "paper"],
)
def test_a_typo_is_named_with_the_closest_valid_name(
    tmp_path: Path, text: str, message: str
) -> None:
    assert error(tmp_path, text) == message


def test_the_typo_is_reported_before_the_missing_field(tmp_path: Path) -> None:
    assert error(tmp_path, BASE.replace("phone =", "phnoe =")) == (
        "unknown field 'phnoe' (did you mean 'phone'?)"
    )


def test_the_error_names_the_line(tmp_path: Path) -> None:
    assert error_line(tmp_path, BASE.replace("phone =", "phnoe =")) == 4
    assert error_line(tmp_path, BASE.replace("[clinic]", "[clinc]")) == 1
    assert error_line(tmp_path, BASE + "urgent_phone = '12'\n") == 7  # not phone's line 4
    text = BASE.replace('address = "1 Example Street"\n', "")
    assert error_line(tmp_path, text + "[clinic.address]\nen = 'x'\nar = ''\n") == 6
    assert error_line(tmp_path, BASE.replace('"+44 20 7946 0000"', '"12"')) == 4
    assert error_line(tmp_path, BASE.replace("phone = ", "# phone = ")) is None  # missing


@pytest.mark.parametrize(("written", "stored"), [("letter", "Letter"), (" a4", "A4")])
def test_enumerations_are_case_insensitive(tmp_path: Path, written: str, stored: str) -> None:
    clinic = load_clinic(profile(tmp_path, BASE + f"paper = {written!r}\n".replace("'", '"')))
    assert clinic.paper == stored


# --------------------------------------------------------------------------- 2. per locale


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en", "en"),
        ("ar", "ar"),
        ("ar-EG", "ar-EG"),  # its own value
        ("ar_EG", "ar-EG"),  # gettext's spelling of the same locale
        ("ar-SA", "ar"),  # no ar-SA value: its language's
        ("tr", "tr"),
        ("de", "en"),  # no value at all: the default (the source locale's)
        ("en-XA", "en"),  # a pseudo-locale: its base language's
    ],
)
def test_name_follows_the_readers_locale_with_fallback(
    tmp_path: Path, locale: str, expected: str
) -> None:
    clinic = load_clinic(profile(tmp_path, PER_LOCALE))
    assert clinic.name == NAMES["en"]
    resolved = clinic.for_locale(locale)
    assert resolved.name == NAMES[expected]
    assert resolved.address == "1 Example Street"  # a plain string serves every locale


def test_table_form_and_another_source_locale(tmp_path: Path) -> None:
    text = BASE.replace('name = "Example Neurology Clinic"\n', "") + (
        '[clinic.name]\ntr = "Örnek Nöroloji Kliniği"\nar = "عيادة المثال لطب الأعصاب"\n'
    )
    clinic = load_clinic(profile(tmp_path, text), source_locale="tr")
    assert clinic.name == NAMES["tr"]  # the default is the source locale's
    assert clinic.for_locale("en").name == NAMES["tr"]
    assert clinic.for_locale("ar").name == NAMES["ar"]
    assert error(tmp_path, text) == (
        "field 'name' has no 'en' value (the source locale's value is the default for every "
        "other language)"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            '{ en = "A", "ar EG" = "B" }',
            "field 'name': 'ar EG' is not a locale tag such as 'ar' or 'ar-EG'",
        ),
        (
            '{ en = "A", ra = "B" }',
            "field 'name': 'ra' is not a locale tag such as 'ar' or 'ar-EG'",
        ),
        ('{ en = "A", ar = "" }', "field 'name.ar' is required and must be a non-empty string"),
        ('{ en = "A", ar = "B\\u0007" }', "field 'name.ar' holds a control character"),
        ('{ en = "A", ar = "%s" }' % ("ب" * 201), "field 'name.ar' is longer than 200 characters"),
        ('{ en = "A", ar = 1 }', "field 'name.ar' is required and must be a non-empty string"),
        ('{ en = "A", ar = { x = "B" } }', "field 'name.ar' must be a string"),
        ('{ en = "A", ar-EG = "B", ar_eg = "C" }', "field 'name': locale 'ar_eg' is given twice"),
        (
            "{}",
            "field 'name' has no 'en' value (the source locale's value is the default for "
            "every other language)",
        ),
    ],
)
def test_each_per_locale_value_is_validated(tmp_path: Path, value: str, message: str) -> None:
    text = BASE.replace('"Example Neurology Clinic"', value)
    assert error(tmp_path, text) == message


def test_the_number_of_locales_is_bounded(tmp_path: Path) -> None:
    tags = ", ".join(f'"x{n:03}" = "A"' for n in range(201))
    text = BASE.replace('"Example Neurology Clinic"', "{ " + tags + " }")
    assert error(tmp_path, text) == "field 'name' gives more than 200 locales"


def test_only_text_fields_are_given_per_locale(tmp_path: Path) -> None:
    text = BASE.replace('"+44 20 7946 0000"', '{ en = "+44 20 7946 0000" }')
    assert error(tmp_path, text) == (
        "field 'phone' must be a string (it cannot be given per locale)"
    )


def test_pages_show_the_name_in_their_language(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    clinic = profile(tmp_path, PER_LOCALE)
    site = make_site(load_project(root), ["en", "ar", "tr"], clinic)
    for locale in ("en", "ar", "tr"):
        html = site.render(locale, site.documents[0], "html")
        assert [name for name in NAMES.values() if name in html] == [NAMES[locale]]
    # The language chooser is the source locale's page.
    assert NAMES["en"] in site.render_chooser() and NAMES["ar"] not in site.render_chooser()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_an_arabic_handout_shows_the_arabic_name(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    clinic = profile(tmp_path, PER_LOCALE)
    options = BuildOptions(
        out=tmp_path / "dist", locales=("ar", "tr"), clinic=clinic, formats=("pdf",), jobs=1
    )
    build(load_project(root), options)
    arabic = letters(pdftotext(tmp_path / "dist" / "ar" / "living.pdf"))
    assert letters(NAMES["ar"]) in arabic
    assert letters(NAMES["en"]) not in arabic and letters(NAMES["tr"]) not in arabic
    turkish = pdftotext(tmp_path / "dist" / "tr" / "living.pdf")
    assert NAMES["tr"] in turkish and NAMES["en"] not in turkish


# --------------------------------------------------------------------------- 3. any hour


def test_urgent_phone_is_validated_like_phone(tmp_path: Path) -> None:
    assert load_clinic(profile(tmp_path, BASE)).urgent_phone is None
    good = load_clinic(profile(tmp_path, BASE + 'urgent_phone = "+44 20 7946 0999"\n'))
    assert good.urgent_phone == "+44 20 7946 0999"
    assert error(tmp_path, BASE + 'urgent_phone = "0800 999"\n') == (
        "field 'urgent_phone' must be in international format, e.g. +44 20 7946 0000"
    )
    assert error(tmp_path, BASE + 'urgent_phone = ""\n') == (
        "field 'urgent_phone' is required and must be a non-empty string"
    )


def _catalog_msgstr(locale: str, prefix: str) -> str:
    """The translation as the catalog holds it (polib reads the file independently)."""
    po = polib.pofile(str(REPO / "locales" / locale / "LC_MESSAGES" / "messages.po"))
    return next(e.msgstr for e in po if e.msgid.startswith(prefix))


@pytest.mark.parametrize("locale", ["en", "ar", "tr"])
def test_the_number_to_call_at_any_hour(locale: str) -> None:
    site = make_site(load_project(REPO), [locale])
    template = site.environment(locale).get_template("shared/call-any-hour.html")
    clinic = Clinic(
        name="Clinic", address="1 Street", phone="+44 20 7946 0000", email="", website=""
    )
    without = template.render(clinic=clinic, output="html")
    urgent = replace(clinic, urgent_phone="+44 20 7946 0999")
    shown = template.render(clinic=urgent, output="html")
    assert 'class="write-in"' in without and "0999" not in without
    assert 'class="write-in"' not in shown
    assert '<span dir="ltr">+44 20 7946 0999</span>' in shown
    if locale != "en":
        expected = _catalog_msgstr(locale, "<strong>To reach your surgeon's team")
        before, _, after = expected.partition("%(phone)s")
        assert letters(before.removeprefix("<strong>")) in letters(shown)
        assert letters(after.removesuffix("</strong>")) in letters(shown)
