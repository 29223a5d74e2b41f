"""Headers: the ``Language`` field must be a language code.

A catalog that says ``Language: persian`` is read by GNU tools, Poedit and Weblate as an
unknown language (no plural rules, no spell checker), and a check run that trusted it
used to stop with a traceback.  The file's locale then comes from its path, ``--locale``
or, as a last resort, the English name (``persian`` -> ``fa``), and the header itself is
reported.  A code is judged by its shape (BCP 47 / POSIX: ``fa``, ``pt_BR``,
``sr@latin``, ``zh-Hans``), not by Babel's list, so that a real code Babel lacks
(``tlh``) is not an error.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import polib

from hfs_i18n.checks.registry import ERROR, CatalogContext, check

LANGUAGE_CODE_RE = re.compile(r"[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*(?:@[A-Za-z0-9]+)?")


def is_language_code(value: str) -> bool:
    """Whether ``value`` has the shape of a locale code (``fa``, ``ar_DZ``, ``sr@latin``)."""
    return LANGUAGE_CODE_RE.fullmatch(value) is not None


@functools.cache
def _codes_by_english_name() -> dict[str, str]:
    import babel

    return {name.casefold(): code for code, name in babel.Locale("en").languages.items()}


def code_for_name(value: str) -> str | None:
    """The language code whose English name is ``value`` (``Persian`` -> ``fa``), or None."""
    return _codes_by_english_name().get(value.strip().casefold())


@check("header-language", ERROR, scope="catalog")
def header_language(catalog: polib.POFile, ctx: CatalogContext) -> Iterator[tuple[int, str]]:
    """The ``Language`` header is not a language code (``persian`` instead of ``fa``)."""
    value = catalog.metadata.get("Language", "").strip()
    if value and not is_language_code(value):
        named = code_for_name(value)
        hint = f"; did you mean {named!r}?" if named else ""
        yield 1, f"Language {value!r} is not a language code{hint} (checked as {ctx.locale!r})"
