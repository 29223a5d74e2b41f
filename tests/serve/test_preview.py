"""The preview without a browser: same pages as ``build``, marks only where safe, only what
changed re-rendered, edits through the project's writer and refused when stale."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest
from markupsafe import Markup, escape
from support import REPO, count_font_configurations, msgfmt_check

from hfs_i18n.build import BuildOptions, build
from hfs_i18n.config import load_project
from hfs_i18n.serve.catalogs import EditRefused
from hfs_i18n.serve.marking import (
    START,
    MarkingTranslator,
    MessageKey,
    MessageTable,
    finish,
    strip_marks,
)
from hfs_i18n.serve.preview import Preview

INJECTED = re.compile(r'<script id="hfs-serve"[^>]*></script>\n')


def copy_content(root: Path) -> Path:
    for name in ("templates", "locales", "glossary", "clinics"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("*.mo", "*-X?"))
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    return root


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_content(tmp_path_factory.mktemp("serve") / "content")


def make_preview(root: Path, edit: bool = False) -> Preview:
    project = load_project(root)
    return Preview(project, ["en", "ar", "tr", "en-XA"], project.clinic_profile(), edit=edit)


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_plain_pages_are_what_build_writes(content: Path, tmp_path: Path) -> None:
    before = snapshot(content)
    project = load_project(content)
    out = tmp_path / "dist"
    locales = ("en", "ar", "tr", "en-XA")  # the preview's, pseudo-locale included
    build(project, BuildOptions(out=out, locales=locales, formats=("html",), jobs=1))
    preview = make_preview(content)
    for locale in ("ar", "tr"):
        for document in preview.site().documents:
            served = preview.page(locale, document.slug, inspect=False).body.decode()
            written = (out / locale / f"{document.slug}.html").read_text(encoding="utf-8")
            assert INJECTED.sub("", served) == written, f"{locale}/{document.slug}"
    assert INJECTED.sub("", preview.chooser().body.decode()) == (out / "index.html").read_text()
    for locale in ("ar", "en-XA"):
        preview.page(locale, "index", inspect=True)
        preview.message(locale, MessageKey(None, "What is hemifacial spasm?"))
    assert preview.pdf("ar", "botulinum-toxin").body.startswith(b"%PDF")
    assert snapshot(content) == before  # a read-only preview writes nothing


def test_inspector_refs_point_at_the_msgid_line(content: Path) -> None:
    preview = make_preview(content)
    page = preview.page("ar", "index", inspect=True).body.decode()
    po = content / "locales/ar/LC_MESSAGES/messages.po"
    lines = po.read_text(encoding="utf-8").split("\n")
    spans = re.findall(r'data-i18n-ref="([^"]+):(\d+)" data-i18n-msgid="([^"]*)"', page)
    assert len(spans) > 20
    import html

    for rel, line, msgid in spans:
        assert rel == "locales/ar/LC_MESSAGES/messages.po"
        text = lines[int(line) - 1]
        assert text.startswith(("msgid ", "msgstr[")), (line, text)
        if text.startswith("msgid "):
            # polib, not our reader, says which msgid starts on that line.
            first = polib.unescape(text[len('msgid "') : -1])
            assert html.unescape(msgid).startswith(first)
    # Nothing of the marking is left where a tag cannot go.
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert "<" not in title and START not in page
    for value in re.findall(r'(?:aria-label|content|alt)="([^"]*)"', page):
        assert "<" not in value and "data-i18n" not in value


def test_marks_inside_attributes_and_title_stay_plain() -> None:
    class Plain:
        translations = None

        def gettext(self, message: str, **variables: object) -> Markup:
            return Markup(escape(message))

    table = MessageTable()
    marker = MarkingTranslator(Plain(), table)
    title, label = marker.gettext("Title & more"), marker.gettext('Label "x"')
    html = f'<title>{title}</title><body><p aria-label="{label}">{label}</p>Loose text</body>'
    inspected = finish(
        html, lambda key: {"data-i18n-ref": f"f.po:{key.msgid}"}, table, lambda t: True
    )
    assert "<title>Title &amp; more</title>" in inspected
    assert '<p aria-label="Label &#34;x&#34;">' in inspected
    assert '<span data-i18n-ref="f.po:Label &#34;x&#34;">Label &#34;x&#34;</span>' in inspected
    assert '<span class="hfs-leak" data-i18n-leak="">Loose text</span>' in inspected
    assert inspected.count("<span") == 2
    assert finish(html, None, table) == strip_marks(html)
    assert START not in finish(html, None, table)


def test_hostile_sentinels_in_a_translation_are_dropped() -> None:
    class Hostile:
        translations = None

        def gettext(self, message: str, **variables: object) -> Markup:
            return Markup(f"{START}\ue011\ue001evil\ue002 text")

    table = MessageTable()
    out = finish(
        f"<body>{MarkingTranslator(Hostile(), table).gettext('m')}</body>", lambda k: {}, table
    )
    assert out == "<body><span>evil text</span></body>"


def test_only_what_changed_is_rendered_again(content: Path, tmp_path: Path) -> None:
    root = copy_content(tmp_path / "c")
    preview = make_preview(root)
    preview.page("ar", "index", False)
    preview.page("tr", "index", False)
    before = preview.renders
    preview.page("ar", "index", True)
    assert preview.renders == before  # the inspector view is the same render
    po = root / "locales/tr/LC_MESSAGES/messages.po"
    po.write_bytes(po.read_bytes().replace(b"# Turkish", b"# Turkce", 1) + b"\n")
    preview.changed([po])
    preview.page("ar", "index", False)
    assert preview.renders == before  # an edit to Turkish leaves Arabic alone
    preview.page("tr", "index", False)
    assert preview.renders == before + 1


def _entry_key(po: Path, msgid: str) -> MessageKey:
    entry = next(e for e in polib.pofile(str(po)) if e.msgid == msgid)
    return MessageKey(entry.msgctxt, entry.msgid)


def test_edit_writes_a_valid_catalog_and_refuses_a_stale_page(tmp_path: Path) -> None:
    root = copy_content(tmp_path / "c")
    preview = make_preview(root, edit=True)
    po = root / "locales/ar/LC_MESSAGES/messages.po"
    key = _entry_key(po, "What is hemifacial spasm?")
    token = preview.page("ar", "index", True) and preview.view("ar").token
    new_token = preview.edit("ar", key, token, "ما هو التشنج؟ (مُعدَّل)")
    assert msgfmt_check(po).returncode == 0
    entry = next(e for e in polib.pofile(str(po)) if e.msgid == key.msgid)
    assert entry.msgstr == "ما هو التشنج؟ (مُعدَّل)"
    assert "ما هو التشنج؟ (مُعدَّل)" in preview.page("ar", "index", False).body.decode()
    # The old token names a file that is no longer on disk: refused, file untouched.
    before = po.read_bytes()
    with pytest.raises(EditRefused, match="changed on disk"):
        preview.edit("ar", key, token, "لا")
    assert po.read_bytes() == before
    # A translation compile would refuse (a placeholder the source lacks) is not written.
    date_key = _entry_key(po, "Last reviewed: %(date)s")
    with pytest.raises(EditRefused):
        preview.edit("ar", date_key, new_token, "%(nope)s")
    assert po.read_bytes() == before


def test_read_only_unless_edit(content: Path) -> None:
    preview = make_preview(content)
    key = MessageKey(None, "What is hemifacial spasm?")
    with pytest.raises(EditRefused, match="read-only"):
        preview.edit("ar", key, preview.view("ar").token, "x")


def test_cli_refuses_a_missing_clinic_in_one_line(content: Path) -> None:
    from click.testing import CliRunner

    from hfs_i18n.cli import main

    result = CliRunner().invoke(
        main, ["--project", str(content), "serve", "--clinic", str(content / "nope.toml")]
    )
    assert result.exit_code == 1
    assert result.output.strip().endswith("nope.toml: clinic profile not found")
    assert "Traceback" not in result.output


def test_static_files_stay_inside_the_project(content: Path) -> None:
    from hfs_i18n.serve.app import static_file

    preview = make_preview(content)
    assert static_file(preview, "style.css")[1] == "text/css"
    assert static_file(preview, "fonts.css") is not None
    for path in ("../documents.toml", "../../pyproject.toml", "/etc/passwd", "fonts/../../x"):
        assert static_file(preview, path) is None


def test_a_template_edit_shows_and_hard_coded_text_is_marked(tmp_path: Path) -> None:
    root = copy_content(tmp_path / "c")
    preview = make_preview(root)
    before = preview.page("ar", "index", True)
    template = root / "templates/documents/overview.html"
    text = template.read_text(encoding="utf-8")
    at = text.index("{% block content %}") + len("{% block content %}")
    template.write_text(text[:at] + "<p>Typed straight into the template</p>" + text[at:])
    preview.changed([template])
    after = preview.page("ar", "index", True)
    assert after.etag != before.etag
    page = after.body.decode()
    assert (
        '<p><span class="hfs-leak" data-i18n-leak="">Typed straight into the template</span></p>'
        in page
    )
    # Plural messages point at the msgstr[n] line of the form shown.
    po = (root / "locales/ar/LC_MESSAGES/messages.po").read_text(encoding="utf-8").split("\n")
    checked = 0
    for document in preview.site().documents:
        body = preview.page("ar", document.slug, True).body.decode()
        for span in re.findall(r"<span [^>]*data-i18n-form[^>]*>", body):
            ref = re.search(r'data-i18n-ref="[^"]*:(\d+)"', span)
            form = re.search(r'data-i18n-form="(\d+)"', span).group(1)
            if ref:
                assert po[int(ref.group(1)) - 1].startswith(f"msgstr[{form}] "), span
                checked += 1
    assert checked  # the catalog's translated plurals are on some page


def test_an_edit_shows_in_imported_macros_too(tmp_path: Path) -> None:
    """Jinja caches a template imported without context with the gettext of its first
    render; the preview keeps its environments across edits, so such an import went on
    showing the old translation (the "Sources" heading)."""
    root = copy_content(tmp_path / "c")
    preview = make_preview(root)
    po = root / "locales/ar/LC_MESSAGES/messages.po"
    text = po.read_text(encoding="utf-8")
    old = 'msgid "Sources"\nmsgstr "المصادر"\n'
    assert old in text
    for slug in ("index", "botulinum-toxin"):
        assert "المصادر" in preview.page("ar", slug, inspect=False).body.decode()
    po.write_text(text.replace(old, 'msgid "Sources"\nmsgstr "مراجع المعلومات"\n'), "utf-8")
    preview.changed([po])
    for slug in ("index", "botulinum-toxin"):
        body = preview.page("ar", slug, inspect=False).body.decode()
        assert "مراجع المعلومات" in body, slug
        assert "المصادر<" not in body, slug


def test_pdfs_after_edits_reuse_the_writer_and_its_fonts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every catalog or clinic edit renders the handout again, with the same fonts: a
    font configuration per PDF grew a running preview by 0.6 MiB an edit (Pango 1.50
    frees none), so their number is bounded by the locales, not the edits."""
    made = count_font_configurations(monkeypatch)
    root = copy_content(tmp_path / "c")
    preview = make_preview(root)
    po = root / "locales/ar/LC_MESSAGES/messages.po"
    clinic = root / "clinics/example.toml"
    etags = set()
    for number in range(3):
        po.write_bytes(po.read_bytes() + f"\n# edit {number}\n".encode())
        changed = [po]
        if number == 2:  # the clinic's phone: the site is made again, its logo stays
            clinic.write_text(clinic.read_text().replace("0000", "0001"), encoding="utf-8")
            changed.append(clinic)
        preview.changed(changed)
        etags.add(preview.pdf("ar", "botulinum-toxin").etag)
    assert len(etags) == 3  # rendered again each time
    assert len(made) == 1  # Arabic's fonts, loaded once
