"""Placeholders: ``%(name)s``/``%s`` (python-format) and ``{name}`` (brace) in every form.

A missing placeholder drops the patient's number of months from the sentence; an extra
or renamed one crashes the page at render time.  One whose ``%`` was typed as another
character (``6(unused_count)s``) is reported as damaged, not as a stray number.  A plural
form that only one count selects ("one month", Arabic "شهران") may leave out the count,
as GNU msgfmt allows; one picked only for n = 0 may drop every placeholder ("nothing
selected").
"""

from __future__ import annotations

from collections.abc import Iterator

from hfs_i18n.checks.registry import ERROR, WARNING, Message, check
from hfs_i18n.text import placeholders as grammar
from hfs_i18n.text.placeholders import (
    ANY_FORMAT_RE,
    compare,
    damaged_placeholders,
    is_python_format,
    python_placeholders,
    syntaxes,
)


@check(
    {
        "placeholder-missing": (
            ERROR,
            "A placeholder of the source is missing from a translation (or renamed).",
        ),
        "placeholder-extra": (
            ERROR,
            "A translation has a placeholder the source does not have (or a renamed one).",
        ),
        "placeholder-duplicated": (
            WARNING,
            "A translation repeats a named placeholder more often than the source does.",
        ),
    },
    gate="format",
)
def placeholders(msg: Message) -> Iterator[tuple[str, str]]:
    """Placeholders the translation drops, renames or adds (the rule ``compile`` applies)."""
    # A form picked only for n == 0 may drop every placeholder ("nothing selected").
    pairs = [p for p in msg.pairs if p[2] != 0 or ANY_FORMAT_RE.search(p[1])]
    missing, extra = compare(msg.entry.flags, msg.sources, pairs)
    for message in missing:
        yield "placeholder-missing", message
    # A damaged placeholder leaves the form with fewer "%(" than its source.
    damaged = {
        hit
        for source, text, _ in pairs
        if "(" in text and text.count("%(") < source.count("%(")
        for hit in damaged_placeholders(source, text)
    }
    for placeholder, written in sorted(damaged):
        message = f"placeholder {placeholder} is damaged into {written!r}"
        if not any(placeholder in m for m in missing):
            yield "placeholder-missing", message
    for message in extra:
        yield "placeholder-extra", message
    yield from _added_or_repeated(msg, pairs)


def _added_or_repeated(
    msg: Message, pairs: list[tuple[str, str, int | None]]
) -> Iterator[tuple[str, str]]:
    """A ``%(name)s`` added to a message that is not python-format, and named
    placeholders a translation repeats more often than the source (seen when it has
    more placeholders in all; one repeated in place of a dropped one is missing)."""
    # Neither can happen when no form has more "%(" or "{" than the busiest source.
    most = max(max(s.count("%("), s.count("{")) for s in msg.sources)
    if all(t.count("%(") <= most and t.count("{") <= most for _, t, _ in pairs):
        return
    python, brace = syntaxes(msg.entry.flags, msg.sources)
    if not python:
        # Not python-format: a %(name)s the translation adds is shown to the reader as typed.
        for _, text, _ in pairs:
            if is_python_format(text):
                for name in dict.fromkeys(python_placeholders(text)):
                    if name.startswith("%(") and not any(name in s for s in msg.sources):
                        yield (
                            "placeholder-extra",
                            f"placeholder {name} is not in the source, which is not"
                            " python-format: it is shown as typed",
                        )
                break
    allowed: dict[str, int] = {}
    for source in msg.sources:
        for name, count in grammar.placeholders(source, python, brace).items():
            allowed[name] = max(count, allowed.get(name, 0))
    repeated: dict[str, int] = {}
    for _, text, _ in pairs:
        for name, count in grammar.placeholders(text, python, brace).items():
            if name in allowed and name[:2] in ("%(", "{") and count > allowed[name]:
                if name[1:2] != "}" and not name[1:2].isdigit():
                    repeated[name] = max(count, repeated.get(name, 0))
    for name, count in repeated.items():
        yield (
            "placeholder-duplicated",
            f"placeholder {name} appears {count} times, {allowed[name]} in the source",
        )
