"""The real site: every page reachable from the overview, icon arrays drawn from the
evidence file, and a footer without stray separators."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from support import REPO as ROOT

from hfs_i18n.build import BuildOptions, build
from hfs_i18n.config import load_project, read_toml
from hfs_i18n.render.clinic import Clinic
from hfs_i18n.render.site import load_documents, make_site

DOCUMENTS = load_documents(ROOT / "templates" / "documents.toml")
EVIDENCE = read_toml(ROOT / "templates" / "evidence.toml", "evidence file")


class Page(HTMLParser):
    """Links, icon-array SVGs and their figures' fill colours."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.arrays: list[dict[str, str | None]] = []
        self.fills: list[list[str]] = []
        self.xs: list[list[float]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href", "").endswith(".html"):
            self.links.append(str(values["href"]))
        elif tag == "svg" and values.get("role") == "img":
            self.arrays.append(values)
            self.fills.append([])
            self.xs.append([])
        elif tag == "g" and self.arrays:
            self.fills[-1].append(str(values.get("fill")))
            self.xs[-1].append(float(str(values["transform"]).split("(")[1].split()[0]))


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build(load_project(ROOT), BuildOptions(out=out, locales=("en", "ar"), formats=("html",)))
    return out


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_every_document_has_a_navigation_name(dist: Path) -> None:
    for document in DOCUMENTS:
        html = (dist / "en" / f"{document.slug}.html").read_text(encoding="utf-8")
        assert "nav-unnamed" not in html, document.slug


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_every_page_links_to_every_document_in_reading_order(dist: Path, locale: str) -> None:
    slugs = [d.slug for d in DOCUMENTS]
    for document in DOCUMENTS:
        links = parse(dist / locale / f"{document.slug}.html").links
        local = [link.removesuffix(".html") for link in links if "/" not in link]
        others = [s for s in slugs if s != document.slug]
        assert [s for s in local if s in others][-len(others) :] == others, document.slug
        if document.slug != "index":
            assert "index" in local, document.slug


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_icon_arrays_are_drawn_from_the_evidence(dist: Path, locale: str) -> None:
    page = parse(dist / locale / "choosing-a-treatment.html")
    assert len(page.arrays) == 7
    for svg, fills, xs in zip(page.arrays, page.fills, page.xs, strict=True):
        assert len(fills) == 100
        label = str(svg["aria-label"])
        assert label and "<" not in label
        numbers = [int(n) for n in re.findall(r"\d+", label) if n != "100"]
        dark = fills.count("#1d5c8c")
        light = fills.count("#8db3d3")
        assert dark == numbers[0]
        assert dark + light == numbers[-1]
        assert any(dark == f["value"] for f in EVIDENCE.values())
        # The first figure is on the reading side: left in English, right in Arabic.
        assert xs[0] == (108 if locale == "ar" else 0)


def test_footer_has_no_stray_separator_for_a_missing_field() -> None:
    project = load_project(ROOT)
    site = make_site(project, ["en"])
    clinic = Clinic(name="Clinic", address="", phone="+44 20 7946 0000", email="", website="")
    html = (
        site.environment("en")
        .get_template("layout/clinic-footer.html")
        .render(clinic=clinic, output="html")
    )
    assert "clinic-address" not in html and "clinic-email" not in html
    assert re.findall(r'<span class="(clinic-[a-z-]+)"', html) == [
        "clinic-footer-name",
        "clinic-phone",
    ]
