"""The catalog pipeline: extract, init, update, compile, stats — with GNU gettext as oracle."""

from __future__ import annotations

import gettext
import json
import os
import shutil
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from support import msgcat, msgfmt_check, requires_gettext, write_project

from hfs_i18n.catalog.stats import project_stats
from hfs_i18n.cli import main
from hfs_i18n.config import load_project
from hfs_i18n.errors import InputError
from hfs_i18n.formats.po import read_po, write_po

AR_PLURALS = (
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
    "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"
)


def run(project_dir: Path, *args: str):
    return CliRunner().invoke(main, ["--project", str(project_dir), *args])


def translate_all(path: Path, text: str = "ترجمة") -> None:
    po = read_po(path)
    for entry in po:
        if entry.msgid_plural:
            entry.msgstr_plural = {i: f"{text} %(count)s" for i in entry.msgstr_plural}
        else:
            entry.msgstr = entry.msgid.replace(entry.msgid.split(" ")[0], text, 1)
    write_po(po, path)


@pytest.fixture
def initialised(project_dir: Path) -> Path:
    assert run(project_dir, "extract").exit_code == 0
    assert run(project_dir, "init", "ar").exit_code == 0
    assert run(project_dir, "init", "tr").exit_code == 0
    return project_dir


# --------------------------------------------------------------------------- extract


def test_extract_writes_trimmed_plural_context_comments_and_references(project_dir: Path):
    result = run(project_dir, "extract")
    assert result.exit_code == 0, result.output
    assert result.output == "locales/messages.pot: 6 messages (written)\n"
    pot = read_po(project_dir / "locales" / "messages.pot")
    by_id = {e.msgid: e for e in pot}
    trimmed = by_id[
        "Hemifacial spasm makes the muscles on one side of the face twitch by themselves."
    ]
    assert trimmed.comment == "a short, calm sentence for patients."
    assert trimmed.occurrences == [("templates/page.html", "3")]
    plural = by_id["The effect lasts about %(count)s month."]
    assert plural.msgid_plural == "The effect lasts about %(count)s months."
    assert plural.flags == ["python-format"]
    assert by_id["Results"].msgctxt == "table header"
    assert pot.metadata["Project-Id-Version"] == "demo"


def test_extract_twice_keeps_the_pot_byte_identical(project_dir: Path):
    run(project_dir, "extract")
    pot = project_dir / "locales" / "messages.pot"
    before = pot.read_bytes()
    os.utime(pot, (0, 0))
    result = run(project_dir, "extract")
    assert "(unchanged)" in result.output
    assert pot.read_bytes() == before
    assert pot.stat().st_mtime == 0


def test_extract_reports_template_syntax_error_with_file_and_line(project_dir: Path):
    (project_dir / "templates" / "bad.html").write_text("ok\n{% trans %}x{% endfor %}\n")
    result = run(project_dir, "extract")
    assert result.exit_code == 1
    assert result.output.startswith("Error: templates/bad.html:2: template error")
    assert "Traceback" not in result.output


# --------------------------------------------------------------------------- init


@requires_gettext
def test_init_writes_cldr_plural_forms_and_msgfmt_accepts_it(initialised: Path):
    ar = initialised / "locales" / "ar" / "LC_MESSAGES" / "messages.po"
    tr = initialised / "locales" / "tr" / "LC_MESSAGES" / "messages.po"
    assert read_po(ar).metadata["Plural-Forms"] == AR_PLURALS
    assert read_po(tr).metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert read_po(ar).metadata["Language"] == "ar"
    plural = next(e for e in read_po(ar) if e.msgid_plural)
    assert sorted(plural.msgstr_plural) == [0, 1, 2, 3, 4, 5]
    for path in (ar, tr):
        check = msgfmt_check(path)
        assert check.returncode == 0, check.stderr
        assert msgcat(path) == path.read_text(encoding="utf-8")


def test_init_refuses_existing_catalog_and_unknown_locale(initialised: Path):
    again = run(initialised, "init", "ar")
    assert again.exit_code == 1
    assert "already exists" in again.output
    unknown = run(initialised, "init", "xx-nope")
    assert unknown.exit_code == 2
    assert "unknown locale" in unknown.output


# --------------------------------------------------------------------------- update


def change_template(project_dir: Path, old: str, new: str) -> None:
    page = project_dir / "templates" / "page.html"
    page.write_text(page.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_update_merges_like_msgmerge(initialised: Path):
    ar = initialised / "locales" / "ar" / "LC_MESSAGES" / "messages.po"
    po = read_po(ar)
    for entry in po:
        if entry.msgid == "What is hemifacial spasm?":
            entry.msgstr = "ما هو تشنج نصف الوجه؟"
            entry.tcomment = "Reviewed by Dr. Haddad"
            entry.flags.append("no-wrap")
        elif entry.msgid == "Call us at %(phone)s.":
            entry.msgstr = "اتصلوا بنا على %(phone)s."
        elif entry.msgctxt == "table header":
            entry.msgstr = "النتائج"
    write_po(po, ar)

    change_template(initialised, "What is hemifacial spasm?", "What is a hemifacial spasm?")
    change_template(initialised, '<td>{{ pgettext("table header", "Results") }}</td>', "")
    assert run(initialised, "extract").exit_code == 0
    result = run(initialised, "update")
    assert result.exit_code == 0, result.output
    assert "1 fuzzy, 1 obsoleted" in result.output

    merged = read_po(ar)
    changed = next(e for e in merged if e.msgid == "What is a hemifacial spasm?")
    assert changed.flags[0] == "fuzzy"
    # msgmerge takes the wrap flags from the template, not from the old translation.
    assert "no-wrap" not in changed.flags
    assert changed.previous_msgid == "What is hemifacial spasm?"
    assert changed.msgstr == "ما هو تشنج نصف الوجه؟"
    assert changed.tcomment == "Reviewed by Dr. Haddad"
    kept = next(e for e in merged if e.msgid == "Call us at %(phone)s.")
    assert kept.msgstr == "اتصلوا بنا على %(phone)s." and "fuzzy" not in kept.flags
    obsolete = [e for e in merged if e.obsolete]
    assert [(e.msgctxt, e.msgid, e.msgstr) for e in obsolete] == [
        ("table header", "Results", "النتائج")
    ]
    text = ar.read_text(encoding="utf-8")
    assert '#| msgid "What is hemifacial spasm?"' in text
    assert '#~ msgctxt "table header"\n#~ msgid "Results"\n#~ msgstr "النتائج"' in text


@requires_gettext
def test_update_twice_is_byte_identical_and_matches_msgcat(initialised: Path):
    translate_all(initialised / "locales" / "tr" / "LC_MESSAGES" / "messages.po", "Çeviri")
    change_template(initialised, "twitch by themselves", "twitch on their own")
    run(initialised, "extract")
    run(initialised, "update")
    paths = sorted((initialised / "locales").rglob("*.po"))
    first = [p.read_bytes() for p in paths]
    second_run = run(initialised, "update")
    assert second_run.output.count("(unchanged)") == 2
    assert [p.read_bytes() for p in paths] == first
    for path in paths:
        assert msgcat(path) == path.read_text(encoding="utf-8")
        assert msgfmt_check(path).returncode == 0


def test_update_never_changes_translator_owned_header(initialised: Path):
    tr = initialised / "locales" / "tr" / "LC_MESSAGES" / "messages.po"
    po = read_po(tr)
    po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    po.metadata["Last-Translator"] = "Ayşe Yılmaz <ayse@example.org>"
    po.metadata["Language-Team"] = "Türkçe <tr@example.org>"
    write_po(po, tr)
    change_template(initialised, "Call us", "Please call us")
    run(initialised, "extract")
    assert run(initialised, "update").exit_code == 0
    after = read_po(tr)
    assert after.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert after.metadata["Last-Translator"] == "Ayşe Yılmaz <ayse@example.org>"
    assert after.metadata["Language-Team"] == "Türkçe <tr@example.org>"
    # msgmerge leaves an existing entry's forms as they were (compile then reports the
    # disagreement with the header); it never adds or drops a form on its own.
    plural = next(e for e in after if e.msgid_plural)
    assert sorted(plural.msgstr_plural) == sorted(
        next(e for e in po if e.msgid_plural).msgstr_plural
    )


@requires_gettext
@pytest.mark.parametrize("width", ["40", "0"])
def test_line_wrapping_is_configurable_and_matches_msgcat(initialised: Path, width: str):
    ar = initialised / "locales" / "ar" / "LC_MESSAGES" / "messages.po"
    translate_all(ar, "تشنج نصف الوجه يجعل عضلات أحد جانبي الوجه ترتعش من تلقاء نفسها")
    args = ["update", "--no-wrap"] if width == "0" else ["update", "--width", width]
    assert run(initialised, *args).exit_code == 0
    gnu_args = ["--no-wrap"] if width == "0" else ["-w", width]
    assert msgcat(ar, *gnu_args) == ar.read_text(encoding="utf-8")


def test_malformed_po_is_reported_with_file_and_line_and_left_untouched(initialised: Path):
    tr = initialised / "locales" / "tr" / "LC_MESSAGES" / "messages.po"
    broken = tr.read_text(encoding="utf-8").replace('msgid "Results"', 'msgid "Results', 1)
    tr.write_text(broken, encoding="utf-8")
    line = broken.splitlines().index('msgid "Results') + 1
    for command in ("update", "compile", "stats"):
        result = run(initialised, command)
        assert result.exit_code == 1, (command, result.output)
        assert f"locales/tr/LC_MESSAGES/messages.po:{line}: unterminated string" in result.output
        assert "Traceback" not in result.output
        assert tr.read_text(encoding="utf-8") == broken


def test_usage_errors_exit_2(initialised: Path):
    assert run(initialised, "stats", "--format", "xml").exit_code == 2
    assert run(initialised, "update", "--width", "abc").exit_code == 2
    assert run(initialised, "nonsense").exit_code == 2


def test_atomic_write_leaves_old_file_when_the_write_fails(initialised: Path, monkeypatch):
    tr = initialised / "locales" / "tr" / "LC_MESSAGES" / "messages.po"
    before = tr.read_bytes()
    po = read_po(tr)
    po[0].msgstr = "Hemifasiyal spazm nedir?"

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        write_po(po, tr)
    assert tr.read_bytes() == before
    assert sorted(p.name for p in tr.parent.iterdir()) == ["messages.po"]


# --------------------------------------------------------------------------- compile


def test_compile_excludes_fuzzy_and_incomplete_plurals(initialised: Path):
    tr = initialised / "locales" / "tr" / "LC_MESSAGES" / "messages.po"
    po = read_po(tr)
    for entry in po:
        if entry.msgid == "What is hemifacial spasm?":
            entry.msgstr = "Hemifasiyal spazm nedir?"
        elif entry.msgid == "Call us at %(phone)s.":
            entry.msgstr = "Bizi %(phone)s numaralı telefondan arayın."
            entry.flags.insert(0, "fuzzy")
        elif entry.msgid_plural:
            entry.msgstr_plural = {0: "Etkisi yaklaşık %(count)s ay sürer.", 1: ""}
    write_po(po, tr)
    # An incomplete plural: msgfmt --check refuses the empty, often used form, so do we.
    refused = run(initialised, "compile", "--locale", "tr")
    assert refused.exit_code == 1
    assert "msgstr[1]" in refused.output
    if shutil.which("msgfmt"):
        assert msgfmt_check(tr).returncode != 0
    po = read_po(tr)
    next(e for e in po if e.msgid_plural).msgstr_plural = {0: "", 1: ""}
    write_po(po, tr)
    result = run(initialised, "compile", "--locale", "tr")
    assert result.exit_code == 0, result.output
    mo = initialised / "locales" / "tr" / "LC_MESSAGES" / "messages.mo"
    with open(mo, "rb") as handle:
        translations = gettext.GNUTranslations(handle)
    assert translations.gettext("What is hemifacial spasm?") == "Hemifasiyal spazm nedir?"
    assert translations.gettext("Call us at %(phone)s.") == "Call us at %(phone)s."
    one = "The effect lasts about %(count)s month."
    assert translations.ngettext(one, one[:-7] + "months.", 3) == one[:-7] + "months."
    # polib (an independent reader) agrees on the header and the entries.
    read_back = polib.mofile(str(mo))
    assert read_back.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert [e.msgid for e in read_back] == ["What is hemifacial spasm?"]


def test_compile_refuses_a_catalog_with_errors(initialised: Path):
    tr = initialised / "locales" / "tr" / "LC_MESSAGES" / "messages.po"
    po = read_po(tr)
    entry = next(e for e in po if e.msgid == "Call us at %(phone)s.")
    entry.msgstr = "Bizi %(telefon)s numarasından arayın."
    write_po(po, tr)
    line = read_po(tr).find("Call us at %(phone)s.").linenum
    result = run(initialised, "compile", "--locale", "tr")
    assert result.exit_code == 1
    where = f"locales/tr/LC_MESSAGES/messages.po:{line}:"
    assert f"{where} placeholder %(telefon)s is not in the source" in result.output
    assert f"{where} placeholder %(phone)s is missing from the translation" in result.output
    assert not (initialised / "locales" / "tr" / "LC_MESSAGES" / "messages.mo").exists()


# --------------------------------------------------------------------------- stats


def test_stats_counts_fuzzy_and_partial_plurals_as_not_translated(initialised: Path):
    ar = initialised / "locales" / "ar" / "LC_MESSAGES" / "messages.po"
    po = read_po(ar)
    po[0].msgstr = "ما هو تشنج نصف الوجه؟"
    po[1].msgstr = "نص"
    po[1].flags.insert(0, "fuzzy")
    plural = next(e for e in po if e.msgid_plural)
    plural.msgstr_plural = dict.fromkeys(range(6), "يدوم %(count)s") | {5: ""}
    po.append(polib.POEntry(msgid="Old", msgstr="قديم", obsolete=True))
    write_po(po, ar)
    result = run(initialised, "stats", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)["locales"]["ar"]
    assert {k: data[k] for k in ("total", "translated", "fuzzy", "untranslated", "obsolete")} == {
        "total": 6,
        "translated": 1,
        "fuzzy": 1,
        "untranslated": 4,
        "obsolete": 1,
    }
    assert data["percent"] == pytest.approx(16.67)
    assert data["words"] == 36  # 4 + 14 + 5 + 1 + 3 + 9, markup and placeholders excluded
    table = run(initialised, "stats").output.splitlines()
    assert table[0].split() == [
        "locale",
        "total",
        "translated",
        "fuzzy",
        "untranslated",
        "obsolete",
        "percent",
        "words",
    ]
    assert table[1].split() == ["ar", "6", "1", "1", "4", "1", "16.7%", "4/36"]


# --------------------------------------------------------------------------- project


def test_project_option_and_configuration(tmp_path: Path):
    root = write_project(tmp_path / "clinic", extra_config='width = 60\ndomain = "handouts"\n')
    result = CliRunner().invoke(main, ["--project", str(root), "extract"])
    assert result.exit_code == 0, result.output
    assert (root / "locales" / "handouts.pot").exists()
    project = load_project(root)
    assert project.locales == ("ar", "tr")
    assert project.threshold("tr") == 90.0
    assert project.width == 60


def test_bad_configuration_is_a_usage_error(tmp_path: Path):
    root = write_project(tmp_path / "bad", extra_config="width = 'wide'\n")
    result = CliRunner().invoke(main, ["--project", str(root), "stats"])
    assert result.exit_code == 2
    assert "'width' must be an integer" in result.output


def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from hfs_i18n.cli import main\n"
        "r = CliRunner().invoke(main, ['--help'])\n"
        "assert r.exit_code == 0\n"
        "heavy = [m for m in ('weasyprint', 'babel', 'polib', 'jinja2') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_read_po_errors_name_the_line(tmp_path: Path):
    bad = tmp_path / "x.po"
    bad.write_text('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\nmsgid "a"\nmsgstr "c"\n')
    with pytest.raises(InputError, match=r"x.po:6: duplicate message definition"):
        read_po(bad)
    bad.write_bytes(b'msgid ""\nmsgstr ""\n\nmsgid "\xff"\nmsgstr ""\n')
    with pytest.raises(InputError, match=r"x.po:4: invalid UTF-8"):
        read_po(bad)


def test_catalog_module_exposes_plain_functions(initialised: Path):
    project = load_project(initialised)
    stats = project_stats(project)
    assert [s.locale for s in stats] == ["ar", "tr"]
    assert all(s.translated == 0 for s in stats)


BRACE_CATALOG = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: tr\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

#, python-brace-format
msgid "Hello {name}, your visit is on {date}."
msgstr "Merhaba {nme}, ziyaretiniz {date} tarihinde."
"""


@requires_gettext
def test_compile_refuses_every_placeholder_error_check_reports(tmp_path: Path) -> None:
    """One placeholder rule: a broken ``{name}`` is refused by compile, reported by check,
    and refused by GNU msgfmt --check (the independent oracle)."""
    from hfs_i18n.catalog.compile import compile_problems
    from hfs_i18n.checks import run_checks, select_checks

    path = tmp_path / "tr.po"
    path.write_text(BRACE_CATALOG, encoding="utf-8")
    assert msgfmt_check(path).returncode != 0
    catalog = read_po(path)
    problems = {p.message for p in compile_problems(catalog, path)}
    found = {
        f.message for f in run_checks(catalog, "tr", str(path), select_checks(["placeholder"]))
    }
    # compile adds msgfmt --check's own message for the same entry.
    assert found and found <= problems


@pytest.mark.parametrize(
    ("header", "msgfmt_refuses"),
    [
        ('"Plural-Forms: nplurals=2; plural = (n != 1);\\n"', True),
        # msgfmt reads the first key, Python's gettext the last: stricter than msgfmt.
        (
            '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
            '"plural-forms: nplurals=2; plural=n ? ( : 1;\\n"',
            False,
        ),
    ],
    ids=["space-before-equals", "twice-in-two-cases"],
)
@requires_gettext
def test_a_plural_header_python_gettext_cannot_read_is_refused(
    tmp_path: Path, header: str, msgfmt_refuses: bool
) -> None:
    """Headers msgfmt refuses and that crashed rendering (GNUTranslations splits at
    "plural=" and reads the last key) are refused by compile and reported by check."""
    from hfs_i18n.catalog.compile import compile_problems
    from hfs_i18n.checks import run_checks, select_checks

    path = tmp_path / "tr.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Language: tr\\n"\n{header}\n\n'
        'msgid "One file"\nmsgid_plural "%(n)s files"\nmsgstr[0] "Bir dosya"\n'
        'msgstr[1] "%(n)s dosya"\n',
        encoding="utf-8",
    )
    assert (msgfmt_check(path).returncode != 0) == msgfmt_refuses
    catalog = read_po(path)
    assert compile_problems(catalog, path)
    found = run_checks(catalog, "tr", str(path), select_checks(["plural-forms-header"]))
    assert [f.check for f in found] == ["plural-forms-header"]
