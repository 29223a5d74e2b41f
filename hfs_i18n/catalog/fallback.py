"""Which catalog a locale renders with: its own, else its parent's, never none by accident.

``ar-EG`` is rendered from ``locales/ar-EG`` (or ``ar_EG``) when that catalog exists, else
from ``locales/ar``; ``pt_BR`` from ``pt``; ``sr_RS@latin`` from ``sr@latin``, then
``sr_RS``, then ``sr``.  This is the order GNU gettext searches (``gettext.find``'s
``_expand_lang``: the modifier is kept as long as possible, the territory dropped first),
generalised to script subtags the way CLDR and Babel truncate them (``zh_Hant_TW`` ->
``zh_Hant`` -> ``zh``), and with CLDR's parent-locale exceptions from Babel's data
(``es_MX`` -> ``es_419`` -> ``es``), so that a Latin-American Spanish catalog serves every
Latin-American country as Babel's own locale data does.

A chain that reaches the source locale renders the source text (``en-GB`` with English
source).  A chain that finds nothing is an error naming the catalog looked for: before
this, a locale without a catalog silently rendered English under its own ``lang`` and
``dir``.
"""

from __future__ import annotations

from pathlib import Path

from babel.core import get_global

from hfs_i18n.config import Project
from hfs_i18n.errors import InputError


def _parents(tag: str) -> list[str]:
    """``tag`` and its CLDR parents, most specific first (``es_MX``, ``es_419``, ``es``).

    The chain never changes the script: ``zh_Hant_TW`` may use ``zh_TW`` (the same
    language and script under gettext's usual name) and ``zh_Hant``, never ``zh``, which
    is written in Simplified characters (CLDR gives ``zh_Hant`` the parent root); and
    ``zh_TW`` goes on to ``zh_Hant``, not to ``zh`` as plain gettext would.
    """
    exceptions = get_global("parent_exceptions")
    parts = tag.split("_")
    language = parts[0]
    chain: list[str] = [tag]
    if len(parts) == 3 and len(parts[1]) == 4 and _script(f"{language}_{parts[2]}") == parts[1]:
        chain.append(f"{language}_{parts[2]}")  # zh_Hant_TW -> zh_TW
    elif len(parts) == 2 and len(parts[1]) != 4 and tag not in exceptions:
        script = _script(tag)
        if script and script != _script(language):
            return [tag, f"{language}_{script}"]  # zh_TW -> zh_Hant, and no further
    current = tag
    while True:
        if current in exceptions:
            current = exceptions[current]
        else:
            parent, _, last = current.rpartition("_")
            if parent == language and len(last) == 4 and _script(language) != last:
                break
            current = parent
        if not current or current in chain:
            break
        chain.append(current)
    return chain


def _script(language: str) -> str:
    """The script a bare language is written in by default (CLDR likely subtags)."""
    likely = get_global("likely_subtags").get(language, "")
    if not likely and "_" in language:  # zh_TW is not listed; zh_TW's likely form is
        likely = _likely_by_parse(language)
    parts = likely.split("_")
    return parts[1] if len(parts) > 1 and len(parts[1]) == 4 else ""


def fallback_chain(locale: str) -> list[str]:
    """Locale folder names to look for, in order: the tag as written, then its parents."""
    normalized = locale.replace("-", "_")
    base, _, modifier = normalized.partition("@")
    base = base.partition(".")[0]  # a codeset (``de_DE.UTF-8``) names no other catalog
    parents = _parents(base)
    chain = [f"{p}@{modifier}" for p in parents] if modifier else []
    return list(dict.fromkeys([locale, *chain, *parents]))


def find_catalog(project: Project, locale: str) -> Path | None:
    """The catalog ``locale`` renders with; None when the chain reaches the source locale
    first (the source text needs no catalog).  Raises :class:`InputError` when there is
    neither."""
    source = project.source_locale.replace("-", "_")
    for candidate in fallback_chain(locale):
        if candidate.replace("-", "_") == source:
            return None
        path = project.po_path(candidate)
        if path.is_file():
            return path
    tried = ", ".join(project.relative(project.po_path(c)) for c in fallback_chain(locale))
    raise InputError(
        f"no catalog for locale {locale!r} (looked for {tried}); "
        f"create one with `hfs-i18n init {locale}`",
        project.relative(project.po_path(locale)),
    )


def catalog_candidates(project: Project, locale: str) -> list[Path]:
    """Every catalog path the chain of ``locale`` could use (what a build's key hashes)."""
    return [project.po_path(candidate) for candidate in fallback_chain(locale)]


def _likely_by_parse(tag: str) -> str:
    """Babel's maximised form of ``tag`` (``zh_TW`` -> ``zh_Hant_TW``) as a string."""
    from babel import Locale, UnknownLocaleError

    try:
        found = Locale.parse(tag)
    except (ValueError, UnknownLocaleError):
        return ""
    return "_".join(p for p in (found.language, found.script, found.territory) if p)
