"""Compile: PO -> MO, refusing what ``msgfmt --check`` refuses and every placeholder
error ``check`` reports.

Translations for rendering are compiled in memory (:func:`translations`), so reading
commands (``readability``, ``check --pseudo``) never write into the source tree; only
``compile`` and ``build`` write ``.mo`` files, explicitly.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import polib

from hfs_i18n.catalog.fallback import find_catalog
from hfs_i18n.config import Limits, Project
from hfs_i18n.errors import InputError
from hfs_i18n.formats.entries import form_pairs, has_translation, is_translated, sources
from hfs_i18n.formats.mo import mo_bytes
from hfs_i18n.formats.plurals import (
    PluralFormsError,
    compile_expression,
    parse_plural_forms,
    plural_forms_keys,
    plural_forms_problem,
    single_count_forms,
)
from hfs_i18n.formats.po import read_po
from hfs_i18n.text import placeholders
from hfs_i18n.text.controls import control_characters
from hfs_i18n.text.files import write_if_changed
from hfs_i18n.text.format_directives import CHECKED_FORMATS, format_problem
from hfs_i18n.text.markup import markup_depth


@dataclass(frozen=True)
class Problem:
    """An error that makes a catalog unfit to compile (what ``msgfmt --check`` refuses)."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


# msgfmt's check_plural_eval: a form picked by more than this many counts in 0..1000 is
# "often used", and its translation must use every argument of the source.
_OFTEN = 5


def _plural_distribution(
    expression: str, nplurals: int, path: Path, line: int
) -> tuple[list[int], list[Problem]]:
    """How many counts in 0..1000 pick each form, and the header problems msgfmt reports."""
    try:
        plural = compile_expression(expression)  # our own parser: no eval, bounded depth
    except PluralFormsError:
        return [], [Problem(path, line, f"invalid plural expression: {expression}")]
    hits = [0] * nplurals
    largest = 0
    for n in range(1001):
        try:
            form = plural(n)
        except ZeroDivisionError:
            return [], [Problem(path, line, "plural expression can produce division by zero")]
        largest = max(largest, form)
        if 0 <= form < nplurals:
            hits[form] += 1
    if largest >= nplurals:
        message = f"nplurals = {nplurals} but plural expression can produce values as large as"
        return hits, [Problem(path, line, f"{message} {largest}")]
    return hits, []


def _has_directive_marks(flag: str, entry: polib.POEntry, forms: list[str]) -> bool:
    """Whether any string of the entry could hold a directive of ``flag`` (a fast path:
    a string without ``%`` or braces has nothing for msgfmt to compare)."""
    marks = "{}" if flag == "python-brace-format" else "%"
    texts = (entry.msgid, entry.msgid_plural, *forms)
    return any(mark in text for text in texts for mark in marks)


def _first_form(entry: polib.POEntry) -> str:
    if entry.msgid_plural:
        return entry.msgstr_plural.get(0, "") if entry.msgstr_plural else ""
    return entry.msgstr


def compile_problems(
    catalog: polib.POFile, path: Path, limits: Limits | None = None, *, use_fuzzy: bool = False
) -> list[Problem]:
    """Errors GNU ``msgfmt --check`` (gettext 0.21) refuses, with the line of each, plus
    every placeholder error ``check`` reports.

    Checked as msgfmt does, on the messages it would write (translated, not fuzzy unless
    ``use_fuzzy``): a missing header; the ``Plural-Forms`` header (present when plural
    translations exist, a valid expression whose values fit ``nplurals``); each plural
    message has ``nplurals`` forms; leading/trailing ``\\n`` agree; the directives of
    c-format, python-format and python-brace-format messages match their source's.
    Also what no page can show: control characters, and translations beyond ``limits``
    (size, markup nesting) that would stall or crash rendering; and a ``Plural-Forms``
    header that cannot be used safely (nplurals over 6, division by zero).
    """
    limits = limits or Limits()
    problems: list[Problem] = []
    header_line = getattr(catalog, "header_line", 1) or 1
    output = [
        e
        for e in catalog
        if not e.obsolete and _first_form(e) and (use_fuzzy or "fuzzy" not in e.flags)
    ]
    if getattr(catalog, "header_source", None) is None and not catalog.metadata:
        problems.append(Problem(path, 1, "PO file header missing or invalid"))
    plural_keys = plural_forms_keys(catalog.metadata)
    if len(plural_keys) > 1:
        problems.append(
            Problem(path, header_line, f"the header gives the plural forms twice: {plural_keys}")
        )
    # gettext reads the last one: so is it checked.
    plural_header = catalog.metadata[plural_keys[-1]] if plural_keys else None
    parsed = parse_plural_forms(plural_header) if plural_header is not None else None
    plural_entries = [e for e in output if e.msgid_plural]
    hits: list[int] = []
    plural_problem = plural_forms_problem(plural_header) if plural_header is not None else None
    if plural_problem:
        # Shape, nplurals <= 6, syntax, and no division by zero or form out of range.
        problems.append(Problem(path, header_line, plural_problem))
    elif plural_header is not None and parsed is None:
        problems.append(
            Problem(path, header_line, f"invalid Plural-Forms header: {plural_header!r}")
        )
    elif parsed is not None:
        hits, found = _plural_distribution(parsed.expression, parsed.count, path, header_line)
        problems.extend(found)
    if parsed is None and plural_entries:
        problems.append(
            Problem(
                path,
                plural_entries[0].linenum or 1,
                "message catalog has plural form translations, but the header lacks "
                "'Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;'",
            )
        )
    nplurals = parsed.count if parsed else 2
    single_n = single_count_forms(parsed.expression, parsed.count) if parsed else {}
    strict_forms = [count > _OFTEN for count in hits] if hits else [True] * nplurals
    for entry in output:
        line = entry.linenum or 1
        if entry.msgid_plural:
            forms = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
            if parsed is not None and len(forms) != nplurals:
                problems.append(
                    Problem(
                        path,
                        line,
                        f"{len(forms)} plural forms, the header declares nplurals = {nplurals}",
                    )
                )
        else:
            forms = [entry.msgstr]
        begins, ends = entry.msgid[:1] == "\n", entry.msgid[-1:] == "\n"
        for text in forms:
            if text and (text[:1] == "\n") != begins:
                problems.append(
                    Problem(path, line, "msgid and msgstr do not both begin with '\\n'")
                )
            elif text and (text[-1:] == "\n") != ends:
                problems.append(Problem(path, line, "msgid and msgstr do not both end with '\\n'"))
        for flag in entry.flags:
            if flag in CHECKED_FORMATS and _has_directive_marks(flag, entry, forms):
                strict = [True] if not entry.msgid_plural else strict_forms
                message = format_problem(flag, entry.msgid, entry.msgid_plural, forms, strict)
                if message:
                    problems.append(Problem(path, line, message))
        for text in forms:
            problem = _unrenderable(text, sources(entry), limits)
            if problem:
                problems.append(Problem(path, line, problem))
                break
        # The same comparison as ``check``'s placeholder-missing/-extra, so a catalog
        # ``check`` fails for a placeholder never compiles.
        texts = (entry.msgid, entry.msgid_plural, *forms)
        if any("%" in text or "{" in text for text in texts):
            pairs = form_pairs(entry, single_n)
            missing, extra = placeholders.compare(entry.flags, sources(entry), pairs)
            problems.extend(Problem(path, line, message) for message in (*missing, *extra))
    return problems


def _unrenderable(text: str, source_texts: tuple[str, ...], limits: Limits) -> str | None:
    """Why a translated form cannot go into an ``.mo`` that renders, or None."""
    if len(text) > limits.max_message_size:
        return (
            f"translation of {len(text)} characters is longer than max-message-size "
            f"({limits.max_message_size})"
        )
    controls = set(control_characters(text))
    if controls:
        # The same rule as check's control-character.
        controls -= {c for s in source_texts for c in control_characters(s)}
        if controls:
            names = ", ".join(f"U+{ord(c):04X}" for c in sorted(controls))
            return f"control character {names} in the translation"
    if "<" in text:
        depth = markup_depth(text)
        if depth > limits.max_nesting_depth:
            return (
                f"markup nested {depth} deep, more than max-nesting-depth "
                f"({limits.max_nesting_depth})"
            )
    return None


def _compiled_entry(entry: polib.POEntry, use_fuzzy: bool) -> bool:
    if use_fuzzy and "fuzzy" in entry.flags:
        return is_translated(entry, ignore_fuzzy=True)
    return is_translated(entry)


def mo_messages(catalog: polib.POFile, *, use_fuzzy: bool = False) -> Iterator[tuple[str, str]]:
    """The ``(key, value)`` pairs an MO file holds: the header and complete translations
    (fuzzy ones too with ``use_fuzzy``, as ``msgfmt --use-fuzzy``)."""
    header = "".join(f"{k}: {v}\n" for k, v in catalog.metadata.items())
    yield "", header
    for entry in catalog:
        if not _compiled_entry(entry, use_fuzzy):
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


@dataclass(frozen=True)
class CompileResult:
    """One compiled catalog and ``msgfmt --statistics``'s counts for it."""

    path: Path
    translated: int
    fuzzy: int
    untranslated: int

    def statistics(self) -> str:
        def count(n: int, one: str, many: str) -> str:
            return f"{n} {one if n == 1 else many}"

        # As msgfmt words it: fuzzy and untranslated counts only when there are some.
        parts = [count(self.translated, "translated message", "translated messages")]
        if self.fuzzy:
            parts.append(count(self.fuzzy, "fuzzy translation", "fuzzy translations"))
        if self.untranslated:
            parts.append(count(self.untranslated, "untranslated message", "untranslated messages"))
        return ", ".join(parts)


def _statistics(catalog: polib.POFile) -> tuple[int, int, int]:
    """msgfmt's counts: translated, fuzzy (with a translation), untranslated."""
    translated = fuzzy = untranslated = 0
    for entry in catalog:
        if entry.obsolete:
            continue
        if not has_translation(entry):
            untranslated += 1
        elif "fuzzy" in entry.flags:
            fuzzy += 1
        else:
            translated += 1
    return translated, fuzzy, untranslated


def compile_catalog(project: Project, locale: str, *, use_fuzzy: bool = False) -> CompileResult:
    """Compile one locale's catalog; refuse (:class:`CompileError`) if it has errors."""
    path = project.po_path(locale)
    catalog = read_po(path)
    problems = compile_problems(
        catalog, Path(project.relative(path)), project.limits, use_fuzzy=use_fuzzy
    )
    if problems:
        raise CompileError(problems)
    mo_path = project.mo_path(locale)
    write_if_changed(mo_path, mo_bytes(mo_messages(catalog, use_fuzzy=use_fuzzy)), durable=False)
    return CompileResult(mo_path, *_statistics(catalog))


class CompileError(InputError):
    """A catalog with one or more errors; ``problems`` lists them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = problems[0]
        super().__init__(first.message, first.path, first.line)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def compiled(project: Project, locale: str) -> bytes | None:
    """MO bytes of the catalog ``locale`` renders with, compiled in memory (nothing is
    written).

    The catalog is the locale's own or its parent's (:mod:`hfs_i18n.catalog.fallback`:
    ``ar-EG`` falls back to ``ar``); the source locale has none (it renders the source
    text); a locale with no catalog at all raises :class:`InputError`.  A catalog
    ``compile`` would refuse is refused here too.
    """
    if locale == project.source_locale:
        return None
    path = find_catalog(project, locale)
    if path is None:
        return None
    catalog = read_po(path)
    problems = compile_problems(catalog, Path(project.relative(path)), project.limits)
    if problems:
        raise CompileError(problems)
    return mo_bytes(mo_messages(catalog))
