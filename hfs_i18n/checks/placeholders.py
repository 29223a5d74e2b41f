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

from hfs_i18n.checks.registry import ERROR, Message, check
from hfs_i18n.text.placeholders import ANY_FORMAT_RE, compare, damaged_placeholders


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
    damaged = {hit for source, text, _ in pairs for hit in damaged_placeholders(source, text)}
    for placeholder, written in sorted(damaged):
        message = f"placeholder {placeholder} is damaged into {written!r}"
        if not any(placeholder in m for m in missing):
            yield "placeholder-missing", message
    for message in extra:
        yield "placeholder-extra", message
