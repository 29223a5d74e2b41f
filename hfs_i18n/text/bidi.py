"""Bidirectional control characters and the direction of a piece of text, defined once."""

from __future__ import annotations

import re
import unicodedata

# Embeddings, overrides and isolates (LRE…PDF, LRI…PDI): what the bidi checks pair up.
BIDI_CONTROL_CLASS = "\u202a-\u202e\u2066-\u2069"
# Bidi controls and marks (LRM, RLM, ALM) end a URL: an Arabic sentence often isolates
# it with FSI…PDI.
BIDI_FORMAT = f"\u200e\u200f\u061c{BIDI_CONTROL_CLASS}"
BIDI_FORMAT_RE = re.compile(f"[{BIDI_FORMAT}]")
RLM = "\u200f"


def text_direction(text: str) -> str:
    """``rtl`` or ``ltr`` from the first strongly directional character (HTML's dir=auto)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"
