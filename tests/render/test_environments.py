"""One Site renders many locales: templates compile once for all of them, a few locales'
environments are kept, and every page is the page a fresh Site that renders that locale
alone makes (the oracle: nothing shared with another locale)."""

from __future__ import annotations

import weakref
from pathlib import Path

import jinja2
import pytest
from support import make_project

from hfs_i18n.config import load_project
from hfs_i18n.render.site import LOCALES_KEPT, make_site

# More locales than a Site keeps, visited out of order and more than once.
ORDER = ["en", "tr", "en", "ar", "en-XA", "ar-XB", "tr", "en", "ar", "tr"]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory):
    return load_project(make_project(tmp_path_factory.mktemp("environments")))


def _pages(site, locale: str) -> list[str]:
    return [
        site.render(locale, document, output)
        for document in site.documents
        for output in (("html", "pdf") if document.is_handout else ("html",))
    ]


def test_every_locale_renders_as_a_site_of_its_own(project) -> None:
    assert len(set(ORDER)) > LOCALES_KEPT
    shared = make_site(project, sorted(set(ORDER)))
    for locale in ORDER:
        alone = make_site(project, sorted(set(ORDER)))  # renders this locale only
        assert _pages(shared, locale) == _pages(alone, locale), locale
    # Casing is the locale's even where Jinja2 could have folded it into the code.
    page = shared.render("tr", next(d for d in shared.documents if d.slug == "living"), "html")
    assert "İSTANBUL ışık" in page
    page = shared.render("en", next(d for d in shared.documents if d.slug == "living"), "html")
    assert "ISTANBUL işik" in page


def test_templates_compile_once_for_every_locale(project, monkeypatch: pytest.MonkeyPatch) -> None:
    compiled: list[str | None] = []
    compile_ = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return compile_(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    site = make_site(project, sorted(set(ORDER)))
    for locale in ORDER:
        _pages(site, locale)
    assert compiled and len(compiled) == len(set(compiled))


def test_a_locale_no_longer_rendered_is_released(project) -> None:
    others = ["tr", "ar", "en-XA", "ar-XB"][:LOCALES_KEPT]
    site = make_site(project, ["en", *others])
    _pages(site, "en")
    environment = weakref.ref(site.environment("en"))
    for locale in others[:-1]:
        _pages(site, locale)
    assert environment() is not None  # among the last LOCALES_KEPT rendered
    _pages(site, others[-1])
    assert environment() is None  # its templates and catalog with it


def test_an_edited_template_compiles_anew(tmp_path: Path) -> None:
    """The shared code is checked against the template's source."""
    root = make_project(tmp_path)
    site = make_site(load_project(root), ["en"])
    living = next(d for d in site.documents if d.slug == "living")
    before = site.render("en", living, "html")
    template = root / "templates" / "documents" / "living.html"
    template.write_text(
        template.read_text(encoding="utf-8").replace("</section>", "<p>NEW</p></section>"),
        encoding="utf-8",
    )
    site._environments.clear()  # a new environment reads the file again
    after = site.render("en", living, "html")
    assert "<p>NEW</p>" in after and "<p>NEW</p>" not in before
