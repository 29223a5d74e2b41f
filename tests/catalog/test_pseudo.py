"""Pseudo-locales: transformations keep code intact, catalogs compile and pass check, and
hard-coded template text is found with its template and line."""

from __future__ import annotations

import dataclasses
import re
import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import REPO, msgfmt_check, requires_gettext

from hfs_i18n.catalog.pseudo import (
    ACCENTS,
    PROTECTED_RE,
    accent,
    mirror,
    write_pseudo_catalogs,
)
from hfs_i18n.cli import main
from hfs_i18n.config import load_project
from hfs_i18n.formats.plurals import cldr_plural_forms
from hfs_i18n.formats.po import read_po
from hfs_i18n.render.leaks import UnmarkedString, find_unmarked_strings
from hfs_i18n.text.bidi import RLM

SAMPLES = [
    "Call %(phone)s today.",
    "<strong>Call your local emergency number</strong> if your face droops.",
    'See <a href="https://www.example.org/x">our page</a> at https://www.example.org/a?b=c.',
    "Write to info@example.org &amp; ask for {name} or %s, 100%% sure.",
    "Page %(page)s of %(pages)s",
    "Take 100 mg twice a day.<br>Don't stop.",
]
BIDI_CONTROLS_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _code(text: str) -> list[str]:
    return PROTECTED_RE.findall(text)


def _prose(text: str) -> str:
    return PROTECTED_RE.sub("", text)


@pytest.mark.parametrize("text", SAMPLES)
def test_accent_keeps_placeholders_and_markup_and_marks_every_letter(text: str) -> None:
    result = accent(text)
    assert _code(result) == _code(text)
    assert result.startswith("[") and result.endswith("]")
    assert not re.search("[A-Za-z]", _prose(result))
    assert len(_prose(result)) >= 1.4 * len(_prose(text).strip())


@pytest.mark.parametrize("text", SAMPLES)
def test_mirror_keeps_placeholders_and_markup_and_reads_right_to_left(text: str) -> None:
    result = mirror(text)
    assert _code(result) == _code(text)
    assert RLM in result and not BIDI_CONTROLS_RE.search(result)
    assert "ruoy" in mirror("your") and mirror("3 mg").endswith(f"{RLM}gm{RLM}")


def test_edge_newlines_stay_outside_the_brackets() -> None:
    assert accent("\nHi\n") == "\n[Ĥî öñé]\n"


@pytest.fixture(scope="module")
def real_catalogs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both pseudo catalogs of the real POT, written outside the repository."""
    project = load_project(REPO)
    catalogs = tmp_path_factory.mktemp("locales")
    shutil.copy(project.pot_path, catalogs / project.pot_path.name)
    paths = write_pseudo_catalogs(dataclasses.replace(project, catalog_dir=catalogs))
    return {path.parent.parent.name: path for path in paths}


@pytest.mark.parametrize("locale", ["en-XA", "ar-XB"])
def test_every_message_of_the_real_pot_keeps_its_code_and_plural_forms(
    real_catalogs: dict[str, Path], locale: str
) -> None:
    pot = read_po(REPO / "locales" / "messages.pot")
    catalog = read_po(real_catalogs[locale])
    nplurals = cldr_plural_forms({"en-XA": "en", "ar-XB": "ar"}[locale]).count
    assert (
        catalog.metadata["Plural-Forms"]
        == cldr_plural_forms({"en-XA": "en", "ar-XB": "ar"}[locale]).header
    )
    translated = {(e.msgctxt, e.msgid): e for e in catalog}
    assert len(translated) == len([e for e in pot if not e.obsolete])
    plurals = 0
    for source in pot:
        entry = translated[(source.msgctxt, source.msgid)]
        if source.msgid_plural:
            plurals += 1
            assert sorted(entry.msgstr_plural) == list(range(nplurals))
            for text in entry.msgstr_plural.values():
                assert sorted(_code(text)) in (
                    sorted(_code(source.msgid)),
                    sorted(_code(source.msgid_plural)),
                )
        else:
            assert _code(entry.msgstr) == _code(source.msgid)
    assert plurals > 0


@requires_gettext
@pytest.mark.parametrize("locale", ["en-XA", "ar-XB"])
def test_pseudo_catalogs_pass_msgfmt_check(real_catalogs: dict[str, Path], locale: str) -> None:
    result = msgfmt_check(real_catalogs[locale])
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("locale", ["en-XA", "ar-XB"])
def test_pseudo_catalogs_pass_hfs_check(real_catalogs: dict[str, Path], locale: str) -> None:
    path = str(real_catalogs[locale])
    result = CliRunner().invoke(
        main, ["--project", str(REPO), "check", "--fail-on", "warning", path]
    )
    assert result.exit_code == 0, result.output
    assert "no findings" in result.output


def test_pseudo_command_writes_both_catalogs(tmp_path: Path) -> None:
    project = _tiny_project(tmp_path, "<p>{% trans %}Hello{% endtrans %}</p>")
    runner = CliRunner()
    assert runner.invoke(main, ["--project", str(project), "extract"]).exit_code == 0
    result = runner.invoke(main, ["--project", str(project), "pseudo"])
    assert result.exit_code == 0, result.output
    assert "locales/en-XA/LC_MESSAGES/messages.po" in result.output
    en = read_po(project / "locales/en-XA/LC_MESSAGES/messages.po")
    assert [e.msgstr for e in en if e.msgid == "Hello"] == ["[Ĥéļļö öñé]"]
    assert (project / "locales/ar-XB/LC_MESSAGES/messages.po").is_file()


def test_ar_xb_renders_right_to_left(tmp_path: Path) -> None:
    from hfs_i18n.render.site import make_site

    project = load_project(REPO)
    site = make_site(project, ["ar-XB"])
    page = site.render("ar-XB", site.documents[0], "html")
    assert 'dir="rtl"' in page and RLM in page


LAYOUT = """\
<!DOCTYPE html>
<html lang="{{ lang }}" dir="{{ dir }}">
<head><title>{% block title %}{% endblock %}</title></head>
<body>
<header><p>{{ clinic.name }}</p></header>
<main><h1>{{ self.title() }}</h1>
{% block content %}{% endblock %}
<p>{% trans date=document.reviewed|format_date(format="long") %}Last reviewed: {{ date }}
{% endtrans %}</p>
</main>
<footer>{{ _("Phone: %(phone)s", phone=clinic.phone|ltr) }} {{ clinic.email|ltr }}</footer>
</body>
</html>
"""


def _tiny_project(root: Path, content: str) -> Path:
    """A project with one document whose content block is ``content``."""
    templates = root / "templates"
    (templates / "layout").mkdir(parents=True)
    (templates / "documents").mkdir()
    (templates / "layout" / "document.html").write_text(LAYOUT, encoding="utf-8")
    (templates / "documents" / "page.html").write_text(
        '{% extends "layout/document.html" %}\n'
        "{% block title %}{% trans %}A page{% endtrans %}{% endblock %}\n"
        "{% block content %}\n" + content + "\n{% endblock %}\n",
        encoding="utf-8",
    )
    (templates / "documents.toml").write_text(
        '[[documents]]\nslug = "page"\ntemplate = "documents/page.html"\n'
        'kind = "handout"\nreviewed = 2026-11-15\n',
        encoding="utf-8",
    )
    (root / "clinic.toml").write_text(
        textwrap.dedent(
            """\
            [clinic]
            name = "Tiny Clinic"
            address = "2 Small Road"
            phone = "+44 20 7946 0001"
            email = "desk@tiny.example"
            website = "https://tiny.example"
            """
        ),
        encoding="utf-8",
    )
    (root / "hfs-i18n.toml").write_text(
        'name = "tiny"\nlocales = ["ar"]\nclinic = "clinic.toml"\n'
        'documents = "templates/documents.toml"\n',
        encoding="utf-8",
    )
    return root


def test_hard_coded_text_is_reported_with_its_template_and_line(tmp_path: Path) -> None:
    content = (
        "<p>{% trans %}Botulinum toxin helps.{% endtrans %}</p>\n"
        "<p>\n  Call us if it gets worse.\n</p>\n"
        '<img src="x.png" alt="{{ _(\'A face\') }}">\n'
        '<img src="y.png" alt="Diagram of the nerve">'
    )
    project = load_project(_tiny_project(tmp_path, content))
    assert find_unmarked_strings(project) == [
        UnmarkedString("templates/documents/page.html", 6, "Call us if it gets worse."),
        UnmarkedString("templates/documents/page.html", 9, "Diagram of the nerve"),
    ]


def test_the_real_project_has_no_hard_coded_text() -> None:
    assert find_unmarked_strings(load_project(REPO)) == []


def test_accent_map_is_one_to_one() -> None:
    targets = [chr(c) for c in ACCENTS.values()]
    assert len(set(targets)) == 52
