"""The catalog pipeline: extract → POT, init and update → PO, compile → MO, and statistics.

These are plain functions over a :class:`~hfs_i18n.config.Project`; the CLI only parses
options and prints.  Every file is written atomically and only when its bytes change,
so running a step twice leaves the tree as it was (no diff noise for translators).
"""

from __future__ import annotations

import difflib
import gettext
import io
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import babel
import polib

from hfs_i18n import __version__
from hfs_i18n.config import PSEUDO_LOCALES, Project
from hfs_i18n.errors import InputError
from hfs_i18n.mo import mo_bytes
from hfs_i18n.plurals import cldr_plural_forms, language_of, parse_plural_forms
from hfs_i18n.po import atomic_write, format_po, read_po, write_po

TRANSLATOR_COMMENT_TAG = "Translators:"
# msgmerge's threshold for offering an old translation of a similar message.
FUZZY_CUTOFF = 0.6


# --------------------------------------------------------------------------- helpers


def now_stamp() -> str:
    """A PO date stamp; ``SOURCE_DATE_EPOCH`` makes it reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.strftime("%Y-%m-%d %H:%M+0000")


def validate_locale(locale: str) -> str:
    """Return ``locale`` if Babel (CLDR) knows it, else raise :class:`InputError`."""
    if locale in PSEUDO_LOCALES:
        return locale
    try:
        babel.Locale.parse(locale.replace("-", "_"))
    except (ValueError, babel.UnknownLocaleError):
        raise InputError(f"unknown locale {locale!r} (not in CLDR)") from None
    return locale


def is_translated(entry: polib.POEntry) -> bool:
    """Complete and usable: not fuzzy, not obsolete, every plural form filled."""
    if entry.obsolete or "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        forms = entry.msgstr_plural
        return bool(forms) and all(forms.values())
    return bool(entry.msgstr)


def is_fuzzy(entry: polib.POEntry) -> bool:
    return not entry.obsolete and "fuzzy" in entry.flags


def word_count(text: str) -> int:
    return len(re.findall(r"\w+(?:['’-]\w+)*", re.sub(r"<[^>]*>|%\([^)]*\)\w|\{\w*\}", " ", text)))


# --------------------------------------------------------------------------- extract


def _template_files(project: Project) -> Iterator[Path]:
    for folder in project.template_dirs:
        if not folder.is_dir():
            raise InputError("template folder does not exist", project.relative(folder))
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".html", ".txt", ".xml", ".j2", ".jinja"):
                yield path


def extract_messages(project: Project) -> list[polib.POEntry]:
    """Messages of every template, in order of first appearance, with references.

    Uses Babel's Jinja2 extractor (``{% trans %}``, ``{% pluralize %}``, ``_()``,
    ``gettext``, ``ngettext``, ``pgettext``) with trimmed whitespace and translator
    comments tagged ``Translators:``.
    """
    from babel.messages.extract import extract_from_file
    from jinja2 import TemplateSyntaxError

    entries: dict[tuple[str | None, str], polib.POEntry] = {}
    options = {"extensions": "jinja2.ext.i18n", "trimmed": "true", "silent": "false"}
    for path in _template_files(project):
        relative = project.relative(path)
        try:
            found = extract_from_file(
                "jinja2.ext:babel_extract",
                str(path),
                keywords={
                    "_": None,
                    "gettext": None,
                    "ngettext": (1, 2),
                    "pgettext": ((1, "c"), 2),
                    "npgettext": ((1, "c"), 2, 3),
                },
                comment_tags=(TRANSLATOR_COMMENT_TAG,),
                options=options,
                strip_comment_tags=False,
            )
            found = list(found)
        except TemplateSyntaxError as exc:
            raise InputError(f"template error: {exc.message}", relative, exc.lineno) from None
        for lineno, message, comments, context in found:
            if isinstance(message, tuple | list):
                msgid, msgid_plural = message[0], message[1] if len(message) > 1 else ""
            else:
                msgid, msgid_plural = message, ""
            if not msgid:
                continue
            key = (context or None, msgid)
            entry = entries.get(key)
            if entry is None:
                entry = polib.POEntry(
                    msgid=msgid,
                    msgid_plural=msgid_plural,
                    msgstr_plural={0: "", 1: ""} if msgid_plural else {},
                    msgctxt=context or None,
                    occurrences=[],
                    flags=[],
                    comment="",
                )
                entries[key] = entry
            elif msgid_plural and entry.msgid_plural and msgid_plural != entry.msgid_plural:
                raise InputError(
                    f"message {msgid!r} has two different plural forms", relative, lineno
                )
            entry.occurrences.append((relative, str(lineno)))
            for comment in comments:
                lines = entry.comment.split("\n") if entry.comment else []
                if comment not in lines:
                    entry.comment = "\n".join([*lines, comment])
            if _is_python_format(msgid) or _is_python_format(msgid_plural):
                if "python-format" not in entry.flags:
                    entry.flags.append("python-format")
    return list(entries.values())


_PYTHON_FORMAT_RE = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrs]")


def _is_python_format(text: str) -> bool:
    return bool(text) and _PYTHON_FORMAT_RE.search(text) is not None


def pot_header(project: Project, created: str) -> dict[str, str]:
    return {
        "Project-Id-Version": project.name,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": created,
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Generated-By": f"hfs-i18n {__version__}",
    }


def _same_entries(a: Iterable[polib.POEntry], b: Iterable[polib.POEntry]) -> bool:
    def key(e: polib.POEntry) -> tuple:
        return (e.msgctxt, e.msgid, e.msgid_plural, e.comment, e.occurrences, e.flags)

    return [key(e) for e in a] == [key(e) for e in b]


def extract(project: Project, width: int | None = None) -> tuple[Path, int, bool]:
    """Write the project's POT; return (path, message count, whether it changed).

    The creation date is kept when the messages did not change, so re-extracting an
    unchanged tree is a no-op.
    """
    width = project.width if width is None else width
    messages = extract_messages(project)
    pot_path = project.pot_path
    created = now_stamp()
    if pot_path.exists():
        old = read_po(pot_path)
        if _same_entries(old, messages):
            created = old.metadata.get("POT-Creation-Date", created)
    pot = polib.POFile()
    pot.header = (
        f"Translations template for {project.name}.\n"
        "This file is generated by `hfs-i18n extract`; do not edit it by hand."
    )
    pot.metadata = pot_header(project, created)
    pot.metadata_is_fuzzy = ["fuzzy"]
    pot.extend(messages)
    changed = write_po(pot, pot_path, width)
    return pot_path, len(messages), changed


# --------------------------------------------------------------------------- init


def new_catalog_header(project: Project, locale: str, pot: polib.POFile) -> dict[str, str]:
    plural = cldr_plural_forms(PSEUDO_LOCALES.get(locale, locale))
    try:
        name = babel.Locale.parse(PSEUDO_LOCALES.get(locale, locale).replace("-", "_"))
        team = f"{name.english_name} <LL@li.org>"
    except (ValueError, babel.UnknownLocaleError):
        team = "LANGUAGE <LL@li.org>"
    return {
        "Project-Id-Version": pot.metadata.get("Project-Id-Version", project.name),
        "Report-Msgid-Bugs-To": pot.metadata.get("Report-Msgid-Bugs-To", ""),
        "POT-Creation-Date": pot.metadata.get("POT-Creation-Date", now_stamp()),
        "PO-Revision-Date": now_stamp(),
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": team,
        "Language": locale.replace("-", "_"),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural.header,
        "Generated-By": f"hfs-i18n {__version__}",
    }


def _blank_forms(count: int) -> dict[int, str]:
    return dict.fromkeys(range(count), "")


def init_catalog(
    project: Project, locale: str, *, force: bool = False, width: int | None = None
) -> Path:
    """Create ``locales/<locale>/LC_MESSAGES/<domain>.po`` from the POT."""
    validate_locale(locale)
    path = project.po_path(locale)
    if path.exists() and not force:
        raise InputError("catalog already exists (use --force to replace it)", path)
    if not project.pot_path.exists():
        raise InputError("no template; run `hfs-i18n extract` first", project.pot_path)
    pot = read_po(project.pot_path)
    catalog = polib.POFile()
    try:
        language = babel.Locale.parse(PSEUDO_LOCALES.get(locale, locale).replace("-", "_"))
        language_name = language.english_name
    except (ValueError, babel.UnknownLocaleError):
        language_name = locale
    catalog.header = (
        f"{language_name} translations for {project.name}.\n"
        "This file is distributed under the same license as the project."
    )
    catalog.metadata = new_catalog_header(project, locale, pot)
    nplurals = cldr_plural_forms(PSEUDO_LOCALES.get(locale, locale)).count
    for entry in pot:
        if entry.obsolete:
            continue
        catalog.append(_fresh_entry(entry, nplurals))
    write_po(catalog, path, project.width if width is None else width)
    return path


def _fresh_entry(template: polib.POEntry, nplurals: int) -> polib.POEntry:
    return polib.POEntry(
        msgid=template.msgid,
        msgid_plural=template.msgid_plural,
        msgstr="",
        msgstr_plural=_blank_forms(nplurals) if template.msgid_plural else {},
        msgctxt=template.msgctxt,
        comment=template.comment,
        occurrences=list(template.occurrences),
        flags=[f for f in template.flags if f != "fuzzy"],
    )


# --------------------------------------------------------------------------- update


def catalog_nplurals(catalog: polib.POFile, locale: str) -> int:
    """Number of plural forms the catalog's own header declares (translator-owned)."""
    parsed = parse_plural_forms(catalog.metadata.get("Plural-Forms", ""))
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
    forms = _blank_forms(nplurals)
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
        entry = _fresh_entry(template, nplurals)
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
                candidates = FuzzyIndex(
                    e for e in catalog if e.msgid and (e.msgstr or any(e.msgstr_plural.values()))
                )
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
            if not (old.msgstr or any(old.msgstr_plural.values())):
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
        counts = merge_catalog(catalog, pot, catalog_nplurals(catalog, locale))
        changed = write_po(catalog, path, width)
        results.append(MergeResult(path=path, changed=changed, **counts))
    return results


# --------------------------------------------------------------------------- compile


@dataclass(frozen=True)
class Problem:
    """An error that makes a catalog unfit to compile (what ``msgfmt --check`` refuses)."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


_FORMAT_PLACEHOLDER_RE = re.compile(r"%(?:\(([^)]*)\))?[-#0 +]*\d*(?:\.\d+)?([diouxXeEfFgGcrs%])")


def _python_placeholders(text: str) -> set[str]:
    return {
        f"%({name})" if name is not None else f"%{conv}"
        for name, conv in _FORMAT_PLACEHOLDER_RE.findall(text)
        if conv != "%"
    }


def compile_problems(catalog: polib.POFile, path: Path) -> list[Problem]:
    """Errors GNU ``msgfmt --check`` would refuse, with the line of each entry."""
    problems: list[Problem] = []
    plural = catalog.metadata.get("Plural-Forms")
    parsed = parse_plural_forms(plural) if plural else None
    has_plurals = any(e.msgid_plural for e in catalog if not e.obsolete)
    if plural is not None and parsed is None:
        problems.append(Problem(path, 1, f"invalid Plural-Forms header: {plural!r}"))
    elif parsed is not None:
        try:
            gettext.c2py(parsed.expression)
        except (ValueError, SyntaxError):
            problems.append(Problem(path, 1, f"invalid plural expression: {parsed.expression}"))
    elif has_plurals:
        problems.append(Problem(path, 1, "plural messages but no Plural-Forms header"))
    nplurals = parsed.count if parsed else 2
    for entry in catalog:
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        line = entry.linenum or 1
        if entry.msgid_plural:
            filled = [s for s in entry.msgstr_plural.values() if s]
            if filled and len(entry.msgstr_plural) != nplurals:
                problems.append(
                    Problem(
                        path,
                        line,
                        f"{len(entry.msgstr_plural)} plural forms, the header declares {nplurals}",
                    )
                )
            translations = [s for s in entry.msgstr_plural.values() if s]
            sources = [entry.msgid, entry.msgid_plural]
        else:
            translations = [entry.msgstr] if entry.msgstr else []
            sources = [entry.msgid]
        for text in translations:
            for edge, name in ((0, "begin"), (-1, "end")):
                if (sources[0][edge:][:1] == "\n") != (text[edge:][:1] == "\n"):
                    problems.append(
                        Problem(path, line, f"msgid and msgstr do not both {name} with '\\n'")
                    )
        if "python-format" in entry.flags and translations:
            expected = set().union(*(_python_placeholders(s) for s in sources))
            for text in translations:
                found = _python_placeholders(text)
                unknown = found - expected
                if unknown:
                    problems.append(
                        Problem(
                            path,
                            line,
                            "placeholder not in the source: " + ", ".join(sorted(unknown)),
                        )
                    )
            if not entry.msgid_plural:
                missing = expected - _python_placeholders(translations[0])
                if missing:
                    problems.append(
                        Problem(
                            path,
                            line,
                            "placeholder missing from the translation: "
                            + ", ".join(sorted(missing)),
                        )
                    )
    return problems


def mo_messages(catalog: polib.POFile) -> Iterator[tuple[str, str]]:
    """The ``(key, value)`` pairs an MO file holds: the header and complete translations."""
    header = "".join(f"{k}: {v}\n" for k, v in catalog.metadata.items())
    yield "", header
    for entry in catalog:
        if not is_translated(entry):
            continue
        key = entry.msgid
        if entry.msgctxt is not None:
            key = f"{entry.msgctxt}\x04{key}"
        if entry.msgid_plural:
            key = f"{key}\x00{entry.msgid_plural}"
            value = "\x00".join(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
        else:
            value = entry.msgstr
        yield key, value


def compile_catalog(project: Project, locale: str) -> Path:
    """Compile one locale's catalog; refuse (``InputError``) if it has errors."""
    path = project.po_path(locale)
    catalog = read_po(path)
    problems = compile_problems(catalog, Path(project.relative(path)))
    if problems:
        raise CompileError(problems)
    mo_path = project.mo_path(locale)
    atomic_write(mo_path, mo_bytes(mo_messages(catalog)))
    return mo_path


class CompileError(InputError):
    """A catalog with one or more errors; ``problems`` lists them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = problems[0]
        super().__init__(first.message, first.path, first.line)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def compile_if_stale(project: Project, locale: str) -> Path:
    """Compile when the ``.po`` is newer than its ``.mo`` (what ``build`` relies on)."""
    po_path = project.po_path(locale)
    mo_path = project.mo_path(locale)
    try:
        if mo_path.stat().st_mtime_ns >= po_path.stat().st_mtime_ns:
            return mo_path
    except FileNotFoundError:
        pass
    return compile_catalog(project, locale)


def load_translations(project: Project, locale: str) -> gettext.NullTranslations:
    """Translations for rendering ``locale``: fuzzy entries fall back to the source text."""
    if locale == project.source_locale or not project.po_path(locale).exists():
        return gettext.NullTranslations()
    mo_path = compile_if_stale(project, locale)
    with open(mo_path, "rb") as handle:
        return gettext.GNUTranslations(io.BytesIO(handle.read()))


# --------------------------------------------------------------------------- stats


@dataclass
class CatalogStats:
    """Progress of one catalog; fuzzy never counts as translated."""

    locale: str
    path: str = ""
    total: int = 0
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    obsolete: int = 0
    words: int = 0
    translated_words: int = 0

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0

    def as_dict(self) -> dict[str, object]:
        return {
            "total": self.total,
            "translated": self.translated,
            "fuzzy": self.fuzzy,
            "untranslated": self.untranslated,
            "obsolete": self.obsolete,
            "percent": round(self.percent, 2),
            "words": self.words,
            "translated_words": self.translated_words,
        }


def catalog_stats(
    catalog: polib.POFile, locale: str, path: str = "", *, count_words: bool = True
) -> CatalogStats:
    """Entry counts of one catalog; ``count_words=False`` skips the word counts, which
    ``check`` does not report and which cost a tenth of a second per 20,000 entries."""
    stats = CatalogStats(locale=locale, path=path)
    for entry in catalog:
        if entry.obsolete:
            stats.obsolete += 1
            continue
        stats.total += 1
        words = word_count(entry.msgid) if count_words else 0
        stats.words += words
        if is_translated(entry):
            stats.translated += 1
            stats.translated_words += words
        elif "fuzzy" in entry.flags:
            stats.fuzzy += 1
        else:
            stats.untranslated += 1
    return stats


def project_stats(project: Project, locales: Iterable[str] | None = None) -> list[CatalogStats]:
    results = []
    for locale in locales or project.locales:
        path = project.po_path(locale)
        results.append(catalog_stats(read_po(path), locale, project.relative(path)))
    return results


def catalog_text(catalog: polib.POFile, width: int = 79) -> str:
    """The catalog as it would be written (for dry runs and tests)."""
    return format_po(catalog, width)


__all__ = [
    "CatalogStats",
    "CompileError",
    "MergeResult",
    "Problem",
    "catalog_stats",
    "compile_catalog",
    "compile_if_stale",
    "compile_problems",
    "extract",
    "init_catalog",
    "is_fuzzy",
    "is_translated",
    "language_of",
    "load_translations",
    "merge_catalog",
    "project_stats",
    "update_catalogs",
]
