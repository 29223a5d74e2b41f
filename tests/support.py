"""Helpers the tests share: tiny content projects, and GNU gettext and poppler as oracles.

Imported as ``support`` (``pythonpath = ["tests"]``); fixtures live in ``conftest.py``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

TEMPLATE = """\
<h1>{% trans trimmed %}What is hemifacial spasm?{% endtrans %}</h1>
{# Translators: a short, calm sentence for patients. #}
<p>{% trans trimmed %}
  Hemifacial spasm makes the muscles on one side of the face
  twitch by themselves.
{% endtrans %}</p>
<p>{% trans trimmed count=months %}
  The effect lasts about {{ count }} month.
{% pluralize %}
  The effect lasts about {{ count }} months.
{% endtrans %}</p>
<td>{{ pgettext("table header", "Results") }}</td>
<p>{% trans trimmed phone=clinic.phone %}Call us at {{ phone }}.{% endtrans %}</p>
<p>{{ _("<strong>Call your local emergency number</strong> if your face droops.") }}</p>
"""


def write_project(root: Path, template: str = TEMPLATE, extra_config: str = "") -> Path:
    (root / "templates").mkdir(parents=True, exist_ok=True)
    (root / "templates" / "page.html").write_text(template, encoding="utf-8")
    (root / "hfs-i18n.toml").write_text(
        extra_config
        + textwrap.dedent(
            """\
            name = "demo"
            source-locale = "en"
            locales = ["ar", "tr"]
            templates = ["templates"]
            catalogs = "locales"
            [min-complete]
            ar = 100
            tr = 90
            """
        ),
        encoding="utf-8",
    )
    return root


def msgfmt_check(path: Path) -> subprocess.CompletedProcess:
    """Run GNU msgfmt --check on a catalog (the independent oracle)."""
    return subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


# pdftotext marks each right-to-left line with embedding controls (RLE ... PDF).
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def pdftotext(path: Path) -> str:
    """The text poppler extracts from a PDF (what search and copy/paste see)."""
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def letters(text: str) -> str:
    """Every character but whitespace and bidi controls, in order.

    A PDF stores positioned glyphs, not spaces: pdftotext guesses spaces from gaps (and
    marks each right-to-left line).  Every letter, mark, digit and sign must still be
    there in the order written.
    """
    return re.sub(r"\s+", "", BIDI_CONTROLS.sub("", text))


def msgcat(path: Path, *args: str) -> str:
    return subprocess.run(
        ["msgcat", *args, str(path)], capture_output=True, text=True, check=True
    ).stdout


requires_gettext = pytest.mark.skipif(
    shutil.which("msgfmt") is None, reason="GNU gettext is not installed"
)


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
    "Choose your language": "اختر لغتك",
    # The layout's disclaimer: an English paragraph would change how pdftotext orders
    # the Arabic lines, so the tiny project translates it like a real catalog would.
    "This leaflet gives general information. It does not take the place of advice from "
    "your own doctor, who knows your health. Always ask your care team about your own "
    "treatment.": (
        "تقدم هذه النشرة معلومات عامة. وهي لا تغني عن نصيحة طبيبك الذي يعرف حالتك الصحية. "
        "اسأل دائمًا فريق الرعاية عن علاجك."
    ),
    # The QR code's caption, for the same reason (it shares the last page with it).
    "Scan the code or type this address to read this leaflet online:": (
        "امسح الرمز أو اكتب هذا العنوان لقراءة هذه النشرة على الإنترنت:"
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


def count_font_configurations(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every WeasyPrint ``FontConfiguration`` made from now on, in the order made (a
    configuration loads the fonts, and Pango 1.50 never frees one)."""
    import weasyprint.text.fonts

    made: list[object] = []

    class Counted(weasyprint.text.fonts.FontConfiguration):
        def __init__(self) -> None:
            super().__init__()
            made.append(self)

    monkeypatch.setattr(weasyprint.text.fonts, "FontConfiguration", Counted)
    return made
