"""Compile: PO -> MO, refusing what ``msgfmt --check`` refuses and every placeholder
error ``check`` reports.

Translations for rendering are compiled in memory (:func:`translations`), so reading
commands (``readability``, ``check --pseudo``) never write into the source tree; only
``compile`` and ``build`` write ``.mo`` files, explicitly.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import polib

from hfs_i18n.catalog.fallback import find_catalog
from hfs_i18n.config import Project
from hfs_i18n.errors import InputError
from hfs_i18n.formats.entries import form_pairs, is_translated, sources
from hfs_i18n.formats.mo import mo_bytes
from hfs_i18n.formats.plurals import parse_plural_forms, single_count_forms
from hfs_i18n.formats.po import read_po
from hfs_i18n.text import placeholders
from hfs_i18n.text.files import write_if_changed


@dataclass(frozen=True)
class Problem:
    """An error that makes a catalog unfit to compile (what ``msgfmt --check`` refuses)."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


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
        # The same comparison as ``check``'s placeholder-missing/-extra, so a catalog
        # ``check`` fails for a placeholder never compiles.
        missing, extra = placeholders.compare(entry.flags, sources(entry), pairs)
        problems.extend(Problem(path, line, message) for message in (*missing, *extra))
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
    problems = compile_problems(catalog, Path(project.relative(path)))
    if problems:
        raise CompileError(problems)
    return mo_bytes(mo_messages(catalog))
