"""Digits of every numbering system the project renders or checks, defined once.

``check`` compares numbers whatever digits a translation writes them in, and ``render``
writes numbers in the reader's digits; both read the tables here.
"""

from __future__ import annotations

import re

# Western, Arabic-Indic (U+0660-0669) and Extended Arabic-Indic / Persian (U+06F0-06F9).
DIGIT_CLASS = "0-9\u0660-\u0669\u06f0-\u06f9"
DIGIT_RE = re.compile(f"[{DIGIT_CLASS}]")
TO_WESTERN = str.maketrans(
    "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
    "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9",
    "01234567890123456789",
)

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
