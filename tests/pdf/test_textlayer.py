"""The PDF text layer: every Arabic paragraph of every real handout extracts as written.

``pdftotext`` is what search, copy/paste and many screen-reader pipelines rest on.  The
handouts are built from the project's own templates and Arabic catalog, and each
paragraph of the page (``<main>``, as the HTML has it) is looked for in the PDF's text.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from support import BIDI_CONTROLS, REPO, letters, pdftotext

from hfs_i18n.build import BuildOptions, build
from hfs_i18n.config import load_project
from hfs_i18n.pdf.textlayer import TextMap, split_cluster
from hfs_i18n.render.site import load_documents

HANDOUTS = [d.slug for d in load_documents(load_project(REPO).documents_file) if d.is_handout]

# pdftotext's bidi pass (poppler's reorderText) treats punctuation next to a number or
# a Latin word as part of that left-to-right run and keeps it in visual order, so
# "(MVD)", "مراجعة: 15" or "0000، أو" can come out with the bracket, colon or comma on
# the other side of the run.  Letters, marks and digits never move; those signs are
# left out of the comparison of mixed paragraphs only.
LTR_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9@.:/+\-]*[A-Za-z0-9]|[A-Za-z0-9]")
SEAM_PUNCTUATION = re.compile(r"[.:,()\[\]/+\-،؛]")


class Paragraphs(HTMLParser):
    """Text of each block element inside ``<main>``, skipping screen-only parts.

    ``found`` holds the paragraphs outside tables; ``cells`` those inside a table, which
    pdftotext reads line by line across the row's columns, so a cell that wraps comes
    out interleaved with its neighbours whatever the PDF holds.
    """

    BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "td", "th", "dt", "dd"})
    # Printed pages leave these out (style.css: @media print, and the PDF layout).
    SCREEN_ONLY = frozenset({"download", "skip-link", "language-switcher", "back-link"})

    def __init__(self) -> None:
        super().__init__()
        self.in_main = 0
        self.in_table = 0
        self.stack: list[list[str]] = []
        self.found: list[str] = []
        self.cells: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.in_main += 1
        elif tag == "table":
            self.in_table += 1
        elif self.in_main and tag in self.BLOCKS:
            classes = set((dict(attrs).get("class") or "").split())
            self.stack.append(["\0"] if classes & self.SCREEN_ONLY else [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.in_main -= 1
        elif tag == "table":
            self.in_table -= 1
        elif self.in_main and tag in self.BLOCKS and self.stack:
            text = "".join(self.stack.pop())
            if "\0" in text:  # not printed
                return
            (self.cells if self.in_table else self.found).append(" ".join(text.split()))
            if self.stack:
                self.stack[-1].append(text)

    def handle_data(self, data: str) -> None:
        if self.stack:
            self.stack[-1].append(data)


@pytest.fixture(scope="module")
def arabic_handouts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("pdftotext") is None:
        pytest.skip("needs poppler-utils")
    out = tmp_path_factory.mktemp("dist")
    project = load_project(REPO)
    build(project, BuildOptions(out=out, locales=("ar",), formats=("html", "pdf"), jobs=1))
    return out / "ar"


def test_every_arabic_paragraph_extracts_as_written(arabic_handouts: Path) -> None:
    pdfs = sorted(arabic_handouts.glob("*.pdf"))
    # Every handout in both variants: standard and large print.
    assert sorted(p.name for p in pdfs) == sorted(
        f"{slug}{variant}.pdf" for slug in HANDOUTS for variant in ("", ".large-print")
    )
    checked = 0
    for pdf in pdfs:
        parser = Paragraphs()
        parser.feed(_web_page(pdf).read_text(encoding="utf-8"))
        extracted = body_text(pdf)
        text = letters(extracted)
        unpunctuated = letters(SEAM_PUNCTUATION.sub("", extracted))
        for paragraph in parser.found:
            if not re.search("[\u0600-\u06ff]", paragraph):
                continue
            checked += 1
            if not LTR_RUN.search(paragraph):
                assert letters(paragraph) in text, (pdf.name, paragraph)
                continue
            # Mixed paragraphs: every Arabic stretch and every left-to-right run, each
            # exact and in its own order; ASCII punctuation at their seams aside.
            for part in LTR_RUN.split(paragraph):
                part = letters(SEAM_PUNCTUATION.sub("", part))
                assert part in unpunctuated, (pdf.name, paragraph, part)
            for run in LTR_RUN.findall(paragraph):
                assert run in BIDI_CONTROLS.sub("", extracted), (pdf.name, paragraph, run)
        # Table cells: every word whole (their line order across columns is pdftotext's).
        extracted_words = set(ARABIC_WORD.findall(extracted))
        for cell in parser.cells:
            for word in ARABIC_WORD.findall(cell):
                assert word in extracted_words, (pdf.name, cell, word)
    assert checked >= 150


def _web_page(pdf: Path) -> Path:
    """``x.html`` for ``x.pdf`` and ``x.large-print.pdf``."""
    return pdf.with_name(pdf.name.split(".")[0] + ".html")


def body_text(pdf: Path) -> str:
    """The text of every page without its bottom margin, where the running footer is
    (clinic, page number): a paragraph that goes on over a page break comes back whole.
    The margins are the stylesheet's: 26 mm, and 34 mm in large print."""
    import subprocess

    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    width, height = map(float, re.search(r"^Page size:\s+([\d.]+) x ([\d.]+)", info, re.M).groups())
    margin = (34 if pdf.name.endswith(".large-print.pdf") else 26) * 72 / 25.4
    texts = []
    for page in range(1, pages + 1):
        texts.append(
            subprocess.run(
                ["pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page), "-x", "0",
                 "-y", "0", "-W", str(int(width)), "-H", str(int(height - margin)), str(pdf), "-"],
                capture_output=True, text=True, check=True,
            ).stdout
        )  # fmt: skip
    return "\n".join(texts)


ARABIC_WORD = re.compile("[\u0621-\u065f\u0670-\u06d3]+")


def test_no_arabic_word_is_split_or_glued(arabic_handouts: Path) -> None:
    """Every Arabic word pdftotext finds is a word the page has.

    Search finds a word only if the extractor keeps it whole.  Shaping leaves room inside
    words that no letter accounts for (Amiri kerns ز before ي, draws lam before kaf with
    a connecting piece), which extractors took for word breaks: "ز يارتك", "ل كن".
    """
    catalog = (REPO / "locales/ar/LC_MESSAGES/messages.po").read_text(encoding="utf-8")
    checked = 0
    for pdf in sorted(arabic_handouts.glob("*.pdf")):
        # The page's words, and the catalog's for what CSS adds (the page footer).
        words = set(ARABIC_WORD.findall(_web_page(pdf).read_text(encoding="utf-8")))
        words |= set(ARABIC_WORD.findall(catalog))
        extracted = pdftotext(pdf)
        found = ARABIC_WORD.findall(extracted)
        assert [w for w in found if w not in words] == [], pdf.name
        checked += len(found)
    assert checked > 1500


def test_a_cluster_shares_its_text_among_its_glyphs() -> None:
    # Amiri draws yeh-hamza with fathatan as the letter and a zero-width mark.
    assert split_cluster("ئً", [300, 0]) == ["ئ", "ً"]
    # Noto Sans Arabic adds the hamza as a glyph of its own: that one carries nothing.
    assert split_cluster("ئً", [310, 0, 0]) == ["ئ", "ً", ""]
    # A letter drawn in two advancing parts (Amiri's lam before kaf).
    assert split_cluster("ل", [280, 300]) == ["ل", ""]
    # A true ligature keeps all its letters on its one glyph.
    assert split_cluster("لا", [520]) == ["لا"]
    assert split_cluster("ffi", [600, 0]) == ["ffi", ""]


def test_a_shared_glyph_gets_one_code_per_text() -> None:
    text_map = TextMap(glyph_count=2000, spacer_glyph=3)
    assert text_map.code(57, "ة") == 57
    assert text_map.code(57, "ة") == 57
    alias = text_map.code(57, "ت")
    assert alias == text_map.spacer + 1
    assert text_map.spacer == 2000 + 1024
    assert text_map.code(57, "ت") == alias
    assert text_map.code(58, "ت") == 58
    spacer = text_map.spacer_code("ِ")
    assert spacer == alias + 1 and text_map.aliases[(text_map.spacer, "ِ", None)] == spacer
    # The spacer draws the font's space glyph, never glyph 0 (.notdef): PDF/UA-1 7.21.8.
    assert text_map.glyph_of() == {alias: 57, spacer: 3}


def test_the_spacer_draws_the_fonts_own_space_glyph() -> None:
    """Read from the font file as WeasyPrint holds it: the glyph cmap gives U+0020."""
    import types

    import fontpkg
    from fontTools.ttLib import TTFont

    from hfs_i18n.pdf.textlayer import _space_glyph

    for family in ("Amiri", "Noto Sans", "Noto Sans Telugu"):
        path = fontpkg.path(family, weight=400)
        font = types.SimpleNamespace(file_content=path.read_bytes(), index=0)
        with TTFont(path) as tt:
            expected = tt.getGlyphID(tt.getBestCmap()[0x20])
        assert _space_glyph(font) == expected != 0, family


def test_a_glyph_drawn_wider_gets_a_code_of_that_width() -> None:
    text_map = TextMap(glyph_count=2000)
    assert text_map.code(65, "ز") == 65
    wide = text_map.code(65, "ز", 521)
    assert wide > text_map.spacer and text_map.widths[wide] == 521
    assert text_map.code(65, "ز", 521) == wide
    assert text_map.code(65, "ز", 530) not in (65, wide)
    assert text_map.code(65, "ز") == 65
    # A CFF font's codes must be glyph ids: there only the text can differ.
    cff = TextMap(glyph_count=2000, own_widths=False)
    assert cff.code(65, "ز", 521) == 65
    assert not cff.widths


def test_codes_run_out_into_the_glyph_id_not_into_real_glyphs() -> None:
    text_map = TextMap(glyph_count=0xFFFF - 1100)
    codes = {text_map.code(7, str(n)) for n in range(200)}
    assert min(codes) == 7  # fell back to the glyph id: never a code of a real glyph
    assert all(code == 7 or text_map.spacer < code <= 0xFFFF for code in codes)
    assert len(codes) == 0xFFFF - text_map.spacer + 1


def test_cff_fonts_keep_codes_on_glyph_ids(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A CFF font has no CIDToGIDMap: aliases go through the encoding CMap instead."""
    if shutil.which("pdftotext") is None:
        pytest.skip("needs poppler-utils")
    from hfs_i18n.pdf import textlayer
    from hfs_i18n.pdf.writer import PdfWriter

    monkeypatch.setattr(textlayer, "_own_widths", lambda font: False)
    text = "لكنها ليست خطيرة، وزيارتك القادمة بعد ٣ أشهر؛ سُئِلَ المريض."
    html = f'<html lang="ar" dir="rtl"><body style="font-family: Amiri"><p>{text}</p></body></html>'
    pdf = tmp_path / "cff.pdf"
    writer = PdfWriter(allowed_dirs=[])
    pdf.write_bytes(writer.write(html, base_url=tmp_path.as_uri() + "/", uncompressed=True))
    raw = pdf.read_bytes()
    assert b"/CIDToGIDMap /Identity" in raw and b"/HFS-Encod-0" in raw
    extracted = pdftotext(pdf)
    assert letters(extracted) == letters(text)
