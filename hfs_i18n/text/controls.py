"""Control characters a translation may not hold, defined once for ``check`` and ``compile``.

Tab and newline are text; every other C0 control, DEL and the C1 controls are not: a NUL
ends the string early for C readers of an ``.mo`` file, the rest draw nothing or garbage.
"""

from __future__ import annotations

import re

CONTROL_CLASS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
CONTROL_CHARACTER_RE = re.compile(f"[{CONTROL_CLASS}]")


def control_characters(text: str) -> list[str]:
    """The control characters of ``text`` (tab and newline excepted), in order."""
    return CONTROL_CHARACTER_RE.findall(text)
