"""What rendering knows about a locale, and the template filters bound to it.

Direction, numbering and case mapping come from Babel's locale data, never from a list
kept here, so a new locale needs no code.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from babel import Locale, UnknownLocaleError, dates, numbers
from babel.core import get_global
from markupsafe import Markup, escape

from hfs_i18n.config import PSEUDO_LOCALES
from hfs_i18n.errors import InputError
from hfs_i18n.text.bidi import text_direction
from hfs_i18n.text.digits import COUNTER_STYLES, NUMBERING_DIGITS, to_numbering
from hfs_i18n.text.scripts import DOTTED_I_LANGUAGES, turkish_lower, turkish_upper


@dataclass(frozen=True)
class LocaleInfo:
    """What rendering needs to know about one output locale."""

    tag: str  # as configured: "ar", "pt_BR", "ar-XB"; also the dist/ folder name
    babel: Locale  # the locale's Babel data (the base language's for pseudo-locales)
    pseudo: bool

    @property
    def lang(self) -> str:
        """BCP 47 tag for ``<html lang>``."""
        return self.tag.replace("_", "-")

    @property
    def dir(self) -> str:
        return "rtl" if self.babel.character_order == "right-to-left" else "ltr"

    @property
    def script(self) -> str:
        """ISO 15924 code of the locale's writing system ("Latn", "Arab", "Deva"), from
        CLDR's likely subtags when the tag does not name one."""
        if self.babel.script:
            return self.babel.script
        likely = get_global("likely_subtags").get(self.babel.language, "")
        parts = likely.split("_")
        return parts[1] if len(parts) > 2 else "Latn"

    @property
    def numbering_system(self) -> str:
        system = self.babel.default_numbering_system
        return system if system in NUMBERING_DIGITS else "latn"

    @property
    def counter_style(self) -> str:
        """CSS counter style that writes numbers as the locale does (page numbers, lists)."""
        return COUNTER_STYLES[self.numbering_system]

    @property
    def native_name(self) -> str:
        name = self.babel.get_display_name(self.babel) or self.tag
        return f"{name} ({self.tag})" if self.pseudo else name

    def digits(self, text: str) -> str:
        """``text`` with ASCII digits in the locale's default numbering system."""
        return to_numbering(text, self.numbering_system)


def locale_info(tag: str) -> LocaleInfo:
    """Babel data for ``tag``; pseudo-locales (``ar-XB``) use their base language's data."""
    normalized = tag.replace("-", "_")
    parts = normalized.split("_")
    pseudo = tag in PSEUDO_LOCALES
    try:
        babel_locale = Locale.parse(PSEUDO_LOCALES[tag] if pseudo else normalized)
    except (ValueError, UnknownLocaleError):
        try:
            babel_locale = Locale.parse(parts[0])
        except (ValueError, UnknownLocaleError):
            raise InputError(f"unknown locale {tag!r}") from None
    return LocaleInfo(tag=tag, babel=babel_locale, pseudo=pseudo)


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string that no translation can break out of."""
    escaped = "".join(
        ch if ch.isalnum() or ch == " " or ord(ch) > 127 else f"\\{ord(ch):x} " for ch in text
    )
    return f'"{escaped}"'


def make_filters(info: LocaleInfo) -> dict[str, Callable[..., Any]]:
    """The contract's filters, bound to one locale."""
    babel_locale = info.babel
    turkic = babel_locale.language in DOTTED_I_LANGUAGES

    def format_date(value: dt.date, format: str = "medium") -> str:
        return info.digits(dates.format_date(value, format=format, locale=babel_locale))

    def format_number(value: float) -> str:
        return info.digits(
            numbers.format_decimal(value, locale=babel_locale, numbering_system="default")
        )

    def format_decimal(value: float, format: str | None = None) -> str:
        return info.digits(
            numbers.format_decimal(
                value, format=format, locale=babel_locale, numbering_system="default"
            )
        )

    def format_percent(value: float, format: str | None = None) -> str:
        return info.digits(
            numbers.format_percent(
                value, format=format, locale=babel_locale, numbering_system="default"
            )
        )

    def upper(value: Any) -> Any:
        text = str(value)
        return _keep_markup(value, turkish_upper(text) if turkic else text.upper())

    def lower(value: Any) -> Any:
        text = str(value)
        return _keep_markup(value, turkish_lower(text) if turkic else text.lower())

    def title(value: Any) -> Any:
        def word(match: re.Match[str]) -> str:
            first, rest = match.group(1), match.group(2)
            return str(upper(first)) + str(lower(rest))

        return _keep_markup(value, re.sub(r"(\w)(\w*)", word, str(value)))

    return {
        "format_date": format_date,
        "format_number": format_number,
        "format_decimal": format_decimal,
        "format_percent": format_percent,
        "ltr": ltr,
        "isolate": isolate,
        "upper": upper,
        "lower": lower,
        "title": title,
        "page_counters": page_counters,
        "plain": plain,
    }


# A tag of markup we made safe: allowed inline tags, never a "<" of the text (escaped).
_TAG_RE = re.compile(r"<[^<>]*>")


def plain_text(value: Any) -> str:
    """A translation (or any value) as plain text: markup loses its tags and its entities
    are decoded, whitespace is collapsed (as a browser shows a title).  Not escaped."""
    if hasattr(value, "__html__"):
        text = html.unescape(_TAG_RE.sub("", str(value.__html__())))
    else:
        text = str(value)
    return " ".join(text.split())


def plain(value: Any) -> Markup:
    """The ``plain`` filter: a translation as plain text escaped for HTML, for every
    context that is not element content: an attribute value, ``<title>``, ``<meta>``
    (so the PDF's metadata).

    Inline markup inside an attribute is how a translation once closed ``aria-label``
    and added event handlers to the page (issue 14).  The text is escaped here, quotes
    included, rather than left to autoescaping, because a ``{% filter plain %}`` section
    (the layout's ``<title>`` around a block) is not autoescaped after the filter.
    """
    return escape(plain_text(value))


PAGE_MARK, PAGES_MARK = "\ue000", "\ue001"


def page_counters(message: Any, counter_style: str) -> Markup:
    """A translated "Page %(page)s of %(pages)s" as a CSS ``content`` value.

    The layout formats the message with private-use marks for the placeholders; here the
    text around them becomes escaped CSS strings and the marks become page counters in
    the locale's numbering style, so the numbers are the reader's digits.
    """
    text = plain_text(message)
    parts: list[str] = []
    for piece in re.split(f"([{PAGE_MARK}{PAGES_MARK}])", text):
        if piece == PAGE_MARK:
            parts.append(f"counter(page, {counter_style})")
        elif piece == PAGES_MARK:
            parts.append(f"counter(pages, {counter_style})")
        elif piece:
            parts.append(css_string(piece))
    return Markup(" ".join(parts) or '""')


def _keep_markup(original: Any, text: str) -> Any:
    return Markup(text) if isinstance(original, Markup) else text


def ltr(value: Any) -> Markup:
    """Isolate a left-to-right value (phone, e-mail, URL) for browsers and WeasyPrint."""
    return Markup('<span dir="ltr">{}</span>').format(value)


def isolate(value: Any) -> Markup:
    """Isolate a value of unknown direction (a clinic's name or address) in its own direction.

    Like ``dir="auto"``, resolved here because WeasyPrint honours only an explicit ``dir``:
    a Latin address inside an Arabic footer keeps "1 Example Street" in order, and an
    Arabic address inside an English one reads right to left.
    """
    return Markup('<span dir="{}">{}</span>').format(text_direction(str(value)), value)
