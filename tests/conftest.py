"""Shared fixtures: a small content project in a temporary folder."""

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


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    return write_project(tmp_path / "demo")


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
