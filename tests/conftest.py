"""Shared fixtures: a small content project in a temporary folder."""

from __future__ import annotations

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


def msgcat(path: Path, *args: str) -> str:
    return subprocess.run(
        ["msgcat", *args, str(path)], capture_output=True, text=True, check=True
    ).stdout


requires_gettext = pytest.mark.skipif(
    shutil.which("msgfmt") is None, reason="GNU gettext is not installed"
)
