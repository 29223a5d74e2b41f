"""Adding a language: ``init`` registers it, thresholds default, catalogs fall back."""

from __future__ import annotations

import gettext
import locale as locale_module
import tomllib
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from support import make_project, write_project

from hfs_i18n.build import BuildOptions, make_plan
from hfs_i18n.catalog.fallback import fallback_chain
from hfs_i18n.catalog.init import with_locale
from hfs_i18n.cli import main
from hfs_i18n.config import load_project


def run(project_dir: Path, *args: str):
    return CliRunner().invoke(main, ["--project", str(project_dir), *args])


# --------------------------------------------------------------------------- init registers

PYPROJECT = """\
# A clinic's repository.
[project]
name = "clinic-handouts"   # the name catalogs carry

[tool.hfs-i18n]
source-locale = "en"
locales = [
    "ar",  # Arabic: reviewed by Dr. A.
    "tr",
]
templates = ["templates"]

[tool.hfs-i18n.min-complete]
default = 90
ar = 100

[tool.ruff]
line-length = 100
"""


def test_init_adds_the_locale_and_keeps_every_other_byte(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p")
    (root / "hfs-i18n.toml").unlink()
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    assert run(root, "extract").exit_code == 0
    result = run(root, "init", "es")
    assert result.exit_code == 0, result.output
    assert "pyproject.toml: added 'es' to `locales`" in result.output
    assert "default min-complete, 90%" in result.output
    after = (root / "pyproject.toml").read_text(encoding="utf-8")
    assert after == PYPROJECT.replace('    "tr",\n', '    "tr",\n    "es",\n')
    assert load_project(root).locales == ("ar", "tr", "es")
    assert load_project(root).threshold("es") == 90
    # A second init (--force) does not add it twice; --no-register leaves the file alone.
    assert run(root, "init", "es", "--force").exit_code == 0
    assert run(root, "init", "fa", "--no-register").exit_code == 0
    assert (root / "pyproject.toml").read_text(encoding="utf-8") == after


@pytest.mark.parametrize(
    ("text", "pyproject", "expected_locales"),
    [
        ('name = "d"\n[min-complete]\nar = 100\n', False, ["fa"]),
        ('locales = "ar"\n', False, ["ar", "fa"]),
        ('[project]\nname = "x"\n', True, ["fa"]),
        ('[tool.black]\nx = 1\n[tool.hfs-i18n]\nlocales = ["ar"]\n', True, ["ar", "fa"]),
    ],
)
def test_with_locale_creates_or_extends_the_list(
    text: str, pyproject: bool, expected_locales: list[str]
) -> None:
    new = with_locale(text, "fa", pyproject)
    assert new is not None
    assert all(line in new for line in text.splitlines() if not line.startswith("locales"))
    data = tomllib.loads(new)
    settings = data["tool"]["hfs-i18n"] if pyproject else data
    assert settings["locales"] == expected_locales
    assert with_locale(new, "fa", pyproject) is None


def test_init_without_a_config_file_creates_one(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p")
    (root / "hfs-i18n.toml").unlink()
    assert run(root, "extract").exit_code == 0
    assert run(root, "init", "fa").exit_code == 0
    assert tomllib.loads((root / "hfs-i18n.toml").read_text(encoding="utf-8")) == {
        "locales": ["fa"]
    }


def test_init_says_when_the_clinic_profile_leaves_the_locale_out(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    clinic = root / "clinics" / "example.toml"
    clinic.write_text(
        clinic.read_text(encoding="utf-8") + 'locales = ["en", "ar"]\n', encoding="utf-8"
    )
    (root / "locales" / "messages.pot").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    result = run(root, "init", "es")
    assert result.exit_code == 0, result.output
    assert "clinics/example.toml offers only en, ar; add 'es'" in result.output


# --------------------------------------------------------------------------- clinic locales


def test_a_clinic_without_locales_offers_every_project_locale(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    clinic = (root / "clinics" / "example.toml").read_text(encoding="utf-8")
    assert "\nlocales" not in clinic  # the sample profile offers every locale
    (root / "hfs-i18n.toml").write_text(
        (root / "hfs-i18n.toml").read_text(encoding="utf-8").replace('"tr"]', '"tr", "es"]'),
        encoding="utf-8",
    )
    plan = make_plan(load_project(root), BuildOptions(out=root / "dist"))
    assert plan.locales == ["en", "ar", "tr", "es"] and plan.skipped == []
    (root / "clinics" / "example.toml").write_text(
        clinic + 'locales = ["en", "tr"]\n', encoding="utf-8"
    )
    plan = make_plan(load_project(root), BuildOptions(out=root / "dist"))
    assert plan.locales == ["en", "tr"] and plan.skipped == ["ar", "es"]


# --------------------------------------------------------------------------- thresholds


def _new_spanish(root: Path, thresholds: str) -> None:
    (root / "hfs-i18n.toml").write_text(
        'name = "demo"\nlocales = ["es"]\ntemplates = ["templates"]\n' + thresholds,
        encoding="utf-8",
    )
    assert run(root, "extract").exit_code == 0
    assert run(root, "init", "es").exit_code == 0


def test_a_new_locale_gets_the_default_threshold(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p")
    _new_spanish(root, "[min-complete]\ndefault = 80\n")
    result = run(root, "check")
    assert result.exit_code == 1
    assert "es: 0.00% complete" in result.output and "threshold 80%: FAIL" in result.output


def test_an_ungated_empty_catalog_is_a_warning_line_not_silence(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p")
    _new_spanish(root, "")
    result = run(root, "check")
    assert result.exit_code == 0  # the documented default threshold is 0%
    assert (
        "warning: es: 0.00% complete and no min-complete threshold, so CI does not gate it"
        in result.output
    )
    github = run(root, "check", "--format", "github").output
    assert "::warning file=locales/es/LC_MESSAGES/messages.po,line=1," in github


# --------------------------------------------------------------------------- fallback


@pytest.mark.parametrize("tag", ["ar_EG", "pt_BR", "sr_RS@latin", "de_AT"])
def test_fallback_order_is_gettexts(tag: str) -> None:
    # GNU gettext's order, as Python's gettext.find expands a language (codesets aside).
    normalized = locale_module.normalize(tag)
    expected = [
        t
        for t in gettext._expand_lang(normalized)  # type: ignore[attr-defined]
        if "." not in t
    ]
    assert fallback_chain(tag) == expected


@pytest.mark.parametrize(
    ("tag", "chain"),
    [
        ("ar-EG", ["ar-EG", "ar_EG", "ar"]),
        ("zh_Hant_TW", ["zh_Hant_TW", "zh_TW", "zh_Hant"]),  # never Simplified zh
        ("zh_TW", ["zh_TW", "zh_Hant"]),
        ("es_MX", ["es_MX", "es_419", "es"]),  # CLDR parent locale
        ("pt_AO", ["pt_AO", "pt_PT", "pt"]),
    ],
)
def test_fallback_follows_cldr_parents_and_keeps_the_script(tag: str, chain: list[str]) -> None:
    assert fallback_chain(tag) == chain


def test_build_ar_eg_renders_the_arabic_catalog(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    result = run(root, "build", "--locale", "ar-EG", "--format", "html", "-j", "1")
    assert result.exit_code == 0, result.output
    page = (root / "dist" / "ar-EG" / "living.html").read_text(encoding="utf-8")
    assert 'lang="ar-EG"' in page and 'dir="rtl"' in page
    assert "ترتعش عضلات جانب واحد من الوجه." in page
    assert "The muscles on one side" not in page
    readability = run(root, "readability", "--locale", "ar-EG", "--format", "json")
    assert readability.exit_code == 0, readability.output
    assert '"metric": "OSMAN"' in readability.output


def test_a_locale_without_any_catalog_is_an_error_not_english(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    result = run(root, "build", "--locale", "fa", "--format", "html", "-j", "1")
    assert result.exit_code == 1
    assert "locales/fa/LC_MESSAGES/messages.po" in result.output
    assert "no catalog for locale 'fa'" in result.output
    assert not (root / "dist" / "fa").exists()
    assert run(root, "readability", "--locale", "fa").exit_code == 1
    # A variant of the source language needs no catalog: it is the source text.
    assert run(root, "build", "--locale", "en-GB", "--format", "html", "-j", "1").exit_code == 0


# --------------------------------------------------------------------------- end to end

SPANISH = {
    "Living with hemifacial spasm": "Vivir con espasmo hemifacial",
    "What is it?": "¿Qué es?",
    "The muscles on one side of the face twitch.": "Los músculos de un lado de la cara tiemblan.",
    "Call us on %(phone)s.": "Llámenos al %(phone)s.",
}
PERSIAN = {
    "Living with hemifacial spasm": "زندگی با اسپاسم نیم‌صورت",
    "What is it?": "این چیست؟",
    "The muscles on one side of the face twitch.": "عضلات یک طرف صورت می‌پرند.",
    "Call us on %(phone)s.": "با ما به شمارهٔ %(phone)s تماس بگیرید.",
}


def _translate(path: Path, translations: dict[str, str]) -> None:
    catalog = polib.pofile(str(path))
    for entry in catalog:
        entry.msgstr = translations.get(entry.msgid, entry.msgstr)
    catalog.save(str(path))


def test_init_translate_check_readability_build_for_two_new_languages(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    assert run(root, "extract").exit_code == 0
    for tag, translations in (("es", SPANISH), ("fa", PERSIAN)):
        assert run(root, "init", tag).exit_code == 0
        _translate(root / "locales" / tag / "LC_MESSAGES" / "messages.po", translations)
    assert load_project(root).locales == ("ar", "tr", "es", "fa")

    check = run(root, "check", "--locale", "es", "--locale", "fa")
    assert check.exit_code == 0, check.output
    assert "warning: es:" in check.output and "warning: fa:" in check.output

    readability = run(root, "readability", "--strict")
    assert readability.exit_code == 0, readability.output
    rows = {tuple(line.split()[1:3]) for line in readability.output.splitlines()[1:]}
    assert ("es", "Szigriszt-Pazos") in rows and ("fa", "no") in rows

    build = run(root, "build", "--format", "html", "-j", "1")
    assert build.exit_code == 0, build.output
    spanish = (root / "dist" / "es" / "living.html").read_text(encoding="utf-8")
    persian = (root / "dist" / "fa" / "living.html").read_text(encoding="utf-8")
    assert 'lang="es" dir="ltr"' in spanish and "Vivir con espasmo hemifacial" in spanish
    assert 'lang="fa" dir="rtl"' in persian and "زندگی با اسپاسم نیم\u200cصورت" in persian
    assert 'hreflang="fa"' in spanish  # every language version links the new ones
