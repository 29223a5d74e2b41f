"""Update: merge the POT into each locale's catalog, deciding as ``msgmerge --previous``.

The problem: translators and CI run GNU ``msgmerge`` and our ``update`` on the same
catalogs, so every decision that differs (a fuzzy suggestion offered or not, a header
field moved, an old translation kept or thrown away) shows up as churn in review.  The
chosen fix is to make the same decisions as GNU gettext 0.21, rule by rule (each rule
below names the GNU function it mirrors), on polib records, with no I/O.

Fuzzy matching is where speed matters.  GNU compares the new msgid with every old msgid
that shares a 4-gram of characters (``message_fuzzy_index_search`` with the heuristic
off) by ``fstrcmp`` -- a byte-level similarity 2*LCS / (len1 + len2) -- and keeps the
best above 0.6.  We get the *same* answer faster: the similarity is bounded by the
lengths (2*min/sum, fstrcmp's own first bound), so only old messages in a length window
are compared, by an exact indel (LCS) distance computed in C by RapidFuzz when it is
installed (pure Python otherwise); the 4-gram condition and GNU's tie order (more shared
4-grams first, then file order) are applied to the few messages above the threshold.
Rejected alternative: a word index with difflib (the previous ``FuzzyIndex``): it misses
``File`` -> ``Files`` (no shared word) and difflib's ratio is not fstrcmp's.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import polib

from hfs_i18n.catalog.init import init_catalog
from hfs_i18n.catalog.languages import LANGUAGE_CODES
from hfs_i18n.config import Project
from hfs_i18n.errors import InputError
from hfs_i18n.formats.plurals import plural_forms_keys, plural_forms_problem
from hfs_i18n.formats.po import read_po, write_po
from hfs_i18n.text.format_directives import FORMAT_RANK, format_fails

try:  # C speed for the exact LCS distance; the pure-Python fallback gives the same answers.
    from rapidfuzz import process as _rf_process
    from rapidfuzz.distance import Indel as _rf_indel
except ImportError:  # pragma: no cover - exercised by the fallback test
    _rf_process = None
    _rf_indel = None

# msgmerge's FUZZY_THRESHOLD: a suggestion must be more similar than this.
FUZZY_THRESHOLD = 0.6
# fuzzy_search_goal_function: a message without context, or with the same one, wins ties.
CONTEXT_BONUS = 0.00001
# msgl-fsearch.c: strings of fewer than 4 characters have no 4-gram; such a query is
# compared with every old message of a compatible byte length (at most 3 * 4 bytes).
_SHORT_STRING_MAX_BYTES = 3 * 4
_LENGTH_FACTOR = 2 / FUZZY_THRESHOLD - 1
# Slightly below the threshold minus the bonus: a pre-filter only, never the decision.
_PREFILTER = FUZZY_THRESHOLD - 2 * CONTEXT_BONUS

# message_merge's header: known fields in this order, unknown ones after, in file order.
KNOWN_HEADER_FIELDS = (
    "Project-Id-Version",
    "Report-Msgid-Bugs-To",
    "POT-Creation-Date",
    "PO-Revision-Date",
    "Last-Translator",
    "Language-Team",
    "Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
)
_KNOWN_BY_LOWER = {name.lower(): name for name in KNOWN_HEADER_FIELDS}
# Fields message_merge takes from the template whenever the template has them.
TEMPLATE_HEADER_FIELDS = ("Report-Msgid-Bugs-To", "POT-Creation-Date")

_NPLURALS_RE = re.compile(r"nplurals\s*=\s*(\d+)")
_CHARSET_RE = re.compile(r"charset=([^ \t\n]*)")
_RANGE_RE = re.compile(r"^range:\s*(\d+)\s*\.\.\s*(\d+)$")


def check_plural_header(catalog: polib.POFile) -> None:
    """A ``Plural-Forms`` header that cannot be used (``nplurals=200000000``,
    ``plural=n%0``) is an error naming the file: ``update`` must not guess, nor allocate
    that many empty forms."""
    keys = plural_forms_keys(catalog.metadata)  # gettext reads the last, as compile does
    header = catalog.metadata[keys[-1]] if keys else None
    problem = plural_forms_problem(header) if header is not None else None
    if problem:
        raise InputError(problem, catalog.fpath, 1)


# --------------------------------------------------------------------------- records


def _entry(**fields: object) -> polib.POEntry:
    """A POEntry with exactly these fields (polib's keyword __init__ is slow)."""
    entry = polib.POEntry.__new__(polib.POEntry)
    entry.__dict__.update(
        msgid="",
        msgstr="",
        msgid_plural="",
        msgstr_plural={},
        msgctxt=None,
        obsolete=False,
        encoding="utf-8",
        comment="",
        tcomment="",
        occurrences=[],
        flags=[],
        previous_msgctxt=None,
        previous_msgid=None,
        previous_msgid_plural=None,
        linenum=0,
    )
    entry.__dict__.update(fields)
    return entry


def _first_msgstr(entry: polib.POEntry) -> str:
    """GNU's ``msgstr[0]``: the singular msgstr, or plural form 0."""
    if entry.msgid_plural:
        return entry.msgstr_plural.get(0, "") if entry.msgstr_plural else ""
    return entry.msgstr


def _is_fuzzy(entry: polib.POEntry) -> bool:
    return "fuzzy" in entry.flags


def _flag_order(flag: str) -> tuple[int, int]:
    # write-po.c order: fuzzy, format flags (by kind), range, wrap, everything else.
    if flag == "fuzzy":
        return (0, 0)
    if flag.endswith("-format"):
        kind = flag.removeprefix("no-").removeprefix("possible-").removesuffix("-format")
        return (1, FORMAT_RANK.get(kind, len(FORMAT_RANK)))
    if flag.startswith("range:"):
        return (2, 0)
    if flag in ("wrap", "no-wrap"):
        return (3, 0)
    return (4, 0)


def _flags(fuzzy: bool, template_flags: Iterable[str]) -> list[str]:
    rest = [f for f in dict.fromkeys(template_flags) if f != "fuzzy"]
    rest.sort(key=_flag_order)
    return (["fuzzy"] if fuzzy else []) + rest


def _range(flags: Iterable[str]) -> tuple[int, int] | None:
    for flag in flags:
        match = _RANGE_RE.match(flag)
        if match:
            return int(match.group(1)), int(match.group(2))
    return None


def header_nplurals(metadata: dict[str, str]) -> int:
    """``nplurals`` of a header, 2 when absent or unreadable (get_plural_count)."""
    for key, value in metadata.items():
        if key.lower() == "plural-forms":
            match = _NPLURALS_RE.search(value)
            if match and int(match.group(1)) > 0:
                return int(match.group(1))
    return 2


# --------------------------------------------------------------------------- fuzzy search


def _indel_distance_py(a: bytes, b: bytes) -> int:
    """Insertions + deletions turning ``a`` into ``b`` (len a + len b - 2 LCS), bit-parallel."""
    if not a or not b:
        return len(a) + len(b)
    masks: dict[int, int] = {}
    for i, byte in enumerate(a):
        masks[byte] = masks.get(byte, 0) | (1 << i)
    full = (1 << len(a)) - 1
    v = full
    for byte in b:
        u = v & masks.get(byte, 0)
        v = ((v + u) | (v - u)) & full
    lcs = len(a) - v.bit_count()
    return len(a) + len(b) - 2 * lcs


def _indel_distance(a: bytes, b: bytes) -> int:
    if _rf_indel is not None:
        return _rf_indel.distance(a, b)
    return _indel_distance_py(a, b)


def similarity(a: str, b: str) -> float:
    """GNU fstrcmp: 2 * LCS / (len a + len b) over the UTF-8 bytes, as a C double."""
    x, y = a.encode(), b.encode()
    total = len(x) + len(y)
    if total == 0:
        return 1.0
    return (total - _indel_distance(x, y)) / total


def _grams(text: str) -> list[str]:
    return [text[i : i + 4] for i in range(len(text) - 3)]


class FuzzyIndex:
    """The old messages msgmerge may offer as fuzzy translations, and its search over them.

    Same candidates as ``message_fuzzy_index_alloc`` (every old message, obsolete ones
    too, whose first msgstr is not empty), same answer as ``message_fuzzy_index_search``.
    """

    def __init__(self, entries: Sequence[polib.POEntry]) -> None:
        self.entries: list[polib.POEntry] = []
        self.encoded: list[bytes] = []
        self.short: dict[int, list[int]] = {}
        for entry in entries:
            if not entry.msgid or not _first_msgstr(entry):
                continue
            index = len(self.entries)
            data = entry.msgid.encode()
            self.entries.append(entry)
            self.encoded.append(data)
            if len(data) <= int(_SHORT_STRING_MAX_BYTES * _LENGTH_FACTOR):
                self.short.setdefault(len(data), []).append(index)
        order = sorted(range(len(self.entries)), key=lambda i: len(self.encoded[i]))
        self.by_length = order
        self.lengths = [len(self.encoded[i]) for i in order]
        self.choices = [self.encoded[i] for i in order]
        self._gram_sets: dict[int, frozenset[str]] = {}

    def _weight(self, index: int, msgctxt: str | None, data: bytes) -> float:
        """fuzzy_search_goal_function: fstrcmp plus the context bonus."""
        old = self.entries[index]
        bonus = (
            CONTEXT_BONUS
            if old.msgctxt is None or (msgctxt is not None and msgctxt == old.msgctxt)
            else 0.0
        )
        other = self.encoded[index]
        total = len(data) + len(other)
        return (total - _indel_distance(data, other)) / total + bonus

    def _window(self, length: int) -> tuple[int, int]:
        """Positions in ``choices`` whose length bound 2*min/sum can pass the threshold."""
        low = math.floor(length * _PREFILTER / (2 - _PREFILTER))
        high = math.ceil(length * (2 - _PREFILTER) / _PREFILTER)
        return bisect.bisect_left(self.lengths, low), bisect.bisect_right(self.lengths, high)

    def _above_threshold(self, data: bytes) -> list[int]:
        """Indices of old messages whose similarity may exceed the threshold (a superset)."""
        start, stop = self._window(len(data))
        if start >= stop:
            return []
        if _rf_process is not None:
            found = _rf_process.extract(
                data,
                self.choices[start:stop],
                scorer=_rf_indel.normalized_distance,
                score_cutoff=1 - _PREFILTER,
                limit=None,
            )
            return [self.by_length[start + position] for _, _, position in found]
        return [
            self.by_length[position]
            for position in range(start, stop)
            if similarity_bytes(data, self.choices[position]) >= _PREFILTER
        ]

    def _gram_set(self, index: int) -> frozenset[str]:
        grams = self._gram_sets.get(index)
        if grams is None:
            grams = self._gram_sets[index] = frozenset(_grams(self.entries[index].msgid))
        return grams

    def search(self, msgctxt: str | None, msgid: str) -> polib.POEntry | None:
        """The old message msgmerge would offer for (msgctxt, msgid), or None."""
        data = msgid.encode()
        if len(msgid) < 4:
            return self._search_short(msgctxt, data)
        query_grams = _grams(msgid)
        scored: list[tuple[float, int, int]] = []
        for index in self._above_threshold(data):
            weight = self._weight(index, msgctxt, data)
            if weight > FUZZY_THRESHOLD:
                scored.append((weight, 0, index))
        if not scored:
            return None
        # GNU scans messages sharing a 4-gram, most shared 4-grams first, then file order,
        # keeping a message only if strictly better: the best weight wins, ties go to the
        # first in that order.  A message sharing no 4-gram is never looked at.
        scored.sort(key=lambda item: -item[0])
        position = 0
        while position < len(scored):
            weight = scored[position][0]
            group = []
            while position < len(scored) and scored[position][0] == weight:
                index = scored[position][2]
                grams = self._gram_set(index)
                count = sum(1 for gram in query_grams if gram in grams)
                if count:
                    group.append((-count, index))
                position += 1
            if group:
                return self.entries[min(group)[1]]
        return None

    def _search_short(self, msgctxt: str | None, data: bytes) -> polib.POEntry | None:
        length = len(data)
        low = math.ceil(length / _LENGTH_FACTOR)
        high = int(length * _LENGTH_FACTOR)
        best, best_weight = None, FUZZY_THRESHOLD
        for size in range(low, high + 1):
            for index in self.short.get(size, ()):
                weight = self._weight(index, msgctxt, data)
                if weight > best_weight:
                    best, best_weight = index, weight
        return None if best is None else self.entries[best]


def similarity_bytes(x: bytes, y: bytes) -> float:
    total = len(x) + len(y)
    return (total - _indel_distance(x, y)) / total if total else 1.0


# --------------------------------------------------------------------------- header


def language_from_team(team: str) -> str:
    """msgmerge's guess of ``Language`` from ``Language-Team`` ("" when it finds none).

    The name is looked up only once a last word that looks like an address is cut off
    (it starts with ``<``, or the field contains ``@`` or ``/``): msgmerge keeps the
    line's newline otherwise, so a bare ``French`` is never found.
    """
    text = team.strip(" \t")
    cut = max(text.rfind(" "), text.rfind("\t")) + 1
    if text[cut : cut + 1] == "<" or "@" in text or "/" in text:
        return LANGUAGE_CODES.get(text[:cut].rstrip(" \t"), "")
    return ""


def _is_utf8(metadata: dict[str, str]) -> bool:
    for key, value in metadata.items():
        if key.lower() == "content-type":
            match = _CHARSET_RE.search(value)
            return bool(match) and match.group(1).upper() == "UTF-8"
    return False


def merge_header(
    catalog_metadata: dict[str, str],
    template_metadata: dict[str, str],
    *,
    reorder: bool = True,
    add_language: bool = True,
) -> dict[str, str]:
    """The merged header fields (message_merge's header branch).

    The catalog's fields are kept; ``Report-Msgid-Bugs-To`` and ``POT-Creation-Date``
    come from the template when it has them; a missing ``Language`` is guessed from
    ``Language-Team``; known fields are put in GNU's order, unknown ones after them.
    """
    known: dict[str, str] = {}
    unknown: dict[str, str] = {}
    original_names: dict[str, str] = {}
    for key, value in catalog_metadata.items():
        name = _KNOWN_BY_LOWER.get(key.lower())
        if name is None:
            unknown[key] = value
        else:
            known[name] = value
            original_names[name] = key
    # merge(): a UTF-8 template makes msgmerge convert the catalog to UTF-8, which
    # rewrites its charset to the canonical name (utf-8 -> UTF-8).
    if _is_utf8(template_metadata) and "Content-Type" in known:
        known["Content-Type"] = _CHARSET_RE.sub("charset=UTF-8", known["Content-Type"], count=1)
    if add_language and "Language" not in known and "Language-Team" in known:
        known["Language"] = language_from_team(known["Language-Team"])
    for name in TEMPLATE_HEADER_FIELDS:
        if name in template_metadata:
            known[name] = template_metadata[name]
    if reorder:
        merged = {name: known[name] for name in KNOWN_HEADER_FIELDS if name in known}
        merged.update(unknown)
        return merged
    # Keep the translator's order: update in place, put new fields after their GNU
    # predecessor (or first).
    merged = {}
    for key, value in catalog_metadata.items():
        name = _KNOWN_BY_LOWER.get(key.lower())
        merged[key] = known[name] if name else value
    for name in KNOWN_HEADER_FIELDS:
        if name in known and name not in original_names:
            before = [n for n in KNOWN_HEADER_FIELDS[: KNOWN_HEADER_FIELDS.index(name)]]
            anchor = next(
                (
                    original_names.get(n, n)
                    for n in reversed(before)
                    if original_names.get(n, n) in merged
                ),
                None,
            )
            items = list(merged.items())
            at = 0 if anchor is None else [k for k, _ in items].index(anchor) + 1
            items.insert(at, (name, known[name]))
            merged = dict(items)
    return merged


# --------------------------------------------------------------------------- merge


def _merge_message(
    old: polib.POEntry, template: polib.POEntry, force_fuzzy: bool
) -> tuple[polib.POEntry, int]:
    """message_merge: translation and translator comments from the catalog, the rest from
    the template.  Returns the entry and GNU's plural-mismatch mark (1: now plural, 2: now
    singular)."""
    fuzzy = _is_fuzzy(old) or force_fuzzy
    if not fuzzy and (template.msgid_plural or "") != (old.msgid_plural or ""):
        fuzzy = True
    if not fuzzy:
        # A newly flagged format string whose translation would fail ``msgfmt -c``.
        old_flags = set(old.flags)
        translations = (
            [old.msgstr_plural[i] for i in sorted(old.msgstr_plural)]
            if old.msgid_plural
            else [old.msgstr]
        )
        for flag in template.flags:
            if (
                flag.endswith("-format")
                and not flag.startswith("no-")
                and flag not in old_flags
                and format_fails(flag, template.msgid, template.msgid_plural, translations)
            ):
                fuzzy = True
                break
    old_range = _range(old.flags)
    if not fuzzy and old_range is not None:
        new_range = _range(template.flags)
        if new_range is None or not (old_range[0] <= new_range[0] and new_range[1] <= old_range[1]):
            fuzzy = True
    if _is_fuzzy(old):
        previous = (old.previous_msgctxt, old.previous_msgid, old.previous_msgid_plural)
    else:
        previous = (old.msgctxt, old.msgid, old.msgid_plural or None)
    entry = _entry(
        msgctxt=template.msgctxt,
        msgid=template.msgid,
        msgid_plural=template.msgid_plural,
        msgstr=old.msgstr,
        msgstr_plural=dict(old.msgstr_plural),
        tcomment=old.tcomment,
        comment=template.comment,
        occurrences=list(template.occurrences),
        flags=_flags(fuzzy, template.flags),
        previous_msgctxt=previous[0],
        previous_msgid=previous[1],
        previous_msgid_plural=previous[2],
        obsolete=template.obsolete,
    )
    mark = 0
    if template.msgid_plural and not old.msgid_plural:
        mark = 1
    elif not template.msgid_plural and old.msgid_plural:
        mark = 2
    return entry, mark


def _new_message(template: polib.POEntry, nplurals: int) -> polib.POEntry:
    """A message the catalog never had: a copy of the template's (match_domain)."""
    forms = dict(template.msgstr_plural)
    if template.msgid_plural and not any(forms.values()):
        forms = dict.fromkeys(range(nplurals), "")
    return _entry(
        msgctxt=template.msgctxt,
        msgid=template.msgid,
        msgid_plural=template.msgid_plural,
        msgstr=template.msgstr,
        msgstr_plural=forms,
        tcomment=template.tcomment,
        comment=template.comment,
        occurrences=list(template.occurrences),
        flags=_flags(_is_fuzzy(template), template.flags),
        previous_msgctxt=template.previous_msgctxt,
        previous_msgid=template.previous_msgid,
        previous_msgid_plural=template.previous_msgid_plural,
        obsolete=template.obsolete,
    )


def _obsolete_copy(old: polib.POEntry) -> polib.POEntry:
    """merge(): an unused old message, kept as ``#~`` without extracted comments or refs."""
    return _entry(
        msgctxt=old.msgctxt,
        msgid=old.msgid,
        msgid_plural=old.msgid_plural,
        msgstr=old.msgstr,
        msgstr_plural=dict(old.msgstr_plural),
        tcomment=old.tcomment,
        flags=_flags(_is_fuzzy(old), old.flags),
        previous_msgctxt=old.previous_msgctxt,
        previous_msgid=old.previous_msgid,
        previous_msgid_plural=old.previous_msgid_plural,
        obsolete=True,
    )


def _fix_plural_mismatch(entry: polib.POEntry, mark: int, nplurals: int) -> None:
    """match_domain's post-pass so that the result passes ``msgfmt -c``."""
    if mark == 1:  # was singular, now plural: the old msgstr in every form
        entry.msgstr_plural = dict.fromkeys(range(nplurals), entry.msgstr)
        entry.msgstr = ""
        if "fuzzy" not in entry.flags:
            entry.flags.insert(0, "fuzzy")
    elif mark == 2:  # was plural, now singular: form 0 only
        forms = entry.msgstr_plural
        entry.msgstr = forms.get(0, "")
        if len(forms) > 1 and "fuzzy" not in entry.flags:
            entry.flags.insert(0, "fuzzy")
        entry.msgstr_plural = {}


def _finish(entry: polib.POEntry, keep_previous: bool) -> None:
    """Drop ``#|`` unless fuzzy and translated (match_domain); write-po shows ``fuzzy``
    only on translated messages."""
    translated = bool(_first_msgstr(entry))
    if not keep_previous or not (_is_fuzzy(entry) and translated):
        entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
    if not translated and "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")


def merge_catalog(
    catalog: polib.POFile,
    pot: polib.POFile,
    *,
    fuzzy_matching: bool = True,
    keep_obsolete: bool = True,
    keep_previous: bool = True,
    reorder_header: bool = True,
    add_language: bool = True,
    nplurals: int | None = None,
) -> dict[str, int]:
    """Merge ``pot`` into ``catalog``, deciding every message as ``msgmerge --previous``.

    ``catalog``'s header and entries are replaced by the merged ones (no I/O; ``pot`` and
    the old entry records are not modified).  Returns counts: ``kept`` (exact matches),
    ``fuzzy`` (old translations offered for changed messages), ``new`` (untranslated
    additions) and ``obsoleted`` (``#~`` entries written).

    The defaults are msgmerge's.  Options a translator may prefer: ``fuzzy_matching=False``
    (``--no-fuzzy-matching``), ``keep_obsolete=False`` (pybabel's ``--ignore-obsolete``),
    ``keep_previous=False`` (msgmerge without ``--previous``), ``reorder_header=False``
    (keep header fields where they are), ``add_language=False`` (no guessed ``Language``),
    ``nplurals`` (forms for new plural messages instead of the header's count).
    """
    old_entries = list(catalog)
    exact: dict[tuple[str | None, str], polib.POEntry] = {}
    for old in old_entries:
        exact.setdefault((old.msgctxt, old.msgid), old)
    forms = nplurals if nplurals is not None else header_nplurals(catalog.metadata)
    index: FuzzyIndex | None = None
    used: set[int] = set()
    counts = {"kept": 0, "fuzzy": 0, "new": 0, "obsoleted": 0}

    merged: list[tuple[polib.POEntry, int]] = []
    for template in pot:
        if not template.msgid and template.msgctxt is None:
            continue  # a second header: msgmerge merges only the first
        old = exact.get((template.msgctxt, template.msgid))
        if old is not None:
            merged.append(_merge_message(old, template, False))
            used.add(id(old))
            counts["kept"] += 1
            continue
        if fuzzy_matching:
            if index is None:
                index = FuzzyIndex(old_entries)
            old = index.search(template.msgctxt, template.msgid)
            if old is not None:
                merged.append(_merge_message(old, template, True))
                used.add(id(old))
                counts["fuzzy"] += 1
                continue
        merged.append((_new_message(template, forms), 0))
        counts["new"] += 1

    result_forms = nplurals if nplurals is not None else header_nplurals(catalog.metadata)
    entries: list[polib.POEntry] = []
    for entry, mark in merged:
        _fix_plural_mismatch(entry, mark, result_forms)
        _finish(entry, keep_previous)
        entries.append(entry)

    if keep_obsolete:
        for old in old_entries:
            if id(old) in used or not _first_msgstr(old):
                continue  # write-po does not write untranslated obsolete messages
            entry = _obsolete_copy(old)
            if not keep_previous:
                entry.previous_msgctxt = entry.previous_msgid = None
                entry.previous_msgid_plural = None
            entries.append(entry)
            counts["obsoleted"] += 1

    catalog.metadata = merge_header(
        catalog.metadata, pot.metadata, reorder=reorder_header, add_language=add_language
    )
    del catalog[:]
    catalog.extend(entries)
    return counts


# --------------------------------------------------------------------------- the command


@dataclass
class MergeResult:
    """What ``update`` did to one catalog, for the summary line."""

    path: Path
    changed: bool
    kept: int = 0
    new: int = 0
    fuzzy: int = 0
    obsoleted: int = 0
    created: bool = False


@dataclass(frozen=True)
class MergeOptions:
    """``update``'s choices; the defaults are ``msgmerge --previous``'s."""

    fuzzy_matching: bool = True  # --no-fuzzy-matching
    keep_obsolete: bool = True  # --ignore-obsolete
    keep_previous: bool = True  # --no-previous
    reorder_header: bool = True  # --keep-header-order
    add_language: bool = True  # --no-guess-language


def update_catalogs(
    project: Project,
    locales: Iterable[str] | None = None,
    width: int | None = None,
    options: MergeOptions = MergeOptions(),
    *,
    init_missing: bool = False,
) -> list[MergeResult]:
    """Merge the POT into the catalog of each locale (default: every configured one).

    ``init_missing`` (pybabel's ``--init-missing``) creates a missing catalog with
    ``init`` first; without it a missing catalog is an error.
    """
    width = project.width if width is None else width
    if not project.pot_path.exists():
        raise InputError("no template; run `hfs-i18n extract` first", project.pot_path)
    pot = read_po(project.pot_path)
    results = []
    for locale in locales or project.locales:
        path = project.po_path(locale)
        created = False
        if not path.exists():
            if not init_missing:
                raise InputError(f"no catalog for {locale}; run `hfs-i18n init {locale}`", path)
            init_catalog(project, locale, width=width)
            created = True
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
        check_plural_header(catalog)
        counts = merge_catalog(
            catalog,
            pot,
            fuzzy_matching=options.fuzzy_matching,
            keep_obsolete=options.keep_obsolete,
            keep_previous=options.keep_previous,
            reorder_header=options.reorder_header,
            add_language=options.add_language,
        )
        changed = write_po(catalog, path, width) or created
        results.append(MergeResult(path=path, changed=changed, created=created, **counts))
    return results
