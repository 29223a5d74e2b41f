"""Completeness: what is not yet translated, waiting for review, or left over (all info).

These never fail a run on their own; the completeness threshold (``--min-complete``)
decides whether a language is ready.  They are findings too so that a translator sees
which entries remain.
"""

from __future__ import annotations

from collections.abc import Iterator

from hfs_i18n.checks.registry import INFO, Message, check


@check("untranslated", INFO, scope="entry", gate="not-complete")
def untranslated(msg: Message) -> Iterator[str]:
    """An entry with no translation, or a plural entry with some forms still empty."""
    entry = msg.entry
    if entry.obsolete or "fuzzy" in entry.flags:
        return
    if entry.msgid_plural:
        forms = entry.msgstr_plural
        empty = sum(1 for text in forms.values() if not text)
        if not forms or empty == len(forms):
            yield "not translated"
        elif empty:
            yield f"{empty} of {len(forms)} plural forms are empty; the entry is not used"
    elif not entry.msgstr:
        yield "not translated"


@check("fuzzy", INFO, scope="entry", gate="not-complete")
def fuzzy(msg: Message) -> Iterator[str]:
    """A fuzzy entry: a guess waiting for review, not used on any page."""
    if not msg.entry.obsolete and "fuzzy" in msg.entry.flags:
        yield "fuzzy: review the translation and remove the fuzzy flag"


@check("obsolete", INFO, scope="entry", gate="not-complete")
def obsolete(msg: Message) -> Iterator[str]:
    """An obsolete (``#~``) entry the templates no longer use."""
    if msg.entry.obsolete:
        yield "obsolete entry: no template uses it any more"
