"""Escapes: backslash sequences in a translation that the source does not have.

A PO file writes a quote inside a message as ``\\"``; a translator who types ``\\"``
in an editor that already escapes (or copies from a C source) leaves a literal
backslash-quote that the page shows: ``تم حذف العناصر \\"x\\"``.  Like translate-toolkit's
``pofilter --test=escapes``, the backslash sequences of the translation (a backslash and
the character after it) are compared with the source's; any difference is reported.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from hfs_i18n.checks.registry import ERROR, Message, check

ESCAPE_RE = re.compile(r"\\(?:.|\n|$)")


def _show(sequence: str) -> str:
    if sequence == "\\":
        return "\\ at the end"
    return "\\ before a line break" if sequence == "\\\n" else sequence


@check("escapes", ERROR, gate="backslash")
def escapes(msg: Message) -> Iterator[str]:
    """A translation has a backslash sequence (``\\"``, ``\\n`` typed as text) the source
    does not have, or drops one the source has."""
    reported: set[str] = set()
    for source, text, _ in msg.pairs:
        want = Counter(ESCAPE_RE.findall(source))
        have = Counter(ESCAPE_RE.findall(text))
        for sequence, count in have.items():
            if count > want[sequence] and "+" + sequence not in reported:
                reported.add("+" + sequence)
                yield f"stray backslash sequence '{_show(sequence)}' that the source does not have"
        for sequence, count in want.items():
            if count > have[sequence] and "-" + sequence not in reported:
                reported.add("-" + sequence)
                yield f"backslash sequence '{_show(sequence)}' of the source is missing"
