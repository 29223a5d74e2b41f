"""Placeholders: ``%(name)s``/``%s`` (python-format) and ``{name}`` (brace) in every form.

A missing placeholder drops the patient's number of months from the sentence; an extra
or renamed one crashes the page at render time.  A plural form that only one count
selects ("one month", Arabic "شهران") may leave out the count, as GNU msgfmt allows.
"""

from __future__ import annotations

from collections.abc import Iterator

from hfs_i18n.checks.registry import ERROR, Message, check
from hfs_i18n.text.placeholders import compare


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
    missing, extra = compare(msg.entry.flags, msg.sources, msg.pairs)
    for message in missing:
        yield "placeholder-missing", message
    for message in extra:
        yield "placeholder-extra", message
