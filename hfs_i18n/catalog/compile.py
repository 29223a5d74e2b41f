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
from hfs_i18n.formats.entries import form_pairs, is_translated, sources
from hfs_i18n.formats.mo import mo_bytes
from hfs_i18n.formats.plurals import (
    parse_plural_forms,
    plural_forms_problem,
    single_count_forms,
)
from hfs_i18n.formats.po import read_po
from hfs_i18n.text import placeholders
from hfs_i18n.text.controls import control_characters
from hfs_i18n.text.files import write_if_changed
from hfs_i18n.text.markup import markup_depth


@dataclass(frozen=True)
class Problem:
    """An error that makes a catalog unfit to compile (what ``msgfmt --check`` refuses)."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def compile_problems(
    catalog: polib.POFile, path: Path, limits: Limits | None = None
) -> list[Problem]:
    """Errors GNU ``msgfmt --check`` would refuse, with the line of each entry, and what
    no page can show: control characters, and translations beyond ``limits`` (size,
    markup nesting) that would stall or crash rendering."""
    limits = limits or Limits()
    problems: list[Problem] = []
    plural = catalog.metadata.get("Plural-Forms")
    parsed = parse_plural_forms(plural) if plural else None
    has_plurals = any(e.msgid_plural for e in catalog if not e.obsolete)
    plural_problem = plural_forms_problem(plural) if plural is not None else None
    if plural_problem:
        # Shape, nplurals <= 6, syntax, and no division by zero or form out of range.
        problems.append(Problem(path, 1, plural_problem))
        parsed = None
    elif has_plurals and parsed is None:
        problems.append(Problem(path, 1, "plural messages but no Plural-Forms header"))
    nplurals = parsed.count if parsed else 2
    single_n = single_count_forms(parsed.expression, parsed.count) if parsed else {}
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
        pairs = form_pairs(entry, single_n)
        first_source = entry.msgid
        for _, text, _ in pairs:
            for edge, name in ((0, "begin"), (-1, "end")):
                if (first_source[edge:][:1] == "\n") != (text[edge:][:1] == "\n"):
                    problems.append(
                        Problem(path, line, f"msgid and msgstr do not both {name} with '\\n'")
                    )
        for _, text, _ in pairs:
            problem = _unrenderable(text, sources(entry), limits)
            if problem:
                problems.append(Problem(path, line, problem))
                break
        # The same comparison as ``check``'s placeholder-missing/-extra, so a catalog
        # ``check`` fails for a placeholder never compiles.
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
    problems = compile_problems(catalog, Path(project.relative(path)), project.limits)
    if problems:
        raise CompileError(problems)
    mo_path = project.mo_path(locale)
    write_if_changed(mo_path, mo_bytes(mo_messages(catalog)), durable=False)
    return mo_path


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
