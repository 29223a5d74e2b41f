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

# Digits and CSS counter styles per CLDR numbering system (the ones Babel's locales use).
NUMBERING_DIGITS = {
    "latn": "0123456789",
    "arab": "٠١٢٣٤٥٦٧٨٩",
    "arabext": "۰۱۲۳۴۵۶۷۸۹",
}
COUNTER_STYLES = {"latn": "decimal", "arab": "arabic-indic", "arabext": "persian"}


def to_numbering(text: str, system: str) -> str:
    """``text`` with ASCII digits written in the numbering ``system`` (``latn``: unchanged)."""
    digits = NUMBERING_DIGITS.get(system, NUMBERING_DIGITS["latn"])
    if digits == NUMBERING_DIGITS["latn"]:
        return text
    return text.translate(str.maketrans("0123456789", digits))
