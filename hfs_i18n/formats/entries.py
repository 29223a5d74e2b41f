"""What an entry's state is: translated, fuzzy, has any translation; its forms' sources.

Every stage asks these questions (stats, compile, check, merge, render); they are
answered here once, on polib records.
"""

from __future__ import annotations

import polib


def has_translation(entry: polib.POEntry) -> bool:
    """Some translation was written (a fuzzy or partly filled plural counts)."""
    return bool(entry.msgstr) or any(entry.msgstr_plural.values())


def is_translated(entry: polib.POEntry, *, ignore_fuzzy: bool = False) -> bool:
    """Complete and usable: not fuzzy (unless ``ignore_fuzzy``), not obsolete, every
    plural form filled."""
    if entry.obsolete or ("fuzzy" in entry.flags and not ignore_fuzzy):
        return False
    if entry.msgid_plural:
        forms = entry.msgstr_plural
        return bool(forms) and all(forms.values())
    return bool(entry.msgstr)


def is_fuzzy(entry: polib.POEntry) -> bool:
    return not entry.obsolete and "fuzzy" in entry.flags


def sources(entry: polib.POEntry) -> tuple[str, ...]:
    """The entry's source texts: msgid, and msgid_plural for a plural entry."""
    return (entry.msgid, entry.msgid_plural) if entry.msgid_plural else (entry.msgid,)


def form_pairs(entry: polib.POEntry, single_n: dict[int, int]) -> list[tuple[str, str, int | None]]:
    """``(source, translation, n)`` per filled form.

    ``source`` is the English text that form answers (``msgid`` for the form only n == 1
    selects, else ``msgid_plural``) and ``n`` the single count that selects the form, or
    None; ``single_n`` comes from :func:`hfs_i18n.formats.plurals.single_count_forms`.
    """
    if not entry.msgid_plural:
        return [(entry.msgid, entry.msgstr, None)] if entry.msgstr else []
    msgid, plural = entry.msgid, entry.msgid_plural
    return [
        (msgid if single_n.get(i) == 1 else plural, text, single_n.get(i))
        for i, text in sorted(entry.msgstr_plural.items())
        if text
    ]
