"""``hfs-i18n build`` end to end on a tiny project of our own (not the real content).

The tiny project uses the real layout and stylesheet (templates/layout, templates/static)
and a document written here, with an Arabic and a Turkish catalog of plain sentences, so
the tests know exactly which text each output must contain.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from hfs_i18n.build import BuildOptions, build
from hfs_i18n.cli import main
from hfs_i18n.config import load_project

REPO = Path(__file__).resolve().parent.parent

DOCUMENT = """{% extends "layout/document.html" %}
{% block title %}{% trans %}Living with hemifacial spasm{% endtrans %}{% endblock %}
{% block content %}
<section>
  <h2>{% trans %}What is it?{% endtrans %}</h2>
  <p>{% trans %}The muscles on one side of the face twitch.{% endtrans %}</p>
  <p>{% trans %}Your doctor may suggest carbamazepine 200 mg twice a day.{% endtrans %}</p>
  <p>{% trans trimmed phone=clinic.phone|ltr %}Call us on {{ phone }}.{% endtrans %}</p>
  <ol>
    <li>{% trans %}Keep a diary of the spasms.{% endtrans %}</li>
    <li>{% trans %}Bring the diary to your visit.{% endtrans %}</li>
    <li>{% trans %}Ask about an MRI scan.{% endtrans %}</li>
  </ol>
  <ul>
    <li>{% trans %}Sleep well.{% endtrans %}</li>
    <li>{% trans %}Avoid stress.{% endtrans %}</li>
  </ul>
  <table>
    <tr><th>{% trans %}Treatment{% endtrans %}</th>
        <th>{% trans %}How often{% endtrans %}</th></tr>
    <tr><td>{% trans %}Injections{% endtrans %}</td>
        <td>{% trans %}Every three months{% endtrans %}</td></tr>
  </table>
  <aside class="warning"><p>
    {% trans %}<strong>Get help now</strong> if your face is weak.{% endtrans %}
  </p></aside>
  <p>{{ "istanbul"|upper }} {{ "IŞIK"|lower }}</p>
</section>
{% endblock %}
"""

OVERVIEW = """{% extends "layout/document.html" %}
{% block title %}{% trans %}About this leaflet{% endtrans %}{% endblock %}
{% block content %}
<p>{% trans %}The muscles on one side of the face twitch.{% endtrans %}</p>
{% endblock %}
"""

# Arabic paragraphs the PDF must give back exactly (pure Arabic: no Latin runs).
ARABIC = {
    "Living with hemifacial spasm": "التعايش مع التشنج النصفي الوجهي",
    "What is it?": "ما هو؟",
    "The muscles on one side of the face twitch.": "ترتعش عضلات جانب واحد من الوجه.",
    "Your doctor may suggest carbamazepine 200 mg twice a day.": (
        "قد يقترح طبيبك carbamazepine 200 mg مرتين في اليوم."
    ),
    "Call us on %(phone)s.": "اتصل بنا على %(phone)s.",
    "Keep a diary of the spasms.": "دوّن مذكرات عن التشنجات.",
    "Bring the diary to your visit.": "أحضر المذكرات معك في زيارتك.",
    "Ask about an MRI scan.": "اسأل عن فحص MRI.",
    "Sleep well.": "نم جيدًا.",
    "Avoid stress.": "تجنب التوتر.",
    "Treatment": "العلاج",
    "How often": "كم مرة",
    "Injections": "الحقن",
    "Every three months": "كل ثلاثة أشهر",
    "<strong>Get help now</strong> if your face is weak.": (
        "<strong>اطلب المساعدة فورًا</strong> إذا ضعف وجهك."
    ),
    "Page %(page)s of %(pages)s": "صفحة %(page)s من %(pages)s",
    "Last reviewed: %(date)s": "آخر مراجعة: %(date)s",
    "Phone: %(phone)s": "الهاتف: %(phone)s",
    "About this leaflet": "عن هذه النشرة",
    # The layout's disclaimer: an English paragraph would change how pdftotext orders
    # the Arabic lines, so the tiny project translates it like a real catalog would.
    "This leaflet gives general information. It does not take the place of advice from "
    "your own doctor, who knows your health. Always ask your care team about your own "
    "treatment.": (
        "تقدم هذه النشرة معلومات عامة. وهي لا تغني عن نصيحة طبيبك الذي يعرف حالتك الصحية. "
        "اسأل دائمًا فريق الرعاية عن علاجك."
    ),
}
TURKISH = {
    "Living with hemifacial spasm": "Hemifasiyal spazm ile yaşamak",
    "The muscles on one side of the face twitch.": "Yüzün bir tarafındaki kaslar seğirir.",
    "Page %(page)s of %(pages)s": "Sayfa %(page)s / %(pages)s",
    "Last reviewed: %(date)s": "Son gözden geçirme: %(date)s",
}


def _po(entries: dict[str, str], language: str, plural: str) -> str:
    def quote(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    head = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Language: {language}\\n"\n"Plural-Forms: {plural}\\n"\n\n'
    )
    body = "".join(
        f"msgid {quote(msgid)}\nmsgstr {quote(msgstr)}\n\n" for msgid, msgstr in entries.items()
    )
    return head + body


def make_project(root: Path, arabic: dict[str, str] | None = None) -> Path:
    """A content repository with one handout and one page, in en, ar and tr."""
    templates = root / "templates"
    shutil.copytree(REPO / "templates" / "layout", templates / "layout")
    shutil.copytree(REPO / "templates" / "static", templates / "static")
    (templates / "documents").mkdir()
    (templates / "documents" / "living.html").write_text(DOCUMENT, encoding="utf-8")
    (templates / "documents" / "overview.html").write_text(OVERVIEW, encoding="utf-8")
    (templates / "documents.toml").write_text(
        '[[documents]]\nslug = "index"\ntemplate = "documents/overview.html"\n'
        'kind = "page"\nreviewed = 2026-11-15\n\n'
        '[[documents]]\nslug = "living"\ntemplate = "documents/living.html"\n'
        'kind = "handout"\nreviewed = 2026-11-15\n',
        encoding="utf-8",
    )
    shutil.copytree(REPO / "clinics", root / "clinics")
    for locale, entries, plural in (
        (
            "ar",
            arabic if arabic is not None else ARABIC,
            "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
            "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
        ),
        ("tr", TURKISH, "nplurals=2; plural=(n != 1);"),
    ):
        po = root / "locales" / locale / "LC_MESSAGES" / "messages.po"
        po.parent.mkdir(parents=True)
        po.write_text(_po(entries, locale, plural), encoding="utf-8")
    (root / "hfs-i18n.toml").write_text(
        'source-locale = "en"\nlocales = ["ar", "tr"]\ntemplates = ["templates"]\n'
        'catalogs = "locales"\nclinic = "clinics/example.toml"\n'
        'documents = "templates/documents.toml"\n',
        encoding="utf-8",
    )
    return root


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny project built once (HTML and PDF, every locale) for read-only tests."""
    root = make_project(tmp_path_factory.mktemp("project"))
    build(load_project(root), BuildOptions(out=root / "dist", jobs=2))
    return root


def test_layout_of_dist(built: Path) -> None:
    dist = built / "dist"
    assert (dist / "index.html").is_file()
    for locale in ("en", "ar", "tr"):
        assert (dist / locale / "index.html").is_file()
        assert (dist / locale / "living.html").is_file()
        assert (dist / locale / "living.pdf").read_bytes().startswith(b"%PDF-")
        assert not (dist / locale / "index.pdf").exists()  # pages are HTML only
    assert (dist / "static" / "style.css").is_file()
    assert (dist / "static" / "fonts.css").is_file()
    assert list((dist / "static" / "fonts").glob("*.ttf"))
    assert not list(dist.rglob("*.tmp"))


def test_noop_rebuild_writes_nothing(built: Path) -> None:
    # Its speed (target < 0.5 s) is measured by benchmarks/build_speed.py, not here.
    project = load_project(built)
    before = {p: p.stat().st_mtime_ns for p in (built / "dist").rglob("*") if p.is_file()}
    result = build(project, BuildOptions(out=built / "dist", jobs=2))
    assert result.written == []
    after = {p: p.stat().st_mtime_ns for p in (built / "dist").rglob("*") if p.is_file()}
    assert before == after


def test_editing_a_catalog_rebuilds_only_that_locale(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    project = load_project(root)
    build(project, BuildOptions(out=root / "dist", jobs=1, formats=("html",)))
    po = root / "locales" / "tr" / "LC_MESSAGES" / "messages.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace("Yüzün bir", "Yüzünüzün bir"), encoding="utf-8"
    )
    result = build(project, BuildOptions(out=root / "dist", jobs=1, formats=("html",)))
    assert sorted(map(str, result.written)) == ["tr/index.html", "tr/living.html"]
    assert "Yüzünüzün bir" in (root / "dist" / "tr" / "living.html").read_text(encoding="utf-8")


def test_fuzzy_entries_fall_back_to_english(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    po = root / "locales" / "tr" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8").replace(
        'msgid "The muscles', '#, fuzzy\nmsgid "The muscles'
    )
    po.write_text(text, encoding="utf-8")
    build(load_project(root), BuildOptions(out=root / "dist", jobs=1, formats=("html",)))
    html = (root / "dist" / "tr" / "living.html").read_text(encoding="utf-8")
    assert "The muscles on one side of the face twitch." in html
    assert "Hemifasiyal spazm ile yaşamak" in html


def test_manifest_records_every_output(built: Path) -> None:
    manifest = json.loads((built / "dist" / ".hfs-build.json").read_text(encoding="utf-8"))
    assert {"index.html", "ar/living.pdf", "tr/living.html", "en/index.html"} <= set(manifest)


def test_cli_build_one_line_per_output_under_ci(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    result = CliRunner().invoke(
        main,
        ["--project", str(root), "build", "--locale", "tr", "--format", "html", "--jobs", "1"],
        env={"CI": "true"},
    )
    assert result.exit_code == 0, result.output
    assert "wrote tr/living.html" in result.output
    assert not (root / "dist" / "ar").exists()


def test_cli_bad_clinic_profile_is_one_line(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    bad = tmp_path / "bad.toml"
    bad.write_text('[clinic]\nname = "X"\naddress = "Y"\nphone = "12345"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(root), "build", "--clinic", str(bad)])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0
    assert "bad.toml" in result.output and "'email'" in result.output
    assert not (root / "dist").exists()


def test_cli_bad_document_list_names_the_field(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    (root / "templates" / "documents.toml").write_text(
        '[[documents]]\nslug = "x"\ntemplate = "documents/living.html"\nkind = "poster"\n'
        "reviewed = 2026-11-15\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["--project", str(root), "build", "--format", "html"])
    assert result.exit_code == 1
    assert "documents[1].kind" in result.output


def test_pseudo_locale_renders_rtl(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    build(
        load_project(root),
        BuildOptions(out=root / "dist", locales=("ar-XB", "en-XA"), formats=("html",), jobs=1),
    )
    assert 'dir="rtl"' in (root / "dist" / "ar-XB" / "living.html").read_text(encoding="utf-8")
    pseudo = (root / "dist" / "en-XA" / "living.html").read_text(encoding="utf-8")
    assert 'dir="ltr"' in pseudo
    # The pseudo catalog was made by build itself, from the templates (no POT, no
    # `hfs-i18n pseudo` run): the title is bracketed and accented.
    assert "<h1>[Ļîṽîñĝ ŵîţĥ ĥéɱîƒåçîåļ šþåšɱ" in pseudo


def test_help_does_not_import_weasyprint() -> None:
    code = (
        "import sys; from hfs_i18n.cli import main; import hfs_i18n.cli.build; "
        "print('weasyprint' in sys.modules)"
    )
    out = subprocess.run(
        [os.environ.get("PYTHON", "python"), "-c", code], capture_output=True, text=True, cwd=REPO
    )
    assert out.stdout.strip() == "False", out.stderr
