"""The placeholder grammar: ``%(name)s``/``%s`` (python-format) and ``{name}`` (brace).

Defined once and used by every stage that must leave placeholders alone or compare them:
``check`` and ``compile`` (the same comparison, so ``compile`` refuses every placeholder
error ``check`` reports), ``extract`` (which flags python-format messages), the PO
writer (which never breaks a line inside one), pseudo-localization and rendering (which
copy them unchanged).

A missing placeholder drops the patient's number of months from the sentence; an extra
or renamed one crashes the page at render time.  A plural form that only one count
selects ("one month", Arabic "شهران") may leave out the count, and the form for zero every
placeholder ("nothing selected"), as GNU msgfmt allows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# Both patterns run on untrusted translations, so each is linear: no two adjacent parts
# can match the same characters.  A name stops at the next "(" (so "%(" x 25,000 costs
# one step per "%(", not a scan to the end of the text for each); a width cannot start
# with "0", which is a flag; an attribute/index part stops at ":" and "!", which start
# the conversion and the format spec.  (Python itself allows "(" inside a %(name)s, and
# ":" inside {a[:]}; no message needs either.)
PYTHON_FORMAT = (
    r"%(?:\((?P<name>[^()]*)\))?[-#0 +]*(?:\*|[1-9]\d*)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa%]"
)
BRACE_FORMAT = (
    r"\{\{|\}\}|\{(?P<bname>[A-Za-z_][A-Za-z0-9_]*|\d*)(?:[.\[][^{}:!]*)?(?:![rsa])?(?::[^{}]*)?\}"
)
PYTHON_FORMAT_RE = re.compile(PYTHON_FORMAT)
BRACE_FORMAT_RE = re.compile(BRACE_FORMAT)
# Either syntax, as one pattern: what writers and transforms must copy whole.
ANY_FORMAT_RE = re.compile(f"{PYTHON_FORMAT}|{BRACE_FORMAT}")

# Names under which templates pass the count of a plural message.
COUNT_NAMES = frozenset({"count", "num", "n", "number"})


def python_placeholders(text: str) -> list[str]:
    """``%(name)s`` and ``%s`` placeholders of ``text`` in order (``%%`` is not one)."""
    if "%" not in text:
        return []
    return [m.group(0) for m in PYTHON_FORMAT_RE.finditer(text) if m.group(0) != "%%"]


def brace_placeholders(text: str) -> list[str]:
    """``{name}`` placeholders of ``text`` in order (``{{``/``}}`` are escapes)."""
    if "{" not in text:
        return []
    return [m.group(0) for m in BRACE_FORMAT_RE.finditer(text) if m.group(0) not in ("{{", "}}")]


def is_python_format(text: str) -> bool:
    """Whether ``text`` has a named python-format placeholder (``%(name)s``)."""
    if "%(" not in text:
        return False
    return any(m.group("name") for m in PYTHON_FORMAT_RE.finditer(text))


def syntaxes(flags: Sequence[str], sources: Iterable[str]) -> tuple[bool, bool]:
    """Whether an entry uses python-format (``%(name)s``) and brace (``{name}``) syntax:
    its flags say so, or (without a ``no-…`` flag) its source has such a placeholder."""
    sources = tuple(sources)
    python = "python-format" in flags or (
        "no-python-format" not in flags and any("%(" in s for s in sources)
    )
    brace = "python-brace-format" in flags or (
        "no-python-brace-format" not in flags and any(brace_placeholders(s) for s in sources)
    )
    return python, brace


def placeholders(text: str, python: bool, brace: bool) -> dict[str, int]:
    """The placeholders of ``text`` in the syntaxes the entry uses (see :func:`syntaxes`),
    each with how often it occurs.  (A plain dict: ``Counter``'s constructor costs more
    than the regex search on these short strings.)"""
    found = python_placeholders(text) if python else []
    if brace:
        found += brace_placeholders(text)
    counts: dict[str, int] = {}
    for name in found:
        counts[name] = counts.get(name, 0) + 1
    return counts


def _omit_count(lacking: list[str], expected: dict[str, int], n: int) -> list[str]:
    """``lacking`` less what a form for a single count may drop: the count placeholder
    (named ``count``, ``num``…), or, when none is named so, any one placeholder; the form
    for zero may drop them all ("nothing selected"), as GNU msgfmt allows."""
    if n == 0:
        return []
    counts = {p for p in expected if p.strip("%(){}").split(")")[0].split(":")[0] in COUNT_NAMES}
    if counts:
        return [p for p in lacking if p not in counts]
    return lacking if len(lacking) > 1 else []


def _difference(have: dict[str, int], other: dict[str, int]) -> list[str]:
    """Placeholders of ``have`` not covered by ``other``: named ones by presence (a name
    may be used twice), positional ones by count (each consumes an argument)."""
    out = []
    for name, count in have.items():
        if name.startswith(("%(", "{")) and name not in ("{}",) and not name[1:2].isdigit():
            if name not in other:
                out.append(name)
        elif count > other.get(name, 0):
            out.append(name)
    return sorted(out)


def compare(
    flags: Sequence[str],
    sources: Sequence[str],
    pairs: Iterable[tuple[str, str, int | None]],
) -> tuple[list[str], list[str]]:
    """(missing, extra) placeholder messages for an entry's translated forms.

    ``pairs`` holds ``(source, translation, n)`` per filled form, ``n`` being the one
    count that selects that form, or None.  Each problem is reported once per entry.
    """
    missing: list[str] = []
    extra: list[str] = []
    pairs = list(pairs)
    if not any("%" in s or "{" in s for s in sources) and not any(
        "%" in t or "{" in t for _, t, _ in pairs
    ):
        return missing, extra
    python, brace = syntaxes(flags, sources)
    # Plural forms share their sources: read each once.
    per_source = {source: placeholders(source, python, brace) for source in sources}
    allowed: dict[str, int] = {}
    for counts in per_source.values():
        for name, count in counts.items():
            allowed[name] = max(count, allowed.get(name, 0))
    seen: set[str] = set()
    for source, text, n in dict.fromkeys(pairs):  # forms that say the same, once
        expected = per_source[source]
        found = placeholders(text, python, brace)
        lacking = _difference(expected, found)
        if n is not None:
            lacking = _omit_count(lacking, expected, n)
        where = f" (plural form for n={n})" if n is not None else ""
        for name in lacking:
            if "-" + name not in seen:
                seen.add("-" + name)
                missing.append(f"placeholder {name} is missing from the translation{where}")
        for name in _difference(found, allowed):
            if "+" + name not in seen:
                seen.add("+" + name)
                extra.append(f"placeholder {name} is not in the source")
    return missing, extra


# A ``%(name)s`` whose ``%`` was typed as another character (``6(unused_count)s``, the
# Arabic percent ``٪(count)d``): the name and conversion survive, the ``%`` does not.
DAMAGED_PYTHON_RE = re.compile(r"(?<![%\w])([^\s%\w(]|\d)\((\w+)\)([diouxXeEfFgGcrsa])")


def may_hold_damaged(text: str) -> bool:
    """Whether :data:`DAMAGED_PYTHON_RE` can match ``text`` at all: only a ``(`` that
    follows neither ``%`` nor a space can.  Most ``(`` are ``%(`` or `` (``, and the
    pattern (a lookbehind first) scans slowly."""
    count = text.count("(")
    return count > text.count("%(") + text.count(" (")


def damaged_placeholders(source: str, text: str) -> list[tuple[str, str]]:
    """``(placeholder, as written)`` for each ``%(name)s`` of ``source`` that ``text``
    writes with another character in place of the ``%``."""
    if not may_hold_damaged(text):
        return []
    found = []
    for match in DAMAGED_PYTHON_RE.finditer(text):
        placeholder = f"%({match.group(2)}){match.group(3)}"
        if placeholder in source:
            found.append((placeholder, match.group(0)))
    return found
