"""Weblate's bilingual glossary CSV and the two-column "simple" CSV, both ways."""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Callable

from hfs_i18n.errors import InputError
from hfs_i18n.terms.exchange import Incoming
from hfs_i18n.terms.model import (
    COMMENT_SEPARATOR,
    FORBIDDEN_COMMENT,
    ID_PATTERN,
    WEBLATE_COLUMNS,
    WEBLATE_META_KEYS,
    Concept,
    Glossary,
)


def _developer_comment(concept: Concept) -> str:
    """One line (Weblate's docs advise against multi-line CSV cells)."""
    parts = [concept.definition, f"pos: {concept.pos}"]
    if concept.reference:
        parts.append(f"reference: {concept.reference}")
    if concept.do_not_translate:
        parts.append("do-not-translate: yes")
    return COMMENT_SEPARATOR.join(parts)


def export_weblate_csv(glossary: Glossary, locale: str) -> str:
    """One Weblate glossary file for ``locale`` (Weblate maps one file to one language).

    Each (English term, target term) pair is a row; ``context`` tells the rows of one concept
    apart: ``<id>`` is the preferred pair, ``<id>#admitted-N`` an admitted rendering,
    ``<id>#forbidden-N`` a forbidden one, ``<id>#en-N`` an English variant.  ``flags``
    holds Weblate's glossary flags: ``forbidden`` on forbidden renderings, ``read-only``
    on do-not-translate terms.  Comments are single lines.
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, WEBLATE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for c in glossary.concepts:
        approved = c.terms.get(locale, [])
        target = approved[0] if approved else ""
        plain = "read-only" if c.do_not_translate else ""
        rows = [(c.en[0], target, c.id, c.note, plain)]
        rows += [
            (c.en[0], t, f"{c.id}#admitted-{i}", "", plain) for i, t in enumerate(approved[1:], 1)
        ]
        rows += [
            (c.en[0], t, f"{c.id}#forbidden-{i}", FORBIDDEN_COMMENT, "forbidden")
            for i, t in enumerate(c.forbidden.get(locale, []), 1)
        ]
        rows += [(t, target, f"{c.id}#en-{i}", "", plain) for i, t in enumerate(c.en[1:], 1)]
        comment = _developer_comment(c)
        for source, term, context, notes, flags in rows:
            writer.writerow(
                {
                    "source": source,
                    "target": term,
                    "context": context,
                    "translator_comments": notes,
                    "developer_comments": comment,
                    "flags": flags,
                }
            )
    return out.getvalue()


def _parse_developer_comment(text: str, concept: Concept) -> None:
    """Read :func:`_developer_comment` back (also the older multi-line form)."""
    parts = re.split(r" \| |\n", text)
    while parts:
        key, sep, value = parts[-1].partition(": ")
        if not sep or key.strip() not in WEBLATE_META_KEYS:
            break
        parts.pop()
        key = key.strip()
        if key == "pos":
            concept.pos = value.strip()
        elif key == "reference":
            concept.reference = value.strip()
        else:
            concept.do_not_translate = value.strip() == "yes"
    concept.definition = COMMENT_SEPARATOR.join(parts).strip()


def _unescape_cell(value: str | None) -> str:
    """A cell without Weblate's spreadsheet escaping (``'=x'`` for ``=x``), trimmed."""
    value = (value or "").strip()
    if len(value) > 2 and value[0] == value[-1] == "'" and value[1] in "=+-@\\%|":
        value = value[1:-1].replace("\\|", "|")
    return value


def _flags(cell: str | None) -> set[str]:
    return {flag.strip().lower() for flag in re.split(r"[,\s]+", cell or "") if flag.strip()}


_Reader = Callable[[str, str, object], list["Incoming"]]


def _csv_errors(function: _Reader) -> _Reader:
    """Malformed CSV (a 128 kB cell, a stray quote) is a one-line error, not a traceback."""

    @functools.wraps(function)
    def wrapper(text: str, locale: str, path: object = None) -> list[Incoming]:
        try:
            return function(text, locale, path)
        except csv.Error as exc:
            raise InputError(f"malformed CSV: {exc}", path) from None

    return wrapper


@_csv_errors
def read_weblate_csv(text: str, locale: str, path: object = None) -> list[Incoming]:
    """Concepts (English + one locale) from a Weblate glossary CSV: ours, or one Weblate
    or translate-toolkit wrote, where rows added in Weblate have no concept id."""
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    names = [name.strip() for name in reader.fieldnames or []]
    reader.fieldnames = names
    missing = [c for c in ("source", "target") if c not in names]
    if missing:
        raise InputError(f"missing Weblate column(s): {', '.join(missing)}", path, 1)
    concepts: dict[str, Concept] = {}
    loose: dict[str, Incoming] = {}
    pending: list[tuple[str, str, str, int]] = []
    for row in reader:
        line = reader.line_num
        context = _unescape_cell(row.get("context"))
        source, target = _unescape_cell(row.get("source")), _unescape_cell(row.get("target"))
        flags = _flags(row.get("flags"))
        concept_id, _, role = context.partition("#")
        if not source:
            if target or context:
                raise InputError("a row without a source term", path, line)
            continue
        if not ID_PATTERN.match(concept_id) or (role and not _ROLE.fullmatch(role)):
            _add_loose(loose, source, target, flags, row, locale, line)
            continue
        if not role:
            concept = Concept(
                id=concept_id, en=[source], note=_unescape_cell(row.get("translator_comments"))
            )
            _parse_developer_comment(_unescape_cell(row.get("developer_comments")), concept)
            concept.do_not_translate |= "read-only" in flags
            if target:
                bucket = concept.forbidden if "forbidden" in flags else concept.terms
                bucket[locale] = [target]
            concepts[concept_id] = concept
        else:
            kind = "forbidden" if "forbidden" in flags else role.split("-")[0]
            pending.append((concept_id, kind, source if kind == "en" else target, line))
    for concept_id, role, term, line in pending:
        concept = concepts.get(concept_id)
        if concept is None:
            raise InputError(f"{concept_id}: variant row without its preferred row", path, line)
        if role == "en":
            concept.en.append(term)
        elif term:
            bucket = concept.forbidden if role == "forbidden" else concept.terms
            bucket.setdefault(locale, []).append(term)
    return [Incoming(c, f"context {c.id!r}") for c in concepts.values()] + list(loose.values())


_ROLE = re.compile(r"(?:admitted|forbidden|en)-\d+")


def _add_loose(
    loose: dict[str, Incoming],
    source: str,
    target: str,
    flags: set[str],
    row: dict[str, str | None],
    locale: str,
    line: int,
) -> None:
    """A row without our concept id: rows with the same English term make one concept."""
    key = source.casefold()
    if key not in loose:
        concept = Concept(id="", en=[source])
        concept.note = _unescape_cell(row.get("translator_comments"))
        concept.definition = _unescape_cell(row.get("developer_comments"))
        loose[key] = Incoming(concept, f"line {line} ({source!r})", set(flags))
    concept = loose[key].concept
    concept.do_not_translate |= "read-only" in flags
    if target:
        bucket = concept.forbidden if "forbidden" in flags else concept.terms
        if target not in bucket.get(locale, []):
            bucket.setdefault(locale, []).append(target)


def parse_weblate_csv(text: str, locale: str, path: object = None) -> list[Concept]:
    """Concepts (with our ids) from a file written by :func:`export_weblate_csv`."""
    incoming = read_weblate_csv(text, locale, path)
    for item in incoming:
        if not item.concept.id:
            raise InputError(f"{item.where}: no concept id in 'context'", path)
    return [item.concept for item in incoming]


@_csv_errors
def read_simple_csv(text: str, locale: str, path: object = None) -> list[Incoming]:
    """Weblate's "simple CSV": two columns, English term and translation, no header."""
    loose: dict[str, Incoming] = {}
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    for values in reader:
        line = reader.line_num
        cells = [_unescape_cell(v) for v in values]
        if not any(cells):
            continue
        if len(cells) != 2:
            raise InputError(
                f"expected 2 fields (source, translation), found {len(cells)}", path, line
            )
        if line == 1 and [c.lower() for c in cells] in (["source", "target"], ["en", locale]):
            continue
        if not cells[0]:
            raise InputError("a row without a source term", path, line)
        _add_loose(loose, cells[0], cells[1], set(), {}, locale, line)
    return list(loose.values())
