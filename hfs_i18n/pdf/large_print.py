"""Large print: body text sized per script from the measured height of the fonts we embed.

A "16 pt" Amiri line looks much smaller than a 16 pt Noto Sans one: Naskh letters sit
low on a tall em (the bowl of ه or the teeth of س reach about a third of the em, Latin
x-height about half).  So the rule is *equal body height*, not equal point size: every
script's body text is set so that its letters are as tall as the x-height of 16 pt Latin
in Noto Sans, and never below 16 pt.

The body height of a script is measured from the font file with fontTools (installed
with WeasyPrint): the median top of letters that have no ascender and nothing drawn
above them (``x v w z`` in Latin; ``س ص م ه و ع`` in Arabic; ``क म न ब प व`` up to the
headline in Devanagari).  ``OS/2.sxHeight`` is not used: Amiri's describes its Latin
letters, not its Arabic ones.  Measuring when rendering (not a table typed in here)
keeps the sizes right when a font package changes; ``benchmarks/large_print_sizes.py``
prints the measurement.  Rejected: fixed per-language factors from the literature,
which belong to other fonts.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from functools import cache
from pathlib import Path

MIN_BODY_PT = 16.0
REFERENCE_SCRIPT = "Latn"
# Letters without ascenders, descending bowls aside, and with no dots or marks above.
BODY_LETTERS = {
    "Latn": "xvwz",
    "Arab": "سصمهوع",
    "Deva": "कमनबपव",
}
# The font each script's body text is set in (fontpkg family names; the first two are
# those pdf.writer embeds, Devanagari is measured for when a Devanagari face is added).
SCRIPT_FAMILIES = {
    "Latn": "Noto Sans",
    "Arab": "Amiri",
    "Deva": "Noto Sans Devanagari",
}
# Line spacing of large print: generous, and more for Arabic, whose marks above and
# below the letters need room between lines.
LINE_HEIGHT = {"Latn": 1.6, "Arab": 1.9, "Deva": 1.8}
# Headings: tighter, but Arabic hamza and marks above (أ reaches 1.01 em in Amiri) need
# the room, or a heading at the top of a page draws into the margin.
HEADING_LINE_HEIGHT = {"Latn": 1.3, "Arab": 1.6, "Deva": 1.5}


def body_height(font: Path, letters: str) -> float:
    """Median top of ``letters`` in ``font``, as a fraction of the em."""
    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.ttLib import TTFont

    with TTFont(font, lazy=True) as ttf:
        units = ttf["head"].unitsPerEm
        cmap = ttf.getBestCmap()
        glyphs = ttf.getGlyphSet()
        tops = []
        for letter in letters:
            pen = BoundsPen(glyphs)
            glyphs[cmap[ord(letter)]].draw(pen)
            if pen.bounds:
                tops.append(pen.bounds[3] / units)
    return statistics.median(tops)


def font_path(family: str) -> Path | None:
    """The package file of ``family`` (regular), or None when its package is missing."""
    import fontpkg

    try:
        return Path(fontpkg.path(family, weight=400, style="normal"))
    except LookupError:  # fontpkg.errors.FamilyNotInstalled
        return None


@cache
def measured_heights() -> dict[str, float]:
    """Body height of every script whose font package is installed."""
    heights = {}
    for script, family in SCRIPT_FAMILIES.items():
        path = font_path(family)
        if path is not None:
            heights[script] = body_height(path, BODY_LETTERS[script])
    return heights


def body_sizes(heights: Mapping[str, float], minimum: float = MIN_BODY_PT) -> dict[str, float]:
    """Point size per script giving the reference script's body height at ``minimum``,
    rounded up to a half point, never below ``minimum``."""
    target = heights[REFERENCE_SCRIPT] * minimum
    sizes = {}
    for script, height in heights.items():
        size = max(minimum, target / height)
        sizes[script] = -(-size * 2 // 1) / 2  # up to the next half point
    return sizes


def variant_css(variant: str, script: str) -> str:
    """The rules a handout ``variant`` adds to a page in ``script`` ("" for standard)."""
    return large_print_css(script) if variant == "large-print" else ""


def large_print_css(script: str) -> str:
    """The rules a large-print handout adds for a page whose text is in ``script``."""
    sizes = body_sizes(measured_heights())
    size = sizes.get(script, sizes[REFERENCE_SCRIPT])
    leading = LINE_HEIGHT.get(script, LINE_HEIGHT[REFERENCE_SCRIPT])
    heading = HEADING_LINE_HEIGHT.get(script, HEADING_LINE_HEIGHT[REFERENCE_SCRIPT])
    return (
        # On the root, so headings (sized in rem) grow with the text.
        f"html {{ font-size: {size:g}pt; }}\n"
        f"body {{ font-size: 1rem; line-height: {leading:g}; }}\n"
        f"h1, h2, h3 {{ line-height: {heading:g}; }}\n"
        # The standard layout's smaller print: as large as the body here.
        ".reviewed, .disclaimer, .icon-array figcaption, .icon-array-key,"
        " .handout-qr figcaption { font-size: 1rem; }\n"
        "p, li, td, th, figcaption { text-align: start; hyphens: manual; }\n"
        # The running footer stays in the page margin, larger, with the margin to hold it.
        "@page { margin-block: 16mm 34mm; }\n"
        ".output-pdf .clinic-footer { font-size: 12pt; }\n"
        ".output-pdf .icon-array { inline-size: 70mm; }\n"
        # A warning box kept whole can be taller than what is left of a page, and then
        # leaves its heading alone at the foot (seen in After MVD, Arabic, Letter): at
        # this size boxes break, and the heading keeps its first lines.
        "aside.warning, aside.note { break-inside: auto; page-break-inside: auto; }\n"
        # A comparison table's longest words side by side at this size are about as
        # wide as the page (Choosing a treatment, Arabic): narrower padding, and rows
        # that may break, so a tall row does not leave its heading alone.
        "th, td { padding-inline: 0.3rem; }\n"
        "tr { break-inside: auto; page-break-inside: auto; }\n"
        # The line to write a phone number on: as wide as its box, whatever the size.
        ".write-in { overflow: hidden; letter-spacing: 0; }\n"
    )
