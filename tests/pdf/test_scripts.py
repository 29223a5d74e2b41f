"""Every shipped script renders with a font of its own and reads back exactly.

Each locale's sample text (``tests/data/scripts/<locale>.txt``: patient sentences with
numbers, a phone number, ZWNJ, reph, pre-base vowel signs, split vowels) is set as a
handout page and written by ``PdfWriter`` — fontconfig isolation, per-locale fonts,
the text layer — then read back with ``pdftotext``, the independent oracle.  Words are
counted by ``benchmarks/scripts_extraction.py``'s own rule (imported, not copied): a
word is a run of letters, marks, digits and ZWNJ/ZWJ, compared exactly, so a dropped
ZWNJ, a reph moved, a mark lost, a word split or glued is a miss.

Right-to-left seams: in a right-to-left line poppler's bidi pass (reorderText) moves
the space after a left-to-right run (a number, "MRI") inside the run's embedding, so
``pdftotext`` prints "ملاقات ‪ 15‬نومبر": with the direction marks dropped, the number
is glued to the next word although the PDF has the gap on the correct side.  This
count therefore treats pdftotext's direction marks (U+202A…U+202E, U+200E/F,
U+2066…U+2069) as word breaks (the benchmark's ``seam%`` column; its ``layout%``
column shows the count without).  Left-to-right locales are also counted in ``-raw``
order, where no bidi pass runs.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from support import REPO

from hfs_i18n.errors import InputError
from hfs_i18n.pdf.fonts import MissingGlyphs, check_page_fonts, font_faces
from hfs_i18n.pdf.writer import PdfWriter

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


def _benchmark() -> object:
    path = REPO / "benchmarks" / "scripts_extraction.py"
    spec = importlib.util.spec_from_file_location("scripts_extraction", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bench = _benchmark()
LOCALES = sorted(path.stem for path in bench.SAMPLES.glob("*.txt"))  # type: ignore[attr-defined]
BASE_URL = bench.STATIC.as_uri() + "/"  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def writer() -> PdfWriter:
    return PdfWriter(allowed_dirs=[bench.STATIC])  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def renders() -> Iterator[Callable[[str, str | None], tuple[bytes, bytes]]]:
    """Two renders of a locale's page, by two writers, while the clock fontTools reads
    moves a day at every look (a field stamped with the build time would differ);
    ``epoch``: with SOURCE_DATE_EPOCH set to it (which fontTools honours)."""
    import types

    import fontTools.misc.timeTools as font_clock

    made: dict[tuple[str, str | None], tuple[bytes, bytes]] = {}
    writers = [PdfWriter(allowed_dirs=[bench.STATIC]) for _ in range(2)]  # type: ignore[attr-defined]
    ticks = iter(range(1_800_000_000, 1_900_000_000, 86_400))
    clock = types.SimpleNamespace(time=lambda: float(next(ticks)))

    def render(locale: str, epoch: str | None) -> tuple[bytes, bytes]:
        if (locale, epoch) not in made:
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(font_clock, "time", clock)
                if epoch is None:
                    patch.delenv("SOURCE_DATE_EPOCH", raising=False)
                else:
                    patch.setenv("SOURCE_DATE_EPOCH", epoch)
                page = bench.page(locale)  # type: ignore[attr-defined]
                first, second = (w.write(page, base_url=BASE_URL) for w in writers)
            made[locale, epoch] = (first, second)
        return made[locale, epoch]

    yield render


def test_every_sample_locale_is_shipped_script() -> None:
    # Arabic (ar, fa, ur), Hebrew, Devanagari, Bengali, Tamil, Telugu, Cyrillic, Greek, Latin.
    assert {"ar", "fa", "ur", "he", "hi", "bn", "ta", "te", "ru", "el", "es", "tr"} <= set(LOCALES)


@pytest.mark.parametrize("locale", LOCALES)
def test_words_extract_exactly(locale: str, renders: Any, tmp_path: Path) -> None:
    pdf = tmp_path / f"{locale}.pdf"
    pdf.write_bytes(renders(locale, None)[0])
    expected = [w for text in bench.paragraphs(locale) for w in bench.words(text)]  # type: ignore[attr-defined]
    assert len(expected) >= 100
    layout = bench.words(bench.pdftotext(pdf, "-layout"), marks_break=True)  # type: ignore[attr-defined]
    assert bench.share(expected, layout) >= 99.8, locale  # type: ignore[attr-defined]
    if locale not in bench.RTL:  # type: ignore[attr-defined]
        raw = bench.words(bench.pdftotext(pdf, "-raw"))  # type: ignore[attr-defined]
        assert bench.share(expected, raw) >= 99.8, locale  # type: ignore[attr-defined]
    # No text-showing operator draws glyph 0 (.notdef): PDF/UA-1, ISO 14289-1 7.21.8.
    assert bench.glyph_zero_references(pdf) == 0  # type: ignore[attr-defined]


def test_glyph_zero_counter_sees_a_spacer_drawn_with_notdef(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The counter is not blind: with the spacer drawing glyph 0 (the text layer before
    PDF/UA-1 was fixed), Arabic marks' spacers are counted through the CIDToGIDMap."""
    from hfs_i18n.pdf import textlayer

    monkeypatch.setattr(textlayer, "_space_glyph", lambda font: 0)
    pdf = tmp_path / "ar.pdf"
    writer = PdfWriter(allowed_dirs=[bench.STATIC])  # type: ignore[attr-defined]
    pdf.write_bytes(writer.write(bench.page("ar"), base_url=BASE_URL))  # type: ignore[attr-defined]
    assert bench.glyph_zero_references(pdf) > 0  # type: ignore[attr-defined]


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("epoch", [None, "1767225600"], ids=["clock", "SOURCE_DATE_EPOCH"])
def test_rebuild_is_byte_identical(locale: str, epoch: str | None, renders: Any) -> None:
    first, second = renders(locale, epoch)
    assert first.startswith(b"%PDF-") and first == second


THAI = "อาการกระตุกครึ่งหน้า"  # "hemifacial spasm": Thai has no font of ours


def test_a_script_without_font_is_an_error_naming_characters(
    writer: PdfWriter, tmp_path: Path
) -> None:
    html = (
        '<!DOCTYPE html><html lang="th"><head><title>Thai</title></head>'
        f"<body><p>Hemifacial spasm: {THAI}</p></body></html>"
    )
    with pytest.raises(MissingGlyphs) as caught:
        writer.write(html, base_url=tmp_path.as_uri() + "/")
    error = caught.value
    assert isinstance(error, InputError)
    assert "อ" in error.characters and set(error.characters) <= set(THAI)
    message = str(error)
    assert "\n" not in message
    assert "'อ' (U+0E2D, Thai)" in message and "locale th" in message and "Thai" in message
    # The web page's check finds the same characters from the fonts' cmaps.
    with pytest.raises(MissingGlyphs) as web:
        check_page_fonts(html)
    assert set(web.value.characters) == set(THAI)


def test_each_script_has_one_face_and_latin_in_hebrew_is_not_amiri() -> None:
    """unicode-range limits each face of "HFS Sans" to its script, so every script's
    characters come from one file; a Hebrew page puts "HFS Sans" (Heebo for Hebrew,
    Noto Sans for Latin words) before "HFS Arabic" (Amiri, which has Latin too)."""
    from hfs_i18n.pdf.fonts import face_characters, font_stack_css

    faces = [f for f in font_faces("he") if f.weight == 400 and f.style == "normal"]
    sans = [f for f in faces if f.css_family == "HFS Sans"]
    for char in "שAΩЖकকதతa1":
        owners = [f.package_family for f in sans if ord(char) in face_characters(f)]
        assert len(owners) == 1, (char, owners)
    assert font_stack_css("he").startswith(':lang(he) { font-family: "HFS Sans", "HFS Arabic"')
    for arabic_script in ("ar", "fa", "ur", "ar-EG"):
        assert '{ font-family: "HFS Arabic", "HFS Sans"' in font_stack_css(arabic_script)
