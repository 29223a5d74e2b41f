"""Handout variants, read back from the PDFs: large print's sizes, the QR code, the page fit.

Oracles: PyMuPDF reads font sizes, page boxes and text positions from the PDF itself;
zxing-cpp (a QR reader that shares no code with segno) decodes the code from a raster
of the printed page.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from support import REPO, make_project

from hfs_i18n.build import BuildOptions, build
from hfs_i18n.config import load_project
from hfs_i18n.pdf.large_print import (
    BODY_LETTERS,
    MIN_BODY_PT,
    SCRIPT_FAMILIES,
    body_height,
    body_sizes,
    font_path,
    measured_heights,
)
from hfs_i18n.render.qr import qr_svg
from hfs_i18n.render.site import make_site

pymupdf = pytest.importorskip("pymupdf")

MM = 72 / 25.4
INLINE_MARGIN = 18 * MM  # style.css @page
TOP_MARGIN = 16 * MM
BOTTOM_MARGIN = {"standard": 26 * MM, "large-print": 34 * MM}  # style.css, large_print.py
TOLERANCE = 1.0  # pt: glyph boxes poke out of the line box by a hair
ARABIC = re.compile("[\u0600-\u06ff]")
STYLESHEET = (REPO / "templates" / "static" / "style.css").read_text(encoding="utf-8")
# Headings are drawn in the accent colour (style.css), bold, larger than the body text.
ACCENT = int(re.search(r"--accent:\s*#([0-9a-fA-F]{6})", STYLESHEET).group(1), 16)


def _clinic(root: Path, paper: str, website: bool = True) -> Path:
    text = (REPO / "clinics" / "example.toml").read_text(encoding="utf-8")
    text = text.replace('paper = "A4"', f'paper = "{paper}"')
    if not website:
        text = re.sub(r"(?m)^website = .*\n", "", text)
    path = root / f"clinic-{paper}-{website}.toml"
    path.write_text(text, encoding="utf-8")
    shutil.copy(REPO / "clinics" / "example-logo.svg", root / "example-logo.svg")
    return path


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny project's handout in en and ar, both variants, A4 and Letter."""
    root = make_project(tmp_path_factory.mktemp("variants"))
    project = load_project(root)
    for paper in ("A4", "Letter"):
        options = BuildOptions(
            out=root / paper,
            locales=("en", "ar"),
            clinic=_clinic(root, paper),
            variants=("standard", "large-print"),
            jobs=2,
        )
        build(project, options)
    return root


@pytest.fixture(scope="module", params=["A4", "Letter"])
def real_handouts(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """Every real handout in the complete locales, both variants, on A4 and on Letter."""
    paper = request.param
    root = tmp_path_factory.mktemp(f"real-{paper}")
    options = BuildOptions(
        out=root / "dist",
        locales=("en", "ar", "tr"),
        formats=("pdf",),
        clinic=_clinic(root, paper),
        variants=("standard", "large-print"),
        jobs=2,
    )
    build(load_project(REPO), options)
    return paper, root / "dist"


def _spans(page):
    """Text spans with ink boxes (the glyphs' outlines, not the font's line box)."""
    flags = pymupdf.TEXTFLAGS_DICT | pymupdf.TEXT_ACCURATE_BBOXES
    for block in page.get_text("dict", flags=flags)["blocks"]:
        for line in block.get("lines", []):
            for span in line["spans"]:
                if span["text"].strip():
                    yield line, span


# --- large print -----------------------------------------------------------------------------


def test_measured_body_heights_match_the_fonts_and_arabic_needs_more() -> None:
    heights = measured_heights()
    for script, family in SCRIPT_FAMILIES.items():
        path = font_path(family)
        if path is not None:
            assert heights[script] == body_height(path, BODY_LETTERS[script])
    sizes = body_sizes(heights)
    assert sizes["Latn"] == MIN_BODY_PT
    # Amiri's letters sit lower on the em than Noto Sans's x-height: a larger size.
    assert heights["Arab"] < heights["Latn"] and sizes["Arab"] > MIN_BODY_PT
    assert sizes["Arab"] * heights["Arab"] >= MIN_BODY_PT * heights["Latn"]


def test_body_sizes_never_below_the_minimum() -> None:
    assert body_sizes({"Latn": 0.5, "Tall": 0.9}) == {"Latn": 16.0, "Tall": 16.0}
    assert body_sizes({"Latn": 0.5, "Low": 0.25}) == {"Latn": 16.0, "Low": 32.0}


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_large_print_text_is_at_least_16pt(tiny: Path, locale: str) -> None:
    sizes = body_sizes(measured_heights())
    pdf = pymupdf.open(tiny / "A4" / locale / "living.large-print.pdf")
    seen = []
    for page in pdf:
        footer_top = page.rect.height - BOTTOM_MARGIN["large-print"]
        for _line, span in _spans(page):
            if span["bbox"][1] >= footer_top - TOLERANCE:
                assert span["size"] >= 12 - 0.05, span  # the running footer
                continue
            seen.append(span["size"])
            assert span["size"] >= MIN_BODY_PT - 0.05, span
            if ARABIC.search(span["text"]):
                assert span["size"] >= sizes["Arab"] - 0.05, span
    assert seen
    standard = pymupdf.open(tiny / "A4" / locale / "living.pdf")
    assert min(s["size"] for p in standard for _l, s in _spans(p)) < MIN_BODY_PT


# --- QR code ---------------------------------------------------------------------------------


class _Texts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.data: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.add(tag)

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.data.append(data)


def test_qr_svg_carries_no_text() -> None:
    parser = _Texts()
    parser.feed(str(qr_svg("https://www.example.org/ar/living.html")))
    assert parser.data == []
    assert parser.tags == {"svg", "path"}


@pytest.mark.parametrize("variant", ["living.pdf", "living.large-print.pdf"])
@pytest.mark.parametrize("locale", ["en", "ar"])
def test_qr_code_decodes_to_the_page_in_the_same_language(
    tiny: Path, locale: str, variant: str
) -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    pdf = pymupdf.open(tiny / "A4" / locale / variant)
    found = []
    for page in pdf:
        pixmap = page.get_pixmap(dpi=150, colorspace=pymupdf.csGRAY, alpha=False)
        image = memoryview(pixmap.samples).cast("B", (pixmap.height, pixmap.width))
        found += [r.text for r in zxingcpp.read_barcodes(image)]
    assert found == [f"https://www.example.org/{locale}/living.html"]
    # The address is printed too, whole, for people who do not scan.
    text = "".join(page.get_text() for page in pdf)
    assert f"example.org/{locale}/living.html" in re.sub(r"\s|[\u2066-\u2069]", "", text)


def test_printed_address_is_isolated_left_to_right(tiny: Path) -> None:
    assert "handout-qr" not in (tiny / "A4" / "ar" / "living.html").read_text(encoding="utf-8")
    project = load_project(tiny)
    site = make_site(project, ["ar"], _clinic(tiny, "A4"))
    document = next(d for d in site.documents if d.slug == "living")
    html = site.render("ar", document, "pdf")
    assert '<span class="handout-url"><span dir="ltr">example.org/ar/living.html</span>' in html


def test_no_website_no_qr_code_and_a_note(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    options = BuildOptions(
        out=root / "dist",
        locales=("en",),
        formats=("pdf",),
        clinic=_clinic(root, "A4", website=False),
        jobs=1,
    )
    result = build(load_project(root), options)
    assert any("no 'website'" in note for note in result.notes)
    pdf = pymupdf.open(root / "dist" / "en" / "living.pdf")
    assert "example.org/en" not in "".join(page.get_text() for page in pdf)


# --- every variant fits A4 and Letter --------------------------------------------------------


def _check_ink_inside(page, where: str) -> None:
    """Nothing drawn above the top margin or beside the inline margins (a raster of the
    page: Amiri's span boxes include room for stacked marks, so text boxes overstate)."""
    pixmap = page.get_pixmap(dpi=72, colorspace=pymupdf.csGRAY, alpha=False)
    scale = pixmap.width / page.rect.width
    data, stride = pixmap.samples, pixmap.stride
    top = int((TOP_MARGIN - TOLERANCE) * scale)
    start = int((INLINE_MARGIN - TOLERANCE) * scale)
    end = pixmap.width - start
    for y in range(pixmap.height):
        row = data[y * stride : y * stride + pixmap.width]
        if y < top:
            assert min(row) > 200, f"{where}: ink above the top margin at y={y}"
        assert min(row[:start], default=255) > 200, f"{where}: ink in the margin at y={y}"
        assert min(row[end:], default=255) > 200, f"{where}: ink in the margin at y={y}"


def _heading_style(span: dict) -> bool:
    return bool(span["flags"] & 16) and span["color"] == ACCENT


def _is_heading(span: dict, body: float | None) -> bool:
    """Bold, in the accent colour, and larger than the page's body text (``None``: a page
    of nothing but headings).  A large-print h3 is only 1.1 times its body: headings are
    sized in rem, and large print raises the rem."""
    return _heading_style(span) and (body is None or span["size"] > body * 1.05)


def _check_fit(path: Path, variant: str) -> None:
    """All text inside the page's margins (the footer inside the bottom margin), and no
    heading as the last line of a page."""
    pdf = pymupdf.open(path)
    for number, page in enumerate(pdf, 1):
        width, height = page.rect.width, page.rect.height
        footer_top = height - BOTTOM_MARGIN[variant]
        body_lines = []
        _check_ink_inside(page, f"{path.name} page {number}")
        for _line, span in _spans(page):
            x0, _y0, x1, _y1 = span["bbox"]
            baseline = span["origin"][1]
            where = f"{path.name} page {number}: {span['text'][:40]!r}"
            assert x0 >= INLINE_MARGIN - TOLERANCE, where
            assert x1 <= width - INLINE_MARGIN + TOLERANCE, where
            assert TOP_MARGIN < baseline < height, where
            if baseline <= footer_top:
                body_lines.append((round(baseline), span))
            else:  # the running footer: wholly in the bottom margin
                assert baseline - span["size"] >= footer_top - TOLERANCE, where
        if number < len(pdf) and body_lines:
            # The body size: the commonest of the text that is not heading-styled (the
            # footer left out, or a page of one heading and a footer hides its heading).
            sizes = [s["size"] for _b, s in body_lines if not _heading_style(s)]
            body = max(set(sizes), key=sizes.count) if sizes else None
            last_bottom = max(bottom for bottom, _s in body_lines)
            last = [s for bottom, s in body_lines if abs(bottom - last_bottom) <= 2]
            heading = all(_is_heading(s, body) for s in last)
            assert not heading, f"{path.name} page {number} ends with a heading: {last}"


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_tiny_handouts_fit_the_paper(tiny: Path, paper: str) -> None:
    pdfs = sorted((tiny / paper).rglob("*.pdf"))
    assert len(pdfs) == 4
    for pdf in pdfs:
        _check_fit(pdf, "large-print" if ".large-print." in pdf.name else "standard")


PAGE_POINTS = {"A4": (595, 842), "Letter": (612, 792)}


def test_real_handouts_fit_the_paper(real_handouts: tuple[str, Path]) -> None:
    paper, dist = real_handouts
    pdfs = sorted(dist.rglob("*.pdf"))
    assert {p.parent.name for p in pdfs} == {"en", "ar", "tr"}
    assert {p.name.split(".", 1)[1] for p in pdfs} == {"pdf", "large-print.pdf"}
    misfits = {}
    for pdf in pdfs:
        page = pymupdf.open(pdf)[0]
        assert (round(page.rect.width), round(page.rect.height)) == PAGE_POINTS[paper]
        try:
            _check_fit(pdf, "large-print" if ".large-print." in pdf.name else "standard")
        except AssertionError as error:
            misfits[pdf.relative_to(dist).as_posix()] = str(error).splitlines()[0][:200]
    assert not misfits, "\n".join(f"{k}: {v}" for k, v in misfits.items())


FIGURE = (
    '<figure class="icon-array"><svg viewBox="0 0 120 160" width="120" height="160">'
    '<rect width="120" height="160" fill="#1d5c8c"/></svg><figcaption>{caption}</figcaption>'
    "</figure>"
)


@pytest.mark.parametrize("variant", ["standard", "large-print"])
def test_icon_arrays_keep_their_heading_wherever_it_falls(tmp_path: Path, variant: str) -> None:
    """A heading followed by rows of icon arrays (inline blocks, one line box a row), taller
    together than a page: wherever the heading falls, it never ends a page.  Two or three
    rows used to be one unsplittable block (orphans and widows count the rows), so a
    heading at the top of a page was left there alone."""
    from hfs_i18n.pdf.large_print import variant_css
    from hfs_i18n.pdf.writer import PdfWriter

    static = REPO / "templates" / "static"
    writer = PdfWriter(allowed_dirs=[static])
    caption = "MVD: about 2 to 3 in 100 people have lasting hearing loss in one ear. " * 4
    figures = FIGURE.format(caption=caption) * 6
    for spacer in range(0, 200, 20):
        html = (
            '<!DOCTYPE html><html lang="en" dir="ltr"><head><meta charset="utf-8">'
            f'<title>Fit</title><link rel="stylesheet" href="{static.as_uri()}/style.css">'
            f"<style>@page {{ size: letter; }} {variant_css(variant, 'Latn')}</style></head>"
            '<body class="handout output-pdf"><main>'
            f'<div style="block-size: {spacer}mm"></div><p>Each picture shows 100 people.</p>'
            f'<h3>Chances of harm</h3><div class="icon-arrays">{figures}</div>'
            "<p>Medicines have no picture.</p></main></body></html>"
        )
        path = tmp_path / f"{variant}-{spacer}.pdf"
        path.write_bytes(writer.write(html, base_url=tmp_path.as_uri() + "/"))
        _check_fit(path, variant)


def test_fit_check_catches_a_heading_at_the_foot(tmp_path: Path) -> None:
    """The check itself can fail: a page whose last line is a heading (made by letting
    headings break from their text and filling the page until one lands at the foot)."""
    from hfs_i18n.pdf.writer import PdfWriter

    writer = PdfWriter(allowed_dirs=[])
    path = tmp_path / "bad.pdf"
    for lines in range(50, 64):
        html = (
            "<html><head><style>@page { size: A4; margin: 16mm 18mm 26mm; }"
            f"h2 {{ font-size: 16pt; break-after: auto; margin: 0; color: #{ACCENT:06x}; }}"
            "p { font-size: 10pt; margin: 0; line-height: 1.2; }</style></head><body>"
            + "<p>Line of body text.</p>" * lines
            + "<h2>Lonely heading</h2><p>Its text.</p></body></html>"
        )
        path.write_bytes(writer.write(html, base_url=tmp_path.as_uri() + "/"))
        first = pymupdf.open(path)[0].get_text()
        if first.rstrip().endswith("Lonely heading"):
            break
    else:
        pytest.fail("no layout put the heading at the foot of page 1")
    with pytest.raises(AssertionError, match="ends with a heading"):
        _check_fit(path, "standard")
