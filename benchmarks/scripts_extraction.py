"""Does every script we ship render and read back exactly from our PDFs?

Each locale's sample paragraphs (tests/data/scripts/<locale>.txt, patient text about
hemifacial spasm) are set as a page with the project's stylesheet and fonts and written
by ``hfs_i18n.pdf.writer.PdfWriter`` — the handouts' own path: fontconfig isolation, the URL
fetcher, the text layer.  Per locale it prints:

* ``notdef``: characters WeasyPrint drew with ``.notdef`` (its log warning), 0 expected;
* ``uncov``: characters no font of the set covers (their cmaps, checked before render);
* ``words``: source words found in ``pdftotext -layout`` output and in ``-raw`` output,
  as a share of all words (target ≥ 99.8 %).  A word is a run of letters, marks, digits
  and ZWNJ/ZWJ, compared exactly: a dropped ZWNJ, a reph moved, a mark lost, a word
  split in two or glued to its neighbour is a miss;
* ``seam%``: the layout share again, pdftotext's bidi marks read as word breaks.  In a
  right-to-left line poppler's reorderText moves the space after a left-to-right run
  (a number, "MRI") inside the run's embedding, before it: "ملاقات ‪ 15‬نومبر".  The
  PDF has the gap on the right side; the difference between the two columns is that.
  A locale passes with 0 notdef, 0 uncov, 0 gid0, both rebuilds identical, seam% and
  (left-to-right scripts) raw% ≥ 99.8; the exit status is 1 if one does not;
* ``paras``: paragraphs whose letters (all but whitespace) come back in order
  (``pdftotext`` without options, as tests/test_textlayer.py reads);
* ``gid0``: references to glyph 0 (``.notdef``) from text-showing operators, read from
  the PDF (codes through the font's encoding CMap and CIDToGIDMap), 0 expected
  (PDF/UA-1, ISO 14289-1 §7.21.8);
* ``same``/``same+SDE``: two builds byte-identical, without and with SOURCE_DATE_EPOCH.

    python3 benchmarks/scripts_extraction.py [--keep DIR] [--font SCRIPT=FAMILY…]
        [LOCALE…]

``--font Hebr=Rubik`` measures a candidate in place of hfs_i18n.pdf.fonts.SCRIPT_FONTS' choice
(any installed fontpkg family; ISO 15924 script codes as there).

Needs ``pdftotext`` (poppler-utils) and pypdf (the ``bench`` extra).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's hfs_i18n, whatever is installed
SAMPLES = ROOT / "tests" / "data" / "scripts"
STATIC = ROOT / "templates" / "static"
RTL = {"ar", "fa", "ur", "he"}
SCRIPT = {"ar": "Arab", "fa": "Arab", "ur": "Arab", "he": "Hebr", "hi": "Deva", "bn": "Beng",
          "ta": "Taml", "te": "Telu", "ru": "Cyrl", "el": "Grek", "es": "Latn",
          "tr": "Latn"}  # fmt: skip
JOINERS = "\u200c\u200d"
# pdftotext marks right-to-left lines and left-to-right runs in them with bidi
# controls.  They are dropped, not read as spaces: a reader that drops them sees
# "نومبر2026" if pdftotext put the space on the wrong side of a number.
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def paragraphs(locale: str, markup: bool = False) -> list[str]:
    """The sample's paragraphs, ``{phone}`` as text or (``markup``) as the templates'
    ``clinic.phone|ltr`` sets it: a ``<span dir="ltr">``, escaped HTML around it."""
    lines = (SAMPLES / f"{locale}.txt").read_text(encoding="utf-8").splitlines()
    phone = next(line.split(":", 1)[1].strip() for line in lines if line.startswith("# phone:"))
    texts = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    if markup:
        span = f'<span dir="ltr">{escape(phone)}</span>'
        return [escape(text).replace("{phone}", span) for text in texts]
    return [text.replace("{phone}", phone) for text in texts]


def page(locale: str) -> str:
    """The sample as a handout page: the project's stylesheet, body class output-pdf."""
    direction = "rtl" if locale in RTL else "ltr"
    texts = paragraphs(locale, markup=True)
    body = "".join(f"<p>{text}</p>" for text in texts)
    return (
        f'<!DOCTYPE html><html lang="{locale}" dir="{direction}"><head><meta charset="utf-8">'
        f'<title>{escape(paragraphs(locale)[0][:40])}</title><link rel="stylesheet" '
        'href="style.css"><style>@page { size: A4; margin: 15mm }</style></head>'
        f'<body class="output-pdf"><main>{body}</main></body></html>'
    )


def words(text: str, marks_break: bool = False) -> list[str]:
    """Runs of letters, marks, digits and joiners: what search and a reader need whole.

    ``marks_break``: pdftotext's bidi marks end a word (see ``seam%``).
    """
    found, current = [], []
    for char in BIDI_CONTROLS.sub(" " if marks_break else "", text):
        if char in JOINERS or unicodedata.category(char)[0] in "LMN":
            current.append(char)
        elif current:
            found.append("".join(current))
            current = []
    if current:
        found.append("".join(current))
    return found


def letters(text: str) -> str:
    return re.sub(r"\s+", "", BIDI_CONTROLS.sub("", text))


def pdftotext(pdf: Path, mode: str) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", mode, str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def glyph_zero_references(pdf: Path) -> int:
    """Glyph ids shown by Tj/TJ/'/" that are 0, resolving each Type 0 font's codes."""
    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    reader = PdfReader(pdf)
    count = 0
    for pdf_page in reader.pages:
        resources = pdf_page.get("/Resources") or {}
        count += _count_in(ContentStream(pdf_page.get_contents(), reader), resources, reader)
    return count


def _count_in(content, resources, reader) -> int:  # type: ignore[no-untyped-def]
    from pypdf.generic import ContentStream

    fonts = resources.get("/Font") or {}
    xobjects = resources.get("/XObject") or {}
    maps: dict[str, tuple[dict[int, int], list[tuple[int, int, int]], bytes | None]] = {}
    current = None
    count = 0
    for operands, operator in content.operations:
        if operator == b"Tf":
            name = operands[0]
            if name not in maps:
                maps[name] = _font_maps(fonts[name].get_object())
            current = maps[name]
        elif operator in (b"Tj", b"TJ", b"'", b'"') and current is not None:
            items = operands[0] if operator == b"TJ" else operands[-1:]
            for item in items:
                if isinstance(item, (int, float)):
                    continue
                data = item.original_bytes if hasattr(item, "original_bytes") else bytes(item)
                for i in range(0, len(data) - 1, 2):
                    count += _glyph(int.from_bytes(data[i : i + 2], "big"), current) == 0
        elif operator == b"Do":
            xobject = xobjects[operands[0]].get_object()
            if xobject.get("/Subtype") == "/Form":
                inner = ContentStream(xobject, reader)
                count += _count_in(inner, xobject.get("/Resources") or resources, reader)
    return count


def _font_maps(font):  # type: ignore[no-untyped-def]
    """(code -> CID singles, CID ranges, CIDToGIDMap bytes or None for Identity)."""
    singles: dict[int, int] = {}
    ranges: list[tuple[int, int, int]] = []
    encoding = font.get("/Encoding")
    if encoding is not None and not isinstance(encoding.get_object(), str):
        text = encoding.get_object().get_data().decode("latin-1")
        for block in re.findall(r"begincidrange(.*?)endcidrange", text, re.S):
            for a, b, cid in re.findall(r"<(\w+)>\s*<(\w+)>\s*(\d+)", block):
                ranges.append((int(a, 16), int(b, 16), int(cid)))
        for block in re.findall(r"begincidchar(.*?)endcidchar", text, re.S):
            for code, cid in re.findall(r"<(\w+)>\s*(\d+)", block):
                singles[int(code, 16)] = int(cid)
    cid_to_gid = None
    descendant = font["/DescendantFonts"][0].get_object()
    stream = descendant.get("/CIDToGIDMap")
    if stream is not None and not isinstance(stream.get_object(), str):
        cid_to_gid = stream.get_object().get_data()
    return singles, ranges, cid_to_gid


def _glyph(code: int, maps) -> int:  # type: ignore[no-untyped-def]
    singles, ranges, cid_to_gid = maps
    cid = singles.get(code)
    if cid is None:
        cid = code  # Identity-H
        for first, last, first_cid in ranges:
            if first <= code <= last:
                cid = first_cid + code - first
                break
    if cid_to_gid is None:
        return cid
    if 2 * cid + 1 >= len(cid_to_gid):
        return 0
    return int.from_bytes(cid_to_gid[2 * cid : 2 * cid + 2], "big")


def render(locale: str) -> tuple[bytes, list[str]]:
    """The PDF, or no bytes and the characters WeasyPrint drew as ``.notdef`` (which
    PdfWriter refuses to return, logged by WeasyPrint one warning per character)."""
    from hfs_i18n.pdf.fonts import MissingGlyphs
    from hfs_i18n.pdf.writer import PdfWriter

    writer = PdfWriter(allowed_dirs=[STATIC])  # each page's fonts, as in build
    try:
        return writer.write(page(locale), base_url=STATIC.as_uri() + "/"), []
    except MissingGlyphs as error:
        return b"", error.characters


def share(expected: list[str], found: list[str]) -> float:
    hits = sum((Counter(expected) & Counter(found)).values())
    return 100 * hits / len(expected)


def measure(locale: str, workdir: Path) -> dict[str, object]:
    from hfs_i18n.pdf.fonts import font_faces, uncovered_characters

    texts = paragraphs(locale)
    uncovered = uncovered_characters("".join(texts), font_faces(locale))
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    first, notdef = render(locale)
    if notdef:
        return {"notdef": len(notdef), "uncovered": len(uncovered), "missing": "".join(notdef)}
    time.sleep(1.1)  # a clock-stamped field would differ now
    second, _ = render(locale)
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"
    try:
        stamped = [render(locale)[0] for _ in range(2)]
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH")
    pdf = workdir / f"{locale}.pdf"
    pdf.write_bytes(first)
    expected = [w for text in texts for w in words(text)]
    layout, raw = pdftotext(pdf, "-layout"), pdftotext(pdf, "-raw")
    plain = pdftotext(pdf, "-nopgbrk")
    missed = Counter(expected) - Counter(words(layout))
    missed_raw = Counter(expected) - Counter(words(raw))
    return {
        "notdef": 0,
        "uncovered": len(uncovered),
        "words": len(expected),
        "layout": share(expected, words(layout)),
        "raw": share(expected, words(raw)),
        "seam": share(expected, words(layout, marks_break=True)),
        "paras": sum(letters(text) in letters(plain) for text in texts),
        "of": len(texts),
        "gid0": glyph_zero_references(pdf),
        "same": first == second,
        "same_sde": stamped[0] == stamped[1],
        "missed": list(missed.elements())[:3],
        "missed_raw": list(missed_raw.elements())[:3],
        "missing": "".join(notdef) + "".join(uncovered),
    }


def use_font(script: str, family: str) -> None:
    """Set ``script`` in ``family`` (its regular and bold, where the package has them)."""
    import fontpkg

    from hfs_i18n.pdf import fonts as pdf

    weights = []
    for weight in (400, 700):
        try:
            fontpkg.path(family, weight=weight)
            weights.append(weight)
        except fontpkg.errors.FontpkgError:
            pass
    pdf.SCRIPT_FONTS[script] = pdf.ScriptFont(family, tuple(weights) or (400,))


def install_size(family: str) -> int:
    """Bytes the family's fontpkg-* package installs."""
    from importlib.metadata import distribution

    import fontpkg

    dist = distribution(f"fontpkg-{fontpkg.slugify(family)}")
    return sum(dist.locate_file(f).stat().st_size for f in dist.files or ())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("locales", nargs="*", help="default: every tests/data/scripts/*.txt")
    parser.add_argument("--keep", type=Path, help="keep the PDFs in this folder")
    parser.add_argument(
        "--font", action="append", default=[], help="SCRIPT=FAMILY: measure another font"
    )
    args = parser.parse_args()
    for choice in args.font:
        script, family = choice.split("=", 1)
        use_font(script, family)
    locales = args.locales or sorted(p.stem for p in SAMPLES.glob("*.txt"))
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="hfs-scripts-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(
        f"{'locale':6} {'script':6} {'notdef':>6} {'uncov':>5} {'words':>5} {'layout%':>7} "
        f"{'raw%':>6} {'seam%':>6} {'paras':>5} {'gid0':>4} {'same':>4} {'same+SDE':>8}  "
        "misses: layout | raw"
    )
    failed = False
    for locale in locales:
        r = measure(locale, workdir)
        if r["notdef"]:
            failed = True
            print(
                f"{locale:6} {SCRIPT.get(locale, '?'):6} {r['notdef']:>6} {r['uncovered']:>5}"
                f"  no font: {r['missing']}"
            )
            continue
        ok = (
            r["notdef"] == 0
            and r["uncovered"] == 0
            and min(r["seam"], r["raw"] if locale not in RTL else 100) >= 99.8
            and r["gid0"] == 0
            and r["same"]
            and r["same_sde"]
        )
        failed |= not ok
        misses = " ".join(r["missed"]) + " | " + " ".join(r["missed_raw"])
        misses += f" no font: {r['missing']}" if r["missing"] else ""
        print(
            f"{locale:6} {SCRIPT.get(locale, '?'):6} {r['notdef']:>6} {r['uncovered']:>5} "
            f"{r['words']:>5} {r['layout']:>7.1f} {r['raw']:>6.1f} {r['seam']:>6.1f} "
            f"{r['paras']:>2}/{r['of']:<2} {r['gid0']:>4} {'yes' if r['same'] else 'NO':>4} "
            f"{'yes' if r['same_sde'] else 'NO':>8}  {misses}",
            flush=True,
        )
    from hfs_i18n.pdf.fonts import SCRIPT_FONTS

    sizes = {font.family: install_size(font.family) for font in SCRIPT_FONTS.values()}
    for script, font in SCRIPT_FONTS.items():
        print(f"font {script}: {font.family} ({sizes[font.family] / 1e6:.2f} MB installed)")
    print(f"fonts installed: {sum(sizes.values()) / 1e6:.2f} MB; PDFs in {workdir}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
