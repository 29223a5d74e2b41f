"""Identifiers: command-line options and function names of the source, kept as written.

A reader types ``--full`` and calls ``setup()``; a translation that writes ``full--``
(so that it looks right in a right-to-left renderer), transliterates ``setup()`` or
drops an option leaves them with something that does not exist (translate-toolkit's
``pofilter`` tests ``options`` and ``functions``).  Both are warnings: a project may
translate a generic word that only looks like a call.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from hfs_i18n.checks.registry import WARNING, Message, check
from hfs_i18n.text.patterns import strip_non_prose

OPTION_RE = re.compile(r"(?<![\w-])--[A-Za-z][\w-]*")
FUNCTION_RE = re.compile(r"(?<![\w.])[A-Za-z_][\w.]*\(\)")


@check("option-changed", WARNING, gate="code")
def option_changed(msg: Message) -> Iterator[str]:
    """A ``--option`` of the source is missing from the translation or written otherwise."""
    for source, text, _ in msg.pairs:
        for option in dict.fromkeys(OPTION_RE.findall(source)):
            if option not in OPTION_RE.findall(text):
                yield f"option {option} of the source is missing from the translation"
                return


@check("function-changed", WARNING, gate="code")
def function_changed(msg: Message) -> Iterator[str]:
    """A function name written as a call (``setup()``) is missing from the translation."""
    for source, text, _ in msg.pairs:
        for name in dict.fromkeys(FUNCTION_RE.findall(strip_non_prose(source))):
            if name not in text:
                yield f"function {name} of the source is missing from the translation"
                return
