"""Placeholders: ``%(name)s``/``%s`` (python-format) and ``{name}`` (brace) in every form.

A missing placeholder drops the patient's number of months from the sentence; an extra
or renamed one crashes the page at render time.  A plural form that only one count
selects ("one month", Arabic "شهران") may leave out the count, as GNU msgfmt allows.
"""

from __future__ import annotations

from hfs_i18n.checks.registry import ERROR, Message, check
from hfs_i18n.checks.text import BRACE_FORMAT_RE, PYTHON_FORMAT_RE

# Names under which templates pass the count of a plural message.
COUNT_NAMES = frozenset({"count", "num", "n", "number"})


def _python(text: str) -> list[str]:
    if "%" not in text:
        return []
    return [m.group(0) for m in PYTHON_FORMAT_RE.finditer(text) if m.group(0) != "%%"]


def _brace(text: str) -> list[str]:
    if "{" not in text:
        return []
    return [m.group(0) for m in BRACE_FORMAT_RE.finditer(text) if m.group(0) not in ("{{", "}}")]


def syntaxes(msg: Message) -> tuple[bool, bool]:
    """Whether the entry uses python-format (``%(name)s``) and brace (``{name}``) syntax:
    its flags say so, or (without a ``no-…`` flag) its source has such a placeholder."""
    flags = msg.entry.flags
    python = "python-format" in flags or (
        "no-python-format" not in flags and any("%(" in s for s in msg.sources)
    )
    brace = "python-brace-format" in flags or (
        "no-python-brace-format" not in flags and any(_brace(s) for s in msg.sources)
    )
    return python, brace


def placeholders(text: str, python: bool, brace: bool) -> dict[str, int]:
    """The placeholders of ``text`` in the syntaxes the entry uses (see :func:`syntaxes`),
    each with how often it occurs.  (A plain dict: ``Counter``'s constructor costs more
    than the regex search on these short strings.)"""
    found = _python(text) if python else []
    if brace:
        found += _brace(text)
    counts: dict[str, int] = {}
    for name in found:
        counts[name] = counts.get(name, 0) + 1
    return counts


def _omit_count(lacking: list[str], expected: dict[str, int]) -> list[str]:
    """``lacking`` less what a form for a single count may drop: the count placeholder
    (named ``count``, ``num``…), or, when none is named so, any one placeholder."""
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


def _needs_work(msg: Message) -> bool:
    return any("%" in s or "{" in s for s in msg.sources) or any(
        "%" in t or "{" in t for _, t, _ in msg.pairs
    )


def _problems(msg: Message) -> tuple[list[str], list[str]]:
    """(missing, extra) messages for every filled form."""
    missing: list[str] = []
    extra: list[str] = []
    if not _needs_work(msg):
        return missing, extra
    python, brace = syntaxes(msg)
    # Plural forms share their sources: read each once.
    per_source = {source: placeholders(source, python, brace) for source in msg.sources}
    allowed: dict[str, int] = {}
    for counts in per_source.values():
        for name, count in counts.items():
            allowed[name] = max(count, allowed.get(name, 0))
    seen: set[str] = set()
    for source, text, n in msg.pairs:
        expected = per_source[source]
        found = placeholders(text, python, brace)
        lacking = _difference(expected, found)
        if n is not None:
            lacking = _omit_count(lacking, expected)
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


_last: list = [None, ([], [])]


def _cached_problems(msg: Message) -> tuple[list[str], list[str]]:
    """Both placeholder checks read the same comparison; compute it once per message."""
    if _last[0] is not msg:
        _last[1] = _problems(msg)
        _last[0] = msg
    return _last[1]


@check("placeholder-missing", ERROR, gate="format")
def placeholder_missing(msg: Message) -> list[str]:
    """A placeholder of the source is missing from a translation (or renamed)."""
    return _cached_problems(msg)[0]


@check("placeholder-extra", ERROR, gate="format")
def placeholder_extra(msg: Message) -> list[str]:
    """A translation has a placeholder the source does not have (or a renamed one)."""
    return _cached_problems(msg)[1]
