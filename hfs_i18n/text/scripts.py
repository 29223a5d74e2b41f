"""Script-specific folding and casing, defined once: Arabic marks, Turkish dotted i.

Arabic writers may or may not add short vowels (tashkeel), tatweel or presentation
forms; Turkish upper- and lower-cases i and ı differently from English.  Term matching,
lookup, readability and the render filters all need the same classes.
"""

from __future__ import annotations

# Arabic combining marks: harakat, shadda, tanween, dagger alef, Quranic marks.
ARABIC_MARKS_CLASS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
TATWEEL = "\u0640"
# Marks plus tatweel: what folding removes from an Arabic word.
ARABIC_TASHKEEL_CLASS = ARABIC_MARKS_CLASS + TATWEEL
# Hebrew points (niqqud) and cantillation marks: optional in modern text.
HEBREW_POINTS_CLASS = "\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
# Presentation forms A and B (what NFKC turns back into ordinary letters).
ARABIC_PRESENTATION_CLASS = "\ufb50-\ufdff\ufe70-\ufeff"

# Languages whose dotted/dotless i differ from English case mapping.
DOTTED_I_LANGUAGES = frozenset({"tr", "az"})


def turkish_lower(text: str) -> str:
    """Lower-case with Turkish dotted/dotless i (I -> ı, İ -> i)."""
    return text.replace("I", "ı").replace("İ", "i").lower()


def turkish_upper(text: str) -> str:
    """Upper-case with Turkish dotted/dotless i (i -> İ, ı -> I)."""
    return text.replace("i", "İ").upper()
