"""Placeholders: ``%(name)s``/``%s`` (python-format) and ``{name}`` (brace) in every form.

A missing placeholder drops the patient's number of months from the sentence; an extra
or renamed one crashes the page at render time.  A plural form that only one count
selects ("one month", Arabic "شهران") may leave out the count, as GNU msgfmt allows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

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


def placeholders(msg: Message, text: str) -> Counter[str]:
    """The placeholders of ``text`` in the syntaxes this entry uses."""
    flags = msg.entry.flags
    found: list[str] = []
    if "python-format" in flags or (
        "no-python-format" not in flags and any("%(" in s for s in msg.sources)
    ):
        found += _python(text)
    if "python-brace-format" in flags or (
        "no-python-brace-format" not in flags and any(_brace(s) for s in msg.sources)
    ):
        found += _brace(text)
    return Counter(found)


def _may_omit(source: Counter[str]) -> set[str]:
    """Placeholders a single-count form may drop: the count, else any one of them."""
    named = {p for p in source if p.startswith(("%(", "{"))}
    counts = {p for p in named if p.strip("%(){}").split(")")[0].split(":")[0] in COUNT_NAMES}
    return counts or set(source)


def _difference(have: Counter[str], other: Counter[str]) -> list[str]:
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


@check("placeholder-missing", ERROR)
def placeholder_missing(msg: Message) -> Iterator[str]:
    """A placeholder of the source is missing from a translation (or renamed)."""
    if not _needs_work(msg):
        return
    reported: set[str] = set()
    for source, text, n in msg.pairs:
        expected = placeholders(msg, source)
        missing = _difference(expected, placeholders(msg, text))
        if n is not None and len(missing) == 1 and set(missing) <= _may_omit(expected):
            continue
        for name in missing:
            if name not in reported:
                reported.add(name)
                where = f" (plural form for n={n})" if n is not None else ""
                yield f"placeholder {name} is missing from the translation{where}"


@check("placeholder-extra", ERROR)
def placeholder_extra(msg: Message) -> Iterator[str]:
    """A translation has a placeholder the source does not have (or a renamed one)."""
    if not _needs_work(msg):
        return
    allowed: Counter[str] = Counter()
    for source in msg.sources:
        allowed |= placeholders(msg, source)
    reported: set[str] = set()
    for _, text, _ in msg.pairs:
        for name in _difference(placeholders(msg, text), allowed):
            if name not in reported:
                reported.add(name)
                yield f"placeholder {name} is not in the source"
