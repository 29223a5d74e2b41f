"""Digits of every numbering system the project renders or checks, defined once.

``check`` compares numbers whatever digits a translation writes them in, and ``render``
writes numbers in the reader's digits; both read the tables here.
"""

from __future__ import annotations

import re
import unicodedata

# Every decimal digit of Unicode (category Nd: Western, Arabic-Indic, Persian, Devanagari,
# Bengali, Thai, fullwidth…): Python's ``\d`` on text is exactly that set.
DIGIT_CLASS = r"\d"
DIGIT_RE = re.compile(f"[{DIGIT_CLASS}]")


class _ToWestern(dict[int, int]):
    """``str.translate`` table: any Unicode digit -> its ASCII digit, other characters kept.

    Filled on first sight of each character (a table of all 0x110000 code points would
    cost a tenth of a second at every start); ``unicodedata`` gives each digit's value.
    """

    def __missing__(self, codepoint: int) -> int:
        value = unicodedata.decimal(chr(codepoint), None)
        self[codepoint] = ord("0") + value if value is not None else codepoint
        return self[codepoint]


TO_WESTERN: dict[int, int] = _ToWestern()

# CLDR's numeric numbering systems (common/supplemental/numberingSystems.xml) that some
# Babel locale uses by default or as its native digits, each with the predefined CSS
# counter style (CSS Counter Styles Level 3, section 6.1) that writes the same digits.
# CLDR defines each system's digits as ten consecutive code points from its zero, so the
# zero is all this table keeps; the digits are derived below.  Babel ships the locales'
# choice of system but not the systems' digits, and PyICU (which has them) would be a
# native build dependency for twenty code points.  tests/text/test_numbering.py checks the
# digits against the Unicode database and WeasyPrint's own counter styles, and notices
# a numbering system a new CLDR gives some locale.
_NUMERIC_SYSTEMS: dict[str, tuple[int, str]] = {
    "latn": (0x0030, "decimal"),
    "arab": (0x0660, "arabic-indic"),
    "arabext": (0x06F0, "persian"),
    "beng": (0x09E6, "bengali"),
    "deva": (0x0966, "devanagari"),
    "guru": (0x0A66, "gurmukhi"),
    "gujr": (0x0AE6, "gujarati"),
    "orya": (0x0B66, "oriya"),
    "tamldec": (0x0BE6, "tamil"),
    "telu": (0x0C66, "telugu"),
    "knda": (0x0CE6, "kannada"),
    "mlym": (0x0D66, "malayalam"),
    "thai": (0x0E50, "thai"),
    "laoo": (0x0ED0, "lao"),
    "tibt": (0x0F20, "tibetan"),
    "mymr": (0x1040, "myanmar"),
    "khmr": (0x17E0, "khmer"),
    "mong": (0x1810, "mongolian"),
}
# Digits and CSS counter style per numbering system; a locale whose system is not here
# (an algorithmic one such as ``hebr`` or ``ethi``, or digits CSS has no style for)
# renders Western digits.
NUMBERING_DIGITS = {
    system: "".join(chr(zero + value) for value in range(10))
    for system, (zero, _) in _NUMERIC_SYSTEMS.items()
}
COUNTER_STYLES = {system: style for system, (_, style) in _NUMERIC_SYSTEMS.items()}


def to_numbering(text: str, system: str) -> str:
    """``text`` with ASCII digits written in the numbering ``system`` (``latn``: unchanged)."""
    digits = NUMBERING_DIGITS.get(system, NUMBERING_DIGITS["latn"])
    if digits == NUMBERING_DIGITS["latn"]:
        return text
    return text.translate(str.maketrans("0123456789", digits))
