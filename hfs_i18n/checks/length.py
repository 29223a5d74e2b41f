"""Length: a translation far shorter or longer than its source.

A translation a third as long usually lost a sentence (often a warning); three times as
long usually carries a second message pasted in.  Arabic runs a little shorter than
English and Turkish a little longer, well inside these bounds; short messages vary too
much to judge, so both a ratio and a minimum difference must be exceeded.  A
translation that keeps an acronym of the source and spells it out ("MFA" ->
"Многофакторная аутентификация (MFA)") is longer on purpose.
"""

from __future__ import annotations

import re

from hfs_i18n.checks.registry import WARNING, Message, check

ACRONYM_RE = re.compile(r"\b[A-Z][A-Z0-9]{1,7}s?\b")

MIN_RATIO = 1 / 3
MAX_RATIO = 3.0
MIN_DIFFERENCE = 20  # characters


@check("length-ratio", WARNING)
def length_ratio(msg: Message) -> tuple[str, ...]:
    """A translation less than 1/3 or more than 3 times as long as its source."""
    # Runs on every entry: a plain function returning a tuple, not a generator, whose
    # creation would cost more than the test.
    for source, text, _ in msg.pairs:
        src, txt = len(source), len(text)
        if abs(src - txt) < MIN_DIFFERENCE:
            continue
        ratio = txt / src
        if ratio > MAX_RATIO and _expands_acronym(source, text):
            continue
        if ratio < MIN_RATIO or ratio > MAX_RATIO:
            return (
                f"the translation is {ratio:.1f} times as long as the source ({txt}/{src} chars)",
            )
    return ()


def _expands_acronym(source: str, text: str) -> bool:
    """Whether ``text`` keeps an acronym of ``source`` next to words of its own."""
    return any(acronym in text for acronym in ACRONYM_RE.findall(source))
