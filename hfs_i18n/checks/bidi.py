"""Invisible characters: bidi overrides, unbalanced embeddings or isolates, and control
characters (all errors).

An RLO (U+202E) hidden inside an Arabic word displays the rest of the line backwards:
"12 mg" can read "gm 21".  Nothing shows it in an editor that renders the text, so it
is checked by code point.  LRM/RLM/ALM marks are harmless and fine.  A NUL or another
control character (``\\x00``-``\\x1f`` but tab and newline, DEL, C1) ends a string early
in C readers of the ``.mo`` and means nothing on a page; ``compile`` refuses it too.

Every scan is linear: the word around a finding is read by walking at most
:data:`CONTEXT_CHARS` characters each way, never by a pattern anchored at the end of
the text before it (which, per control character, re-read everything before it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from hfs_i18n.checks.registry import ERROR, Message, check
from hfs_i18n.text.bidi import BIDI_CONTROL_CLASS
from hfs_i18n.text.controls import CONTROL_CHARACTER_RE, control_characters

CONTROLS_RE = re.compile(f"[{BIDI_CONTROL_CLASS}]")
_CONTROLS_OR_NEWLINE_RE = re.compile(f"[{BIDI_CONTROL_CLASS}\n]")
OVERRIDES = {"\u202d": "LRO", "\u202e": "RLO"}
OPENERS = {
    "\u202a": ("LRE", "embedding"),
    "\u202b": ("RLE", "embedding"),
    "\u202d": ("LRO", "embedding"),
    "\u202e": ("RLO", "embedding"),
    "\u2066": ("LRI", "isolate"),
    "\u2067": ("RLI", "isolate"),
    "\u2068": ("FSI", "isolate"),
}
PDF, PDI = "\u202c", "\u2069"
CONTEXT_CHARS = 30


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"  # what \w matches


def _context(text: str, index: int) -> str:
    start = index
    while start > 0 and index - start < CONTEXT_CHARS and _is_word(text[start - 1]):
        start -= 1
    end = index + 1
    while end < len(text) and end - index <= CONTEXT_CHARS and _is_word(text[end]):
        end += 1
    before, after = text[start:index], text[index + 1 : end]
    if before or after:
        return f" inside {before + after!r}"
    return f" at offset {index}"


@check("bidi-override", ERROR, gate="bidi")
def bidi_override(msg: Message) -> Iterator[str]:
    """An LRO/RLO override (U+202D/U+202E): it reverses how the following text reads."""
    for _, text, _ in msg.pairs:
        if CONTROLS_RE.search(text) is None:
            continue
        for match in CONTROLS_RE.finditer(text):
            name = OVERRIDES.get(match.group(0))
            if name:
                code = f"U+{ord(match.group(0)):04X}"
                yield f"bidi override {name} ({code}){_context(text, match.start())}"


def _unbalanced(text: str) -> str | None:
    """Why the embeddings and isolates of ``text`` do not pair up (per paragraph, as in UAX #9)."""
    stack: list[tuple[str, str]] = []
    for match in _CONTROLS_OR_NEWLINE_RE.finditer(text):
        char = match.group(0)
        if char == "\n":
            if stack:
                return f"{stack[-1][0]} is not closed before the line break"
        elif char in OPENERS:
            stack.append(OPENERS[char])
        elif char == PDF:
            if not stack or stack[-1][1] != "embedding":
                return f"stray PDF (U+202C){_context(text, match.start())}"
            stack.pop()
        elif char == PDI:
            # UAX #9 lets a PDI close embeddings left open inside its isolate; we do not:
            # an embedding that relies on it was almost certainly not meant to span it.
            if stack and stack[-1][1] == "embedding":
                return f"{stack[-1][0]} is not closed before PDI (U+2069)"
            if not stack:
                return f"stray PDI (U+2069){_context(text, match.start())}"
            stack.pop()
    if stack:
        return f"{stack[-1][0]} is not closed"
    return None


@check("bidi-unbalanced", ERROR, gate="bidi")
def bidi_unbalanced(msg: Message) -> Iterator[str]:
    """Unbalanced LRE/RLE/PDF embeddings or LRI/RLI/FSI/PDI isolates, or a stray PDF/PDI."""
    for _, text, _ in msg.pairs:
        if CONTROLS_RE.search(text) is not None:
            problem = _unbalanced(text)
            if problem:
                yield f"unbalanced bidi controls: {problem}"
                return


@check("control-character", ERROR, gate="control")
def control_character(msg: Message) -> Iterator[str]:
    """A NUL or other control character (not tab or newline) the source does not have."""
    for source, text, _ in msg.pairs:
        if CONTROL_CHARACTER_RE.search(text) is None:
            continue
        extra = sorted(set(control_characters(text)) - set(control_characters(source)))
        if extra:
            names = ", ".join(f"U+{ord(c):04X}" for c in extra)
            yield f"control character {names} in the translation"
            return
