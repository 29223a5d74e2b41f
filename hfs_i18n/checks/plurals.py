"""Plural forms: the header must match CLDR, and every plural entry must fill that many forms.

An Arabic catalog with Babel's old two-form header sends "11 months" to the wrong
sentence; that is invisible in review and only a header check catches it.
"""

from __future__ import annotations

from collections.abc import Iterator

import polib

from hfs_i18n.checks.registry import ERROR, CatalogContext, Message, check
from hfs_i18n.formats.plurals import (
    cldr_plural_forms,
    parse_plural_forms,
    plural_forms_problem,
    same_formula,
)


@check("plural-forms-header", ERROR, scope="catalog")
def plural_forms_header(catalog: polib.POFile, ctx: CatalogContext) -> Iterator[tuple[int, str]]:
    """The ``Plural-Forms`` header is missing, malformed, or differs from CLDR's rule."""
    expected = cldr_plural_forms(ctx.locale)
    header = catalog.metadata.get("Plural-Forms")
    if header is None:
        if any(entry.msgid_plural for entry in catalog if not entry.obsolete):
            yield 1, f"no Plural-Forms header; CLDR for {ctx.locale!r}: {expected.header}"
        return
    problem = plural_forms_problem(header)
    parsed = parse_plural_forms(header)
    if problem or parsed is None:
        yield 1, f"{problem or 'malformed Plural-Forms header'}; expected {expected.header}"
    elif parsed.count != expected.count or not same_formula(parsed.expression, expected.expression):
        yield 1, f"Plural-Forms {header!r} differs from CLDR for {ctx.locale!r}: {expected.header}"


@check("plural-count", ERROR, scope="entry", gate="plural")
def plural_count(msg: Message) -> Iterator[str]:
    """A plural entry whose number of ``msgstr[N]`` differs from the header's ``nplurals``."""
    entry = msg.entry
    if entry.msgid_plural and not entry.obsolete:
        count = len(entry.msgstr_plural)
        if count != msg.ctx.nplurals:
            yield f"{count} plural forms, the catalog declares nplurals={msg.ctx.nplurals}"
