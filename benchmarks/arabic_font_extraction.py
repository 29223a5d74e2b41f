"""Which Arabic font extracts from our PDFs exactly as written?

Search, copy/paste and screen readers read a PDF's text through each font's ToUnicode
map.  A font whose shaped letter forms are shared between letters (the Noto Sans Arabic
variable font is the known case) maps some glyphs back to the wrong letters.  This script
renders the same Arabic paragraphs with each candidate font through hfs_i18n.pdf.writer (same
fontconfig isolation, same fetcher), runs ``pdftotext`` and compares each paragraph with
its source after normalising whitespace only.

Two counts per font: paragraphs whose every character comes back in order, and those
that do once the punctuation at the seam of a left-to-right run (the ``٪`` after
``٤٥``) is set aside: pdftotext's own bidi pass keeps such punctuation in visual order
whatever the PDF says (see tests/test_textlayer.py).

    python benchmarks/arabic_font_extraction.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from html import escape
from pathlib import Path

import fontpkg

from hfs_i18n.pdf.fonts import FontFace
from hfs_i18n.pdf.writer import PdfWriter

CANDIDATES = (
    "Noto Sans Arabic",
    "IBM Plex Sans Arabic",
    "Amiri",
    "Cairo",
    "Tajawal",
    "Almarai",
    "Noto Kufi Arabic",
    "Rubik",
)

# Patient-information sentences: joining letters in every position, lam-alef ligatures,
# hamza forms, taa marbuta, alef maqsura, Arabic-Indic digits, Arabic punctuation.
PARAGRAPHS = (
    "التشنج النصفي الوجهي حالة تسبب انقباضات لا إرادية في عضلات جانب واحد من الوجه.",
    "تبدأ الأعراض عادةً حول العين ثم قد تنتشر إلى الخد والفم مع مرور الوقت.",
    "يحدث ذلك غالبًا بسبب ضغط وعاء دموي على العصب الوجهي عند خروجه من جذع الدماغ.",
    "قد يطلب طبيبك تصويرًا بالرنين المغناطيسي لاستبعاد الأسباب الأخرى.",
    "حقن البوتولينوم هي العلاج الأكثر شيوعًا، وتُعاد كل ٣ إلى ٤ أشهر تقريبًا.",
    "الجراحة (تخفيف الضغط الوعائي الدقيق) خيار لبعض المرضى؛ ناقش فوائدها ومخاطرها.",
    "اتصل بالعيادة فورًا إذا لاحظت ضعفًا مفاجئًا في الوجه أو صعوبة في إغلاق العين؟",
    "لا تقلق: هذه الحالة ليست خطيرة على الحياة، لكنها قد تؤثر في الثقة بالنفس والنوم.",
    "سُئل ٤٥٪ من المرضى عن القلق، وقال ١٢٠ مريضًا إن الإرهاق يزيد التشنجات.",
    "إلى اللقاء في موعدك القادم؛ أحضر قائمة بأدويتك وأسئلتك.",
)


# pdftotext marks each right-to-left line with embedding controls (RLE … PDF); they are
# its layout annotation, not text of the PDF, so they count as whitespace here.
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def normalise(text: str) -> str:
    """Whitespace collapsed, pdftotext's bidi line marks dropped; every letter kept."""
    return re.sub(r"\s+", " ", BIDI_CONTROLS.sub("", text)).strip()


def letters(text: str) -> str:
    """Every character except whitespace, in order.

    A PDF stores positioned glyphs, not spaces: pdftotext guesses spaces from gaps, and
    a diacritic placed past its letter (tanween on taa marbuta) gets one.  Comparing
    without whitespace still demands every letter, mark, digit and punctuation sign in
    the order written.
    """
    return re.sub(r"\s+", "", BIDI_CONTROLS.sub("", text))


SEAM_PUNCTUATION = re.compile(r"[.:,()\[\]/+\-،؛٪%]")


def measure(family: str, workdir: Path) -> tuple[int, int, list[tuple[str, str]]]:
    """Paragraphs that round-trip exactly, those that do apart from seam punctuation,
    and (expected, nearest extracted line) for the paragraphs that do not."""
    weights = sorted({f.weight or 400 for f in fontpkg.family(family).files})
    weight = 400 if 400 in weights or not weights else weights[0]
    writer = PdfWriter(allowed_dirs=[], faces=(FontFace("Candidate", family, weight),))
    body = "".join(f"<p>{escape(p)}</p>" for p in PARAGRAPHS)
    html = (
        '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        "<title>اختبار</title><style>@page { size: A4 landscape; margin: 15mm }"
        " html { font-family: Candidate; font-size: 13pt } p { margin: 0 0 8mm }"
        f"</style></head><body>{body}</body></html>"
    )
    pdf = workdir / f"{family.replace(' ', '-')}.pdf"
    pdf.write_bytes(writer.write(html, base_url=workdir.as_uri() + "/"))
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    extracted = letters(text)
    lines = [normalise(line) for line in text.splitlines() if line.strip()]
    unpunctuated = letters(SEAM_PUNCTUATION.sub("", text))
    failures = []
    seams = 0
    for paragraph in PARAGRAPHS:
        if letters(paragraph) not in extracted:
            nearest = max(lines, key=lambda line: _overlap(line, paragraph), default="")
            failures.append((paragraph, nearest))
            seams += letters(SEAM_PUNCTUATION.sub("", paragraph)) in unpunctuated
    return len(PARAGRAPHS) - len(failures), len(PARAGRAPHS) - len(failures) + seams, failures


def _overlap(a: str, b: str) -> int:
    return len(set(a.split()) & set(b.split()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="keep the PDFs in this folder")
    args = parser.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="hfs-font-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"{'font':24} exact/{len(PARAGRAPHS)}  but seams  first mismatch")
    results = {}
    for family in CANDIDATES:
        try:
            fontpkg.family(family)
        except fontpkg.FamilyNotInstalled:
            print(f"{family:24} not installed (pip install fontpkg-{fontpkg.slugify(family)})")
            continue
        exact, but_seams, failures = measure(family, workdir)
        results[family] = exact
        detail = ""
        if failures:
            expected, got = failures[0]
            detail = f"expected {expected[:30]!r}… got {got[:30]!r}…"
        total = len(PARAGRAPHS)
        print(f"{family:24} {exact:>2}/{total}      {but_seams:>2}/{total}      {detail}")
    print(f"PDFs in {workdir}")
    return 0 if results else 1


if __name__ == "__main__":
    sys.exit(main())
