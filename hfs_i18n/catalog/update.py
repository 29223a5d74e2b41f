"""Update: merge the POT into each locale's catalog, the way ``msgmerge`` does.

:func:`merge_catalog` is a pure function over polib records; :func:`update_catalogs`
wraps it with the reading and writing.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import polib

from hfs_i18n.catalog.init import blank_forms, fresh_entry
from hfs_i18n.config import PSEUDO_LOCALES, Project
from hfs_i18n.errors import InputError
from hfs_i18n.formats.entries import has_translation
from hfs_i18n.formats.plurals import cldr_plural_forms, parse_plural_forms, plural_forms_problem
from hfs_i18n.formats.po import read_po, write_po

# msgmerge's threshold for offering an old translation of a similar message.
FUZZY_CUTOFF = 0.6


def catalog_nplurals(catalog: polib.POFile, locale: str) -> int:
    """Number of plural forms the catalog's own header declares (translator-owned).

    A header that cannot be used (``nplurals=200000000``, ``plural=n%0``) is an error
    naming the file: ``update`` must not guess, nor allocate that many empty forms."""
    header = catalog.metadata.get("Plural-Forms")
    problem = plural_forms_problem(header) if header is not None else None
    if problem:
        raise InputError(problem, catalog.fpath, 1)
    parsed = parse_plural_forms(header or "")
    if parsed is not None:
        return parsed.count
    return cldr_plural_forms(PSEUDO_LOCALES.get(locale, locale)).count


def _key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def _fit_forms(old: polib.POEntry, nplurals: int) -> tuple[str, dict[int, str]]:
    """Carry an old translation into a new entry whose plural-ness may differ."""
    if old.msgid_plural:
        first = old.msgstr_plural.get(0, "")
        forms = {i: old.msgstr_plural.get(i, "") for i in range(nplurals)}
        return first, forms
    forms = blank_forms(nplurals)
    forms[0] = old.msgstr
    return old.msgstr, forms


@dataclass
class MergeResult:
    """What ``update`` did to one catalog, for the summary line."""

    path: Path
    changed: bool
    kept: int = 0
    new: int = 0
    fuzzy: int = 0
    obsoleted: int = 0


def merge_catalog(catalog: polib.POFile, pot: polib.POFile, nplurals: int) -> dict[str, int]:
    """Merge ``pot`` into ``catalog`` in place, the way ``msgmerge`` does.

    Translator comments, translations and flags are kept; references, extracted comments
    and format flags come from the template; a message whose source changed gets the
    closest old translation marked fuzzy with the old source as ``#|`` previous msgid;
    messages that left the template become obsolete (``#~``).  The header is left alone
    except for ``POT-Creation-Date``.
    """
    counts = {"kept": 0, "new": 0, "fuzzy": 0, "obsoleted": 0}
    old_active = {_key(e): e for e in catalog if not e.obsolete}
    old_obsolete = {_key(e): e for e in catalog if e.obsolete}
    template_keys = {_key(e) for e in pot if not e.obsolete}
    candidates: FuzzyIndex | None = None
    # Old entries whose translation now lives on as a fuzzy suggestion (not obsoleted).
    reused: set[tuple[str | None, str]] = set()

    merged: list[polib.POEntry] = []
    for template in pot:
        if template.obsolete:
            continue
        key = _key(template)
        old = old_active.get(key) or old_obsolete.get(key)
        entry = fresh_entry(template, nplurals)
        if old is not None:
            counts["kept"] += 1
            entry.tcomment = old.tcomment
            entry.flags = _merge_flags(_translator_flags(old), entry.flags)
            if old.msgid_plural == template.msgid_plural:
                entry.msgstr = old.msgstr
                if template.msgid_plural:
                    entry.msgstr_plural = {
                        i: old.msgstr_plural.get(i, "") for i in range(nplurals)
                    } | {i: v for i, v in old.msgstr_plural.items() if i >= nplurals and v}
                if "fuzzy" in entry.flags:
                    entry.previous_msgctxt = old.previous_msgctxt
                    entry.previous_msgid = old.previous_msgid
                    entry.previous_msgid_plural = old.previous_msgid_plural
            else:
                entry.msgstr, forms = _fit_forms(old, nplurals)
                if template.msgid_plural:
                    entry.msgstr_plural = forms
                entry.flags = _merge_flags(["fuzzy"], entry.flags)
                entry.previous_msgid = old.msgid
                entry.previous_msgid_plural = old.msgid_plural or None
                counts["fuzzy"] += 1
        else:
            if candidates is None:
                candidates = FuzzyIndex(e for e in catalog if e.msgid and has_translation(e))
            old = candidates.closest(template.msgid)
            if old is not None:
                reused.add(_key(old))
                entry.msgstr, forms = _fit_forms(old, nplurals)
                if template.msgid_plural:
                    entry.msgstr_plural = forms
                entry.tcomment = old.tcomment
                entry.flags = _merge_flags(["fuzzy", *_translator_flags(old)], entry.flags)
                entry.previous_msgctxt = old.msgctxt
                entry.previous_msgid = old.msgid
                entry.previous_msgid_plural = old.msgid_plural or None
                counts["fuzzy"] += 1
            else:
                counts["new"] += 1
        merged.append(entry)

    obsolete: list[polib.POEntry] = []
    for old in catalog:
        if _key(old) in template_keys or (_key(old) in reused and not old.obsolete):
            continue
        if not old.obsolete:
            if not has_translation(old):
                continue  # nothing a translator wrote would be lost
            counts["obsoleted"] += 1
        old.obsolete = True
        old.occurrences = []
        old.comment = ""
        obsolete.append(old)

    del catalog[:]
    catalog.extend(merged)
    catalog.extend(obsolete)
    if "POT-Creation-Date" in pot.metadata:
        catalog.metadata["POT-Creation-Date"] = pot.metadata["POT-Creation-Date"]
    return counts


_WORD_RE = re.compile(r"\w+")


class FuzzyIndex:
    """Finds the old translation closest to a new message, as msgmerge's fuzzy matching does.

    Comparing each new message with every old one is quadratic (``difflib`` over 20,000
    entries takes minutes); an index of words narrows each search to the few messages
    that share its rarer words, and only those are compared character by character.
    """

    CANDIDATES = 20

    def __init__(self, entries: Iterable[polib.POEntry]) -> None:
        self.entries: list[polib.POEntry] = []
        self.postings: dict[str, list[int]] = {}
        for entry in entries:
            index = len(self.entries)
            self.entries.append(entry)
            for word in set(_WORD_RE.findall(entry.msgid.lower())):
                self.postings.setdefault(word, []).append(index)
        # Words in more than this many messages say little about similarity.
        self.common = max(50, len(self.entries) // 20)
        # The same source text often comes back under several contexts.
        self.cache: dict[str, polib.POEntry | None] = {}

    def closest(self, msgid: str, cutoff: float = FUZZY_CUTOFF) -> polib.POEntry | None:
        if msgid not in self.cache:
            self.cache[msgid] = self._closest(msgid, cutoff)
        return self.cache[msgid]

    def _closest(self, msgid: str, cutoff: float) -> polib.POEntry | None:
        words = set(_WORD_RE.findall(msgid.lower()))
        lists = [self.postings[w] for w in words if w in self.postings]
        rare = [p for p in lists if len(p) <= self.common]
        scores: dict[int, int] = {}
        for postings in rare or lists:
            for index in postings:
                scores[index] = scores.get(index, 0) + 1
        ranked = sorted(scores, key=lambda i: (-scores[i], i))[: self.CANDIDATES]
        best, best_ratio = None, cutoff
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(msgid)
        for index in ranked:
            matcher.set_seq1(self.entries[index].msgid)
            if (
                matcher.real_quick_ratio() >= best_ratio
                and matcher.quick_ratio() >= best_ratio
                and matcher.ratio() >= best_ratio
            ):
                ratio = matcher.ratio()
                if ratio > best_ratio or best is None:
                    best, best_ratio = self.entries[index], ratio
        return best


def _translator_flags(entry: polib.POEntry) -> list[str]:
    """Flags a translator set (fuzzy, no-wrap…); format flags come from the template."""
    return [f for f in entry.flags if not f.endswith("-format")]


def _merge_flags(first: list[str], second: list[str]) -> list[str]:
    return list(dict.fromkeys([*first, *second]))


def update_catalogs(
    project: Project, locales: Iterable[str] | None = None, width: int | None = None
) -> list[MergeResult]:
    """Merge the POT into the catalog of each locale (default: every configured one)."""
    width = project.width if width is None else width
    if not project.pot_path.exists():
        raise InputError("no template; run `hfs-i18n extract` first", project.pot_path)
    pot = read_po(project.pot_path)
    results = []
    for locale in locales or project.locales:
        path = project.po_path(locale)
        if not path.exists():
            raise InputError(f"no catalog for {locale}; run `hfs-i18n init {locale}`", path)
        catalog = read_po(path)
        if not catalog.metadata and not len(catalog):
            # An empty (or comment-only) catalog would be rewritten without a header:
            # most likely a truncated file; its translations are in version control.
            raise InputError(
                f"empty catalog (no header, no messages); restore it or run "
                f"`hfs-i18n init {locale}` after removing it",
                path,
                1,
            )
        counts = merge_catalog(catalog, pot, catalog_nplurals(catalog, locale))
        changed = write_po(catalog, path, width)
        results.append(MergeResult(path=path, changed=changed, **counts))
    return results
